//! Finding a reply's `echo` without reading the whole frame.
//!
//! NapCat writes a reply's `echo` last, or last but for `stream`:
//! `{"status":…,"data":…,"message":"","wording":"","echo":"ncat-7","stream":"normal-action"}`.
//! Reading those last members backwards finds the call a reply belongs to
//! without scanning `data`, so the frame is parsed once, by the call that
//! decodes it. A frame laid out otherwise is classified the slow way.

use super::frame::echo_id;

/// How many members from the end are looked at: `echo` and `stream`.
const MEMBERS_LOOKED_AT: usize = 2;

/// The id of the `echo` among the last members of the JSON object `text`,
/// when it is one this client wrote.
///
/// Only plain members are read: a string key and a scalar value, with no
/// escape in either. Within valid JSON such a tail can only be the
/// object's own last members; an invalid frame that looks like one is
/// still handed to its call, whose decoding reports it malformed.
pub(crate) fn trailing_echo(text: &str) -> Option<u64> {
    napcat_tail(text).or_else(|| last_members_echo(text))
}

/// The echo among the last members of `text`, read member by member.
fn last_members_echo(text: &str) -> Option<u64> {
    // Read as bytes: every byte looked for is ASCII, which never occurs
    // inside a multi-byte character, so each cut lands on a character
    // boundary, and no character is decoded on the way (this runs for
    // every frame).
    let mut rest = trim_end(text).strip_suffix('}')?;
    for _ in 0..MEMBERS_LOOKED_AT {
        let (before, key, value) = last_member(rest)?;
        if key == "echo" {
            return echo_id(value.strip_prefix('"')?.strip_suffix('"')?);
        }
        // `{` means the member was the object's first: nothing comes before.
        rest = before.strip_suffix(',')?;
    }
    None
}

/// What NapCat writes after a reply's `echo` value.
const NAPCAT_TAIL: &str = r#","stream":"normal-action"}"#;

/// The echo of a reply ending exactly as NapCat ends them,
/// `,"echo":"ncat-<id>","stream":"normal-action"}` (or `…"ncat-<id>"}`):
/// a few comparisons instead of the member-by-member reading below, which
/// finds the same id in every such frame.
fn napcat_tail(text: &str) -> Option<u64> {
    const ECHO_KEY: &str = r#""echo":""#;
    let rest = text
        .strip_suffix(NAPCAT_TAIL)
        .or_else(|| text.strip_suffix('}'))?
        .strip_suffix('"')?;
    // The echo's value starts after the last quote; `"` is ASCII, so the
    // cut is at a character boundary.
    let open = rest.bytes().rposition(|byte| byte == b'"')?;
    let before = rest[..=open].strip_suffix(ECHO_KEY)?;
    if !(before.ends_with(',') || before.ends_with('{')) {
        return None;
    }
    echo_id(&rest[open + 1..])
}

/// Splits `"key":value` off the end of `text` (whitespace allowed around
/// each token); returns what precedes it (trimmed), the key and the value
/// as written.
fn last_member(text: &str) -> Option<(&str, &str, &str)> {
    let text = trim_end(text);
    let value_start = if text.ends_with('"') {
        plain_string_start(text)?
    } else {
        // After the last byte that is no scalar's (a non-ASCII character's
        // last byte included): a character boundary.
        text.bytes().rposition(|byte| !is_scalar_byte(byte))? + 1
    };
    let value = &text[value_start..];
    if value.is_empty() {
        return None;
    }
    let text = trim_end(trim_end(&text[..value_start]).strip_suffix(':')?);
    if !text.ends_with('"') {
        return None;
    }
    let key_start = plain_string_start(text)?;
    let key = &text[key_start + 1..text.len() - 1];
    let before = trim_end(&text[..key_start]);
    if !(before.ends_with(',') || before.ends_with('{')) {
        return None;
    }
    Some((before, key, value))
}

/// Where the string literal ending `text` starts (its opening quote), if
/// its content has no escape or quote.
fn plain_string_start(text: &str) -> Option<usize> {
    let content = text.strip_suffix('"')?;
    let open = content
        .bytes()
        .rposition(|byte| byte == b'"' || byte == b'\\')?;
    (content.as_bytes()[open] == b'"').then_some(open)
}

/// `text` without the JSON whitespace it ends with.
fn trim_end(text: &str) -> &str {
    let kept = text
        .bytes()
        .rposition(|byte| !matches!(byte, b' ' | b'\t' | b'\n' | b'\r'))
        .map_or(0, |last| last + 1);
    &text[..kept]
}

/// The bytes of a number, `true`, `false` or `null`.
fn is_scalar_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'+' | b'.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn napcat_replies_are_matched_from_their_last_members() {
        for text in [
            r#"{"status":"ok","retcode":0,"data":{"echo":"ncat-9"},"message":"","wording":"","echo":"ncat-7","stream":"normal-action"}"#,
            r#"{"status":"ok","retcode":0,"data":null,"echo":"ncat-7"}"#,
            "{\"status\" : \"ok\" ,\r\n \"echo\" : \"ncat-7\" , \"stream\" : \"normal-action\" }\n",
            r#"{"echo":"ncat-7"}"#,
            r#"{"status":"ok","echo":"ncat-7","retcode":0}"#,
        ] {
            assert_eq!(trailing_echo(text), Some(7), "{text}");
        }
    }

    #[test]
    fn anything_else_is_left_to_the_full_reading() {
        for text in [
            // Not this client's echo, or not a string.
            r#"{"status":"ok","echo":"req-7"}"#,
            r#"{"status":"ok","echo":7}"#,
            r#"{"status":"ok","echo":null}"#,
            r#"{"status":"ok","echo":"ncat-07"}"#,
            // Echo earlier than the members looked at.
            r#"{"echo":"ncat-7","status":"ok","retcode":0,"stream":"normal-action"}"#,
            // Escapes: the members may not be what they seem.
            r#"{"status":"ok","echo":"nc\u0061t-7"}"#,
            r#"{"status":"ok","ech\u006f":"ncat-7"}"#,
            r#"{"data":"x\",\"echo\":\"ncat-7"}"#,
            // A nested object's member, or not an object's end at all.
            r#"{"data":{"echo":"ncat-7"}}"#,
            r#"["echo","ncat-7"]"#,
            r#""echo":"ncat-7"}"#,
            r#"{"status":"ok","echo":"ncat-7"} x"#,
            "",
            "}",
            "{}",
        ] {
            assert_eq!(trailing_echo(text), None, "{text}");
        }
    }

    #[test]
    fn non_ascii_where_a_scalar_or_whitespace_would_be_is_no_match() {
        for text in [
            "{\"a\":\"x\",é5}",
            "{\"status\":\"ok\",\"echo\":\"ncat-7\",\"x\":é}",
            "{\"status\":\"ok\",\"echo\":\"ncat-7\"\u{a0}}",
            "{\"status\":\"ok\",\"echo\":\"ncat-7\",\"令\":1}",
        ] {
            let expected = text.ends_with("\"令\":1}").then_some(7);
            assert_eq!(trailing_echo(text), expected, "{text}");
        }
    }

    #[test]
    fn napcat_tails_read_like_any_other() {
        for text in [
            r#"{"retcode":0,"echo":"ncat-12","stream":"normal-action"}"#,
            r#"{"retcode":0,"echo":"ncat-12"}"#,
            r#"{"echo":"ncat-12"}"#,
            r#"{"retcode":0,"echo":"ncat-012","stream":"normal-action"}"#,
            r#"{"retcode":0,"echo":"ncat-1\"2","stream":"normal-action"}"#,
            r#"{"retcode":0,"echo":"x\"echo\":\"ncat-12","stream":"normal-action"}"#,
            r#"{"retcode":0,"xecho":"ncat-12","stream":"normal-action"}"#,
            r#"{"retcode":0,"echo":"ncat-","stream":"normal-action"}"#,
            r#"{"retcode":0,"echo":"req-12","stream":"normal-action"}"#,
            r#"{"data":{"echo":"ncat-12"}}"#,
        ] {
            // Never a different answer from the member-by-member reading.
            if let Some(id) = napcat_tail(text) {
                assert_eq!(last_members_echo(text), Some(id), "{text}");
            }
        }
        assert_eq!(
            napcat_tail(r#"{"retcode":0,"echo":"ncat-12","stream":"normal-action"}"#),
            Some(12)
        );
        assert_eq!(napcat_tail(r#"{"data":{"echo":"ncat-12"}}"#), None);
        assert_eq!(
            napcat_tail(r#"{"retcode":0,"echo":"x\"echo\":\"ncat-12"}"#),
            None
        );
    }

    #[test]
    fn members_with_scalar_values_are_skipped() {
        let text = r#"{"status":"ok","echo":"ncat-3","retcode":-1.5e3}"#;
        assert_eq!(trailing_echo(text), Some(3));
        let text = r#"{"status":"ok","echo":"ncat-3","done":true}"#;
        assert_eq!(trailing_echo(text), Some(3));
    }
}
