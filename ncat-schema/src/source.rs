//! Schema files as read from disk ([`read_dir`]) and parsed from YAML,
//! before validation: what the loader hands the validator.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Diagnostics};
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

/// Reads the `*.yaml` files of `dir`, sorted by name so output is stable
/// (what [`load_dir`](crate::load_dir) loads, for [`load_sources`](crate::load_sources) and the snapshot's
/// [`fingerprint`](crate::snapshot::fingerprint)).
pub fn read_dir(dir: &Path) -> Result<Vec<SourceFile>, Diagnostics> {
    let fail = |message: String| Diagnostics(vec![Diagnostic::whole_file(dir, message)]);
    let entries = std::fs::read_dir(dir)
        .map_err(|error| fail(format!("cannot read the schema directory: {error}")))?;
    let mut paths = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|error| fail(format!("cannot read the schema directory: {error}")))?
            .path();
        if path
            .extension()
            .is_some_and(|extension| extension == "yaml")
        {
            paths.push(path);
        }
    }
    if paths.is_empty() {
        return Err(fail("the schema directory has no `*.yaml` files".into()));
    }
    paths.sort();
    let mut sources = Vec::with_capacity(paths.len());
    let mut diagnostics = Vec::new();
    for path in paths {
        match std::fs::read_to_string(&path) {
            Ok(text) => sources.push(SourceFile { path, text }),
            Err(error) => diagnostics.push(Diagnostic::whole_file(
                &path,
                format!("cannot read the schema file: {error}"),
            )),
        }
    }
    if diagnostics.is_empty() {
        Ok(sources)
    } else {
        Err(Diagnostics(diagnostics))
    }
}
