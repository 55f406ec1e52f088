//! Merged forwards: the `node` segments a forward is built from, and the
//! `forward` segment that stands for one.

use serde::de::Error as _;
use serde::ser::SerializeStruct;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::extra::{Extra, MaybeExtra, SegmentData};
use super::wire;
use super::{Message, ReceivedMessage};
use crate::id::{GroupId, MessageId, UserId};

/// A received merged forward (`forward`).
///
/// Fetch what it holds with `get_forward_msg` and this `id`, unless NapCat's
/// `parseMultMsg` option already put it in `content`. To forward it again,
/// send a message made of one node referring to the message that carried
/// it ([`Node::Id`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ReceivedForward {
    /// The forward's id: NapCat's long internal id of the message holding
    /// it, kept as a string because it does not fit a JSON number.
    pub id: String,
    /// NapCat with `parseMultMsg`: the forwarded messages, each shaped like
    /// a message event.
    #[serde(
        default,
        deserialize_with = "forwarded_messages",
        skip_serializing_if = "Option::is_none"
    )]
    pub content: Option<Vec<ForwardedMessage>>,
    /// The keys of `data` this type has no field for; see [`Extra`].
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

/// One message of a merged forward (`node`) to send.
///
/// A message holding nodes must hold nothing else, or NapCat rejects it;
/// sending such a message makes a merged forward.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Node {
    /// An existing message, by its id: `{"id": "…"}`.
    Id(MessageId),
    /// A message written here, shown as sent by anyone.
    Custom(CustomNode),
}

impl MaybeExtra for Node {
    fn extras(&self) -> Option<&Extra> {
        match self {
            Node::Custom(custom) => Some(custom.extra()),
            Node::Id(_) => None,
        }
    }
}

impl From<MessageId> for Node {
    fn from(message: MessageId) -> Self {
        Node::Id(message)
    }
}

impl From<CustomNode> for Node {
    fn from(custom: CustomNode) -> Self {
        Node::Custom(custom)
    }
}

impl Serialize for Node {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Node::Id(message) => {
                let mut data = serializer.serialize_struct("Node", 1)?;
                data.serialize_field("id", &message.to_string())?;
                data.end()
            }
            Node::Custom(custom) => custom.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let data = serde_json::Value::deserialize(deserializer)?;
        // As in NapCat, a node with content is custom, whatever else it has.
        if data.get("content").is_some() {
            // Through `decode_keeping`, so the card keeps its unknown keys.
            wire::decode_keeping(data)
                .map(Node::Custom)
                .map_err(|_| D::Error::custom("a custom node of an unexpected shape"))
        } else {
            #[derive(Deserialize)]
            struct ById {
                id: MessageId,
            }
            ById::deserialize(data)
                .map(|node| Node::Id(node.id))
                .map_err(D::Error::custom)
        }
    }
}

/// A message written for a merged forward (`node` with `content`).
///
/// ```
/// use ncat_api::segment::CustomNode;
/// use ncat_api::{Message, UserId};
///
/// let forward = Message::new()
///     .node(CustomNode::new(UserId::new(10001), "Alice", "first"))
///     .node(CustomNode::new(UserId::new(10002), "Bob", Message::new().text("second").face(14)))
///     .node(CustomNode::new(UserId::new(10001), "Alice", "third").summary("3 messages"));
/// assert_eq!(forward.segments().len(), 3);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CustomNode {
    /// The sender shown (`uin` in go-cqhttp's spelling, also read).
    #[serde(alias = "uin")]
    pub user_id: UserId,
    /// The sender's name shown (`name` in go-cqhttp's spelling, also read).
    #[serde(alias = "name")]
    pub nickname: String,
    /// The message; it may itself hold nodes, making a nested forward
    /// (NapCat stops at depth 3).
    pub content: Message,
    /// NapCat: the card title of a nested forward.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// NapCat: the card's preview lines of a nested forward.
    #[serde(default, with = "news_lines", skip_serializing_if = "Vec::is_empty")]
    pub news: Vec<String>,
    /// NapCat: the card footer of a nested forward.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// NapCat: the notification preview of a nested forward.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt: Option<String>,
    /// NapCat: the time shown on the node.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    /// The keys of `data` this type has no field for; see [`Extra`].
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

impl CustomNode {
    /// `content`, shown as sent by `nickname` (`user_id`).
    pub fn new(
        user_id: impl crate::IntoUserId,
        nickname: impl Into<String>,
        content: impl Into<Message>,
    ) -> Self {
        CustomNode {
            user_id: user_id.into_user_id(),
            nickname: nickname.into(),
            content: content.into(),
            source: None,
            news: Vec::new(),
            summary: None,
            prompt: None,
            time: None,
            extra: Extra::default(),
        }
    }

    /// Sets the card title of a nested forward.
    pub fn source(mut self, source: impl Into<String>) -> Self {
        self.source = Some(source.into());
        self
    }

    /// Sets the card's preview lines of a nested forward.
    pub fn news<I: IntoIterator<Item = S>, S: Into<String>>(mut self, lines: I) -> Self {
        self.news = lines.into_iter().map(Into::into).collect();
        self
    }

    /// Sets the card footer of a nested forward.
    pub fn summary(mut self, summary: impl Into<String>) -> Self {
        self.summary = Some(summary.into());
        self
    }

    /// Sets the notification preview of a nested forward.
    pub fn prompt(mut self, prompt: impl Into<String>) -> Self {
        self.prompt = Some(prompt.into());
        self
    }

    /// Sets the time shown on the node.
    pub fn time(mut self, time: impl Into<String>) -> Self {
        self.time = Some(time.into());
        self
    }
}

/// `news` is `[{"text": "…"}, …]` on the wire.
mod news_lines {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::wire;

    #[derive(Serialize, Deserialize)]
    struct Line<T> {
        text: T,
    }

    pub(super) fn serialize<S: Serializer>(
        lines: &[String],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(lines.iter().map(|text| Line { text }))
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<String>, D::Error> {
        let lines: Option<Vec<Line<String>>> = wire::json_option(deserializer)?;
        Ok(lines
            .unwrap_or_default()
            .into_iter()
            .map(|line| line.text)
            .collect())
    }
}

/// A received node (`node` with `content`, OneBot 11).
///
/// OneBot 11 servers return these from `get_forward_msg`; NapCat returns
/// message objects instead and never sends this segment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ReceivedNode {
    /// The sender shown.
    #[serde(alias = "uin")]
    pub user_id: UserId,
    /// The sender's name shown.
    #[serde(alias = "name")]
    pub nickname: String,
    /// The message.
    pub content: ReceivedMessage,
    /// The keys of `data` this type has no field for; see [`Extra`].
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

/// The `content` of a received forward: its messages, each keeping the keys
/// it has no field for. Like other structured values, it may arrive as its
/// JSON text (in a CQ code).
fn forwarded_messages<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Vec<ForwardedMessage>>, D::Error> {
    let messages: Option<Vec<serde_json::Value>> = wire::json_option(deserializer)?;
    messages
        .map(|messages| {
            messages
                .into_iter()
                .map(|message| {
                    wire::decode_keeping(message)
                        .map_err(|_| D::Error::custom("a forwarded message of an unexpected shape"))
                })
                .collect()
        })
        .transpose()
}

/// One message of a received merged forward (`forward`'s `content`, NapCat
/// with `parseMultMsg`), shaped like the message event it was: every field
/// NapCat writes is read when present, and the rest (`font`,
/// `message_format`, `post_type`, …) is kept in `extra`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ForwardedMessage {
    /// When it was sent, in Unix seconds.
    #[serde(
        default,
        deserialize_with = "crate::lenient::optional_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub time: Option<i64>,
    /// `private` or `group`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_type: Option<String>,
    /// NapCat's id of the message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_id: Option<MessageId>,
    /// NapCat: the message's id again (`real_id`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub real_id: Option<MessageId>,
    /// NapCat's `message_seq`.
    #[serde(
        default,
        deserialize_with = "crate::lenient::optional_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub message_seq: Option<i64>,
    /// The real QQ sequence number (what a `reply` segment's `seq` takes).
    #[serde(
        default,
        deserialize_with = "crate::lenient::optional_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub real_seq: Option<String>,
    /// Who sent it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<UserId>,
    /// The group it was sent in, for group messages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_id: Option<GroupId>,
    /// The sender's profile.
    #[serde(
        default,
        deserialize_with = "forwarded_sender",
        skip_serializing_if = "Option::is_none"
    )]
    pub sender: Option<ForwardedSender>,
    /// The content (it may itself hold a `forward`).
    #[serde(default)]
    pub message: ReceivedMessage,
    /// The content as a CQ-code string.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw_message: Option<String>,
    /// The keys this type has no field for; see [`Extra`].
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

/// The sender of a [`ForwardedMessage`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ForwardedSender {
    /// Their QQ number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<UserId>,
    /// Their nickname.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nickname: Option<String>,
    /// Their group card.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card: Option<String>,
    /// The keys this type has no field for (`role`, …); see [`Extra`].
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

fn forwarded_sender<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<ForwardedSender>, D::Error> {
    match Option::<serde_json::Value>::deserialize(deserializer)? {
        None => Ok(None),
        Some(sender) => wire::decode_keeping(sender)
            .map(Some)
            .map_err(|_| D::Error::custom("a sender of an unexpected shape")),
    }
}

// Not segments, so not in `segments.yaml`: the message events inside a
// forward, whose keys are their fields here.
impl SegmentData for ForwardedMessage {
    const KEYS: &'static [&'static str] = &[
        "time",
        "message_type",
        "message_id",
        "real_id",
        "message_seq",
        "real_seq",
        "user_id",
        "group_id",
        "sender",
        "message",
        "raw_message",
    ];

    fn extra(&self) -> &Extra {
        &self.extra
    }

    fn extra_mut(&mut self) -> &mut Extra {
        &mut self.extra
    }
}

impl SegmentData for ForwardedSender {
    const KEYS: &'static [&'static str] = &["user_id", "nickname", "card"];

    fn extra(&self) -> &Extra {
        &self.extra
    }

    fn extra_mut(&mut self) -> &mut Extra {
        &mut self.extra
    }
}
