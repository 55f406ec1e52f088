//! Rules over a few optional parameters ("exactly one of", "at least one
//! of"), checked before a request is sent.

use std::fmt;

/// The rule of a parameter group (`exactly_one_of` / `at_least_one_of` in
/// the schema).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamRule {
    /// Exactly one must be set: NapCat needs one and silently ignores the
    /// others, so a second one is a mistake.
    ExactlyOne,
    /// At least one must be set.
    AtLeastOne,
}

/// A request breaks a parameter rule of its action, so it was not sent.
///
/// Returned inside [`Error::InvalidParams`](crate::Error::InvalidParams)
/// before anything reaches NapCat; see
/// [`Action::check_params`](crate::Action::check_params).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ParamGroupError {
    /// The action's wire name.
    pub action: &'static str,
    /// The rule broken.
    pub rule: ParamRule,
    /// The parameters of the group (wire names).
    pub params: &'static [&'static str],
    /// Those that were set.
    pub given: Vec<&'static str>,
}

impl ParamGroupError {
    /// Checks `rule` given whether each of `params` is `set` (same order).
    /// Used by the generated `check_params`.
    pub fn check(
        action: &'static str,
        rule: ParamRule,
        params: &'static [&'static str],
        set: &[bool],
    ) -> Result<(), Self> {
        let given: Vec<&'static str> = params
            .iter()
            .zip(set)
            .filter(|(_, set)| **set)
            .map(|(param, _)| *param)
            .collect();
        let ok = match rule {
            ParamRule::ExactlyOne => given.len() == 1,
            ParamRule::AtLeastOne => !given.is_empty(),
        };
        if ok {
            Ok(())
        } else {
            Err(ParamGroupError {
                action,
                rule,
                params,
                given,
            })
        }
    }
}

impl fmt::Display for ParamGroupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = |names: &[&str]| {
            names
                .iter()
                .map(|name| format!("`{name}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let rule = match self.rule {
            ParamRule::ExactlyOne => "exactly one",
            ParamRule::AtLeastOne => "at least one",
        };
        write!(
            f,
            "`{}` needs {rule} of {}, ",
            self.action,
            list(self.params)
        )?;
        if self.given.is_empty() {
            f.write_str("but none was set")
        } else {
            write!(f, "but {} were set", list(&self.given))
        }
    }
}

impl std::error::Error for ParamGroupError {}

#[cfg(test)]
mod tests {
    use super::*;

    const PARAMS: &[&str] = &["file", "file_id"];

    #[test]
    fn exactly_one_rejects_none_and_two() {
        assert!(
            ParamGroupError::check("get_image", ParamRule::ExactlyOne, PARAMS, &[false, true])
                .is_ok()
        );
        let none =
            ParamGroupError::check("get_image", ParamRule::ExactlyOne, PARAMS, &[false, false]);
        assert_eq!(
            none.map_err(|error| error.to_string()),
            Err("`get_image` needs exactly one of `file`, `file_id`, but none was set".into())
        );
        let both =
            ParamGroupError::check("get_image", ParamRule::ExactlyOne, PARAMS, &[true, true]);
        assert_eq!(
            both.map_err(|error| error.to_string()),
            Err("`get_image` needs exactly one of `file`, `file_id`, but `file`, `file_id` were set".into())
        );
    }

    #[test]
    fn at_least_one_accepts_several() {
        assert!(ParamGroupError::check("x", ParamRule::AtLeastOne, PARAMS, &[true, true]).is_ok());
        assert!(
            ParamGroupError::check("x", ParamRule::AtLeastOne, PARAMS, &[false, false]).is_err()
        );
    }
}
