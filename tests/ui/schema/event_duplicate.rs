//! Two events chosen by the same keys (`notice` / `friend_add`) are a
//! compile error naming file:line:col of the second.
ncat_codegen::generate_events!(relative_to_file = "event_duplicate");

fn main() {}
