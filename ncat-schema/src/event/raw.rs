//! `events.yaml` exactly as written, with source locations.

use serde::Deserialize;
use serde_saphyr::Spanned;

/// The whole file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventsFile {
    #[serde(default)]
    pub fields: Vec<Field>,
    #[serde(default)]
    pub hooks: Vec<Hook>,
    #[serde(default)]
    pub enums: Vec<Enum>,
    #[serde(default)]
    pub events: Vec<Event>,
}

/// A hand-written type.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hook {
    pub name: Spanned<String>,
    #[allow(dead_code, reason = "documentation for readers of the YAML")]
    pub doc: Option<String>,
}

/// An open string enum.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Enum {
    pub name: Spanned<String>,
    pub doc: Option<String>,
    pub values: Vec<EnumValue>,
}

/// One known value of an enum.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnumValue {
    pub value: Spanned<String>,
    pub rust_name: Option<Spanned<String>>,
    pub doc: Option<String>,
}

/// One event.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub name: Spanned<String>,
    pub variant: Option<Spanned<String>>,
    pub post_type: Spanned<String>,
    pub kind: Spanned<String>,
    pub sub_type: Option<Spanned<String>>,
    pub since: Option<Spanned<String>>,
    pub summary: Summary,
    #[serde(default)]
    pub fields: Vec<Field>,
}

/// The two one-line summaries every event has.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    pub zh: String,
    pub en: String,
}

/// A field: defined here, or taken from the file's `fields` with `use`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    pub name: Option<Spanned<String>>,
    #[serde(rename = "use")]
    pub uses: Option<Spanned<String>>,
    #[serde(rename = "type")]
    pub ty: Option<Spanned<String>>,
    #[serde(default)]
    pub optional: bool,
    #[serde(default)]
    pub default: bool,
    pub doc: Option<String>,
    pub since: Option<Spanned<String>>,
}
