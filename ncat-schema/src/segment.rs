//! Message segments (`segments.yaml`): each kind's `data` as NapCat reads it
//! when sent and writes it when it arrives, read with positions, checked,
//! and turned into the keys each Rust data type reads.
//!
//! Kept apart from actions: the loader hands this module the one file named
//! [`SEGMENTS_FILE`], and [`Schema::segments`](crate::model::Schema::segments)
//! holds the result.

use std::collections::{BTreeMap, HashSet};

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::model::Schema;
use crate::reporter::Reporter;
use crate::since::Since;
use crate::source::SourceFile;

/// The file of segment kinds; no other file may hold them.
pub const SEGMENTS_FILE: &str = "segments.yaml";

/// The words a segment field's `type` may be (its JSON shape).
pub const FIELD_TYPES: &[&str] = &["string", "int", "float", "bool", "json", "message", "list"];

/// The Rust types a generated field may hold (`rust:`), beside the default
/// of its JSON shape (`string` → `String`, `int` → `i64`, `float` → `f64`,
/// `bool` → `bool`, `json` → `json`, i.e. `serde_json::Value`).
pub const RUST_TYPES: &[&str] = &[
    "String",
    "Media",
    "MessageId",
    "u8",
    "u16",
    "u32",
    "u64",
    "i32",
    "i64",
    "f64",
    "bool",
    "json",
];

/// One segment kind, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct SegmentKind {
    /// The wire `type` (`image`).
    pub kind: String,
    /// Chinese one-line summary.
    pub summary_zh: String,
    /// English one-line summary.
    pub summary_en: String,
    /// The NapCat release that introduced the kind.
    pub since: Option<Since>,
    /// The shape NapCat reads when the kind is sent; `None` when it cannot be.
    pub send: Option<Shape>,
    /// The shape NapCat writes when the kind arrives; `None` when it never does.
    pub receive: Option<Shape>,
    /// The kind NapCat delivers this one as (`music` arrives as `json`).
    pub arrives_as: Option<String>,
    /// The name of its `Segment` / `ReceivedSegment` variant (`variant:`,
    /// else the kind in PascalCase: `mface` → `Mface`).
    pub variant: String,
    /// How its `Segment` constructor and `Message` builder method take
    /// their argument (`builder:`); used only when it can be sent.
    pub builder: Builder,
}

/// How a sendable kind's constructor (`Segment::image`) and builder method
/// (`Message::image`) take their one argument.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Builder {
    /// What the argument is.
    pub takes: Takes,
    /// The argument's name, when not the default (the kind, or for
    /// [`Takes::New`] the constructor's).
    pub arg: Option<String>,
    /// Markdown for both methods' rustdoc, after the kind's summary.
    pub doc: Option<String>,
}

/// The argument of a builder method (`takes:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Takes {
    /// `impl Into<Data>` (`into`, the default).
    #[default]
    Into,
    /// `impl IntoMedia<Data>`: a source or the data (`media`).
    Media,
    /// The generated constructor's one argument, passed to `Data::new` (`new`).
    New,
    /// `impl IntoUserId`, made the data by `From<UserId>` (`user_id`).
    UserId,
    /// `impl IntoMessageId`, made the data by `From<MessageId>` (`message_id`).
    MessageId,
}

/// The words `takes:` may be, and what each means.
pub const TAKES: &[(&str, Takes)] = &[
    ("into", Takes::Into),
    ("media", Takes::Media),
    ("new", Takes::New),
    ("user_id", Takes::UserId),
    ("message_id", Takes::MessageId),
];

/// A Rust type the segments use that stays hand-written (`hooks:`): no
/// struct is generated for a shape naming it.
#[derive(Debug, Clone, PartialEq)]
pub struct SegmentHook {
    /// The type's name (`At`).
    pub name: String,
    /// Why it is hand-written.
    pub doc: Option<String>,
}

/// The `data` of a kind in one direction.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    /// The Rust type holding it (hand-written; see `schema/README.md`).
    pub rust_type: String,
    /// Whether the type keeps unknown keys in an `extra` field (enums and
    /// unit kinds cannot).
    pub keeps_extra: bool,
    /// For an enum (`keeps_extra: false`), the type of its variant that
    /// keeps unknown keys instead (`CustomMusic` of `Music`).
    pub extra_type: Option<String>,
    /// The keys, in wire order.
    pub fields: Vec<SegmentField>,
    /// Markdown for the type's rustdoc, after the kind's summary.
    pub doc: Option<String>,
    /// Keys of which `data` must have one with a value (not `null`, not
    /// `""`) to be this shape (`reply`: `id` or `seq`); otherwise the
    /// segment decodes as unknown.
    pub needs_any: Vec<String>,
}

impl Shape {
    /// Whether the shape has no data at all: its variant is a unit
    /// variant (`Segment::Dice`), `{}` on the wire.
    pub fn is_unit(&self) -> bool {
        self.fields.is_empty() && !self.keeps_extra && self.extra_type.is_none()
    }

    /// The type whose `extra` keeps the keys no field reads, if any.
    pub fn extra_holder(&self) -> Option<&str> {
        match &self.extra_type {
            Some(extra_type) => Some(extra_type),
            None => self.keeps_extra.then_some(self.rust_type.as_str()),
        }
    }

    /// Every key a field reads, aliases included, in field order.
    pub fn keys(&self) -> Vec<&str> {
        self.fields
            .iter()
            .flat_map(|field| {
                std::iter::once(field.wire_name.as_str())
                    .chain(field.aliases.iter().map(String::as_str))
            })
            .collect()
    }
}

/// One key of a segment's `data`.
#[derive(Debug, Clone, PartialEq)]
pub struct SegmentField {
    /// The key.
    pub wire_name: String,
    /// Other keys read as the same field (`uin` for `user_id`).
    pub aliases: Vec<String>,
    /// Its JSON shape, one of [`FIELD_TYPES`].
    pub ty: String,
    /// The Rust field's name, when the key is not one (`resultId`, `type`).
    pub rust_name: Option<String>,
    /// The Rust type of its value, one of [`RUST_TYPES`], when not the
    /// default of its JSON shape.
    pub rust: Option<String>,
    /// Whether ncat writes the number as a decimal string (`encoded: string`).
    pub encoded_as_string: bool,
    /// Whether a required field may be absent, reading as its type's
    /// default (`default: true`); it is then not a constructor argument.
    pub default: bool,
    /// Whether NapCat requires it.
    pub required: bool,
    /// Documentation.
    pub doc: Option<String>,
    /// The NapCat release that added the field, when later than its kind.
    pub since: Option<Since>,
}

impl SegmentField {
    /// The Rust field's name: `rust_name`, else the key.
    pub fn rust_name(&self) -> &str {
        self.rust_name.as_deref().unwrap_or(&self.wire_name)
    }
}

/// `segments.yaml` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFile {
    #[serde(default)]
    hooks: Vec<RawHook>,
    segments: Vec<RawKind>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHook {
    name: Spanned<String>,
    doc: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawKind {
    kind: Spanned<String>,
    since: Option<Spanned<String>>,
    summary: RawSummary,
    variant: Option<Spanned<String>>,
    #[serde(default)]
    direction: Option<Spanned<String>>,
    arrives_as: Option<Spanned<String>>,
    builder: Option<RawBuilder>,
    // A kind with one shape both ways: the shape's keys at the kind's level.
    rust_type: Option<Spanned<String>>,
    keeps_extra: Option<bool>,
    doc: Option<String>,
    fields: Option<Vec<RawField>>,
    send: Option<Spanned<RawShape>>,
    receive: Option<Spanned<RawShape>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBuilder {
    takes: Option<Spanned<String>>,
    arg: Option<Spanned<String>>,
    doc: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSummary {
    zh: String,
    en: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawShape {
    rust_type: Spanned<String>,
    keeps_extra: Option<bool>,
    extra_type: Option<Spanned<String>>,
    doc: Option<String>,
    #[serde(default)]
    fields: Vec<RawField>,
    #[serde(default)]
    needs_any: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawField {
    name: Spanned<String>,
    #[serde(rename = "type")]
    ty: Spanned<String>,
    rust_name: Option<Spanned<String>>,
    rust: Option<Spanned<String>>,
    encoded: Option<Spanned<String>>,
    #[serde(default)]
    default: bool,
    #[serde(default)]
    required: bool,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    doc: Option<String>,
    since: Option<Spanned<String>>,
}

/// Which shapes a kind has.
#[derive(Clone, Copy, PartialEq)]
enum Direction {
    Both,
    Send,
    Receive,
    None,
    /// Misspelt: already reported.
    Unknown,
}

/// Checks a parsed `segments.yaml`.
pub(crate) fn validate(
    source: &SourceFile,
    file: &RawFile,
    diagnostics: &mut Vec<crate::Diagnostic>,
) -> (Vec<SegmentKind>, Vec<SegmentHook>) {
    let mut report = Reporter {
        source,
        diagnostics,
    };
    let mut hooks: Vec<SegmentHook> = Vec::new();
    for hook in &file.hooks {
        if hooks.iter().any(|seen| seen.name == hook.name.value) {
            report.error(
                &hook.name,
                format!("hook `{}` is listed twice", hook.name.value),
            );
        }
        hooks.push(SegmentHook {
            name: hook.name.value.clone(),
            doc: hook.doc.clone(),
        });
    }
    let mut seen = HashSet::new();
    let mut kinds = Vec::new();
    for raw in &file.segments {
        let name = raw.kind.value.as_str();
        if !is_kind_name(name) {
            report.error(
                &raw.kind,
                format!("segment kind `{name}`: expected lowercase letters, digits and `_`"),
            );
        }
        if !seen.insert(name.to_owned()) {
            report.error(
                &raw.kind,
                format!("segment kind `{name}` is described twice"),
            );
        }
        let since = raw
            .since
            .as_ref()
            .and_then(|since| parse_since(since, &mut report));
        let direction = match raw.direction.as_ref().map(|d| d.value.as_str()) {
            None | Some("both") => Direction::Both,
            Some("send") => Direction::Send,
            Some("receive") => Direction::Receive,
            Some("none") => Direction::None,
            // Reported once; the shapes are not checked against a guess.
            Some(other) => {
                if let Some(at) = &raw.direction {
                    report.error(
                        at,
                        format!(
                            "unknown direction `{other}`: expected both, send, receive or none"
                        ),
                    );
                }
                Direction::Unknown
            }
        };
        let both = raw.fields.as_ref().map(|fields| {
            let rust_type = match &raw.rust_type {
                Some(rust_type) => rust_type.value.clone(),
                None => {
                    report.error(
                        &raw.kind,
                        format!("segment kind `{name}` has `fields` but no `rust_type`"),
                    );
                    String::new()
                }
            };
            Shape {
                rust_type,
                keeps_extra: raw.keeps_extra.unwrap_or(true),
                extra_type: None,
                fields: check_fields(fields, since, &mut report),
                doc: raw.doc.clone(),
                needs_any: Vec::new(),
            }
        });
        if both.is_some() && (raw.send.is_some() || raw.receive.is_some()) {
            report.error(
                &raw.kind,
                format!(
                    "segment kind `{name}` has both `fields` and `send`/`receive`: use `fields` when the shapes are the same, `send` and `receive` when they differ"
                ),
            );
        }
        let shape = |raw_shape: &Option<Spanned<RawShape>>, report: &mut Reporter<'_>| {
            raw_shape.as_ref().map(|shape| {
                let keeps_extra = shape.value.keeps_extra.unwrap_or(true);
                if let (true, Some(extra_type)) = (keeps_extra, &shape.value.extra_type) {
                    report.error(
                        extra_type,
                        "`extra_type` is for a type with `keeps_extra: false` (an enum)".into(),
                    );
                }
                let fields = check_fields(&shape.value.fields, since, report);
                for key in &shape.value.needs_any {
                    if !fields.iter().any(|field| field.wire_name == key.value) {
                        report.error(
                            key,
                            format!("`needs_any: {}` names no field of the shape", key.value),
                        );
                    }
                }
                Shape {
                    rust_type: shape.value.rust_type.value.clone(),
                    keeps_extra,
                    extra_type: shape.value.extra_type.as_ref().map(|ty| ty.value.clone()),
                    fields,
                    doc: shape.value.doc.clone(),
                    needs_any: shape
                        .value
                        .needs_any
                        .iter()
                        .map(|key| key.value.clone())
                        .collect(),
                }
            })
        };
        let mut send = shape(&raw.send, &mut report).or_else(|| both.clone());
        let mut receive = shape(&raw.receive, &mut report).or_else(|| both.clone());
        let (wants_send, wants_receive) = match direction {
            Direction::Both => (true, true),
            Direction::Send => (true, false),
            Direction::Receive => (false, true),
            Direction::None => (false, false),
            Direction::Unknown => (send.is_some(), receive.is_some()),
        };
        for (wanted, shape, what, done) in [
            (wants_send, &mut send, "send", "sent"),
            (wants_receive, &mut receive, "receive", "received"),
        ] {
            match (wanted, shape.is_some()) {
                (true, false) => report.error(
                    &raw.kind,
                    format!("segment kind `{name}` can be {done} but has no `{what}` shape (`{what}:` or `fields:`)"),
                ),
                // A shared `fields` serves the directions the kind has.
                (false, true) if both.is_some() => *shape = None,
                (false, true) => report.error(
                    &raw.kind,
                    format!("segment kind `{name}` has a `{what}` shape but its direction excludes {what}ing"),
                ),
                _ => {}
            }
        }
        let variant = match &raw.variant {
            Some(variant) => {
                if !crate::naming::is_pascal_case(&variant.value) {
                    report.error(
                        variant,
                        format!("`variant: {}` is not a PascalCase Rust name", variant.value),
                    );
                }
                variant.value.clone()
            }
            None => crate::naming::pascal_case(name),
        };
        let builder = check_builder(
            name,
            raw.builder.as_ref(),
            send.as_ref(),
            &raw.kind,
            &mut report,
        );
        kinds.push(SegmentKind {
            kind: name.to_owned(),
            summary_zh: raw.summary.zh.clone(),
            summary_en: raw.summary.en.clone(),
            since,
            send,
            receive,
            arrives_as: raw.arrives_as.as_ref().map(|kind| kind.value.clone()),
            variant,
            builder,
        });
    }
    for raw in &file.segments {
        if let Some(target) = &raw.arrives_as {
            let arrives = kinds
                .iter()
                .any(|kind| kind.kind == target.value && kind.receive.is_some());
            if !arrives {
                report.error(
                    target,
                    format!(
                        "`arrives_as: {}` names no kind that arrives (a kind with a `receive` shape)",
                        target.value
                    ),
                );
            }
        }
    }
    check_shared_types(&kinds, &file.segments, &mut report);
    check_generated(&kinds, &file.segments, &file.hooks, &mut report);
    (kinds, hooks)
}

/// A kind's `builder:`: a word `takes:` knows, a snake_case `arg`, and only
/// on a kind that can be sent with data; its method, named after the kind,
/// must be a Rust identifier.
fn check_builder(
    name: &str,
    raw: Option<&RawBuilder>,
    send: Option<&Shape>,
    at: &Spanned<String>,
    report: &mut Reporter<'_>,
) -> Builder {
    let sendable = send.is_some_and(|shape| !shape.is_unit());
    if send.is_some() && crate::naming::is_keyword(name) {
        report.error(
            at,
            format!(
                "segment kind `{name}` is a Rust keyword, so it cannot name its builder method"
            ),
        );
    }
    let Some(raw) = raw else {
        return Builder::default();
    };
    if !sendable {
        report.error(
            at,
            format!("segment kind `{name}` has a `builder` but no data to send"),
        );
    }
    let takes = match &raw.takes {
        None => Takes::Into,
        Some(takes) => match TAKES.iter().find(|(word, _)| *word == takes.value) {
            Some((_, takes)) => *takes,
            None => {
                let words: Vec<&str> = TAKES.iter().map(|(word, _)| *word).collect();
                report.error(
                    takes,
                    format!(
                        "unknown `takes: {}`: expected one of {}",
                        takes.value,
                        words.join(", ")
                    ),
                );
                Takes::Into
            }
        },
    };
    if let Some(arg) = &raw.arg
        && !crate::naming::is_snake_case(&arg.value)
    {
        report.error(
            arg,
            format!("`arg: {}` is not a snake_case Rust identifier", arg.value),
        );
    }
    Builder {
        takes,
        arg: raw.arg.as_ref().map(|arg| arg.value.clone()),
        doc: raw.doc.clone(),
    }
}

/// A shape whose type is not a hook is generated: its fields must have
/// types a generated field can hold. And every hook is used.
fn check_generated(
    kinds: &[SegmentKind],
    raw: &[RawKind],
    raw_hooks: &[RawHook],
    report: &mut Reporter<'_>,
) {
    let is_hook = |name: &str| raw_hooks.iter().any(|hook| hook.name.value == name);
    let mut used = HashSet::new();
    for (kind, raw) in kinds.iter().zip(raw) {
        if kind.builder.takes == Takes::New
            && let Some(send) = &kind.send
            && (is_hook(&send.rust_type) || constructor_arguments(send).len() != 1)
        {
            report.error(
                &raw.kind,
                format!(
                    "`takes: new` passes one argument to a generated constructor, but `{}` has {}",
                    send.rust_type,
                    if is_hook(&send.rust_type) {
                        "none (it is a hook)".to_owned()
                    } else {
                        format!("{} arguments", constructor_arguments(send).len())
                    }
                ),
            );
        }
        for shape in [&kind.send, &kind.receive].into_iter().flatten() {
            // A type is checked once (`Outcome`, and one-shape kinds'
            // types, serve two shapes).
            if !used.insert(shape.rust_type.as_str()) || is_hook(&shape.rust_type) {
                used.extend(shape.extra_type.as_deref());
                continue;
            }
            used.extend(shape.extra_type.as_deref());
            if !crate::naming::is_pascal_case(&shape.rust_type) {
                report.error(
                    &raw.kind,
                    format!(
                        "`rust_type: {}` is not a PascalCase Rust type name",
                        shape.rust_type
                    ),
                );
            }
            if !shape.keeps_extra {
                report.error(
                    &raw.kind,
                    format!(
                        "`{}` has `keeps_extra: false`, which only a hand-written type can do: list it under `hooks:`",
                        shape.rust_type
                    ),
                );
            }
            for field in &shape.fields {
                // A `rust_name` is checked where it is written.
                if field.rust_name.is_none() && !crate::naming::is_snake_case(&field.wire_name) {
                    report.error(
                        &raw.kind,
                        format!(
                            "`{}.{}` is not a snake_case Rust identifier: give it a `rust_name`",
                            shape.rust_type, field.wire_name
                        ),
                    );
                }
                if !field.required && matches!(field.ty.as_str(), "float" | "bool") {
                    report.error(
                        &raw.kind,
                        format!(
                            "`{}.{}`: an optional `{}` field is not generated yet (no lenient reader): make it required or list `{}` under `hooks:`",
                            shape.rust_type, field.wire_name, field.ty, shape.rust_type
                        ),
                    );
                }
                if matches!(field.ty.as_str(), "message" | "list") {
                    report.error(
                        &raw.kind,
                        format!(
                            "`{}.{}` is a `{}`, which a generated type cannot hold: list `{}` under `hooks:`",
                            shape.rust_type, field.wire_name, field.ty, shape.rust_type
                        ),
                    );
                }
            }
        }
    }
    for hook in raw_hooks {
        if !used.contains(hook.name.value.as_str()) {
            report.error(
                &hook.name,
                format!("hook `{}` is the `rust_type` of no shape", hook.name.value),
            );
        }
    }
}

/// A Rust type used by several shapes (`Outcome`, for `dice` and `rps`)
/// reads one set of keys.
fn check_shared_types(kinds: &[SegmentKind], raw: &[RawKind], report: &mut Reporter<'_>) {
    let mut keys_of: BTreeMap<&str, (&str, Vec<&str>)> = BTreeMap::new();
    for (kind, raw) in kinds.iter().zip(raw) {
        for shape in [&kind.send, &kind.receive].into_iter().flatten() {
            let Some(holder) = shape.extra_holder() else {
                continue;
            };
            let keys = shape.keys();
            match keys_of.get(holder) {
                Some((first, seen)) if *seen != keys => report.error(
                    &raw.kind,
                    format!(
                        "`{holder}` reads other keys here than for `{first}`: a Rust type has one set of keys"
                    ),
                ),
                Some(_) => {}
                None => {
                    keys_of.insert(holder, (&kind.kind, keys));
                }
            }
        }
    }
}

fn check_fields(
    fields: &[RawField],
    kind_since: Option<Since>,
    report: &mut Reporter<'_>,
) -> Vec<SegmentField> {
    let mut seen = HashSet::new();
    let mut checked = Vec::new();
    for field in fields {
        for key in std::iter::once(&field.name).chain(&field.aliases) {
            if !seen.insert(key.value.clone()) {
                report.error(key, format!("key `{}` is listed twice", key.value));
            }
        }
        if !FIELD_TYPES.contains(&field.ty.value.as_str()) {
            report.error(
                &field.ty,
                format!(
                    "unknown segment field type `{}`: expected one of {}",
                    field.ty.value,
                    FIELD_TYPES.join(", ")
                ),
            );
        }
        let since = field.since.as_ref().and_then(|at| {
            let since = parse_since(at, report)?;
            if let (Some(field_version), Some(kind_version)) =
                (since.minimum(), kind_since.and_then(Since::minimum))
                && field_version < kind_version
            {
                report.error(
                    at,
                    format!(
                        "`since` {field_version} is older than the kind's `since` {kind_version}: a field cannot predate its kind"
                    ),
                );
            }
            Some(since)
        });
        if let Some(rust_name) = &field.rust_name
            && !crate::naming::is_snake_case(&rust_name.value)
        {
            report.error(
                rust_name,
                format!(
                    "`rust_name` `{}` is not a snake_case Rust identifier",
                    rust_name.value
                ),
            );
        }
        if let Some(rust) = &field.rust {
            let fits = match field.ty.value.as_str() {
                // A message id is written as a decimal string, like every
                // id inside a segment.
                "string" => matches!(rust.value.as_str(), "String" | "Media" | "MessageId"),
                "int" => matches!(
                    rust.value.as_str(),
                    "u8" | "u16" | "u32" | "u64" | "i32" | "i64"
                ),
                // Any JSON, kept as its text (`String`) or as it is.
                "json" => matches!(rust.value.as_str(), "String" | "json"),
                _ => false,
            };
            if !RUST_TYPES.contains(&rust.value.as_str()) || !fits {
                report.error(
                    rust,
                    format!(
                        "`rust: {}` cannot hold a `{}` field: expected one of {} that fits it",
                        rust.value,
                        field.ty.value,
                        RUST_TYPES.join(", ")
                    ),
                );
            }
        }
        let encoded_as_string = match &field.encoded {
            None => false,
            Some(encoded) if encoded.value == "string" && field.ty.value == "int" => true,
            Some(encoded) => {
                report.error(
                    encoded,
                    format!(
                        "`encoded: {}`: only `encoded: string`, on an `int` field, is known",
                        encoded.value
                    ),
                );
                false
            }
        };
        if field.default && !field.required {
            report.error(
                &field.name,
                format!(
                    "`{}` has `default: true` but is not `required`: an optional field is already absent when unset",
                    field.name.value
                ),
            );
        }
        checked.push(SegmentField {
            wire_name: field.name.value.clone(),
            aliases: field.aliases.iter().map(|a| a.value.clone()).collect(),
            ty: field.ty.value.clone(),
            rust_name: field.rust_name.as_ref().map(|name| name.value.clone()),
            rust: field.rust.as_ref().map(|rust| rust.value.clone()),
            encoded_as_string,
            default: field.default,
            required: field.required,
            doc: field.doc.clone(),
            since,
        });
    }
    checked
}

fn parse_since(at: &Spanned<String>, report: &mut Reporter<'_>) -> Option<Since> {
    let since = Since::parse(&at.value);
    if since.is_none() {
        report.error(
            at,
            format!(
                "invalid `since` `{}`: expected a NapCat release such as \"4.17.20\", or \"<=4.12.0\" for 4.12.0 or older",
                at.value
            ),
        );
    }
    since
}

fn is_kind_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'_')
}

/// The Rust items for `segments.yaml`, inside `ncat-api`'s `message`
/// module: the data type of every shape whose type is not a hook (struct,
/// serde attributes, and for a shape that can be sent, its constructor and
/// setters); for every shape whose type keeps unknown keys, the keys its
/// fields read (`SegmentData::KEYS`), which decoding leaves out of the
/// type's `extra`; `KINDS`, every kind with its directions; and the
/// module `enums`: the `Segment` and `ReceivedSegment` enums, their
/// dispatch and the builder methods (`segment_enum`).
pub fn generate(schema: &Schema) -> TokenStream {
    let structs = generate_structs(schema);
    let mut done = HashSet::new();
    let impls = schema
        .segments
        .iter()
        .flat_map(|kind| {
            [&kind.send, &kind.receive]
                .into_iter()
                .flatten()
                .map(move |shape| (kind, shape))
        })
        .filter_map(|(kind, shape)| Some((kind, shape, shape.extra_holder()?)))
        .filter(|(_, _, holder)| done.insert(holder.to_owned()))
        .map(|(kind, shape, holder)| {
            let ty = format_ident!("{}", holder);
            let keys = shape.keys();
            let doc = format!(" The keys of `{}` segment data.", kind.kind);
            quote! {
                impl super::extra::SegmentData for super::segment::#ty {
                    #[doc = #doc]
                    const KEYS: &'static [&'static str] = &[#(#keys),*];

                    fn extra(&self) -> &super::extra::Extra {
                        &self.extra
                    }

                    fn extra_mut(&mut self) -> &mut super::extra::Extra {
                        &mut self.extra
                    }
                }
            }
        });
    let rows = schema.segments.iter().map(|kind| {
        let name = &kind.kind;
        let send = kind.send.is_some();
        let receive = kind.receive.is_some();
        let arrives_as = match &kind.arrives_as {
            Some(other) => quote!(::std::option::Option::Some(#other)),
            None => quote!(::std::option::Option::None),
        };
        quote! {
            super::segment::KindInfo { kind: #name, send: #send, receive: #receive, arrives_as: #arrives_as },
        }
    });
    let enums = crate::segment_enum::generate(schema);
    quote! {
        #structs

        #(#impls)*

        #enums

        /// Every segment kind of `schema/segments.yaml`, in file order:
        /// whether ncat sends it, whether it arrives, and as what.
        pub const KINDS: &[super::segment::KindInfo] = &[#(#rows)*];
    }
}

/// One generated data type: the first shape naming it, the kind it is of,
/// and whether any kind sends it (then it gets a constructor and setters).
struct Generated<'a> {
    kind: &'a SegmentKind,
    shape: &'a Shape,
    sent: bool,
    received: bool,
}

/// The data types of every shape whose `rust_type` is not a hook, in file
/// order, each once (`Outcome` serves `dice` and `rps`).
pub(crate) fn generate_structs(schema: &Schema) -> TokenStream {
    let mut types: Vec<Generated<'_>> = Vec::new();
    for kind in &schema.segments {
        for (shape, sent) in [(&kind.send, true), (&kind.receive, false)] {
            let Some(shape) = shape else { continue };
            if schema
                .segment_hooks
                .iter()
                .any(|hook| hook.name == shape.rust_type)
            {
                continue;
            }
            match types
                .iter_mut()
                .find(|seen| seen.shape.rust_type == shape.rust_type)
            {
                Some(seen) => {
                    seen.sent |= sent;
                    seen.received |= !sent;
                }
                None => types.push(Generated {
                    kind,
                    shape,
                    sent,
                    received: !sent,
                }),
            }
        }
    }
    let items = types.iter().map(generate_struct);
    quote!(#(#items)*)
}

fn generate_struct(generated: &Generated<'_>) -> TokenStream {
    let Generated {
        kind,
        shape,
        sent,
        received,
    } = generated;
    let name = format_ident!("{}", shape.rust_type);
    let direction = match (sent, received) {
        (true, true) => "",
        (true, false) => ", to send",
        _ => ", received",
    };
    let mut lines = vec![format!(
        "{} · {} (`{}`{direction}).",
        kind.summary_zh, kind.summary_en, kind.kind
    )];
    if let Some(doc) = &shape.doc {
        lines.push(String::new());
        lines.extend(doc.trim_end().lines().map(str::to_owned));
    }
    if let Some(since) = kind.since.filter(|since| since.minimum().is_some()) {
        lines.push(String::new());
        lines.push(format!("Since NapCat {since}."));
    }
    let doc = crate::rustdoc::attrs(&lines);
    // `f64` is not `Eq`.
    let eq = if shape.fields.iter().any(|field| field_type(field) == "f64") {
        quote!()
    } else {
        quote!(Eq,)
    };
    let fields = shape.fields.iter().map(|field| {
        let ident = format_ident!("{}", field.rust_name());
        let ty = value_type(field);
        let ty = if is_optional(field) {
            quote!(Option<#ty>)
        } else {
            ty
        };
        let doc = crate::rustdoc::attrs(&field_lines(field));
        let serde = serde_attrs(field);
        quote! {
            #doc
            #serde
            pub #ident: #ty,
        }
    });
    let builders = sent.then(|| builders(kind, shape));
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, #eq ::serde::Serialize, ::serde::Deserialize)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            /// The keys of `data` this type has no field for; see [`Extra`].
            #[serde(flatten, skip_deserializing)]
            pub extra: super::extra::Extra,
        }

        #builders
    }
}

/// A sendable type's constructor, taking its required fields, and a
/// setter for each other field.
fn builders(kind: &SegmentKind, shape: &Shape) -> TokenStream {
    let name = format_ident!("{}", shape.rust_type);
    let (arguments, rest): (Vec<_>, Vec<_>) = shape
        .fields
        .iter()
        .partition(|field| field.required && !field.default);
    let params = arguments.iter().map(|field| {
        let ident = format_ident!("{}", field.rust_name());
        let ty = argument_type(field);
        quote!(#ident: #ty)
    });
    let inits = shape.fields.iter().map(|field| {
        let ident = format_ident!("{}", field.rust_name());
        if field.required && !field.default {
            match field_type(field) {
                "String" | "Media" | "MessageId" => {
                    let value = argument_value(field, &ident);
                    quote!(#ident: #value)
                }
                // Taken as it is: the field init shorthand.
                _ => quote!(#ident),
            }
        } else {
            quote!(#ident: Default::default())
        }
    });
    let names: Vec<String> = arguments
        .iter()
        .map(|field| format!("`{}`", field.rust_name()))
        .collect();
    let new_doc = match names.as_slice() {
        [] => format!(" A `{}` segment.", kind.kind),
        [one] => format!(" A `{}` segment with {one}.", kind.kind),
        [init @ .., last] => format!(
            " A `{}` segment with {} and {last}.",
            kind.kind,
            init.join(", ")
        ),
    };
    let setters = rest.iter().map(|field| {
        let ident = format_ident!("{}", field.rust_name());
        let ty = argument_type(field);
        let value = argument_value(field, &ident);
        let value = if is_optional(field) {
            quote!(Some(#value))
        } else {
            value
        };
        let mut lines = vec![format!("Sets `{}`.", field.rust_name())];
        if let Some(doc) = &field.doc {
            lines.push(String::new());
            lines.extend(doc.trim_end().lines().map(str::to_owned));
        }
        let doc = crate::rustdoc::attrs(&lines);
        quote! {
            #doc
            pub fn #ident(mut self, #ident: #ty) -> Self {
                self.#ident = #value;
                self
            }
        }
    });
    quote! {
        impl #name {
            #[doc = #new_doc]
            pub fn new(#(#params),*) -> Self {
                #name {
                    #(#inits,)*
                    extra: super::extra::Extra::default(),
                }
            }

            #(#setters)*
        }
    }
}

/// The fields a generated constructor takes: the required ones without a
/// default, in field order.
pub(crate) fn constructor_arguments(shape: &Shape) -> Vec<&SegmentField> {
    shape
        .fields
        .iter()
        .filter(|field| field.required && !field.default)
        .collect()
}

/// Whether the field is an `Option`: not required, and not defaulted.
fn is_optional(field: &SegmentField) -> bool {
    !field.required
}

/// The Rust type name of a field's value (`rust:`, else its shape's default).
pub(crate) fn field_type(field: &SegmentField) -> &str {
    match (&field.rust, field.ty.as_str()) {
        (Some(rust), _) => rust,
        (None, "string") => "String",
        (None, "int") => "i64",
        (None, "float") => "f64",
        (None, "bool") => "bool",
        // `json`; `message` and `list` are hooks' (checked).
        (None, _) => "json",
    }
}

fn value_type(field: &SegmentField) -> TokenStream {
    match field_type(field) {
        "String" => quote!(String),
        "Media" => quote!(super::Media),
        "MessageId" => quote!(crate::id::MessageId),
        "json" => quote!(::serde_json::Value),
        number => {
            let ident = format_ident!("{}", number);
            quote!(#ident)
        }
    }
}

/// What a constructor or setter takes for the field.
fn argument_type(field: &SegmentField) -> TokenStream {
    match field_type(field) {
        "String" => quote!(impl Into<String>),
        "Media" => quote!(impl Into<super::Media>),
        "MessageId" => quote!(impl crate::IntoMessageId),
        _ => value_type(field),
    }
}

fn argument_value(field: &SegmentField, ident: &proc_macro2::Ident) -> TokenStream {
    match field_type(field) {
        "String" | "Media" => quote!(#ident.into()),
        "MessageId" => quote!(crate::IntoMessageId::into_message_id(#ident)),
        _ => quote!(#ident),
    }
}

/// The serde attributes of a field: its key, how it is read (leniently:
/// NapCat and CQ codes write numbers as strings and the other way round),
/// how it is written, and that an absent optional field is left out.
fn serde_attrs(field: &SegmentField) -> TokenStream {
    let mut parts = Vec::new();
    if field.rust_name() != field.wire_name {
        let key = &field.wire_name;
        parts.push(quote!(rename = #key));
    }
    for alias in &field.aliases {
        parts.push(quote!(alias = #alias));
    }
    let optional = is_optional(field);
    if optional || field.default {
        parts.push(quote!(default));
    }
    if field.encoded_as_string || field_type(field) == "MessageId" {
        parts.push(if optional {
            quote!(serialize_with = "super::wire::display_option")
        } else {
            quote!(serialize_with = "super::wire::display")
        });
    }
    let reader = match (field_type(field), field.ty.as_str(), optional) {
        ("String", "json", false) => Some("super::wire::text_or_json"),
        ("json", _, true) => Some("super::wire::json_option"),
        ("u8" | "u16" | "u32" | "u64" | "i32" | "i64", _, false) => Some("crate::lenient::integer"),
        ("u8" | "u16" | "u32" | "u64" | "i32" | "i64", _, true) => {
            Some("crate::lenient::optional_integer")
        }
        ("f64", _, false) => Some("crate::lenient::float"),
        ("bool", _, false) => Some("crate::lenient::flag"),
        // Optional `float` and `bool` fields are rejected by `check_generated`.
        _ => None,
    };
    if let Some(reader) = reader {
        parts.push(quote!(deserialize_with = #reader));
    }
    if optional {
        parts.push(quote!(skip_serializing_if = "Option::is_none"));
    }
    if parts.is_empty() {
        quote!()
    } else {
        quote!(#[serde(#(#parts),*)])
    }
}

/// A field's rustdoc: its doc, its key when the Rust name differs, and the
/// release that added it.
fn field_lines(field: &SegmentField) -> Vec<String> {
    let mut lines: Vec<String> = match &field.doc {
        Some(doc) => doc.trim_end().lines().map(str::to_owned).collect(),
        None => vec![format!("`{}`.", field.wire_name)],
    };
    if field.rust_name() != field.wire_name {
        lines.push(String::new());
        lines.push(format!("Key: `{}`.", field.wire_name));
    }
    if let Some(since) = field.since.filter(|since| since.minimum().is_some()) {
        lines.push(String::new());
        lines.push(format!("Since NapCat {since}."));
    }
    lines
}

/// The generated code as its snapshot has it (see [`crate::snapshot`]).
pub fn render(schema: &Schema) -> syn::Result<String> {
    let Some(file) = schema.files.first() else {
        return Err(syn::Error::new(
            proc_macro2::Span::call_site(),
            "the schema has no files",
        ));
    };
    crate::snapshot::render_in(file, &generate(schema))
}
