//! `--extends BASE`: the schema directory is a bot's own extension of
//! ncat-api's schema (`ncat_api::extend!`), checked against `BASE`.

use std::collections::HashSet;
use std::path::Path;

use ncat_schema::model::Schema;
use ncat_schema::{Base, Diagnostics};

use crate::drift::Drift;

/// The base schema an extension directory is checked against.
pub struct Extends {
    pub schema: Schema,
    pub base: Base,
}

impl Extends {
    /// Loads the base schema in `dir`.
    pub fn load(dir: &Path) -> Result<Extends, Diagnostics> {
        let schema = ncat_schema::load_dir(dir)?;
        let base = Base::of(&schema);
        Ok(Extends { schema, base })
    }

    /// Loads the extension in `dir`, and the schema the macro sees: the
    /// base's types and actions followed by the extension's.
    pub fn load_extension(&self, dir: &Path) -> Result<(Schema, Schema), Diagnostics> {
        let own = ncat_schema::load_extension(dir, &self.base)?;
        let merged = Schema {
            files: own.files.clone(),
            types: self
                .schema
                .types
                .iter()
                .chain(&own.types)
                .cloned()
                .collect(),
            actions: (self.schema.actions.iter().chain(&own.actions))
                .cloned()
                .collect(),
            // The extension's events are its own: ncat's are only names to it.
            events: own.events.clone(),
            // What it adds to ncat's actions is checked against them, not merged.
            extended: own.extended.clone(),
            segments: (self.schema.segments.iter().chain(&own.segments))
                .cloned()
                .collect(),
            segment_hooks: (self.schema.segment_hooks.iter())
                .chain(&own.segment_hooks)
                .cloned()
                .collect(),
        };
        Ok((own, merged))
    }
}

/// Keeps what concerns the extension: new NapCat actions (neither schema
/// has them), and the removed or changed actions and types of its own;
/// the base's drift is ncat's to track.
pub fn keep_own(drift: &mut Drift, own: &Schema) {
    let actions: HashSet<&str> = own
        .actions
        .iter()
        .map(|action| action.wire_name.as_str())
        .collect();
    let types: HashSet<&str> = own.types.iter().map(|ty| ty.name.as_str()).collect();
    drift
        .removed
        .retain(|removed| actions.contains(removed.action.as_str()));
    drift
        .changed
        .retain(|changed| actions.contains(changed.action.as_str()));
    drift
        .changed_types
        .retain(|changed| types.contains(changed.ty.as_str()));
    let kinds: HashSet<&str> = own.segments.iter().map(|kind| kind.kind.as_str()).collect();
    drift
        .changed_segments
        .retain(|changed| kinds.contains(changed.kind.as_str()));
}
