//! An online file offer only ever arrives: it cannot be put in a message to send.
use ncat_api::{Client, Message, ReceivedSegment};

fn pass_on(client: &Client, segment: ReceivedSegment) {
    if let ReceivedSegment::OnlineFile(offer) = segment {
        let _call = client.send_group_msg(123456, Message::new().text("look: ").segment(offer));
    }
}

fn main() {}
