//! `request` events: someone asks to be a friend or to join a group.

use serde::Deserialize;

use crate::id::{GroupId, UserId};
use crate::lenient;

/// A request (`post_type: "request"`) waiting for the bot's answer; answer
/// it with `approve` / `reject`, which pass its `flag` back to NapCat.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum RequestEvent {
    /// `request_type: "friend"`.
    Friend(FriendRequest),
    /// `request_type: "group"`.
    Group(GroupRequest),
}

/// Someone asks to be the bot's friend.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct FriendRequest {
    /// When it arrived, in Unix seconds.
    pub time: i64,
    /// The bot account asked.
    pub self_id: UserId,
    /// Who asks.
    pub user_id: UserId,
    /// Their message.
    #[serde(default)]
    pub comment: String,
    /// NapCat's handle for the request, passed back when answering.
    #[serde(deserialize_with = "lenient::string")]
    pub flag: String,
}

/// Someone asks to join a group, or invites the bot into one.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct GroupRequest {
    /// When it arrived, in Unix seconds.
    pub time: i64,
    /// The bot account asked.
    pub self_id: UserId,
    /// A join request or an invitation.
    pub sub_type: GroupRequestKind,
    /// The group.
    pub group_id: GroupId,
    /// The applicant, or who invites the bot.
    pub user_id: UserId,
    /// Their message.
    #[serde(default)]
    pub comment: String,
    /// NapCat's handle for the request, passed back when answering.
    #[serde(deserialize_with = "lenient::string")]
    pub flag: String,
}

/// What a [`GroupRequest`] asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum GroupRequestKind {
    /// Someone wants to join a group the bot administers.
    Add,
    /// Someone invites the bot into a group.
    Invite,
}

impl GroupRequestKind {
    /// The wire name, `add` or `invite`.
    pub fn as_str(self) -> &'static str {
        match self {
            GroupRequestKind::Add => "add",
            GroupRequestKind::Invite => "invite",
        }
    }
}
