//! Reading `segments.yaml`: the file as written, and the checks that turn
//! it into [`SegmentKind`]s and [`SegmentHook`]s, collecting every problem.

use std::collections::{BTreeMap, HashSet};

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::model::{
    Builder, FIELD_TYPES, RUST_TYPES, SegmentField, SegmentHook, SegmentKind, Shape, TAKES, Takes,
};
use crate::reporter::Reporter;
use crate::since::Since;
use crate::source::SourceFile;

/// The file of segment kinds; no other file may hold them.
pub const SEGMENTS_FILE: &str = "segments.yaml";

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
    diagnostics: &mut Vec<crate::diagnostic::Diagnostic>,
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
            && (is_hook(&send.rust_type) || send.constructor_arguments().len() != 1)
        {
            report.error(
                &raw.kind,
                format!(
                    "`takes: new` passes one argument to a generated constructor, but `{}` has {}",
                    send.rust_type,
                    if is_hook(&send.rust_type) {
                        "none (it is a hook)".to_owned()
                    } else {
                        format!("{} arguments", send.constructor_arguments().len())
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
