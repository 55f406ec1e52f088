//! Every segment in the repository's fixtures decodes, both as a segment to
//! send and as a received one, to exactly the typed value recorded in
//! `tests/golden/segments.txt`, and is written back (as JSON and as a CQ
//! code) as recorded; so are the fixtures' CQ strings and a message built
//! with every builder method. The proof that generating the segment enums,
//! their dispatch, the builder and the CQ mapping from
//! `schema/segments.yaml` changed nothing a bot can observe.
//!
//! The golden file was recorded from the hand-written enums before they
//! were replaced. After a deliberate change to segments, record it again
//! with `NCAT_UPDATE_GOLDEN=1 cargo test -p ncat-api --test segment_golden`
//! and review the diff.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod golden_file;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use ncat_api::segment::{CustomMusic, CustomNode, Face, File, Image, Mface, Music, MusicPlatform};
use ncat_api::{
    GroupId, Media, Message, MessageId, ReceivedMessage, ReceivedSegment, Segment, UserId,
};
use serde_json::{Value, json};

/// The directories whose JSON files hold messages: the event fixtures and
/// the reply fixtures.
const FIXTURE_DIRS: [&str; 2] = ["tests/fixtures/events", "../tests/fixtures/replies"];

/// Every `{"type": …, "data": …}` object inside `value`.
fn nested_segments(value: &Value, segments: &mut Vec<Value>) {
    match value {
        Value::Object(object) => {
            let is_segment = object.get("type").is_some_and(Value::is_string)
                && object.contains_key("data")
                && object.len() == 2;
            if is_segment {
                segments.push(value.clone());
            }
            for inner in object.values() {
                nested_segments(inner, segments);
            }
        }
        Value::Array(items) => {
            for inner in items {
                nested_segments(inner, segments);
            }
        }
        _ => {}
    }
}

/// `(where from, segment JSON)`: the segment fixture's, then those in the
/// event and reply fixtures, in file order.
fn segments() -> Vec<(String, Value)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fixture: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("tests/fixtures/segments.json")).unwrap(),
    )
    .unwrap();
    let mut all: Vec<(String, Value)> = fixture["segments"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .map(|(index, segment)| (format!("segments.json/{index}"), segment.clone()))
        .collect();
    for dir in FIXTURE_DIRS {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
            .collect();
        paths.sort();
        for path in paths {
            let value: Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let mut found = Vec::new();
            nested_segments(&value, &mut found);
            let name = format!("{dir}/{}", path.file_name().unwrap().to_string_lossy());
            all.extend(
                found
                    .into_iter()
                    .enumerate()
                    .map(|(index, segment)| (format!("{name}#{index}"), segment)),
            );
        }
    }
    all
}

fn cq_strings() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fixture: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("tests/fixtures/segments.json")).unwrap(),
    )
    .unwrap();
    fixture["cq"]
        .as_array()
        .unwrap()
        .iter()
        .map(|cq| cq.as_str().unwrap().to_owned())
        .collect()
}

/// A message made with every builder method, as the public API spells them.
fn built() -> Message {
    Message::new()
        .text("hi & [x]")
        .face(14)
        .face(Face::new(358).result_id("4").chain_count(2))
        .image("https://example.com/a.png")
        .image(
            Image::new(Media::base64([0xff, 0xd8]))
                .summary("[图片]")
                .sub_type(1),
        )
        .record(Media::path("/data/voice.mp3"))
        .video("https://example.com/v.mp4")
        .file(File::new(Media::path("/srv/report.pdf")).name("report.pdf"))
        .at(10001)
        .at(UserId::new(10002))
        .at_all()
        .reply(1588762139)
        .reply(MessageId::new(5))
        .dice()
        .rps()
        .json(json!({"app": "com.tencent.miniapp"}))
        .json("{}")
        .markdown("# title")
        .music(Music::track(MusicPlatform::NetEase, "28949444"))
        .music(CustomMusic::new("https://m.example/1", "https://m.example/c.png").title("Song"))
        .contact(UserId::new(10001))
        .contact(GroupId::new(123456))
        .mface(Mface::new(10278, "7a", "b8").summary("[开心]"))
        .forward("Uyn2cXOQ2rRbFJhdH+3W8y+dZmYk")
        .node(MessageId::new(1588762139))
        .node(CustomNode::new(
            10001,
            "Alice",
            Message::new().text("hi").face(14),
        ))
        .segment(Segment::text("s"))
        .segment(Segment::at_all())
        .segment(Segment::unknown("shake", json!({})))
}

fn record() -> (usize, String) {
    let mut golden = String::new();
    let segments = segments();
    for (name, wire) in &segments {
        let received: ReceivedSegment = serde_json::from_value(wire.clone()).unwrap();
        let received_json = serde_json::to_string(&received).unwrap();
        let received_cq = ReceivedMessage::from(vec![received.clone()]).to_cq();
        let sent: Segment = serde_json::from_value(wire.clone()).unwrap();
        let sent_json = serde_json::to_string(&sent).unwrap();
        let sent_cq = Message::from(sent.clone()).to_cq();
        let sendable = Segment::try_from(received.clone());
        writeln!(
            golden,
            "== {name}\n{wire}\n-- received\n{received:#?}\n{received_json}\n{received_cq}\n\
             -- sent\n{sent:#?}\n{sent_json}\n{sent_cq}\n-- received, sent on\n{sendable:?}\n"
        )
        .unwrap();
    }
    for (index, cq) in cq_strings().iter().enumerate() {
        let sent = Message::from_cq(cq);
        let received = ReceivedMessage::from_cq(cq);
        writeln!(
            golden,
            "== cq/{index}\n{cq}\n-- Message::from_cq\n{sent:#?}\n{}\n{}\n\
             -- ReceivedMessage::from_cq\n{received:#?}\n{}\n{}\n",
            serde_json::to_string(&sent).unwrap(),
            sent.to_cq(),
            serde_json::to_string(&received).unwrap(),
            received.to_cq(),
        )
        .unwrap();
    }
    let built = built();
    writeln!(
        golden,
        "== built\n{built:#?}\n{}\n{}\n",
        serde_json::to_string(&built).unwrap(),
        built.to_cq()
    )
    .unwrap();
    (segments.len(), golden)
}

#[test]
fn every_fixture_segment_decodes_and_is_written_back_as_recorded() {
    let (count, recorded) = record();
    assert!(count > 150, "fixtures with segments: {count}");
    golden_file::compare("segments.txt", &recorded);
}
