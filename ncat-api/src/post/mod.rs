//! HTTP POST events: the bot runs an HTTP server and NapCat posts every
//! event to it (NapCat's `network.httpClients`).
//!
//! Each NapCat account that posts (its `x-self-id` header) becomes a
//! [`PostAccount`] with its own [`Client`]: its events through
//! [`Client::events`], the same [`Events`](crate::Events) API as every
//! other mode, and its calls through NapCat's HTTP API at the URL given
//! with [`PostServerBuilder::api_url`] (NapCat cannot take calls over a
//! post).
//!
//! ```no_run
//! use std::time::Duration;
//!
//! use ncat_api::event::{Event, MessageEvent};
//! use ncat_api::post::PostServer;
//!
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! let mut server = PostServer::builder()
//!     .secret("s3cret")                      // the `token` of NapCat's httpClients entry
//!     .api_url("http://127.0.0.1:3000")      // NapCat's HTTP server, for calls
//!     .api_token("s3cret")                   // and its `token`
//!     .quick_deadline(Duration::from_secs(2))
//!     .bind("127.0.0.1:8080")                // the `url` NapCat posts to
//!     .await?;
//! while let Some(account) = server.accept().await {
//!     let client = account.client().clone();
//!     tokio::spawn(async move {
//!         let mut events = client.events();
//!         while let Some(event) = events.next().await {
//!             if let Event::Message(MessageEvent::Group(message)) = &event {
//!                 // Answered in the HTTP response: no call, no API needed.
//!                 message.quick().reply("pong").send(&client).await.ok();
//!             }
//!         }
//!     });
//! }
//! # Ok(()) }
//! ```
//!
//! # What the receiver checks
//!
//! With a [`secret`](PostServerBuilder::secret), every post must carry
//! NapCat's `x-signature: sha1=<hex>` (HMAC-SHA1 of the exact body, keyed
//! with the secret). A missing one is refused with 403 before the body is
//! read; a wrong one with 403 once the body is read, compared in constant
//! time, before any JSON is decoded. Bodies over
//! [`max_body_size`](PostServerBuilder::max_body_size) are refused with
//! 413 (at once when `Content-Length` says so, else as soon as the limit is
//! passed), bodies that are not a JSON event with 400, and clients that
//! send their headers or body too slowly are cut off. None of these reach
//! an [`Events`](crate::Events) stream; [`PostServer::stats`] counts them.
//! The secret appears in no log record, `Debug` output or error.
//!
//! # Quick operations
//!
//! NapCat reads the response to each post as a quick operation on that
//! event. [`QuickOperation::send`](crate::event::QuickOperation::send) on
//! an account's client puts the operation into that response while it is
//! open; the response is held open for messages and requests only, until
//! the bot answers, every stream has moved past the event (the reader
//! asked for the next one, or dropped the [`Handled`](crate::event::Handled)
//! of [`Events::next_delivery`](crate::Events::next_delivery)), or the
//! [`quick_deadline`](PostServerBuilder::quick_deadline) passes; other
//! events get an empty 204 at once. A quick operation sent later goes to
//! NapCat's HTTP API as the `.handle_quick_operation` action.
//!
//! # Ordering
//!
//! NapCat posts each event on its own, without waiting for the previous
//! post's response, so two events close together can arrive in either
//! order (unlike over WebSocket or SSE).

mod quick;
mod serve;
mod signature;

use std::collections::HashMap;
use std::fmt;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::net::{TcpListener, ToSocketAddrs};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use self::serve::{Counters, Limits, Shared};
use self::signature::Secret;
use crate::client::Client;
use crate::error::Error;
use crate::id::UserId;
use crate::settings::{ConnectionSettings, connection_setters};
use crate::transport::http::HttpTransport;

/// A server NapCat posts events to. Accounts are taken with
/// [`accept`](Self::accept); dropping the server stops listening and
/// closes every connection.
pub struct PostServer {
    local_addr: SocketAddr,
    accounts: mpsc::Receiver<PostAccount>,
    counters: Arc<Counters>,
    task: JoinHandle<()>,
}

impl PostServer {
    /// Starts configuring a receiver.
    pub fn builder() -> PostServerBuilder {
        PostServerBuilder::default()
    }

    /// The address the server listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// The next account that posted its first event. `None` only if the
    /// server's background task is gone.
    pub async fn accept(&mut self) -> Option<PostAccount> {
        self.accounts.recv().await
    }

    /// What the server has received and refused so far.
    pub fn stats(&self) -> PostStats {
        self.counters.snapshot()
    }
}

impl Drop for PostServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl fmt::Debug for PostServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PostServer")
            .field("local_addr", &self.local_addr)
            .finish_non_exhaustive()
    }
}

/// Counts of what a [`PostServer`] received, from [`PostServer::stats`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct PostStats {
    /// Events passed on to the accounts' streams.
    pub delivered: u64,
    /// Posts refused with 403: the signature was missing or wrong.
    pub bad_signature: u64,
    /// Posts refused with 413: the body was over the size limit.
    pub too_large: u64,
    /// Posts cut off because the body came too slowly (408).
    pub timed_out: u64,
    /// Posts refused with 400: no `x-self-id`, or not a JSON event.
    pub malformed: u64,
    /// Events answered with a quick operation in the response.
    pub answered: u64,
    /// Body bytes held right now, read but not yet decoded or refused.
    pub buffered_bytes: u64,
    /// The most body bytes ever held at once.
    pub peak_buffered_bytes: u64,
}

/// Configures a [`PostServer`].
#[must_use = "a PostServerBuilder does nothing until `.bind(…)` is awaited"]
pub struct PostServerBuilder {
    secret: Option<String>,
    api_url: Option<String>,
    api_token: Option<String>,
    account_api_urls: HashMap<UserId, String>,
    limits: Limits,
    settings: ConnectionSettings,
}

impl Default for PostServerBuilder {
    fn default() -> Self {
        PostServerBuilder {
            secret: None,
            api_url: None,
            api_token: None,
            account_api_urls: HashMap::new(),
            limits: Limits {
                max_body_size: PostServerBuilder::DEFAULT_MAX_BODY_SIZE,
                header_timeout: PostServerBuilder::DEFAULT_HEADER_TIMEOUT,
                body_timeout: PostServerBuilder::DEFAULT_BODY_TIMEOUT,
                max_connections: PostServerBuilder::DEFAULT_MAX_CONNECTIONS,
                quick_deadline: PostServerBuilder::DEFAULT_QUICK_DEADLINE,
            },
            settings: ConnectionSettings::default(),
        }
    }
}

impl PostServerBuilder {
    /// The largest body accepted unless configured otherwise: 4 MiB.
    /// NapCat's events are a few KiB; a long forwarded message with
    /// NapCat's `debug` raw data stays well under a MiB.
    pub const DEFAULT_MAX_BODY_SIZE: usize = 4 * 1024 * 1024;
    /// How long a client may take to send a request's headers unless
    /// configured otherwise: 10 s.
    pub const DEFAULT_HEADER_TIMEOUT: Duration = Duration::from_secs(10);
    /// How long a client may take to send a request's body unless
    /// configured otherwise: 10 s.
    pub const DEFAULT_BODY_TIMEOUT: Duration = Duration::from_secs(10);
    /// How many connections are served at once unless configured
    /// otherwise: 256 (NapCat opens one per event in flight).
    pub const DEFAULT_MAX_CONNECTIONS: usize = 256;
    /// How long a message or request's post waits for a quick operation
    /// unless configured otherwise: 5 s.
    pub const DEFAULT_QUICK_DEADLINE: Duration = Duration::from_secs(5);

    /// The secret NapCat signs with: the `token` of its `httpClients`
    /// entry. Without one (or with an empty one) every post is accepted,
    /// with a warning: anyone who can reach the port can forge events.
    pub fn secret(mut self, secret: impl Into<String>) -> Self {
        self.secret = Some(secret.into()).filter(|secret| !secret.is_empty());
        self
    }

    /// NapCat's HTTP API server (an `httpServers` entry), which the
    /// accounts' clients call, e.g. `http://127.0.0.1:3000`. Without it,
    /// calls fail with [`Error::Transport`], and
    /// only quick operations answered in a response work.
    pub fn api_url(mut self, url: impl AsRef<str>) -> Self {
        self.api_url = Some(url.as_ref().to_owned());
        self
    }

    /// The `token` of that HTTP server entry.
    pub fn api_token(mut self, token: impl Into<String>) -> Self {
        self.api_token = Some(token.into());
        self
    }

    /// Another HTTP API URL for one account, when several NapCats post to
    /// this receiver (the same [`api_token`](Self::api_token)).
    pub fn account_api_url(mut self, self_id: impl Into<UserId>, url: impl AsRef<str>) -> Self {
        self.account_api_urls
            .insert(self_id.into(), url.as_ref().to_owned());
        self
    }

    /// The largest body accepted, in bytes (default:
    /// [`DEFAULT_MAX_BODY_SIZE`](Self::DEFAULT_MAX_BODY_SIZE)); also bounds
    /// what one post can make the receiver buffer.
    pub fn max_body_size(mut self, bytes: usize) -> Self {
        self.limits.max_body_size = bytes;
        self
    }

    /// How long a client may take to send a request's headers, counted
    /// from the connection or the previous response; then the connection
    /// is closed (default: [`DEFAULT_HEADER_TIMEOUT`](Self::DEFAULT_HEADER_TIMEOUT)).
    pub fn header_timeout(mut self, timeout: Duration) -> Self {
        self.limits.header_timeout = timeout;
        self
    }

    /// How long a client may take to send a request's body; then it gets
    /// 408 and the connection is closed (default:
    /// [`DEFAULT_BODY_TIMEOUT`](Self::DEFAULT_BODY_TIMEOUT)).
    pub fn body_timeout(mut self, timeout: Duration) -> Self {
        self.limits.body_timeout = timeout;
        self
    }

    /// How many connections are served at once (at least 1); further ones
    /// wait in the listen queue (default:
    /// [`DEFAULT_MAX_CONNECTIONS`](Self::DEFAULT_MAX_CONNECTIONS)).
    pub fn max_connections(mut self, connections: usize) -> Self {
        self.limits.max_connections = connections.max(1);
        self
    }

    /// How long the post of a message or request waits for the bot's
    /// quick operation (default:
    /// [`DEFAULT_QUICK_DEADLINE`](Self::DEFAULT_QUICK_DEADLINE)); zero
    /// answers every post with 204 at once, and quick operations go to the
    /// HTTP API. See [the module](self) for when a post is released
    /// earlier.
    pub fn quick_deadline(mut self, deadline: Duration) -> Self {
        self.limits.quick_deadline = deadline;
        self
    }

    connection_setters!();

    /// Listens on `addr` (the address of the `url` in NapCat's
    /// `httpClients` entry) and starts serving on the current Tokio
    /// runtime.
    ///
    /// # Errors
    /// [`Error::Config`] if an API URL or token is
    /// invalid or the address cannot be bound.
    pub async fn bind(self, addr: impl ToSocketAddrs) -> Result<PostServer, Error> {
        let api = |url: &str| {
            HttpTransport::new(url, self.api_token.as_deref(), self.settings.max_reply_size)
        };
        let default_api = self.api_url.as_deref().map(api).transpose()?;
        let account_apis = self
            .account_api_urls
            .iter()
            .map(|(id, url)| Ok((*id, api(url)?)))
            .collect::<Result<HashMap<_, _>, Error>>()?;
        let listener = TcpListener::bind(addr).await.map_err(bind_failed)?;
        let local_addr = listener.local_addr().map_err(bind_failed)?;
        if self.secret.is_none() {
            tracing::warn!(
                %local_addr,
                "accepting NapCat posts without a secret: anyone who can reach this port can \
                 forge events; set a token in NapCat's httpClients entry and in ncat"
            );
        }
        let (sender, accounts) = mpsc::channel(16);
        let counters = Arc::new(Counters::default());
        let shared = Arc::new(Shared::new(
            self.secret.map(Secret::new),
            self.limits,
            self.settings,
            default_api,
            account_apis,
            sender,
            Arc::clone(&counters),
        ));
        let task = tokio::spawn(serve::serve(listener, shared));
        Ok(PostServer {
            local_addr,
            accounts,
            counters,
            task,
        })
    }
}

fn bind_failed(error: io::Error) -> Error {
    Error::config_caused_by("the receiver's address cannot be bound", error)
}

impl fmt::Debug for PostServerBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PostServerBuilder")
            .field("secret", &self.secret.as_ref().map(|_| "<redacted>"))
            .field("api_url", &self.api_url.as_ref().map(|_| "<set>"))
            .field("api_token", &self.api_token.as_ref().map(|_| "<redacted>"))
            .field("limits", &self.limits)
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

/// One NapCat account posting to a [`PostServer`].
#[derive(Debug, Clone)]
pub struct PostAccount {
    self_id: UserId,
    client: Client,
}

impl PostAccount {
    /// The bot account, from NapCat's `x-self-id` header.
    pub fn self_id(&self) -> UserId {
        self.self_id
    }

    /// The account's client: [`Client::events`] gives the events NapCat
    /// posts for it; calls go to the HTTP API configured with
    /// [`PostServerBuilder::api_url`], and quick operations into the
    /// waiting response when they can.
    pub fn client(&self) -> &Client {
        &self.client
    }
}
