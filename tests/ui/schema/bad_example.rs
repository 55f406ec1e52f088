//! A reply's `example:` that its type does not decode is a compile error naming
//! file:line:col and the path in the data.
ncat_codegen::generate!(relative_to_file = "bad_example");

fn main() {}
