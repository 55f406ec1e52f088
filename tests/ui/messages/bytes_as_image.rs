//! Raw bytes are not an image source: wrap them with `Media::base64`.
use ncat_api::Message;

fn picture(png: Vec<u8>) -> Message {
    Message::new().image(&png[..])
}

fn main() {}
