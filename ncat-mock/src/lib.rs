//! An in-process mock [NapCat](https://napneko.github.io/) server for testing NapCat clients and
//! bots without QQ.
//!
//! [`MockNapCat`] listens on `127.0.0.1` on an ephemeral port and speaks NapCat's HTTP API the
//! way NapCat v4.18.19 does: any method, the action is the first path segment, parameters come
//! from the JSON body with the query string merged on top, an optional access token (`403` with
//! NapCat's exact body when it is wrong or missing), `400 Invalid JSON` for a body that is not
//! JSON, the health check on `GET /`, and replies in NapCat's envelope with the request's `echo`.
//!
//! The same port speaks NapCat's WebSocket API ([`MockNapCat::ws_url`]): request frames answered
//! with the request's `echo`, the lifecycle event on connect, events pushed by the test
//! ([`MockNapCat::push_event`]), `/api` sockets without events, a wrong token answered with the
//! 1403 frame and a close. It can also dial a bot's reverse WebSocket server
//! ([`MockNapCat::connect_reverse`]), answer out of order ([`MockNapCat::shuffle_replies`],
//! [`MockReply::delay`]), send stream-action frames ([`MockReply::stream`]) on both transports,
//! and cut connections ([`MockNapCat::disconnect_websockets`], [`MockReply::disconnect`]).
//!
//! Script what each action answers with [`MockNapCat::on`] / [`MockNapCat::on_once`] and a
//! [`MockReply`]. Every action a test does not script still answers the way NapCat would: with
//! data that decodes into the action's typed reply in `ncat-api`, generated from ncat's schema
//! (required fields filled, optional ones left out, lists empty, enums their first value, ids
//! and times non-zero; or the schema's `example:` for the action), so a test scripts only the
//! replies it asserts on. Actions NapCat answers with `null` answer `null`. The six sends
//! (`send_msg`, `send_group_msg`, `send_private_msg` and the forward sends) number their
//! `message_id` (and `res_id`/`forward_id`) 1, 2, 3, … across the mock, so replies can be told
//! apart; `get_version_info` reports the NapCat release the mock plays; a bot's own actions get
//! the same from the table `ncat_api::extend!` writes
//! ([`MockNapCatBuilder::default_replies`]); an action nobody describes answers `null`. Play an
//! older NapCat with
//! [`MockNapCatBuilder::napcat_version`] and [`MockNapCatBuilder::action_since`]: the actions
//! that release lacks then fail as NapCat fails unknown actions. Every request is recorded as a
//! [`RecordedRequest`] for assertions.
//!
//! ```
//! use ncat_mock::{MockNapCat, MockReply};
//! use serde_json::{Value, json};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let mock = MockNapCat::builder().token("s3cret").start().await?;
//! mock.on("get_login_info", MockReply::ok(json!({"user_id": 10001, "nickname": "bot"})));
//!
//! // Any HTTP client will do; this is what a NapCat client sends.
//! let body = reqwest::Client::new()
//!     .post(format!("{}/get_login_info", mock.url()))
//!     .bearer_auth("s3cret")
//!     .body(r#"{"echo": "req-1"}"#)
//!     .send()
//!     .await?
//!     .text()
//!     .await?;
//! let reply: Value = serde_json::from_str(&body)?;
//! assert_eq!(reply["data"]["nickname"], "bot");
//! assert_eq!(reply["echo"], "req-1");
//!
//! let request = mock.last_request().ok_or("no request recorded")?;
//! assert_eq!(request.action, "get_login_info");
//! assert_eq!(request.header("authorization"), Some("Bearer s3cret"));
//!
//! mock.shutdown().await;
//! # Ok(())
//! # }
//! ```

mod auth;
mod defaults;
mod envelope;
mod frames;
mod http;
mod post;
mod query;
mod record;
mod reply;
mod script;
mod server;
mod sse;
mod version;
mod ws;

use std::collections::HashMap;
use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;

use serde_json::Value;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use axum::http::HeaderMap;

use crate::defaults::Defaults;
use crate::frames::Adapter;
pub use crate::post::{PostOutcome, PostSignature};
pub use crate::record::RecordedRequest;
use crate::record::Recorder;
pub use crate::reply::MockReply;
use crate::script::Script;
use crate::sse::SseHub;
use crate::version::{DEFAULT_NAPCAT_VERSION, Versions};
use crate::ws::Hub;

/// A running mock NapCat server on `127.0.0.1`.
///
/// Start one with [`MockNapCat::start`] (no token) or [`MockNapCat::builder`]. Scripting and
/// inspection take `&self`, so the mock can be changed while a client is talking to it.
///
/// [`shutdown`](Self::shutdown) stops it and waits until the port and every connection are
/// closed; dropping it stops it too, in the background.
///
/// The server runs as tasks on the Tokio runtime that started it, so a blocking HTTP client
/// must not be used from that runtime's only thread (as in a default `#[tokio::test]`): the
/// server would never get to answer.
#[derive(Debug)]
pub struct MockNapCat {
    addr: SocketAddr,
    state: Arc<MockState>,
    /// Dropping this (with the mock) stops the server as well as sending on it.
    stop: oneshot::Sender<()>,
    server: JoinHandle<()>,
    /// Ends the WebSocket sessions when the mock is dropped without `shutdown`.
    _sessions: SessionsGuard,
}

/// What the server tasks share with the [`MockNapCat`] handle.
#[derive(Debug)]
struct MockState {
    token: Option<String>,
    self_id: i64,
    script: Script,
    recorder: Recorder,
    hub: Hub,
    /// The open `/_events` streams.
    sse: SseHub,
    versions: Versions,
    defaults: Defaults,
}

impl MockState {
    /// The reply to a call of `action`: NapCat's unknown-action failure when the release played
    /// lacks it, else the scripted reply, else `get_version_info`'s answer, else the action's
    /// default reply, else (an action no schema knows) `ok` with `data: null`.
    fn reply_for(&self, action: &str, adapter: Adapter) -> MockReply {
        if let Some(failure) = self.versions.too_new(action, adapter) {
            return failure;
        }
        self.script.next_reply(action).unwrap_or_else(|| {
            if action == GET_VERSION_INFO {
                self.versions.info()
            } else {
                self.defaults
                    .reply(action)
                    .unwrap_or_else(|| MockReply::ok(Value::Null))
            }
        })
    }
}

/// The action that reports NapCat's release.
const GET_VERSION_INFO: &str = "get_version_info";

/// Aborts every WebSocket session when dropped: they hold the state, so nothing else would end
/// them.
#[derive(Debug)]
struct SessionsGuard(Arc<MockState>);

impl Drop for SessionsGuard {
    fn drop(&mut self) {
        self.0.hub.abort_all();
    }
}

impl MockNapCat {
    /// Starts a mock without an access token on `127.0.0.1` and an ephemeral port.
    ///
    /// Must be called within a Tokio runtime.
    ///
    /// # Errors
    /// If the listening socket cannot be bound.
    pub async fn start() -> io::Result<Self> {
        Self::builder().start().await
    }

    /// A builder for a mock with options, e.g. an access token.
    #[must_use]
    pub fn builder() -> MockNapCatBuilder {
        MockNapCatBuilder::default()
    }

    /// The base URL, `http://127.0.0.1:<port>` (no trailing slash).
    #[must_use]
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The WebSocket URL, `ws://127.0.0.1:<port>` (no trailing slash): NapCat's WebSocket server
    /// on the same port, as with NapCat's `enableWebsocket`. Connect to it (any path; `/api`
    /// gets no events) for a universal connection that gets the lifecycle event, pushed events
    /// and answers to request frames.
    #[must_use]
    pub fn ws_url(&self) -> String {
        format!("ws://{}", self.addr)
    }

    /// The address the mock listens on.
    #[must_use]
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The access token requests must present, if one was configured.
    #[must_use]
    pub fn token(&self) -> Option<&str> {
        self.state.token.as_deref()
    }

    /// Answers every later call of `action` with `reply`, replacing the previous persistent
    /// reply for it. Replies queued with [`on_once`](Self::on_once) still come first.
    pub fn on(&self, action: impl Into<String>, reply: MockReply) -> &Self {
        self.state.script.on(action.into(), reply);
        self
    }

    /// Answers a single later call of `action` with `reply`. One-shot replies are used in the
    /// order they were queued, all before the persistent reply set with [`on`](Self::on).
    pub fn on_once(&self, action: impl Into<String>, reply: MockReply) -> &Self {
        self.state.script.on_once(action.into(), reply);
        self
    }

    /// Every request received so far, in arrival order, including rejected ones (403, 400).
    #[must_use]
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.state.recorder.all()
    }

    /// The most recently received request.
    #[must_use]
    pub fn last_request(&self) -> Option<RecordedRequest> {
        self.state.recorder.last()
    }

    /// The requests received so far for `action` (see [`RecordedRequest::action`]), in arrival
    /// order.
    #[must_use]
    pub fn requests_for(&self, action: &str) -> Vec<RecordedRequest> {
        self.state.recorder.for_action(action)
    }

    /// Pushes `event` (an event object, e.g. a `message` event) to every WebSocket that gets
    /// events (forward connections on any path but `/api`, and reverse connections) and every
    /// open SSE stream (`GET /_events`). Returns how many sockets and streams it was sent to.
    pub fn push_event(&self, event: &Value) -> usize {
        let event = event.to_string();
        self.state.hub.push_event(&event) + self.state.sse.push_event(&event)
    }

    /// Posts `event` to a bot's HTTP receiver at `url` (e.g. `http://127.0.0.1:8080/`) as
    /// NapCat's `httpClients` adapter does: `Content-Type: application/json`, `x-self-id`, the
    /// body chunked, and `x-signature: sha1=<HMAC-SHA1 of the body>` keyed with the mock's
    /// token when it has one. A quick operation in the response is performed: recorded as a
    /// `.handle_quick_operation` request (method `"QUICK"`) with the event as `context`.
    ///
    /// # Errors
    /// If the bot cannot be reached, does not answer within 30 s, or answers a 2xx body that is
    /// not JSON.
    pub async fn post_event(&self, url: &str, event: &Value) -> io::Result<PostOutcome> {
        post::post_event(&self.state, url, event, PostSignature::AsNapCat).await
    }

    /// [`post_event`](Self::post_event), signed as `signature` says (unsigned, or wrongly).
    ///
    /// # Errors
    /// As [`post_event`](Self::post_event).
    pub async fn post_event_signed(
        &self,
        url: &str,
        event: &Value,
        signature: PostSignature,
    ) -> io::Result<PostOutcome> {
        post::post_event(&self.state, url, event, signature).await
    }

    /// Sends one `POST` to `url` with `headers` (each ending in `\r\n`) and `body` exactly as
    /// given, after the request line, `Host` and `Connection: close`; returns the status. For
    /// testing a receiver with requests NapCat would not send (no `x-self-id`, a body that is
    /// not JSON, a size that lies).
    ///
    /// # Errors
    /// If the bot cannot be reached or does not answer within 30 s.
    pub async fn post_raw(&self, url: &str, headers: &str, body: &[u8]) -> io::Result<u16> {
        post::post_raw(url, headers, body).await
    }

    /// Writes `text` verbatim to every open SSE stream (e.g. a `: comment\n\n`); how many
    /// streams it went to.
    pub fn send_sse(&self, text: &str) -> usize {
        self.state.sse.send(text)
    }

    /// Ends every open SSE stream, as when NapCat restarts; new ones are accepted as before.
    /// Returns how many were open.
    pub fn disconnect_sse(&self) -> usize {
        self.state.sse.disconnect_all()
    }

    /// How many SSE streams (`GET /_events`) are open.
    #[must_use]
    pub fn sse_count(&self) -> usize {
        self.state.sse.count()
    }

    /// Sends `text` as a text frame to every open WebSocket, verbatim (it need not be JSON):
    /// for testing how a client copes with frames NapCat should not send. Returns how many
    /// sockets it was sent to.
    pub fn send_frame(&self, text: &str) -> usize {
        self.state.hub.send_frame(text)
    }

    /// Cuts every open WebSocket at once, without a close frame, as when NapCat crashes; calls
    /// in flight get no reply. New connections are accepted as before. Returns how many sockets
    /// were cut.
    pub fn disconnect_websockets(&self) -> usize {
        self.state.hub.disconnect_all()
    }

    /// How many WebSockets are open (forward and reverse).
    #[must_use]
    pub fn websocket_count(&self) -> usize {
        self.state.hub.count()
    }

    /// Holds back the next `count` WebSocket replies (on any socket), then sends them all at
    /// once in random order, as NapCat may answer concurrent requests out of order. Until
    /// `count` requests have arrived, none of them is answered. `0` turns shuffling off.
    pub fn shuffle_replies(&self, count: usize) {
        self.state.hub.shuffle_next(count);
    }

    /// Plays NapCat's reverse WebSocket client: connects to the bot at `url` (e.g.
    /// `ws://127.0.0.1:8082/onebot`) with NapCat's handshake headers (`X-Self-ID`,
    /// `Authorization: Bearer <token>`, empty when the mock has no token, `X-Client-Role`,
    /// `User-Agent: OneBot/11`), then serves the connection like a universal forward one. Once
    /// this returns, the connection counts in [`websocket_count`](Self::websocket_count) and
    /// gets every event [pushed](Self::push_event) from then on (after the lifecycle event).
    ///
    /// # Errors
    /// If the connection or handshake fails; `PermissionDenied` when the bot answers 401/403.
    pub async fn connect_reverse(&self, url: &str) -> io::Result<()> {
        ws::connect_reverse(Arc::clone(&self.state), url).await
    }

    /// The NapCat release the mock plays (see [`MockNapCatBuilder::napcat_version`]).
    #[must_use]
    pub fn napcat_version(&self) -> String {
        self.state.versions.current()
    }

    /// Plays another NapCat release from now on, as when NapCat is upgraded or downgraded
    /// behind a client: `get_version_info` reports it and the actions it lacks fail. Combine
    /// with [`disconnect_websockets`](Self::disconnect_websockets) to make a WebSocket client
    /// reconnect to the "new" NapCat.
    pub fn set_napcat_version(&self, version: impl Into<String>) {
        self.state.versions.set_current(version.into());
    }

    /// Forgets every request recorded so far.
    pub fn clear_requests(&self) {
        self.state.recorder.clear();
    }

    /// Stops the server and waits until the listening socket and every connection (WebSockets
    /// included) are closed. Requests still waiting in a [delayed](MockReply::delay) reply get
    /// no answer.
    pub async fn shutdown(self) {
        self.state.hub.shutdown().await;
        let Self { stop, server, .. } = self;
        // The server may already be gone (its task ended), in which case there is no one to tell.
        let _ = stop.send(());
        if let Err(error) = server.await {
            tracing::warn!(%error, "mock NapCat server task failed");
        }
    }
}

/// Configures and starts a [`MockNapCat`]; from [`MockNapCat::builder`].
#[derive(Debug, Clone)]
pub struct MockNapCatBuilder {
    token: Option<String>,
    self_id: i64,
    napcat_version: String,
    action_since: HashMap<String, String>,
    default_replies: Vec<(String, String)>,
}

impl Default for MockNapCatBuilder {
    fn default() -> Self {
        Self {
            token: None,
            self_id: DEFAULT_SELF_ID,
            napcat_version: DEFAULT_NAPCAT_VERSION.to_owned(),
            action_since: HashMap::new(),
            default_replies: Vec::new(),
        }
    }
}

/// The bot account the mock pretends to run unless told otherwise.
const DEFAULT_SELF_ID: i64 = 10001;

impl MockNapCatBuilder {
    /// Requires `token` on every request, as NapCat does when its adapter has a token. An empty
    /// token disables the check, as in NapCat.
    #[must_use]
    pub fn token(self, token: impl Into<String>) -> Self {
        let token = token.into();
        Self {
            token: (!token.is_empty()).then_some(token),
            ..self
        }
    }

    /// The QQ number of the bot account the mock pretends to run (default 10001): the
    /// `self_id` of its lifecycle events and the `X-Self-ID` of its reverse connections.
    #[must_use]
    pub fn self_id(self, self_id: i64) -> Self {
        Self { self_id, ..self }
    }

    /// The NapCat release the mock plays (default `4.18.19`): unless scripted,
    /// `get_version_info` answers
    /// `{"app_name":"NapCat.Onebot","protocol_version":"v11","app_version":<version>}`, and
    /// the actions it lacks by [`action_since`](Self::action_since) fail.
    #[must_use]
    pub fn napcat_version(self, version: impl Into<String>) -> Self {
        Self {
            napcat_version: version.into(),
            ..self
        }
    }

    /// The release that introduced each action, as `(action, "4.17.20")` pairs. An action
    /// newer than the [release played](Self::napcat_version) fails the way NapCat answers an
    /// action it does not know (over WebSocket retcode 1404, over HTTP retcode 200, both with
    /// `不支持的Api`), scripted or not. Actions not listed are always answered.
    ///
    /// ncat's schema has this table as `ncat_api::actions::SINCE`:
    /// `.action_since(ncat_api::actions::SINCE.iter().map(|(action, since)| (*action, since.to_string())))`.
    #[must_use]
    pub fn action_since<A, V>(mut self, since: impl IntoIterator<Item = (A, V)>) -> Self
    where
        A: Into<String>,
        V: Into<String>,
    {
        self.action_since.extend(
            since
                .into_iter()
                .map(|(action, version)| (action.into(), version.into())),
        );
        self
    }

    /// What unscripted calls of a bot's own actions answer: the `MOCK_REPLIES` table that
    /// `ncat_api::extend!` writes next to them (one entry per action, its wire name and the
    /// answer as JSON), so they decode into their typed replies like ncat's own actions do.
    /// An entry for an action ncat has replaces ncat's default. Several tables may be given.
    ///
    /// ```ignore
    /// let mock = MockNapCat::builder().default_replies(my_bot::MOCK_REPLIES).start().await?;
    /// ```
    #[must_use]
    pub fn default_replies(mut self, table: &[(&str, &str)]) -> Self {
        self.default_replies.extend(
            table
                .iter()
                .map(|(action, answer)| ((*action).to_owned(), (*answer).to_owned())),
        );
        self
    }

    /// Binds `127.0.0.1` on an ephemeral port and starts serving.
    ///
    /// Must be called within a Tokio runtime.
    ///
    /// # Errors
    /// If the listening socket cannot be bound, or (`InvalidInput`) a table given to
    /// [`default_replies`](Self::default_replies) is not one `extend!` writes.
    pub async fn start(self) -> io::Result<MockNapCat> {
        let defaults = Defaults::new(&self.default_replies, self.self_id)?;
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await?;
        let addr = listener.local_addr()?;
        let state = Arc::new(MockState {
            token: self.token,
            self_id: self.self_id,
            script: Script::default(),
            recorder: Recorder::default(),
            hub: Hub::default(),
            sse: SseHub::default(),
            versions: Versions::new(self.napcat_version, self.action_since),
            defaults,
        });
        let (stop, stopped) = oneshot::channel();
        let server = tokio::spawn(server::serve(
            listener,
            http::router(Arc::clone(&state)),
            stopped,
        ));
        Ok(MockNapCat {
            addr,
            _sessions: SessionsGuard(Arc::clone(&state)),
            state,
            stop,
            server,
        })
    }
}
