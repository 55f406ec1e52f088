//! The JSON frames on a NapCat WebSocket: requests going out, and telling
//! apart what comes in (events, replies, the token rejection).

use std::borrow::Cow;

use serde::de::IgnoredAny;
use serde_json::value::RawValue;

use crate::envelope::{self, Fields};

/// NapCat's retcode for a rejected token, sent in a frame with no `echo`
/// right before it closes the socket.
const TOKEN_REJECTED: i64 = 1403;

/// What every `echo` this client sends starts with; a number follows.
const ECHO_PREFIX: &str = "ncat-";

/// The text of a request frame, `{"action": …, "params": …, "echo":
/// "ncat-<echo>"}`, written piece by piece: this runs for every call.
pub(crate) fn encode_request(
    action: &str,
    params: &RawValue,
    echo: u64,
) -> Result<String, serde_json::Error> {
    const ACTION: &str = r#"{"action":"#;
    const PARAMS: &str = r#","params":"#;
    const ECHO: &str = r#","echo":""#;
    const END: &str = r#""}"#;
    // Action names need no escaping; one that does goes through serde_json.
    let escaped;
    let action = if action
        .bytes()
        .all(|byte| byte >= b' ' && byte != b'"' && byte != b'\\')
    {
        action
    } else {
        escaped = serde_json::to_string(action)?;
        &escaped[1..escaped.len() - 1]
    };
    let mut digits = itoa::Buffer::new();
    let echo = digits.format(echo);
    let params = params.get();
    // Exact, so the message takes this buffer without another allocation.
    let length = ACTION.len()
        + action.len()
        + 2
        + PARAMS.len()
        + params.len()
        + ECHO.len()
        + ECHO_PREFIX.len()
        + echo.len()
        + END.len();
    let mut frame = String::with_capacity(length);
    for piece in [
        ACTION,
        "\"",
        action,
        "\"",
        PARAMS,
        params,
        ECHO,
        ECHO_PREFIX,
        echo,
        END,
    ] {
        frame.push_str(piece);
    }
    Ok(frame)
}

/// The id in an `echo` this client sent, exactly as it wrote it (no sign,
/// no leading zero), or `None` for any other echo.
pub(crate) fn echo_id(echo: &str) -> Option<u64> {
    let digits = echo.strip_prefix(ECHO_PREFIX)?;
    let canonical = digits.bytes().all(|byte| byte.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'));
    if canonical { digits.parse().ok() } else { None }
}

/// What an incoming text frame is.
pub(crate) enum Incoming<'a> {
    /// An event (it has `post_type`).
    Event,
    /// A reply to the call with this `echo`, whatever its other fields say:
    /// the call decides whether they make an envelope.
    Reply {
        echo: Cow<'a, str>,
        fields: Fields<'a>,
    },
    /// NapCat's "token验证失败" frame: the connection is about to close.
    TokenRejected,
    /// A reply that cannot be matched to a call: its `echo` is not a string
    /// (NapCat answers a frame it could not parse with `echo: null`).
    ReplyWithoutEcho { retcode: Option<i64> },
    /// JSON, but neither an event nor a reply.
    Unrecognised,
    /// Not JSON at all.
    NotJson,
}

/// Classifies one incoming frame, reading it once.
pub(crate) fn classify(text: &str) -> Incoming<'_> {
    if !text.trim_start().starts_with('{') {
        return match serde_json::from_str::<IgnoredAny>(text) {
            Ok(_) => Incoming::Unrecognised,
            Err(_) => Incoming::NotJson,
        };
    }
    let fields = match envelope::fields(text) {
        Ok(fields) => fields,
        Err(error) if error.is_syntax() || error.is_eof() => return Incoming::NotJson,
        Err(_) => return Incoming::Unrecognised,
    };
    if fields.is_event() {
        return Incoming::Event;
    }
    if let Some(echo) = fields.echo() {
        return Incoming::Reply { echo, fields };
    }
    if !fields.looks_like_reply() {
        return Incoming::Unrecognised;
    }
    match fields.retcode() {
        Some(TOKEN_REJECTED) => Incoming::TokenRejected,
        retcode => Incoming::ReplyWithoutEcho { retcode },
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    /// The echo of a reply frame, `None` for anything else.
    fn reply_echo(text: &str) -> Option<String> {
        match classify(text) {
            Incoming::Reply { echo, .. } => Some(echo.into_owned()),
            _ => None,
        }
    }

    #[test]
    fn request_frames_carry_params_verbatim() {
        let params = RawValue::from_string(r#"{"group_id":"1"}"#.to_owned()).unwrap();
        let frame = encode_request(".handle_quick_operation", &params, 7).unwrap();
        assert_eq!(
            frame,
            r#"{"action":".handle_quick_operation","params":{"group_id":"1"},"echo":"ncat-7"}"#
        );
        assert_eq!(frame.capacity(), frame.len(), "sized exactly");
        let empty = RawValue::from_string("{}".to_owned()).unwrap();
        let odd_name = encode_request("a\"b\\c/动作", &empty, u64::MAX).unwrap();
        assert_eq!(
            odd_name,
            r#"{"action":"a\"b\\c/动作","params":{},"echo":"ncat-18446744073709551615"}"#
        );
        let frame: serde_json::Value = serde_json::from_str(&odd_name).unwrap();
        assert_eq!(frame["action"], "a\"b\\c/动作");
    }

    #[test]
    fn only_echoes_written_by_this_client_have_an_id() {
        assert_eq!(echo_id("ncat-7"), Some(7));
        assert_eq!(echo_id("ncat-0"), Some(0));
        assert_eq!(echo_id("ncat-18446744073709551615"), Some(u64::MAX));
        for other in [
            "ncat-",
            "ncat-07",
            "ncat-+7",
            "ncat--7",
            "ncat-7 ",
            "7",
            "abc-7",
            "ncat-18446744073709551616",
        ] {
            assert_eq!(echo_id(other), None, "{other}");
        }
    }

    #[test]
    fn events_have_a_post_type() {
        let lifecycle = r#"{"time":1718000000,"self_id":10001,"post_type":"meta_event","meta_event_type":"lifecycle","sub_type":"connect"}"#;
        assert!(matches!(classify(lifecycle), Incoming::Event));
    }

    #[test]
    fn replies_are_matched_by_string_echo() {
        let ok = r#"{"status":"ok","retcode":0,"data":{"message_id":1},"message":"","wording":"","echo":"ncat-1","stream":"normal-action"}"#;
        assert_eq!(reply_echo(ok).as_deref(), Some("ncat-1"));
        let failed = r#"{"status":"failed","retcode":1404,"data":null,"echo":"ncat-2"}"#;
        assert_eq!(reply_echo(failed).as_deref(), Some("ncat-2"));
        let escaped = r#"{"status":"ok","retcode":0,"echo":"nc\u0061t-3"}"#;
        assert_eq!(reply_echo(escaped).as_deref(), Some("ncat-3"));
    }

    #[test]
    fn a_frame_with_an_echo_is_a_reply_even_when_malformed() {
        for text in [
            r#"{"echo":"ncat-1"}"#,
            r#"{"status":1,"retcode":0,"echo":"ncat-1"}"#,
            r#"{"status":"ok","retcode":"0","echo":"ncat-1"}"#,
            r#"{"status":"ok","retcode":0.5,"echo":"ncat-1"}"#,
        ] {
            assert_eq!(reply_echo(text).as_deref(), Some("ncat-1"), "{text}");
        }
    }

    #[test]
    fn the_token_rejection_frame_is_recognised() {
        let rejected = r#"{"status":"failed","retcode":1403,"data":null,"message":"token验证失败","wording":"token验证失败","echo":null,"stream":"normal-action"}"#;
        assert!(matches!(classify(rejected), Incoming::TokenRejected));
    }

    #[test]
    fn replies_without_a_string_echo_cannot_be_matched() {
        let parse_error = r#"{"status":"failed","retcode":1400,"data":null,"message":"json解析失败","echo":null}"#;
        assert!(matches!(
            classify(parse_error),
            Incoming::ReplyWithoutEcho {
                retcode: Some(1400)
            }
        ));
        let numeric = r#"{"status":"ok","retcode":0,"echo":42}"#;
        assert!(matches!(
            classify(numeric),
            Incoming::ReplyWithoutEcho { retcode: Some(0) }
        ));
    }

    #[test]
    fn anything_else_is_unrecognised_or_not_json() {
        for text in ["{}", r#"{"status":"ok"}"#, "[1]", "42"] {
            assert!(matches!(classify(text), Incoming::Unrecognised), "{text}");
        }
        for text in ["", "hello", "{\"status\":", "<html>"] {
            assert!(matches!(classify(text), Incoming::NotJson), "{text}");
        }
    }
}
