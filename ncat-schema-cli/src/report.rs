//! Rendering a [`Drift`] as text for people or JSON for scripts.

use std::fmt::Write as _;
use std::path::Path;

use serde::Serialize;

use crate::drift::{Change, ChangeKind, Drift};

/// Where the two sides of a diff came from.
pub struct Sources<'a> {
    /// The schema directory.
    pub schema: &'a Path,
    /// The OpenAPI export.
    pub openapi: &'a Path,
}

/// The report as text: a summary line, then new, removed and changed
/// actions and changed types, each sorted by name.
pub fn text(drift: &Drift, sources: &Sources<'_>) -> String {
    let mut out = String::new();
    let head = format!(
        "{} vs NapCat {} ({})",
        sources.schema.display(),
        drift.napcat_version,
        sources.openapi.display()
    );
    if drift.in_sync() {
        let _ = writeln!(out, "{head}: in sync");
        return out;
    }
    let _ = write!(
        out,
        "{head}: {} new, {} removed, {} changed actions; {} changed types",
        drift.new.len(),
        drift.removed.len(),
        drift.changed.len(),
        drift.changed_types.len()
    );
    if drift.new_segments.is_empty() && drift.changed_segments.is_empty() {
        out.push('\n');
    } else {
        let _ = writeln!(
            out,
            "; {} new, {} changed segment kinds",
            drift.new_segments.len(),
            drift.changed_segments.len()
        );
    }
    let width = drift
        .new
        .iter()
        .map(|action| action.action.len())
        .chain(drift.removed.iter().map(|action| action.action.len()))
        .max()
        .unwrap_or(0);
    if !drift.new.is_empty() {
        let _ = writeln!(out, "\nNew in NapCat ({}):", drift.new.len());
        for action in &drift.new {
            let category = action.category.as_deref().unwrap_or("?");
            let deprecated = if action.deprecated {
                " (deprecated)"
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "  + {:width$}  {category:8} {}{deprecated}",
                action.action, action.summary
            );
        }
    }
    if !drift.removed.is_empty() {
        let _ = writeln!(
            out,
            "\nOnly in ours, removed or renamed upstream ({}):",
            drift.removed.len()
        );
        for action in &drift.removed {
            let renamed = action
                .renamed_to
                .as_deref()
                .map(|new| format!(" (renamed to {new}?)"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  - {:width$}  {}{renamed}",
                action.action, action.category
            );
        }
    }
    if !drift.changed.is_empty() {
        let _ = writeln!(out, "\nChanged actions ({}):", drift.changed.len());
        for action in &drift.changed {
            let _ = writeln!(out, "  {} ({})", action.action, action.category);
            for change in &action.changes {
                let _ = writeln!(out, "    {}", line(change, "reply field"));
            }
        }
    }
    if !drift.changed_types.is_empty() {
        let _ = writeln!(out, "\nChanged types ({}):", drift.changed_types.len());
        for ty in &drift.changed_types {
            let _ = writeln!(
                out,
                "  {} vs {} (used by {})",
                ty.ty,
                ty.napcat,
                ty.used_by.join(", ")
            );
            for change in &ty.changes {
                let _ = writeln!(out, "    {}", line(change, "field"));
            }
        }
    }
    if !drift.new_segments.is_empty() {
        let _ = writeln!(
            out,
            "\nSegment kinds new in NapCat ({}):",
            drift.new_segments.len()
        );
        for segment in &drift.new_segments {
            let _ = writeln!(
                out,
                "  + {} ({}): {}",
                segment.kind,
                segment.napcat.join(", "),
                segment.fields.join(", ")
            );
        }
    }
    if !drift.changed_segments.is_empty() {
        let _ = writeln!(
            out,
            "\nChanged segment kinds, send shape ({}):",
            drift.changed_segments.len()
        );
        for segment in &drift.changed_segments {
            let _ = writeln!(out, "  {} vs {}", segment.kind, segment.napcat.join(", "));
            for change in &segment.changes {
                let _ = writeln!(out, "    {}", line(change, "key"));
            }
        }
    }
    out
}

/// One change: `+ param x: number, optional`, `~ param x type: ours u32,
/// NapCat string`.
fn line(change: &Change, field: &str) -> String {
    let ours = change.ours.as_deref().unwrap_or("none");
    let napcat = change.napcat.as_deref().unwrap_or("none");
    let name = &change.name;
    let sign = change.kind.sign();
    match change.kind {
        ChangeKind::Deprecated => format!("{sign} deprecated in NapCat"),
        ChangeKind::ParamAdded => format!("{sign} param {name}: {napcat}"),
        ChangeKind::FieldAdded => format!("{sign} {field} {name}: {napcat}"),
        ChangeKind::ParamRemoved => format!("{sign} param {name}: {ours}"),
        ChangeKind::FieldRemoved => format!("{sign} {field} {name}: {ours}"),
        ChangeKind::ParamType => format!("{sign} param {name} type: ours {ours}, NapCat {napcat}"),
        ChangeKind::FieldType => {
            format!("{sign} {field} {name} type: ours {ours}, NapCat {napcat}")
        }
        ChangeKind::ParamRequired => {
            format!("{sign} param {name}: {ours} in ours, {napcat} in NapCat")
        }
        ChangeKind::FieldRequired => {
            format!("{sign} {field} {name}: {ours} in ours, {napcat} in NapCat")
        }
        ChangeKind::ParamDefault => {
            format!("{sign} param {name} default: ours {ours}, NapCat {napcat}")
        }
        ChangeKind::ReplyType => format!("{sign} reply: ours {ours}, NapCat {napcat}"),
        ChangeKind::Since if name.is_empty() => {
            format!("{sign} since: ours {ours}, but NapCat {napcat} has it")
        }
        ChangeKind::Since => {
            format!("{sign} {name} since: ours {ours}, but NapCat {napcat} has it")
        }
    }
}

/// The JSON report: the [`Drift`] plus where it came from and counts.
#[derive(Serialize)]
struct JsonReport<'a> {
    schema: String,
    openapi: String,
    in_sync: bool,
    counts: Counts,
    #[serde(flatten)]
    drift: &'a Drift,
}

#[derive(Serialize)]
struct Counts {
    new: usize,
    removed: usize,
    changed: usize,
    changed_types: usize,
    new_segments: usize,
    changed_segments: usize,
}

/// The report as pretty-printed JSON (documented in the README).
pub fn json(drift: &Drift, sources: &Sources<'_>) -> Result<String, serde_json::Error> {
    let report = JsonReport {
        schema: sources.schema.display().to_string(),
        openapi: sources.openapi.display().to_string(),
        in_sync: drift.in_sync(),
        counts: Counts {
            new: drift.new.len(),
            removed: drift.removed.len(),
            changed: drift.changed.len(),
            changed_types: drift.changed_types.len(),
            new_segments: drift.new_segments.len(),
            changed_segments: drift.changed_segments.len(),
        },
        drift,
    };
    let mut text = serde_json::to_string_pretty(&report)?;
    text.push('\n');
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drift::{ChangedAction, NewAction};

    fn drift() -> Drift {
        Drift {
            napcat_version: "4.18.13".into(),
            new: vec![NewAction {
                action: "get_group_shut_list".into(),
                category: Some("group".into()),
                summary: "获取群禁言列表".into(),
                deprecated: false,
            }],
            removed: Vec::new(),
            changed: vec![ChangedAction {
                action: "set_group_ban".into(),
                category: "group".into(),
                changes: vec![Change {
                    kind: ChangeKind::ParamDefault,
                    name: "duration".into(),
                    ours: Some("0".into()),
                    napcat: Some("1800".into()),
                }],
            }],
            changed_types: Vec::new(),
            new_segments: Vec::new(),
            changed_segments: Vec::new(),
        }
    }

    fn sources() -> Sources<'static> {
        Sources {
            schema: Path::new("schema"),
            openapi: Path::new("napcat.json"),
        }
    }

    #[test]
    fn text_report() {
        assert_eq!(
            text(&drift(), &sources()),
            "schema vs NapCat 4.18.13 (napcat.json): 1 new, 0 removed, 1 changed actions; 0 changed types\n\
             \nNew in NapCat (1):\n  + get_group_shut_list  group    获取群禁言列表\n\
             \nChanged actions (1):\n  set_group_ban (group)\n    ~ param duration default: ours 0, NapCat 1800\n"
        );
    }

    #[test]
    fn json_report() {
        let value: serde_json::Value =
            serde_json::from_str(&json(&drift(), &sources()).unwrap()).unwrap();
        assert_eq!(value["in_sync"], false);
        assert_eq!(value["counts"]["new"], 1);
        assert_eq!(value["napcat_version"], "4.18.13");
        assert_eq!(value["changed"][0]["changes"][0]["kind"], "param_default");
    }
}
