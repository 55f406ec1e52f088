//! An extension uses ncat-api's shared types by name; it cannot redefine one.
ncat_api::extend!(relative_to_file = "type_redefined");

fn main() {}
