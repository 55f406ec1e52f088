//! Segments on the wire: every kind's JSON in both directions, unknown
//! segments, NapCat's loose value types, media sources, and sending received
//! content on.

use std::collections::BTreeSet;

use ncat_api::segment::{
    At, Contact, CustomMusic, CustomNode, Face, File, Image, Mface, Music, MusicPlatform, Node,
    Reply, Video,
};
use ncat_api::{
    GroupId, Media, Message, MessageId, ReceivedMessage, ReceivedSegment, Segment, UserId,
};
use serde_json::{Value, json};

/// Every kind NapCat can send, built with the public API, and its exact wire form.
fn every_sendable_segment() -> Vec<(Segment, Value)> {
    vec![
        (
            Segment::text("hi & [x]"),
            json!({"type": "text", "data": {"text": "hi & [x]"}}),
        ),
        (
            Segment::face(14),
            json!({"type": "face", "data": {"id": "14"}}),
        ),
        (
            Segment::face(Face::new(358).result_id("4").chain_count(2)),
            json!({"type": "face", "data": {"id": "358", "resultId": "4", "chainCount": 2}}),
        ),
        (
            Segment::image("https://example.com/a.png"),
            json!({"type": "image", "data": {"file": "https://example.com/a.png"}}),
        ),
        (
            Segment::image(
                Image::new(Media::base64([0xff, 0xd8, 0xff]))
                    .summary("[图片]")
                    .sub_type(1),
            ),
            json!({"type": "image", "data": {"file": "base64:///9j/", "summary": "[图片]", "sub_type": 1}}),
        ),
        (
            Segment::record(Media::path("/data/voice.mp3")),
            json!({"type": "record", "data": {"file": "file:///data/voice.mp3"}}),
        ),
        (
            Segment::video(
                Video::new("https://example.com/v.mp4")
                    .name("v.mp4")
                    .thumb(Media::url("https://example.com/t.png")),
            ),
            json!({"type": "video", "data": {"file": "https://example.com/v.mp4", "name": "v.mp4", "thumb": "https://example.com/t.png"}}),
        ),
        (
            Segment::file(File::new(Media::path("/srv/report.pdf")).name("report.pdf")),
            json!({"type": "file", "data": {"file": "file:///srv/report.pdf", "name": "report.pdf"}}),
        ),
        (
            Segment::at(10001),
            json!({"type": "at", "data": {"qq": "10001"}}),
        ),
        (
            Segment::at_all(),
            json!({"type": "at", "data": {"qq": "all"}}),
        ),
        (
            Segment::reply(1588762139),
            json!({"type": "reply", "data": {"id": "1588762139"}}),
        ),
        (
            Segment::from(Reply::new(MessageId::new(5)).seq(8841)),
            json!({"type": "reply", "data": {"id": "5", "seq": 8841}}),
        ),
        (Segment::dice(), json!({"type": "dice", "data": {}})),
        (Segment::rps(), json!({"type": "rps", "data": {}})),
        (
            Segment::json(json!({"app": "com.tencent.miniapp", "ver": "1"})),
            json!({"type": "json", "data": {"data": r#"{"app":"com.tencent.miniapp","ver":"1"}"#}}),
        ),
        (
            Segment::markdown("# title"),
            json!({"type": "markdown", "data": {"content": "# title"}}),
        ),
        (
            Segment::music(Music::track(MusicPlatform::NetEase, "28949444")),
            json!({"type": "music", "data": {"type": "163", "id": "28949444"}}),
        ),
        (
            Segment::music(
                CustomMusic::new("https://m.example/1", "https://m.example/c.png")
                    .audio("https://m.example/a.mp3")
                    .title("Song")
                    .content("Singer"),
            ),
            json!({"type": "music", "data": {"type": "custom", "url": "https://m.example/1", "image": "https://m.example/c.png", "audio": "https://m.example/a.mp3", "title": "Song", "content": "Singer"}}),
        ),
        (
            Segment::contact(UserId::new(10001)),
            json!({"type": "contact", "data": {"type": "qq", "id": "10001"}}),
        ),
        (
            Segment::contact(GroupId::new(123456)),
            json!({"type": "contact", "data": {"type": "group", "id": "123456"}}),
        ),
        (
            Segment::mface(
                Mface::new(
                    10278,
                    "7a9a4bf4c4d7ffe7d0c5e2b3a2f6b1e0",
                    "b8a2e9d1f0c3a4b5",
                )
                .summary("[开心]"),
            ),
            json!({"type": "mface", "data": {"emoji_package_id": 10278, "emoji_id": "7a9a4bf4c4d7ffe7d0c5e2b3a2f6b1e0", "key": "b8a2e9d1f0c3a4b5", "summary": "[开心]"}}),
        ),
        (
            Segment::forward("Uyn2cXOQ2rRbFJhdH+3W8y+dZmYk"),
            json!({"type": "forward", "data": {"id": "Uyn2cXOQ2rRbFJhdH+3W8y+dZmYk"}}),
        ),
        (
            Segment::node(MessageId::new(1588762139)),
            json!({"type": "node", "data": {"id": "1588762139"}}),
        ),
        (
            Segment::node(
                CustomNode::new(10001, "Alice", Message::new().text("hi").face(14))
                    .source("Chat history")
                    .news(["Alice: hi"])
                    .summary("1 message")
                    .prompt("[Chat history]")
                    .time("1718000001"),
            ),
            json!({"type": "node", "data": {
                "user_id": "10001", "nickname": "Alice",
                "content": [{"type": "text", "data": {"text": "hi"}}, {"type": "face", "data": {"id": "14"}}],
                "source": "Chat history", "news": [{"text": "Alice: hi"}], "summary": "1 message",
                "prompt": "[Chat history]", "time": "1718000001"
            }}),
        ),
        (
            Segment::unknown("shake", json!({})),
            json!({"type": "shake", "data": {}}),
        ),
    ]
}

#[test]
fn every_sendable_kind_has_its_wire_form_and_round_trips() {
    for (segment, wire) in every_sendable_segment() {
        assert_eq!(serde_json::to_value(&segment).unwrap(), wire, "{segment:?}");
        let decoded: Segment = serde_json::from_value(wire.clone()).unwrap();
        assert_eq!(decoded, segment, "{wire}");
    }
    let message: Message = every_sendable_segment()
        .into_iter()
        .map(|(segment, _)| segment)
        .collect();
    let text = serde_json::to_string(&message).unwrap();
    assert_eq!(serde_json::from_str::<Message>(&text).unwrap(), message);
}

#[test]
fn the_builder_covers_every_sendable_kind() {
    let built = Message::new()
        .text("hi & [x]")
        .face(14)
        .face(Face::new(358).result_id("4").chain_count(2))
        .image("https://example.com/a.png")
        .image(
            Image::new(Media::base64([0xff, 0xd8, 0xff]))
                .summary("[图片]")
                .sub_type(1),
        )
        .record(Media::path("/data/voice.mp3"))
        .video(
            Video::new("https://example.com/v.mp4")
                .name("v.mp4")
                .thumb(Media::url("https://example.com/t.png")),
        )
        .file(File::new(Media::path("/srv/report.pdf")).name("report.pdf"))
        .at(10001)
        .at_all()
        .reply(1588762139)
        .segment(Reply::new(MessageId::new(5)).seq(8841))
        .dice()
        .rps()
        .json(json!({"app": "com.tencent.miniapp", "ver": "1"}))
        .markdown("# title")
        .music(Music::track(MusicPlatform::NetEase, "28949444"))
        .music(
            CustomMusic::new("https://m.example/1", "https://m.example/c.png")
                .audio("https://m.example/a.mp3")
                .title("Song")
                .content("Singer"),
        )
        .contact(UserId::new(10001))
        .contact(GroupId::new(123456))
        .mface(
            Mface::new(
                10278,
                "7a9a4bf4c4d7ffe7d0c5e2b3a2f6b1e0",
                "b8a2e9d1f0c3a4b5",
            )
            .summary("[开心]"),
        )
        .forward("Uyn2cXOQ2rRbFJhdH+3W8y+dZmYk")
        .node(MessageId::new(1588762139))
        .node(
            CustomNode::new(10001, "Alice", Message::new().text("hi").face(14))
                .source("Chat history")
                .news(["Alice: hi"])
                .summary("1 message")
                .prompt("[Chat history]")
                .time("1718000001"),
        )
        .segment(Segment::unknown("shake", json!({})));
    let expected: Vec<Segment> = every_sendable_segment()
        .into_iter()
        .map(|(segment, _)| segment)
        .collect();
    assert_eq!(built.segments(), expected.as_slice());
}

#[test]
fn data_types_convert_into_segments_and_messages() {
    let mut message = Message::from(Segment::from(At::All));
    message.push(Image::new("a.png"));
    message.push(Contact::Group(GroupId::new(1)));
    message.push(Node::Id(MessageId::new(2)));
    assert_eq!(
        serde_json::to_value(&message).unwrap(),
        json!([
            {"type": "at", "data": {"qq": "all"}},
            {"type": "image", "data": {"file": "a.png"}},
            {"type": "contact", "data": {"type": "group", "id": "1"}},
            {"type": "node", "data": {"id": "2"}},
        ])
    );
    assert_eq!(
        message
            .segments()
            .iter()
            .map(Segment::kind)
            .collect::<Vec<_>>(),
        ["at", "image", "contact", "node"]
    );
}

/// Received segments as NapCat (or a OneBot 11 server) reports them.
fn every_received_segment() -> Value {
    json!([
        {"type": "text", "data": {"text": "hi\n"}},
        {"type": "face", "data": {"id": "14", "raw": {"faceIndex": 14, "faceText": "[微笑]"}, "resultId": "", "chainCount": 0}},
        {"type": "image", "data": {"summary": "", "file": "D1A9C3F0E2B44D6E8F1A2B3C4D5E6F70.jpg", "sub_type": 0, "url": "https://multimedia.nt.qq.com.cn/download?rkey=x", "file_size": "48213"}},
        {"type": "image", "data": {"summary": "[开心]", "file": "7a-7a9a4bf4.gif", "url": "https://gxh.vip.qq.com/club/item/parcel/item/7a/7a9a4bf4/raw300.gif", "key": "b8a2e9d1f0c3a4b5", "emoji_id": "7a9a4bf4", "emoji_package_id": 10278}},
        {"type": "record", "data": {"file": "cmVjb3Jk.amr", "path": "/root/.config/QQ/voice.amr", "url": "/root/.config/QQ/voice.amr", "file_size": "2048"}},
        {"type": "video", "data": {"file": "dmlkZW8.mp4", "url": "https://multimedia.nt.qq.com.cn/v", "file_size": "1048576"}},
        {"type": "file", "data": {"file": "report.pdf", "file_id": "/a8f3-uuid", "file_size": "90210"}},
        {"type": "at", "data": {"qq": "10001", "name": "Alice"}},
        {"type": "at", "data": {"qq": "all"}},
        {"type": "reply", "data": {"id": "1588762139"}},
        {"type": "dice", "data": {"result": "5"}},
        {"type": "rps", "data": {"result": 2}},
        {"type": "poke", "data": {"type": "1", "id": "10001"}},
        {"type": "json", "data": {"data": "{\"app\":\"com.tencent.structmsg\"}"}},
        {"type": "markdown", "data": {"content": "**bold**"}},
        {"type": "contact", "data": {"type": "group", "id": "123456"}},
        {"type": "share", "data": {"url": "https://example.com", "title": "Example", "content": "An example", "image": "https://example.com/i.png"}},
        {"type": "location", "data": {"lat": "39.9042", "lon": 116.4074, "title": "Beijing"}},
        {"type": "xml", "data": {"data": "<msg/>"}},
        {"type": "forward", "data": {"id": "7672696335120716277"}},
        {"type": "forward", "data": {"id": "7672696335120716278", "content": [{"message_id": 1, "message": [{"type": "text", "data": {"text": "inner"}}]}]}},
        {"type": "node", "data": {"user_id": 10002, "nickname": "Bob", "content": [{"type": "text", "data": {"text": "old"}}]}},
        {"type": "onlinefile", "data": {"msgId": "7600000000000000001", "elementId": "7600000000000000002", "fileName": "movie.mkv", "fileSize": "734003200", "isDir": false}},
        {"type": "flashtransfer", "data": {"fileSetId": "b1c2d3e4-set"}},
    ])
}

#[test]
fn every_received_kind_decodes_to_its_variant_and_round_trips() {
    let message: ReceivedMessage = serde_json::from_value(every_received_segment()).unwrap();
    let kinds: Vec<&str> = message
        .segments()
        .iter()
        .map(ReceivedSegment::kind)
        .collect();
    assert_eq!(
        kinds,
        [
            "text",
            "face",
            "image",
            "image",
            "record",
            "video",
            "file",
            "at",
            "at",
            "reply",
            "dice",
            "rps",
            "poke",
            "json",
            "markdown",
            "contact",
            "share",
            "location",
            "xml",
            "forward",
            "forward",
            "node",
            "onlinefile",
            "flashtransfer"
        ]
    );
    assert!(
        !message
            .segments()
            .iter()
            .any(|segment| matches!(segment, ReceivedSegment::Unknown { .. })),
        "{message:#?}"
    );
    for segment in &message {
        let wire = serde_json::to_value(segment).unwrap();
        assert_eq!(
            &serde_json::from_value::<ReceivedSegment>(wire.clone()).unwrap(),
            segment,
            "{wire}"
        );
    }
    let text = serde_json::to_string(&message).unwrap();
    assert_eq!(
        serde_json::from_str::<ReceivedMessage>(&text).unwrap(),
        message
    );
}

#[test]
fn received_fields_are_typed() {
    let message: ReceivedMessage = serde_json::from_value(every_received_segment()).unwrap();
    let segments = message.segments();
    let ReceivedSegment::Face(face) = &segments[1] else {
        panic!("{:?}", segments[1])
    };
    assert_eq!((face.id, face.chain_count), (14, Some(0)));
    assert_eq!(face.raw.as_ref().unwrap()["faceIndex"], 14);
    let ReceivedSegment::Image(image) = &segments[2] else {
        panic!()
    };
    assert_eq!(image.file, "D1A9C3F0E2B44D6E8F1A2B3C4D5E6F70.jpg");
    assert_eq!((image.sub_type, image.file_size), (Some(0), Some(48213)));
    assert!(
        image
            .url
            .as_deref()
            .unwrap()
            .starts_with("https://multimedia.nt.qq.com.cn/")
    );
    let ReceivedSegment::Image(market_face) = &segments[3] else {
        panic!()
    };
    assert_eq!(market_face.emoji_package_id, Some(10278));
    // NapCat adds the name the mention showed; it is kept, beside whom.
    let ReceivedSegment::At(alice) = &segments[7] else {
        panic!()
    };
    assert_eq!(alice.target, At::User(UserId::new(10001)));
    assert_eq!(alice.name.as_deref(), Some("Alice"));
    assert_eq!(
        serde_json::to_value(&segments[7]).unwrap(),
        json!({"type": "at", "data": {"qq": "10001", "name": "Alice"}})
    );
    let ReceivedSegment::At(everyone) = &segments[8] else {
        panic!()
    };
    assert_eq!((everyone.target, everyone.name.as_deref()), (At::All, None));
    let ReceivedSegment::Reply(reply) = &segments[9] else {
        panic!()
    };
    assert_eq!(reply.id, MessageId::new(1588762139));
    let (ReceivedSegment::Dice(dice), ReceivedSegment::Rps(rps)) = (&segments[10], &segments[11])
    else {
        panic!()
    };
    assert_eq!((dice.result, rps.result), (Some(5), Some(2)));
    assert_eq!(
        segments[15],
        ReceivedSegment::Contact(Contact::Group(GroupId::new(123456)))
    );
    let ReceivedSegment::Location(location) = &segments[17] else {
        panic!()
    };
    assert_eq!((location.lat, location.lon), (39.9042, 116.4074));
    let ReceivedSegment::Forward(forward) = &segments[19] else {
        panic!()
    };
    assert_eq!(forward.id, "7672696335120716277");
    assert!(forward.content.is_none());
    let ReceivedSegment::Forward(parsed) = &segments[20] else {
        panic!()
    };
    let forwarded = &parsed.content.as_ref().unwrap()[0];
    assert_eq!(forwarded.message_id, Some(MessageId::new(1)));
    assert_eq!(forwarded.message.plain_text(), "inner");
    let ReceivedSegment::Node(node) = &segments[21] else {
        panic!()
    };
    assert_eq!(
        (node.user_id, node.content.plain_text().as_str()),
        (UserId::new(10002), "old")
    );
    let ReceivedSegment::OnlineFile(offer) = &segments[22] else {
        panic!()
    };
    assert_eq!(
        (offer.file_size, offer.is_dir, offer.msg_id.as_str()),
        (734003200, false, "7600000000000000001")
    );
}

#[test]
fn ids_inside_segments_are_strings_on_the_wire() {
    let message = Message::new()
        .at(10001)
        .reply(42)
        .face(14)
        .contact(GroupId::new(7))
        .node(MessageId::new(9))
        .node(CustomNode::new(10002, "Bob", "x"));
    let wire = serde_json::to_value(&message).unwrap();
    assert_eq!(wire[0]["data"]["qq"], "10001");
    assert_eq!(wire[1]["data"]["id"], "42");
    assert_eq!(wire[2]["data"]["id"], "14");
    assert_eq!(wire[3]["data"]["id"], "7");
    assert_eq!(wire[4]["data"]["id"], "9");
    assert_eq!(wire[5]["data"]["user_id"], "10002");
}

#[test]
fn loose_values_are_read_in_every_form() {
    // Numbers as strings and strings as numbers, as NapCat and CQ codes write them.
    let message: Message = serde_json::from_value(json!([
        {"type": "face", "data": {"id": 14, "chainCount": "3"}},
        {"type": "image", "data": {"file": "a.png", "sub_type": "1"}},
        {"type": "at", "data": {"qq": 10001}},
        {"type": "reply", "data": {"id": 5, "seq": "8841"}},
        {"type": "contact", "data": {"id": 10001}},
        {"type": "music", "data": {"type": "qq", "id": 12345}},
        {"type": "json", "data": {"data": {"app": "x"}}},
        {"type": "mface", "data": {"emoji_package_id": "10278", "emoji_id": "e", "key": "k"}},
        {"type": "node", "data": {"uin": 10001, "name": "Alice", "content": "hi[CQ:face,id=14]"}},
        {"type": "node", "data": {"user_id": "10001", "nickname": "Alice", "content": {"type": "text", "data": {"text": "one"}}}},
    ]))
    .unwrap();
    let expected = Message::new()
        .face(Face::new(14).chain_count(3))
        .image(Image::new("a.png").sub_type(1))
        .at(10001)
        .segment(Reply::new(MessageId::new(5)).seq(8841))
        .contact(UserId::new(10001))
        .music(Music::track(MusicPlatform::Qq, "12345"))
        .json(r#"{"app":"x"}"#)
        .mface(Mface::new(10278, "e", "k"))
        .node(CustomNode::new(
            10001,
            "Alice",
            Message::new().text("hi").face(14),
        ))
        .node(CustomNode::new(10001, "Alice", "one"));
    assert_eq!(message, expected);

    let received: ReceivedMessage = serde_json::from_value(json!([
        {"type": "image", "data": {"file": "a.jpg", "file_size": 48213, "sub_type": ""}},
        {"type": "onlinefile", "data": {"msgId": "1", "elementId": "2", "fileName": "d", "fileSize": 0, "isDir": "true"}},
        {"type": "location", "data": {"lat": 1, "lon": "-2.5"}},
    ]))
    .unwrap();
    let ReceivedSegment::Image(image) = &received.segments()[0] else {
        panic!()
    };
    assert_eq!((image.file_size, image.sub_type), (Some(48213), None));
    let ReceivedSegment::OnlineFile(offer) = &received.segments()[1] else {
        panic!()
    };
    assert!(offer.is_dir);
    let ReceivedSegment::Location(location) = &received.segments()[2] else {
        panic!()
    };
    assert_eq!((location.lat, location.lon), (1.0, -2.5));
}

#[test]
fn unknown_segments_are_kept_as_they_arrived() {
    let wire = json!([
        {"type": "text", "data": {"text": "a"}},
        {"type": "newkind", "data": {"x": [1, 2], "y": {"z": null}}},
        {"type": "at", "data": {"qq": "not a number"}},
        {"type": "face", "data": {}},
        {"type": "music", "data": {"type": "xm", "id": "1"}},
        {"type": "image", "data": "not an object"},
        {"type": "gift"},
        {"type": "text", "data": {"text": "b"}},
    ]);
    let received: ReceivedMessage = serde_json::from_value(wire.clone()).unwrap();
    let unknown: Vec<&str> = received
        .segments()
        .iter()
        .filter(|segment| matches!(segment, ReceivedSegment::Unknown { .. }))
        .map(ReceivedSegment::kind)
        .collect();
    assert_eq!(unknown, ["newkind", "at", "face", "music", "image", "gift"]);
    assert_eq!(
        received.segments()[6],
        ReceivedSegment::Unknown {
            kind: "gift".into(),
            data: Value::Null
        }
    );
    assert_eq!(received.plain_text(), "ab");

    let sent: Message = serde_json::from_value(wire.clone()).unwrap();
    assert_eq!(
        sent.segments()[1],
        Segment::unknown("newkind", json!({"x": [1, 2], "y": {"z": null}}))
    );
    // Everything but the data-less `gift` goes back out byte for byte.
    let mut expected = wire;
    expected[6] = json!({"type": "gift", "data": null});
    assert_eq!(serde_json::to_value(&received).unwrap(), expected);
    assert_eq!(serde_json::to_value(&sent).unwrap(), expected);
}

#[test]
fn received_messages_read_cq_strings_too() {
    // `messagePostFormat: string`: the whole message is a CQ string.
    let received: ReceivedMessage =
        serde_json::from_value(json!("[CQ:reply,id=1588762139][CQ:at,qq=10001] hi [CQ:image,file=a.jpg,sub_type=0,file_size=48213,url=https://x/a.jpg?a=1&amp;b=2]"))
            .unwrap();
    let ReceivedSegment::Image(image) = &received.segments()[3] else {
        panic!("{received:?}")
    };
    assert_eq!(image.url.as_deref(), Some("https://x/a.jpg?a=1&b=2"));
    assert_eq!(image.file_size, Some(48213));
    assert_eq!(received.plain_text(), " hi ");
    assert_eq!(received.segments().len(), 4);
}

#[test]
fn received_content_converts_to_content_to_send() {
    let received: ReceivedMessage = serde_json::from_value(json!([
        {"type": "reply", "data": {"id": "1588762139"}},
        {"type": "at", "data": {"qq": "10001"}},
        {"type": "text", "data": {"text": " look"}},
        {"type": "face", "data": {"id": "14", "raw": {"faceIndex": 14}}},
        {"type": "image", "data": {"file": "A1.jpg", "url": "https://expired.example/A1.jpg", "summary": "[动画表情]", "sub_type": 1, "file_size": "10"}},
        {"type": "image", "data": {"file": "7a-7a9a.gif", "url": "https://gxh.vip.qq.com/x.gif", "summary": "[开心]", "key": "k", "emoji_id": "7a9a", "emoji_package_id": 10278}},
        {"type": "record", "data": {"file": "token.amr", "url": "https://x/r"}},
        {"type": "video", "data": {"file": "token.mp4", "url": "https://x/v"}},
        {"type": "file", "data": {"file": "report.pdf", "file_id": "/uuid", "file_size": "1"}},
        {"type": "file", "data": {"file": "notes.txt"}},
        {"type": "image", "data": {"url": "https://gchat.qpic.cn/gchatpic_new/0/0-0-5A3C0B6E/0"}},
        {"type": "dice", "data": {"result": "6"}},
        {"type": "json", "data": {"data": "{}"}},
        {"type": "node", "data": {"user_id": "10002", "nickname": "Bob", "content": [{"type": "text", "data": {"text": "old"}}]}},
        {"type": "newkind", "data": {"x": 1}},
    ]))
    .unwrap();
    let sendable = Message::try_from(received).unwrap();
    let expected = Message::new()
        .reply(1588762139)
        .at(10001)
        .text(" look")
        .face(14)
        .image(Image::new("A1.jpg").summary("[动画表情]").sub_type(1))
        .mface(Mface::new(10278, "7a9a", "k").summary("[开心]"))
        .record("token.amr")
        .video("token.mp4")
        .file(File::new("/uuid").name("report.pdf"))
        .file(File::new("notes.txt").name("notes.txt"))
        .image(Media::url(
            "https://gchat.qpic.cn/gchatpic_new/0/0-0-5A3C0B6E/0",
        ))
        .dice()
        .json("{}")
        .node(CustomNode::new(10002, "Bob", "old"))
        .segment(Segment::unknown("newkind", json!({"x": 1})));
    assert_eq!(sendable, expected);
}

#[test]
fn received_only_kinds_do_not_convert() {
    for (wire, kind) in [
        (
            json!({"type": "onlinefile", "data": {"msgId": "1", "elementId": "2", "fileName": "f", "fileSize": "3", "isDir": false}}),
            "onlinefile",
        ),
        (
            json!({"type": "flashtransfer", "data": {"fileSetId": "s"}}),
            "flashtransfer",
        ),
        (
            json!({"type": "forward", "data": {"id": "7672696335120716277"}}),
            "forward",
        ),
        (
            json!({"type": "poke", "data": {"type": "1", "id": "2"}}),
            "poke",
        ),
        (
            json!({"type": "share", "data": {"url": "u", "title": "t"}}),
            "share",
        ),
        (
            json!({"type": "location", "data": {"lat": 1, "lon": 2}}),
            "location",
        ),
        (json!({"type": "xml", "data": {"data": "<x/>"}}), "xml"),
        // A node is only as sendable as what it holds.
        (
            json!({"type": "node", "data": {"user_id": 1, "nickname": "n", "content": [{"type": "flashtransfer", "data": {"fileSetId": "s"}}]}}),
            "flashtransfer",
        ),
    ] {
        let segment: ReceivedSegment = serde_json::from_value(wire).unwrap();
        let error = Segment::try_from(segment.clone()).unwrap_err();
        assert_eq!(error.kind(), kind);
        assert!(
            error
                .to_string()
                .starts_with(&format!("a received `{kind}` segment cannot be sent: ")),
            "{error}"
        );
        let text = ReceivedMessage::from_cq("x").into_iter().next().unwrap();
        let message = ReceivedMessage::from(vec![text, segment]);
        assert_eq!(Message::try_from(message).unwrap_err(), error);
    }
}

#[test]
fn media_sources_are_the_strings_napcat_reads() {
    assert_eq!(
        Media::url("https://example.com/a b.png").as_str(),
        "https://example.com/a b.png"
    );
    assert_eq!(Media::path("/data/a.png").as_str(), "file:///data/a.png");
    assert_eq!(
        Media::path("/data/猫 #1?.png").as_str(),
        "file:///data/猫%20%231%3F.png"
    );
    assert_eq!(
        Media::path("/data/100%.png").as_str(),
        "file:///data/100%25.png"
    );
    assert_eq!(
        Media::path(r"C:\bot\a.png").as_str(),
        r"file:///C:\bot\a.png"
    );
    assert_eq!(Media::path("/a\nb").as_str(), "file:///a%0Ab");
    assert_eq!(
        Media::from("data:image/png;base64,AAAA").to_string(),
        "data:image/png;base64,AAAA"
    );
    // RFC 4648 §10 test vectors.
    for (bytes, encoded) in [
        ("", ""),
        ("f", "Zg=="),
        ("fo", "Zm8="),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="),
        ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ] {
        assert_eq!(Media::base64(bytes).as_str(), format!("base64://{encoded}"));
    }
    assert_eq!(Media::base64([0xfb, 0xff, 0xbf]).as_str(), "base64://+/+/");
    assert_eq!(Media::base64(vec![0u8; 4]).as_str(), "base64://AAAAAA==");
}

/// A key NapCat adds to a segment after this ncat: kept beside the typed
/// fields, readable, and written back where it was.
#[test]
fn unknown_keys_of_known_kinds_are_kept_readable_and_sent_again() {
    let wire = json!([
        {"type": "text", "data": {"text": "hi", "style": {"bold": true}}},
        {"type": "image", "data": {"file": "A1.jpg", "url": "https://x/A1.jpg", "file_size": "10", "ocr": "cat"}},
        {"type": "face", "data": {"id": "14", "raw": {"faceIndex": 14}, "faceType": 3}},
        {"type": "reply", "data": {"id": "5", "chain": 2}},
        {"type": "at", "data": {"qq": "10001", "name": "Alice", "color": "red"}},
        {"type": "dice", "data": {"result": "6", "combo": 1}},
        {"type": "forward", "data": {"id": "767", "content": [{"message_id": 1, "font": 14, "message": [{"type": "text", "data": {"text": "inner", "k": 1}}], "sender": {"user_id": 2, "role": "owner"}}]}},
    ]);
    let received: ReceivedMessage = serde_json::from_value(wire.clone()).unwrap();
    let segments = received.segments();
    assert_eq!(segments[0].extra("style"), Some(&json!({"bold": true})));
    assert_eq!(segments[0].extra("text"), None, "a typed key is not extra");
    assert_eq!(segments[1].extra("ocr"), Some(&json!("cat")));
    assert_eq!(segments[2].extra("faceType"), Some(&json!(3)));
    assert_eq!(segments[3].extra("chain"), Some(&json!(2)));
    assert_eq!(segments[4].extra("color"), Some(&json!("red")));
    assert_eq!(segments[5].extra("combo"), Some(&json!(1)));
    let ReceivedSegment::Forward(forward) = &segments[6] else {
        panic!("{:?}", segments[6])
    };
    let inner = &forward.content.as_ref().unwrap()[0];
    assert_eq!(inner.extra.get("font"), Some(&json!(14)));
    assert_eq!(
        inner.sender.as_ref().unwrap().extra.get("role"),
        Some(&json!("owner"))
    );
    assert_eq!(inner.message.segments()[0].extra("k"), Some(&json!(1)));
    let keys: Vec<&str> = segments[1]
        .extras()
        .unwrap()
        .iter()
        .map(|(key, _)| key)
        .collect();
    assert_eq!(keys, ["ocr"]);
    assert!(segments[1].extras().is_some_and(|extra| !extra.is_empty()));

    // Re-serialized, every segment is what arrived (the dice's pips as
    // NapCat's string became a number: typed).
    let mut expected = wire.clone();
    expected[5]["data"]["result"] = json!(6);
    expected[6]["data"]["content"][0]["sender"]["user_id"] = json!("2");
    assert_eq!(serde_json::to_value(&received).unwrap(), expected);

    // Sent on, the unknown keys go out with the typed ones.
    let sent = Message::try_from(received).unwrap_err();
    assert_eq!(sent.kind(), "forward");
    let received: ReceivedMessage = serde_json::from_value(json!([
        {"type": "text", "data": {"text": "hi", "style": {"bold": true}}},
        {"type": "image", "data": {"file": "A1.jpg", "url": "https://x/A1.jpg", "ocr": "cat"}},
        {"type": "reply", "data": {"id": "5", "chain": 2}},
    ]))
    .unwrap();
    let sent = Message::try_from(received).unwrap();
    assert_eq!(
        serde_json::to_value(&sent).unwrap(),
        json!([
            {"type": "text", "data": {"text": "hi", "style": {"bold": true}}},
            {"type": "image", "data": {"file": "A1.jpg", "ocr": "cat"}},
            {"type": "reply", "data": {"id": "5", "chain": 2}},
        ])
    );
    assert_eq!(sent.segments()[1].extra("ocr"), Some(&json!("cat")));

    // A segment to send can carry a key ncat does not type yet.
    let mut image = Image::new("a.png");
    image.extra.insert("new_key", 1);
    assert_eq!(
        serde_json::to_value(Segment::from(image)).unwrap(),
        json!({"type": "image", "data": {"file": "a.png", "new_key": 1}})
    );
    // And reading one back keeps it.
    let decoded: Segment =
        serde_json::from_value(json!({"type": "image", "data": {"file": "a.png", "new_key": 1}}))
            .unwrap();
    assert_eq!(decoded.extra("new_key"), Some(&json!(1)));
}

#[test]
fn a_reply_can_name_its_message_by_seq_alone() {
    let by_seq = Segment::from(Reply::by_seq(8841));
    let wire = json!({"type": "reply", "data": {"seq": 8841}});
    assert_eq!(serde_json::to_value(&by_seq).unwrap(), wire);
    assert_eq!(serde_json::from_value::<Segment>(wire).unwrap(), by_seq);
    // A quote naming no message is not a reply NapCat can send.
    for data in [json!({}), json!({"id": null}), json!({"seq": ""})] {
        let wire = json!({"type": "reply", "data": data});
        assert_eq!(
            serde_json::from_value::<Segment>(wire).unwrap(),
            Segment::unknown("reply", data)
        );
    }
}

#[test]
fn a_custom_music_card_can_show_a_platform() {
    let card = Segment::music(
        CustomMusic::new("https://y.qq.com/n/1", "https://y.qq.com/c.png")
            .platform(MusicPlatform::Qq)
            .title("Song"),
    );
    let wire = json!({"type": "music", "data": {"type": "qq", "url": "https://y.qq.com/n/1", "image": "https://y.qq.com/c.png", "title": "Song"}});
    assert_eq!(serde_json::to_value(&card).unwrap(), wire);
    assert_eq!(serde_json::from_value::<Segment>(wire).unwrap(), card);
    // NapCat tells a track from a card by `id`, whatever `type` says.
    let track: Segment =
        serde_json::from_value(json!({"type": "music", "data": {"type": "kugou", "id": "9"}}))
            .unwrap();
    assert_eq!(
        track,
        Segment::music(Music::track(MusicPlatform::Kugou, "9"))
    );
    let unknown_platform =
        json!({"type": "music", "data": {"type": "xm", "url": "u", "image": "i"}});
    assert!(matches!(
        serde_json::from_value::<Segment>(unknown_platform).unwrap(),
        Segment::Unknown { .. }
    ));
}

#[test]
fn forwarded_messages_are_typed() {
    // NapCat with `parseMultMsg`: each forwarded message as a message event.
    let wire = json!({"type": "forward", "data": {"id": "7672696335120716278", "content": [{
        "self_id": 10000, "user_id": 10001, "time": 1718000000, "message_id": 42, "message_seq": 42,
        "real_id": 42, "real_seq": "8841", "message_type": "group", "group_id": 123456,
        "sender": {"user_id": 10001, "nickname": "Alice", "card": ""},
        "raw_message": "hi[CQ:face,id=14]", "font": 14, "sub_type": "normal",
        "message": [{"type": "text", "data": {"text": "hi"}}, {"type": "face", "data": {"id": "14"}}],
        "message_format": "array", "post_type": "message"
    }]}});
    let segment: ReceivedSegment = serde_json::from_value(wire.clone()).unwrap();
    let ReceivedSegment::Forward(forward) = &segment else {
        panic!("{segment:?}")
    };
    let message = &forward.content.as_ref().unwrap()[0];
    assert_eq!(
        (message.message_id, message.user_id, message.group_id),
        (
            Some(MessageId::new(42)),
            Some(UserId::new(10001)),
            Some(GroupId::new(123456))
        )
    );
    assert_eq!(message.real_seq.as_deref(), Some("8841"));
    assert_eq!(message.message_type.as_deref(), Some("group"));
    assert_eq!(
        message.sender.as_ref().unwrap().nickname.as_deref(),
        Some("Alice")
    );
    assert_eq!(message.message.plain_text(), "hi");
    assert_eq!(message.extra.get("post_type"), Some(&json!("message")));
    // A CQ code carries the content as JSON text; it reads the same.
    let cq = ReceivedMessage::from_cq(&ReceivedMessage::from(vec![segment.clone()]).to_cq());
    assert_eq!(cq.segments(), [segment]);
}

/// `data` plus a key no ncat type has, for the kinds whose type keeps one.
fn with_new_key(mut data: Value) -> Value {
    data["zz_new"] = json!({"n": 1});
    data
}

/// Reads every `(kind, data)` of `kinds` as a `$ty`: typed (not `Unknown`),
/// of that kind, the unknown key `zz_new` kept where the data has one, and
/// written back as it came; and checks that `kinds` covers every kind of
/// `segment::KINDS` whose `$direction` is set.
macro_rules! round_trips {
    ($ty:ident, $kinds:expr, $direction:ident) => {{
        let kinds: &[(&str, Value)] = $kinds;
        for (kind, data) in kinds {
            let wire = json!({"type": kind, "data": data});
            let segment: $ty = serde_json::from_value(wire.clone()).unwrap();
            assert!(
                !matches!(segment, $ty::Unknown { .. }),
                "{wire} is not typed"
            );
            assert_eq!(segment.kind(), *kind);
            if data.get("zz_new").is_some() {
                assert_eq!(segment.extra("zz_new"), Some(&json!({"n": 1})), "{wire}");
            }
            assert_eq!(serde_json::to_value(&segment).unwrap(), wire);
        }
        let covered: BTreeSet<&str> = kinds.iter().map(|(kind, _)| *kind).collect();
        let listed: BTreeSet<&str> = ncat_api::segment::KINDS
            .iter()
            .filter(|kind| kind.$direction)
            .map(|kind| kind.kind)
            .collect();
        assert_eq!(covered, listed);
    }};
}

/// Every kind of `segments.yaml` that arrives, as NapCat writes it (each
/// value in the form ncat writes it back), with a key ncat does not know
/// where the kind's type keeps one: decoded typed, the key readable, and
/// written back exactly as it came. The list must cover `segment::KINDS`.
#[test]
fn every_received_kind_is_written_back_exactly_with_its_unknown_keys() {
    let kinds = [
        ("text", with_new_key(json!({"text": "hi"}))),
        (
            "face",
            with_new_key(
                json!({"id": "14", "resultId": "r", "chainCount": 1, "raw": {"faceIndex": 14}}),
            ),
        ),
        (
            "image",
            with_new_key(
                json!({"file": "A.jpg", "url": "https://x/A.jpg", "summary": "[图片]",
                "sub_type": 0, "file_size": "10", "key": "k", "emoji_id": "e", "emoji_package_id": 7}),
            ),
        ),
        (
            "record",
            with_new_key(
                json!({"file": "r.amr", "url": "https://x/r", "path": "/r.amr", "file_size": "20"}),
            ),
        ),
        (
            "video",
            with_new_key(json!({"file": "v.mp4", "url": "https://x/v", "file_size": "30"})),
        ),
        (
            "file",
            with_new_key(
                json!({"file": "f.pdf", "file_id": "/id", "url": "https://x/f", "file_size": "40"}),
            ),
        ),
        ("at", with_new_key(json!({"qq": "10001", "name": "Alice"}))),
        ("reply", with_new_key(json!({"id": "5", "seq": 88}))),
        ("json", with_new_key(json!({"data": "{\"app\":\"x\"}"}))),
        ("dice", with_new_key(json!({"result": 5}))),
        ("rps", with_new_key(json!({"result": 2}))),
        ("markdown", with_new_key(json!({"content": "**b**"}))),
        (
            "node",
            with_new_key(json!({"user_id": "10002", "nickname": "Bob",
                "content": [{"type": "text", "data": {"text": "old"}}]})),
        ),
        ("forward", with_new_key(json!({"id": "767"}))),
        // An enum: no place for unknown keys.
        ("contact", json!({"type": "group", "id": "123456"})),
        (
            "poke",
            with_new_key(json!({"type": "1", "id": "10001", "name": "戳一戳"})),
        ),
        (
            "share",
            with_new_key(
                json!({"url": "https://e.x", "title": "E", "content": "c", "image": "https://e.x/i.png"}),
            ),
        ),
        (
            "location",
            with_new_key(
                json!({"lat": 39.9042, "lon": 116.4074, "title": "Beijing", "content": "c"}),
            ),
        ),
        ("xml", with_new_key(json!({"data": "<msg/>"}))),
        (
            "onlinefile",
            with_new_key(json!({"msgId": "1", "elementId": "2", "fileName": "m.mkv",
                "fileSize": "734003200", "isDir": false})),
        ),
        ("flashtransfer", with_new_key(json!({"fileSetId": "s"}))),
    ];
    round_trips!(ReceivedSegment, &kinds, receive);
}

/// Every kind of `segments.yaml` that can be sent, in its wire form with a
/// key ncat does not know where the kind's type keeps one: read as the
/// segment to send, and written exactly so. The list must cover
/// `segment::KINDS`.
#[test]
fn every_sendable_kind_is_written_exactly_with_its_unknown_keys() {
    let kinds = [
        ("text", with_new_key(json!({"text": "hi"}))),
        (
            "face",
            with_new_key(json!({"id": "14", "resultId": "4", "chainCount": 2})),
        ),
        (
            "mface",
            with_new_key(
                json!({"emoji_package_id": 10278, "emoji_id": "7a", "key": "k", "summary": "[开心]"}),
            ),
        ),
        // An enum: no place for unknown keys.
        ("at", json!({"qq": "10001"})),
        ("reply", with_new_key(json!({"id": "5", "seq": 8841}))),
        (
            "image",
            with_new_key(json!({"file": "a.png", "summary": "s", "sub_type": 1})),
        ),
        ("record", with_new_key(json!({"file": "base64://AAAA"}))),
        (
            "video",
            with_new_key(json!({"file": "v.mp4", "name": "v", "thumb": "t.png"})),
        ),
        ("file", with_new_key(json!({"file": "f", "name": "n"}))),
        ("json", with_new_key(json!({"data": "{}"}))),
        ("dice", json!({})),
        ("rps", json!({})),
        ("markdown", with_new_key(json!({"content": "# t"}))),
        (
            "music",
            with_new_key(
                json!({"type": "custom", "url": "https://m.x", "image": "https://m.x/c.png",
                "audio": "https://m.x/a.mp3", "title": "t", "content": "c"}),
            ),
        ),
        (
            "node",
            with_new_key(json!({"user_id": "10001", "nickname": "Alice",
                "content": [{"type": "text", "data": {"text": "hi"}}],
                "source": "s", "summary": "1 message", "prompt": "[p]", "time": "1718000001"})),
        ),
        ("forward", with_new_key(json!({"id": "Uyn2cXOQ"}))),
        // An enum: no place for unknown keys.
        ("contact", json!({"type": "qq", "id": "10001"})),
    ];
    round_trips!(Segment, &kinds, send);
}
