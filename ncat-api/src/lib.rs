//! Typed async client for [NapCat](https://github.com/NapNeko/NapCatQQ), the
//! QQ bot server speaking OneBot 11 plus its own extensions.
//!
//! Every NapCat action is a method on [`Client`] returning a [`Call`]: set
//! optional parameters with chained setters, then `.await` it to get the
//! action's typed reply. Ids are typed ([`UserId`], [`GroupId`],
//! [`MessageId`]) so they cannot be mixed up, and messages are built from
//! [`Segment`]s.
//!
//! ```no_run
//! use std::time::Duration;
//!
//! use ncat_api::{Client, Message};
//!
//! # async fn demo() -> Result<(), ncat_api::Error> {
//! let client = Client::builder()
//!     .url("http://127.0.0.1:3000") // NapCat's HTTP server (network.httpServers)
//!     .token("s3cret")              // its `token`
//!     .build()?;
//!
//! // Any action by name, with untyped parameters and reply:
//! let reply = client
//!     .call_raw(
//!         "send_group_msg",
//!         serde_json::json!({
//!             "group_id": "123456",
//!             "message": Message::new().text("hello ").at_all(),
//!         }),
//!     )
//!     .call_timeout(Duration::from_secs(60))
//!     .await?;
//! println!("sent message {}", reply["message_id"]);
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
//! # Transports
//!
//! The URL picks the built-in transport: NapCat's HTTP API (`http://`,
//! `https://`) or its WebSocket server (`ws://`, `wss://`), where one
//! connection carries every call (matched to its reply by `echo`) and
//! NapCat's [events](event). [`reverse`] runs a server NapCat connects to
//! instead. Another channel plugs in through the [`Transport`] trait and
//! [`Client::with_transport`]; parameter encoding, timeouts and reply
//! decoding stay shared. Stream actions, which answer with several frames,
//! have their own API in [`stream`].

#![deny(missing_docs)]

mod action;
mod call;
mod client;
mod convert;
mod envelope;
mod error;
pub mod event;
mod id;
mod lenient;
mod message;
pub mod ncatbot;
mod param_group;
pub mod reverse;
pub mod stream;
mod transport;
mod version;
mod version_check;

// The `types` and `actions` modules and every typed `Client` method, from the
// YAML schema; `generated/actions.rs` is a readable snapshot of this expansion.
#[cfg(not(ncat_snapshot))]
ncat_codegen::generate!("../schema");
// The same code from the snapshot, so the benchmark can time `cargo check`
// without the macro (`cargo rustc -p ncat-api -- --cfg ncat_snapshot`).
#[cfg(ncat_snapshot)]
include!("../generated/actions.rs");

pub use action::Action;
pub use call::{Call, RawCall, ResponseFuture};
pub use client::{Client, ClientBuilder};
pub use convert::{IntoGroupId, IntoMessage, IntoMessageId, IntoText, IntoUserId};
pub use error::{ActionError, ActionErrorKind, BoxError, DisconnectReason, Error};
pub use event::{Event, Events};
pub use id::{GroupId, MessageId, UserId};
pub use message::{
    Media, Message, NotSendable, ReceivedMessage, ReceivedSegment, Segment, segment,
};
pub use param_group::{ParamGroupError, ParamRule};
pub use transport::ws::{KeepAlive, Reconnect};
pub use transport::{BoxFuture, ReplyStream, Transport, TransportReply, TransportRequest};
pub use version::Version;
pub use version_check::VersionPolicy;

/// The README's examples compile (checked as doc tests, never shown in docs).
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
