//! An extension's segment kind may not be one ncat-api has, nor may its
//! data type take the name of one of ncat-api's.
ncat_api::extend!(relative_to_file = "segment_collision");

fn main() {}
