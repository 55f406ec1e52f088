//! `check`: load the schema the way the `generate!` macro does and report
//! every problem in the macro's words.

use std::path::Path;

/// What a check found.
pub enum Checked {
    /// The schema loads: a one-line summary.
    Clean(String),
    /// Every problem, rendered as the macro's compile errors are
    /// (`error: file:line:col: message` and the quoted line), and how many.
    Problems(String, usize),
}

/// Loads and validates `dir`, as an extension of `base` when given.
pub fn check(dir: &Path, base: Option<&ncat_schema::Base>) -> Checked {
    let loaded = match base {
        Some(base) => ncat_schema::load_extension(dir, base),
        None => ncat_schema::load_dir(dir),
    };
    match loaded {
        Ok(schema) => {
            let categories: std::collections::BTreeSet<&str> = schema
                .actions
                .iter()
                .map(|action| action.category.as_str())
                .collect();
            Checked::Clean(format!(
                "{}: {} actions in {} categories, {} shared types; no problems",
                dir.display(),
                schema.actions.len(),
                categories.len(),
                schema.types.len()
            ))
        }
        Err(diagnostics) => Checked::Problems(diagnostics.to_string(), diagnostics.0.len()),
    }
}
