//! The data of the segment kinds that carry no media and no nested messages:
//! text, mentions, quotes, faces, cards and NapCat's file notices.
//!
//! Kinds that look the same in both directions (text, `at`, `reply`, `json`,
//! `markdown`, `contact`) have one type; kinds whose received form carries
//! more, or something else, have a `Received…` type of their own.

use serde::de::Error as _;
use serde::ser::SerializeStruct;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::extra::Extra;
use super::wire;
use crate::id::{GroupId, MessageId, UserId};

/// Plain text (`text`).
///
/// Sent literally: `[CQ:…]` inside it is not interpreted, and nothing needs
/// escaping (CQ-code escaping only applies to [CQ strings](crate::Message::to_cq)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Text {
    /// The text. NapCat turns a lone `\r` into `\n` in received text.
    pub text: String,
    /// The keys of `data` this type has no field for; see [`Extra`].
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

impl Text {
    /// Text segment data.
    pub fn new(text: impl Into<String>) -> Self {
        Text {
            text: text.into(),
            extra: Extra::default(),
        }
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Self {
        Text::new(text)
    }
}

impl From<String> for Text {
    fn from(text: String) -> Self {
        Text::new(text)
    }
}

/// A mention (`at`): `{"qq": "10001"}` or `{"qq": "all"}`.
///
/// NapCat drops mentions in private chats, and fails the whole send
/// (`Get Uid Error`) when the QQ number does not exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum At {
    /// One user.
    User(UserId),
    /// Everyone in the group (`@全体成员`); QQ allows it to group admins, a
    /// few times a day.
    All,
}

impl From<UserId> for At {
    fn from(user: UserId) -> Self {
        At::User(user)
    }
}

impl Serialize for At {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut data = serializer.serialize_struct("At", 1)?;
        match self {
            At::User(user) => data.serialize_field("qq", &user.to_string())?,
            At::All => data.serialize_field("qq", "all")?,
        }
        data.end()
    }
}

impl<'de> Deserialize<'de> for At {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Data {
            #[serde(deserialize_with = "wire::text_or_json")]
            qq: String,
        }
        let Data { qq } = Data::deserialize(deserializer)?;
        if qq == "all" {
            return Ok(At::All);
        }
        qq.parse().map(At::User).map_err(|_| {
            D::Error::invalid_value(serde::de::Unexpected::Str(&qq), &"a QQ number or \"all\"")
        })
    }
}

/// A received mention (`at`): whom it mentions, and the display name NapCat
/// adds when it knows it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ReceivedAt {
    /// The user mentioned, or everyone.
    #[serde(flatten)]
    pub target: At,
    /// The name the mention showed (`name`), when NapCat sends it.
    #[serde(
        default,
        deserialize_with = "crate::lenient::optional_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub name: Option<String>,
    /// The keys of `data` this type has no field for; see [`Extra`].
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

/// A quote of an earlier message (`reply`) to send, making the message a
/// reply to it: by its id, its real sequence number, or both.
///
/// Put it first by convention. NapCat resolves `seq` first when there is
/// one, and drops the quote when the message is no longer in its message
/// cache (roughly the last 5000 messages).
///
/// ```
/// use ncat_api::segment::Reply;
/// use ncat_api::{Message, MessageId};
///
/// let by_id = Message::new().reply(MessageId::new(1588762139));
/// let by_seq = Message::new().segment(Reply::by_seq(8841));
/// assert_eq!(serde_json::to_string(&by_seq)?, r#"[{"type":"reply","data":{"seq":8841}}]"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Reply {
    /// The quoted message (`None` when `seq` alone names it), written as a
    /// decimal string like every id inside a segment.
    #[serde(
        default,
        serialize_with = "wire::display_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<MessageId>,
    /// NapCat: the quoted message's real sequence number (`real_seq` of its
    /// message event), which NapCat prefers over `id`.
    #[serde(
        default,
        deserialize_with = "crate::lenient::optional_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub seq: Option<i64>,
    /// The keys of `data` this type has no field for; see [`Extra`].
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

impl Reply {
    /// A quote of `message`.
    pub fn new(message: impl crate::IntoMessageId) -> Self {
        Reply {
            id: Some(message.into_message_id()),
            seq: None,
            extra: Extra::default(),
        }
    }

    /// A quote of the message with this real sequence number (the
    /// `real_seq` of its message event), the form NapCat prefers.
    pub fn by_seq(seq: i64) -> Self {
        Reply {
            id: None,
            seq: Some(seq),
            extra: Extra::default(),
        }
    }

    /// Also names the quoted message by its real sequence number (the
    /// `real_seq` of its message event), which NapCat resolves first.
    pub fn seq(mut self, seq: i64) -> Self {
        self.seq = Some(seq);
        self
    }
}

impl From<MessageId> for Reply {
    fn from(message: MessageId) -> Self {
        Reply::new(message)
    }
}

/// A received quote (`reply`): the message is a reply to `id`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ReceivedReply {
    /// The quoted message, written as a decimal string like every id inside
    /// a segment.
    #[serde(serialize_with = "wire::display")]
    pub id: MessageId,
    /// The quoted message's real sequence number, when the server reports
    /// it (NapCat does not).
    #[serde(
        default,
        deserialize_with = "crate::lenient::optional_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub seq: Option<i64>,
    /// The keys of `data` this type has no field for; see [`Extra`].
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

/// The quote to send again: the same message, by the same id and `seq`.
impl From<ReceivedReply> for Reply {
    fn from(received: ReceivedReply) -> Self {
        Reply {
            id: Some(received.id),
            seq: received.seq,
            extra: received.extra,
        }
    }
}

/// A QQ system face (`face`) to send.
///
/// NapCat looks the id up in its face table and silently drops unknown ids.
/// Faces 358 (dice) and 359 (rock-paper-scissors) are better sent as
/// [`Segment::Dice`](crate::Segment::Dice) / [`Segment::Rps`](crate::Segment::Rps).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Face {
    /// The face id, written as a decimal string.
    #[serde(
        serialize_with = "wire::display",
        deserialize_with = "crate::lenient::integer"
    )]
    pub id: u32,
    /// NapCat: result id of an interactive face, passed through.
    #[serde(rename = "resultId", default, skip_serializing_if = "Option::is_none")]
    pub result_id: Option<String>,
    /// NapCat: combo count of an interactive face, passed through.
    #[serde(
        rename = "chainCount",
        default,
        deserialize_with = "crate::lenient::optional_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub chain_count: Option<u32>,
    /// The keys of `data` this type has no field for; see [`Extra`].
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

impl Face {
    /// The face with this id.
    pub fn new(id: u32) -> Self {
        Face {
            id,
            result_id: None,
            chain_count: None,
            extra: Extra::default(),
        }
    }

    /// Sets the result id of an interactive face.
    pub fn result_id(mut self, result_id: impl Into<String>) -> Self {
        self.result_id = Some(result_id.into());
        self
    }

    /// Sets the combo count of an interactive face.
    pub fn chain_count(mut self, chain_count: u32) -> Self {
        self.chain_count = Some(chain_count);
        self
    }
}

impl From<u32> for Face {
    fn from(id: u32) -> Self {
        Face::new(id)
    }
}

/// A received QQ system face (`face`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ReceivedFace {
    /// The face id.
    #[serde(
        serialize_with = "wire::display",
        deserialize_with = "crate::lenient::integer"
    )]
    pub id: u32,
    /// NapCat: result id of an interactive face.
    #[serde(rename = "resultId", default, skip_serializing_if = "Option::is_none")]
    pub result_id: Option<String>,
    /// NapCat: combo count of an interactive face.
    #[serde(
        rename = "chainCount",
        default,
        deserialize_with = "crate::lenient::optional_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub chain_count: Option<u32>,
    /// NapCat's internal face element, opaque.
    #[serde(
        default,
        deserialize_with = "wire::json_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub raw: Option<serde_json::Value>,
    /// The keys of `data` this type has no field for; see [`Extra`].
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

/// The outcome of a received dice (`dice`) or rock-paper-scissors (`rps`)
/// segment. Sent ones carry nothing: QQ picks the outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Outcome {
    /// NapCat: the value shown, when it reports one (pips for a dice).
    #[serde(
        default,
        deserialize_with = "crate::lenient::optional_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub result: Option<u32>,
    /// The keys of `data` this type has no field for; see [`Extra`].
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

/// An Ark/JSON card (`json`).
///
/// QQ only displays cards that are validly signed; sign mini-app cards with
/// the `get_mini_app_ark` action. Every card-like thing QQ receives (shared
/// links, contacts, locations, music, mini apps) arrives as `json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Json {
    /// The card as JSON text.
    #[serde(deserialize_with = "wire::text_or_json")]
    pub data: String,
    /// The keys of `data` this type has no field for; see [`Extra`].
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

impl Json {
    /// A card from its JSON text.
    pub fn new(data: impl Into<String>) -> Self {
        Json {
            data: data.into(),
            extra: Extra::default(),
        }
    }
}

impl From<&str> for Json {
    fn from(data: &str) -> Self {
        Json::new(data)
    }
}

impl From<String> for Json {
    fn from(data: String) -> Self {
        Json::new(data)
    }
}

/// A card from a JSON value, sent as its JSON text (what NapCat would make of
/// an object anyway).
impl From<serde_json::Value> for Json {
    fn from(data: serde_json::Value) -> Self {
        Json::new(data.to_string())
    }
}

/// Markdown (`markdown`, NapCat).
///
/// NapCat documents that sending it only works inside forwarded nodes, not
/// as a normal message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Markdown {
    /// The Markdown source.
    pub content: String,
    /// The keys of `data` this type has no field for; see [`Extra`].
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

impl Markdown {
    /// Markdown segment data.
    pub fn new(content: impl Into<String>) -> Self {
        Markdown {
            content: content.into(),
            extra: Extra::default(),
        }
    }
}

impl From<&str> for Markdown {
    fn from(content: &str) -> Self {
        Markdown::new(content)
    }
}

impl From<String> for Markdown {
    fn from(content: String) -> Self {
        Markdown::new(content)
    }
}

/// A recommended contact card (`contact`): `{"type": "qq" | "group", "id": …}`.
///
/// NapCat turns it into an Ark card; received contact cards arrive as
/// [`Json`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Contact {
    /// Recommend a user (`"type": "qq"`).
    User(UserId),
    /// Recommend a group (`"type": "group"`).
    Group(GroupId),
}

impl From<UserId> for Contact {
    fn from(user: UserId) -> Self {
        Contact::User(user)
    }
}

impl From<GroupId> for Contact {
    fn from(group: GroupId) -> Self {
        Contact::Group(group)
    }
}

impl Serialize for Contact {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (kind, id) = match self {
            Contact::User(user) => ("qq", user.get()),
            Contact::Group(group) => ("group", group.get()),
        };
        let mut data = serializer.serialize_struct("Contact", 2)?;
        data.serialize_field("type", kind)?;
        data.serialize_field("id", &id.to_string())?;
        data.end()
    }
}

impl<'de> Deserialize<'de> for Contact {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Data {
            // NapCat's default when `type` is missing.
            #[serde(rename = "type", default = "user_kind")]
            kind: String,
            #[serde(deserialize_with = "wire::text_or_json")]
            id: String,
        }
        fn user_kind() -> String {
            "qq".to_owned()
        }
        let Data { kind, id } = Data::deserialize(deserializer)?;
        let number: i64 = id.parse().map_err(|_| {
            D::Error::invalid_value(serde::de::Unexpected::Str(&id), &"a decimal id")
        })?;
        match kind.as_str() {
            "qq" => Ok(Contact::User(UserId::new(number))),
            "group" => Ok(Contact::Group(GroupId::new(number))),
            _ => Err(D::Error::unknown_variant(&kind, &["qq", "group"])),
        }
    }
}

/// A music card (`music`), which NapCat signs through its music-sign
/// service; the segment is dropped when signing fails.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Music {
    /// A song on a platform: `{"type": "qq", "id": "…"}`.
    #[non_exhaustive]
    Track {
        /// Where the song is.
        platform: MusicPlatform,
        /// The song's id on that platform.
        id: String,
    },
    /// A card with your own link, cover and audio: `{"type": "custom", …}`.
    Custom(CustomMusic),
}

impl Music {
    /// The song `id` on `platform`.
    pub fn track(platform: MusicPlatform, id: impl Into<String>) -> Self {
        Music::Track {
            platform,
            id: id.into(),
        }
    }
}

impl From<CustomMusic> for Music {
    fn from(custom: CustomMusic) -> Self {
        Music::Custom(custom)
    }
}

impl Serialize for Music {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Music::Track { platform, id } => {
                let mut data = serializer.serialize_struct("Music", 2)?;
                data.serialize_field("type", platform)?;
                data.serialize_field("id", id)?;
                data.end()
            }
            Music::Custom(custom) => custom.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Music {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let data = serde_json::Value::deserialize(deserializer)?;
        // NapCat tells the two forms apart by the presence of `id`.
        if data.get("id").is_some() {
            #[derive(Deserialize)]
            struct Track {
                #[serde(rename = "type")]
                platform: MusicPlatform,
                #[serde(deserialize_with = "wire::text_or_json")]
                id: String,
            }
            let Track { platform, id } = Track::deserialize(data).map_err(D::Error::custom)?;
            Ok(Music::Track { platform, id })
        } else {
            // Through `decode_keeping`, so the card keeps its unknown keys.
            wire::decode_keeping(data)
                .map(Music::Custom)
                .map_err(|_| D::Error::custom("a custom music card of an unexpected shape"))
        }
    }
}

/// The music platforms NapCat can sign cards for.
///
/// OneBot 11 also lists `xm` (Xiami), which NapCat does not accept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum MusicPlatform {
    /// QQ Music (`qq`).
    #[serde(rename = "qq")]
    Qq,
    /// NetEase Cloud Music (`163`).
    #[serde(rename = "163")]
    NetEase,
    /// Kugou (`kugou`).
    #[serde(rename = "kugou")]
    Kugou,
    /// Migu (`migu`).
    #[serde(rename = "migu")]
    Migu,
    /// Kuwo (`kuwo`).
    #[serde(rename = "kuwo")]
    Kuwo,
}

/// A music card with your own link, cover and audio (`music` without `id`):
/// `"type": "custom"`, or the platform the card shows (NapCat accepts
/// `qq`, `163`, … here too).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CustomMusic {
    /// The platform the card shows (`type`); `None` is `custom`.
    #[serde(rename = "type", with = "custom_music_kind")]
    pub platform: Option<MusicPlatform>,
    /// Where a click on the card leads.
    pub url: String,
    /// The cover image's URL; NapCat drops the card without one.
    pub image: String,
    /// The audio's URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audio: Option<String>,
    /// The title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The description; NapCat passes it to the signer as the singer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    /// The keys of `data` this type has no field for; see [`Extra`].
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

impl CustomMusic {
    /// A card leading to `url`, with the cover image at `image`.
    pub fn new(url: impl Into<String>, image: impl Into<String>) -> Self {
        CustomMusic {
            platform: None,
            url: url.into(),
            image: image.into(),
            audio: None,
            title: None,
            content: None,
            extra: Extra::default(),
        }
    }

    /// Shows the card as one of `platform`'s (`"type": "163"`, …) instead
    /// of `custom`.
    pub fn platform(mut self, platform: MusicPlatform) -> Self {
        self.platform = Some(platform);
        self
    }

    /// Sets the audio's URL.
    pub fn audio(mut self, audio: impl Into<String>) -> Self {
        self.audio = Some(audio.into());
        self
    }

    /// Sets the title.
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// Sets the description (shown as the singer).
    pub fn content(mut self, content: impl Into<String>) -> Self {
        self.content = Some(content.into());
        self
    }
}

/// `type` of a custom music card: `custom`, or a platform.
mod custom_music_kind {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::MusicPlatform;

    const CUSTOM: &str = "custom";

    pub(super) fn serialize<S: Serializer>(
        platform: &Option<MusicPlatform>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match platform {
            Some(platform) => platform.serialize(serializer),
            None => serializer.serialize_str(CUSTOM),
        }
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<MusicPlatform>, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Kind {
            Platform(MusicPlatform),
            Custom(Custom),
        }
        #[derive(Deserialize)]
        enum Custom {
            #[serde(rename = "custom")]
            Custom,
        }
        Ok(match Kind::deserialize(deserializer)? {
            Kind::Platform(platform) => Some(platform),
            Kind::Custom(Custom::Custom) => None,
        })
    }
}

/// A market face (`mface`, NapCat): a sticker from the QQ sticker shop.
///
/// Received market faces arrive as images carrying the same three ids
/// ([`ReceivedImage::emoji_id`](super::media::ReceivedImage::emoji_id) …),
/// which is how to get them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Mface {
    /// The sticker package's id.
    #[serde(deserialize_with = "crate::lenient::integer")]
    pub emoji_package_id: u64,
    /// The sticker's id (hex).
    pub emoji_id: String,
    /// The sticker's key.
    pub key: String,
    /// Its display name; NapCat shows `[商城表情]` when it is empty.
    #[serde(default)]
    pub summary: String,
    /// The keys of `data` this type has no field for; see [`Extra`].
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

impl Mface {
    /// The sticker `emoji_id` of package `emoji_package_id`, with its `key`.
    pub fn new(emoji_package_id: u64, emoji_id: impl Into<String>, key: impl Into<String>) -> Self {
        Mface {
            emoji_package_id,
            emoji_id: emoji_id.into(),
            key: key.into(),
            summary: String::new(),
            extra: Extra::default(),
        }
    }

    /// Sets the display name.
    pub fn summary(mut self, summary: impl Into<String>) -> Self {
        self.summary = summary.into();
        self
    }
}

/// A received poke (`poke`).
///
/// NapCat drops poke segments on send: poke with the `send_poke`,
/// `group_poke` or `friend_poke` actions. Pokes between members arrive as
/// notice events, not segments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Poke {
    /// The poke type (a decimal string).
    #[serde(rename = "type")]
    pub poke_type: String,
    /// The poke id (a decimal string).
    pub id: String,
    /// OneBot 11: the poke's name; NapCat does not send it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The keys of `data` this type has no field for; see [`Extra`].
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

/// A received link share (`share`, OneBot 11).
///
/// NapCat delivers shared links as [`Json`] cards and fails a request that
/// sends a `share` segment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Share {
    /// The link.
    pub url: String,
    /// The title.
    pub title: String,
    /// The description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    /// The preview image's URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// The keys of `data` this type has no field for; see [`Extra`].
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

/// A received location (`location`, OneBot 11).
///
/// NapCat delivers locations as [`Json`] cards and cannot send them (its
/// converter sends a placeholder).
///
/// The coordinates are exactly the numbers received (a CQ code's or JSON's
/// text read to the nearest `f64`, and written back as the same `f64`).
/// Coordinates that are not finite numbers (`NaN`, `inf`, `1e999`) make
/// the segment an `Unknown` one, its data kept as it came.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Location {
    /// Latitude.
    #[serde(deserialize_with = "crate::lenient::float")]
    pub lat: f64,
    /// Longitude.
    #[serde(deserialize_with = "crate::lenient::float")]
    pub lon: f64,
    /// The place's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// A description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    /// The keys of `data` this type has no field for; see [`Extra`].
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

/// A received XML card (`xml`, OneBot 11). NapCat never sends one, and
/// drops `xml` segments it is asked to send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Xml {
    /// The XML.
    pub data: String,
    /// The keys of `data` this type has no field for; see [`Extra`].
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

/// A received offer of an online (peer-to-peer) file or folder
/// (`onlinefile`, NapCat); accept it with `receive_online_file`, decline it
/// with `refuse_online_file`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OnlineFile {
    /// NapCat's internal id of the message carrying the offer.
    #[serde(rename = "msgId")]
    pub msg_id: String,
    /// The offer's element id inside that message.
    #[serde(rename = "elementId")]
    pub element_id: String,
    /// The file or folder name.
    #[serde(rename = "fileName")]
    pub file_name: String,
    /// Size in bytes.
    #[serde(
        rename = "fileSize",
        serialize_with = "wire::display",
        deserialize_with = "crate::lenient::integer"
    )]
    pub file_size: u64,
    /// Whether a folder is offered.
    #[serde(rename = "isDir", deserialize_with = "crate::lenient::flag")]
    pub is_dir: bool,
    /// The keys of `data` this type has no field for; see [`Extra`].
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

/// A received QQ flash transfer (`flashtransfer`, 闪传, NapCat); read it
/// with `get_fileset_info` / `download_fileset`. Send one with the
/// `send_flash_msg` action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FlashTransfer {
    /// The file set's id.
    #[serde(rename = "fileSetId")]
    pub file_set_id: String,
    /// The keys of `data` this type has no field for; see [`Extra`].
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}
