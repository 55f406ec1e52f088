//! Checking the parameters of an action or of one of its variants.

use std::collections::HashMap;

use crate::default::check_default;
use crate::members::Members;
use crate::model::{Param, SharedType};
use crate::raw;
use crate::reporter::Reporter;
use crate::since::Since;
use crate::since_check::check_since;

/// Checks parameters against the names `members` already holds (none, or
/// the shared parameters when checking a variant's own).
pub(crate) fn check_params<'a>(
    params: &'a [raw::Param],
    members: &mut Members<'a>,
    shared: &HashMap<&str, &SharedType>,
    action_since: Option<Since>,
    report: &mut Reporter<'_>,
) -> Option<Vec<Param>> {
    let mut checked = Vec::with_capacity(params.len());
    let mut defaults_ok = true;
    for param in params {
        let is_shared = |name: &str| shared.contains_key(name);
        let member = members.check(
            &param.name,
            param.rust_name.as_ref(),
            &param.ty,
            &is_shared,
            report,
        );
        let since = check_since(param.since.as_ref(), action_since, report);
        let (Some((rust_name, ty)), Ok(since)) = (member, since) else {
            continue;
        };
        if let Some(default) = &param.default {
            if param.required {
                report.error(
                    default,
                    format!("required parameter `{}` cannot have a default; NapCat's \"required but defaulted\" parameters are written as optional with a `default`", param.name.value),
                );
                defaults_ok = false;
            } else if let Err(problem) = check_default(&default.value, &ty, shared) {
                report.error(
                    default,
                    format!(
                        "default of the wrong type for `{}` (`{ty}`): {problem}",
                        param.name.value
                    ),
                );
                defaults_ok = false;
            }
        }
        checked.push(Param {
            wire_name: param.name.value.clone(),
            rust_name,
            ty,
            required: param.required,
            default: param.default.as_ref().map(|default| default.value.clone()),
            doc: param.doc.clone(),
            since,
        });
    }
    (defaults_ok && checked.len() == params.len()).then_some(checked)
}
