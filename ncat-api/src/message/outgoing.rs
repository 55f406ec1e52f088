//! [`Segment`]: one part of a message you send.

use serde::ser::SerializeStruct;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::extra::{Extra, SegmentData};
use super::segment::{
    At, Contact, Face, File, Forward, Image, Json, Markdown, Mface, Music, Node, Record, Reply,
    Text, Video,
};
use super::{cq, wire};

/// One part of a [`Message`](crate::Message) you send, on the wire
/// `{"type": "<kind>", "data": {…}}`.
///
/// There is a variant for every kind NapCat can send. Kinds it cannot send
/// have none, so they do not compile in a message: receive-only kinds
/// (`onlinefile`, `flashtransfer`, a received `forward`, `poke`) and the
/// OneBot 11 kinds NapCat rejects (`shake`, `anonymous`, `share`) or drops
/// (`xml`, `miniapp`, `location`). See the [module table](crate::segment)
/// for where each kind lives.
///
/// Build segments with the constructors ([`Segment::text`], [`Segment::image`],
/// …, the same names as the [`Message`](crate::Message) builder methods) or
/// from their [data](crate::segment) (`Segment::from(Image::new(…))`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Segment {
    /// Plain text (`text`).
    Text(Text),
    /// A QQ system face (`face`).
    Face(Face),
    /// An image (`image`).
    Image(Image),
    /// A voice message (`record`).
    Record(Record),
    /// A video (`video`).
    Video(Video),
    /// A file (`file`, NapCat).
    File(File),
    /// A mention of a user or of everyone (`at`).
    At(At),
    /// A quote of an earlier message (`reply`).
    Reply(Reply),
    /// A dice (`dice`); QQ rolls it.
    Dice,
    /// Rock-paper-scissors (`rps`); QQ picks the hand.
    Rps,
    /// An Ark/JSON card (`json`).
    Json(Json),
    /// Markdown (`markdown`, NapCat; only works inside forward nodes).
    Markdown(Markdown),
    /// A music card (`music`).
    Music(Music),
    /// A recommended user or group card (`contact`).
    Contact(Contact),
    /// A market face (`mface`, NapCat).
    Mface(Mface),
    /// A forward card sent again by its `res_id` (`forward`, NapCat).
    Forward(Forward),
    /// A message of a merged forward (`node`).
    Node(Node),
    /// A segment of a kind ncat does not model, sent exactly as it stands.
    ///
    /// Decoding also produces it for a known kind whose data does not have
    /// the expected shape, so nothing is lost.
    Unknown {
        /// The segment's `type`.
        kind: String,
        /// The segment's `data`.
        data: serde_json::Value,
    },
}

impl Segment {
    /// Plain text.
    pub fn text(text: impl Into<String>) -> Self {
        Segment::Text(Text::new(text))
    }

    /// A QQ system face, by id (`face(14)`) or with its options
    /// (`face(Face::new(…).result_id(…))`).
    pub fn face(face: impl Into<Face>) -> Self {
        Segment::Face(face.into())
    }

    /// An image: a source (`"https://…"`, [`Media::path`](crate::Media::path),
    /// [`Media::base64`](crate::Media::base64), …) or an [`Image`] with its
    /// options.
    pub fn image(image: impl crate::IntoMedia<Image>) -> Self {
        Segment::Image(image.into_media())
    }

    /// A voice message from a source ([`Media`](crate::Media) or string).
    pub fn record(record: impl crate::IntoMedia<Record>) -> Self {
        Segment::Record(record.into_media())
    }

    /// A video: a source or a [`Video`] with its options.
    pub fn video(video: impl crate::IntoMedia<Video>) -> Self {
        Segment::Video(video.into_media())
    }

    /// A file: a source or a [`File`] with its name.
    pub fn file(file: impl crate::IntoMedia<File>) -> Self {
        Segment::File(file.into_media())
    }

    /// A mention of `user`.
    pub fn at(user: impl crate::IntoUserId) -> Self {
        Segment::At(At::User(user.into_user_id()))
    }

    /// A mention of everyone in the group (`@全体成员`).
    pub fn at_all() -> Self {
        Segment::At(At::All)
    }

    /// A quote of `message`.
    pub fn reply(message: impl crate::IntoMessageId) -> Self {
        Segment::Reply(Reply::new(message))
    }

    /// A dice.
    pub fn dice() -> Self {
        Segment::Dice
    }

    /// Rock-paper-scissors.
    pub fn rps() -> Self {
        Segment::Rps
    }

    /// An Ark/JSON card, from its JSON text or a [`serde_json::Value`].
    pub fn json(card: impl Into<Json>) -> Self {
        Segment::Json(card.into())
    }

    /// Markdown.
    pub fn markdown(content: impl Into<String>) -> Self {
        Segment::Markdown(Markdown::new(content))
    }

    /// A music card: [`Music::track`] or a [`CustomMusic`](super::kinds::CustomMusic).
    pub fn music(music: impl Into<Music>) -> Self {
        Segment::Music(music.into())
    }

    /// A recommended contact: a [`UserId`](crate::UserId) or a [`GroupId`](crate::GroupId).
    pub fn contact(contact: impl Into<Contact>) -> Self {
        Segment::Contact(contact.into())
    }

    /// A market face.
    pub fn mface(mface: Mface) -> Self {
        Segment::Mface(mface)
    }

    /// A forward card, by the `res_id` sending it returned.
    pub fn forward(res_id: impl Into<String>) -> Self {
        Segment::Forward(Forward::new(res_id))
    }

    /// A node of a merged forward: an existing message's [`MessageId`](crate::MessageId) or a
    /// [`CustomNode`](super::forward::CustomNode).
    pub fn node(node: impl Into<Node>) -> Self {
        Segment::Node(node.into())
    }

    /// A segment of any `kind` with any `data`, sent exactly as given:
    /// `Segment::unknown("poke", json!({"type": "1", "id": "1"}))`. NapCat
    /// fails the whole request on a kind it does not know
    /// (`未知的消息类型`).
    pub fn unknown(kind: impl Into<String>, data: serde_json::Value) -> Self {
        Segment::Unknown {
            kind: kind.into(),
            data,
        }
    }

    /// The segment's `type` on the wire (`"text"`, `"image"`, …).
    pub fn kind(&self) -> &str {
        match self {
            Segment::Text(_) => "text",
            Segment::Face(_) => "face",
            Segment::Image(_) => "image",
            Segment::Record(_) => "record",
            Segment::Video(_) => "video",
            Segment::File(_) => "file",
            Segment::At(_) => "at",
            Segment::Reply(_) => "reply",
            Segment::Dice => "dice",
            Segment::Rps => "rps",
            Segment::Json(_) => "json",
            Segment::Markdown(_) => "markdown",
            Segment::Music(_) => "music",
            Segment::Contact(_) => "contact",
            Segment::Mface(_) => "mface",
            Segment::Forward(_) => "forward",
            Segment::Node(_) => "node",
            Segment::Unknown { kind, .. } => kind,
        }
    }

    /// A key of the segment's `data` that its type has no field for (see
    /// [`Extra`]); `None` for a typed field's key, and for the kinds whose
    /// data is an enum (`at`, `music` by id, `contact`, `node` by id) or
    /// nothing (`dice`, `rps`).
    pub fn extra(&self, key: &str) -> Option<&serde_json::Value> {
        self.extras().and_then(|extra| extra.get(key))
    }

    /// Every key of the segment's `data` that its type has no field for;
    /// `None` for the kinds with no place for them (see [`Segment::extra`])
    /// and unknown segments (their `data` has everything).
    pub fn extras(&self) -> Option<&Extra> {
        Some(match self {
            Segment::Text(data) => data.extra(),
            Segment::Face(data) => data.extra(),
            Segment::Image(data) => data.extra(),
            Segment::Record(data) => data.extra(),
            Segment::Video(data) => data.extra(),
            Segment::File(data) => data.extra(),
            Segment::Reply(data) => data.extra(),
            Segment::Json(data) => data.extra(),
            Segment::Markdown(data) => data.extra(),
            Segment::Music(Music::Custom(data)) => data.extra(),
            Segment::Mface(data) => data.extra(),
            Segment::Forward(data) => data.extra(),
            Segment::Node(Node::Custom(data)) => data.extra(),
            Segment::At(_)
            | Segment::Dice
            | Segment::Rps
            | Segment::Music(_)
            | Segment::Contact(_)
            | Segment::Node(_)
            | Segment::Unknown { .. } => return None,
        })
    }

    /// Decodes a segment from its `type` and `data`; anything that does not
    /// fit a typed variant is kept as [`Segment::Unknown`].
    pub(super) fn from_wire(kind: String, data: serde_json::Value) -> Self {
        use wire::{decode_keeping as typed, decode_whole as whole};
        let decoded = match kind.as_str() {
            "text" => typed(data).map(Segment::Text),
            "face" => typed(data).map(Segment::Face),
            "image" => typed(data).map(Segment::Image),
            "record" => typed(data).map(Segment::Record),
            "video" => typed(data).map(Segment::Video),
            "file" => typed(data).map(Segment::File),
            "at" => whole(data).map(Segment::At),
            // A quote names its message by id, `seq` or both.
            "reply" if wire::has_value(&data, "id") || wire::has_value(&data, "seq") => {
                typed(data).map(Segment::Reply)
            }
            "dice" => whole::<wire::NoData>(data).map(|_| Segment::Dice),
            "rps" => whole::<wire::NoData>(data).map(|_| Segment::Rps),
            "json" => typed(data).map(Segment::Json),
            "markdown" => typed(data).map(Segment::Markdown),
            "music" => whole(data).map(Segment::Music),
            "contact" => whole(data).map(Segment::Contact),
            "mface" => typed(data).map(Segment::Mface),
            "forward" => typed(data).map(Segment::Forward),
            "node" => whole(data).map(Segment::Node),
            _ => Err(data),
        };
        decoded.unwrap_or_else(|data| Segment::Unknown { kind, data })
    }
}

impl Serialize for Segment {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut segment = serializer.serialize_struct("Segment", 2)?;
        segment.serialize_field("type", self.kind())?;
        match self {
            Segment::Text(data) => segment.serialize_field("data", data)?,
            Segment::Face(data) => segment.serialize_field("data", data)?,
            Segment::Image(data) => segment.serialize_field("data", data)?,
            Segment::Record(data) => segment.serialize_field("data", data)?,
            Segment::Video(data) => segment.serialize_field("data", data)?,
            Segment::File(data) => segment.serialize_field("data", data)?,
            Segment::At(data) => segment.serialize_field("data", data)?,
            Segment::Reply(data) => segment.serialize_field("data", data)?,
            Segment::Dice | Segment::Rps => segment.serialize_field("data", &wire::NoData {})?,
            Segment::Json(data) => segment.serialize_field("data", data)?,
            Segment::Markdown(data) => segment.serialize_field("data", data)?,
            Segment::Music(data) => segment.serialize_field("data", data)?,
            Segment::Contact(data) => segment.serialize_field("data", data)?,
            Segment::Mface(data) => segment.serialize_field("data", data)?,
            Segment::Forward(data) => segment.serialize_field("data", data)?,
            Segment::Node(data) => segment.serialize_field("data", data)?,
            Segment::Unknown { data, .. } => segment.serialize_field("data", data)?,
        }
        segment.end()
    }
}

/// Reads the wire form NapCat accepts for a segment you send. A kind ncat
/// does not model, or known kind with unexpected data, becomes
/// [`Segment::Unknown`]; only a segment without a string `type` is an error.
impl<'de> Deserialize<'de> for Segment {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = wire::RawSegment::deserialize(deserializer)?;
        Ok(Segment::from_wire(raw.kind, raw.data))
    }
}

impl cq::CqSegment for Segment {
    fn kind(&self) -> &str {
        Segment::kind(self)
    }

    fn text(&self) -> Option<&str> {
        match self {
            Segment::Text(text) => Some(&text.text),
            _ => None,
        }
    }

    fn nested_message(&self) -> Option<String> {
        match self {
            Segment::Node(Node::Custom(custom)) => Some(custom.content.to_cq()),
            _ => None,
        }
    }
}

macro_rules! segment_from_data {
    ($($variant:ident($data:ty)),* $(,)?) => {$(
        impl From<$data> for Segment {
            fn from(data: $data) -> Self {
                Segment::$variant(data)
            }
        }
    )*};
}

segment_from_data! {
    Text(Text),
    Face(Face),
    Image(Image),
    Record(Record),
    Video(Video),
    File(File),
    At(At),
    Reply(Reply),
    Json(Json),
    Markdown(Markdown),
    Music(Music),
    Contact(Contact),
    Mface(Mface),
    Forward(Forward),
    Node(Node),
}
