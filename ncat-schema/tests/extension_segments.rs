//! Segment kinds in an extension (`segments.yaml` of a bot's own schema):
//! checked against ncat's schema (`schema/`), and generated in the bot's
//! crate with `::ncat_api` paths.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::Path;

use ncat_schema::{Base, SourceFile};

fn source(path: &str, text: &str) -> SourceFile {
    SourceFile {
        path: path.into(),
        text: text.to_owned(),
    }
}

/// ncat's own schema, as `extend!` gets it.
fn base() -> Base {
    let sources = ncat_schema::read_sources(Path::new("../schema")).unwrap();
    let base = Base::from_table(&Base::table(&sources)).unwrap();
    assert!(base.segment_kinds.iter().any(|kind| kind == "poke"));
    assert!(base.segment_types.iter().any(|ty| ty == "ReceivedFace"));
    assert!(base.segment_types.iter().any(|ty| ty == "At"), "hooks too");
    base
}

fn heads(files: &[SourceFile]) -> Vec<String> {
    support::extension_heads(files, &base())
}

const GIFT: &str = "\
segments:
  - kind: gift
    since: \"4.18.20\"
    summary: { zh: 礼物, en: A gift card }
    send:
      rust_type: Gift
      fields:
        - { name: id, type: int, rust: u32, encoded: string, required: true }
        - { name: count, type: int, rust: u32 }
    receive:
      rust_type: ReceivedGift
      fields:
        - { name: id, type: int, rust: u32, encoded: string, required: true }
        - { name: name, type: string, required: true }
        - { name: card, type: json, rust: String, required: true }
  - kind: sticker_pack
    summary: { zh: 表情包, en: A sticker pack }
    direction: send
    rust_type: StickerPack
    fields:
      - { name: pack_id, type: string, required: true }
      - { name: file, type: string, rust: Media, required: true }
      - { name: reply_to, type: string, rust: MessageId }
      - { name: ratio, type: float, required: true }
      - { name: loop, rust_name: looping, type: bool, required: true }
      - { name: meta, type: json }
";

#[test]
fn an_extension_adds_segment_kinds_and_gets_their_types() {
    let schema =
        ncat_schema::load_extension_sources(&[source("extra/segments.yaml", GIFT)], &base())
            .unwrap_or_else(|diagnostics| panic!("{diagnostics}"));
    let kinds: Vec<&str> = schema
        .segments
        .iter()
        .map(|kind| kind.kind.as_str())
        .collect();
    assert_eq!(kinds, ["gift", "sticker_pack"]);
    let gift = &schema.segments[0];
    assert_eq!(gift.send.as_ref().unwrap().keys(), ["id", "count"]);
    assert_eq!(gift.receive.as_ref().unwrap().rust_type, "ReceivedGift");
    assert!(schema.segments[1].receive.is_none());

    let code = ncat_schema::generate_extension(&schema, &base()).to_string();
    for expected in [
        "pub struct Gift",
        "pub struct ReceivedGift",
        "pub struct StickerPack",
        "impl :: std :: convert :: From < Gift > for :: ncat_api :: Segment",
        "impl :: std :: convert :: From < StickerPack > for :: ncat_api :: Segment",
        "pub enum ExtensionSegment",
        "Gift (ReceivedGift)",
        "pub fn from_segment",
        "\"gift\" =>",
        "serialize_with = \"::ncat_api::extension::__segment::display\"",
        "deserialize_with = \"::ncat_api::lenient::float\"",
        "deserialize_with = \"::ncat_api::extension::__segment::text_or_json\"",
    ] {
        assert!(
            code.contains(expected),
            "no `{expected}` in the generated code"
        );
    }
    // Every path into ncat-api's internals was rewritten.
    for gone in [
        "super ::",
        "crate ::",
        "\"super::",
        "\"crate::",
        "compile_error",
    ] {
        assert!(!code.contains(gone), "`{gone}` in the generated code");
    }
    // A send-only kind arrives as nothing of the extension's.
    assert!(!code.contains("StickerPack (StickerPack)"));
}

#[test]
fn an_extension_without_segments_gets_no_extension_segment() {
    let actions = "actions:\n  - action: get_x\n    summary: { zh: 甲, en: A }\n";
    let schema =
        ncat_schema::load_extension_sources(&[source("extra/x.yaml", actions)], &base()).unwrap();
    let code = ncat_schema::generate_extension(&schema, &base()).to_string();
    assert!(!code.contains("ExtensionSegment"));
}

#[test]
fn an_extension_cannot_take_the_base_segment_names() {
    let segments = "\
segments:
  - kind: poke
    summary: { zh: 戳, en: Poke }
    direction: receive
    receive:
      rust_type: NewPoke
      fields:
        - { name: id, type: string, required: true }
  - kind: gift
    summary: { zh: 礼物, en: Gift }
    rust_type: ReceivedFace
    fields:
      - { name: id, type: string, required: true }
  - kind: card
    summary: { zh: 卡, en: Card }
    rust_type: Mine
    fields:
      - { name: id, type: string, required: true }
  - kind: wish
    summary: { zh: 愿, en: Wish }
    direction: send
    send:
      rust_type: Mine
      fields:
        - { name: id, type: string, required: true }
  - kind: 3d
    summary: { zh: 三维, en: 3D }
    rust_type: ThreeD
    fields:
      - { name: id, type: string, required: true }
  - kind: todo
    summary: { zh: 待办, en: To-do }
    rust_type: ExtensionSegment
    fields:
      - { name: id, type: string, required: true }
";
    let types = "types:\n  - name: Note\n    fields:\n      - { name: id, type: string }\n";
    let notes = "\
segments:
  - kind: note
    summary: { zh: 便签, en: Note }
    rust_type: Note
    fields:
      - { name: id, type: string, required: true }
";
    assert_eq!(
        heads(&[source("extra/segments.yaml", segments)]),
        [
            "extra/segments.yaml:2:11: segment kind `poke` is built into ncat-api (`Segment` / `ReceivedSegment`); remove it from the extension",
            "extra/segments.yaml:11:16: `ReceivedFace` is ncat-api's own segment data type (`ncat_api::segment::ReceivedFace`); give the extension's a name of its own",
            "extra/segments.yaml:23:18: `Mine` is the send type of segment kind `card` already: a data type is sent as one kind",
            "extra/segments.yaml:26:11: segment kind `3d` of an extension starts with a lowercase letter",
            "extra/segments.yaml:33:16: `ExtensionSegment` is already a type this extension generates; give the segment data another name",
        ]
    );
    assert_eq!(
        heads(&[
            source("extra/types.yaml", types),
            source("extra/segments.yaml", notes)
        ]),
        [
            "extra/segments.yaml:4:16: `Note` is already a type this extension generates; give the segment data another name"
        ]
    );
}

/// The extension example of `schema/README.md` loads as written, as a
/// bot's `segments.yaml` on top of ncat's schema.
#[test]
fn the_readme_extension_example_loads() {
    let readme = include_str!("../../schema/README.md");
    let example = readme
        .split("```yaml extension-segments-example\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("schema/README.md has an `extension-segments-example` block");
    let schema = ncat_schema::load_extension_sources(
        &[source("napcat-extra/segments.yaml", example)],
        &base(),
    )
    .unwrap_or_else(|diagnostics| panic!("{diagnostics}"));
    assert_eq!(schema.segments.len(), 1);
}
