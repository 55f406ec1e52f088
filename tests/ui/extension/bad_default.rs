//! A default must fit its type, ncat-api's enums included.
ncat_api::extend!(relative_to_file = "bad_default");

fn main() {}
