//! Loading a schema: parsing each file's YAML and handing it to the
//! validator of its role (actions, types, segments, events).

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::base::Base;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::Schema;
use crate::source::{ParsedActions, ParsedTypes, SourceFile, read_dir};
use crate::validate;

/// The file of shared types; every other `*.yaml` file but `segments.yaml`
/// and `events.yaml` is a category of actions.
pub const TYPES_FILE: &str = "types.yaml";

/// Loads and validates every `*.yaml` file in `dir`.
///
/// All problems are collected: a YAML error in one file does not hide the
/// problems of the others.
pub fn load_dir(dir: &Path) -> Result<Schema, Diagnostics> {
    let sources = read_dir(dir)?;
    load_sources(&sources)
}

/// Validates schema files already in memory (the file name decides their role).
pub fn load_sources(sources: &[SourceFile]) -> Result<Schema, Diagnostics> {
    load_with_base(sources, None)
}

/// Validates schema files, as an extension of `base` when there is one.
pub(crate) fn load_with_base(
    sources: &[SourceFile],
    base: Option<&Base>,
) -> Result<Schema, Diagnostics> {
    let mut diagnostics = Vec::new();
    let mut types = Vec::new();
    let mut actions = Vec::new();
    let mut segments = Vec::new();
    let mut events = None;
    let mut segment_hooks = Vec::new();
    for source in sources {
        let is_types = source
            .path
            .file_name()
            .is_some_and(|name| name == TYPES_FILE);
        let is_events = source
            .path
            .file_name()
            .is_some_and(|name| name == crate::event::EVENTS_FILE);
        if is_events {
            // An extension's events may name ncat's event types.
            let external = base.map_or(&[][..], |base| base.event_types.as_slice());
            match crate::event::load_source(source, external) {
                Ok(loaded) => events = Some(loaded),
                Err(problems) => diagnostics.extend(problems.0),
            }
            continue;
        }
        let is_segments = source
            .path
            .file_name()
            .is_some_and(|name| name == crate::segment::validate::SEGMENTS_FILE);
        if is_segments {
            if let Some(file) = parse(source, &mut diagnostics) {
                let (kinds, hooks) =
                    crate::segment::validate::validate(source, &file, &mut diagnostics);
                segments.extend(kinds);
                segment_hooks.extend(hooks);
            }
        } else if is_types {
            if let Some(file) = parse(source, &mut diagnostics) {
                types.push(ParsedTypes { source, file });
            }
        } else if let Some(file) = parse(source, &mut diagnostics) {
            let category = source
                .path
                .file_stem()
                .map(|stem| stem.to_string_lossy().into_owned())
                .unwrap_or_default();
            actions.push(ParsedActions {
                source,
                category,
                file,
            });
        }
    }
    let files = sources.iter().map(|source| source.path.clone()).collect();
    let mut schema = validate::validate(files, &types, &actions, base, &mut diagnostics);
    schema.segments = segments;
    schema.events = events;
    schema.segment_hooks = segment_hooks;
    // An extension's segment kinds, against the base and its other names.
    if let Some(base) = base {
        let segment_files = sources.iter().filter(|source| {
            source
                .path
                .file_name()
                .is_some_and(|name| name == crate::segment::validate::SEGMENTS_FILE)
        });
        for source in segment_files {
            crate::segment_extension::check(source, base, &schema, &mut diagnostics);
        }
    }
    if diagnostics.is_empty() {
        Ok(schema)
    } else {
        Err(Diagnostics(diagnostics))
    }
}

/// Parses one file, turning a YAML or shape error into a located diagnostic.
fn parse<T: DeserializeOwned>(source: &SourceFile, diagnostics: &mut Vec<Diagnostic>) -> Option<T> {
    match serde_saphyr::from_str::<T>(&source.text) {
        Ok(file) => Some(file),
        Err(error) => {
            let (line, column) = error
                .location()
                .map_or((1, 1), |location| (location.line(), location.column()));
            let message = without_position(&error.without_snippet().to_string());
            diagnostics.push(Diagnostic::at(
                &source.path,
                &source.text,
                line,
                column,
                message,
            ));
            None
        }
    }
}

/// serde-saphyr appends " at line N, column M"; our diagnostics say where
/// already, in `file:line:col` form.
fn without_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(index) if message[index..].contains(", column ") => message[..index].to_owned(),
        _ => message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_the_position_suffix_only() {
        assert_eq!(
            without_position("unknown field `x`, expected one of a, b at line 6, column 9"),
            "unknown field `x`, expected one of a, b"
        );
        assert_eq!(without_position("invalid boolean"), "invalid boolean");
    }
}
