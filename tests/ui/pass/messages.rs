//! A message parameter takes a `&str`, a `String`, the builder, a segment, or collected segments.
use ncat_api::{Client, Message, MessageId, Segment, UserId};

fn main() {
    let client = Client::builder()
        .url("http://127.0.0.1:9")
        .token("t")
        .build()
        .unwrap();

    let hello = Message::new().text("hello");
    assert_eq!(
        client.send_group_msg(123456, "hello").request().message,
        hello
    );
    assert_eq!(
        client
            .send_group_msg(123456, String::from("hello"))
            .request()
            .message,
        hello
    );
    assert_eq!(
        client
            .send_group_msg(123456, Segment::text("hello"))
            .request()
            .message,
        hello
    );
    assert_eq!(
        client
            .send_private_msg(10001, vec![Segment::text("hello")])
            .request()
            .message,
        hello
    );

    let built = Message::new()
        .reply(MessageId::new(1588762139))
        .at(UserId::new(10001))
        .text(" look: ")
        .image("https://example.com/a.png");
    let call = client.send_group_msg(123456, built.clone());
    assert_eq!(call.request().message.segments().len(), 4);

    // Segments from an iterator, e.g. mentioning several users.
    let mentions: Message = [10001_i64, 10002, 10003]
        .into_iter()
        .map(Segment::at)
        .collect();
    let call = client.send_group_msg(123456, mentions);
    assert_eq!(call.request().message.segments().len(), 3);

    // A message can be quoted in the next one by the id its reply carries.
    let _reply_to_it = client.send_private_msg(10001, Message::new().reply(1588762139).text("ok"));
}
