//! A schema with a problem is a compile error naming file:line:col.
ncat_codegen::generate!(relative_to_file = "unknown_type");

fn main() {}
