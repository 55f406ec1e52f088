//! CQ-code strings: NapCat's parsing rules, escaping, and round trips of
//! every kind of segment and of many generated messages.

use ncat_api::segment::{
    CustomMusic, CustomNode, Face, File, Image, Mface, Music, MusicPlatform, Node, Reply, Video,
};
use ncat_api::{
    GroupId, Media, Message, MessageId, ReceivedMessage, ReceivedSegment, Segment, UserId,
};
use serde_json::json;

#[test]
fn the_protocol_example_formats_and_parses() {
    let message = Message::new().text("- [x] use &data, ok").face(14);
    assert_eq!(
        message.to_cq(),
        "- &#91;x&#93; use &amp;data, ok[CQ:face,id=14]"
    );
    assert_eq!(message.to_string(), message.to_cq());
    assert_eq!(
        Message::from_cq("- &#91;x&#93; use &amp;data, ok[CQ:face,id=14]"),
        message
    );
}

#[test]
fn values_also_escape_commas() {
    let message = Message::new().image(Image::new("https://x/a,b[1]&c.png").summary("a, b"));
    assert_eq!(
        message.to_cq(),
        "[CQ:image,file=https://x/a&#44;b&#91;1&#93;&amp;c.png,summary=a&#44; b]"
    );
    assert_eq!(Message::from_cq(&message.to_cq()), message);
}

#[test]
fn fields_keep_their_order_and_numbers_are_text() {
    let message = Message::new()
        .at(10001)
        .reply(5)
        .segment(Reply::new(MessageId::new(6)).seq(8841))
        .image(Image::new("a.png").summary("").sub_type(1))
        .music(CustomMusic::new("https://m/1", "https://m/c.png").title("T"))
        .music(Music::track(MusicPlatform::Qq, "001"))
        .contact(GroupId::new(123))
        .mface(Mface::new(10278, "e", "k"))
        .dice()
        .node(MessageId::new(9));
    assert_eq!(
        message.to_cq(),
        "[CQ:at,qq=10001][CQ:reply,id=5][CQ:reply,id=6,seq=8841][CQ:image,file=a.png,summary=,sub_type=1]\
         [CQ:music,type=custom,url=https://m/1,image=https://m/c.png,title=T][CQ:music,type=qq,id=001]\
         [CQ:contact,type=group,id=123][CQ:mface,emoji_package_id=10278,emoji_id=e,key=k,summary=]\
         [CQ:dice][CQ:node,id=9]"
    );
    assert_eq!(Message::from_cq(&message.to_cq()), message);
}

#[test]
fn node_content_nests_as_a_cq_string() {
    let inner = CustomNode::new(10002, "Bob", Message::new().text("a,b").face(1));
    let message = Message::new().node(
        CustomNode::new(10001, "Alice", Message::new().text("[hi]").node(inner)).news(["x, y"]),
    );
    let cq = message.to_cq();
    assert_eq!(
        cq,
        "[CQ:node,user_id=10001,nickname=Alice,content=&amp;#91;hi&amp;#93;&#91;CQ:node&#44;user_id=10002&#44;\
         nickname=Bob&#44;content=a&amp;#44;b&amp;#91;CQ:face&amp;#44;id=1&amp;#93;&#93;,news=&#91;{\"text\":\"x&#44; y\"}&#93;]"
    );
    assert_eq!(Message::from_cq(&cq), message);
}

#[test]
fn text_segments_keep_their_boundaries() {
    let message = Message::new()
        .text("a")
        .text("")
        .text("b")
        .text("c")
        .at_all()
        .text("");
    assert_eq!(
        message.to_cq(),
        "a[CQ:text,text=]b[CQ:text,text=c][CQ:at,qq=all][CQ:text,text=]"
    );
    assert_eq!(Message::from_cq(&message.to_cq()), message);
    assert_eq!(Message::new().text("").to_cq(), "[CQ:text,text=]");
    assert_eq!(Message::new().to_cq(), "");
}

#[test]
fn parsing_follows_napcat() {
    let face = |id| Segment::face(id);
    // Codes: type and keys of [A-Za-z0-9_]; a value runs to the next `,` or `]`.
    assert_eq!(Message::from_cq("[CQ:face,id=14]"), Message::from(face(14)));
    assert_eq!(
        Message::from_cq("[CQ:face, id=14]"),
        Message::from("[CQ:face, id=14]")
    );
    assert_eq!(
        Message::from_cq("[CQ:face,id=14"),
        Message::from("[CQ:face,id=14")
    );
    // The first `=` splits; later ones are part of the value.
    assert_eq!(
        Message::from_cq("[CQ:share,url=https://x?a=b,title=t=1]").segments(),
        [Segment::unknown(
            "share",
            json!({"url": "https://x?a=b", "title": "t=1"})
        )]
    );
    // An unescaped `]` ends the code early.
    assert_eq!(
        Message::from_cq("[CQ:image,file=x[y].png]"),
        Message::new().image("x[y").text(".png]")
    );
    // Text is unescaped, `&#44;` too; empty pieces are skipped.
    assert_eq!(
        Message::from_cq("&#91;a&#93;&#44;&amp;[CQ:face,id=1][CQ:face,id=2]"),
        Message::new().text("[a],&").face(1).face(2)
    );
    // A repeated key keeps its last value.
    assert_eq!(
        Message::from_cq("[CQ:face,id=1,id=2]"),
        Message::from(face(2))
    );
    // Every value is a string; typed fields read them back.
    assert_eq!(
        Message::from_cq(
            "[CQ:face,id=358,resultId=4,chainCount=2][CQ:video,file=v.mp4,thumb=t.png]"
        ),
        Message::new()
            .face(Face::new(358).result_id("4").chain_count(2))
            .video(Video::new("v.mp4").thumb("t.png"))
    );
    // Unknown kinds and unexpected data stay unknown.
    assert_eq!(
        Message::from_cq("[CQ:shake][CQ:at,qq=someone]").segments(),
        [
            Segment::unknown("shake", json!({})),
            Segment::unknown("at", json!({"qq": "someone"}))
        ]
    );
}

#[test]
fn every_kind_round_trips_through_cq() {
    let sendable = Message::new()
        .text("t")
        .face(Face::new(1).result_id("r").chain_count(0))
        .image(
            Image::new(Media::base64(b"\xff\xfe"))
                .summary("[s]")
                .sub_type(0),
        )
        .record(Media::path("/a b/c%.amr"))
        .video(Video::new("v").name("n").thumb("t"))
        .file(File::new("f").name("a,b.txt"))
        .at(-1)
        .at_all()
        .reply(i64::MAX)
        .dice()
        .rps()
        .json(json!({"a": [1, "]"]}))
        .markdown("*[x]*, &")
        .music(Music::track(MusicPlatform::Kuwo, "9"))
        .music(CustomMusic::new("u", "i").audio("a").content("c"))
        .contact(UserId::new(10001))
        .mface(Mface::new(1, "e", "k").summary("s"))
        .forward("res,id==")
        .node(MessageId::new(3))
        .node(
            CustomNode::new(1, "n", "c")
                .source("s")
                .summary("u")
                .prompt("p")
                .time("0"),
        )
        .segment(Segment::unknown(
            "custom_kind",
            json!({"key_1": "v,[&]", "k2": ""}),
        ));
    assert_eq!(
        Message::from_cq(&sendable.to_cq()),
        sendable,
        "{}",
        sendable.to_cq()
    );

    let received: ReceivedMessage = serde_json::from_value(json!([
        {"type": "text", "data": {"text": "hi"}},
        {"type": "face", "data": {"id": "14", "raw": {"faceIndex": 14, "list": [1, 2]}, "chainCount": 1}},
        {"type": "image", "data": {"file": "A.jpg", "url": "https://x/a?b=1&c=[2]", "sub_type": 0, "file_size": "48213", "summary": ""}},
        {"type": "image", "data": {"file": "m.gif", "key": "k", "emoji_id": "e", "emoji_package_id": 1}},
        {"type": "record", "data": {"file": "r", "path": "/p", "file_size": 2}},
        {"type": "video", "data": {"file": "v", "url": "u"}},
        {"type": "file", "data": {"file": "f", "file_id": "/id", "url": "u", "file_size": "3"}},
        {"type": "at", "data": {"qq": "all"}},
        {"type": "reply", "data": {"id": "1"}},
        {"type": "dice", "data": {"result": 3}},
        {"type": "rps", "data": {}},
        {"type": "poke", "data": {"type": "1", "id": "2", "name": "n"}},
        {"type": "json", "data": {"data": "{\"a\":\"b,c\"}"}},
        {"type": "markdown", "data": {"content": "m"}},
        {"type": "contact", "data": {"type": "qq", "id": "5"}},
        {"type": "share", "data": {"url": "u", "title": "t"}},
        {"type": "location", "data": {"lat": 39.9042, "lon": -0.1, "content": "c"}},
        {"type": "xml", "data": {"data": "<a b=\"c\"/>"}},
        {"type": "forward", "data": {"id": "7672696335120716277", "content": [{"message": [{"type": "text", "data": {"text": "x,y"}}]}]}},
        {"type": "node", "data": {"user_id": "1", "nickname": "n", "content": [{"type": "face", "data": {"id": "1"}}]}},
        {"type": "onlinefile", "data": {"msgId": "1", "elementId": "2", "fileName": "a,b", "fileSize": "4", "isDir": true}},
        {"type": "flashtransfer", "data": {"fileSetId": "s"}},
        {"type": "gift", "data": {"id": "g"}},
    ]))
    .unwrap();
    assert!(
        !received.segments().iter().any(
            |segment| matches!(segment, ReceivedSegment::Unknown { kind, .. } if kind != "gift")
        )
    );
    assert_eq!(
        ReceivedMessage::from_cq(&received.to_cq()),
        received,
        "{}",
        received.to_cq()
    );
}

/// A small deterministic generator (xorshift64*), enough to walk many
/// messages without a property-testing dependency.
struct Generator(u64);

impl Generator {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self) -> bool {
        self.next().is_multiple_of(2)
    }

    /// Text made of the pieces most likely to break escaping.
    fn text(&mut self) -> String {
        const PIECES: [&str; 24] = [
            "a",
            "Z9_",
            " ",
            "&",
            "[",
            "]",
            ",",
            "=",
            ";",
            "#",
            "\n",
            "\r",
            "中文",
            "😀",
            "&amp;",
            "&#91;",
            "&#93;",
            "&#44;",
            "&#",
            "[CQ:",
            "[CQ:face,id=1]",
            "CQ:",
            "]]",
            "&&",
        ];
        (0..self.below(7))
            .map(|_| PIECES[self.below(PIECES.len())])
            .collect()
    }

    fn id(&mut self) -> i64 {
        match self.below(3) {
            0 => self.below(100) as i64,
            1 => -(self.below(100) as i64),
            _ => self.next() as i64,
        }
    }

    fn option(&mut self) -> Option<String> {
        self.chance().then(|| self.text())
    }

    fn message(&mut self, depth: u32) -> Message {
        let mut message = Message::new();
        for _ in 0..self.below(6) {
            message.push(self.segment(depth));
        }
        message
    }

    fn segment(&mut self, depth: u32) -> Segment {
        match self.below(20) {
            0..=3 => Segment::text(self.text()),
            4 => {
                let mut face = Face::new(self.next() as u32);
                if let Some(result_id) = self.option() {
                    face = face.result_id(result_id);
                }
                Segment::face(face)
            }
            5 => {
                let mut image = Image::new(self.text());
                if let Some(summary) = self.option() {
                    image = image.summary(summary);
                }
                if self.chance() {
                    image = image.sub_type(self.below(8) as u32);
                }
                Segment::image(image)
            }
            6 => Segment::record(Media::path(self.text())),
            7 => Segment::video(
                Video::new(self.text())
                    .name(self.text())
                    .thumb(Media::base64(self.text())),
            ),
            8 => Segment::file(File::new(self.text()).name(self.text())),
            9 if self.chance() => Segment::at_all(),
            9 => Segment::at(self.id()),
            10 => Segment::from(Reply::new(self.id()).seq(self.id())),
            11 => Segment::json(self.text()),
            12 => Segment::markdown(self.text()),
            13 => {
                let mut music = CustomMusic::new(self.text(), self.text());
                if let Some(title) = self.option() {
                    music = music.title(title);
                }
                Segment::music(music)
            }
            14 => Segment::music(Music::track(MusicPlatform::Migu, self.text())),
            15 => Segment::mface(
                Mface::new(self.next(), self.text(), self.text()).summary(self.text()),
            ),
            16 => Segment::forward(self.text()),
            17 if depth < 2 => {
                let content = self.message(depth + 1);
                let lines: Vec<String> = (0..self.below(3)).map(|_| self.text()).collect();
                Segment::node(CustomNode::new(self.id(), self.text(), content).news(lines))
            }
            17 => Segment::node(MessageId::new(self.id())),
            18 => Segment::unknown("x_kind", json!({ "a": self.text(), "b_2": self.text() })),
            _ if self.chance() => Segment::dice(),
            _ => Segment::contact(GroupId::new(self.id())),
        }
    }
}

#[test]
fn generated_messages_round_trip() {
    let mut generator = Generator(0x9e37_79b9_7f4a_7c15);
    for _ in 0..3000 {
        let message = generator.message(0);
        let cq = message.to_cq();
        assert_eq!(Message::from_cq(&cq), message, "{cq}");
    }
}

#[test]
fn any_string_parses_and_parsing_is_stable() {
    const PIECES: [&str; 22] = [
        "[CQ:", "face", "text", "at", "image", "node", ",", "=", "]", "[", "id", "qq", "text",
        "file", "1", "all", "&#44;", "&amp;", "&#91;", " ", "é", "content",
    ];
    let mut generator = Generator(7);
    for _ in 0..5000 {
        let input: String = (0..generator.below(12))
            .map(|_| PIECES[generator.below(PIECES.len())])
            .collect();
        let sent = Message::from_cq(&input);
        assert_eq!(Message::from_cq(&sent.to_cq()), sent, "{input}");
        let received = ReceivedMessage::from_cq(&input);
        assert_eq!(
            ReceivedMessage::from_cq(&received.to_cq()),
            received,
            "{input}"
        );
    }
}

#[test]
fn deeply_nested_cq_strings_stop_nesting_instead_of_overflowing() {
    fn escape_value(text: &str) -> String {
        text.replace('&', "&amp;")
            .replace('[', "&#91;")
            .replace(']', "&#93;")
            .replace(',', "&#44;")
    }
    let mut cq = String::from("core");
    for _ in 0..60 {
        cq = format!(
            "[CQ:node,user_id=1,nickname=n,content={}]",
            escape_value(&cq)
        );
    }
    let mut message = Message::from_cq(&cq);
    let mut nodes = 0;
    while let [Segment::Node(Node::Custom(node))] = message.segments() {
        nodes += 1;
        message = node.content.clone();
    }
    // 32 levels are parsed; below them the rest is kept as text.
    assert_eq!(nodes, 32);
    let [Segment::Text(rest)] = message.segments() else {
        panic!("{message:?}")
    };
    assert!(
        rest.text
            .starts_with("[CQ:node,user_id=1,nickname=n,content=")
    );
    // The limit is per parse: the next one starts from the top again.
    assert_eq!(Message::from_cq("[CQ:face,id=1]"), Message::new().face(1));
}

#[test]
fn floats_round_trip_exactly_and_non_finite_numbers_stay_unknown() {
    let cq = "[CQ:location,lat=39.9,lon=116.92233720368547758073]";
    let message = ReceivedMessage::from_cq(cq);
    let [ReceivedSegment::Location(location)] = message.segments() else {
        panic!("{message:?}")
    };
    assert_eq!(location.lat.to_bits(), 39.9_f64.to_bits());
    assert_eq!(
        location.lon.to_bits(),
        "116.92233720368547758073".parse::<f64>().unwrap().to_bits()
    );
    let again = ReceivedMessage::from_cq(&message.to_cq());
    assert_eq!(again, message, "{}", message.to_cq());
    assert_eq!(again.to_cq(), message.to_cq());

    // What an f64 cannot hold is kept as it came, untyped.
    for value in ["NaN", "nan", "inf", "-inf", "infinity", "1e999", "-1e999"] {
        let cq = format!("[CQ:location,lat={value},lon=1]");
        let message = ReceivedMessage::from_cq(&cq);
        assert!(
            matches!(message.segments(), [ReceivedSegment::Unknown { kind, data }]
                if kind == "location" && data["lat"] == value),
            "{value}: {message:?}"
        );
        assert_eq!(message.to_cq(), cq);
        assert_eq!(ReceivedMessage::from_cq(&message.to_cq()), message);
        let json = json!([{"type": "location", "data": {"lat": value, "lon": 1}}]);
        let decoded: ReceivedMessage = serde_json::from_value(json).unwrap();
        assert!(
            matches!(decoded.segments(), [ReceivedSegment::Unknown { .. }]),
            "{value}: {decoded:?}"
        );
    }
}

/// Property tests: `PROPTEST_CASES` cases each (default 256).
mod properties {
    use proptest::prelude::*;

    use super::*;

    /// Pieces of CQ syntax, segment types, keys and awkward values, floats
    /// included, that random concatenations are made of.
    const PIECES: &[&str] = &[
        "[CQ:",
        "]",
        ",",
        "=",
        "[",
        "&#44;",
        "&amp;",
        "&#91;",
        "&#93;",
        "&",
        " ",
        "é",
        "\n",
        "face",
        "text",
        "at",
        "image",
        "node",
        "location",
        "reply",
        "music",
        "json",
        "id",
        "qq",
        "file",
        "content",
        "lat",
        "lon",
        "type",
        "all",
        "1",
        "-7",
        "39.9",
        "116.92233720368547758073",
        "1e-320",
        "-0",
        "NaN",
        "inf",
        "1e999",
        "true",
        "{}",
    ];

    fn cq_like() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(PIECES), 0..24)
            .prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #[test]
        fn parsing_then_printing_round_trips(input in cq_like()) {
            let sent = Message::from_cq(&input);
            let printed = sent.to_cq();
            let again = Message::from_cq(&printed);
            prop_assert_eq!(&again, &sent, "{} -> {}", input, printed);
            prop_assert_eq!(again.to_cq(), printed);

            let received = ReceivedMessage::from_cq(&input);
            let printed = received.to_cq();
            let again = ReceivedMessage::from_cq(&printed);
            prop_assert_eq!(&again, &received, "{} -> {}", input, printed);
            prop_assert_eq!(again.to_cq(), printed);
        }

        #[test]
        fn any_float_is_exact_or_unknown(lat in any::<f64>(), lon in any::<f64>(), scientific in any::<bool>()) {
            let cq = if scientific {
                format!("[CQ:location,lat={lat:e},lon={lon:e}]")
            } else {
                format!("[CQ:location,lat={lat},lon={lon}]")
            };
            let message = ReceivedMessage::from_cq(&cq);
            match message.segments() {
                [ReceivedSegment::Location(location)] => {
                    prop_assert!(lat.is_finite() && lon.is_finite());
                    prop_assert_eq!(location.lat.to_bits(), lat.to_bits());
                    prop_assert_eq!(location.lon.to_bits(), lon.to_bits());
                }
                [ReceivedSegment::Unknown { kind, .. }] => {
                    prop_assert_eq!(kind, "location");
                    prop_assert!(!lat.is_finite() || !lon.is_finite());
                }
                other => prop_assert!(false, "{:?}", other),
            }
            prop_assert_eq!(ReceivedMessage::from_cq(&message.to_cq()), message);
        }
    }
}
