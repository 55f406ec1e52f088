//! A segment's `builder` naming an argument kind ncat does not know is a
//! compile error naming file:line:col.
ncat_codegen::generate_segments!(relative_to_file = "segment_unknown_builder");

fn main() {}
