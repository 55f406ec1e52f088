//! A received segment goes into a message to send only through `Segment::try_from`.
use ncat_api::{Message, ReceivedMessage};

fn echo(received: ReceivedMessage) -> Message {
    let mut echo = Message::new();
    for segment in received {
        echo.push(segment);
    }
    echo
}

fn main() {}
