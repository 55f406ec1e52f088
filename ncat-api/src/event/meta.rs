//! `meta_event` events: about the connection itself.

use serde::Deserialize;

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

/// A lifecycle event.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Lifecycle {
    /// When, in Unix seconds.
    pub time: i64,
    /// The bot account: the cheapest way to learn it.
    pub self_id: UserId,
    /// What happened.
    pub sub_type: LifecycleKind,
}

/// What a [`Lifecycle`] event announces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum LifecycleKind {
    /// The connection is open: the only kind NapCat sends.
    Connect,
    /// OneBot 11: the implementation was enabled.
    Enable,
    /// OneBot 11: the implementation was disabled.
    Disable,
}

/// A heartbeat.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Heartbeat {
    /// When, in Unix seconds.
    pub time: i64,
    /// The bot account.
    pub self_id: UserId,
    /// NapCat's health.
    pub status: HeartbeatStatus,
    /// Milliseconds until the next heartbeat.
    #[serde(default)]
    pub interval: u64,
}

/// The health reported by a [`Heartbeat`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct HeartbeatStatus {
    /// Whether the QQ account is online.
    #[serde(default)]
    pub online: Option<bool>,
    /// Whether NapCat is working normally.
    #[serde(default)]
    pub good: bool,
}
