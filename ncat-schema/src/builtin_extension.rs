//! `extend:` entries of an extension schema: parameters and reply fields a
//! bot adds to one of ncat-api's built-in actions.

use std::collections::HashMap;

use serde_saphyr::Spanned;

use crate::base::Base;
use crate::members::Members;
use crate::model::{Action, BuiltInExtension, Field, Reply, SharedType, SharedTypeKind};
use crate::params::check_params;
use crate::raw;
use crate::reporter::Reporter;
use crate::reserved::RESERVED_CALL_METHODS;
use crate::ty::TypeExpr;

/// Checks one `extend:` entry against the built-in action it names.
pub(crate) fn check_extension(
    entry: &raw::BuiltInExtension,
    base: Option<&Base>,
    shared: &HashMap<&str, &SharedType>,
    seen: &mut HashMap<String, String>,
    report: &mut Reporter<'_>,
) -> Option<BuiltInExtension> {
    let wire = &entry.action;
    let Some(base) = base else {
        report.error(
            wire,
            "`extend:` adds to ncat-api's built-in actions from a bot's own schema (`ncat_api::extend!`); here, edit the action itself".into(),
        );
        return None;
    };
    let Some(built_in) = base.action(&wire.value) else {
        report.error(
            wire,
            format!(
                "`{}` is not one of ncat-api's actions, so there is nothing to extend; describe it under `actions:`",
                wire.value
            ),
        );
        return None;
    };
    let here = format!(
        "{}:{}:{}",
        report.source.path.display(),
        wire.referenced.line(),
        wire.referenced.column()
    );
    if let Some(first) = seen.insert(wire.value.clone(), here) {
        report.error(
            wire,
            format!("`{}` is extended twice; first at {first}", wire.value),
        );
        return None;
    }
    if matches!(built_in.reply, Reply::Frames { .. }) {
        report.error(
            wire,
            format!(
                "`{}` is a stream action; only ordinary calls can be extended",
                wire.value
            ),
        );
        return None;
    }
    let params = check_added_params(entry, built_in, shared, report);
    let reply_fields = check_added_fields(entry, built_in, shared, report);
    Some(BuiltInExtension {
        action: built_in.clone(),
        params: params?,
        reply_fields: reply_fields?,
    })
}

/// The parameters added: optional, of a type without a union, and named
/// like no parameter or setter the built-in action has.
fn check_added_params(
    entry: &raw::BuiltInExtension,
    built_in: &Action,
    shared: &HashMap<&str, &SharedType>,
    report: &mut Reporter<'_>,
) -> Option<Vec<crate::model::Param>> {
    let built_in_params = built_in.merged_params();
    let mut ok = true;
    for param in &entry.params {
        let name_at = param.rust_name.as_ref().unwrap_or(&param.name);
        let rust_name = param
            .rust_name
            .as_ref()
            .map_or(&param.name.value, |name| &name.value);
        if let Some(existing) = built_in_params.iter().find(|existing| {
            existing.wire_name == param.name.value || existing.rust_name == *rust_name
        }) {
            let how = if existing.required {
                format!("an argument of `Client::{}`", built_in.rust_name)
            } else {
                format!("set with `.{}(…)`", existing.rust_name)
            };
            let at = if existing.wire_name == param.name.value {
                &param.name
            } else {
                name_at
            };
            report.error(
                at,
                format!(
                    "parameter `{}` of `{}` is built into ncat-api ({how}); remove it from the extension",
                    existing.wire_name, built_in.wire_name
                ),
            );
            ok = false;
        } else if param.required {
            report.error(
                &param.name,
                format!(
                    "a parameter added to a built-in action is a setter; `{}` cannot be `required`",
                    param.name.value
                ),
            );
            ok = false;
        }
    }
    let mut members = Members::new("parameter", RESERVED_CALL_METHODS);
    let params = check_params(&entry.params, &mut members, shared, built_in.since, report)?;
    for (raw, param) in entry.params.iter().zip(&params) {
        if let TypeExpr::Union(_) = param.ty {
            report.error(
                &raw.ty,
                "a parameter added to a built-in action takes one type, not a union".into(),
            );
            ok = false;
        }
    }
    ok.then_some(params)
}

/// The reply fields added: only to a reply that is an object, and named like
/// no field it has.
fn check_added_fields(
    entry: &raw::BuiltInExtension,
    built_in: &Action,
    shared: &HashMap<&str, &SharedType>,
    report: &mut Reporter<'_>,
) -> Option<Vec<Field>> {
    let Some(reply) = &entry.reply else {
        return Some(Vec::new());
    };
    let Some(existing) = reply_fields(&built_in.reply, shared) else {
        report.error(
            reply,
            format!(
                "the reply of `{}` is not an object, so it takes no fields",
                built_in.wire_name
            ),
        );
        return None;
    };
    let mut ok = true;
    for field in &reply.value.fields {
        if let Some(taken) = existing
            .iter()
            .find(|taken| taken.wire_name == field.name.value)
        {
            report.error(
                &field.name,
                format!(
                    "field `{}` of `{}`'s reply is built into ncat-api (`.{}`); remove it from the extension",
                    field.name.value, built_in.wire_name, taken.rust_name
                ),
            );
            ok = false;
        }
    }
    let is_shared = |name: &str| shared.contains_key(name);
    let fields =
        crate::fields::check_fields(&reply.value.fields, &is_shared, built_in.since, report)?;
    for (raw, field) in reply.value.fields.iter().zip(&fields) {
        if existing
            .iter()
            .any(|taken| taken.rust_name == field.rust_name)
            && !existing
                .iter()
                .any(|taken| taken.wire_name == raw.name.value)
        {
            let at: &Spanned<String> = raw.rust_name.as_ref().unwrap_or(&raw.name);
            report.error(
                at,
                format!(
                    "name collision: `{}`'s reply already has a field `{}`; add a different `rust_name`",
                    built_in.wire_name, field.rust_name
                ),
            );
            ok = false;
        }
    }
    ok.then_some(fields)
}

/// The fields of a reply that is an object: inline, or a shared struct.
pub(crate) fn reply_fields<'a>(
    reply: &'a Reply,
    shared: &HashMap<&str, &'a SharedType>,
) -> Option<&'a [Field]> {
    match reply {
        Reply::Fields { fields, .. } => Some(fields),
        Reply::Type {
            ty: TypeExpr::Named(name),
            ..
        } => match &shared.get(name.as_str())?.kind {
            SharedTypeKind::Struct(fields) => Some(fields),
            SharedTypeKind::Enum(_) => None,
        },
        _ => None,
    }
}
