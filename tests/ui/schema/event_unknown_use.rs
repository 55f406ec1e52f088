//! `use:` of a shared field the file does not define is a compile error
//! naming file:line:col.
ncat_codegen::generate_events!(relative_to_file = "event_unknown_use");

fn main() {}
