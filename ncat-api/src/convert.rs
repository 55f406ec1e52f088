//! The conversion traits of the generated methods' arguments.
//!
//! `client.delete_msg(…)` takes `impl IntoId<MessageId>` rather than
//! `impl Into<MessageId>`: the conversions are the same, but a mix-up is
//! reported in a few lines that say what is wrong and where the right value
//! comes from, instead of a list of `From` impls.

use crate::id::{GroupId, MessageId, UserId};
use crate::message::Message;

mod sealed {
    /// Keeps [`IntoId`](super::IntoId) to the id conversions ncat defines.
    pub trait Sealed<Id> {}
}

/// A value usable as an id of type `Id`: the id itself, or a raw `i64`
/// (so integer literals work).
///
/// Sealed: ids of one kind never convert into another.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a `{Id}`",
    label = "expected a `{Id}` here",
    note = "ids are distinct types: a `MessageId` comes from a send reply or a message event, a `UserId` or `GroupId` from an event or a list action; `{Id}::new(n)` wraps a raw number"
)]
pub trait IntoId<Id>: sealed::Sealed<Id> {
    /// The id.
    fn into_id(self) -> Id;
}

macro_rules! into_id {
    ($($id:ident)*) => {$(
        impl sealed::Sealed<$id> for $id {}
        impl sealed::Sealed<$id> for i64 {}

        #[diagnostic::do_not_recommend]
        impl IntoId<$id> for $id {
            fn into_id(self) -> $id {
                self
            }
        }

        #[diagnostic::do_not_recommend]
        impl IntoId<$id> for i64 {
            fn into_id(self) -> $id {
                $id::new(self)
            }
        }
    )*};
}

into_id!(UserId GroupId MessageId);

/// A value usable as a message: a [`Message`], a `&str` or `String` (one
/// text segment), a [`Segment`](crate::Segment), or anything else that
/// converts `Into<Message>`.
#[diagnostic::on_unimplemented(
    message = "a `Message` cannot be built from `{Self}`",
    label = "not text, a segment or a message",
    note = "pass a `&str` or `String`, a `Segment`, or build one with `Message::new().text(…).at(…)`"
)]
pub trait IntoMessage {
    /// The message.
    fn into_message(self) -> Message;
}

#[diagnostic::do_not_recommend]
impl<T: Into<Message>> IntoMessage for T {
    fn into_message(self) -> Message {
        self.into()
    }
}

/// A value usable as a plain-text parameter: `&str`, `String`, or anything
/// else that converts `Into<String>`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not plain text",
    label = "expected a `&str` or `String` here",
    note = "this parameter is plain text; a `Message` (segments) goes only where NapCat takes a message, so send its text instead"
)]
pub trait IntoText {
    /// The text.
    fn into_text(self) -> String;
}

#[diagnostic::do_not_recommend]
impl<T: Into<String>> IntoText for T {
    fn into_text(self) -> String {
        self.into()
    }
}
