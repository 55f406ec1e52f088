//! The checks every member of a struct (a field or a parameter) shares:
//! its wire name, its Rust name and its type.

use std::collections::HashSet;

use serde_saphyr::Spanned;

use crate::naming::is_snake_case;
use crate::reporter::Reporter;
use crate::ty::TypeExpr;

/// The members (fields or parameters) of one struct, checked one by one.
#[derive(Clone)]
pub(crate) struct Members<'a> {
    /// "field" or "parameter", for messages.
    what: &'static str,
    /// Rust names members of this kind may not take.
    reserved: &'static [&'static str],
    wire: HashSet<&'a str>,
    rust: HashSet<String>,
}

impl<'a> Members<'a> {
    pub(crate) fn new(what: &'static str, reserved: &'static [&'static str]) -> Self {
        Members {
            what,
            reserved,
            wire: HashSet::new(),
            rust: HashSet::new(),
        }
    }

    /// The checks a field and a parameter share: a unique wire name, a
    /// valid and unique Rust name, and a type that resolves. `None` when any
    /// fails (each failure is reported).
    pub(crate) fn check(
        &mut self,
        wire: &'a Spanned<String>,
        rust_name: Option<&Spanned<String>>,
        ty: &Spanned<String>,
        is_shared: &dyn Fn(&str) -> bool,
        report: &mut Reporter<'_>,
    ) -> Option<(String, TypeExpr)> {
        let what = self.what;
        if !self.wire.insert(&wire.value) {
            report.error(wire, format!("duplicate {what} `{}`", wire.value));
            return None;
        }
        let checked_name = rust_name_of(wire, rust_name, what, report);
        let ty = resolve_type(ty, is_shared, report);
        let checked_name = checked_name?;
        let name_at = rust_name.unwrap_or(wire);
        if self.reserved.contains(&checked_name.as_str()) {
            report.error(
                name_at,
                format!("name collision: {what} `{checked_name}` would shadow `Call::{checked_name}`; add a different `rust_name`"),
            );
            return None;
        }
        if !self.rust.insert(checked_name.clone()) {
            report.error(
                name_at,
                format!("name collision: two {what}s are named `{checked_name}` in Rust"),
            );
            return None;
        }
        Some((checked_name, ty?))
    }
}

/// A wire name and the Rust name it gets: the given `rust_name`, or the wire
/// name itself when that is already a snake_case identifier.
pub(crate) fn rust_name_of(
    wire: &Spanned<String>,
    rust_name: Option<&Spanned<String>>,
    what: &str,
    report: &mut Reporter<'_>,
) -> Option<String> {
    match rust_name {
        Some(given) if is_snake_case(&given.value) => Some(given.value.clone()),
        Some(given) => {
            report.error(
                given,
                format!("invalid identifier `{}`: a {what} `rust_name` must be a snake_case identifier and not a keyword", given.value),
            );
            None
        }
        None if is_snake_case(&wire.value) => Some(wire.value.clone()),
        None => {
            report.error(
                wire,
                format!(
                    "invalid identifier: {what} `{}` is not a snake_case Rust identifier (or is a keyword); add a `rust_name`",
                    wire.value
                ),
            );
            None
        }
    }
}

/// Parses a type expression and checks that named types exist.
pub(crate) fn resolve_type(
    ty: &Spanned<String>,
    is_shared: &dyn Fn(&str) -> bool,
    report: &mut Reporter<'_>,
) -> Option<TypeExpr> {
    match TypeExpr::parse(&ty.value) {
        Ok(parsed) => {
            if let Some(name) = parsed.names().into_iter().find(|name| !is_shared(name)) {
                report.error(
                    ty,
                    format!(
                        "unresolved shared type `{name}`: types.yaml defines no type of that name"
                    ),
                );
                return None;
            }
            if let TypeExpr::Union(members) = &parsed
                && let Some(problem) = crate::union::problem(members)
            {
                report.error(ty, problem);
                return None;
            }
            Some(parsed)
        }
        Err(error) => {
            report.error(ty, error.to_string());
            None
        }
    }
}
