//! Serializing a call's parameters to the [`RawValue`] a transport sends.

use std::cell::RefCell;

use serde::Serialize;
use serde_json::value::RawValue;

/// Buffers that grew past this are not kept for the next call, so one huge
/// message (an image sent as base64) does not stay allocated per thread.
const BUFFER_KEPT: usize = 16 * 1024;

thread_local! {
    /// Where parameters are written before being copied out at their size.
    static BUFFER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// `value` as compact JSON, the same bytes as
/// [`serde_json::value::to_raw_value`] writes.
///
/// That function writes into a fresh 128-byte buffer and shrinks it to
/// size, which costs more than the serializing of typical parameters:
/// the allocator splits a chunk and files the rest away at every call.
/// Here the text is written into a buffer kept per thread and copied once
/// into an allocation of its exact size. The copy is made through
/// `&RawValue`, whose only constructors read the JSON, so the text is
/// read once more: cheaper than the allocator's work for the parameters
/// of nearly every call.
pub(crate) fn to_raw_value<T: Serialize + ?Sized>(
    value: &T,
) -> Result<Box<RawValue>, serde_json::Error> {
    BUFFER.with(|buffer| {
        // Taken already: a `Serialize` impl serializing parameters itself.
        let Ok(mut buffer) = buffer.try_borrow_mut() else {
            return serde_json::value::to_raw_value(value);
        };
        buffer.clear();
        let written = serde_json::to_writer(&mut *buffer, value)
            .and_then(|()| serde_json::from_slice::<&RawValue>(&buffer).map(ToOwned::to_owned));
        if buffer.capacity() > BUFFER_KEPT {
            *buffer = Vec::new();
        }
        written
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use serde_json::json;

    use super::*;

    fn same_as_serde_json<T: Serialize + ?Sized>(value: &T) {
        let ours = to_raw_value(value).unwrap();
        let theirs = serde_json::value::to_raw_value(value).unwrap();
        assert_eq!(ours.get(), theirs.get());
    }

    #[test]
    fn writes_what_serde_json_writes() {
        same_as_serde_json(&json!({}));
        same_as_serde_json(&json!({"user_id": "10001", "times": 3, "ok": true, "none": null}));
        same_as_serde_json(
            &json!({"text": "引号\"和\\反斜杠\n and \u{1F600}", "nested": [1, {"a": []}]}),
        );
        same_as_serde_json(&json!([1, 2, 3]));
        same_as_serde_json("a string");
        // Past the kept size, and a small one after it.
        same_as_serde_json(&json!({"file": "x".repeat(BUFFER_KEPT * 2)}));
        assert!(BUFFER.with(|buffer| buffer.borrow().capacity()) <= BUFFER_KEPT);
        same_as_serde_json(&json!({"user_id": "10001"}));
    }

    #[test]
    fn values_that_do_not_serialize_are_errors() {
        let mut map = std::collections::HashMap::new();
        map.insert(vec![1], 2);
        assert!(to_raw_value(&map).is_err());
        // The buffer is left usable.
        same_as_serde_json(&json!({"user_id": "10001"}));
    }

    /// A value whose serialization serializes parameters itself.
    struct Nested;

    impl Serialize for Nested {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let inner =
                to_raw_value(&json!({"inner": [1, 2]})).map_err(serde::ser::Error::custom)?;
            inner.serialize(serializer)
        }
    }

    #[test]
    fn serializing_within_serializing_works() {
        assert_eq!(to_raw_value(&Nested).unwrap().get(), r#"{"inner":[1,2]}"#);
        // The outer call holds the buffer while the inner ones run.
        assert_eq!(
            to_raw_value(&[Nested, Nested]).unwrap().get(),
            r#"[{"inner":[1,2]},{"inner":[1,2]}]"#
        );
    }
}
