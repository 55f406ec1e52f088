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

#[doc(hidden)]
#[path = "support.rs"]
pub mod __support;
mod hooks;
mod quick;
mod quick_operation;
mod stream;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use self::__support::{Tag, Tags};

pub use self::hooks::{EmojiCount, HeartbeatStatus, Role, Sender, UploadedFile};
pub use self::quick_operation::QuickOperation;
pub(crate) use self::stream::EventHub;
#[cfg(any(feature = "ws", feature = "http", feature = "post"))]
pub(crate) use self::stream::EventSink;
#[cfg(feature = "post")]
pub(crate) use self::stream::Handle;
pub use self::stream::{Delivery, EventBuffer, Events, Handled};

// Every event struct, `sub_type` enum and family enum (`MessageEvent`,
// `NoticeEvent`, `RequestEvent`, `MetaEvent`, with their dispatch), from
// `schema/events.yaml`; `generated/events.rs` is the snapshot of this
// expansion, as `generated/actions.rs` is of the actions'. The items land
// in this module, beside the runtime they call (`Source`, `typed`).
#[cfg(feature = "extend")]
ncat_codegen::generate_events!("schema", snapshot = "generated/events.rs");
#[cfg(not(feature = "extend"))]
include!("../../generated/events.rs");

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
    ///
    /// The event is read straight from the text: the keys that choose its
    /// variant first (NapCat writes `post_type` last), then its fields. A
    /// [`Value`] is built only for an event ncat cannot type.
    pub fn from_json(json: &str) -> Result<Event, serde_json::Error> {
        match serde_json::from_str::<Tags<'_>>(json) {
            Ok(tags) => Ok(Event::from_tags(&tags, json)),
            // Not an object (or not JSON: then this fails too).
            Err(_) => serde_json::from_str(json).map(Event::Unknown),
        }
    }

    /// Decodes `json` if it is an event (an object with a `post_type`),
    /// reading its keys once; `None`, building nothing, if it is not.
    pub(crate) fn from_json_if_event(json: &str) -> Option<Event> {
        let tags = serde_json::from_str::<Tags<'_>>(json).ok()?;
        tags.post_type
            .is_some()
            .then(|| Event::from_tags(&tags, json))
    }

    /// The event `json` holds, whose variant-choosing keys are `tags`.
    fn from_tags(tags: &Tags<'_>, json: &str) -> Event {
        decode(&Kinds::of(tags), &json).unwrap_or_else(|| {
            // `json` parsed as an object already, so it is JSON.
            serde_json::from_str(json).map_or(Event::Unknown(Value::Null), Event::Unknown)
        })
    }

    /// Decodes an event from a JSON value; anything ncat does not know
    /// becomes [`Event::Unknown`] holding `value`.
    pub fn from_value(value: Value) -> Event {
        decode(&Kinds::of_value(&value), &&value).unwrap_or(Event::Unknown(value))
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

    /// A key of the event that ncat has no field for (one a newer NapCat
    /// added), as NapCat sent it; for an [`Event::Unknown`], any key.
    ///
    /// ```
    /// use ncat_api::event::Event;
    ///
    /// let event = Event::from_json(r#"{"time":1,"self_id":10001,"post_type":"notice","notice_type":"friend_add","user_id":10002,"source":"qr"}"#)?;
    /// assert_eq!(event.extra("source"), Some(&serde_json::json!("qr")));
    /// assert_eq!(event.extra("user_id"), None); // a typed field
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn extra(&self, key: &str) -> Option<&Value> {
        match self {
            Event::Unknown(raw) => raw.get(key),
            typed => typed.extras()?.get(key),
        }
    }

    /// Every key of a typed event that ncat has no field for; `None` for an
    /// [`Event::Unknown`] (its JSON is all there is).
    pub fn extras(&self) -> Option<&serde_json::Map<String, Value>> {
        Some(match self {
            Event::Message(message) | Event::MessageSent(message) => message.extras(),
            Event::Notice(notice) => notice.extras(),
            Event::Request(request) => request.extras(),
            Event::Meta(meta) => meta.extras(),
            Event::Unknown(_) => return None,
        })
    }
}

impl<'de> Deserialize<'de> for Event {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Value::deserialize(deserializer).map(Event::from_value)
    }
}

/// Writes the event as NapCat sent it: the keys that chose its variant,
/// its fields and the keys ncat has no field for (an unknown event: its
/// JSON as received).
impl Serialize for Event {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Event::Message(message) => message.serialize_tagged("message", serializer),
            Event::MessageSent(message) => message.serialize_tagged("message_sent", serializer),
            Event::Notice(notice) => notice.serialize(serializer),
            Event::Request(request) => request.serialize(serializer),
            Event::Meta(meta) => meta.serialize(serializer),
            Event::Unknown(raw) => raw.serialize(serializer),
        }
    }
}

/// The string values of the keys that choose an event's variant.
struct Kinds<'a> {
    post_type: Option<&'a str>,
    message_type: Option<&'a str>,
    notice_type: Option<&'a str>,
    request_type: Option<&'a str>,
    meta_event_type: Option<&'a str>,
    sub_type: Option<&'a str>,
}

impl<'a> Kinds<'a> {
    fn of(tags: &'a Tags<'_>) -> Self {
        Kinds {
            post_type: Tag::text(&tags.post_type),
            message_type: Tag::text(&tags.message_type),
            notice_type: Tag::text(&tags.notice_type),
            request_type: Tag::text(&tags.request_type),
            meta_event_type: Tag::text(&tags.meta_event_type),
            sub_type: Tag::text(&tags.sub_type),
        }
    }

    fn of_value(value: &'a Value) -> Self {
        let field = |name: &str| value.get(name).and_then(Value::as_str);
        Kinds {
            post_type: field("post_type"),
            message_type: field("message_type"),
            notice_type: field("notice_type"),
            request_type: field("request_type"),
            meta_event_type: field("meta_event_type"),
            sub_type: field("sub_type"),
        }
    }
}

/// Where an event's fields are read from: its JSON text, or a [`Value`].
/// (`pub(crate)`: the generated families' `decode` takes one.)
pub(crate) trait Source {
    fn read<T: DeserializeOwned>(&self) -> Result<T, serde_json::Error>;
}

impl Source for &str {
    fn read<T: DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        serde_json::from_str(self)
    }
}

impl Source for &Value {
    fn read<T: DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        T::deserialize(*self)
    }
}

/// The typed event, or `None` when its kind is not one ncat knows or its
/// fields do not fit its type.
fn decode(kinds: &Kinds<'_>, source: &impl Source) -> Option<Event> {
    let sub_type = kinds.sub_type;
    Some(match kinds.post_type? {
        "message" => Event::Message(MessageEvent::decode(kinds.message_type?, sub_type, source)?),
        "message_sent" => {
            Event::MessageSent(MessageEvent::decode(kinds.message_type?, sub_type, source)?)
        }
        "notice" => Event::Notice(NoticeEvent::decode(kinds.notice_type?, sub_type, source)?),
        "request" => Event::Request(RequestEvent::decode(kinds.request_type?, sub_type, source)?),
        "meta_event" => Event::Meta(MetaEvent::decode(kinds.meta_event_type?, sub_type, source)?),
        _ => return None,
    })
}

/// Reads a known event type. A failure (a field of an unexpected type) is
/// logged and the event is passed on as unknown.
fn typed<T: DeserializeOwned>(source: &impl Source) -> Option<T> {
    source
        .read()
        .inspect_err(|error| {
            tracing::debug!(
                %error,
                event = std::any::type_name::<T>(),
                "an event did not match its type; passing it on as Event::Unknown"
            );
        })
        .ok()
}
