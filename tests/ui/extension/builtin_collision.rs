//! An extension may not redefine an action ncat-api has, nor take the name
//! of one of its client methods (the built-in inherent method would win).
ncat_api::extend!(relative_to_file = "builtin_collision");

fn main() {}
