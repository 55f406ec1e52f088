//! A bot framework on [ncat-api](ncat_api): a bot is a set of plain async
//! functions whose arguments say what they need.
//!
//! ```no_run
//! use ncat_api::{Client, UserId, event::GroupMessage};
//! use ncat_bot::{Bot, Cmd, Command, Router};
//!
//! /// Mutes a member for a number of seconds.
//! #[derive(Command)]
//! struct Mute { user: UserId, seconds: u32 }
//!
//! async fn mute(Cmd(mute): Cmd<Mute>, message: GroupMessage, client: Client) -> Result<(), ncat_api::Error> {
//!     client.set_group_ban(message.group_id, mute.user).duration(mute.seconds).await?;
//!     Ok(())
//! }
//!
//! #[tokio::main]
//! async fn main() -> Result<(), ncat_api::Error> {
//!     let client = Client::builder().url("ws://127.0.0.1:3001").token("s3cret").build()?;
//!     Bot::new(Router::new().on(mute)).run(client).await;
//!     Ok(())
//! }
//! ```
//!
//! `/mute @someone 60` in a group mutes them; `/mute @someone soon`
//! answers ``expected number for <seconds>, got `soon` `` and the usage
//! line; `/help` lists the commands.
//!
//! # Handlers and extractors
//!
//! A [`Handler`] is an `async fn` whose arguments implement [`FromEvent`]:
//! the event or a part of it (`GroupMessage`, `PrivateMessage`, a notice
//! such as `GroupIncrease`), the [`Client`](ncat_api::Client) of the
//! account the event came to, shared [`State`], a parsed command
//! ([`Cmd`]), a [`Conversation`], [`Tasks`], [`Plugins`], or a filter
//! ([`filter::GroupAdmin`], [`filter::BotOwner`], …). A handler runs for
//! every event all its arguments can be taken from, and is skipped for
//! the others. A function with an argument that is not an extractor is
//! not a handler: [`Router::on`] does not compile, with a note saying what
//! handler arguments can be.
//!
//! # Commands
//!
//! `#[derive(Command)]` on a struct or an enum: the name (lower-cased type
//! or variant name, or `#[command(name = "…")]`), `aliases(…)`, the help
//! from the doc comment, and one [`Arg`] per field, read from the
//! message's segments (`@someone` → [`UserId`](ncat_api::UserId), an
//! image → [`ReceivedImage`](ncat_api::segment::ReceivedImage),
//! numbers, words, [`Rest`] of the text, `#[derive(CommandArg)]` enums).
//! Prefixes are configurable ([`Router::prefixes`]: `/`, `!`, none, or
//! [`Prefix::Mention`]).
//!
//! # Filters, cooldowns, conversations
//!
//! Route options ([`Route::filter`] with composable [`Filter`]s,
//! [`Route::cooldown`] with a keyed [`Cooldown`]) or extractors;
//! [`Conversation::next_text`] waits for the same user's next message in
//! the chat, which then is not routed.
//!
//! # Running
//!
//! [`Bot::run`] takes any [`EventSource`]: a `ws://` (or SSE) [`Client`](ncat_api::Client),
//! a [`ReverseServer`](ncat_api::reverse::ReverseServer) with many
//! accounts (each handler gets its account's client), an HTTP POST
//! receiver ([`PostServer`](ncat_api::post::PostServer), feature `post`,
//! through `PostSource`), NATS workers (crate `ncat-nats`, feature `bot`),
//! or one of your own.
//! Each event runs in a task of its own; errors and panics of handlers go
//! to [`Router::on_error`] and never stop the bot; [`Shutdown`] stops it
//! gracefully. The [`Router`] is a [`tower::Service`]: [`Bot::layer`]
//! adds tower layers.
//!
//! # Testing
//!
//! [`testing::TestBot`] (feature `test-harness`, on by default) drives a
//! router with made-up events against an in-process mock NapCat and
//! checks the calls and replies it made, with a clock moved by hand for
//! cooldowns and conversation timeouts.

#![deny(missing_docs)]

// The derive macros name `::ncat_bot`, also inside this crate's own tests.
extern crate self as ncat_bot;

mod activity;
mod bot;
mod clock;
mod cmd;
mod command;
mod context;
mod conversation;
mod cooldown;
mod extract;
mod failure;
pub mod filter;
mod handler;
mod key;
mod plugin;
#[cfg(feature = "post")]
mod post;
mod router;
mod shared;
mod source;
mod tasks;
#[cfg(feature = "test-harness")]
pub mod testing;
mod waiters;

pub use bot::{Bot, Shutdown};
pub use clock::ManualClock;
pub use cmd::Cmd;
pub use command::{
    Arg, ArgError, ArgSpec, Args, Command, CommandError, CommandSpec, Parsed, Prefix, Rest, Token,
};
pub use context::{EventContext, Incoming};
pub use conversation::{Conversation, DEFAULT_WAIT, Wait};
pub use cooldown::Cooldown;
pub use extract::{FromEvent, FromRef, Rejection, State};
pub use failure::{Failure, HandlerError};
pub use filter::Filter;
pub use governor::Quota;
pub use handler::{Handler, IntoOutcome};
pub use key::Per;
/// Derives [`Command`]; see there.
pub use ncat_bot_macros::Command;
/// Derives [`Arg`] for an enum of unit variants, read as one of their
/// lower-cased names.
pub use ncat_bot_macros::CommandArg;
pub use plugin::Plugins;
#[cfg(feature = "post")]
pub use post::PostSource;
pub use router::{DispatchFuture, Dispatched, Route, Router};
pub use source::{ClientSource, Completion, Delivery, EventSource, IntoEventSource, ReverseSource};
pub use tasks::Tasks;

/// The README's examples compile and run (checked as doc tests).
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
