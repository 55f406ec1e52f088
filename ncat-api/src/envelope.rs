//! Reading NapCat's response envelope and turning it into a `Result`.
//!
//! Every transport hands the envelope text here, so the success rule and the
//! error mapping live in one place. The `data` field is borrowed as a
//! [`RawValue`] slice of the reply text and decoded straight into the typed
//! output, without building a `serde_json::Value` first.

use std::borrow::Cow;

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::error::{ActionError, Error};

/// `{status, retcode, data?, message?, wording?, echo?, stream?}`.
///
/// `echo` and `stream` are ignored here: correlating replies by `echo` is a
/// transport's job, and a stream action's frames are told apart by
/// [`is_partial_frame`].
#[derive(Deserialize)]
struct RawEnvelope<'a> {
    #[serde(borrow)]
    status: Cow<'a, str>,
    retcode: i64,
    /// Absent and `null` both end up as `None`: NapCat omits `data` for
    /// actions that return nothing and sends `null` for others.
    #[serde(borrow, default)]
    data: Option<&'a RawValue>,
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    wording: Option<String>,
}

/// Maps a reply envelope to the action's result.
///
/// Success is `status == "ok"`, whatever the retcode. Any other status —
/// `failed`, or OneBot's `async` that NapCat never sends — is an
/// [`ActionError`], so an `async` acknowledgement is never mistaken for the
/// action's data.
pub(crate) fn decode_reply<T>(
    action: Cow<'static, str>,
    body: String,
    decode: impl FnOnce(Option<&RawValue>) -> Result<T, serde_json::Error>,
) -> Result<T, Error> {
    let envelope = match serde_json::from_str::<RawEnvelope<'_>>(&body) {
        Ok(envelope) => envelope,
        Err(source) => {
            return Err(Error::MalformedReply {
                action,
                body,
                source,
            });
        }
    };
    if envelope.status != "ok" {
        return Err(Error::Action(ActionError {
            action,
            retcode: envelope.retcode,
            message: envelope.message.unwrap_or_default(),
            wording: envelope.wording.unwrap_or_default(),
        }));
    }
    decode(envelope.data).map_err(|source| Error::Decode {
        action,
        data: envelope.data.map_or("null", RawValue::get).to_owned(),
        source,
    })
}

/// Whether a successful stream-action reply with this `data` is a partial
/// frame, so more frames follow (`data.type == "stream"`). Anything else —
/// `response`, `error`, `reset`, or a reply that is not stream-shaped at
/// all — ends the call.
pub(crate) fn is_partial_frame(data: Option<&RawValue>) -> bool {
    #[derive(Deserialize)]
    struct FrameHead<'a> {
        #[serde(rename = "type", borrow, default)]
        kind: Option<Cow<'a, str>>,
    }
    data.and_then(|data| serde_json::from_str::<FrameHead<'_>>(data.get()).ok())
        .and_then(|head| head.kind)
        .is_some_and(|kind| kind == "stream")
}

/// Whether `body` is an envelope at all. For transports whose error
/// responses may or may not carry one (HTTP 400).
#[cfg_attr(not(feature = "http"), allow(dead_code))]
pub(crate) fn is_envelope(body: &str) -> bool {
    serde_json::from_str::<RawEnvelope<'_>>(body).is_ok()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use serde::Deserialize;

    use super::*;
    use crate::ActionErrorKind;

    const ACTION: Cow<'static, str> = Cow::Borrowed("get_msg");

    #[derive(Debug, PartialEq, Deserialize)]
    struct Sent {
        message_id: i64,
    }

    /// Decodes like the default [`crate::Action::decode_output`].
    fn typed<T: serde::de::DeserializeOwned>(body: &str) -> Result<T, Error> {
        decode_reply(ACTION, body.to_owned(), |data| {
            serde_json::from_str(data.map_or("null", RawValue::get))
        })
    }

    fn action_error(body: &str) -> ActionError {
        match typed::<serde_json::Value>(body) {
            Err(Error::Action(error)) => error,
            other => panic!("expected an action error, got {other:?}"),
        }
    }

    #[test]
    fn ok_envelope_yields_typed_data() {
        let body = r#"{"status":"ok","retcode":0,"data":{"message_id":1588762139},"message":"","wording":"","echo":"k3j9","stream":"normal-action"}"#;
        assert_eq!(
            typed::<Sent>(body).unwrap(),
            Sent {
                message_id: 1588762139
            }
        );
    }

    #[test]
    fn ok_envelope_tolerates_missing_optional_fields() {
        let body = r#"{"status":"ok","retcode":0,"data":{"message_id":1}}"#;
        assert_eq!(typed::<Sent>(body).unwrap(), Sent { message_id: 1 });
    }

    #[test]
    fn absent_and_null_data_both_decode_as_null() {
        let absent = r#"{"status":"ok","retcode":0,"message":"","wording":"","echo":null}"#;
        let null = r#"{"status":"ok","retcode":0,"data":null}"#;
        for body in [absent, null] {
            typed::<()>(body).unwrap();
            assert_eq!(typed::<Option<Sent>>(body).unwrap(), None);
            assert_eq!(
                typed::<serde_json::Value>(body).unwrap(),
                serde_json::Value::Null
            );
        }
    }

    #[test]
    fn decoder_sees_the_data_slice_verbatim() {
        let body = r#"{"status":"ok","retcode":0,"data": [1, 2 ,3] }"#;
        let seen = decode_reply(ACTION, body.to_owned(), |data| {
            Ok(data.map(|raw| raw.get().to_owned()))
        });
        assert_eq!(seen.unwrap().as_deref(), Some("[1, 2 ,3]"));
    }

    #[test]
    fn failed_envelopes_become_action_errors_by_kind() {
        let cases = [
            (400, ActionErrorKind::BadParams),
            (1400, ActionErrorKind::BadParams),
            (1404, ActionErrorKind::UnknownAction),
            (1401, ActionErrorKind::Unauthorized),
            (1403, ActionErrorKind::Unauthorized),
            (200, ActionErrorKind::Failed),
            (1200, ActionErrorKind::Failed),
        ];
        for (retcode, kind) in cases {
            let body = format!(
                r#"{{"status":"failed","retcode":{retcode},"data":null,"message":"消息不存在","wording":"消息不存在 (wording)","echo":null,"stream":"normal-action"}}"#
            );
            let error = action_error(&body);
            assert_eq!(error.kind(), kind, "retcode {retcode}");
            assert_eq!(error.retcode, retcode);
            assert_eq!(error.action, "get_msg");
            assert_eq!(error.message, "消息不存在");
            assert_eq!(error.wording, "消息不存在 (wording)");
        }
    }

    #[test]
    fn failed_envelope_without_texts_has_empty_message() {
        let error = action_error(r#"{"status":"failed","retcode":1200}"#);
        assert_eq!(error.message, "");
        assert_eq!(error.wording, "");
        let error = action_error(r#"{"status":"failed","retcode":1200,"message":null}"#);
        assert_eq!(error.message, "");
    }

    #[test]
    fn failed_status_wins_even_with_data() {
        // Stream errors carry a stub object in `data`; it must not be decoded.
        let error = action_error(
            r#"{"status":"failed","retcode":200,"data":{"type":"error","data_type":"error"},"message":"boom"}"#,
        );
        assert_eq!(error.message, "boom");
    }

    #[test]
    fn unknown_status_is_an_action_error() {
        let error = action_error(r#"{"status":"async","retcode":1,"data":null}"#);
        assert_eq!(error.retcode, 1);
        assert_eq!(error.kind(), ActionErrorKind::Failed);
    }

    #[test]
    fn ok_status_is_success_whatever_the_retcode() {
        let body = r#"{"status":"ok","retcode":7,"data":{"message_id":2}}"#;
        assert_eq!(typed::<Sent>(body).unwrap(), Sent { message_id: 2 });
    }

    #[test]
    fn data_of_the_wrong_shape_is_a_decode_error_with_the_raw_data() {
        let body = r#"{"status":"ok","retcode":0,"data":{"message_id":"not a number"}}"#;
        match typed::<Sent>(body) {
            Err(Error::Decode { action, data, .. }) => {
                assert_eq!(action, "get_msg");
                assert_eq!(data, r#"{"message_id":"not a number"}"#);
            }
            other => panic!("expected a decode error, got {other:?}"),
        }
        match typed::<Sent>(r#"{"status":"ok","retcode":0}"#) {
            Err(Error::Decode { data, .. }) => assert_eq!(data, "null"),
            other => panic!("expected a decode error, got {other:?}"),
        }
    }

    #[test]
    fn garbage_is_a_malformed_reply_keeping_the_body() {
        let garbage = [
            "",
            "Invalid JSON",
            "<html>502 Bad Gateway</html>",
            r#"{"message":"token verify failed!"}"#,
            r#"{"status":"ok"}"#,
            r#"{"status":"ok","retcode":"0"}"#,
            r#"[{"status":"ok","retcode":0}]"#,
            r#"{"status":"ok","retcode":0} trailing"#,
        ];
        for body in garbage {
            match typed::<serde_json::Value>(body) {
                Err(Error::MalformedReply {
                    action, body: kept, ..
                }) => {
                    assert_eq!(action, "get_msg");
                    assert_eq!(kept, body);
                }
                other => panic!("expected a malformed reply for {body:?}, got {other:?}"),
            }
            assert!(!is_envelope(body), "{body:?}");
        }
    }

    #[test]
    fn only_stream_typed_data_is_a_partial_frame() {
        let raw = |json: &str| RawValue::from_string(json.to_owned()).unwrap();
        assert!(is_partial_frame(Some(&raw(
            r#"{"type":"stream","data_type":"file_chunk"}"#
        ))));
        for data in [
            r#"{"type":"response","data_type":"file_complete"}"#,
            r#"{"type":"error"}"#,
            r#"{"data_type":"file_info"}"#,
            r#"[1,2]"#,
            r#""stream""#,
        ] {
            assert!(!is_partial_frame(Some(&raw(data))), "{data}");
        }
        assert!(!is_partial_frame(None));
    }

    #[test]
    fn trailing_whitespace_is_fine() {
        // Single-packet stream replies over HTTP end with "\r\n\r\n".
        let body = "{\"status\":\"ok\",\"retcode\":0,\"data\":{\"message_id\":3}}\r\n\r\n";
        assert_eq!(typed::<Sent>(body).unwrap(), Sent { message_id: 3 });
        assert!(is_envelope(body));
    }
}
