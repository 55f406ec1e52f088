//! Events in the schema: `events.yaml`, the events NapCat pushes.
//!
//! The file lists shared `fields` (written once, taken with `use:`), the
//! `hooks` (types the events use that stay hand-written Rust), the open
//! `sub_type` `enums`, and the `events`, each chosen by its `post_type`,
//! `kind` (`message_type`, `notice_type`, `request_type` or
//! `meta_event_type`) and, for `notify` notices, `sub_type`. The format is
//! documented in `schema/README.md` ("Events"); [`generate`] writes the
//! structs, enums and dispatch `ncat_api::event` is made of.

mod generate;
mod pretty;
mod raw;
mod validate;

use std::path::{Path, PathBuf};

pub use self::generate::{generate, generate_extension, generate_schema, render, render_schema};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::since::Since;
use crate::source::SourceFile;
use crate::ty::TypeExpr;

/// The events file of a schema directory.
pub const EVENTS_FILE: &str = "events.yaml";

/// The checked events of a schema.
#[derive(Debug, Clone, PartialEq)]
pub struct EventSchema {
    /// The file it was read from (for rebuild tracking).
    pub file: PathBuf,
    /// Hand-written types the events name.
    pub hooks: Vec<String>,
    /// Open string enums (`sub_type`s).
    pub enums: Vec<OpenEnum>,
    /// Every event, in file order.
    pub events: Vec<EventDef>,
}

impl EventSchema {
    /// Every type the file defines or names as a hook, in file order.
    pub fn type_names(&self) -> Vec<String> {
        let enums = self.enums.iter().map(|open| &open.name);
        let events = self.events.iter().map(|event| &event.name);
        self.hooks
            .iter()
            .chain(enums)
            .chain(events)
            .cloned()
            .collect()
    }
}

/// An open string enum: its known values, and `Unrecognized(String)`.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenEnum {
    /// The Rust name.
    pub name: String,
    /// Its rustdoc.
    pub doc: Option<String>,
    /// `(wire value, Rust variant, doc)`.
    pub values: Vec<(String, String, Option<String>)>,
}

/// The four families of events, by `post_type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PostType {
    /// `message` (and `message_sent`, the same shapes): `MessageEvent`.
    Message,
    /// `notice`: `NoticeEvent`.
    Notice,
    /// `request`: `RequestEvent`.
    Request,
    /// `meta_event`: `MetaEvent`.
    Meta,
}

impl PostType {
    /// Every family, with its wire name.
    pub const ALL: [(&'static str, PostType); 4] = [
        ("message", PostType::Message),
        ("notice", PostType::Notice),
        ("request", PostType::Request),
        ("meta_event", PostType::Meta),
    ];

    /// The wire name.
    pub fn wire(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, post_type)| *post_type == self)
            .map_or("", |(wire, _)| wire)
    }

    /// The key naming the event within the family.
    pub fn kind_key(self) -> &'static str {
        match self {
            PostType::Message => "message_type",
            PostType::Notice => "notice_type",
            PostType::Request => "request_type",
            PostType::Meta => "meta_event_type",
        }
    }

    /// The Rust enum of the family.
    pub fn enum_name(self) -> &'static str {
        match self {
            PostType::Message => "MessageEvent",
            PostType::Notice => "NoticeEvent",
            PostType::Request => "RequestEvent",
            PostType::Meta => "MetaEvent",
        }
    }
}

/// One event shape.
#[derive(Debug, Clone, PartialEq)]
pub struct EventDef {
    /// The struct's name.
    pub name: String,
    /// The variant of the family's enum holding it.
    pub variant: String,
    /// Its family.
    pub post_type: PostType,
    /// Its `message_type` / `notice_type` / `request_type` / `meta_event_type`.
    pub kind: String,
    /// Its `sub_type`, for the `notify` notices NapCat tells apart by it.
    pub sub_type: Option<String>,
    /// Chinese summary.
    pub summary_zh: String,
    /// English summary.
    pub summary_en: String,
    /// The NapCat release that introduced it.
    pub since: Option<Since>,
    /// Its fields, the `event` base (`time`, `self_id`) first.
    pub fields: Vec<EventField>,
}

/// One field of an event.
#[derive(Debug, Clone, PartialEq)]
pub struct EventField {
    /// The wire and Rust name.
    pub name: String,
    /// Its type.
    pub ty: TypeExpr,
    /// May be absent or `null` (an `Option`).
    pub optional: bool,
    /// When absent, the type's default.
    pub default: bool,
    /// Its rustdoc.
    pub doc: Option<String>,
    /// The NapCat release that introduced it.
    pub since: Option<Since>,
}

/// Loads `events.yaml` from a schema directory; `None` if there is none.
pub fn load_dir(dir: &Path) -> Result<Option<EventSchema>, Diagnostics> {
    let path = dir.join(EVENTS_FILE);
    if !path.exists() {
        return Ok(None);
    }
    let text = std::fs::read_to_string(&path).map_err(|error| {
        Diagnostics(vec![Diagnostic::whole_file(
            &path,
            format!("cannot read the events file: {error}"),
        )])
    })?;
    load_source(&SourceFile { path, text }, &[]).map(Some)
}

/// Validates an events file in memory. `external` names the types it may
/// use besides its own enums and hooks (for an extension: ncat's).
pub fn load_source(source: &SourceFile, external: &[String]) -> Result<EventSchema, Diagnostics> {
    let mut diagnostics = Vec::new();
    let file = match serde_saphyr::from_str::<raw::EventsFile>(&source.text) {
        Ok(file) => file,
        Err(error) => {
            let (line, column) = error
                .location()
                .map_or((1, 1), |location| (location.line(), location.column()));
            let message = error.without_snippet().to_string();
            let message = match message.rfind(" at line ") {
                Some(index) => message[..index].to_owned(),
                None => message,
            };
            return Err(Diagnostics(vec![Diagnostic::at(
                &source.path,
                &source.text,
                line,
                column,
                message,
            )]));
        }
    };
    let schema = validate::validate(source, file, external, &mut diagnostics);
    if diagnostics.is_empty() {
        Ok(schema)
    } else {
        Err(Diagnostics(diagnostics))
    }
}
