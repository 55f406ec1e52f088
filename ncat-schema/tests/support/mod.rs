//! What the schema tests share.

use ncat_schema::{Base, SourceFile};

/// The first line of each error that loading the extension `files` over
/// `base` reports; panics if they load.
pub fn extension_heads(files: &[SourceFile], base: &Base) -> Vec<String> {
    match ncat_schema::load_extension_sources(files, base) {
        Ok(_) => panic!("the extension should not load"),
        Err(diagnostics) => diagnostics
            .0
            .iter()
            .map(|error| {
                error
                    .to_string()
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .to_owned()
            })
            .collect(),
    }
}
