//! How requests reach NapCat.
//!
//! A [`Transport`] moves one serialized request to NapCat and brings back the
//! reply envelope as text. Everything around that is shared by all
//! transports and lives outside them: serializing parameters, enforcing the
//! timeout, reading the envelope and mapping it to a `Result`.

#[cfg(feature = "http")]
pub(crate) mod http;
#[cfg(any(feature = "http", feature = "ws"))]
pub(crate) mod keep_alive;
#[cfg(any(feature = "http", feature = "ws"))]
pub(crate) mod reconnect;
#[cfg(feature = "http")]
pub(crate) mod sse;
#[cfg(feature = "__rustls")]
mod tls;
#[cfg(feature = "ws")]
pub(crate) mod ws;

#[cfg(any(feature = "http", feature = "ws"))]
pub use self::keep_alive::KeepAlive;
#[cfg(any(feature = "http", feature = "ws"))]
pub use self::reconnect::Reconnect;

use std::borrow::Cow;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use futures_core::Stream;
use serde_json::value::RawValue;

#[cfg(feature = "ws")]
use tokio_tungstenite::tungstenite::Utf8Bytes;

use crate::Error;
use crate::envelope::Envelope;

/// A boxed, sendable future, as returned by [`Transport::send`].
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// The reply envelopes of one stream action, in arrival order, as returned
/// by [`Transport::send_stream`].
pub type ReplyStream = Pin<Box<dyn Stream<Item = Result<TransportReply, Error>> + Send + 'static>>;

/// Carries requests to NapCat and brings back the reply envelopes.
///
/// ncat ships an HTTP transport (built by [`ClientBuilder`](crate::ClientBuilder)
/// from a URL). Implement this trait for another channel, or to wrap one
/// (logging, retries, a test double), and plug it in with
/// [`Client::with_transport`](crate::Client::with_transport).
///
/// # Contract
///
/// - Send [`TransportRequest::params`] as the action's parameters, unchanged.
/// - Resolve with the reply envelope's text in a [`TransportReply`] — a
///   `status: "failed"` envelope included. Don't interpret it: the caller
///   reads it and maps failures to [`Error::Action`].
/// - Resolve with an `Err` only when there is no envelope to hand back:
///   [`Error::transport`] for I/O failures, [`Error::unauthorized`] when the
///   server rejected the token.
/// - The caller enforces [`TransportRequest::timeout`] by dropping the
///   returned future, so dropping it must cancel the request cleanly (e.g. a
///   WebSocket transport forgets the pending `echo`, so a late reply is
///   discarded rather than handed to another request).
/// - `Debug` output must not reveal credentials.
pub trait Transport: Send + Sync + fmt::Debug + 'static {
    /// Sends one request and resolves with its reply envelope.
    ///
    /// The future is `'static` so calls can be spawned: clone whatever it
    /// needs out of `self` (typically an `Arc`).
    fn send(&self, request: TransportRequest) -> BoxFuture<'static, Result<TransportReply, Error>>;

    /// Sends a stream action's request and resolves, once it is on its way,
    /// with a stream of every reply envelope it gets (NapCat answers stream
    /// actions with several, the last one final; see
    /// [`Client::stream`](crate::Client::stream)).
    ///
    /// The same contract as [`send`](Self::send) applies to each envelope;
    /// the stream ends after the final one, and dropping it cancels the
    /// request. The caller enforces [`TransportRequest::timeout`] on opening
    /// and on every envelope. The default sends the request with `send` and
    /// yields its one reply, for transports that cannot carry several.
    fn send_stream(
        &self,
        request: TransportRequest,
    ) -> BoxFuture<'static, Result<ReplyStream, Error>> {
        let reply = self.send(request);
        Box::pin(async move {
            let reply = reply.await;
            let stream: ReplyStream = Box::pin(futures_util::stream::once(async move { reply }));
            Ok(stream)
        })
    }

    /// Which connection calls go over now: a number that changes whenever
    /// the transport connects anew (a WebSocket reconnecting), or `None`
    /// while it has no connection. The client asks NapCat its version
    /// again for each new connection, since another release may answer.
    /// The default, `Some(0)`, suits transports whose server cannot change
    /// under them.
    fn connection(&self) -> Option<u64> {
        Some(0)
    }
}

/// One action call, ready to be put on the wire.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct TransportRequest {
    /// The wire name of the action, e.g. `send_group_msg`.
    pub action: Cow<'static, str>,
    /// The parameters as a serialized JSON object.
    pub params: Box<RawValue>,
    /// How long the caller waits for the reply before giving up with
    /// [`Error::Timeout`]. The caller enforces it; a transport may use it to
    /// bound work that outlives the call (a pending-reply entry, a reconnect
    /// wait).
    pub timeout: Duration,
}

impl TransportRequest {
    /// A request of `action` with `params` (a JSON object), to be answered
    /// within `timeout`.
    pub fn new(
        action: impl Into<Cow<'static, str>>,
        params: Box<RawValue>,
        timeout: Duration,
    ) -> Self {
        TransportRequest {
            action: action.into(),
            params,
            timeout,
        }
    }
}

/// The reply to a [`TransportRequest`]: a complete response envelope,
/// `{"status": …, "retcode": …, "data": …}`, as text.
#[derive(Clone)]
pub struct TransportReply {
    body: Body,
    /// The envelope, when the transport already read it (to route the
    /// reply), so the caller does not read it again.
    envelope: Option<Envelope>,
}

/// Where the envelope text lives.
#[derive(Clone)]
enum Body {
    Owned(String),
    /// A WebSocket message, shared rather than copied.
    #[cfg(feature = "ws")]
    Frame(Utf8Bytes),
}

impl TransportReply {
    /// Wraps the envelope text received from NapCat.
    pub fn new(body: impl Into<String>) -> Self {
        TransportReply {
            body: Body::Owned(body.into()),
            envelope: None,
        }
    }

    /// A WebSocket message whose envelope the transport has read.
    #[cfg(feature = "ws")]
    pub(crate) fn read(frame: Utf8Bytes, envelope: Option<Envelope>) -> Self {
        TransportReply {
            body: Body::Frame(frame),
            envelope,
        }
    }

    /// The envelope text.
    pub fn body(&self) -> &str {
        match &self.body {
            Body::Owned(body) => body,
            #[cfg(feature = "ws")]
            Body::Frame(frame) => frame.as_str(),
        }
    }

    pub(crate) fn envelope(&self) -> Option<&Envelope> {
        self.envelope.as_ref()
    }
}

impl fmt::Debug for TransportReply {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TransportReply")
            .field("body", &self.body())
            .finish()
    }
}

impl PartialEq for TransportReply {
    fn eq(&self, other: &Self) -> bool {
        self.body() == other.body()
    }
}

impl Eq for TransportReply {}
