//! A custom forward node holds a `Message` to send, not a `ReceivedMessage`.
use ncat_api::segment::CustomNode;
use ncat_api::{Message, ReceivedMessage, UserId};

fn quote_in_forward(sender: UserId, received: ReceivedMessage) -> Message {
    Message::new().node(CustomNode::new(sender, "Alice", received))
}

fn main() {}
