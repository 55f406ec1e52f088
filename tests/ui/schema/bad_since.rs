//! A `since` that is no NapCat release, or a parameter older than its action,
//! is a compile error naming file:line:col.
ncat_codegen::generate!(relative_to_file = "bad_since");

fn main() {}
