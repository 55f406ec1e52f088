//! A reply quotes a message by its `MessageId`, not its sender's `UserId`.
use ncat_api::{Message, UserId};

fn answer(sender: UserId) -> Message {
    Message::new().reply(sender).text("ok")
}

fn main() {}
