//! The event types that stay hand-written Rust: the `hooks` of
//! `schema/events.yaml`, which the generated events name as field types,
//! and the accessors both message shapes share. Everything else in
//! [`event`](super) is generated from the YAML.
//!
//! Why these stay hand-written: they are not events but parts of one, and
//! each decodes in a way the schema's field kinds do not describe (a
//! `Sender` writes `user_id` back as a number and has a `Role` that is a
//! closed enum with a catch-all, an `UploadedFile` or `EmojiCount` reads an
//! id that NapCat sends as a number or a string, a `HeartbeatStatus` is
//! `Copy`).

use serde::{Deserialize, Serialize};

use super::MessageEvent;
use crate::ReceivedMessage;
use crate::id::{GroupId, MessageId, UserId};
use crate::lenient;

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

/// The file of a [`GroupUpload`](super::GroupUpload).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct UploadedFile {
    /// A file token: pass it as a media `file` or to `get_file`.
    #[serde(deserialize_with = "lenient::string")]
    pub id: String,
    /// The file name.
    pub name: String,
    /// Its size in bytes.
    pub size: u64,
    /// The group file bus id.
    #[serde(default)]
    pub busid: i64,
}

/// One emoji of an [`EmojiLike`](super::EmojiLike) notice.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct EmojiCount {
    /// The emoji (a QQ face id).
    #[serde(deserialize_with = "lenient::string")]
    pub emoji_id: String,
    /// How many.
    #[serde(default)]
    pub count: u32,
}

/// The health reported by a [`Heartbeat`](super::Heartbeat).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct HeartbeatStatus {
    /// Whether the QQ account is online.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub online: Option<bool>,
    /// Whether NapCat is working normally.
    #[serde(default)]
    pub good: bool,
}

/// What every message has, whatever its shape, so a bot handling both
/// private and group messages reads it without a `match`.
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
