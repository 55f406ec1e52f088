//! Appending imported entries to the category files, but only after the
//! whole schema, with the entries, has passed the loader: an import never
//! leaves the schema broken.

use std::path::{Path, PathBuf};

use ncat_schema::{Base, Diagnostics, SourceFile, load_extension_sources, load_sources};

/// Why the entries were not written.
#[derive(Debug)]
pub enum ApplyError {
    /// Reading or writing a file failed.
    Io(String),
    /// The schema with the entries does not load (an import bug).
    Invalid(Diagnostics),
}

/// One category file and the entries it gains.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Addition {
    /// The file.
    pub path: PathBuf,
    /// Its text after the append.
    pub text: String,
    /// How many entries were appended.
    pub count: usize,
}

/// Appends `entries` (category, YAML text) to the category files of `dir`,
/// checks the result with the loader and, unless `dry_run`, writes it.
pub fn apply(
    dir: &Path,
    entries: &[(String, String)],
    base: Option<&Base>,
    dry_run: bool,
) -> Result<Vec<Addition>, ApplyError> {
    let mut sources = read_sources(dir)?;
    let mut by_file: Vec<(PathBuf, Vec<String>)> = Vec::new();
    for (category, text) in entries {
        let path = dir.join(format!("{category}.yaml"));
        match by_file.iter_mut().find(|(file, _)| *file == path) {
            Some((_, texts)) => texts.push(text.clone()),
            None => by_file.push((path, vec![text.clone()])),
        }
    }
    let mut additions: Vec<Addition> = Vec::new();
    for (path, texts) in by_file {
        let existing = sources
            .iter()
            .find(|source| source.path == path)
            .map_or("actions:\n", |source| source.text.as_str());
        let text = super::append::append(existing, &texts).map_err(|problem| {
            ApplyError::Io(format!("cannot append to {}: {problem}", path.display()))
        })?;
        additions.push(Addition {
            path,
            text,
            count: texts.len(),
        });
    }
    for addition in &additions {
        match sources
            .iter_mut()
            .find(|source| source.path == addition.path)
        {
            Some(source) => source.text = addition.text.clone(),
            None => sources.push(SourceFile {
                path: addition.path.clone(),
                text: addition.text.clone(),
            }),
        }
    }
    sources.sort_by(|a, b| a.path.cmp(&b.path));
    match base {
        Some(base) => load_extension_sources(&sources, base).map(drop),
        None => load_sources(&sources).map(drop),
    }
    .map_err(ApplyError::Invalid)?;
    if !dry_run {
        for addition in &additions {
            std::fs::write(&addition.path, &addition.text).map_err(|error| {
                ApplyError::Io(format!("cannot write {}: {error}", addition.path.display()))
            })?;
        }
    }
    Ok(additions)
}

/// The `*.yaml` files of `dir`, sorted, as the loader would read them.
fn read_sources(dir: &Path) -> Result<Vec<SourceFile>, ApplyError> {
    let fail =
        |error: std::io::Error| ApplyError::Io(format!("cannot read {}: {error}", dir.display()));
    let mut sources = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(fail)? {
        let path = entry.map_err(fail)?.path();
        if path
            .extension()
            .is_some_and(|extension| extension == "yaml")
        {
            let text = std::fs::read_to_string(&path).map_err(|error| {
                ApplyError::Io(format!("cannot read {}: {error}", path.display()))
            })?;
            sources.push(SourceFile { path, text });
        }
    }
    sources.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(sources)
}
