//! A segment schema with a problem is a compile error naming file:line:col.
ncat_codegen::generate_segments!(relative_to_file = "segment_duplicate_kind");

fn main() {}
