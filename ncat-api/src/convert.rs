//! The conversion traits of the generated methods' arguments.
//!
//! `client.delete_msg(…)` takes `impl IntoMessageId` rather than
//! `impl Into<MessageId>`: the conversions are the same, but a mix-up is
//! reported in a few lines that say what is wrong and where the right value
//! comes from, instead of a list of `From` impls.

use crate::id::{GroupId, MessageId, UserId};
use crate::message::Message;

mod sealed {
    /// Keeps the id traits to the conversions ncat defines.
    pub trait Sealed {}

    impl Sealed for i64 {}
    impl Sealed for crate::UserId {}
    impl Sealed for crate::GroupId {}
    impl Sealed for crate::MessageId {}
}

/// Declares the sealed conversion trait of one id type: the id itself, or a
/// raw `i64` (so integer literals work). Ids of one kind never convert into
/// another.
macro_rules! id_trait {
    ($(#[$doc:meta])* $trait:ident => $id:ident, $method:ident, message = $message:literal, label = $label:literal, note = $note:literal) => {
        $(#[$doc])*
        #[diagnostic::on_unimplemented(message = $message, label = $label, note = $note)]
        pub trait $trait: sealed::Sealed {
            #[doc = concat!("The `", stringify!($id), "`.")]
            fn $method(self) -> $id;
        }

        #[diagnostic::do_not_recommend]
        impl $trait for $id {
            fn $method(self) -> $id {
                self
            }
        }

        #[diagnostic::do_not_recommend]
        impl $trait for i64 {
            fn $method(self) -> $id {
                $id::new(self)
            }
        }
    };
}

id_trait! {
    /// A value usable as a [`UserId`]: one, or a raw `i64`.
    IntoUserId => UserId, into_user_id,
    message = "`{Self}` is not a `UserId`",
    label = "expected the QQ number of a user here",
    note = "a `UserId` comes from an event (`user_id`, `sender`) or a friend or member list; `UserId::new(n)` wraps a raw number"
}

id_trait! {
    /// A value usable as a [`GroupId`]: one, or a raw `i64`.
    IntoGroupId => GroupId, into_group_id,
    message = "`{Self}` is not a `GroupId`",
    label = "expected the number of a group here",
    note = "a `GroupId` comes from a group event or `get_group_list`; `GroupId::new(n)` wraps a raw number"
}

id_trait! {
    /// A value usable as a [`MessageId`]: one, or a raw `i64`.
    IntoMessageId => MessageId, into_message_id,
    message = "`{Self}` is not a `MessageId`",
    label = "expected the id of a message here",
    note = "a `MessageId` comes from a send reply (`message_id`) or a message event; `MessageId::new(n)` wraps a raw number"
}

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

/// A value usable as a media segment `S` ([`Image`](crate::segment::Image),
/// [`Record`](crate::segment::Record), [`Video`](crate::segment::Video),
/// [`File`](crate::segment::File)): a source NapCat reads (a URL, path or
/// `base64://` string, or a [`Media`](crate::Media)), or the segment itself
/// with its options set.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a media source",
    label = "expected a URL or path (`&str` or `String`), a `Media`, or a `{S}`",
    note = "raw bytes go in as `Media::base64(bytes)`, a local file as `Media::path(path)`"
)]
pub trait IntoMedia<S> {
    /// The segment.
    fn into_media(self) -> S;
}

#[diagnostic::do_not_recommend]
impl<S, T: Into<S>> IntoMedia<S> for T {
    fn into_media(self) -> S {
        self.into()
    }
}
