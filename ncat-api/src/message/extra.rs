//! The keys of a segment's `data` that ncat has no field for.
//!
//! NapCat adds fields to segments between releases. Every segment data type
//! keeps the keys it does not know in an [`Extra`], so a bot can read them
//! before ncat types them, and so they go back out unchanged when the
//! segment is sent again (`Message::try_from(received)`) or re-serialized.
//!
//! Decoding stays on serde's fast path: the typed fields are read as
//! before, and only then are the keys no field reads looked for, in the
//! `data` object already parsed. A segment without unknown keys allocates
//! nothing for them.

use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

/// The keys of a segment's `data` that its type has no field for, kept as
/// they arrived and written back after the typed fields.
///
/// ```
/// use ncat_api::{ReceivedMessage, ReceivedSegment};
///
/// let message: ReceivedMessage = serde_json::from_str(
///     r#"[{"type":"text","data":{"text":"hi","style":{"bold":true}}}]"#,
/// )?;
/// let segment = &message.segments()[0];
/// assert_eq!(segment.extra("style").unwrap()["bold"], true);
/// // Sent on, the segment keeps the key.
/// let sent = ncat_api::Message::try_from(message.clone())?;
/// assert_eq!(
///     serde_json::to_string(&sent)?,
///     r#"[{"type":"text","data":{"text":"hi","style":{"bold":true}}}]"#
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// It can also add a key ncat does not type yet to a segment you send:
/// `image.extra.insert("new_key", 1)`. A key the type has a field for is
/// written twice, so NapCat sees the later one: avoid it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Extra(Option<Box<Map<String, Value>>>);

impl Extra {
    /// The value of `key`, when the segment had it and its type has no
    /// field for it.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.as_deref().and_then(|map| map.get(key))
    }

    /// Whether there are no unknown keys.
    pub fn is_empty(&self) -> bool {
        self.0.as_deref().is_none_or(Map::is_empty)
    }

    /// The unknown keys and their values.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.0
            .as_deref()
            .into_iter()
            .flat_map(|map| map.iter().map(|(key, value)| (key.as_str(), value)))
    }

    /// Adds (or replaces) a key, sent after the typed fields.
    pub fn insert(&mut self, key: impl Into<String>, value: impl Into<Value>) {
        self.0
            .get_or_insert_with(Box::default)
            .insert(key.into(), value.into());
    }

    /// Removes a key, returning its value.
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        self.0.as_deref_mut().and_then(|map| map.remove(key))
    }

    /// The keys of `data` not in `known`: `data` itself once the known keys
    /// are taken out, or nothing when every key is known (the usual case,
    /// which neither allocates nor changes `data`).
    pub(super) fn unknown_keys(data: Value, known: &[&str]) -> Extra {
        let Value::Object(mut map) = data else {
            return Extra::default();
        };
        if map.keys().all(|key| known.contains(&key.as_str())) {
            return Extra::default();
        }
        map.retain(|key, _| !known.contains(&key.as_str()));
        Extra(Some(Box::new(map)))
    }
}

/// Written as the entries of a map, so that `#[serde(flatten)]` puts them
/// beside the typed fields. (Only serialization is flattened: decoding
/// fills an `Extra` after the typed fields are read, see the segment data
/// trait below.)
impl Serialize for Extra {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

/// A segment data type: its wire keys, and its [`Extra`]. Implemented by
/// the code generated from `schema/segments.yaml`, whose fields are the
/// keys.
pub(super) trait SegmentData {
    /// Every key of `data` a field reads, aliases included.
    const KEYS: &'static [&'static str];

    /// The keys no field reads.
    fn extra(&self) -> &Extra;

    /// The keys no field reads, to fill after decoding.
    fn extra_mut(&mut self) -> &mut Extra;
}

/// A hand-written enum of segment data (`extra_type` in
/// `schema/segments.yaml`) one of whose variants keeps unknown keys:
/// `Music::Custom`, `Node::Custom`.
pub(super) trait MaybeExtra {
    /// The keys no field reads, when the value is that variant.
    fn extras(&self) -> Option<&Extra>;
}
