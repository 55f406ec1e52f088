//! Checking the `since` of an action, parameter or field.

use serde_saphyr::Spanned;

use crate::reporter::Reporter;
use crate::since::Since;

/// Reads a `since`: a real release, and for a parameter or field
/// (`action_since` is its action's) not older than its action, which it
/// cannot predate. `Err` when a problem was reported.
pub(crate) fn check_since(
    since: Option<&Spanned<String>>,
    action_since: Option<Since>,
    report: &mut Reporter<'_>,
) -> Result<Option<Since>, ()> {
    let Some(text) = since else {
        return Ok(None);
    };
    let Some(parsed) = Since::parse(&text.value) else {
        report.error(
            text,
            format!(
                "invalid `since` `{}`: expected a NapCat release such as \"4.17.20\", or \"<=4.12.0\" for 4.12.0 or older",
                text.value
            ),
        );
        return Err(());
    };
    match action_since {
        Some(action) if parsed.version() < action.version() => {
            report.error(
                text,
                format!("`since` {parsed} is older than the action's `since` {action}: a parameter or field cannot predate its action"),
            );
            Err(())
        }
        _ => Ok(Some(parsed)),
    }
}
