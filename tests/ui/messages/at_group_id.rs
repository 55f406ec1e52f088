//! A mention takes a `UserId`; a group is mentioned as a whole with `at_all()`.
use ncat_api::{GroupId, Message};

fn announce(group: GroupId) -> Message {
    Message::new().at(group).text(" meeting at 8")
}

fn main() {}
