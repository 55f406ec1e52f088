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
    let mut rest = text.trim_end().strip_suffix('}')?;
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

/// Splits `"key":value` off the end of `text` (whitespace allowed around
/// each token); returns what precedes it (trimmed), the key and the value
/// as written.
fn last_member(text: &str) -> Option<(&str, &str, &str)> {
    let text = text.trim_end();
    let value_start = if text.ends_with('"') {
        plain_string_start(text)?
    } else {
        text.rfind(|c: char| !is_scalar_char(c))? + 1
    };
    let value = &text[value_start..];
    if value.is_empty() {
        return None;
    }
    let text = text[..value_start].trim_end().strip_suffix(':')?.trim_end();
    if !text.ends_with('"') {
        return None;
    }
    let key_start = plain_string_start(text)?;
    let key = &text[key_start + 1..text.len() - 1];
    let before = text[..key_start].trim_end();
    if !(before.ends_with(',') || before.ends_with('{')) {
        return None;
    }
    Some((before, key, value))
}

/// Where the string literal ending `text` starts (its opening quote), if
/// its content has no escape or quote.
fn plain_string_start(text: &str) -> Option<usize> {
    let content = text.strip_suffix('"')?;
    let open = content.rfind(['"', '\\'])?;
    (content.as_bytes()[open] == b'"').then_some(open)
}

/// The characters of a number, `true`, `false` or `null`.
fn is_scalar_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '+' | '.')
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
    fn members_with_scalar_values_are_skipped() {
        let text = r#"{"status":"ok","echo":"ncat-3","retcode":-1.5e3}"#;
        assert_eq!(trailing_echo(text), Some(3));
        let text = r#"{"status":"ok","echo":"ncat-3","done":true}"#;
        assert_eq!(trailing_echo(text), Some(3));
    }
}
