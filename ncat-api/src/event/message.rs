//! `message` and `message_sent` events: a private or group chat message.

use serde::Deserialize;

use crate::ReceivedMessage;
use crate::id::{GroupId, MessageId, UserId};
use crate::lenient;

/// A chat message, received (`post_type: "message"`) or sent by the bot
/// account itself (`message_sent`, only with NapCat's `reportSelfMessage`).
///
/// The content is a [`ReceivedMessage`], read from either of NapCat's
/// `messagePostFormat`s (segment array or CQ-code string).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum MessageEvent {
    /// A private message (`message_type: "private"`).
    Private(PrivateMessage),
    /// A group message (`message_type: "group"`).
    Group(GroupMessage),
}

impl MessageEvent {
    /// The message's content.
    pub fn message(&self) -> &ReceivedMessage {
        match self {
            MessageEvent::Private(private) => &private.message,
            MessageEvent::Group(group) => &group.message,
        }
    }

    /// NapCat's id of the message (for replies, recalls, `get_msg`).
    pub fn message_id(&self) -> MessageId {
        match self {
            MessageEvent::Private(private) => private.message_id,
            MessageEvent::Group(group) => group.message_id,
        }
    }

    /// Who sent it.
    pub fn user_id(&self) -> UserId {
        match self {
            MessageEvent::Private(private) => private.user_id,
            MessageEvent::Group(group) => group.user_id,
        }
    }

    /// The group it was sent in; `None` for private messages.
    pub fn group_id(&self) -> Option<GroupId> {
        match self {
            MessageEvent::Private(_) => None,
            MessageEvent::Group(group) => Some(group.group_id),
        }
    }

    /// The sender's profile as NapCat attached it.
    pub fn sender(&self) -> &Sender {
        match self {
            MessageEvent::Private(private) => &private.sender,
            MessageEvent::Group(group) => &group.sender,
        }
    }

    /// The bot account that received it.
    pub fn self_id(&self) -> UserId {
        match self {
            MessageEvent::Private(private) => private.self_id,
            MessageEvent::Group(group) => group.self_id,
        }
    }

    /// When it was sent, in Unix seconds.
    pub fn time(&self) -> i64 {
        match self {
            MessageEvent::Private(private) => private.time,
            MessageEvent::Group(group) => group.time,
        }
    }
}

/// A private message: from a friend, or a temporary chat started from a
/// group.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct PrivateMessage {
    /// When it was sent, in Unix seconds.
    pub time: i64,
    /// The bot account that received it.
    pub self_id: UserId,
    /// Friend or temporary chat.
    pub sub_type: PrivateMessageKind,
    /// NapCat's id of the message.
    pub message_id: MessageId,
    /// The sender.
    pub user_id: UserId,
    /// The content.
    pub message: ReceivedMessage,
    /// The content as a CQ-code string (trimmed, noisy: prefer `message`).
    #[serde(default)]
    pub raw_message: String,
    /// The sender's profile.
    pub sender: Sender,
    /// The chat partner: the friend, or for the bot's own messages the
    /// recipient.
    #[serde(default)]
    pub target_id: Option<UserId>,
    /// For temporary chats, the group the chat started from.
    #[serde(default)]
    pub group_id: Option<GroupId>,
    /// NapCat's `message_seq`, when it sends one (current NapCat: the same
    /// number as `message_id`; other builds send QQ's sequence number).
    #[serde(default, deserialize_with = "lenient::optional_integer")]
    pub message_seq: Option<i64>,
    /// The real QQ sequence number (what a `reply` segment's `seq` takes).
    #[serde(default, deserialize_with = "lenient::optional_string")]
    pub real_seq: Option<String>,
}

/// A message in a group.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct GroupMessage {
    /// When it was sent, in Unix seconds.
    pub time: i64,
    /// The bot account that received it.
    pub self_id: UserId,
    /// Always [`GroupMessageKind::Normal`] from NapCat.
    pub sub_type: GroupMessageKind,
    /// NapCat's id of the message.
    pub message_id: MessageId,
    /// The group.
    pub group_id: GroupId,
    /// The group's name, when NapCat includes it.
    #[serde(default)]
    pub group_name: Option<String>,
    /// The sender.
    pub user_id: UserId,
    /// The content.
    pub message: ReceivedMessage,
    /// The content as a CQ-code string (trimmed, noisy: prefer `message`).
    #[serde(default)]
    pub raw_message: String,
    /// The sender's profile and role in the group.
    pub sender: Sender,
    /// NapCat's `message_seq`, when it sends one (current NapCat: the same
    /// number as `message_id`; other builds send QQ's sequence number).
    #[serde(default, deserialize_with = "lenient::optional_integer")]
    pub message_seq: Option<i64>,
    /// The real QQ sequence number (what a `reply` segment's `seq` takes).
    #[serde(default, deserialize_with = "lenient::optional_string")]
    pub real_seq: Option<String>,
}

/// Where a private message comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum PrivateMessageKind {
    /// A friend.
    Friend,
    /// A temporary chat through a group (see [`PrivateMessage::group_id`]).
    Group,
    /// Any other `sub_type` (OneBot 11's `other`; NapCat sends none).
    #[serde(other)]
    Other,
}

/// What kind of group message it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum GroupMessageKind {
    /// An ordinary message: the only kind NapCat sends.
    Normal,
    /// Any other `sub_type` (OneBot 11's `anonymous` and `notice`).
    #[serde(other)]
    Other,
}

/// The sender of a message, as NapCat describes them in the event.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Sender {
    /// Their QQ number.
    pub user_id: UserId,
    /// Their QQ nickname.
    #[serde(default)]
    pub nickname: String,
    /// Their group card (nickname in the group); empty if unset or private.
    #[serde(default)]
    pub card: Option<String>,
    /// Their role, for group messages.
    #[serde(default)]
    pub role: Option<Role>,
}

/// A member's role in a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Role {
    /// The group owner.
    Owner,
    /// An administrator.
    Admin,
    /// Everyone else.
    Member,
    /// A role ncat does not know.
    #[serde(other)]
    Other,
}
