//! Serde helpers: the loose value types inside segment `data`, and the raw
//! shapes of segments and messages before their kinds are looked at.
//!
//! NapCat is not consistent about how it writes a value: the same field is a
//! number in one message and a string in the next, and in CQ-code strings
//! every value is a string. Typed fields therefore read every form NapCat
//! (or a CQ code) may produce, and are written in the form NapCat declares.

use std::fmt;

use serde::de::{self, DeserializeOwned, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use super::extra::{Extra, SegmentData};

/// Writes a value by its `Display` form, as a JSON string: ids and face ids,
/// which NapCat declares as strings inside segments.
pub(super) fn display<T: fmt::Display, S: Serializer>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_str(value)
}

/// Like [`display`] for an optional value; used with `skip_serializing_if`.
pub(super) fn display_option<T: fmt::Display, S: Serializer>(
    value: &Option<T>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(value) => serializer.collect_str(value),
        None => serializer.serialize_none(),
    }
}

/// Reads text that NapCat may also send as a JSON value: `json.data` is a
/// string on receive, but NapCat accepts (and other servers send) an object,
/// which is kept as its JSON text.
pub(super) fn text_or_json<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    Ok(match serde_json::Value::deserialize(deserializer)? {
        serde_json::Value::String(text) => text,
        other => other.to_string(),
    })
}

/// Reads a structured value that may also arrive as its JSON text: a CQ code
/// can only carry strings, so NapCat's encoder JSON-encodes objects and
/// arrays (`face.raw`, `forward.content`). Use with `#[serde(default)]`.
pub(super) fn json_option<'de, D: Deserializer<'de>, T: DeserializeOwned>(
    deserializer: D,
) -> Result<Option<T>, D::Error> {
    let value = match serde_json::Value::deserialize(deserializer)? {
        serde_json::Value::Null => return Ok(None),
        // Text that is not JSON stays text, for fields that are opaque anyway.
        serde_json::Value::String(text) => match serde_json::from_str(&text) {
            Ok(value) => value,
            Err(_) => serde_json::Value::String(text),
        },
        other => other,
    };
    T::deserialize(value).map(Some).map_err(de::Error::custom)
}

/// A segment as it is on the wire, before its kind is looked at.
#[derive(Deserialize)]
pub(super) struct RawSegment {
    #[serde(rename = "type")]
    pub(super) kind: String,
    /// Absent `data` (`{"type": "dice"}`) reads as `null`.
    #[serde(default)]
    pub(super) data: serde_json::Value,
}

/// Decodes a segment's `data` into a kind's type; `None` when it does not
/// fit, so the caller keeps the segment as unknown. `null` (no `data`) reads
/// as `{}`, so kinds without required fields still decode.
pub(super) fn decode_data<T: DeserializeOwned>(data: &serde_json::Value) -> Option<T> {
    match data {
        serde_json::Value::Null => {
            T::deserialize(&serde_json::Value::Object(serde_json::Map::new())).ok()
        }
        data => T::deserialize(data).ok(),
    }
}

/// Decodes `data` into a kind's type like [`decode_data`], and keeps the
/// keys no field reads in the value's [`Extra`](super::extra::Extra);
/// gives `data` back when it does not fit.
pub(super) fn decode_keeping<T: DeserializeOwned + SegmentData>(
    data: serde_json::Value,
) -> Result<T, serde_json::Value> {
    match decode_data::<T>(&data) {
        Some(mut typed) => {
            *typed.extra_mut() = Extra::unknown_keys(data, T::KEYS);
            Ok(typed)
        }
        None => Err(data),
    }
}

/// [`decode_data`] for the kinds whose data is an enum, with no place for
/// unknown keys (`at` to send, `contact`, `music`, `node`); gives `data`
/// back when it does not fit.
pub(super) fn decode_whole<T: DeserializeOwned>(
    data: serde_json::Value,
) -> Result<T, serde_json::Value> {
    decode_data(&data).ok_or(data)
}

/// Whether `data` has `key` with a value: not `null`, not `""`.
pub(super) fn has_value(data: &serde_json::Value, key: &str) -> bool {
    match data.get(key) {
        None | Some(serde_json::Value::Null) => false,
        Some(serde_json::Value::String(text)) => !text.is_empty(),
        Some(_) => true,
    }
}

/// The `data` of kinds that carry nothing when sent (`dice`, `rps`): `{}`,
/// and any object reads as it.
#[derive(Serialize, Deserialize)]
pub(super) struct NoData {}

/// A message in any of the shapes NapCat reads: an array of segments, a
/// single segment object, or a CQ-code string.
pub(super) enum RawMessage {
    /// An array of segments, or one segment object.
    Segments(Vec<RawSegment>),
    /// A CQ-code string.
    Cq(String),
}

impl<'de> Deserialize<'de> for RawMessage {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawMessageVisitor)
    }
}

struct RawMessageVisitor;

impl<'de> Visitor<'de> for RawMessageVisitor {
    type Value = RawMessage;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a message: an array of segments, a segment, or a CQ-code string")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<RawMessage, E> {
        Ok(RawMessage::Cq(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<RawMessage, E> {
        Ok(RawMessage::Cq(v))
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<RawMessage, A::Error> {
        Vec::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(RawMessage::Segments)
    }

    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<RawMessage, A::Error> {
        RawSegment::deserialize(de::value::MapAccessDeserializer::new(map))
            .map(|segment| RawMessage::Segments(vec![segment]))
    }
}
