//! Typed async client for [NapCat](https://github.com/NapNeko/NapCatQQ), the
//! QQ bot server speaking OneBot 11 plus its own extensions.
//!
//! Every NapCat action is a method on [`Client`] returning a [`Call`]:
//! required parameters are arguments, optional ones chained setters, and
//! `.await` gives the action's typed reply. Ids are typed ([`UserId`],
//! [`GroupId`], [`MessageId`]) so they cannot be mixed up, and messages are
//! built from [`Segment`]s.
//!
//! ```no_run
//! use ncat_api::{Client, Message};
//!
//! # async fn demo() -> Result<(), ncat_api::Error> {
//! let client = Client::builder()
//!     .url("http://127.0.0.1:3000") // NapCat's HTTP server (network.httpServers)
//!     .token("s3cret")              // its `token`
//!     .build()?;
//!
//! let version = client.get_version_info().await?;
//! println!("NapCat {} ({})", version.app_version, version.app_name);
//!
//! client.set_group_ban(123456, 10001).duration(600).await?; // mute for ten minutes
//! let sent = client
//!     .send_group_msg(123456, Message::new().text("hello ").at_all())
//!     .await?;
//! println!("sent message {}", sent.message_id);
//! # Ok(()) }
//! ```
//!
//! [Every action by category](actions#every-action-by-category) lists all
//! of them, with their Chinese and English summaries. Each method's page
//! documents its parameters, NapCat's defaults and the reply.
//!
//! # Actions ncat does not know yet
//!
//! Describe them in YAML of your own and [`extend!`] generates the same
//! typed calls for them ([guide](extension)). For a one-off call,
//! [`Client::call_raw`] is the escape hatch: any action by name, with JSON
//! parameters and reply:
//!
//! ```no_run
//! # async fn demo(client: ncat_api::Client) -> Result<(), ncat_api::Error> {
//! let reply = client
//!     .call_raw("an_action_from_last_week", serde_json::json!({"group_id": "123456"}))
//!     .await?;
//! # Ok(()) }
//! ```
//!
//! # Errors
//!
//! A call fails with an [`Error`] that names the action and says where it
//! failed: [`Error::Action`] when NapCat reports `status: "failed"` (see
//! [`ActionError::kind`]), [`Error::Unauthorized`] for a wrong or missing
//! token, [`Error::Transport`] when NapCat cannot be reached,
//! [`Error::Timeout`], and [`Error::MalformedReply`] / [`Error::Decode`] when
//! the reply is not what a NapCat would send, and [`Error::Unsupported`]
//! when the connected NapCat is too old for the call (with
//! [`VersionPolicy::Strict`]). Nothing in this crate panics on bad input
//! from the network.
//!
//! # Timeouts
//!
//! Every call has a deadline: [`Client::DEFAULT_TIMEOUT`] (30 s) unless the
//! client was built with [`ClientBuilder::timeout`], overridden per call by
//! [`Call::call_timeout`]. When it passes the call fails with
//! [`Error::Timeout`]; NapCat may still complete the action, so retrying a
//! send can duplicate a message.
//!
//! Calls run on [Tokio](https://tokio.rs) (the HTTP transport and the
//! timeout need its runtime, with the time driver enabled).
//!
//! # Transports and features
//!
//! The URL picks the built-in transport: NapCat's HTTP API (`http://`,
//! `https://`, feature `http`) or its WebSocket server (`ws://`, `wss://`,
//! feature `ws`), where one connection carries every call (matched to its
//! reply by `echo`) and NapCat's [events](event). An HTTP client also gets
//! events from NapCat's SSE stream with [`ClientBuilder::sse_events`]; with
//! `ws`, [`reverse`] runs a server NapCat connects to, and with `post`,
//! [`post`] runs the server NapCat posts its events to. Every mode's events
//! come through the same [`Events`] stream, with the same
//! [delivery policy](event::EventBuffer). `rustls` adds `https://` and
//! `wss://`. All four are default features; a WebSocket-only bot turns
//! off the defaults and builds without reqwest or hyper, an HTTP-only (SSE,
//! HTTP POST) one without tungstenite. Another channel plugs in through the
//! [`Transport`] trait and [`Client::with_transport`]; parameter encoding,
//! timeouts and reply decoding stay shared. Stream actions, which answer
//! with several frames, have their own API in [`stream`].
//!
//! # Tracing
//!
//! Every call runs in a `DEBUG` [`tracing`](https://docs.rs/tracing) span
//! named `call`, with the `action`, the `transport` (`http`, `sse`, `ws`,
//! `reverse-ws`, `post` or `custom`) and, over WebSocket, the `echo` that matches
//! NapCat's own log lines; never the parameters or the token. With no
//! subscriber, or one that leaves `ncat_api` at `INFO`, it costs a cached
//! level check. To time and correlate calls with `tracing-subscriber`:
//!
//! ```ignore
//! tracing_subscriber::fmt().with_env_filter("ncat_api=debug")
//!     .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE).init();
//! ```

#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]
// Envelope reading, events and stream bookkeeping shared with the WebSocket
// transports are partly unused without them; default builds still check.
#![cfg_attr(not(feature = "ws"), allow(dead_code))]

mod action;
mod call;
mod client;
mod convert;
mod envelope;
mod error;
pub mod event;
pub mod extension;
mod id;
pub mod lenient;
mod message;
pub mod ncatbot;
mod param_group;
mod params;
#[cfg(feature = "post")]
pub mod post;
#[cfg(feature = "ws")]
pub mod reverse;
mod settings;
pub mod stream;
mod transport;
mod version;
mod version_check;
mod version_policy;
mod with_data;

// The `types` and `actions` modules and every typed `Client` method, from the
// YAML schema. `generated/actions.rs` is the formatted snapshot of this
// expansion. With the `extend` feature the macro checks the fingerprint the
// snapshot records against the schema files and the generator: equal, it
// `include!`s the snapshot without generating anything, so compiler
// messages, IDEs and docs.rs source links show its readable lines; a stale
// snapshot (schema edited, not regenerated) still builds, from the macro's
// own tokens, and fails the snapshot test. Without `extend` there is no
// proc-macro in the build at all: the snapshot is compiled as it is.
#[cfg(feature = "extend")]
ncat_codegen::generate!("schema", snapshot = "generated/actions.rs");
#[cfg(not(feature = "extend"))]
include!("../generated/actions.rs");

pub use action::Action;
pub use call::{Call, RawCall, ResponseFuture};
pub use client::{Client, ClientBuilder};
pub use convert::{IntoGroupId, IntoMedia, IntoMessage, IntoMessageId, IntoText, IntoUserId};
pub use error::{ActionError, ActionErrorKind, BoxError, DisconnectReason, Error};
pub use event::{Event, Events};
pub use id::{GroupId, MessageId, UserId};
pub use message::{
    Media, Message, NotSendable, ReceivedMessage, ReceivedSegment, Segment, segment,
};
pub use param_group::{ParamGroupError, ParamRule};
pub use transport::{BoxFuture, ReplyStream, Transport, TransportReply, TransportRequest};
#[cfg(any(feature = "http", feature = "ws"))]
pub use transport::{KeepAlive, Reconnect};
pub use version::Version;
pub use version_policy::VersionPolicy;
pub use with_data::{KeepData, WithData};

/// The READMEs' examples compile (checked as doc tests, never shown in docs).
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;

/// The crate README's example compiles too.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct CrateReadmeDoctests;
