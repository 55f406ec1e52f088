//! Messages as arrays of segments, the form NapCat prefers.

use serde::{Deserialize, Serialize};

use crate::id::{MessageId, UserId};

/// A message: a sequence of [`Segment`]s, sent and received as a JSON array
/// (`[{"type": "text", "data": {"text": "hi"}}, …]`).
///
/// Build one with the chained methods, or convert from a string or segments:
///
/// ```
/// use ncat_api::{Message, MessageId, UserId};
///
/// let message = Message::new()
///     .reply(MessageId::new(1588762139))
///     .at(UserId::new(10001))
///     .text(" look: ")
///     .image("https://example.com/a.png");
/// assert_eq!(message.segments().len(), 4);
///
/// let plain: Message = "hello".into();
/// ```
///
/// A string converts to one `text` segment and is sent literally: ncat never
/// sends CQ-code strings, so `[CQ:…]` in text is not interpreted.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Message(Vec<Segment>);

impl Message {
    /// An empty message.
    pub fn new() -> Self {
        Message::default()
    }

    /// Appends a segment.
    pub fn push(&mut self, segment: impl Into<Segment>) {
        self.0.push(segment.into());
    }

    /// Appends plain text.
    pub fn text(mut self, text: impl Into<String>) -> Self {
        self.push(Segment::text(text));
        self
    }

    /// Appends a mention of `user`.
    pub fn at(mut self, user: impl Into<UserId>) -> Self {
        self.push(Segment::at(user));
        self
    }

    /// Appends a mention of everyone in the group (`@全体成员`).
    pub fn at_all(mut self) -> Self {
        self.push(Segment::at_all());
        self
    }

    /// Appends an image; see [`Segment::image`] for what `file` may be.
    pub fn image(mut self, file: impl Into<String>) -> Self {
        self.push(Segment::image(file));
        self
    }

    /// Appends a quote of `message`, making this message a reply to it.
    /// QQ shows the quote above the text wherever it appears, but put it
    /// first by convention.
    pub fn reply(mut self, message: impl Into<MessageId>) -> Self {
        self.push(Segment::reply(message));
        self
    }

    /// Whether the message has no segments.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The segments, in order.
    pub fn segments(&self) -> &[Segment] {
        &self.0
    }
}

impl From<&str> for Message {
    fn from(text: &str) -> Self {
        Message::new().text(text)
    }
}

impl From<String> for Message {
    fn from(text: String) -> Self {
        Message::new().text(text)
    }
}

impl From<Segment> for Message {
    fn from(segment: Segment) -> Self {
        Message(vec![segment])
    }
}

impl From<Vec<Segment>> for Message {
    fn from(segments: Vec<Segment>) -> Self {
        Message(segments)
    }
}

impl FromIterator<Segment> for Message {
    fn from_iter<I: IntoIterator<Item = Segment>>(segments: I) -> Self {
        Message(segments.into_iter().collect())
    }
}

impl Extend<Segment> for Message {
    fn extend<I: IntoIterator<Item = Segment>>(&mut self, segments: I) {
        self.0.extend(segments);
    }
}

impl IntoIterator for Message {
    type Item = Segment;
    type IntoIter = std::vec::IntoIter<Segment>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Message {
    type Item = &'a Segment;
    type IntoIter = std::slice::Iter<'a, Segment>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// One part of a [`Message`], on the wire `{"type": "<kind>", "data": {…}}`.
///
/// Only the most common kinds are modelled so far; any other kind is
/// [`Segment::Other`], which keeps its data as JSON both ways. Build
/// segments with the constructor functions ([`Segment::text`], …): more
/// kinds, and more fields in the existing ones, will be added, so the
/// variants cannot be written out as literals outside this crate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "data", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Segment {
    /// Plain text.
    #[non_exhaustive]
    Text {
        /// The text, sent literally.
        text: String,
    },
    /// A mention.
    #[non_exhaustive]
    At {
        /// The mentioned QQ number as a string, or `"all"` for everyone.
        qq: String,
    },
    /// An image.
    #[non_exhaustive]
    Image {
        /// Where NapCat gets the image when sending (see
        /// [`Segment::image`]); the file name when receiving.
        file: String,
    },
    /// A quote of an earlier message.
    #[non_exhaustive]
    Reply {
        /// The quoted message's id, as a string.
        id: String,
    },
    /// A kind of segment ncat does not model (yet), e.g. `face` or
    /// `record`, or a known kind whose data does not have the expected
    /// fields. Sent exactly as it stands.
    #[serde(untagged)]
    #[non_exhaustive]
    Other {
        /// The segment's `type`.
        #[serde(rename = "type")]
        kind: String,
        /// The segment's `data`.
        #[serde(default)]
        data: serde_json::Value,
    },
}

impl Segment {
    /// A text segment.
    pub fn text(text: impl Into<String>) -> Self {
        Segment::Text { text: text.into() }
    }

    /// A mention of `user`.
    pub fn at(user: impl Into<UserId>) -> Self {
        Segment::At {
            qq: user.into().to_string(),
        }
    }

    /// A mention of everyone in the group.
    pub fn at_all() -> Self {
        Segment::At {
            qq: "all".to_owned(),
        }
    }

    /// An image. `file` is an `http(s)://` URL, a `file://` path on the
    /// NapCat host, or `base64://<data>`.
    pub fn image(file: impl Into<String>) -> Self {
        Segment::Image { file: file.into() }
    }

    /// A quote of `message`.
    pub fn reply(message: impl Into<MessageId>) -> Self {
        Segment::Reply {
            id: message.into().to_string(),
        }
    }

    /// A segment of any `kind`, for kinds without a constructor:
    /// `Segment::other("face", json!({"id": "14"}))`.
    pub fn other(kind: impl Into<String>, data: serde_json::Value) -> Self {
        Segment::Other {
            kind: kind.into(),
            data,
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use serde_json::json;

    use super::*;

    fn to_json(message: &Message) -> serde_json::Value {
        serde_json::to_value(message).unwrap()
    }

    #[test]
    fn builder_produces_the_segment_array_napcat_expects() {
        let message = Message::new()
            .reply(1588762139)
            .at(10001000)
            .text(" look: ")
            .image("https://example.com/a.png")
            .at_all();
        assert_eq!(
            serde_json::to_string(&message).unwrap(),
            r#"[{"type":"reply","data":{"id":"1588762139"}},{"type":"at","data":{"qq":"10001000"}},{"type":"text","data":{"text":" look: "}},{"type":"image","data":{"file":"https://example.com/a.png"}},{"type":"at","data":{"qq":"all"}}]"#
        );
    }

    #[test]
    fn strings_become_one_literal_text_segment() {
        let expected = json!([{"type": "text", "data": {"text": "hi [CQ:face,id=14]"}}]);
        assert_eq!(to_json(&"hi [CQ:face,id=14]".into()), expected);
        assert_eq!(
            to_json(&String::from("hi [CQ:face,id=14]").into()),
            expected
        );
    }

    #[test]
    fn segments_convert_into_messages() {
        let one = Message::from(Segment::text("a"));
        assert_eq!(one.segments(), [Segment::text("a")]);
        let many = Message::from(vec![Segment::text("a"), Segment::at(1)]);
        assert_eq!(many.segments().len(), 2);
        let collected: Message = [Segment::text("a"), Segment::at_all()]
            .into_iter()
            .collect();
        assert_eq!(
            to_json(&collected),
            json!([{"type": "text", "data": {"text": "a"}}, {"type": "at", "data": {"qq": "all"}}])
        );
    }

    #[test]
    fn empty_message_is_an_empty_array() {
        let message = Message::new();
        assert!(message.is_empty());
        assert_eq!(to_json(&message), json!([]));
        assert!(!Message::from("x").is_empty());
    }

    #[test]
    fn messages_iterate_and_extend() {
        let mut message = Message::new().text("a");
        message.push(Segment::text("b"));
        message.extend([Segment::text("c")]);
        let borrowed: Vec<&Segment> = (&message).into_iter().collect();
        assert_eq!(borrowed.len(), 3);
        let owned: Vec<Segment> = message.into_iter().collect();
        assert_eq!(owned[2], Segment::text("c"));
    }

    #[test]
    fn other_segments_are_sent_as_given() {
        let message = Message::from(Segment::other("face", json!({"id": "14"})));
        assert_eq!(
            to_json(&message),
            json!([{"type": "face", "data": {"id": "14"}}])
        );
    }

    #[test]
    fn received_messages_parse_known_and_unknown_kinds() {
        let received = json!([
            {"type": "reply", "data": {"id": "1588762139"}},
            {"type": "at", "data": {"qq": "10001", "name": "Alice"}},
            {"type": "text", "data": {"text": " hi"}},
            {"type": "image", "data": {"file": "abc.jpg", "url": "https://x/abc.jpg", "sub_type": 0}},
            {"type": "face", "data": {"id": "14", "raw": {"faceIndex": 14}}},
            {"type": "dice"}
        ]);
        let message: Message = serde_json::from_value(received).unwrap();
        assert_eq!(
            message.segments(),
            [
                Segment::reply(1588762139),
                Segment::at(10001),
                Segment::text(" hi"),
                Segment::image("abc.jpg"),
                Segment::other("face", json!({"id": "14", "raw": {"faceIndex": 14}})),
                Segment::other("dice", serde_json::Value::Null),
            ]
        );
    }

    #[test]
    fn segments_without_a_type_are_rejected() {
        assert!(serde_json::from_value::<Message>(json!([{"data": {"text": "x"}}])).is_err());
        assert!(serde_json::from_value::<Message>(json!("a CQ string")).is_err());
    }
}
