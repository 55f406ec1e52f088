//! Answering events: replies, mutes and request approvals.
//!
//! Replies and mutes are ordinary actions (`send_group_msg`, …), so they
//! return the action's typed reply. Requests are answered through NapCat's
//! `.handle_quick_operation`, which takes the event back as its context.

use std::time::Duration;

use serde_json::{Value, json};

use super::{FriendRequest, GroupRequest};
use super::{GroupMessage, MessageEvent, PrivateMessage};
use crate::Call;
use crate::actions::{
    HandleQuickOperationRequest, SendGroupMsgRequest, SendPrivateMsgRequest, SetGroupBanRequest,
};
use crate::client::Client;
use crate::message::{Message, Segment};

impl GroupMessage {
    /// Replies in the group, quoting this message. `.await` the returned
    /// call to send it.
    pub fn reply(&self, client: &Client, message: impl Into<Message>) -> Call<SendGroupMsgRequest> {
        client.send_group_msg(self.group_id, quoting(self.message_id, message.into()))
    }

    /// Mutes the sender in the group for `duration` (whole seconds, at most
    /// 30 days as QQ allows; zero unmutes).
    pub fn ban(&self, client: &Client, duration: Duration) -> Call<SetGroupBanRequest> {
        let seconds = u32::try_from(duration.as_secs()).unwrap_or(u32::MAX);
        client
            .set_group_ban(self.group_id, self.user_id)
            .duration(seconds)
    }
}

impl PrivateMessage {
    /// Replies to the sender (through the same group for a temporary chat).
    pub fn reply(
        &self,
        client: &Client,
        message: impl Into<Message>,
    ) -> Call<SendPrivateMsgRequest> {
        let call = client.send_private_msg(self.user_id, message.into());
        match self.group_id {
            Some(group) => call.group_id(group),
            None => call,
        }
    }
}

impl MessageEvent {
    /// Replies through NapCat's quick operation: NapCat sends `message` to
    /// the chat the event came from, quoting it in groups; with
    /// `at_sender`, it also mentions the sender in groups.
    pub fn quick_reply(
        &self,
        client: &Client,
        message: impl Into<Message>,
        at_sender: bool,
    ) -> Call<HandleQuickOperationRequest> {
        let context = self.context();
        let operation = json!({
            "reply": message.into(),
            "at_sender": at_sender,
        });
        client.handle_quick_operation(context, operation)
    }

    /// The event as a quick operation's context: what NapCat reads of it.
    pub(super) fn context(&self) -> Value {
        match self {
            MessageEvent::Private(private) => private.context(),
            MessageEvent::Group(group) => group.context(),
        }
    }
}

impl PrivateMessage {
    /// The event as a quick operation's context.
    pub(super) fn context(&self) -> Value {
        json!({
            "time": self.time,
            "self_id": self.self_id,
            "post_type": "message",
            "message_type": "private",
            "message_id": self.message_id,
            "user_id": self.user_id,
        })
    }
}

impl GroupMessage {
    /// The event as a quick operation's context.
    pub(super) fn context(&self) -> Value {
        json!({
            "time": self.time,
            "self_id": self.self_id,
            "post_type": "message",
            "message_type": "group",
            "message_id": self.message_id,
            "group_id": self.group_id,
            "user_id": self.user_id,
        })
    }
}

impl FriendRequest {
    /// Accepts the friend request.
    pub fn approve(&self, client: &Client) -> Call<HandleQuickOperationRequest> {
        client.handle_quick_operation(self.context(), json!({ "approve": true }))
    }

    /// Declines the friend request.
    pub fn reject(&self, client: &Client) -> Call<HandleQuickOperationRequest> {
        client.handle_quick_operation(self.context(), json!({ "approve": false }))
    }

    pub(super) fn context(&self) -> Value {
        json!({
            "time": self.time,
            "self_id": self.self_id,
            "post_type": "request",
            "request_type": "friend",
            "user_id": self.user_id,
            "comment": self.comment,
            "flag": self.flag,
        })
    }
}

impl GroupRequest {
    /// Lets the applicant in, or accepts the invitation.
    pub fn approve(&self, client: &Client) -> Call<HandleQuickOperationRequest> {
        client.handle_quick_operation(self.context(), json!({ "approve": true }))
    }

    /// Turns the request down, telling the applicant `reason` (may be empty).
    pub fn reject(
        &self,
        client: &Client,
        reason: impl Into<String>,
    ) -> Call<HandleQuickOperationRequest> {
        let operation = json!({ "approve": false, "reason": reason.into() });
        client.handle_quick_operation(self.context(), operation)
    }

    pub(super) fn context(&self) -> Value {
        json!({
            "time": self.time,
            "self_id": self.self_id,
            "post_type": "request",
            "request_type": "group",
            "sub_type": self.sub_type.as_str(),
            "group_id": self.group_id,
            "user_id": self.user_id,
            "comment": self.comment,
            "flag": self.flag,
        })
    }
}

/// `message` with a quote of `original` in front.
fn quoting(original: crate::MessageId, message: Message) -> Message {
    let mut quoted = Message::from(Segment::reply(original));
    quoted.extend(message);
    quoted
}
