//! Events NapCat pushes: messages, notices, requests and meta events.
//!
//! A WebSocket [`Client`](crate::Client) delivers them through
//! [`Client::events`](crate::Client::events); each one is decoded into an
//! [`Event`]. Every event type NapCat sends has a typed variant, and
//! anything ncat does not know (a new `post_type` or `notice_type`, an
//! unknown `sub_type`, a field of an unexpected type) arrives as
//! [`Event::Unknown`] with the raw JSON, so a new NapCat release never
//! breaks the stream.
//!
//! ```no_run
//! use ncat_api::event::{Event, MessageEvent, NoticeEvent};
//!
//! # async fn demo(client: ncat_api::Client) -> Result<(), ncat_api::Error> {
//! let mut events = client.events();
//! while let Some(event) = events.next().await {
//!     match event {
//!         Event::Message(MessageEvent::Group(message)) => {
//!             message.reply(&client, "got it").await?;
//!         }
//!         Event::Notice(NoticeEvent::GroupIncrease(joined)) => {
//!             client.send_group_msg(joined.group_id, "welcome!").await?;
//!         }
//!         _ => {}
//!     }
//! }
//! # Ok(()) }
//! ```

mod message;
mod meta;
mod notice;
mod quick;
mod quick_operation;
mod request;
mod stream;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::Value;

pub use self::message::{
    GroupMessage, GroupMessageKind, MessageEvent, PrivateMessage, PrivateMessageKind, Role, Sender,
};
pub use self::meta::{Heartbeat, HeartbeatStatus, Lifecycle, LifecycleKind, MetaEvent};
pub use self::notice::{
    AdminChange, BanKind, BotOffline, DecreaseKind, EmojiCount, EmojiLike, Essence, EssenceChange,
    FriendAdd, FriendRecall, GrayTip, GroupAdmin, GroupBan, GroupCard, GroupDecrease,
    GroupIncrease, GroupName, GroupRecall, GroupUpload, Honor, IncreaseKind, InputStatus,
    LuckyKing, NoticeEvent, OnlineFileReceive, OnlineFileReceiveKind, OnlineFileSend,
    OnlineFileSendKind, Poke, ProfileLike, Title, UploadedFile,
};
pub use self::quick_operation::QuickOperation;
pub use self::request::{FriendRequest, GroupRequest, GroupRequestKind, RequestEvent};
#[cfg(feature = "post")]
pub(crate) use self::stream::Handle;
pub use self::stream::{Delivery, EventBuffer, Events, Handled};
pub(crate) use self::stream::{EventHub, EventSink};

/// One event from NapCat.
///
/// Decode one yourself (e.g. from NapCat's HTTP POST push) with
/// [`Event::from_json`] or serde; decoding never fails on a JSON object.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Event {
    /// `message`: a message to the bot.
    Message(MessageEvent),
    /// `message_sent`: a message the bot account sent (only with NapCat's
    /// `reportSelfMessage`).
    MessageSent(MessageEvent),
    /// `notice`: something happened in a group or to a friend.
    Notice(NoticeEvent),
    /// `request`: a friend or group request waiting for an answer.
    Request(RequestEvent),
    /// `meta_event`: lifecycle and heartbeat.
    Meta(MetaEvent),
    /// An event ncat could not decode into a typed variant, as received.
    Unknown(Value),
}

impl Event {
    /// Decodes an event from its JSON text. Fails only if `json` is not
    /// JSON; anything ncat does not know becomes [`Event::Unknown`].
    pub fn from_json(json: &str) -> Result<Event, serde_json::Error> {
        serde_json::from_str(json).map(Event::from_value)
    }

    /// Decodes an event from a JSON value; anything ncat does not know
    /// becomes [`Event::Unknown`] holding `value`.
    pub fn from_value(value: Value) -> Event {
        decode(&value).unwrap_or(Event::Unknown(value))
    }

    /// The `post_type`, as on the wire (`None` if an unknown event has none).
    pub fn post_type(&self) -> Option<&str> {
        match self {
            Event::Message(_) => Some("message"),
            Event::MessageSent(_) => Some("message_sent"),
            Event::Notice(_) => Some("notice"),
            Event::Request(_) => Some("request"),
            Event::Meta(_) => Some("meta_event"),
            Event::Unknown(raw) => raw.get("post_type").and_then(Value::as_str),
        }
    }
}

impl<'de> Deserialize<'de> for Event {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Value::deserialize(deserializer).map(Event::from_value)
    }
}

/// The typed event, or `None` when `value` is not one ncat knows.
fn decode(value: &Value) -> Option<Event> {
    let field = |name: &str| value.get(name).and_then(Value::as_str);
    Some(match field("post_type")? {
        "message" => Event::Message(decode_message(value, field("message_type")?)?),
        "message_sent" => Event::MessageSent(decode_message(value, field("message_type")?)?),
        "notice" => Event::Notice(decode_notice(
            value,
            field("notice_type")?,
            field("sub_type"),
        )?),
        "request" => Event::Request(match field("request_type")? {
            "friend" => RequestEvent::Friend(typed(value)?),
            "group" => RequestEvent::Group(typed(value)?),
            _ => return None,
        }),
        "meta_event" => Event::Meta(match field("meta_event_type")? {
            "lifecycle" => MetaEvent::Lifecycle(typed(value)?),
            "heartbeat" => MetaEvent::Heartbeat(typed(value)?),
            _ => return None,
        }),
        _ => return None,
    })
}

fn decode_message(value: &Value, message_type: &str) -> Option<MessageEvent> {
    Some(match message_type {
        "private" => MessageEvent::Private(typed(value)?),
        "group" => MessageEvent::Group(typed(value)?),
        _ => return None,
    })
}

fn decode_notice(value: &Value, notice_type: &str, sub_type: Option<&str>) -> Option<NoticeEvent> {
    Some(match (notice_type, sub_type) {
        ("group_upload", _) => NoticeEvent::GroupUpload(typed(value)?),
        ("group_admin", _) => NoticeEvent::GroupAdmin(typed(value)?),
        ("group_decrease", _) => NoticeEvent::GroupDecrease(typed(value)?),
        ("group_increase", _) => NoticeEvent::GroupIncrease(typed(value)?),
        ("group_ban", _) => NoticeEvent::GroupBan(typed(value)?),
        ("friend_add", _) => NoticeEvent::FriendAdd(typed(value)?),
        ("group_recall", _) => NoticeEvent::GroupRecall(typed(value)?),
        ("friend_recall", _) => NoticeEvent::FriendRecall(typed(value)?),
        ("notify", Some("poke")) => NoticeEvent::Poke(typed(value)?),
        ("notify", Some("lucky_king")) => NoticeEvent::LuckyKing(typed(value)?),
        ("notify", Some("honor")) => NoticeEvent::Honor(typed(value)?),
        ("notify", Some("group_name")) => NoticeEvent::GroupName(typed(value)?),
        ("notify", Some("title")) => NoticeEvent::Title(typed(value)?),
        ("notify", Some("profile_like")) => NoticeEvent::ProfileLike(typed(value)?),
        ("notify", Some("input_status")) => NoticeEvent::InputStatus(typed(value)?),
        ("notify", Some("gray_tip")) => NoticeEvent::GrayTip(typed(value)?),
        ("group_card", _) => NoticeEvent::GroupCard(typed(value)?),
        ("essence", _) => NoticeEvent::Essence(typed(value)?),
        ("group_msg_emoji_like", _) => NoticeEvent::EmojiLike(typed(value)?),
        ("bot_offline", _) => NoticeEvent::BotOffline(typed(value)?),
        ("online_file_receive", _) => NoticeEvent::OnlineFileReceive(typed(value)?),
        ("online_file_send", _) => NoticeEvent::OnlineFileSend(typed(value)?),
        _ => return None,
    })
}

/// Reads a known event type. A failure (a field of an unexpected type, an
/// unknown `sub_type`) is logged and the event is passed on as unknown.
fn typed<T: DeserializeOwned>(value: &Value) -> Option<T> {
    T::deserialize(value)
        .inspect_err(|error| {
            tracing::debug!(
                %error,
                event = std::any::type_name::<T>(),
                "an event did not match its type; passing it on as Event::Unknown"
            );
        })
        .ok()
}
