//! Misused format additions (unions, optional replies, variants, groups) are compile errors naming file:line:col.
ncat_codegen::generate!(relative_to_file = "format_misuse");

fn main() {}
