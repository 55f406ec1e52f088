//! The data of the segment kinds that carry no media and no nested messages:
//! text, mentions, quotes, faces, cards and NapCat's file notices.
//!
//! Kinds that look the same in both directions (text, `at`, `reply`, `json`,
//! `markdown`, `contact`) have one type; kinds whose received form carries
//! more, or something else, have a `Received…` type of their own.

use serde::de::Error as _;
use serde::ser::SerializeStruct;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::extra::{Extra, MaybeExtra, SegmentData};
use super::segment::{Face, Json, Markdown, ReceivedReply, Text};
use super::{Message, Segment, wire};
use crate::id::{GroupId, MessageId, UserId};

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

/// The one constructor of a sendable kind that `schema/segments.yaml`
/// cannot give: it picks the `All` variant of the hand-written [`At`].
impl Segment {
    /// A mention of everyone in the group (`@全体成员`).
    pub fn at_all() -> Self {
        Segment::At(At::All)
    }
}

impl Message {
    /// Appends a mention of everyone in the group (`@全体成员`).
    pub fn at_all(self) -> Self {
        self.segment(Segment::at_all())
    }
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

impl From<u32> for Face {
    fn from(id: u32) -> Self {
        Face::new(id)
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

impl MaybeExtra for Music {
    fn extras(&self) -> Option<&Extra> {
        match self {
            Music::Custom(custom) => Some(custom.extra()),
            Music::Track { .. } => None,
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
