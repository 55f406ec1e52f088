//! Checking request variants (alternative parameter sets of one action) and
//! parameter groups ("exactly one of", "at least one of").

use std::collections::{HashMap, HashSet};

use serde_saphyr::Spanned;

use crate::members::Members;
use crate::model::{GroupKind, ParamGroup, SharedType, Variant};
use crate::naming::{is_snake_case, pascal_case};
use crate::params::check_params;
use crate::raw;
use crate::reporter::Reporter;
use crate::since::Since;
use crate::ty::TypeExpr;

/// The variants of an action, each checked against the shared parameters
/// (`members` holds their names, so a variant cannot repeat one).
pub(crate) fn check_variants(
    raw_action: &raw::Action,
    members: &Members<'_>,
    shared: &HashMap<&str, &SharedType>,
    action_since: Option<Since>,
    report: &mut Reporter<'_>,
) -> Option<Vec<Variant>> {
    let variants = &raw_action.variants;
    if variants.is_empty() {
        return Some(Vec::new());
    }
    let mut ok = true;
    if variants.len() == 1 {
        report.error(
            &variants[0],
            "an action with `variants` needs at least two; put a single form's parameters in `params`".into(),
        );
        ok = false;
    }
    if let Some(alias) = raw_action.aliases.first() {
        report.error(
            alias,
            "`aliases` and `variants` do not mix: each variant is its own method; name it with the variant's `rust_name`".into(),
        );
        ok = false;
    }
    let mut names = HashSet::new();
    let mut checked = Vec::with_capacity(variants.len());
    for variant in variants {
        let name = &variant.value.name;
        if !is_snake_case(&name.value) {
            report.error(
                name,
                format!(
                    "invalid variant name `{}`: variant names are snake_case",
                    name.value
                ),
            );
            ok = false;
            continue;
        }
        if !names.insert(name.value.as_str()) {
            report.error(name, format!("duplicate variant `{}`", name.value));
            ok = false;
            continue;
        }
        if let Some(rust_name) = &variant.value.rust_name
            && !is_snake_case(&rust_name.value)
        {
            report.error(
                rust_name,
                format!("invalid identifier `{}`: a variant `rust_name` must be a snake_case identifier and not a keyword", rust_name.value),
            );
            ok = false;
            continue;
        }
        let mut own_members = members.clone();
        let params = check_params(
            &variant.value.params,
            &mut own_members,
            shared,
            action_since,
            report,
        );
        let (Some(params), Some(method)) = (params, variant_method(raw_action, &variant.value))
        else {
            ok = false;
            continue;
        };
        checked.push(Variant {
            name: name.value.clone(),
            rust_name: method,
            doc: variant.value.doc.clone(),
            params,
        });
    }
    ok.then_some(checked)
}

/// The method of one variant: its `rust_name`, or `<action>_<variant>`.
fn variant_method(raw_action: &raw::Action, variant: &raw::Variant) -> Option<String> {
    if let Some(rust_name) = &variant.rust_name {
        return Some(rust_name.value.clone());
    }
    let action = raw_action.rust_name.as_ref().unwrap_or(&raw_action.action);
    is_snake_case(&action.value).then(|| format!("{}_{}", action.value, variant.name.value))
}

/// The client methods the variants of an action add, with where each is
/// named, for the name-collision check.
pub(crate) fn method_names<'a>(
    raw_action: &'a raw::Action,
    action_method: &str,
) -> Vec<(String, &'a Spanned<String>)> {
    raw_action
        .variants
        .iter()
        .map(|variant| {
            let variant = &variant.value;
            match &variant.rust_name {
                Some(rust_name) => (rust_name.value.clone(), rust_name),
                None => (
                    format!("{action_method}_{}", variant.name.value),
                    &variant.name,
                ),
            }
        })
        .collect()
}

/// The types an action generates besides its request and reply: one
/// request per variant, and one enum per union parameter.
pub(crate) fn generated_type_names(raw_action: &raw::Action, action_method: &str) -> Vec<String> {
    let requests = method_names(raw_action, action_method)
        .into_iter()
        .map(|(method, _)| format!("{}Request", pascal_case(&method)));
    let every_param = raw_action.params.iter().chain(
        raw_action
            .variants
            .iter()
            .flat_map(|variant| &variant.value.params),
    );
    let unions = every_param
        .filter(|param| matches!(TypeExpr::parse(&param.ty.value), Ok(TypeExpr::Union(_))))
        .map(|param| {
            let name = param.rust_name.as_ref().unwrap_or(&param.name);
            crate::union::enum_name(action_method, &name.value)
        });
    requests.chain(unions).collect()
}

/// The groups of an action, over its (shared) optional parameters; checked
/// against the parameters as written, so they are reported even when a
/// parameter has another problem.
pub(crate) fn check_groups(
    groups: &[Spanned<raw::Group>],
    params: &[raw::Param],
    report: &mut Reporter<'_>,
) -> Option<Vec<ParamGroup>> {
    let mut ok = true;
    let mut checked = Vec::with_capacity(groups.len());
    for group in groups {
        let (kind, members) = match (&group.value.exactly_one_of, &group.value.at_least_one_of) {
            (Some(members), None) => (GroupKind::ExactlyOne, members),
            (None, Some(members)) => (GroupKind::AtLeastOne, members),
            _ => {
                report.error(
                    group,
                    "a group needs exactly one of `exactly_one_of` or `at_least_one_of`".into(),
                );
                ok = false;
                continue;
            }
        };
        if members.len() < 2 {
            report.error(
                group,
                format!("`{}` needs at least two parameters", kind.key()),
            );
            ok = false;
            continue;
        }
        let mut seen = HashSet::new();
        for member in members {
            let problem = match params.iter().find(|param| param.name.value == member.value) {
                _ if !seen.insert(member.value.as_str()) => Some("is listed twice"),
                None => Some("is not a shared parameter of this action"),
                Some(param) if param.required => {
                    Some("is required, so it is always set; groups are over optional parameters")
                }
                Some(_) => None,
            };
            if let Some(problem) = problem {
                report.error(
                    member,
                    format!("`{}` in `{}` {problem}", member.value, kind.key()),
                );
                ok = false;
            }
        }
        checked.push(ParamGroup {
            kind,
            params: members.iter().map(|member| member.value.clone()).collect(),
        });
    }
    ok.then_some(checked)
}
