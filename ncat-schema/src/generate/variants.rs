//! Actions with request variants: one request type and client method per
//! form, so only the parameter sets NapCat accepts can be built.

use crate::model::Action;

/// One-form views of an action with variants: the shared parameters plus
/// the form's own, the form's method name, and docs saying which form it is
/// and where the others are. Everything else (wire name, reply, groups) is
/// the action's.
///
/// `method_link` gives the rustdoc link target of a client method.
pub(super) fn views(action: &Action, method_link: &dyn Fn(&str) -> String) -> Vec<Action> {
    action
        .variants
        .iter()
        .map(|variant| {
            let others: Vec<String> = action
                .variants
                .iter()
                .filter(|other| other.name != variant.name)
                .map(|other| {
                    format!(
                        "[`Client::{0}`]({1}) (`{2}`)",
                        other.rust_name,
                        method_link(&other.rust_name),
                        other.name
                    )
                })
                .collect();
            let mut description = format!(
                "The `{}` form of NapCat's `{}` action; the other form{}: {}.",
                variant.name,
                action.wire_name,
                if others.len() == 1 { " is" } else { "s are" },
                others.join(", ")
            );
            for extra in [&variant.doc, &action.description].into_iter().flatten() {
                description.push_str("\n\n");
                description.push_str(extra);
            }
            Action {
                rust_name: variant.rust_name.clone(),
                description: Some(description),
                params: action
                    .params
                    .iter()
                    .chain(&variant.params)
                    .cloned()
                    .collect(),
                variants: Vec::new(),
                variant_of: Some(action.rust_name.clone()),
                ..action.clone()
            }
        })
        .collect()
}
