//! Reading NapCat's response envelope and turning it into a `Result`.
//!
//! Every transport hands the envelope text here, so the success rule and the
//! error mapping live in one place. The `data` field is borrowed as a
//! [`RawValue`] slice of the reply text and decoded straight into the typed
//! output, without building a `serde_json::Value` first.

mod at_once;

use std::borrow::Cow;

use serde::de::value::UnitDeserializer;
use serde::de::{Error as _, IgnoredAny};
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;

use crate::error::{ActionError, Error};

/// The top-level fields of an incoming JSON object that matter to ncat,
/// found in one pass: each value is a borrowed slice of the text, read
/// further only when needed. Events are told apart by `post_type`, replies
/// carry `status`, `retcode`, `data`, `message`, `wording` and `echo`
/// (`stream` is ignored: a stream action's frames are told apart by
/// [`is_partial_frame`]).
#[derive(Deserialize)]
pub(crate) struct Fields<'a> {
    #[serde(default)]
    post_type: Option<IgnoredAny>,
    #[serde(default, borrow)]
    status: Option<&'a RawValue>,
    #[serde(default, borrow)]
    retcode: Option<&'a RawValue>,
    /// Absent and `null` both end up as `None`: NapCat omits `data` for
    /// actions that return nothing and sends `null` for others.
    #[serde(default, borrow)]
    data: Option<&'a RawValue>,
    #[serde(default, borrow)]
    message: Option<&'a RawValue>,
    #[serde(default, borrow)]
    wording: Option<&'a RawValue>,
    #[serde(default, borrow)]
    echo: Option<&'a RawValue>,
}

/// Reads the fields of the JSON object `text`.
pub(crate) fn fields(text: &str) -> Result<Fields<'_>, serde_json::Error> {
    // serde would also read a struct from an array, positionally.
    if !text.trim_start().starts_with('{') {
        return Err(serde_json::Error::custom("expected a JSON object"));
    }
    serde_json::from_str(text)
}

impl<'a> Fields<'a> {
    /// Whether the object is an event (it has `post_type`).
    pub(crate) fn is_event(&self) -> bool {
        self.post_type.is_some()
    }

    /// The `echo`, when it is a string.
    pub(crate) fn echo(&self) -> Option<Cow<'a, str>> {
        self.echo
            .and_then(|echo| serde_json::from_str::<Cow<'a, str>>(echo.get()).ok())
    }

    /// The `retcode`, when it is an integer.
    pub(crate) fn retcode(&self) -> Option<i64> {
        self.retcode
            .and_then(|retcode| serde_json::from_str(retcode.get()).ok())
    }

    /// Whether the object has both envelope fields, whatever their values.
    pub(crate) fn looks_like_reply(&self) -> bool {
        self.status.is_some() && self.retcode.is_some()
    }

    /// Reads the fields as a reply envelope: `status` a string and
    /// `retcode` an integer, or the reply is malformed.
    pub(crate) fn envelope(&self) -> Result<Parsed<'a>, serde_json::Error> {
        let status = self
            .status
            .ok_or_else(|| serde_json::Error::missing_field("status"))?;
        let status: Cow<'_, str> = serde_json::from_str(status.get())?;
        let retcode = self
            .retcode
            .ok_or_else(|| serde_json::Error::missing_field("retcode"))?;
        let retcode: i64 = serde_json::from_str(retcode.get())?;
        let verdict = if status == "ok" {
            Verdict::Ok
        } else {
            let text = |field: Option<&RawValue>| -> Result<String, serde_json::Error> {
                field
                    .map_or(Ok(None), |raw| serde_json::from_str(raw.get()))
                    .map(Option::unwrap_or_default)
            };
            Verdict::Failed(Failure {
                retcode,
                message: text(self.message)?,
                wording: text(self.wording)?,
            })
        };
        Ok(Parsed {
            verdict,
            data: self.data,
        })
    }
}

/// A reply envelope, read; `data` still a slice of the reply text.
pub(crate) struct Parsed<'a> {
    verdict: Verdict,
    data: Option<&'a RawValue>,
}

impl Parsed<'_> {
    /// Whether this is a partial frame of a stream action, so more follow.
    pub(crate) fn is_partial_frame(&self) -> bool {
        self.verdict == Verdict::Ok && is_partial_frame(self.data)
    }
}

/// What an envelope says apart from `data`.
///
/// Success is `status == "ok"`, whatever the retcode. Any other status —
/// `failed`, or OneBot's `async` that NapCat never sends — is a failure, so
/// an `async` acknowledgement is never mistaken for the action's data.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Verdict {
    Ok,
    Failed(Failure),
}

/// What a failed envelope says.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Failure {
    retcode: i64,
    message: String,
    wording: String,
}

impl Failure {
    /// The error the call of `action` fails with.
    fn into_error(self, action: Cow<'static, str>) -> Error {
        Error::Action(ActionError {
            action,
            retcode: self.retcode,
            message: self.message,
            wording: self.wording,
        })
    }
}

/// An envelope read by the transport, travelling with its reply so that
/// the caller does not read it again. `data` is kept as its own copy of
/// the slice that was read (a small copy: reading the slice again to
/// borrow it costs more).
#[derive(Debug, Clone)]
pub(crate) struct Envelope {
    verdict: Verdict,
    data: Option<Box<RawValue>>,
}

impl Envelope {
    /// Keeps `parsed` beyond the text it was read from.
    pub(crate) fn keep(parsed: Parsed<'_>) -> Envelope {
        Envelope {
            verdict: parsed.verdict,
            data: parsed.data.map(ToOwned::to_owned),
        }
    }

    /// The envelope again, borrowing `data`.
    fn restore(&self) -> Parsed<'_> {
        Parsed {
            verdict: self.verdict.clone(),
            data: self.data.as_deref(),
        }
    }
}

/// How a call decodes its reply's `data` into its output.
pub(crate) trait ReadData {
    /// What a successful call returns.
    type Output;

    /// Decodes `data`, reading it whole; a missing `data` reads as `null`.
    fn read<'de, D: Deserializer<'de>>(data: D) -> Result<Self::Output, D::Error>;
}

/// Maps a reply to the action's result: [`Error::Action`] for a failure,
/// the output `R` reads from `data` for a success.
///
/// A reply the transport has not read yet is read in one pass, decoding
/// `data` on the way; only when that fails is it read again, step by step,
/// to report exactly what is wrong.
///
/// `envelope` is that of `body` when the transport has read it already.
pub(crate) fn decode_reply<R: ReadData>(
    action: Cow<'static, str>,
    body: &str,
    envelope: Option<&Envelope>,
) -> Result<R::Output, Error> {
    if envelope.is_none()
        && let Ok(read) = at_once::read::<R>(body)
    {
        return read.map_err(|failure| failure.into_error(action));
    }
    decode_reply_with(action, body, envelope, |data| match data {
        Some(data) => R::read(&mut serde_json::Deserializer::from_str(data.get())),
        None => R::read(UnitDeserializer::new()),
    })
}

/// Maps a reply to the action's result: [`Error::Action`] for a failure,
/// `decode(data)` for a success (`None` for a missing or `null` `data`).
/// `envelope` is that of `body` when the transport has read it already.
pub(crate) fn decode_reply_with<T>(
    action: Cow<'static, str>,
    body: &str,
    envelope: Option<&Envelope>,
    decode: impl FnOnce(Option<&RawValue>) -> Result<T, serde_json::Error>,
) -> Result<T, Error> {
    let parsed = match envelope {
        Some(envelope) => Ok(envelope.restore()),
        None => fields(body).and_then(|fields| fields.envelope()),
    };
    let parsed = match parsed {
        Ok(parsed) => parsed,
        Err(source) => {
            return Err(Error::MalformedReply {
                action,
                body: body.to_owned(),
                source,
            });
        }
    };
    if let Verdict::Failed(failure) = parsed.verdict {
        return Err(failure.into_error(action));
    }
    decode(parsed.data).map_err(|source| Error::Decode {
        action,
        data: parsed.data.map_or("null", RawValue::get).to_owned(),
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
    fields(body).and_then(|fields| fields.envelope()).is_ok()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use std::fmt;

    use super::*;
    use crate::ActionErrorKind;

    const ACTION: Cow<'static, str> = Cow::Borrowed("get_msg");

    #[derive(Debug, PartialEq, Deserialize)]
    struct Sent {
        message_id: i64,
    }

    /// Decodes `data` like the default [`crate::Action::decode_output`].
    struct Typed<T>(std::marker::PhantomData<T>);

    impl<T: serde::de::DeserializeOwned> ReadData for Typed<T> {
        type Output = T;

        fn read<'de, D: Deserializer<'de>>(data: D) -> Result<T, D::Error> {
            T::deserialize(data)
        }
    }

    /// Decodes `body` as a call does, after checking that reading it in one
    /// pass and reading it step by step (as when the transport has read the
    /// envelope) come to the same result.
    fn typed<T: serde::de::DeserializeOwned + fmt::Debug>(body: &str) -> Result<T, Error> {
        let at_once = decode_reply::<Typed<T>>(ACTION, body, None);
        let step_by_step = decode_reply_with(ACTION, body, None, |data| match data {
            Some(data) => serde_json::from_str(data.get()),
            None => T::deserialize(UnitDeserializer::new()),
        });
        assert_eq!(
            format!("{at_once:?}"),
            format!("{step_by_step:?}"),
            "{body}"
        );
        at_once
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
        let seen = decode_reply_with(ACTION, body, None, |data| {
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
