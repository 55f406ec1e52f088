//! Every event in the repository's JSON fixtures decodes to exactly the
//! typed value recorded in `tests/golden/events.txt`, and is written back
//! as recorded: the proof that generating the event types from
//! `schema/events.yaml` changed nothing a bot can observe.
//!
//! The golden file was recorded from the hand-written types before they
//! were replaced. After a deliberate change to decoding, record it again
//! with `NCAT_UPDATE_GOLDEN=1 cargo test -p ncat-api --test event_golden`
//! and review the diff.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod golden_file;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use ncat_api::event::Event;
use serde_json::Value;

/// The directories whose JSON files hold events: the event fixtures, and
/// the reply fixtures whose messages (`get_msg`, `get_recent_contact`) are
/// message events.
const FIXTURE_DIRS: [&str; 2] = ["tests/fixtures/events", "../tests/fixtures/replies"];

/// `(fixture name, event JSON)` for every object with a `post_type` in
/// the fixtures (the whole file, or an event nested in a reply), sorted.
fn events() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut events = Vec::new();
    for dir in FIXTURE_DIRS {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| {
                path.extension()
                    .is_some_and(|extension| extension == "json")
            })
            .collect();
        paths.sort();
        for path in paths {
            let text = std::fs::read_to_string(&path).unwrap();
            let name = format!("{dir}/{}", path.file_name().unwrap().to_string_lossy());
            let value: Value = serde_json::from_str(&text).unwrap();
            if value.get("post_type").is_some() || dir.ends_with("events") {
                // The file as NapCat sends it: decoded from its own text.
                events.push((name, text));
            } else {
                nested(&value, &name, &mut events);
            }
        }
    }
    events
}

/// The objects with a `post_type` inside `value`, named by their JSON pointer.
fn nested(value: &Value, name: &str, events: &mut Vec<(String, String)>) {
    match value {
        Value::Object(object) if object.contains_key("post_type") => {
            events.push((name.to_owned(), value.to_string()));
        }
        Value::Object(object) => {
            for (key, inner) in object {
                nested(inner, &format!("{name}/{key}"), events);
            }
        }
        Value::Array(items) => {
            for (index, inner) in items.iter().enumerate() {
                nested(inner, &format!("{name}/{index}"), events);
            }
        }
        _ => {}
    }
}

/// Each event's typed value (`Debug`) and its JSON as written back.
fn record() -> (usize, String) {
    let events = events();
    let mut golden = String::new();
    for (name, json) in &events {
        let event = Event::from_json(json).unwrap();
        // The `Value` path (serde, `Event::from_value`) decodes the same.
        let from_value = Event::from_value(serde_json::from_str(json).unwrap());
        assert_eq!(
            from_value, event,
            "{name}: from_value differs from from_json"
        );
        let written = serde_json::to_string(&event).unwrap();
        writeln!(
            golden,
            "== {name}\n{event:#?}\n-- written back\n{written}\n"
        )
        .unwrap();
    }
    (events.len(), golden)
}

#[test]
fn every_fixture_event_decodes_and_is_written_back_as_recorded() {
    let (count, recorded) = record();
    // 45 event fixtures, `get_msg`'s message and `get_recent_contact`'s.
    assert_eq!(count, 47, "fixtures with events");
    golden_file::compare("events.txt", &recorded);
}

/// The derives of the hand-written types, kept: every event but the two
/// messages (whose `ReceivedMessage` is not `Eq`) is `Eq`, as the four
/// request and meta events were before `Eq` regressed.
#[test]
fn events_without_a_message_are_eq() {
    fn eq<T: Eq + Clone + std::fmt::Debug>() {}
    use ncat_api::event::*;
    eq::<Lifecycle>();
    eq::<Heartbeat>();
    eq::<FriendRequest>();
    eq::<GroupRequest>();
    eq::<GroupDecrease>();
    eq::<Poke>();
    eq::<LifecycleKind>();
}
