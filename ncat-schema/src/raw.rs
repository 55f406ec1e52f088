//! The schema exactly as written in YAML, with source locations.
//!
//! These types only mirror the files; [`crate::validate`] turns them into the
//! checked [`crate::model`]. Every key is listed so that a misspelt key is an
//! error (`deny_unknown_fields`) instead of being silently ignored.

use serde::Deserialize;
use serde_saphyr::Spanned;

/// A category file such as `group.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionFile {
    /// The actions of this category, in the order they are documented.
    #[serde(default)]
    pub actions: Vec<Action>,
    /// In an extension: what it adds to ncat-api's built-in actions.
    #[serde(default)]
    pub extend: Vec<BuiltInExtension>,
}

/// An `extend:` entry: parameters and reply fields added to a built-in
/// action.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BuiltInExtension {
    pub action: Spanned<String>,
    #[serde(default)]
    pub params: Vec<Param>,
    pub reply: Option<Spanned<ExtensionReply>>,
}

/// The reply fields an `extend:` entry adds.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExtensionReply {
    pub fields: Vec<Field>,
}

/// `types.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypesFile {
    /// The shared types.
    pub types: Vec<TypeDef>,
}

/// One action entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    pub action: Spanned<String>,
    pub since: Option<Spanned<String>>,
    pub rust_name: Option<Spanned<String>>,
    pub summary: Summary,
    pub description: Option<String>,
    #[serde(default)]
    pub params: Vec<Param>,
    pub reply: Option<Spanned<Reply>>,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    pub deprecated: Option<String>,
    #[serde(default)]
    pub variants: Vec<Spanned<Variant>>,
    #[serde(default)]
    pub groups: Vec<Spanned<Group>>,
}

/// One request form of an action with alternative parameter sets.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    pub name: Spanned<String>,
    pub rust_name: Option<Spanned<String>>,
    pub doc: Option<String>,
    #[serde(default)]
    pub params: Vec<Param>,
}

/// A parameter group: exactly one of the two keys.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub exactly_one_of: Option<Vec<Spanned<String>>>,
    pub at_least_one_of: Option<Vec<Spanned<String>>>,
}

/// The two one-line summaries every action has.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    pub zh: String,
    pub en: String,
}

/// One action parameter.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Param {
    pub name: Spanned<String>,
    pub rust_name: Option<Spanned<String>>,
    #[serde(rename = "type")]
    pub ty: Spanned<String>,
    #[serde(default)]
    pub required: bool,
    pub default: Option<Spanned<serde_json::Value>>,
    pub doc: Option<String>,
    pub since: Option<Spanned<String>>,
}

/// An action's reply: a type expression, inline fields, or a stream of frames.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reply {
    #[serde(rename = "type")]
    pub ty: Option<Spanned<String>>,
    pub fields: Option<Vec<Field>>,
    pub frames: Option<Spanned<String>>,
    pub doc: Option<String>,
    #[serde(default)]
    pub optional: bool,
    /// Data NapCat answers with: shown in rustdoc, and what the mock
    /// NapCat answers unless scripted.
    pub example: Option<Spanned<serde_json::Value>>,
}

/// A field of a reply or of a shared struct.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    pub name: Spanned<String>,
    pub rust_name: Option<Spanned<String>>,
    #[serde(rename = "type")]
    pub ty: Spanned<String>,
    #[serde(default)]
    pub optional: bool,
    pub doc: Option<String>,
    pub since: Option<Spanned<String>>,
}

/// A shared struct or string enum.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeDef {
    pub name: Spanned<String>,
    pub doc: Option<String>,
    pub fields: Option<Vec<Field>>,
    #[serde(rename = "enum")]
    pub values: Option<Vec<EnumValue>>,
}

/// One wire value of a string enum.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnumValue {
    pub value: Spanned<String>,
    pub rust_name: Option<Spanned<String>>,
    pub doc: Option<String>,
}
