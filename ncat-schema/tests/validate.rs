//! Every kind of schema problem is reported once, at the right place, and
//! all problems of a load are reported together.

use std::path::PathBuf;

use ncat_schema::{SourceFile, load_sources};

fn source(name: &str, text: &str) -> SourceFile {
    SourceFile {
        path: PathBuf::from(name),
        text: text.to_owned(),
    }
}

const TYPES: &str = "\
types:
  - name: User
    fields:
      - { name: user_id, type: UserId }
  - name: AudioFormat
    enum:
      - { value: mp3 }
      - { value: amr }
";

/// The rendered diagnostics of a load that must fail.
fn errors(files: &[SourceFile]) -> Vec<String> {
    match load_sources(files) {
        Ok(_) => panic!("the schema should not load"),
        Err(diagnostics) => diagnostics.0.iter().map(ToString::to_string).collect(),
    }
}

/// Only the `file:line:col: message` head of each diagnostic.
fn heads(files: &[SourceFile]) -> Vec<String> {
    errors(files)
        .iter()
        .map(|error| error.lines().next().unwrap_or_default().to_owned())
        .collect()
}

fn action_file(body: &str) -> SourceFile {
    source("group.yaml", &format!("actions:\n{body}"))
}

#[test]
fn a_valid_schema_loads_with_resolved_names() {
    let schema = load_sources(&[
        source("types.yaml", TYPES),
        action_file(
            "  - action: get_record
    summary: { zh: 获取语音, en: Get a voice message }
    params:
      - { name: file, type: string, required: true }
      - { name: out_format, type: AudioFormat, default: mp3 }
      - { name: emojiId, rust_name: emoji_id, type: list<u32>, default: [1, 2] }
    reply:
      type: list<User>
",
        ),
    ])
    .unwrap();
    let action = &schema.actions[0];
    assert_eq!(action.rust_name, "get_record");
    assert_eq!(action.category, "group");
    assert_eq!(action.request_type_name(), "GetRecordRequest");
    assert_eq!(action.params[2].wire_name, "emojiId");
    assert_eq!(action.params[2].rust_name, "emoji_id");
    assert_eq!(schema.types.len(), 2);
}

#[test]
fn yaml_syntax_error_names_file_line_and_column() {
    let got = errors(&[action_file("  - action: [unclosed\n")]);
    assert_eq!(got.len(), 1);
    assert!(got[0].starts_with("group.yaml:2:"), "{}", got[0]);
}

#[test]
fn unknown_key_is_an_error() {
    let got = heads(&[action_file(
        "  - action: a\n    summary: { zh: 甲, en: A }\n    sumary: typo\n",
    )]);
    assert_eq!(
        got,
        [
            "group.yaml:4:5: unknown field `sumary`, expected one of action, since, rust_name, summary, description, params, reply, aliases, deprecated"
        ]
    );
}

#[test]
fn since_must_be_a_release_not_older_than_its_action() {
    let got = heads(&[action_file(
        "  - action: a
    since: \"4.17\"
    summary: { zh: 甲, en: A }
  - action: b
    since: \"4.17.20\"
    summary: { zh: 乙, en: B }
    params:
      - { name: x, type: u32, since: \"4.17.49\" }
      - { name: y, type: u32, since: \"4.15.13\" }
      - { name: z, type: u32, since: \"<=4.12.0\" }
    reply:
      fields:
        - { name: w, type: u32, since: \"4.1\" }
  - action: c
    since: \"<=4.12.0\"
    summary: { zh: 丙, en: C }
    params:
      - { name: x, type: u32, since: \"4.17.49\" }
",
    )]);
    assert_eq!(
        got,
        [
            "group.yaml:3:12: invalid `since` `4.17`: expected a NapCat release such as \"4.17.20\", or \"<=4.12.0\" for 4.12.0 or older",
            "group.yaml:10:38: `since` 4.15.13 is older than the action's `since` 4.17.20: a parameter or field cannot predate its action",
            "group.yaml:11:38: `since` <=4.12.0 is older than the action's `since` 4.17.20: a parameter or field cannot predate its action",
            "group.yaml:14:40: invalid `since` `4.1`: expected a NapCat release such as \"4.17.20\", or \"<=4.12.0\" for 4.12.0 or older",
        ]
    );
}

#[test]
fn since_is_in_the_model() {
    let files = [action_file(
        "  - action: c\n    since: \"<=4.12.0\"\n    summary: { zh: 丙, en: C }\n    params:\n      - { name: x, type: u32, since: \"4.17.49\" }\n",
    )];
    let schema = ncat_schema::load_sources(&files).unwrap();
    let version = ncat_schema::Version {
        major: 4,
        minor: 12,
        patch: 0,
    };
    assert_eq!(
        schema.actions[0].since,
        Some(ncat_schema::Since::AtOrBefore(version))
    );
    assert_eq!(
        schema.actions[0].params[0]
            .since
            .map(|since| since.to_string()),
        Some("4.17.49".to_owned())
    );
}

#[test]
fn unknown_type_lists_the_vocabulary_and_quotes_the_line() {
    let got = errors(&[action_file(
        "  - action: a
    summary: { zh: 甲, en: A }
    params:
      - { name: x, type: u33 }
",
    )]);
    assert_eq!(
        got,
        [format!(
            "group.yaml:5:26: unknown type `u33`; expected one of {}, or a PascalCase type from types.yaml\n  |\n5 |       - {{ name: x, type: u33 }}\n  |                          ^",
            ncat_schema::BUILTIN_TYPES
        )]
    );
}

#[test]
fn unresolved_shared_type() {
    let got = heads(&[
        source("types.yaml", TYPES),
        action_file(
            "  - action: a\n    summary: { zh: 甲, en: A }\n    reply: { type: list<GroupMembr> }\n",
        ),
    ]);
    assert_eq!(
        got,
        [
            "group.yaml:4:20: unresolved shared type `GroupMembr`: types.yaml defines no type of that name"
        ]
    );
}

#[test]
fn duplicate_action_across_files_points_at_the_first() {
    let got = heads(&[
        source(
            "group.yaml",
            "actions:\n  - action: a\n    summary: { zh: 甲, en: A }\n",
        ),
        source(
            "user.yaml",
            "actions:\n  - action: a\n    summary: { zh: 甲, en: A }\n",
        ),
    ]);
    assert_eq!(
        got,
        ["user.yaml:2:13: duplicate action `a`; first defined at group.yaml:2:13"]
    );
}

#[test]
fn defaults_of_the_wrong_type() {
    let got = heads(&[
        source("types.yaml", TYPES),
        action_file(
            "  - action: a
    summary: { zh: 甲, en: A }
    params:
      - { name: n, type: u8, default: 300 }
      - { name: b, type: bool, default: \"yes\" }
      - { name: f, type: AudioFormat, default: mp5 }
",
        ),
    ]);
    assert_eq!(
        got,
        [
            "group.yaml:5:39: default of the wrong type for `n` (`u8`): `300` is out of range for `u8`",
            "group.yaml:6:41: default of the wrong type for `b` (`bool`): `\"yes\"` is not a `bool`",
            "group.yaml:7:48: default of the wrong type for `f` (`AudioFormat`): `mp5` is not a value of `AudioFormat` (mp3, amr)",
        ]
    );
}

#[test]
fn required_param_with_default() {
    let got = heads(&[action_file(
        "  - action: a\n    summary: { zh: 甲, en: A }\n    params:\n      - { name: n, type: u8, required: true, default: 1 }\n",
    )]);
    assert_eq!(got.len(), 1);
    assert!(
        got[0].starts_with("group.yaml:5:55: required parameter `n` cannot have a default"),
        "{}",
        got[0]
    );
}

#[test]
fn rust_name_collisions() {
    let got = heads(&[
        source("types.yaml", TYPES),
        action_file(
            "  - action: ocr_image
    summary: { zh: 甲, en: A }
  - action: .ocr_image
    rust_name: ocr_image
    summary: { zh: 甲, en: A }
  - action: b
    aliases: [call]
    summary: { zh: 甲, en: A }
    params:
      - { name: reverse_order, type: bool }
      - { name: reverseOrder, rust_name: reverse_order, type: bool }
      - { name: call_timeout, type: u32 }
  - action: user
    rust_name: user
    summary: { zh: 甲, en: A }
    reply:
      fields: []
",
        ),
    ]);
    assert_eq!(
        got,
        [
            "group.yaml:5:16: name collision: client method `ocr_image` is already generated for `ocr_image` (group.yaml:2:13)",
            "group.yaml:8:15: name collision: `call` would shadow `Client::call`",
            "group.yaml:12:42: name collision: two parameters are named `reverse_order` in Rust",
            "group.yaml:13:17: name collision: parameter `call_timeout` would shadow `Call::call_timeout`; add a different `rust_name`",
        ]
    );
    let user_reply = load_sources(&[
        source(
            "types.yaml",
            "types:\n  - name: UserReply\n    fields: []\n",
        ),
        action_file(
            "  - action: user\n    summary: { zh: 甲, en: A }\n    reply:\n      fields: []\n",
        ),
    ]);
    let heads: Vec<String> = user_reply
        .err()
        .map(|diagnostics| diagnostics.0.iter().map(|d| d.message.clone()).collect())
        .unwrap_or_default();
    assert_eq!(
        heads,
        ["name collision: generated type `UserReply` has the name of a type in types.yaml"]
    );
}

#[test]
fn invalid_identifiers_ask_for_a_rust_name() {
    let got = heads(&[action_file(
        "  - action: ArkSharePeer
    summary: { zh: 甲, en: A }
    params:
      - { name: type, type: u8 }
      - { name: x, rust_name: NotSnake, type: u8 }
",
    )]);
    assert_eq!(
        got,
        [
            "group.yaml:2:13: invalid identifier: action `ArkSharePeer` is not a snake_case Rust identifier (or is a keyword); add a `rust_name`",
            "group.yaml:5:17: invalid identifier: parameter `type` is not a snake_case Rust identifier (or is a keyword); add a `rust_name`",
            "group.yaml:6:31: invalid identifier `NotSnake`: a parameter `rust_name` must be a snake_case identifier and not a keyword",
        ]
    );
}

#[test]
fn every_file_is_checked_even_after_a_yaml_error() {
    let got = heads(&[
        source("group.yaml", "actions: [\n"),
        source(
            "user.yaml",
            "actions:\n  - action: a\n    summary: { zh: 甲, en: A }\n    params:\n      - { name: x, type: nope }\n",
        ),
    ]);
    assert_eq!(got.len(), 2, "{got:#?}");
    assert!(got[0].starts_with("group.yaml:"));
    assert!(got[1].starts_with("user.yaml:5:26: unknown type `nope`"));
}

#[test]
fn reply_needs_exactly_one_shape() {
    let got = heads(&[action_file(
        "  - action: a\n    summary: { zh: 甲, en: A }\n    reply: { doc: nothing }\n",
    )]);
    assert_eq!(
        got,
        [
            "group.yaml:4:12: `reply` needs exactly one of `type`, `fields` or `frames` (omit `reply` when NapCat sends no data)"
        ]
    );
}

#[test]
fn a_missing_directory_is_a_diagnostic_not_a_panic() {
    let missing = std::env::temp_dir().join("ncat-schema-no-such-dir");
    let diagnostics = ncat_schema::load_dir(&missing).unwrap_err();
    assert_eq!(diagnostics.0.len(), 1);
    assert!(
        diagnostics.0[0]
            .message
            .starts_with("cannot read the schema directory")
    );
}

/// The examples in `schema/README.md` are real: they load as written.
#[test]
fn readme_examples_load() {
    let readme = include_str!("../../schema/README.md");
    let blocks: Vec<&str> = readme
        .split("```yaml\n")
        .skip(1)
        .filter_map(|block| block.split("```").next())
        .collect();
    assert_eq!(blocks.len(), 3);
    let schema = load_sources(&[
        source("group.yaml", blocks[0]),
        source("types.yaml", blocks[1]),
        source("message.yaml", blocks[2]),
    ])
    .unwrap_or_else(|diagnostics| panic!("{diagnostics}"));
    assert_eq!(schema.actions.len(), 7);
}

#[test]
fn the_catch_all_variant_name_is_reserved() {
    let got = heads(&[source(
        "types.yaml",
        "types:\n  - name: Role\n    enum:\n      - { value: unrecognized }\n",
    )]);
    assert_eq!(
        got,
        [
            "types.yaml:4:18: name collision: `Unrecognized` is the variant every enum gets for values ncat does not know; add a different `rust_name`"
        ]
    );
}
