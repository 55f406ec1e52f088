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
}

impl Shape {
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
    /// Whether NapCat requires it.
    pub required: bool,
    /// Documentation.
    pub doc: Option<String>,
    /// The NapCat release that added the field, when later than its kind.
    pub since: Option<Since>,
}

/// `segments.yaml` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFile {
    segments: Vec<RawKind>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawKind {
    kind: Spanned<String>,
    since: Option<Spanned<String>>,
    summary: RawSummary,
    #[serde(default)]
    direction: Option<Spanned<String>>,
    arrives_as: Option<Spanned<String>>,
    // A kind with one shape both ways: the shape's keys at the kind's level.
    rust_type: Option<Spanned<String>>,
    keeps_extra: Option<bool>,
    fields: Option<Vec<RawField>>,
    send: Option<Spanned<RawShape>>,
    receive: Option<Spanned<RawShape>>,
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
    #[serde(default)]
    fields: Vec<RawField>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawField {
    name: Spanned<String>,
    #[serde(rename = "type")]
    ty: Spanned<String>,
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
) -> Vec<SegmentKind> {
    let mut report = Reporter {
        source,
        diagnostics,
    };
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
                Shape {
                    rust_type: shape.value.rust_type.value.clone(),
                    keeps_extra,
                    extra_type: shape.value.extra_type.as_ref().map(|ty| ty.value.clone()),
                    fields: check_fields(&shape.value.fields, since, report),
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
        kinds.push(SegmentKind {
            kind: name.to_owned(),
            summary_zh: raw.summary.zh.clone(),
            summary_en: raw.summary.en.clone(),
            since,
            send,
            receive,
            arrives_as: raw.arrives_as.as_ref().map(|kind| kind.value.clone()),
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
    kinds
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
        checked.push(SegmentField {
            wire_name: field.name.value.clone(),
            aliases: field.aliases.iter().map(|a| a.value.clone()).collect(),
            ty: field.ty.value.clone(),
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
/// module: for every shape whose type keeps unknown keys, the keys its
/// fields read (`SegmentData::KEYS`), which decoding leaves out of the
/// type's `extra`; and `KINDS`, every kind with its directions.
pub fn generate(schema: &Schema) -> TokenStream {
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
    quote! {
        #(#impls)*

        /// Every segment kind of `schema/segments.yaml`, in file order:
        /// whether ncat sends it, whether it arrives, and as what.
        pub const KINDS: &[super::segment::KindInfo] = &[#(#rows)*];
    }
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
