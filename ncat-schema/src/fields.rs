//! Checking the fields of a reply or of a shared struct.

use crate::members::Members;
use crate::model::Field;
use crate::raw;
use crate::reporter::Reporter;
use crate::since::Since;
use crate::since_check::check_since;
use crate::ty::TypeExpr;

/// The fields of a reply (`action_since`: its action's) or of a shared struct.
pub(crate) fn check_fields(
    fields: &[raw::Field],
    is_shared: &dyn Fn(&str) -> bool,
    action_since: Option<Since>,
    report: &mut Reporter<'_>,
) -> Option<Vec<Field>> {
    let mut members = Members::new("field", &[]);
    let mut checked = Vec::with_capacity(fields.len());
    for field in fields {
        let member = members.check(
            &field.name,
            field.rust_name.as_ref(),
            &field.ty,
            is_shared,
            report,
        );
        let since = check_since(field.since.as_ref(), action_since, report);
        if let Some((_, TypeExpr::Union(_))) = member {
            report.error(
                &field.ty,
                "union types are for parameters; a field NapCat sends in several forms is `json`"
                    .into(),
            );
        } else if let (Some((rust_name, ty)), Ok(since)) = (member, since) {
            checked.push(Field {
                wire_name: field.name.value.clone(),
                rust_name,
                ty,
                optional: field.optional,
                doc: field.doc.clone(),
                since,
            });
        }
    }
    (checked.len() == fields.len()).then_some(checked)
}
