//! An extension's event may not take the name of an event type ncat-api
//! already has (its events use them by name).
ncat_api::extend!(relative_to_file = "event_redefined");

fn main() {}
