//! `message` and `message_sent` events: a private or group chat message.

use serde::{Deserialize, Serialize};

use super::__support::Extra;
use crate::ReceivedMessage;
use crate::id::{GroupId, MessageId, UserId};

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

    /// The keys of the message event that ncat has no field for.
    pub fn extras(&self) -> &Extra {
        match self {
            MessageEvent::Private(private) => private.extras(),
            MessageEvent::Group(group) => group.extras(),
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

crate::__event_struct! {
    /// A private message: from a friend, or a temporary chat started from a
    /// group.
    pub struct PrivateMessage {
        /// When it was sent, in Unix seconds.
        time: i64 = required,
        /// The bot account that received it.
        self_id: UserId = id,
        /// Friend or temporary chat.
        sub_type: PrivateMessageKind = required,
        /// NapCat's id of the message.
        message_id: MessageId = id,
        /// The sender.
        user_id: UserId = id,
        /// The content.
        message: ReceivedMessage = required,
        /// The content as a CQ-code string (trimmed, noisy: prefer `message`).
        raw_message: String = default,
        /// The sender's profile.
        sender: Sender = required,
        /// The chat partner: the friend, or for the bot's own messages the
        /// recipient.
        target_id: Option<UserId> = optional_id,
        /// For temporary chats, the group the chat started from.
        group_id: Option<GroupId> = optional_id,
        /// NapCat's `message_seq`, when it sends one (current NapCat: the same
        /// number as `message_id`; other builds send QQ's sequence number).
        message_seq: Option<i64> = lenient_optional,
        /// The real QQ sequence number (what a `reply` segment's `seq` takes).
        real_seq: Option<String> = lenient_optional,
        /// NapCat's `real_id` (current NapCat: the same number as
        /// `message_id`).
        real_id: Option<MessageId> = optional_id,
        /// The font (NapCat always sends 14).
        font: Option<i64> = lenient_optional,
        /// How `message` was written: `array` or `string` (NapCat's
        /// `messagePostFormat`).
        message_format: Option<String> = optional,
        /// On the bot's own messages (`message_sent`): `self`.
        message_sent_type: Option<String> = lenient_optional,
        /// For temporary chats, how the chat started (NapCat sends 0: a
        /// group).
        temp_source: Option<i64> = lenient_optional,
    }
}

crate::__event_struct! {
    /// A message in a group.
    pub struct GroupMessage {
        /// When it was sent, in Unix seconds.
        time: i64 = required,
        /// The bot account that received it.
        self_id: UserId = id,
        /// Always [`GroupMessageKind::Normal`] from NapCat.
        sub_type: GroupMessageKind = required,
        /// NapCat's id of the message.
        message_id: MessageId = id,
        /// The group.
        group_id: GroupId = id,
        /// The group's name, when NapCat includes it.
        group_name: Option<String> = optional,
        /// The sender.
        user_id: UserId = id,
        /// The content.
        message: ReceivedMessage = required,
        /// The content as a CQ-code string (trimmed, noisy: prefer `message`).
        raw_message: String = default,
        /// The sender's profile and role in the group.
        sender: Sender = required,
        /// NapCat's `message_seq`, when it sends one (current NapCat: the same
        /// number as `message_id`; other builds send QQ's sequence number).
        message_seq: Option<i64> = lenient_optional,
        /// The real QQ sequence number (what a `reply` segment's `seq` takes).
        real_seq: Option<String> = lenient_optional,
        /// NapCat's `real_id` (current NapCat: the same number as
        /// `message_id`).
        real_id: Option<MessageId> = optional_id,
        /// The font (NapCat always sends 14).
        font: Option<i64> = lenient_optional,
        /// How `message` was written: `array` or `string` (NapCat's
        /// `messagePostFormat`).
        message_format: Option<String> = optional,
        /// On the bot's own messages (`message_sent`): `self`.
        message_sent_type: Option<String> = lenient_optional,
        /// On the bot's own messages: the group again.
        target_id: Option<GroupId> = optional_id,
    }
}

crate::__open_enum! {
    /// Where a private message comes from.
    pub enum PrivateMessageKind {
        /// A friend.
        Friend = "friend",
        /// A temporary chat through a group (see [`PrivateMessage::group_id`]).
        Group = "group",
        /// OneBot 11's `other` (NapCat sends none).
        Other = "other",
    }
}

crate::__open_enum! {
    /// What kind of group message it is.
    pub enum GroupMessageKind {
        /// An ordinary message: the only kind NapCat sends.
        Normal = "normal",
        /// OneBot 11's anonymous message (NapCat sends none).
        Anonymous = "anonymous",
        /// OneBot 11's system notice (NapCat sends none).
        Notice = "notice",
    }
}

/// The sender of a message, as NapCat describes them in the event.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct Sender {
    /// Their QQ number.
    #[serde(serialize_with = "super::__support::id_number")]
    pub user_id: UserId,
    /// Their QQ nickname.
    #[serde(default)]
    pub nickname: String,
    /// Their group card (nickname in the group); empty if unset or private.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card: Option<String>,
    /// Their role, for group messages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
}

/// A member's role in a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
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
