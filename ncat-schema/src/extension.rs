//! Extension schemas: a bot's own YAML, validated and generated on top of
//! the schema `ncat-api` was built from.
//!
//! An extension directory has the same format as ncat's `schema/`
//! (category files, and optionally its own `types.yaml` and `events.yaml`).
//! Its actions may use every type of the base schema by name, its events
//! every event type of the base's `events.yaml`; none of its actions, client
//! methods, types or event types may take a name the base already has.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::base::Base;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load;
use crate::model::Schema;
use crate::source::{SourceFile, read_dir};

// Reading the table back loads a schema, which needs the loader; `Base`
// itself sits below the loader, so these two live here.
impl Base {
    /// The base made of the schema files `sources` as one string, for
    /// `ncat_api::extend!` to hand to the macro, which loads them again
    /// (cheap, and they are known to be valid) to check an extension
    /// against the names, types and actions they hold.
    pub fn table(sources: &[SourceFile]) -> String {
        let table = Table {
            files: sources
                .iter()
                .map(|source| {
                    let name = source.path.file_name().map_or_else(
                        || source.path.to_string_lossy().into_owned(),
                        |name| name.to_string_lossy().into_owned(),
                    );
                    (name, source.text.clone())
                })
                .collect(),
        };
        // Strings always serialize.
        serde_json::to_string(&table).unwrap_or_default()
    }

    /// Reads a [`table`](Self::table) back.
    pub fn from_table(table: &str) -> Result<Base, Diagnostics> {
        let table: Table = serde_json::from_str(table).map_err(|error| {
            Diagnostics(vec![Diagnostic::whole_file(
                Path::new("ncat-api/schema"),
                format!("unreadable table of ncat-api's schema: {error}"),
            )])
        })?;
        let sources: Vec<SourceFile> = table
            .files
            .into_iter()
            .map(|(name, text)| SourceFile {
                path: Path::new("ncat-api/schema").join(name),
                text,
            })
            .collect();
        Ok(Base::of(&load::load_sources(&sources)?))
    }
}

/// [`Base::table`]'s format.
#[derive(Serialize, Deserialize)]
struct Table {
    /// Each schema file's name and text.
    files: Vec<(String, String)>,
}

/// Loads and validates the extension schema in `dir` against `base`.
///
/// The result holds only the extension's own types and actions.
pub fn load_extension(dir: &Path, base: &Base) -> Result<Schema, Diagnostics> {
    let sources = read_dir(dir)?;
    load_extension_sources(&sources, base)
}

/// [`load_extension`] for files already in memory.
pub fn load_extension_sources(sources: &[SourceFile], base: &Base) -> Result<Schema, Diagnostics> {
    load::load_with_base(sources, Some(base))
}
