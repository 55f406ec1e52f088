//! Flag values of `ncat call`: the parsers that turn a flag's text into its
//! request field's type, and the readers the generated code uses to take the
//! parsed values out of `ArgMatches`, with their type inferred from the
//! request field they initialize.

use std::convert::Infallible;

use clap::ArgMatches;
use clap::builder::{PossibleValuesParser, TypedValueParser, ValueParser};
use ncat_api::Message;
use serde::de::DeserializeOwned;

use crate::failure::Failure;

/// A `Message`: a JSON segment array (or one segment object) when the text
/// is one, otherwise CQ code, of which plain text is a special case.
pub fn message() -> ValueParser {
    ValueParser::new(|text: &str| Ok::<_, Infallible>(parse_message(text)))
}

fn parse_message(text: &str) -> Message {
    // `[CQ:face,id=14]` starts like JSON too; it is not JSON, so it falls through.
    let json = text
        .trim_start()
        .starts_with(['[', '{'])
        .then(|| serde_json::from_str(text).ok())
        .flatten();
    json.unwrap_or_else(|| Message::from_cq(text))
}

/// Any value written as JSON: `json` parameters and `types.yaml` structs.
pub fn json<T: DeserializeOwned + Clone + Send + Sync + 'static>() -> ValueParser {
    ValueParser::new(|text: &str| serde_json::from_str::<T>(text))
}

/// A string enum from `types.yaml`: one of its wire `values` (listed as the
/// flag's possible values), decoded as NapCat's reply would be.
pub fn choice<T: DeserializeOwned + Clone + Send + Sync + 'static>(
    values: &'static [&'static str],
) -> ValueParser {
    let parser = PossibleValuesParser::new(values.iter().copied())
        .try_map(|wire| serde_json::from_value::<T>(serde_json::Value::String(wire)));
    ValueParser::new(parser)
}

/// A required flag's value (clap has already checked it is there).
pub fn required<T: Clone + Send + Sync + 'static>(
    matches: &ArgMatches,
    id: &str,
) -> Result<T, Failure> {
    optional(matches, id)?.ok_or_else(|| Failure::internal(format!("flag `{id}` has no value")))
}

/// An optional flag's value; `None` leaves the parameter out of the request.
pub fn optional<T: Clone + Send + Sync + 'static>(
    matches: &ArgMatches,
    id: &str,
) -> Result<Option<T>, Failure> {
    matches
        .try_get_one::<T>(id)
        .map(|value| value.cloned())
        .map_err(|error| Failure::internal(format!("flag `{id}`: {error}")))
}

/// A required list flag's items, from every occurrence.
pub fn list<T: Clone + Send + Sync + 'static>(
    matches: &ArgMatches,
    id: &str,
) -> Result<Vec<T>, Failure> {
    Ok(optional_list(matches, id)?.unwrap_or_default())
}

/// An optional list flag's items; `None` when the flag was not given.
pub fn optional_list<T: Clone + Send + Sync + 'static>(
    matches: &ArgMatches,
    id: &str,
) -> Result<Option<Vec<T>>, Failure> {
    matches
        .try_get_many::<T>(id)
        .map(|values| values.map(|values| values.cloned().collect()))
        .map_err(|error| Failure::internal(format!("flag `{id}`: {error}")))
}

/// A `T | list<T>` union flag: one value is a `T`, several a list; `None`
/// when the flag was not given.
pub fn one_or_many<T, U>(matches: &ArgMatches, id: &str) -> Result<Option<U>, Failure>
where
    T: Clone + Send + Sync + 'static,
    U: From<T> + From<Vec<T>>,
{
    Ok(optional_list::<T>(matches, id)?.map(|mut values| {
        if values.len() == 1 {
            values.remove(0).into()
        } else {
            values.into()
        }
    }))
}

/// A required `T | list<T>` union flag.
pub fn required_one_or_many<T, U>(matches: &ArgMatches, id: &str) -> Result<U, Failure>
where
    T: Clone + Send + Sync + 'static,
    U: From<T> + From<Vec<T>>,
{
    one_or_many::<T, U>(matches, id)?
        .ok_or_else(|| Failure::internal(format!("flag `{id}` has no value")))
}
