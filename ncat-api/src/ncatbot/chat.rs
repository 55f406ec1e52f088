//! Where ncatbot's `post_*` conveniences send: a group or a user, and the
//! NapCat action that sends there.

use crate::action::Action;
use crate::actions::{SendGroupMsgRequest, SendPrivateMsgRequest};
use crate::id::{GroupId, UserId};
use crate::message::Message;

/// A chat a message is posted to: a group ([`GroupId`], sent with NapCat's
/// `send_group_msg`) or a user ([`UserId`], sent with `send_private_msg`).
///
/// It is what makes [`PostMessage`](super::PostMessage) and
/// [`PostFile`](super::PostFile) one type for both kinds of chat. Sealed:
/// only these two ids implement it.
pub trait Chat: sealed::Sealed + Copy + Send + 'static {
    /// The request that sends a message to this chat.
    type Request: Action;

    /// The request sending `message` to this chat.
    fn request(self, message: Message) -> Self::Request;
}

impl Chat for GroupId {
    type Request = SendGroupMsgRequest;

    fn request(self, message: Message) -> SendGroupMsgRequest {
        SendGroupMsgRequest::new(self, message)
    }
}

impl Chat for UserId {
    type Request = SendPrivateMsgRequest;

    fn request(self, message: Message) -> SendPrivateMsgRequest {
        SendPrivateMsgRequest::new(self, message)
    }
}

mod sealed {
    pub trait Sealed {}

    impl Sealed for crate::GroupId {}
    impl Sealed for crate::UserId {}
}
