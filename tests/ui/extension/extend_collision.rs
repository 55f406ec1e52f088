//! An extension may add parameters and reply fields to a built-in action,
//! but not one the action has, nor to an action ncat-api does not have.
ncat_api::extend!(relative_to_file = "extend_collision");

fn main() {}
