//! Checks the parsed YAML and builds the [`Schema`], collecting every problem.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use serde_saphyr::Spanned;

use crate::base::Base;
use crate::diagnostic::Diagnostic;
use crate::fields::check_fields;
use crate::members::{Members, resolve_type, rust_name_of};
use crate::model::{
    Action, BuiltInExtension, EnumValue, Reply, Schema, SharedType, SharedTypeKind,
};
use crate::naming::{is_pascal_case, is_snake_case, pascal_case};
use crate::params::check_params;
use crate::raw;
use crate::reporter::Reporter;
use crate::reserved::{RESERVED_CALL_METHODS, RESERVED_CLIENT_METHODS};
use crate::since::Since;
use crate::since_check::check_since;
use crate::source::{ParsedActions, ParsedTypes, SourceFile};
use crate::ty::TypeExpr;

/// The catch-all variant the generator adds to every enum.
pub const UNRECOGNIZED_VARIANT: &str = "Unrecognized";

/// Where a name was first defined, for "defined twice" messages.
fn location<T>(source: &SourceFile, at: &Spanned<T>) -> String {
    format!(
        "{}:{}:{}",
        source.path.display(),
        at.referenced.line(),
        at.referenced.column()
    )
}

pub(crate) fn validate(
    files: Vec<PathBuf>,
    types_files: &[ParsedTypes<'_>],
    action_files: &[ParsedActions<'_>],
    base: Option<&Base>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Schema {
    let shared_names = collect_type_names(types_files, base, diagnostics);
    let mut types = Vec::new();
    for parsed in types_files {
        let mut report = Reporter {
            source: parsed.source,
            diagnostics,
        };
        for def in &parsed.file.types {
            if let Some(shared) = check_type_def(def, &shared_names, &mut report) {
                types.push(shared);
            }
        }
    }
    let base_types = base.iter().flat_map(|base| &base.types);
    let shared: HashMap<&str, &SharedType> = base_types
        .chain(&types)
        .map(|ty| (ty.name.as_str(), ty))
        .collect();

    let mut actions = Vec::new();
    let mut wire_names: HashMap<String, String> = HashMap::new();
    let mut claimed_names: HashMap<String, String> = HashMap::new();
    let base_actions = base.iter().flat_map(|base| &base.actions);
    for action in base_actions.clone() {
        for method in &action.methods {
            let owner = format!("ncat-api's built-in action `{}`", action.wire_name);
            claimed_names.insert(method.clone(), owner);
        }
    }
    for parsed in action_files {
        let mut report = Reporter {
            source: parsed.source,
            diagnostics,
        };
        for raw_action in &parsed.file.actions {
            let wire = &raw_action.action;
            if let Some(built_in) = base_actions
                .clone()
                .find(|action| action.wire_name == wire.value)
            {
                let method = built_in.methods.first().map_or("", String::as_str);
                report.error(
                    wire,
                    format!(
                        "action `{}` is built into ncat-api (`Client::{method}`); remove it from the extension, or change the built-in schema instead",
                        wire.value
                    ),
                );
                continue;
            }
            if let Some(first) = wire_names.get(&wire.value) {
                report.error(
                    wire,
                    format!(
                        "duplicate action `{}`; first defined at {first}",
                        wire.value
                    ),
                );
                continue;
            }
            wire_names.insert(wire.value.clone(), location(parsed.source, wire));
            claim_names(raw_action, &shared, &mut claimed_names, &mut report);
            if let Some(action) = check_action(raw_action, &parsed.category, &shared, &mut report) {
                actions.push(action);
            }
        }
    }
    let mut extended = Vec::new();
    let mut extended_at = HashMap::new();
    for parsed in action_files {
        let mut report = Reporter {
            source: parsed.source,
            diagnostics,
        };
        for entry in &parsed.file.extend {
            let Some(extension) = crate::builtin_extension::check_extension(
                entry,
                base,
                &shared,
                &mut extended_at,
                &mut report,
            ) else {
                continue;
            };
            for (added, name) in [
                (
                    !extension.params.is_empty(),
                    BuiltInExtension::params_trait(&extension.action),
                ),
                (
                    !extension.reply_fields.is_empty(),
                    BuiltInExtension::fields_trait(&extension.action),
                ),
                (
                    !extension.reply_fields.is_empty(),
                    BuiltInExtension::reply_struct(&extension.action),
                ),
            ] {
                if !added {
                    continue;
                }
                if let Some(first) = claimed_names.get(&name) {
                    report.error(
                        &entry.action,
                        format!("name collision: generated type `{name}` is already generated for {first}"),
                    );
                } else if shared.contains_key(name.as_str()) {
                    report.error(
                        &entry.action,
                        format!("name collision: generated type `{name}` has the name of a type in types.yaml"),
                    );
                } else {
                    let owner = format!(
                        "`extend: {}` ({})",
                        entry.action.value,
                        location(parsed.source, &entry.action)
                    );
                    claimed_names.insert(name, owner);
                }
            }
            extended.push(extension);
        }
    }
    Schema {
        files,
        types,
        actions,
        segments: Vec::new(),
        events: None,
        extended,
        segment_hooks: Vec::new(),
    }
}

/// First pass over `types.yaml`: the set of names, so types may refer to
/// each other in any order.
fn collect_type_names(
    types_files: &[ParsedTypes<'_>],
    base: Option<&Base>,
    diagnostics: &mut Vec<Diagnostic>,
) -> HashMap<String, String> {
    // An extension may use the base's types by name, and not redefine them.
    let mut names: HashMap<String, String> = base
        .iter()
        .flat_map(|base| &base.types)
        .map(|ty| (ty.name.clone(), "ncat-api's built-in types.yaml".to_owned()))
        .collect();
    for parsed in types_files {
        let mut report = Reporter {
            source: parsed.source,
            diagnostics: &mut *diagnostics,
        };
        for def in &parsed.file.types {
            let name = &def.name;
            if !is_pascal_case(&name.value) {
                report.error(
                    name,
                    format!(
                        "invalid type name `{}`: shared types are PascalCase",
                        name.value
                    ),
                );
            } else if let Some(first) = names.get(&name.value) {
                report.error(
                    name,
                    format!("duplicate type `{}`; first defined at {first}", name.value),
                );
            } else {
                names.insert(name.value.clone(), location(parsed.source, name));
            }
        }
    }
    names
}

fn check_type_def(
    def: &raw::TypeDef,
    shared_names: &HashMap<String, String>,
    report: &mut Reporter<'_>,
) -> Option<SharedType> {
    let kind = match (&def.fields, &def.values) {
        (Some(fields), None) => SharedTypeKind::Struct(check_fields(
            fields,
            &|name| shared_names.contains_key(name),
            None,
            report,
        )?),
        (None, Some(values)) => SharedTypeKind::Enum(check_enum_values(values, report)?),
        _ => {
            report.error(
                &def.name,
                format!(
                    "type `{}` needs exactly one of `fields` (a struct) or `enum` (a string enum)",
                    def.name.value
                ),
            );
            return None;
        }
    };
    Some(SharedType {
        name: def.name.value.clone(),
        doc: def.doc.clone(),
        kind,
    })
}

fn check_enum_values(
    values: &[raw::EnumValue],
    report: &mut Reporter<'_>,
) -> Option<Vec<EnumValue>> {
    let mut checked = Vec::with_capacity(values.len());
    let mut ok = !values.is_empty();
    let mut seen_wire = HashSet::new();
    let mut seen_rust = HashSet::new();
    for value in values {
        let (rust_name, name_at) = match &value.rust_name {
            Some(rust_name) => (rust_name.value.clone(), rust_name),
            None => (pascal_case(&value.value.value), &value.value),
        };
        if !seen_wire.insert(&value.value.value) {
            report.error(
                &value.value,
                format!("duplicate enum value `{}`", value.value.value),
            );
            ok = false;
        } else if rust_name == UNRECOGNIZED_VARIANT {
            report.error(
                name_at,
                format!("name collision: `{UNRECOGNIZED_VARIANT}` is the variant every enum gets for values ncat does not know; add a different `rust_name`"),
            );
            ok = false;
        } else if !is_pascal_case(&rust_name) {
            report.error(
                name_at,
                format!("invalid variant name `{rust_name}`: add a PascalCase `rust_name`"),
            );
            ok = false;
        } else if !seen_rust.insert(rust_name.clone()) {
            report.error(
                name_at,
                format!("variant name `{rust_name}` is used twice in this enum; add a `rust_name`"),
            );
            ok = false;
        }
        checked.push(EnumValue {
            wire_value: value.value.value.clone(),
            rust_name,
            doc: value.doc.clone(),
        });
    }
    ok.then_some(checked)
}

fn check_action(
    raw_action: &raw::Action,
    category: &str,
    shared: &HashMap<&str, &SharedType>,
    report: &mut Reporter<'_>,
) -> Option<Action> {
    let rust_name = rust_name_of(
        &raw_action.action,
        raw_action.rust_name.as_ref(),
        "action",
        report,
    );
    let since = check_since(raw_action.since.as_ref(), None, report);
    let parent = since.unwrap_or_default();
    let mut members = Members::new("parameter", RESERVED_CALL_METHODS);
    let params = check_params(&raw_action.params, &mut members, shared, parent, report);
    let variants = crate::variants::check_variants(raw_action, &members, shared, parent, report);
    let groups = crate::variants::check_groups(&raw_action.groups, &raw_action.params, report);
    let reply = check_reply(raw_action.reply.as_ref(), shared, parent, report);
    let reply_example = check_example(raw_action.reply.as_ref(), reply.as_ref(), shared, report);
    let mut aliases_ok = true;
    for alias in &raw_action.aliases {
        if !is_snake_case(&alias.value) {
            report.error(
                alias,
                format!("invalid identifier: alias `{}` must be a snake_case identifier and not a keyword", alias.value),
            );
            aliases_ok = false;
        }
    }
    Some(Action {
        wire_name: raw_action.action.value.clone(),
        rust_name: rust_name?,
        category: category.to_owned(),
        summary_zh: raw_action.summary.zh.clone(),
        summary_en: raw_action.summary.en.clone(),
        description: raw_action.description.clone(),
        params: params?,
        reply: reply?,
        aliases: aliases_ok.then(|| {
            raw_action
                .aliases
                .iter()
                .map(|alias| alias.value.clone())
                .collect()
        })?,
        deprecated: raw_action.deprecated.clone(),
        since: since.ok()?,
        variants: variants?,
        groups: groups?,
        variant_of: None,
        reply_example: reply_example?,
    })
}

/// The reply's `example:`, checked against the reply's type. `None` when it
/// does not fit (reported), or the reply itself did not check.
fn check_example(
    raw_reply: Option<&Spanned<raw::Reply>>,
    reply: Option<&Reply>,
    shared: &HashMap<&str, &SharedType>,
    report: &mut Reporter<'_>,
) -> Option<Option<serde_json::Value>> {
    let Some(example) = raw_reply.and_then(|raw_reply| raw_reply.value.example.as_ref()) else {
        return Some(None);
    };
    if let Err(problem) = crate::example::check_reply_example(&example.value, reply?, shared) {
        report.error(
            example,
            format!("the reply's `example` does not fit its type: {problem}"),
        );
        return None;
    }
    Some(Some(example.value.clone()))
}

fn check_reply(
    reply: Option<&Spanned<raw::Reply>>,
    shared: &HashMap<&str, &SharedType>,
    action_since: Option<Since>,
    report: &mut Reporter<'_>,
) -> Option<Reply> {
    let Some(reply) = reply else {
        return Some(Reply::Nothing);
    };
    let doc = reply.value.doc.clone();
    let is_shared = |name: &str| shared.contains_key(name);
    let optional = reply.value.optional;
    if optional && reply.value.ty.is_none() {
        report.error(
            reply,
            "`optional: true` goes with `reply.type` only: inline `fields` can each be optional, and a stream always has frames".into(),
        );
        return None;
    }
    match (&reply.value.ty, &reply.value.fields, &reply.value.frames) {
        (Some(ty), None, None) => match resolve_type(ty, &is_shared, report)? {
            TypeExpr::Union(_) => {
                report.error(
                    ty,
                    "union types are for parameters; a reply NapCat sends in several forms is `json`".into(),
                );
                None
            }
            ty => Some(Reply::Type { ty, doc, optional }),
        },
        (None, Some(fields), None) => check_fields(fields, &is_shared, action_since, report)
            .map(|fields| Reply::Fields { fields, doc }),
        (None, None, Some(frames)) => {
            resolve_type(frames, &is_shared, report).map(|ty| Reply::Frames { ty, doc })
        }
        _ => {
            report.error(
                reply,
                "`reply` needs exactly one of `type`, `fields` or `frames` (omit `reply` when NapCat sends no data)".into(),
            );
            None
        }
    }
}

/// Claims the client method names and generated type names of an action,
/// reporting any that another action, alias or shared type already has.
/// Runs even when the action has other problems, so all of them show at once.
fn claim_names(
    raw_action: &raw::Action,
    shared: &HashMap<&str, &SharedType>,
    claimed: &mut HashMap<String, String>,
    report: &mut Reporter<'_>,
) {
    let name_at = raw_action.rust_name.as_ref().unwrap_or(&raw_action.action);
    let mut claim = |name: &str, what: &str, at: &Spanned<String>, report: &mut Reporter<'_>| {
        if let Some(first) = claimed.get(name) {
            report.error(
                at,
                format!("name collision: {what} `{name}` is already generated for {first}"),
            );
            false
        } else {
            let owner = format!(
                "`{}` ({})",
                raw_action.action.value,
                location(report.source, at)
            );
            claimed.insert(name.to_owned(), owner);
            true
        }
    };
    // An invalid name is reported by `check_action`; only valid ones are claimed.
    let method = Some(&name_at.value).filter(|name| is_snake_case(name));
    // An action with variants has one method per form instead of its own.
    let has_variants = !raw_action.variants.is_empty();
    let method_claimed =
        method.is_some_and(|name| has_variants || claim(name, "client method", name_at, report));
    let variant_methods = method
        .map(|method| crate::variants::method_names(raw_action, method))
        .unwrap_or_default();
    let extra_methods = raw_action
        .aliases
        .iter()
        .map(|alias| (alias.value.clone(), alias));
    for (name, at) in extra_methods
        .chain(variant_methods)
        .filter(|(name, _)| is_snake_case(name))
    {
        let alias = Spanned {
            value: name,
            referenced: at.referenced,
            defined: at.defined,
        };
        let alias = &alias;
        if RESERVED_CLIENT_METHODS.contains(&alias.value.as_str()) {
            report.error(
                alias,
                format!(
                    "name collision: `{}` would shadow `Client::{0}`",
                    alias.value
                ),
            );
        } else {
            claim(&alias.value, "client method", alias, report);
        }
    }
    let Some(method) = method.filter(|_| method_claimed) else {
        return;
    };
    if !has_variants && RESERVED_CLIENT_METHODS.contains(&method.as_str()) {
        report.error(
            name_at,
            format!("name collision: `{method}` would shadow `Client::{method}`"),
        );
    }
    let stem = pascal_case(method);
    let inline_reply = raw_action
        .reply
        .as_ref()
        .is_some_and(|reply| reply.value.fields.is_some());
    let mut type_names = Vec::new();
    if !has_variants {
        type_names.push(format!("{stem}Request"));
    }
    if inline_reply {
        type_names.push(format!("{stem}Reply"));
    }
    type_names.extend(crate::variants::generated_type_names(raw_action, method));
    for type_name in type_names {
        if shared.contains_key(type_name.as_str()) {
            report.error(
                name_at,
                format!("name collision: generated type `{type_name}` has the name of a type in types.yaml"),
            );
        } else {
            claim(&type_name, "generated type", name_at, report);
        }
    }
}
