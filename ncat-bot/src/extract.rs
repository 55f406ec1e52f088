//! [`FromEvent`]: what a handler's arguments are made from.

use ncat_api::Client;
use ncat_api::event::{
    Event, FriendAdd, FriendRecall, FriendRequest, GroupAdmin, GroupBan, GroupCard, GroupDecrease,
    GroupIncrease, GroupMessage, GroupName, GroupRecall, GroupRequest, GroupUpload, Heartbeat,
    Lifecycle, MessageEvent, MetaEvent, NoticeEvent, Poke, PrivateMessage, RequestEvent,
};

use crate::command::CommandSpec;
use crate::context::EventContext;

/// Why an extractor did not give a value, and so why the handler does not
/// run.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Rejection {
    /// The event is not for this handler (another kind of event, another
    /// command, a filter said no): the router goes on to the next one.
    Skip,
    /// The event is for this handler but cannot be handled: the router
    /// answers the chat with this text (a command's usage line) instead of
    /// running it.
    Reply(String),
    /// The event is for this handler, which must not run, and nothing is
    /// said (a cooldown set to silence).
    Silent,
}

/// A handler argument made from the event being handled.
///
/// ncat-bot implements it for the event types (`Event`, `MessageEvent`,
/// `GroupMessage`, `PrivateMessage`, every notice, request and meta
/// event), [`Client`] (the account the event came to), [`State<T>`],
/// [`Cmd<C>`](crate::Cmd), [`Conversation`](crate::Conversation),
/// [`Tasks`](crate::Tasks), [`Plugins`](crate::Plugins), the filters in
/// [`filter`](crate::filter) and `Option<T>` of any of them (`None`
/// instead of skipping). `S` is the router's state.
///
/// Implement it for your own argument types:
///
/// ```
/// use ncat_bot::{EventContext, FromEvent, Rejection};
///
/// /// The message's text, for handlers that want nothing else.
/// struct Words(Vec<String>);
///
/// impl<S> FromEvent<S> for Words {
///     fn from_event(cx: &EventContext, _: &S) -> Result<Self, Rejection> {
///         let message = cx.message().ok_or(Rejection::Skip)?;
///         Ok(Words(message.message().plain_text().split_whitespace().map(String::from).collect()))
///     }
/// }
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a handler argument",
    label = "not an extractor",
    note = "handler arguments implement `FromEvent<{S}>`: an event type (`GroupMessage`, \
            `PrivateMessage`, `MessageEvent`, `Event`, a notice such as `GroupIncrease`), \
            `Client`, `State<T>`, `Cmd<C>`, `Conversation`, `Tasks`, `Plugins` or a filter; \
            implement `FromEvent` for your own type, or put shared data in `State<T>`"
)]
pub trait FromEvent<S>: Sized {
    /// A cheap test whether the event can fit (no clone, no parse); the
    /// router asks every argument before extracting any. Defaults to `true`.
    fn fits(cx: &EventContext, state: &S) -> bool {
        let _ = (cx, state);
        true
    }

    /// The value, or why there is none.
    fn from_event(cx: &EventContext, state: &S) -> Result<Self, Rejection>;

    /// Adds the commands this argument parses, for `/help`. Defaults to none.
    fn commands(commands: &mut Vec<&'static CommandSpec>) {
        let _ = commands;
    }
}

/// `None` when `T` does not fit; never skips the handler.
impl<S, T: FromEvent<S>> FromEvent<S> for Option<T> {
    fn from_event(cx: &EventContext, state: &S) -> Result<Self, Rejection> {
        if !T::fits(cx, state) {
            return Ok(None);
        }
        match T::from_event(cx, state) {
            Ok(value) => Ok(Some(value)),
            Err(Rejection::Skip) => Ok(None),
            Err(other) => Err(other),
        }
    }
}

/// The client of the account the event came to: answer through it.
impl<S> FromEvent<S> for Client {
    fn from_event(cx: &EventContext, _: &S) -> Result<Self, Rejection> {
        Ok(cx.client().clone())
    }
}

/// Every event.
impl<S> FromEvent<S> for Event {
    fn from_event(cx: &EventContext, _: &S) -> Result<Self, Rejection> {
        Ok(cx.event().clone())
    }
}

/// Implements `FromEvent` for the type inside one event variant.
macro_rules! variant_extractor {
    ($($(#[$doc:meta])* $ty:ty => $pattern:pat => $value:ident;)*) => {$(
        $(#[$doc])*
        impl<S> FromEvent<S> for $ty {
            #[allow(unused_variables)]
            fn fits(cx: &EventContext, _: &S) -> bool {
                matches!(cx.event(), $pattern)
            }

            fn from_event(cx: &EventContext, _: &S) -> Result<Self, Rejection> {
                match cx.event() {
                    $pattern => Ok($value.clone()),
                    _ => Err(Rejection::Skip),
                }
            }
        }
    )*};
}

variant_extractor! {
    /// Messages to the bot, private or group (not `message_sent`).
    MessageEvent => Event::Message(value) => value;
    /// Group messages to the bot.
    GroupMessage => Event::Message(MessageEvent::Group(value)) => value;
    /// Private messages to the bot.
    PrivateMessage => Event::Message(MessageEvent::Private(value)) => value;
    /// Notices.
    NoticeEvent => Event::Notice(value) => value;
    /// A member joined a group.
    GroupIncrease => Event::Notice(NoticeEvent::GroupIncrease(value)) => value;
    /// A member left or was removed.
    GroupDecrease => Event::Notice(NoticeEvent::GroupDecrease(value)) => value;
    /// A mute or unmute.
    GroupBan => Event::Notice(NoticeEvent::GroupBan(value)) => value;
    /// A group message was recalled.
    GroupRecall => Event::Notice(NoticeEvent::GroupRecall(value)) => value;
    /// A private message was recalled.
    FriendRecall => Event::Notice(NoticeEvent::FriendRecall(value)) => value;
    /// An admin was set or unset.
    GroupAdmin => Event::Notice(NoticeEvent::GroupAdmin(value)) => value;
    /// A group file was uploaded.
    GroupUpload => Event::Notice(NoticeEvent::GroupUpload(value)) => value;
    /// A group card changed.
    GroupCard => Event::Notice(NoticeEvent::GroupCard(value)) => value;
    /// A group was renamed.
    GroupName => Event::Notice(NoticeEvent::GroupName(value)) => value;
    /// A new friend.
    FriendAdd => Event::Notice(NoticeEvent::FriendAdd(value)) => value;
    /// A poke.
    Poke => Event::Notice(NoticeEvent::Poke(value)) => value;
    /// Requests.
    RequestEvent => Event::Request(value) => value;
    /// A friend request.
    FriendRequest => Event::Request(RequestEvent::Friend(value)) => value;
    /// A request to join a group, or an invitation.
    GroupRequest => Event::Request(RequestEvent::Group(value)) => value;
    /// Meta events.
    MetaEvent => Event::Meta(value) => value;
    /// Lifecycle meta events (connect, enable, disable).
    Lifecycle => Event::Meta(MetaEvent::Lifecycle(value)) => value;
    /// Heartbeats.
    Heartbeat => Event::Meta(MetaEvent::Heartbeat(value)) => value;
}

/// Shared data of the router, from [`Router::with_state`](crate::Router::with_state):
/// the whole state, or a part of it through [`FromRef`].
///
/// ```
/// use std::sync::Arc;
/// use std::sync::atomic::{AtomicU64, Ordering};
/// use ncat_bot::{Router, State};
/// use ncat_api::event::GroupMessage;
///
/// #[derive(Clone, Default)]
/// struct Stats { messages: Arc<AtomicU64> }
///
/// async fn count(_: GroupMessage, State(stats): State<Stats>) {
///     stats.messages.fetch_add(1, Ordering::Relaxed);
/// }
///
/// let router = Router::new().on(count).with_state(Stats::default());
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct State<T>(pub T);

impl<S, T: FromRef<S>> FromEvent<S> for State<T> {
    fn from_event(_: &EventContext, state: &S) -> Result<Self, Rejection> {
        Ok(State(T::from_ref(state)))
    }
}

/// A part of the router's state that handlers take as [`State<Self>`].
/// Every `Clone` type is a part of itself; implement it to hand out fields
/// of a larger state.
#[diagnostic::on_unimplemented(
    message = "the router's state `{S}` has no `{Self}` for `State<{Self}>`",
    note = "give the router its state with `Router::with_state(…)` before merging it or running \
            it, and implement `FromRef<{S}>` for `{Self}` to take a part of a larger state"
)]
pub trait FromRef<S> {
    /// The part of `state` this is.
    fn from_ref(state: &S) -> Self;
}

impl<T: Clone> FromRef<T> for T {
    fn from_ref(state: &T) -> Self {
        state.clone()
    }
}
