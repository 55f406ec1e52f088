//! An extension schema's unknown type is a compile error naming file:line:col.
ncat_api::extend!(relative_to_file = "unknown_type");

fn main() {}
