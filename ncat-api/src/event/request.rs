//! `request` events: someone asks to be a friend or to join a group.

use serde::{Serialize, Serializer};

use super::__support::{Extra, serialize_event};
use crate::id::{GroupId, UserId};

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

impl RequestEvent {
    /// The keys of the request that ncat has no field for.
    pub fn extras(&self) -> &Extra {
        match self {
            RequestEvent::Friend(request) => request.extras(),
            RequestEvent::Group(request) => request.extras(),
        }
    }
}

impl Serialize for RequestEvent {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            RequestEvent::Friend(request) => serialize_event(
                request,
                &[("post_type", "request"), ("request_type", "friend")],
                serializer,
            ),
            RequestEvent::Group(request) => serialize_event(
                request,
                &[("post_type", "request"), ("request_type", "group")],
                serializer,
            ),
        }
    }
}

crate::__event_struct! {
    /// Someone asks to be the bot's friend.
    pub struct FriendRequest {
        /// When it arrived, in Unix seconds.
        time: i64 = required,
        /// The bot account asked.
        self_id: UserId = id,
        /// Who asks.
        user_id: UserId = id,
        /// Their message.
        comment: String = default,
        /// NapCat's handle for the request, passed back when answering.
        flag: String = lenient,
    }
}

crate::__event_struct! {
    /// Someone asks to join a group, or invites the bot into one.
    pub struct GroupRequest {
        /// When it arrived, in Unix seconds.
        time: i64 = required,
        /// The bot account asked.
        self_id: UserId = id,
        /// A join request or an invitation.
        sub_type: GroupRequestKind = required,
        /// The group.
        group_id: GroupId = id,
        /// The applicant, or who invites the bot.
        user_id: UserId = id,
        /// Their message.
        comment: String = default,
        /// NapCat's handle for the request, passed back when answering.
        flag: String = lenient,
    }
}

crate::__open_enum! {
    /// What a [`GroupRequest`] asks.
    pub enum GroupRequestKind {
        /// Someone wants to join a group the bot administers.
        Add = "add",
        /// Someone invites the bot into a group.
        Invite = "invite",
    }
}
