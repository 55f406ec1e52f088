//! What a [`ClientBuilder`](crate::ClientBuilder) and a reverse server's
//! builder configure alike for every connection: the call timeout, the size
//! limits, keep-alive and the version policy.
//!
//! The settings and their builder methods are written here once; each
//! builder holds a [`ConnectionSettings`] and invokes [`connection_setters!`]
//! in its `impl`.

use std::time::Duration;

use crate::event::EventBuffer;
#[cfg(any(feature = "http", feature = "ws"))]
use crate::transport::KeepAlive;
#[cfg(feature = "ws")]
use crate::transport::ws::Settings as SocketSettings;
use crate::version_policy::VersionPolicy;

/// The settings both builders share, defaults applied.
///
/// Its `Default` stands in `client.rs`, beside the documented constants it
/// is made of (`Client::DEFAULT_TIMEOUT` and the others).
#[derive(Debug, Clone, Copy)]
pub(crate) struct ConnectionSettings {
    /// The timeout of every call that sets none of its own.
    pub(crate) timeout: Duration,
    /// The largest reply read: an HTTP body, a WebSocket message or frame.
    pub(crate) max_reply_size: usize,
    /// How many bytes of stream-action frames may wait for a slow consumer.
    #[cfg(feature = "ws")]
    pub(crate) stream_buffer: usize,
    /// Pings and the silence deadline of a WebSocket, and of an SSE
    /// stream; `None` unless set (a WebSocket then uses the default, an SSE
    /// stream, which NapCat leaves silent when idle, none).
    #[cfg(any(feature = "http", feature = "ws"))]
    pub(crate) keep_alive: Option<KeepAlive>,
    /// What to do before a call the connected NapCat is too old for.
    pub(crate) version_policy: VersionPolicy,
    /// How many events wait for a slow reader, and what happens beyond.
    pub(crate) event_buffer: EventBuffer,
}

impl ConnectionSettings {
    /// What the WebSocket transport takes of these settings.
    #[cfg(feature = "ws")]
    pub(crate) fn socket(&self) -> SocketSettings {
        SocketSettings {
            max_reply_size: self.max_reply_size,
            stream_buffer: self.stream_buffer,
            keep_alive: self.keep_alive.unwrap_or_default(),
        }
    }
}

/// The public setters of [`ConnectionSettings`], with their documentation,
/// for a builder that holds them in a field named `settings`. A macro
/// rather than a trait, so that callers need no import and each builder's
/// page shows the methods in full.
macro_rules! connection_setters {
    () => {
        /// The timeout of every call that does not set its own with
        /// [`Call::call_timeout`](crate::Call::call_timeout) (default:
        /// [`Client::DEFAULT_TIMEOUT`](crate::Client::DEFAULT_TIMEOUT)).
        pub fn timeout(mut self, timeout: ::std::time::Duration) -> Self {
            self.settings.timeout = timeout;
            self
        }

        /// The largest reply the built-in transports read, in bytes
        /// (default: [`Client::DEFAULT_MAX_REPLY_SIZE`](crate::Client::DEFAULT_MAX_REPLY_SIZE)).
        ///
        /// Over HTTP it bounds one response body (and one frame of a stream
        /// action); the call fails with
        /// [`Error::ReplyTooLarge`](crate::Error::ReplyTooLarge) and nothing
        /// more is read. Over WebSocket, forward or reverse, it bounds every
        /// message and frame the socket receives (events included); since a
        /// WebSocket cannot skip a message, a larger one closes the
        /// connection, and every call in flight fails with
        /// [`Error::Disconnected`](crate::Error::Disconnected) whose reason is
        /// [`DisconnectReason::MessageTooLarge`](crate::DisconnectReason::MessageTooLarge)
        /// (a forward client then reconnects; a reverse server's NapCat
        /// comes back as a new connection). Has no effect on a custom
        /// [`transport`](crate::ClientBuilder::transport).
        pub fn max_reply_size(mut self, bytes: usize) -> Self {
            self.settings.max_reply_size = bytes;
            self
        }

        /// How many bytes of frames a WebSocket stream action (such as
        /// `download_file_stream`) may buffer for a consumer that reads them
        /// more slowly than NapCat sends them (default:
        /// [`Client::DEFAULT_STREAM_BUFFER`](crate::Client::DEFAULT_STREAM_BUFFER)).
        ///
        /// The connection never waits for one slow stream, as that would
        /// hold up every other call. Instead, once a stream's unread frames
        /// would exceed this, that stream ends with
        /// [`Error::StreamOverflow`](crate::Error::StreamOverflow) and later
        /// frames are dropped; other calls carry on. A stream therefore
        /// holds at most this many bytes, or one frame when a single frame
        /// is larger (frames are bounded by
        /// [`max_reply_size`](Self::max_reply_size)). Over HTTP, stream
        /// frames are read only as fast as they are consumed, so this has no
        /// effect there.
        #[cfg(feature = "ws")]
        pub fn stream_buffer(mut self, bytes: usize) -> Self {
            self.settings.stream_buffer = bytes;
            self
        }

        /// How a WebSocket connection notices that NapCat went silent
        /// without closing it (default:
        /// [`KeepAlive::default`](crate::KeepAlive::default), declaring it
        /// gone within 60 s). A connection declared dead is closed and its
        /// calls fail with [`Error::Disconnected`](crate::Error::Disconnected):
        /// a forward client then reconnects (see
        /// [`ClientBuilder::reconnect`](crate::ClientBuilder::reconnect)),
        /// and a reverse server's NapCat arrives as a new connection when it
        /// reconnects.
        ///
        /// An SSE event stream ([`ClientBuilder::sse_events`](crate::ClientBuilder::sse_events))
        /// cannot ping: given a keep-alive, it reopens the stream after
        /// `interval + timeout` without a byte (events and comments both
        /// count). Without one it relies on TCP keep-alive, because NapCat
        /// sends nothing at all on an idle SSE stream (no heartbeat), and
        /// reopening it would lose the events of the gap. Has no effect on
        /// other transports.
        #[cfg(any(feature = "http", feature = "ws"))]
        pub fn keep_alive(mut self, keep_alive: $crate::KeepAlive) -> Self {
            self.settings.keep_alive = Some(keep_alive);
            self
        }

        /// What to do before a call the connected NapCat is too old for
        /// (default: [`VersionPolicy::Warn`](crate::VersionPolicy::Warn),
        /// log and send). Each connection learns its NapCat's version on
        /// its own.
        pub fn version_policy(mut self, policy: $crate::VersionPolicy) -> Self {
            self.settings.version_policy = policy;
            self
        }

        /// How many events wait for a reader that falls behind, and
        /// whether beyond that the oldest are dropped (counted in
        /// [`Events::lagged`](crate::Events::lagged)) or NapCat is made to
        /// wait (default:
        /// [`EventBuffer::default`](crate::event::EventBuffer::default),
        /// dropping beyond 1024). See [`EventBuffer`](crate::event::EventBuffer)
        /// for what waiting costs on each mode.
        pub fn event_buffer(mut self, buffer: $crate::event::EventBuffer) -> Self {
            self.settings.event_buffer = buffer;
            self
        }
    };
}

pub(crate) use connection_setters;
