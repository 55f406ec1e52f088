//! Messages as arrays of segments, the form NapCat prefers.
//!
//! What you send and what you receive are different types: [`Message`] of
//! [`Segment`]s for sending, [`ReceivedMessage`] of [`ReceivedSegment`]s for
//! events and replies. A kind NapCat cannot send has no [`Segment`] variant,
//! so it does not compile in a message; received content is sent on through
//! a fallible conversion ([`NotSendable`]). The data of each kind lives in
//! [`segment`]; CQ-code strings are read and written by `from_cq` / `to_cq`.

mod cq;
// Reached from bots' crates as `ncat_api::extension::__segment`.
pub mod extension_segment;
mod extra;
mod forward;
mod kinds;
mod media;
mod outgoing;
mod received;
mod wire;

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub use media::Media;
pub use received::{NotSendable, ReceivedMessage};
pub use segment::enums::{ReceivedSegment, Segment};

pub mod segment {
    //! The data of each kind of segment, and where each kind lives.
    //!
    //! Every kind of segments.json (OneBot 11 and NapCat) is here: in
    //! [`Segment`](crate::Segment) when NapCat can send it, in
    //! [`ReceivedSegment`](crate::ReceivedSegment) when it can arrive.
    //! Kinds whose received form differs from the sent one have a
    //! `Received…` data type.
    //!
    //! | `type` | send ([`Segment`](crate::Segment)) | receive ([`ReceivedSegment`](crate::ReceivedSegment)) |
    //! |---|---|---|
    //! | `text` | [`Text`] | [`Text`] |
    //! | `face` | [`Face`] | [`ReceivedFace`] |
    //! | `image` | [`Image`] | [`ReceivedImage`] (also market faces) |
    //! | `record` | [`Record`] | [`ReceivedRecord`] |
    //! | `video` | [`Video`] | [`ReceivedVideo`] |
    //! | `file` | [`File`] | [`ReceivedFile`] |
    //! | `at` | [`At`] (a user or everyone) | [`ReceivedAt`] (an [`At`] and NapCat's `name`) |
    //! | `reply` | [`Reply`] (by id, `seq` or both) | [`ReceivedReply`] |
    //! | `dice`, `rps` | `Segment::Dice`, `Segment::Rps` | [`Outcome`] |
    //! | `json` | [`Json`] | [`Json`] (all cards: links, contacts, locations, music, mini apps) |
    //! | `markdown` | [`Markdown`] | [`Markdown`] |
    //! | `music` (id, custom or platform card) | [`Music`], [`CustomMusic`] | — (arrives as `json`) |
    //! | `contact` | [`Contact`] | [`Contact`] (OneBot 11; NapCat: `json`) |
    //! | `mface` | [`Mface`] | — (arrives as `image`) |
    //! | `forward` | [`Forward`] (by `res_id`) | [`ReceivedForward`] (its [`ForwardedMessage`]s) |
    //! | `node` (id, custom) | [`Node`], [`CustomNode`] | [`ReceivedNode`] (OneBot 11 only) |
    //! | `poke` | — (NapCat drops it; `send_poke` action) | [`Poke`] |
    //! | `share` | — (NapCat rejects it) | [`Share`] (OneBot 11; NapCat: `json`) |
    //! | `location` | — (NapCat sends a placeholder) | [`Location`] (OneBot 11; NapCat: `json`) |
    //! | `xml` | — (NapCat drops it) | [`Xml`] (OneBot 11) |
    //! | `onlinefile` | — | [`OnlineFile`] |
    //! | `flashtransfer` | — (`send_flash_msg` action) | [`FlashTransfer`] |
    //! | `shake`, `anonymous` | — (NapCat rejects them; QQ dropped both) | — (never sent) |
    //! | `miniapp` | — (NapCat drops it; sign a `json` card with `get_mini_app_ark`) | — (arrives as `json`) |
    //!
    //! A kind without a variant can still be sent or read untyped, as
    //! `Segment::Unknown` / `ReceivedSegment::Unknown`. A key of a known
    //! kind that its type has no field for is kept in the type's `extra`
    //! ([`Extra`]): readable, and sent again unchanged.
    pub use super::extra::Extra;
    // The hooks of `schema/segments.yaml`: data types that stay hand-written.
    pub use super::forward::{
        CustomNode, ForwardedMessage, ForwardedSender, Node, ReceivedForward, ReceivedNode,
    };
    pub use super::kinds::{At, Contact, CustomMusic, Music, MusicPlatform, ReceivedAt, Reply};

    /// A segment kind of the schema (`schema/segments.yaml`), as listed in
    /// [`KINDS`].
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    #[non_exhaustive]
    pub struct KindInfo {
        /// The wire `type`.
        pub kind: &'static str,
        /// Whether NapCat can send it: it has a [`Segment`](crate::Segment) variant.
        pub send: bool,
        /// Whether it arrives: it has a [`ReceivedSegment`](crate::ReceivedSegment) variant.
        pub receive: bool,
        /// The kind NapCat delivers it as instead (`music` arrives as `json`).
        pub arrives_as: Option<&'static str>,
    }

    // From `schema/segments.yaml`: every data type that is not a hook
    // (struct, serde, constructor and setters), the keys each data type
    // reads (so decoding keeps the others in its `extra`), `KINDS`, and in
    // the module `enums` the `Segment` and `ReceivedSegment` enums with
    // their wire dispatch (which the CQ-code reader and writer go through),
    // `From` each data type to send, and the `Segment` constructors and
    // `Message` builder methods; `generated/segments.rs` is the snapshot of
    // this expansion, as `generated/actions.rs` is of the actions'.
    #[cfg(feature = "extend")]
    ncat_codegen::generate_segments!("schema", snapshot = "generated/segments.rs");
    #[cfg(not(feature = "extend"))]
    include!("../../generated/segments.rs");
}

/// A message to send: a sequence of [`Segment`]s, sent as a JSON array
/// (`[{"type": "text", "data": {"text": "hi"}}, …]`).
///
/// Build one with the chained methods, one per kind NapCat can send, or
/// convert from a string or segments:
///
/// ```
/// use ncat_api::segment::{CustomMusic, Image};
/// use ncat_api::{Media, Message, MessageId, UserId};
///
/// let message = Message::new()
///     .reply(MessageId::new(1588762139))
///     .at(UserId::new(10001))
///     .text(" look: ")
///     .image("https://example.com/a.png")
///     .image(Media::base64(b"\x89PNG..."))
///     .image(Image::new(Media::path("/data/cat.gif")).summary("[动画表情]").sub_type(1))
///     .face(14);
/// assert_eq!(message.segments().len(), 7);
///
/// let plain: Message = "hello".into();
/// let card = Message::new().music(CustomMusic::new("https://example.com", "https://example.com/c.png"));
/// ```
///
/// A string converts to one `text` segment and is sent literally: ncat
/// never sends CQ-code strings, so `[CQ:…]` in text is not interpreted.
/// To build a message from a CQ string on purpose, use [`Message::from_cq`].
///
/// A message that [deserializes](Deserialize) reads every shape NapCat
/// accepts for a message parameter: an array of segments, one segment
/// object, or a CQ-code string.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
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

    /// Appends a segment: any [`Segment`] or segment data
    /// (`.segment(Reply::new(id).seq(seq))`).
    pub fn segment(mut self, segment: impl Into<Segment>) -> Self {
        self.push(segment);
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

    /// Parses a CQ-code string into segments, as NapCat does with a string
    /// message (unless `auto_escape` is set). It never fails: anything that
    /// is not a well-formed code is text.
    ///
    /// ```
    /// use ncat_api::{Message, UserId};
    ///
    /// let message = Message::from_cq("[CQ:at,qq=10001] 1&#44;2 &#91;ok&#93;[CQ:face,id=14]");
    /// assert_eq!(message, Message::new().at(UserId::new(10001)).text(" 1,2 [ok]").face(14));
    /// ```
    pub fn from_cq(cq: &str) -> Self {
        Message(cq::parse(cq, Segment::text, |kind, data| {
            Segment::from_wire(kind, serde_json::Value::Object(data))
        }))
    }

    /// The message as a CQ-code string; the same as `to_string()`.
    ///
    /// Text escapes `&`, `[` and `]`, values also `,`, so
    /// [`Message::from_cq`] reads back an equal message: only the data of
    /// [`Segment::Unknown`] is limited to what a CQ code can carry (string
    /// values under `[A-Za-z0-9_]` keys).
    ///
    /// ```
    /// use ncat_api::Message;
    ///
    /// let message = Message::new().text("- [x] use &data, ok").face(14);
    /// assert_eq!(message.to_cq(), "- &#91;x&#93; use &amp;data, ok[CQ:face,id=14]");
    /// assert_eq!(Message::from_cq(&message.to_cq()), message);
    /// ```
    pub fn to_cq(&self) -> String {
        self.to_string()
    }
}

/// The CQ-code string, as [`Message::to_cq`].
impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        cq::write(f, &self.0)
    }
}

impl Serialize for Message {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(&self.0)
    }
}

/// Reads an array of segments, a single segment object, or a CQ-code
/// string: the shapes NapCat accepts for a message parameter. See
/// [`Segment`]'s `Deserialize` for unknown kinds.
impl<'de> Deserialize<'de> for Message {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match wire::RawMessage::deserialize(deserializer)? {
            wire::RawMessage::Segments(segments) => segments
                .into_iter()
                .map(|raw| Segment::from_wire(raw.kind, raw.data))
                .collect(),
            wire::RawMessage::Cq(cq) => Message::from_cq(&cq),
        })
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
    fn unknown_segments_are_sent_as_given() {
        let message = Message::from(Segment::unknown("shake", json!({})));
        assert_eq!(to_json(&message), json!([{"type": "shake", "data": {}}]));
    }

    #[test]
    fn messages_read_every_shape_napcat_accepts() {
        let array: Message =
            serde_json::from_value(json!([{"type": "face", "data": {"id": "14"}}])).unwrap();
        let object: Message =
            serde_json::from_value(json!({"type": "face", "data": {"id": 14}})).unwrap();
        let cq: Message = serde_json::from_value(json!("[CQ:face,id=14]")).unwrap();
        assert_eq!(array, Message::new().face(14));
        assert_eq!(object, array);
        assert_eq!(cq, array);
    }

    #[test]
    fn segments_without_a_type_are_rejected() {
        assert!(serde_json::from_value::<Message>(json!([{"data": {"text": "x"}}])).is_err());
        assert!(serde_json::from_value::<Message>(json!(42)).is_err());
        assert!(serde_json::from_value::<ReceivedMessage>(json!([{"type": 1}])).is_err());
    }
}
