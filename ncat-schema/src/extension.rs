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

use crate::base::{Base, BaseAction};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load;
use crate::model::Schema;
use crate::source::SourceFile;

// Reading the table back parses a `types.yaml`, which needs the loader;
// `Base` itself sits below the loader, so these two live here.
impl Base {
    /// The base of `schema` as one string, for `ncat_api::extend!` to hand
    /// to the macro: the text of its `types.yaml` (`types_yaml`; the
    /// macro checks it again, which is cheap), its action names and its
    /// event types.
    pub fn table(schema: &Schema, types_yaml: Option<&str>) -> String {
        let base = Base::of(schema);
        let table = Table {
            types_yaml: types_yaml.map(str::to_owned),
            actions: base
                .actions
                .into_iter()
                .map(|action| (action.wire_name, action.methods))
                .collect(),
            event_types: base.event_types,
        };
        // Strings and lists of strings always serialize.
        serde_json::to_string(&table).unwrap_or_default()
    }

    /// Reads a [`table`](Self::table) back.
    pub fn from_table(table: &str) -> Result<Base, Diagnostics> {
        let origin = Path::new("ncat-api/schema/types.yaml");
        let table: Table = serde_json::from_str(table).map_err(|error| {
            Diagnostics(vec![Diagnostic::whole_file(
                origin,
                format!("unreadable table of ncat-api's schema: {error}"),
            )])
        })?;
        let types = match table.types_yaml {
            Some(text) => {
                let source = SourceFile {
                    path: origin.to_owned(),
                    text,
                };
                load::load_sources(&[source])?.types
            }
            None => Vec::new(),
        };
        let actions = table
            .actions
            .into_iter()
            .map(|(wire_name, methods)| BaseAction { wire_name, methods })
            .collect();
        Ok(Base {
            types,
            actions,
            event_types: table.event_types,
        })
    }
}

/// [`Base::table`]'s format.
#[derive(Serialize, Deserialize)]
struct Table {
    types_yaml: Option<String>,
    /// Wire name and client methods of each action.
    actions: Vec<(String, Vec<String>)>,
    /// [`Base::event_types`].
    event_types: Vec<String>,
}

/// Loads and validates the extension schema in `dir` against `base`.
///
/// The result holds only the extension's own types and actions.
pub fn load_extension(dir: &Path, base: &Base) -> Result<Schema, Diagnostics> {
    let sources = load::read_dir(dir)?;
    load_extension_sources(&sources, base)
}

/// [`load_extension`] for files already in memory.
pub fn load_extension_sources(sources: &[SourceFile], base: &Base) -> Result<Schema, Diagnostics> {
    load::load_with_base(sources, Some(base))
}
