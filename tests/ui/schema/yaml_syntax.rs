//! A schema with a problem is a compile error naming file:line:col.
ncat_codegen::generate!(relative_to_file = "yaml_syntax");

fn main() {}
