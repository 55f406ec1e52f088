//! `schema/events.yaml` loads and generates, and a mistake in an events
//! file is reported at its `file:line:col`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use ncat_schema::SourceFile;
use ncat_schema::event::{self, PostType};

fn schema_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema")
}

#[test]
fn the_events_schema_loads_and_generates() {
    let schema = event::load_dir(&schema_dir())
        .unwrap_or_else(|diagnostics| panic!("{diagnostics}"))
        .expect("schema/events.yaml exists");
    let count = |post_type| {
        schema
            .events
            .iter()
            .filter(|event| event.post_type == post_type)
            .count()
    };
    assert_eq!(count(PostType::Message), 2);
    assert_eq!(count(PostType::Notice), 22);
    assert_eq!(count(PostType::Request), 2);
    assert_eq!(count(PostType::Meta), 2);
    // Every event starts with the base, written once in the file.
    for event in &schema.events {
        let names: Vec<&str> = event
            .fields
            .iter()
            .map(|field| field.name.as_str())
            .collect();
        assert_eq!(names[..2], ["time", "self_id"], "{}", event.name);
    }
    let poke = schema
        .events
        .iter()
        .find(|event| event.name == "Poke")
        .unwrap();
    assert_eq!(
        (poke.kind.as_str(), poke.sub_type.as_deref()),
        ("notify", Some("poke"))
    );
    let rendered = event::render(&schema).expect("the generated code parses");
    for expected in [
        "GroupDecrease",
        "__open_enum!",
        "\"poke\"",
        "pub enum NoticeEvent",
    ] {
        assert!(
            rendered.contains(expected),
            "no `{expected}` in the generated code"
        );
    }
}

#[test]
fn the_readme_example_loads() {
    let readme = std::fs::read_to_string(schema_dir().join("README.md")).unwrap();
    let example = readme
        .split("```yaml events-example\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("schema/README.md has an `events-example` block");
    let source = SourceFile {
        path: "events.yaml".into(),
        text: example.to_owned(),
    };
    let schema =
        event::load_source(&source, &[]).unwrap_or_else(|diagnostics| panic!("{diagnostics}"));
    assert_eq!(schema.events.len(), 2);
}

fn error_of(text: &str) -> String {
    let source = SourceFile {
        path: "events.yaml".into(),
        text: text.to_owned(),
    };
    event::load_source(&source, &[]).unwrap_err().to_string()
}

#[test]
fn mistakes_are_reported_where_they_are() {
    let base = "events:\n  - name: Todo\n    post_type: notice\n";
    let cases = [
        (
            format!("{base}    kind: group_todo\n    summary: {{ zh: 待办, en: A to-do. }}\n    fields:\n      - {{ name: group_id, type: Group }}\n"),
            "events.yaml:7:33: unknown type `Group`",
        ),
        (
            format!("{base}    kind: notify\n    summary: {{ zh: 待办, en: A to-do. }}\n"),
            "events.yaml:4:11: a `notify` notice is chosen by its `sub_type`",
        ),
        (
            format!("{base}    kind: group_todo\n    summary: {{ zh: 待办, en: A to-do. }}\n    fields:\n      - {{ use: group }}\n"),
            "events.yaml:7:16: no shared field `group`",
        ),
        (
            format!("{base}    kind: group_todo\n    summary: {{ zh: 待办, en: A to-do. }}\n    fields:\n      - {{ name: time, type: i64 }}\n"),
            "events.yaml:7:17: field `time` comes from the event base already",
        ),
        (
            "events:\n  - name: Todo\n    post_type: message_sent\n    kind: x\n    summary: { zh: a, en: b }\n".to_owned(),
            "events.yaml:3:16: unknown post_type `message_sent`",
        ),
        (
            format!("{base}    kind: group_todo\n    colour: red\n    summary: {{ zh: 待办, en: A to-do. }}\n"),
            "events.yaml:5:5: unknown field `colour`",
        ),
    ];
    for (text, expected) in cases {
        let error = error_of(&text);
        assert!(
            error.contains(expected),
            "expected `{expected}` in:\n{error}\n---\n{text}"
        );
    }
}
