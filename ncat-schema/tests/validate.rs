//! Every kind of schema problem is reported once, at the right place, and
//! all problems of a load are reported together.

mod support;

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
            "group.yaml:4:5: unknown field `sumary`, expected one of action, since, rust_name, summary, description, params, reply, aliases, deprecated, variants, groups"
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
    assert_eq!(blocks.len(), 5);
    let schema = load_sources(&[
        source("group.yaml", blocks[0]),
        source("types.yaml", blocks[1]),
        source("forward.yaml", blocks[2]),
        source("message.yaml", blocks[3]),
        source("segments.yaml", blocks[4]),
    ])
    .unwrap_or_else(|diagnostics| panic!("{diagnostics}"));
    assert_eq!(schema.actions.len(), 12);
    let kinds: Vec<&str> = schema
        .segments
        .iter()
        .map(|kind| kind.kind.as_str())
        .collect();
    assert_eq!(kinds, ["reply", "music", "json"]);
    let reply = &schema.segments[0];
    assert_eq!(reply.send.as_ref().unwrap().keys(), ["id", "seq"]);
    assert_eq!(reply.receive.as_ref().unwrap().rust_type, "ReceivedReply");
    let music = &schema.segments[1];
    assert!(music.receive.is_none());
    assert_eq!(music.arrives_as.as_deref(), Some("json"));
    assert_eq!(
        music.send.as_ref().unwrap().extra_holder(),
        Some("CustomMusic")
    );
    let json = &schema.segments[2];
    assert_eq!(json.send, json.receive);
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

// ------------------------------------------------ unions, optional replies,
// ------------------------------------------------- variants and groups

const FORMS: &str = "  - action: get_ark
    summary: { zh: 甲, en: A }
    params:
      - { name: title, type: string, required: true }
      - { name: files, type: string | list<string> }
    variants:
      - name: template
        params:
          - { name: type, rust_name: template, type: AudioFormat, required: true }
      - name: by_id
        rust_name: get_ark_by_id
        doc: By id.
        params:
          - { name: id, type: u32 | string, required: true }
          - { name: extra, type: string }
    reply: { type: string, optional: true }
  - action: get_file
    summary: { zh: 乙, en: B }
    params:
      - { name: file, type: string }
      - { name: file_id, type: string }
      - { name: url, type: string }
    groups:
      - { exactly_one_of: [file, file_id] }
      - { at_least_one_of: [file_id, url] }
";

#[test]
fn unions_optional_replies_variants_and_groups_load() {
    use ncat_schema::TypeExpr;
    use ncat_schema::model::{GroupKind, Reply};

    let schema = load_sources(&[source("types.yaml", TYPES), action_file(FORMS)]).unwrap();
    let ark = &schema.actions[0];
    assert_eq!(
        ark.params[1].ty,
        TypeExpr::Union(vec![
            TypeExpr::String,
            TypeExpr::List(Box::new(TypeExpr::String))
        ])
    );
    assert_eq!(ark.union_type_name(&ark.params[1]), "GetArkFiles");
    assert!(matches!(
        ark.reply,
        Reply::Type {
            ty: TypeExpr::String,
            optional: true,
            ..
        }
    ));
    let methods: Vec<&str> = ark.variants.iter().map(|v| v.rust_name.as_str()).collect();
    assert_eq!(methods, ["get_ark_template", "get_ark_by_id"]);
    assert_eq!(ark.variants[1].doc.as_deref(), Some("By id."));
    // Tools comparing with NapCat see one merged parameter list.
    let merged: Vec<(String, bool)> = ark
        .merged_params()
        .into_iter()
        .map(|param| (param.wire_name, param.required))
        .collect();
    let expected = [
        ("title", true),
        ("files", false),
        ("type", false),
        ("id", false),
        ("extra", false),
    ];
    assert_eq!(
        merged,
        expected.map(|(name, required)| (name.to_owned(), required))
    );
    let file = &schema.actions[1];
    assert_eq!(file.groups.len(), 2);
    assert_eq!(file.groups[0].kind, GroupKind::ExactlyOne);
    assert_eq!(file.groups[1].params, ["file_id", "url"]);
}

#[test]
fn format_additions_report_misuse_at_the_spot() {
    let got = heads(&[
        source("types.yaml", TYPES),
        action_file(
            "  - action: a
    summary: { zh: 甲, en: A }
    params:
      - { name: x, type: list<string> | list<u32> }
      - { name: y, type: list<string | u8> }
      - { name: z, type: string }
      - { name: w, type: string, required: true }
    reply: { fields: [{ name: f, type: u8 | string }], optional: true }
    groups:
      - { exactly_one_of: [z] }
      - { at_least_one_of: [z, w, nope] }
      - { exactly_one_of: [z, z], at_least_one_of: [z, w] }
  - action: b
    summary: { zh: 乙, en: B }
    params:
      - { name: common, type: string }
    variants:
      - name: only
        params:
          - { name: common, type: string }
  - action: c
    summary: { zh: 丙, en: C }
    aliases: [c_alias]
    variants:
      - { name: one }
      - { name: Two }
      - { name: three, rust_name: a }
",
        ),
    ]);
    assert_eq!(
        got,
        [
            "group.yaml:5:26: two members of this union would both be the variant `List`; a union takes at most one of each kind (one list, one integer width, …)",
            "group.yaml:6:26: malformed union `list<string | u8>`: write `A | B` with a type on each side, at the top level (`list<A> | B`, not `list<A | B>`)",
            "group.yaml:11:9: `exactly_one_of` needs at least two parameters",
            "group.yaml:12:32: `w` in `at_least_one_of` is required, so it is always set; groups are over optional parameters",
            "group.yaml:12:35: `nope` in `at_least_one_of` is not a shared parameter of this action",
            "group.yaml:13:9: a group needs exactly one of `exactly_one_of` or `at_least_one_of`",
            "group.yaml:9:12: `optional: true` goes with `reply.type` only: inline `fields` can each be optional, and a stream always has frames",
            "group.yaml:19:9: an action with `variants` needs at least two; put a single form's parameters in `params`",
            "group.yaml:21:21: duplicate parameter `common`",
            "group.yaml:28:35: name collision: client method `a` is already generated for `a` (group.yaml:2:13)",
            "group.yaml:22:13: name collision: generated type `ARequest` is already generated for `a` (group.yaml:2:13)",
            "group.yaml:24:15: `aliases` and `variants` do not mix: each variant is its own method; name it with the variant's `rust_name`",
            "group.yaml:27:17: invalid variant name `Two`: variant names are snake_case",
        ]
    );
}

#[test]
fn union_types_are_for_parameters_only() {
    let got = heads(&[action_file(
        "  - action: a
    summary: { zh: 甲, en: A }
    reply:
      fields:
        - { name: f, type: u8 | string }
  - action: b
    summary: { zh: 乙, en: B }
    reply: { type: u8 | string }
",
    )]);
    assert_eq!(
        got,
        [
            "group.yaml:6:28: union types are for parameters; a field NapCat sends in several forms is `json`",
            "group.yaml:9:20: union types are for parameters; a reply NapCat sends in several forms is `json`",
        ]
    );
}

// ---- extensions ------------------------------------------------------------

const BASE_ACTIONS: &str = "\
actions:
  - action: get_friend_list
    aliases: [friends]
    summary: { zh: 好友列表, en: Friends }
    reply: { type: list<User> }
  - action: send_like
    summary: { zh: 点赞, en: Like }
    params:
      - { name: user_id, type: UserId, required: true }
      - { name: times, type: i32, default: 1 }
    reply:
      fields:
        - { name: liked, type: i32 }
";

#[allow(clippy::expect_used)]
fn base() -> ncat_schema::Base {
    let sources = [
        source("types.yaml", TYPES),
        source("user.yaml", BASE_ACTIONS),
    ];
    let schema = load_sources(&sources).expect("the base loads");
    let table = ncat_schema::Base::table(&sources);
    let base = ncat_schema::Base::from_table(&table).expect("the table reads back");
    assert_eq!(
        base,
        ncat_schema::Base::of(&schema),
        "the table loses nothing"
    );
    base
}

fn extension_heads(files: &[SourceFile]) -> Vec<String> {
    support::extension_heads(files, &base())
}

#[test]
#[allow(clippy::expect_used)]
fn an_extension_uses_the_base_types_and_holds_only_its_own_items() {
    let ext = "\
actions:
  - action: get_record_in
    summary: { zh: 语音, en: Voice }
    params:
      - { name: format, type: AudioFormat, default: amr }
    reply: { type: list<Mine> }
";
    let types = "types:\n  - name: Mine\n    fields:\n      - { name: owner, type: User }\n";
    let schema = ncat_schema::load_extension_sources(
        &[
            source("extra/types.yaml", types),
            source("extra/voice.yaml", ext),
        ],
        &base(),
    )
    .expect("the extension loads");
    let names: Vec<&str> = schema.types.iter().map(|ty| ty.name.as_str()).collect();
    assert_eq!(names, ["Mine"]);
    assert_eq!(schema.actions.len(), 1);
    assert_eq!(schema.actions[0].category, "voice");
}

#[test]
fn an_extension_cannot_take_the_base_names() {
    let ext = "\
actions:
  - action: get_friend_list
    summary: { zh: 好友列表, en: Friends }
  - action: list_friends
    rust_name: friends
    summary: { zh: 好友列表, en: Friends }
";
    let types = "types:\n  - name: User\n    enum:\n      - { value: a }\n";
    assert_eq!(
        extension_heads(&[
            source("extra/types.yaml", types),
            source("extra/user.yaml", ext)
        ]),
        [
            "extra/types.yaml:2:11: duplicate type `User`; first defined at ncat-api's built-in types.yaml",
            "extra/user.yaml:2:13: action `get_friend_list` is built into ncat-api (`Client::get_friend_list`); remove it from the extension, or change the built-in schema instead",
            "extra/user.yaml:5:16: name collision: client method `friends` is already generated for ncat-api's built-in action `get_friend_list`",
        ]
    );
}

#[test]
#[allow(clippy::expect_used)]
fn an_extension_adds_parameters_and_reply_fields_to_a_built_in_action() {
    let ext = "\
extend:
  - action: send_like
    params:
      - { name: reason, type: string, doc: Why. }
    reply:
      fields:
        - { name: total, type: i32 }
";
    let schema = ncat_schema::load_extension_sources(&[source("extra/user.yaml", ext)], &base())
        .expect("the extension loads");
    assert!(schema.actions.is_empty());
    let [added] = schema.extended.as_slice() else {
        panic!("one extended action, got {:?}", schema.extended);
    };
    assert_eq!(added.action.wire_name, "send_like");
    let params: Vec<(&str, bool)> = added
        .params
        .iter()
        .map(|param| (param.wire_name.as_str(), param.required))
        .collect();
    assert_eq!(params, [("reason", false)]);
    let fields: Vec<&str> = added
        .reply_fields
        .iter()
        .map(|field| field.wire_name.as_str())
        .collect();
    assert_eq!(fields, ["total"]);
}

#[test]
fn an_extension_cannot_add_what_a_built_in_action_has() {
    let ext = "\
extend:
  - action: send_like
    params:
      - { name: times, type: i32 }
      - { name: note, type: string, required: true }
    reply:
      fields:
        - { name: liked, type: i32 }
  - action: get_friend_list
    reply:
      fields:
        - { name: count, type: i32 }
  - action: send_likes
    params:
      - { name: times, type: i32 }
  - action: send_like
    params:
      - { name: other, type: i32 }
";
    assert_eq!(
        extension_heads(&[source("extra/user.yaml", ext)]),
        [
            "extra/user.yaml:4:17: parameter `times` of `send_like` is built into ncat-api (set with `.times(…)`); remove it from the extension",
            "extra/user.yaml:5:17: a parameter added to a built-in action is a setter; `note` cannot be `required`",
            "extra/user.yaml:8:19: field `liked` of `send_like`'s reply is built into ncat-api (`.liked`); remove it from the extension",
            "extra/user.yaml:11:7: the reply of `get_friend_list` is not an object, so it takes no fields",
            "extra/user.yaml:13:13: `send_likes` is not one of ncat-api's actions, so there is nothing to extend; describe it under `actions:`",
            "extra/user.yaml:16:13: `send_like` is extended twice; first at extra/user.yaml:2:13",
        ]
    );
}

#[test]
fn only_an_extension_extends() {
    let schema = "\
extend:
  - action: send_like
    params:
      - { name: reason, type: string }
";
    assert_eq!(
        heads(&[source("types.yaml", TYPES), source("user.yaml", schema)]),
        [
            "user.yaml:2:13: `extend:` adds to ncat-api's built-in actions from a bot's own schema (`ncat_api::extend!`); here, edit the action itself"
        ]
    );
}

// ------------------------------------------------------------- segments

/// Segments with one mistake of each kind the validator reports together;
/// a misspelt key is reported alone, before them.
const SEGMENT_MISTAKES: &str = "segments:
  - kind: Text
    summary: { zh: 甲, en: A }
    rust_type: Text
    fields:
      - { name: text, type: str }
  - kind: poke
    summary: { zh: 乙, en: B }
    direction: receive
    since: \"4.18.0\"
    receive:
      rust_type: Poke
      fields:
        - { name: id, type: string, since: \"4.17.0\" }
        - { name: id, type: string }
  - kind: music
    summary: { zh: 丙, en: C }
    direction: send
    arrives_as: card
  - kind: dice
    summary: { zh: 丁, en: D }
    send: { rust_type: Dice, keeps_extra: false }
    receive: { rust_type: Outcome, fields: [{ name: result, type: int }] }
  - kind: rps
    summary: { zh: 戊, en: E }
    send: { rust_type: Rps, keeps_extra: false }
    receive: { rust_type: Outcome, fields: [{ name: hand, type: int }] }
  - kind: poke
    summary: { zh: 己, en: F }
    direction: sideways
";

#[test]
fn segment_mistakes_name_file_line_and_column() {
    let got = heads(&[source(
        "segments.yaml",
        &format!("{SEGMENT_MISTAKES}    colour: red\n"),
    )]);
    assert_eq!(
        got,
        [
            "segments.yaml:31:5: unknown field `colour`, expected one of kind, since, summary, variant, direction, arrives_as, builder, rust_type, keeps_extra, doc, fields, send, receive"
        ]
    );
    let got = heads(&[source("segments.yaml", SEGMENT_MISTAKES)]);
    assert_eq!(
        got,
        [
            "segments.yaml:2:11: segment kind `Text`: expected lowercase letters, digits and `_`",
            "segments.yaml:6:29: unknown segment field type `str`: expected one of string, int, float, bool, json, message, list",
            "segments.yaml:14:44: `since` 4.17.0 is older than the kind's `since` 4.18.0: a field cannot predate its kind",
            "segments.yaml:15:19: key `id` is listed twice",
            "segments.yaml:16:11: segment kind `music` can be sent but has no `send` shape (`send:` or `fields:`)",
            "segments.yaml:28:11: segment kind `poke` is described twice",
            "segments.yaml:30:16: unknown direction `sideways`: expected both, send, receive or none",
            "segments.yaml:19:17: `arrives_as: card` names no kind that arrives (a kind with a `receive` shape)",
            "segments.yaml:24:11: `Outcome` reads other keys here than for `dice`: a Rust type has one set of keys",
            "segments.yaml:20:11: `Dice` has `keeps_extra: false`, which only a hand-written type can do: list it under `hooks:`",
            "segments.yaml:24:11: `Rps` has `keeps_extra: false`, which only a hand-written type can do: list it under `hooks:`",
        ]
    );
}

/// What the enums and builder methods need: a PascalCase `variant`, a
/// `builder` only on a kind sent with data, a `takes` word known, `takes:
/// new` only for a generated one-argument constructor, `needs_any` keys of
/// the shape, and a kind that can name a method.
#[test]
fn segment_enum_mistakes_name_file_line_and_column() {
    let got = heads(&[source(
        "segments.yaml",
        "hooks:
  - { name: Reply }
  - { name: Dice }
segments:
  - kind: text
    summary: { zh: 甲, en: A }
    variant: plain_text
    builder: { takes: string, arg: Text }
    rust_type: Text
    fields:
      - { name: text, type: string, required: true }
  - kind: reply
    summary: { zh: 乙, en: B }
    builder: { takes: new }
    send:
      rust_type: Reply
      needs_any: [id, sequence]
      fields:
        - { name: id, type: string }
    receive:
      rust_type: ReceivedReply
      fields:
        - { name: id, type: string, required: true }
  - kind: dice
    summary: { zh: 丙, en: C }
    direction: send
    builder: { takes: into }
    send: { rust_type: Dice, keeps_extra: false }
  - kind: poke
    summary: { zh: 丁, en: D }
    direction: receive
    builder: {}
    receive: { rust_type: Poke, fields: [{ name: id, type: string, required: true }] }
  - kind: mod
    summary: { zh: 戊, en: E }
    rust_type: Module
    fields: [{ name: id, type: string, required: true }]
",
    )]);
    assert_eq!(
        got,
        [
            "segments.yaml:7:14: `variant: plain_text` is not a PascalCase Rust name",
            "segments.yaml:8:23: unknown `takes: string`: expected one of into, media, new, user_id, message_id",
            "segments.yaml:8:36: `arg: Text` is not a snake_case Rust identifier",
            "segments.yaml:17:23: `needs_any: sequence` names no field of the shape",
            "segments.yaml:24:11: segment kind `dice` has a `builder` but no data to send",
            "segments.yaml:29:11: segment kind `poke` has a `builder` but no data to send",
            "segments.yaml:34:11: segment kind `mod` is a Rust keyword, so it cannot name its builder method",
            "segments.yaml:12:11: `takes: new` passes one argument to a generated constructor, but `Reply` has none (it is a hook)",
        ]
    );
}

/// What a generated data type can hold: the Rust type fits the JSON shape,
/// `encoded: string` only on integers, `default` only on required fields,
/// hooks for nested messages, lists and camelCase keys without a
/// `rust_name`; and every hook names a shape.
#[test]
fn generated_segment_type_mistakes_name_file_line_and_column() {
    let got = heads(&[source(
        "segments.yaml",
        "hooks:
  - { name: Node }
  - { name: Unused }
segments:
  - kind: face
    summary: { zh: 甲, en: A }
    rust_type: Face
    fields:
      - { name: id, type: int, rust: Media, encoded: hex, required: true }
      - { name: resultId, type: string, default: true }
      - { name: text, type: string, rust_name: Text }
  - kind: node
    summary: { zh: 乙, en: B }
    rust_type: Node
    fields:
      - { name: content, type: message }
  - kind: forward
    summary: { zh: 丙, en: C }
    rust_type: Forward
    fields:
      - { name: content, type: list }
      - { name: ok, type: bool }
",
    )]);
    assert_eq!(
        got,
        [
            "segments.yaml:9:38: `rust: Media` cannot hold a `int` field: expected one of String, Media, MessageId, u8, u16, u32, u64, i32, i64, f64, bool, json that fits it",
            "segments.yaml:9:54: `encoded: hex`: only `encoded: string`, on an `int` field, is known",
            "segments.yaml:10:17: `resultId` has `default: true` but is not `required`: an optional field is already absent when unset",
            "segments.yaml:11:48: `rust_name` `Text` is not a snake_case Rust identifier",
            "segments.yaml:5:11: `Face.resultId` is not a snake_case Rust identifier: give it a `rust_name`",
            "segments.yaml:17:11: `Forward.content` is a `list`, which a generated type cannot hold: list `Forward` under `hooks:`",
            "segments.yaml:17:11: `Forward.ok`: an optional `bool` field is not generated yet (no lenient reader): make it required or list `Forward` under `hooks:`",
            "segments.yaml:3:13: hook `Unused` is the `rust_type` of no shape",
        ]
    );
}

/// ncat's own `segments.yaml` describes every kind `ncat-api` has a variant
/// for, in the direction it has it.
#[test]
fn the_segment_schema_loads() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema");
    let schema = ncat_schema::load_dir(&dir).unwrap_or_else(|diagnostics| panic!("{diagnostics}"));
    let send: Vec<&str> = schema
        .segments
        .iter()
        .filter(|kind| kind.send.is_some())
        .map(|kind| kind.kind.as_str())
        .collect();
    assert_eq!(
        send,
        [
            "text", "face", "mface", "at", "reply", "image", "record", "video", "file", "json",
            "dice", "rps", "markdown", "music", "node", "forward", "contact"
        ]
    );
    let receive = schema
        .segments
        .iter()
        .filter(|kind| kind.receive.is_some())
        .count();
    assert_eq!((schema.segments.len(), receive), (26, 21));
    let hooks: Vec<&str> = schema
        .segment_hooks
        .iter()
        .map(|hook| hook.name.as_str())
        .collect();
    assert_eq!(
        hooks,
        [
            "At",
            "ReceivedAt",
            "Reply",
            "Dice",
            "Rps",
            "Music",
            "Node",
            "ReceivedNode",
            "ReceivedForward",
            "Contact"
        ]
    );
    // Every other shape's type is generated: 23 types, each once.
    let generated: std::collections::BTreeSet<&str> = schema
        .segments
        .iter()
        .flat_map(|kind| [&kind.send, &kind.receive])
        .flatten()
        .map(|shape| shape.rust_type.as_str())
        .filter(|name| !hooks.contains(name))
        .collect();
    assert_eq!(generated.len(), 23);
}

#[test]
fn a_reply_example_must_be_data_the_reply_type_decodes() {
    let got = heads(&[
        source("types.yaml", TYPES),
        action_file(
            "  - action: get_login_info
    summary: { zh: 甲, en: A }
    reply:
      type: User
      example: { user_id: \"ten\" }
  - action: get_record
    summary: { zh: 乙, en: B }
    reply:
      fields:
        - { name: format, type: AudioFormat }
      example: { format: wav }
  - action: get_friend_list
    summary: { zh: 丙, en: C }
    reply:
      type: list<User>
      example: [{ user_id: 1, nick: x }]
  - action: get_status
    summary: { zh: 丁, en: D }
    reply:
      fields:
        - { name: online, type: bool }
      example: {}
",
        ),
    ]);
    assert_eq!(
        got,
        [
            "group.yaml:6:16: the reply's `example` does not fit its type: $.user_id: `\"ten\"` is not a `UserId`",
            "group.yaml:12:16: the reply's `example` does not fit its type: $.format: `wav` is not a value of `AudioFormat` (mp3, amr)",
            "group.yaml:17:16: the reply's `example` does not fit its type: $[0]: `nick` is not a field of `User`",
            "group.yaml:23:16: the reply's `example` does not fit its type: $.online: required field of the reply is missing",
        ]
    );
}

#[test]
fn a_fitting_example_is_kept_and_shown_in_rustdoc() {
    let schema = load_sources(&[action_file(
        "  - action: get_status
    summary: { zh: 丁, en: D }
    reply:
      fields:
        - { name: online, type: bool }
        - { name: stat, type: json, optional: true }
      example: { online: true }
",
    )])
    .unwrap_or_else(|diagnostics| panic!("{diagnostics}"));
    assert_eq!(
        schema.actions[0].reply_example,
        Some(serde_json::json!({"online": true}))
    );
    let generated = ncat_schema::generate(&schema).to_string();
    assert!(
        generated.contains("NapCat answers, for example:"),
        "{generated}"
    );
}
