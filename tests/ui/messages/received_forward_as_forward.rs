//! A received `forward` is not a forward card to send: its id is not a `res_id`.
use ncat_api::{Message, ReceivedSegment, Segment};

fn forward_again(segment: ReceivedSegment) -> Option<Message> {
    match segment {
        ReceivedSegment::Forward(forward) => Some(Message::from(Segment::Forward(forward))),
        _ => None,
    }
}

fn main() {}
