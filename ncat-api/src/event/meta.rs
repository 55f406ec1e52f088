//! `meta_event` events: about the connection itself.

use serde::{Deserialize, Serialize, Serializer};

use super::__support::{Extra, serialize_event};

use crate::id::UserId;

/// A meta event (`post_type: "meta_event"`), sent on WebSocket connections
/// only.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum MetaEvent {
    /// `lifecycle`: NapCat sends `connect` right after a connection opens.
    Lifecycle(Lifecycle),
    /// `heartbeat`: sent every `heartInterval` (30 s by default).
    Heartbeat(Heartbeat),
}

impl MetaEvent {
    /// The keys of the meta event that ncat has no field for.
    pub fn extras(&self) -> &Extra {
        match self {
            MetaEvent::Lifecycle(meta) => meta.extras(),
            MetaEvent::Heartbeat(meta) => meta.extras(),
        }
    }
}

impl Serialize for MetaEvent {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            MetaEvent::Lifecycle(meta) => serialize_event(
                meta,
                &[
                    ("post_type", "meta_event"),
                    ("meta_event_type", "lifecycle"),
                ],
                serializer,
            ),
            MetaEvent::Heartbeat(meta) => serialize_event(
                meta,
                &[
                    ("post_type", "meta_event"),
                    ("meta_event_type", "heartbeat"),
                ],
                serializer,
            ),
        }
    }
}

crate::__event_struct! {
    /// A lifecycle event.
    pub struct Lifecycle {
        /// When, in Unix seconds.
        time: i64 = required,
        /// The bot account: the cheapest way to learn it.
        self_id: UserId = id,
        /// What happened.
        sub_type: LifecycleKind = required,
    }
}

crate::__open_enum! {
    /// What a [`Lifecycle`] event announces.
    pub enum LifecycleKind {
        /// The connection is open: the only kind NapCat sends.
        Connect = "connect",
        /// OneBot 11: the implementation was enabled.
        Enable = "enable",
        /// OneBot 11: the implementation was disabled.
        Disable = "disable",
    }
}

crate::__event_struct! {
    /// A heartbeat.
    pub struct Heartbeat {
        /// When, in Unix seconds.
        time: i64 = required,
        /// The bot account.
        self_id: UserId = id,
        /// NapCat's health.
        status: HeartbeatStatus = required,
        /// Milliseconds until the next heartbeat.
        interval: u64 = default,
    }
}

/// The health reported by a [`Heartbeat`].
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
