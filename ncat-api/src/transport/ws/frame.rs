//! The JSON frames on a NapCat WebSocket: requests going out, and telling
//! apart what comes in (events, replies, the token rejection).

use std::borrow::Cow;

use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::envelope;

/// NapCat's retcode for a rejected token, sent in a frame with no `echo`
/// right before it closes the socket.
const TOKEN_REJECTED: i64 = 1403;

/// `{"action": …, "params": …, "echo": …}`.
#[derive(Serialize)]
struct RequestFrame<'a> {
    action: &'a str,
    params: &'a RawValue,
    echo: &'a str,
}

/// The text of a request frame.
pub(crate) fn encode_request(
    action: &str,
    params: &RawValue,
    echo: &str,
) -> Result<String, serde_json::Error> {
    serde_json::to_string(&RequestFrame {
        action,
        params,
        echo,
    })
}

/// What an incoming text frame is.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Incoming<'a> {
    /// An event (it has `post_type`).
    Event,
    /// A reply to the call with this `echo`; `is_final` is false for the
    /// partial frames of a stream action.
    Reply { echo: Cow<'a, str>, is_final: bool },
    /// NapCat's "token验证失败" frame: the connection is about to close.
    TokenRejected,
    /// A reply that cannot be matched to a call: its `echo` is not a string
    /// (NapCat answers a frame it could not parse with `echo: null`).
    ReplyWithoutEcho { retcode: i64 },
    /// JSON, but neither an event nor a reply.
    Unrecognised,
    /// Not JSON at all.
    NotJson,
}

/// The fields that tell frames apart; everything else is skipped unread.
#[derive(Deserialize)]
struct Peek<'a> {
    #[serde(default)]
    post_type: Option<IgnoredAny>,
    #[serde(default, borrow)]
    status: Option<Cow<'a, str>>,
    #[serde(default)]
    retcode: Option<i64>,
    #[serde(default, borrow)]
    echo: Option<&'a RawValue>,
    #[serde(default, borrow)]
    data: Option<&'a RawValue>,
}

/// Classifies one incoming frame.
pub(crate) fn classify(text: &str) -> Incoming<'_> {
    // Checked first because serde would also read a struct from an array.
    if !text.trim_start().starts_with('{') {
        return match serde_json::from_str::<IgnoredAny>(text) {
            Ok(_) => Incoming::Unrecognised,
            Err(_) => Incoming::NotJson,
        };
    }
    let peek = match serde_json::from_str::<Peek<'_>>(text) {
        Ok(peek) => peek,
        Err(error) if error.is_syntax() || error.is_eof() => return Incoming::NotJson,
        Err(_) => return Incoming::Unrecognised,
    };
    if peek.post_type.is_some() {
        return Incoming::Event;
    }
    let (Some(status), Some(retcode)) = (peek.status, peek.retcode) else {
        return Incoming::Unrecognised;
    };
    let echo = peek
        .echo
        .and_then(|echo| serde_json::from_str::<Cow<'_, str>>(echo.get()).ok());
    match echo {
        Some(echo) => Incoming::Reply {
            echo,
            is_final: status != "ok" || !envelope::is_partial_frame(peek.data),
        },
        None if retcode == TOKEN_REJECTED => Incoming::TokenRejected,
        None => Incoming::ReplyWithoutEcho { retcode },
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    fn reply(echo: &str, is_final: bool) -> Incoming<'_> {
        Incoming::Reply {
            echo: Cow::Borrowed(echo),
            is_final,
        }
    }

    #[test]
    fn request_frames_carry_params_verbatim() {
        let params = RawValue::from_string(r#"{"group_id":"1"}"#.to_owned()).unwrap();
        assert_eq!(
            encode_request(".handle_quick_operation", &params, "ncat-7").unwrap(),
            r#"{"action":".handle_quick_operation","params":{"group_id":"1"},"echo":"ncat-7"}"#
        );
    }

    #[test]
    fn events_have_a_post_type() {
        let lifecycle = r#"{"time":1718000000,"self_id":10001,"post_type":"meta_event","meta_event_type":"lifecycle","sub_type":"connect"}"#;
        assert_eq!(classify(lifecycle), Incoming::Event);
    }

    #[test]
    fn replies_are_matched_by_string_echo() {
        let ok = r#"{"status":"ok","retcode":0,"data":{"message_id":1},"message":"","wording":"","echo":"ncat-1","stream":"normal-action"}"#;
        assert_eq!(classify(ok), reply("ncat-1", true));
        let failed = r#"{"status":"failed","retcode":1404,"data":null,"echo":"ncat-2"}"#;
        assert_eq!(classify(failed), reply("ncat-2", true));
        let escaped = r#"{"status":"ok","retcode":0,"echo":"nc\u0061t-3"}"#;
        assert_eq!(classify(escaped), reply("ncat-3", true));
    }

    #[test]
    fn stream_frames_are_partial_until_the_final_one() {
        let partial = r#"{"status":"ok","retcode":0,"data":{"type":"stream","data_type":"file_chunk"},"echo":"s","stream":"stream-action"}"#;
        assert_eq!(classify(partial), reply("s", false));
        let last = r#"{"status":"ok","retcode":0,"data":{"type":"response","data_type":"file_complete"},"echo":"s","stream":"stream-action"}"#;
        assert_eq!(classify(last), reply("s", true));
        let error = r#"{"status":"failed","retcode":1200,"data":{"type":"stream"},"echo":"s","stream":"stream-action"}"#;
        assert_eq!(classify(error), reply("s", true));
    }

    #[test]
    fn the_token_rejection_frame_is_recognised() {
        let rejected = r#"{"status":"failed","retcode":1403,"data":null,"message":"token验证失败","wording":"token验证失败","echo":null,"stream":"normal-action"}"#;
        assert_eq!(classify(rejected), Incoming::TokenRejected);
    }

    #[test]
    fn replies_without_a_string_echo_cannot_be_matched() {
        let parse_error = r#"{"status":"failed","retcode":1400,"data":null,"message":"json解析失败","echo":null}"#;
        assert_eq!(
            classify(parse_error),
            Incoming::ReplyWithoutEcho { retcode: 1400 }
        );
        let numeric = r#"{"status":"ok","retcode":0,"echo":42}"#;
        assert_eq!(classify(numeric), Incoming::ReplyWithoutEcho { retcode: 0 });
    }

    #[test]
    fn anything_else_is_unrecognised_or_not_json() {
        for text in [
            "{}",
            r#"{"status":"ok"}"#,
            "[1]",
            "42",
            r#"{"retcode":"0","status":"ok"}"#,
        ] {
            assert_eq!(classify(text), Incoming::Unrecognised, "{text}");
        }
        for text in ["", "hello", "{\"status\":", "<html>"] {
            assert_eq!(classify(text), Incoming::NotJson, "{text}");
        }
    }
}
