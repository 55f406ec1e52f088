//! An event field whose type is neither built in, nor an enum or hook of
//! the file, is a compile error naming file:line:col.
ncat_codegen::generate_events!(relative_to_file = "event_unknown_type");

fn main() {}
