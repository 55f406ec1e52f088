//! NapCat accounts behind a gateway, bots as workers on
//! [NATS](https://nats.io), and ncat's typed client on both ends.
//!
//! ```text
//! NapCat ─┐                          ┌─ worker (bot replica)
//! NapCat ─┼─ gateway ─── NATS ───────┼─ worker (bot replica)
//! NapCat ─┘  (ncat gateway)          └─ worker (another bot)
//! ```
//!
//! - The [`Gateway`] holds the NapCat connections (forward WebSocket
//!   clients, reverse WebSocket servers; many accounts), publishes every
//!   event to `<prefix>.<self_id>.event.<post_type>.<detail>` with NapCat's
//!   JSON as it came, and answers requests on `<prefix>.<self_id>.call`
//!   with NapCat's reply envelope ([`protocol`] has the format).
//! - A [`Worker`] is one account seen from a bot: [`Worker::client`] is an
//!   ordinary [`ncat_api::Client`] whose calls travel over NATS
//!   ([`NatsTransport`]), and [`Worker::events`] its events as
//!   [`ncat_api::Events`], shared by the replicas of a queue group.
//!   [`Worker::durable_events`] delivers them at least once through a
//!   JetStream stream, acked after the handler.
//!
//! Delivery: core NATS events are at most once (an event in flight when a
//! worker dies, or published while no worker listens, is gone); JetStream
//! events are at least once (an event not acked in time comes again;
//! [`Delivery::sequence`] lets a handler skip one it has handled). Calls are
//! at most once: a call that times out may still have been carried out.
//!
//! With feature `bot` (default), an [`ncat_bot`] bot runs unchanged as a
//! worker: [`Worker::bot_source`] (core NATS, a queue group) and
//! [`Worker::durable_bot_source`] (JetStream, acked after the handlers
//! return); see [`bot`].
//!
//! [`testing::NatsServer`] runs a real `nats-server` for tests.

#![deny(missing_docs)]

#[cfg(feature = "bot")]
pub mod bot;
mod connect;
mod error;
mod gateway;
pub mod protocol;
mod settle;
mod subject;
pub mod testing;
mod transport;
mod worker;

pub use connect::NatsOptions;
pub use error::Error;
pub use gateway::{AccountStats, Gateway, GatewayBuilder, GatewayStats, SERVICE_NAME};
pub use protocol::{GatewayError, GatewayErrorKind};
pub use subject::{DEFAULT_PREFIX, InvalidPrefix, Prefix};
pub use transport::NatsTransport;
pub use worker::{
    Ack, Delivery, DurableEvents, DurableOptions, EventStreamOptions, Worker, ensure_event_stream,
};

#[cfg(feature = "bot")]
pub use bot::DurableSource;

/// The async-nats this crate is built on, for its connection options.
pub use async_nats;
