//! What the segment kinds a bot adds with [`extend!`](crate::extend) are
//! made of: their data types are written by the same generator as ncat's
//! own (`schema/segments.yaml`), and read and written with the same serde
//! helpers, re-exported here because they are private to this module's
//! parent. Reached as `ncat_api::extension::__segment`; not part of the
//! public API, except [`SegmentDataError`] (`ncat_api::extension::SegmentDataError`).

use std::fmt;

use serde::de::{DeserializeOwned, Deserializer};
use serde::{Serialize, Serializer};

use super::extra::Extra;
use super::{ReceivedSegment, Segment, wire};

/// A received segment of one of the bot's own kinds whose `data` does not
/// fit the kind's type (returned by the generated
/// `ExtensionSegment::from_segment`).
#[derive(Debug, thiserror::Error)]
#[error("a received `{kind}` segment does not fit its type: {source}")]
pub struct SegmentDataError {
    kind: String,
    #[source]
    source: serde_json::Error,
}

impl SegmentDataError {
    /// The segment's kind (its `type`).
    pub fn kind(&self) -> &str {
        &self.kind
    }
}

/// Decodes a segment's `data` into a kind's type; `null` (no `data`) reads
/// as `{}`, as for ncat's own kinds. The caller fills the type's `extra`
/// ([`extra`]).
pub fn decode<T: DeserializeOwned>(
    kind: &str,
    data: &serde_json::Value,
) -> Result<T, SegmentDataError> {
    let decoded = match data {
        serde_json::Value::Null => T::deserialize(&serde_json::Value::Object(Default::default())),
        data => T::deserialize(data),
    };
    decoded.map_err(|source| SegmentDataError {
        kind: kind.to_owned(),
        source,
    })
}

/// The keys of `data` that none of `keys` is: nothing (and no copy) in the
/// usual case where the type has a field for every key.
pub fn extra(data: &serde_json::Value, keys: &[&str]) -> Extra {
    match data {
        serde_json::Value::Object(map) if map.keys().any(|key| !keys.contains(&key.as_str())) => {
            Extra::unknown_keys(data.clone(), keys)
        }
        _ => Extra::default(),
    }
}

/// The kind and `data` of a segment ncat does not model; `None` for its
/// own kinds.
pub fn unknown(segment: &ReceivedSegment) -> Option<(&str, &serde_json::Value)> {
    match segment {
        ReceivedSegment::Unknown { kind, data } => Some((kind, data)),
        _ => None,
    }
}

/// A segment of `kind` with `data`, sent as it stands (a kind ncat does
/// not model): `data` becomes a JSON object, whose keys serde_json keeps in
/// alphabetical order (NapCat reads them by name).
pub fn raw<T: Serialize>(kind: &str, data: &T) -> Segment {
    // The generated data types are structs of strings, numbers and JSON
    // values, which always serialize; `null` would only hide a bug.
    let data = serde_json::to_value(data).unwrap_or_default();
    Segment::unknown(kind, data)
}

/// See `wire::display`: ids written as decimal strings.
pub fn display<T: fmt::Display, S: Serializer>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    wire::display(value, serializer)
}

/// See `wire::display_option`.
pub fn display_option<T: fmt::Display, S: Serializer>(
    value: &Option<T>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    wire::display_option(value, serializer)
}

/// See `wire::text_or_json`: text NapCat may send as a JSON value.
pub fn text_or_json<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    wire::text_or_json(deserializer)
}

/// See `wire::json_option`: a value that may arrive as its JSON text.
pub fn json_option<'de, D: Deserializer<'de>, T: DeserializeOwned>(
    deserializer: D,
) -> Result<Option<T>, D::Error> {
    wire::json_option(deserializer)
}
