//! Schema files as read from disk and parsed from YAML, before validation:
//! what the loader hands the validator.

use std::path::PathBuf;

use crate::raw;

/// One schema file's path and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Where the text came from; diagnostics name this path.
    pub path: PathBuf,
    /// The YAML text.
    pub text: String,
}

/// A category file after YAML parsing.
pub(crate) struct ParsedActions<'a> {
    pub source: &'a SourceFile,
    pub category: String,
    pub file: raw::ActionFile,
}

/// The types file after YAML parsing.
pub(crate) struct ParsedTypes<'a> {
    pub source: &'a SourceFile,
    pub file: raw::TypesFile,
}
