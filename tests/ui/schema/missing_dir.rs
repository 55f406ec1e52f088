//! A schema directory that does not exist is a compile error, not a panic.
ncat_codegen::generate!(relative_to_file = "no_such_schema");

fn main() {}
