//! CQ codes: the string form of a message, `hi [CQ:face,id=14]`.
//!
//! The parser matches what NapCat's does: a code is
//! `[CQ:<type>(,<key>=<value>)*]` with the type and keys made of
//! `[A-Za-z0-9_]`, a value runs to the next `,` or `]`, and anything that
//! does not match is literal text. Text and values are unescaped
//! (`&amp;` `&#91;` `&#93;` `&#44;`); every value is a string, which the
//! segment types read back into their numbers and flags. Parsing never
//! fails: like NapCat, it falls back to text.
//!
//! The encoder escapes `&`, `[`, `]` in text and also `,` in values, writes
//! numbers and flags as their decimal text, objects and arrays as JSON, and
//! the `content` of a node as a nested CQ string. Unlike NapCat's encoder
//! (which renders `raw_message`) it keeps empty values, and it writes a text
//! segment that is empty or follows another text segment as
//! `[CQ:text,text=…]`, so that parsing gives back exactly the segments that
//! were written.

use std::borrow::Cow;
use std::cell::Cell;
use std::collections::HashMap;
use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};

/// A piece of a parsed CQ string.
enum Piece {
    /// Literal text, unescaped; never empty.
    Text(String),
    /// A code, with its values unescaped.
    Code {
        /// The segment type.
        kind: String,
        /// The parameters, all strings.
        data: serde_json::Map<String, serde_json::Value>,
    },
}

/// How deep CQ strings are parsed inside each other (a node's `content` is
/// itself a CQ string). NapCat stops at 3; the limit only keeps crafted input
/// from exhausting the stack.
const MAX_NESTING: u32 = 32;

thread_local! {
    static NESTING: Cell<u32> = const { Cell::new(0) };
}

/// Parses a CQ string into segments made by `text` (for literal text) and
/// `code` (for a code's type and parameters, all strings).
///
/// Nested deeper than [`MAX_NESTING`], the whole string is one text piece.
pub(super) fn parse<T>(
    input: &str,
    text: impl Fn(String) -> T,
    code: impl Fn(String, serde_json::Map<String, serde_json::Value>) -> T,
) -> Vec<T> {
    let Some(_level) = NestingLevel::enter() else {
        return vec![text(input.to_owned())];
    };
    // `code` may parse nested CQ strings: the level is held until it is done.
    split(input)
        .into_iter()
        .map(|piece| match piece {
            Piece::Text(literal) => text(literal),
            Piece::Code { kind, data } => code(kind, data),
        })
        .collect()
}

/// One level of CQ strings being parsed on this thread, released on drop.
struct NestingLevel;

impl NestingLevel {
    fn enter() -> Option<NestingLevel> {
        NESTING.with(|depth| {
            let level = depth.get();
            (level < MAX_NESTING).then(|| {
                depth.set(level + 1);
                NestingLevel
            })
        })
    }
}

impl Drop for NestingLevel {
    fn drop(&mut self) {
        NESTING.with(|depth| depth.set(depth.get().saturating_sub(1)));
    }
}

/// Splits a CQ string into text and codes.
fn split(input: &str) -> Vec<Piece> {
    let mut scanner = Scanner::new(input);
    let mut pieces = Vec::new();
    let mut text_start = 0;
    let mut search_from = 0;
    while let Some(offset) = input[search_from..].find("[CQ:") {
        let start = search_from + offset;
        match scanner.code_at(start) {
            Some((piece, end)) => {
                push_text(&mut pieces, &input[text_start..start]);
                pieces.push(piece);
                text_start = end;
                search_from = end;
            }
            // Not a code: the `[` is text, and a code may start right after it.
            None => search_from = start + 1,
        }
    }
    push_text(&mut pieces, &input[text_start..]);
    pieces
}

fn push_text(pieces: &mut Vec<Piece>, escaped: &str) {
    if !escaped.is_empty() {
        pieces.push(Piece::Text(unescape(escaped)));
    }
}

/// Reads the codes of one CQ string.
///
/// Every index it looks at is that of an ASCII delimiter or just after
/// one, so each is a char boundary.
struct Scanner<'a> {
    input: &'a str,
    /// Where the parameter list from a `,` or `]` ends (`None`: it is not
    /// well-formed). Remembered because the `[CQ:` inside a failed code's
    /// values would otherwise read the same parameters again, making
    /// crafted input quadratic.
    list_ends: HashMap<usize, Option<usize>>,
}

impl<'a> Scanner<'a> {
    fn new(input: &'a str) -> Self {
        Scanner {
            input,
            list_ends: HashMap::new(),
        }
    }

    /// The code at `start` (where `[CQ:` is) and the index after it, or
    /// `None` when it is not a well-formed code.
    fn code_at(&mut self, start: usize) -> Option<(Piece, usize)> {
        let kind_start = start + "[CQ:".len();
        let kind_end = kind_start + word_length(&self.input[kind_start..]);
        if kind_end == kind_start {
            return None;
        }
        let end = self.list_end(kind_end)?;
        let mut data = serde_json::Map::new();
        let mut position = kind_end;
        while let Some((key, value, next)) = self.parameter_at(position) {
            // A repeated key keeps its last value, as in NapCat.
            data.insert(key.to_owned(), serde_json::Value::String(unescape(value)));
            position = next;
        }
        let kind = self.input[kind_start..kind_end].to_owned();
        Some((Piece::Code { kind, data }, end))
    }

    /// The `,key=value` at `position`: its key, its escaped value, and the
    /// index of the `,` or `]` after it.
    fn parameter_at(&self, position: usize) -> Option<(&'a str, &'a str, usize)> {
        let rest = self.input.get(position..)?.strip_prefix(',')?;
        let key_length = word_length(rest);
        if key_length == 0 {
            return None;
        }
        let value = rest[key_length..].strip_prefix('=')?;
        let value_length = value.find([',', ']'])?;
        let next = position + ",".len() + key_length + "=".len() + value_length;
        Some((&rest[..key_length], &value[..value_length], next))
    }

    /// The index after the `]` closing the parameter list from `position`,
    /// or `None` when the list is not well-formed.
    fn list_end(&mut self, mut position: usize) -> Option<usize> {
        let mut visited = Vec::new();
        let end = loop {
            if let Some(&end) = self.list_ends.get(&position) {
                break end;
            }
            visited.push(position);
            if self.input.as_bytes().get(position) == Some(&b']') {
                break Some(position + 1);
            }
            match self.parameter_at(position) {
                Some((_, _, next)) => position = next,
                None => break None,
            }
        };
        for position in visited {
            self.list_ends.insert(position, end);
        }
        end
    }
}

/// The length of the leading run of `[A-Za-z0-9_]` (JavaScript's `\w`).
fn word_length(text: &str) -> usize {
    text.bytes()
        .take_while(|byte| byte.is_ascii_alphanumeric() || *byte == b'_')
        .count()
}

/// Undoes CQ escaping in one pass, so that `&amp;#91;` stays `&#91;`.
fn unescape(escaped: &str) -> String {
    const ENTITIES: [(&str, char); 4] = [
        ("&amp;", '&'),
        ("&#91;", '['),
        ("&#93;", ']'),
        ("&#44;", ','),
    ];
    let mut text = String::with_capacity(escaped.len());
    let mut rest = escaped;
    while let Some(ampersand) = rest.find('&') {
        text.push_str(&rest[..ampersand]);
        rest = &rest[ampersand..];
        match ENTITIES.iter().find(|(entity, _)| rest.starts_with(entity)) {
            Some((entity, character)) => {
                text.push(*character);
                rest = &rest[entity.len()..];
            }
            None => {
                text.push('&');
                rest = &rest[1..];
            }
        }
    }
    text.push_str(rest);
    text
}

/// Writes `text` escaped: `&`, `[`, `]`, and `,` too inside a value.
fn write_escaped(out: &mut fmt::Formatter<'_>, text: &str, in_value: bool) -> fmt::Result {
    let mut unwritten = 0;
    for (index, character) in text.char_indices() {
        let entity = match character {
            '&' => "&amp;",
            '[' => "&#91;",
            ']' => "&#93;",
            ',' if in_value => "&#44;",
            _ => continue,
        };
        out.write_str(&text[unwritten..index])?;
        out.write_str(entity)?;
        // The escaped characters are ASCII: one byte.
        unwritten = index + 1;
    }
    out.write_str(&text[unwritten..])
}

/// What the encoder needs from a segment type beyond its wire form.
pub(super) trait CqSegment: Serialize {
    /// The segment's `type`.
    fn kind(&self) -> &str;

    /// The text of a text segment.
    fn text(&self) -> Option<&str>;

    /// The CQ string of the segment's `content`, when that is a message (a
    /// node's), so that it nests as a CQ string rather than as JSON.
    fn nested_message(&self) -> Option<String>;
}

/// Writes segments as a CQ string.
pub(super) fn write<'a, S: CqSegment + 'a>(
    out: &mut fmt::Formatter<'_>,
    segments: impl IntoIterator<Item = &'a S>,
) -> fmt::Result {
    // Text right after bare text would merge with it when parsed back.
    let mut after_bare_text = false;
    for segment in segments {
        match segment.text() {
            Some(text) if !text.is_empty() && !after_bare_text => {
                write_escaped(out, text, false)?;
                after_bare_text = true;
            }
            _ => {
                write_code(out, segment)?;
                after_bare_text = false;
            }
        }
    }
    Ok(())
}

fn write_code<S: CqSegment>(out: &mut fmt::Formatter<'_>, segment: &S) -> fmt::Result {
    out.write_str("[CQ:")?;
    out.write_str(segment.kind())?;
    let nested = segment.nested_message();
    for (key, value) in data_fields(segment) {
        let value: Cow<'_, str> = match (&value, &nested) {
            (_, Some(message)) if key == "content" => Cow::Borrowed(message),
            (serde_json::Value::Null, _) => continue,
            (serde_json::Value::String(text), _) => Cow::Borrowed(text),
            // Numbers and flags as their text, objects and arrays as JSON.
            (other, _) => Cow::Owned(other.to_string()),
        };
        out.write_str(",")?;
        out.write_str(&key)?;
        out.write_str("=")?;
        write_escaped(out, &value, true)?;
    }
    out.write_str("]")
}

/// The fields of a segment's `data`, in the order its type writes them.
///
/// Going through JSON text keeps that order, which a `serde_json::Map`
/// would sort. Data that is not an object (possible only for an unknown
/// segment) has no fields a CQ code could carry, and gives none; so would a
/// serialization error, which the segment types cannot produce.
fn data_fields<S: Serialize>(segment: &S) -> Vec<(String, serde_json::Value)> {
    #[derive(Deserialize)]
    struct Wire {
        #[serde(default)]
        data: Fields,
    }
    serde_json::to_string(segment)
        .ok()
        .and_then(|json| serde_json::from_str::<Wire>(&json).ok())
        .map(|wire| wire.data.0)
        .unwrap_or_default()
}

/// The entries of a JSON object in document order; `null` has none.
#[derive(Default)]
struct Fields(Vec<(String, serde_json::Value)>);

impl<'de> Deserialize<'de> for Fields {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(FieldsVisitor)
    }
}

struct FieldsVisitor;

impl<'de> Visitor<'de> for FieldsVisitor {
    type Value = Fields;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("segment data: an object or null")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Fields, E> {
        Ok(Fields::default())
    }

    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Fields, A::Error> {
        let mut fields = Vec::new();
        while let Some(entry) = map.next_entry()? {
            fields.push(entry);
        }
        Ok(Fields(fields))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unescape_is_one_pass() {
        assert_eq!(unescape("&amp;#91;"), "&#91;");
        assert_eq!(unescape("&#91;x&#93;&#44;&amp;"), "[x],&");
        assert_eq!(unescape("& &am &#9 &#911; &#91"), "& &am &#9 &#911; &#91");
        assert_eq!(unescape("中&#91;文"), "中[文");
    }

    #[test]
    fn malformed_codes_are_text() {
        for input in [
            "[CQ:]",
            "[CQ:face, id=1]",
            "[CQ:face,id=1",
            "[CQ:face,=1]",
            "[CQ:face,id]",
            "[CQ:fa-ce]",
            "[CQ:face,id=1,]",
        ] {
            let pieces = split(input);
            assert!(
                matches!(pieces.as_slice(), [Piece::Text(text)] if text == input),
                "{input}"
            );
        }
    }

    #[test]
    fn parameters_of_failed_codes_are_read_once() {
        // Every `[CQ:` starts a code that fails only at the very end; read
        // again for each of them, this would take minutes.
        let input = format!("{}, x", "[CQ:a,b=".repeat(100_000));
        let pieces = split(&input);
        assert!(matches!(pieces.as_slice(), [Piece::Text(text)] if *text == input));
    }

    #[test]
    fn a_code_can_start_inside_failed_brackets() {
        let pieces = split("[CQ:x[CQ:face,id=1]");
        assert!(matches!(
            pieces.as_slice(),
            [Piece::Text(text), Piece::Code { kind, .. }] if text == "[CQ:x" && kind == "face"
        ));
    }
}
