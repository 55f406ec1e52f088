//! The client handle and its builder.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use futures_util::FutureExt;
use serde_json::value::RawValue;
use tracing::Instrument;

use crate::error::Error;
use crate::event::{EventHub, Events};
use crate::settings::{ConnectionSettings, connection_setters};
#[cfg(any(feature = "http", feature = "ws"))]
use crate::transport::Reconnect;
#[cfg(feature = "http")]
use crate::transport::http::HttpTransport;
#[cfg(feature = "http")]
use crate::transport::sse::{SseSettings, SseTransport};
#[cfg(feature = "ws")]
use crate::transport::ws::WsTransport;
use crate::transport::{BoxFuture, ReplyStream, Transport, TransportReply, TransportRequest};
use crate::version::Version;
use crate::version_policy::{VersionPolicy, VersionState};

/// A connection to one NapCat instance; the entry point for every action.
///
/// Cloning is cheap (an `Arc`), and clones share the transport and its
/// connection pool: create one client and hand out clones.
///
/// Every NapCat action is a method (listed [by category](crate::actions#every-action-by-category)):
///
/// ```no_run
/// # async fn demo() -> Result<(), ncat_api::Error> {
/// let client = ncat_api::Client::builder()
///     .url("http://127.0.0.1:3000")
///     .token("s3cret")
///     .build()?;
/// let version = client.get_version_info().await?;
/// client.set_group_ban(123456, 10001).duration(600).await?;
/// # Ok(()) }
/// ```
///
/// [`call_raw`](Self::call_raw) calls an action the schema does not have
/// yet by name; [`extend!`](crate::extend) gives such actions typed methods
/// too.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    transport: Box<dyn Transport>,
    /// Which transport, for the calls' spans: `http`, `sse`, `ws`,
    /// `reverse-ws`, `post` or `custom`.
    transport_kind: &'static str,
    default_timeout: Duration,
    /// Where events arrive; `None` for transports without events (HTTP
    /// without SSE, custom).
    events: Option<EventHub>,
    /// The version policy and what was learned about NapCat's release.
    versions: VersionState,
}

impl Client {
    /// The per-call timeout unless configured otherwise: 30 seconds.
    ///
    /// NapCat has no server-side deadline; an action waits on QQ with its
    /// own budget, 10 s for most, 10 s plus upload time for message sends.
    /// 30 s covers that with margin, yet still fails a call that will never
    /// be answered (NapCat drops some malformed requests silently) in
    /// reasonable time. Raise it per call with
    /// [`Call::call_timeout`](crate::Call::call_timeout) for large uploads or forwards.
    pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

    /// The largest reply a built-in transport reads unless configured
    /// otherwise: 64 MiB.
    ///
    /// NapCat's largest ordinary replies (a big group's member list, a long
    /// chat history) stay well below a few MiB, and stream actions send
    /// files in chunks far smaller; 64 MiB leaves room for base64 images in
    /// `get_image`-style replies while bounding what a broken or hostile
    /// server can make the client buffer. See
    /// [`ClientBuilder::max_reply_size`].
    pub const DEFAULT_MAX_REPLY_SIZE: usize = 64 * 1024 * 1024;

    /// How far, in bytes of frames, a WebSocket stream action's consumer
    /// may fall behind unless configured otherwise: 16 MiB. See
    /// [`ClientBuilder::stream_buffer`].
    pub const DEFAULT_STREAM_BUFFER: usize = 16 * 1024 * 1024;

    /// Starts configuring a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client for NapCat's HTTP API at `url` (e.g. `http://127.0.0.1:3000`),
    /// without a token. Shorthand for `Client::builder().url(url).build()`.
    pub fn http(url: impl AsRef<str>) -> Result<Client, Error> {
        Client::builder().url(url).build()
    }

    /// A client that sends every call through `transport`, with
    /// [`DEFAULT_TIMEOUT`](Self::DEFAULT_TIMEOUT). Use
    /// [`ClientBuilder::transport`] to pick another timeout.
    pub fn with_transport(transport: impl Transport) -> Client {
        Client::from_parts(
            Box::new(transport),
            "custom",
            None,
            &ConnectionSettings::default(),
        )
    }

    /// A client over `transport`, with the timeout and version policy of
    /// `settings` (the transport was built with the rest).
    pub(crate) fn from_parts(
        transport: Box<dyn Transport>,
        transport_kind: &'static str,
        events: Option<EventHub>,
        settings: &ConnectionSettings,
    ) -> Client {
        Client {
            inner: Arc::new(Inner {
                transport,
                transport_kind,
                default_timeout: settings.timeout,
                events,
                versions: VersionState::new(settings.version_policy),
            }),
        }
    }

    /// The release of the NapCat this client is connected to, as NapCat
    /// reported it (`get_version_info`).
    ///
    /// The client asks once per connection (for a WebSocket, again after
    /// each reconnection), before the first call that needs a release newer
    /// than the oldest on record (see [`VersionPolicy`]). `None` until
    /// then, while reconnecting, with [`VersionPolicy::Off`], and when the
    /// answer named no NapCat release.
    pub fn napcat_version(&self) -> Option<Version> {
        self.inner
            .versions
            .learned(self.inner.transport.connection())
            .flatten()
    }

    pub(crate) fn versions(&self) -> &VersionState {
        &self.inner.versions
    }

    /// The transport this client's calls go through, to relay a request
    /// as it is and get NapCat's reply envelope back uninterpreted (what a
    /// gateway passing calls on from elsewhere needs), or to ask whether it
    /// is connected ([`Transport::connection`]).
    ///
    /// A request sent this way skips what [`call`](Self::call) adds: the
    /// timeout (enforce [`TransportRequest::timeout`] yourself), the
    /// version check, the call's span and reading the envelope.
    pub fn transport(&self) -> &dyn Transport {
        self.inner.transport.as_ref()
    }

    /// The events NapCat pushes to this client, as a stream; see
    /// [`Events`] for who sees what.
    ///
    /// WebSocket clients (`ws://` / `wss://` URLs), HTTP clients with
    /// [`sse_events`](ClientBuilder::sse_events), reverse WebSocket
    /// connections and the HTTP POST receiver's accounts receive events;
    /// for any other client the stream ends at once.
    pub fn events(&self) -> Events {
        match &self.inner.events {
            Some(hub) => hub.subscribe(),
            None => {
                tracing::warn!(
                    "this client's transport carries no events \
                     (use a ws:// URL, or an http:// one with `sse_events(true)`)"
                );
                Events::ended()
            }
        }
    }

    /// Sends one request through the transport, enforcing the timeout
    /// (`None`: the client's default).
    ///
    /// Not an `async fn`: a call waiting for its reply holds this future,
    /// and one wrapping `through_transport` would keep a second copy of the
    /// arguments.
    pub(crate) fn send(
        &self,
        action: Cow<'static, str>,
        params: Box<RawValue>,
        timeout: Option<Duration>,
    ) -> impl Future<Output = Result<TransportReply, Error>> + Send + '_ {
        self.through_transport(action, params, timeout, |transport, request| {
            transport.send(request)
        })
        .map(|sent| sent.map(|(reply, _)| reply))
    }

    /// Sends a stream action's request through the transport, enforcing
    /// the timeout on sending it (`None`: the client's default). Returns
    /// the replies and the timeout to apply to each of them.
    pub(crate) fn open_stream(
        &self,
        action: Cow<'static, str>,
        params: Box<RawValue>,
        timeout: Option<Duration>,
    ) -> impl Future<Output = Result<(ReplyStream, Duration), Error>> + Send + '_ {
        self.through_transport(action, params, timeout, |transport, request| {
            transport.send_stream(request)
        })
    }

    /// Hands the request to the transport with `start`, in the call's span
    /// and within the timeout; returns what the transport resolved with and
    /// the timeout applied.
    async fn through_transport<T>(
        &self,
        action: Cow<'static, str>,
        params: Box<RawValue>,
        timeout: Option<Duration>,
        start: impl FnOnce(&dyn Transport, TransportRequest) -> BoxFuture<'static, Result<T, Error>>,
    ) -> Result<(T, Duration), Error> {
        let timeout = timeout.unwrap_or(self.inner.default_timeout);
        let request = TransportRequest {
            action: action.clone(),
            params,
            timeout,
        };
        // Enforced here rather than in each transport, so no transport can
        // leave a call hanging.
        let started = tokio::time::timeout(timeout, start(&*self.inner.transport, request));
        match started.instrument(self.call_span(&action)).await {
            Ok(result) => result.map(|value| (value, timeout)),
            Err(_elapsed) => Err(Error::Timeout {
                action,
                duration: timeout,
            }),
        }
    }
}

impl Client {
    /// The span a call runs in: the action and the transport, and the `echo`
    /// once a WebSocket transport picks one. Never the parameters, which
    /// may hold private messages, nor the token. At `DEBUG` level, so it
    /// costs a cached level check unless a subscriber asks for it.
    fn call_span(&self, action: &str) -> tracing::Span {
        tracing::debug_span!(
            "call",
            action,
            transport = self.inner.transport_kind,
            echo = tracing::field::Empty,
        )
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("transport", &self.inner.transport)
            .field("default_timeout", &self.inner.default_timeout)
            .finish()
    }
}

/// The builders' defaults: the constants above, and those of
/// [`KeepAlive`](crate::KeepAlive) and [`VersionPolicy`].
impl Default for ConnectionSettings {
    fn default() -> Self {
        ConnectionSettings {
            timeout: Client::DEFAULT_TIMEOUT,
            max_reply_size: Client::DEFAULT_MAX_REPLY_SIZE,
            #[cfg(feature = "ws")]
            stream_buffer: Client::DEFAULT_STREAM_BUFFER,
            #[cfg(any(feature = "http", feature = "ws"))]
            keep_alive: None,
            version_policy: VersionPolicy::default(),
            event_buffer: crate::event::EventBuffer::default(),
        }
    }
}

/// Configures a [`Client`].
///
/// Either give NapCat's address with [`url`](Self::url) (and the
/// [`token`](Self::token) set in NapCat's network config), or a custom
/// [`transport`](Self::transport). The URL's scheme picks the transport:
/// `http://` / `https://` for NapCat's HTTP server, `ws://` / `wss://` for
/// its WebSocket server, which also delivers [events](Client::events).
#[derive(Default)]
#[must_use = "a ClientBuilder does nothing until `.build()` is called"]
pub struct ClientBuilder {
    url: Option<String>,
    token: Option<String>,
    transport: Option<Box<dyn Transport>>,
    #[cfg(any(feature = "http", feature = "ws"))]
    reconnect: Reconnect,
    /// Whether an HTTP client also reads NapCat's SSE event stream.
    #[cfg(feature = "http")]
    sse_events: bool,
    settings: ConnectionSettings,
}

impl ClientBuilder {
    /// NapCat's address: the base URL of its HTTP API server, e.g.
    /// `http://127.0.0.1:3000` (a trailing slash and a path prefix behind a
    /// reverse proxy are fine), or of its WebSocket server, e.g.
    /// `ws://127.0.0.1:3001` (the path `/api` gets no events).
    pub fn url(mut self, url: impl AsRef<str>) -> Self {
        self.url = Some(url.as_ref().to_owned());
        self
    }

    /// The access token configured in NapCat, sent as
    /// `Authorization: Bearer <token>`. An empty token counts as none.
    ///
    /// The token, and an `access_token` in the [`url`](Self::url)'s query,
    /// appear in no log record at any level (ncat's or, through `log` and
    /// `tracing`, its dependencies'), nor in any `Debug` or `Display`
    /// output or error.
    pub fn token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into());
        self
    }

    connection_setters!();

    /// How a WebSocket client reconnects after losing NapCat, and how an
    /// SSE event stream is reopened (default: [`Reconnect::default`]). Has
    /// no effect on other transports.
    #[cfg(any(feature = "http", feature = "ws"))]
    pub fn reconnect(mut self, reconnect: Reconnect) -> Self {
        self.reconnect = reconnect;
        self
    }

    /// With an `http://` / `https://` URL, also receive NapCat's events
    /// from its SSE stream, `GET /_events` (an `httpSseServers` entry;
    /// default: off). [`Client::events`] then works as over WebSocket;
    /// calls still go over HTTP.
    ///
    /// The stream is reopened after a loss as [`reconnect`](Self::reconnect)
    /// says (NapCat keeps no backlog: events sent while it is down are
    /// lost), never after the token is refused (401/403) or when the server
    /// has no SSE; then the event streams end. An event over
    /// [`max_reply_size`](Self::max_reply_size) drops the stream, which is
    /// reopened. See [`keep_alive`](Self::keep_alive) for an idle stream.
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), ncat_api::Error> {
    /// let client = ncat_api::Client::builder()
    ///     .url("http://127.0.0.1:3000")
    ///     .token("s3cret")
    ///     .sse_events(true)
    ///     .build()?;
    /// let mut events = client.events();
    /// while let Some(event) = events.next().await {
    ///     println!("{event:?}");
    /// }
    /// # Ok(()) }
    /// ```
    #[cfg(feature = "http")]
    pub fn sse_events(mut self, enabled: bool) -> Self {
        self.sse_events = enabled;
        self
    }

    /// Sends calls through `transport` instead of the built-in ones.
    /// Excludes [`url`](Self::url) and [`token`](Self::token), which
    /// configure the HTTP transport.
    pub fn transport(mut self, transport: impl Transport) -> Self {
        self.transport = Some(Box::new(transport));
        self
    }

    /// Builds the client.
    ///
    /// Fails with [`Error::Config`] when the URL is missing or invalid, the
    /// token cannot go into an HTTP header, or `url`/`token` were combined
    /// with `transport`. Logs a warning when the client has no token.
    ///
    /// A WebSocket client starts connecting in the background at once, on
    /// the current Tokio runtime (building one outside a runtime is a
    /// configuration error); calls wait for the connection up to their
    /// timeout.
    pub fn build(mut self) -> Result<Client, Error> {
        match (self.transport.take(), self.url.as_deref()) {
            (Some(_), _) if self.token.is_some() => Err(Error::config(
                "`token` configures the HTTP transport and cannot be combined with `transport`",
            )),
            (Some(_), Some(_)) => Err(Error::config(
                "`url` configures the HTTP transport and cannot be combined with `transport`",
            )),
            (Some(transport), None) => Ok(Client::from_parts(
                transport,
                "custom",
                None,
                &self.settings,
            )),
            (None, Some(url)) if is_websocket_url(url) => self.build_websocket(url),
            (None, Some(url)) => self.build_http(url),
            (None, None) => Err(Error::config(
                "no NapCat URL: call `url(…)` (or `transport(…)`) before `build()`",
            )),
        }
    }
}

impl ClientBuilder {
    /// A client of NapCat's WebSocket server at `url`.
    #[cfg(feature = "ws")]
    fn build_websocket(&self, url: &str) -> Result<Client, Error> {
        let (hub, sink) = EventHub::new(self.settings.event_buffer);
        let transport = WsTransport::connect(
            url,
            self.token.as_deref(),
            self.reconnect,
            self.settings.socket(),
            sink,
        )?;
        Ok(Client::from_parts(
            Box::new(transport),
            "ws",
            Some(hub),
            &self.settings,
        ))
    }

    #[cfg(not(feature = "ws"))]
    fn build_websocket(&self, _: &str) -> Result<Client, Error> {
        Err(Error::config(
            "ws:// and wss:// URLs need ncat-api's `ws` feature",
        ))
    }

    /// A client of NapCat's HTTP server at `url`.
    #[cfg(feature = "http")]
    fn build_http(&self, url: &str) -> Result<Client, Error> {
        let transport =
            HttpTransport::new(url, self.token.as_deref(), self.settings.max_reply_size)?;
        if !self.sse_events {
            return Ok(Client::from_parts(
                Box::new(transport),
                "http",
                None,
                &self.settings,
            ));
        }
        let (hub, sink) = EventHub::new(self.settings.event_buffer);
        let settings = SseSettings {
            reconnect: self.reconnect,
            keep_alive: self.settings.keep_alive,
            max_event_size: self.settings.max_reply_size,
        };
        let transport = SseTransport::new(transport, settings, sink)?;
        Ok(Client::from_parts(
            Box::new(transport),
            "sse",
            Some(hub),
            &self.settings,
        ))
    }

    #[cfg(not(feature = "http"))]
    fn build_http(&self, _: &str) -> Result<Client, Error> {
        Err(Error::config(
            "http:// and https:// URLs need ncat-api's `http` feature",
        ))
    }
}

/// Whether `url` asks for the WebSocket transport.
fn is_websocket_url(url: &str) -> bool {
    let scheme = url.trim_start().split("://").next().unwrap_or_default();
    scheme.eq_ignore_ascii_case("ws") || scheme.eq_ignore_ascii_case("wss")
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut debug = f.debug_struct("ClientBuilder");
        // The URL may carry `?access_token=`: show only whether it is set.
        debug
            .field("url", &self.url.as_ref().map(|_| "<set>"))
            .field("token", &self.token.as_ref().map(|_| "<redacted>"))
            .field("transport", &self.transport);
        #[cfg(any(feature = "http", feature = "ws"))]
        debug.field("reconnect", &self.reconnect);
        #[cfg(feature = "http")]
        debug.field("sse_events", &self.sse_events);
        debug.field("settings", &self.settings).finish()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    #[test]
    fn client_is_cheap_to_share_across_tasks() {
        fn assert_send_sync_clone<T: Send + Sync + Clone + 'static>() {}
        assert_send_sync_clone::<Client>();
    }

    #[test]
    #[cfg(feature = "http")]
    fn debug_output_never_shows_the_token() {
        let builder = Client::builder()
            .url("http://127.0.0.1:3000/?access_token=qs3cret")
            .token("s3cret-token");
        let debug = format!("{builder:?}");
        assert!(!debug.contains("s3cret"), "{debug}");
        assert!(debug.contains("<redacted>"), "{debug}");

        let client = builder.build().unwrap();
        let debug = format!("{client:?}");
        assert!(!debug.contains("s3cret"), "{debug}");
        assert!(debug.contains("127.0.0.1:3000"), "{debug}");
        assert!(debug.contains("30s"), "{debug}");
    }

    #[test]
    #[cfg(feature = "http")]
    fn http_shorthand_and_builder_accept_a_url() {
        Client::http("http://127.0.0.1:3000").unwrap();
        Client::builder()
            .url(String::from("http://127.0.0.1:3000/"))
            .token("")
            .timeout(Duration::from_secs(5))
            .build()
            .unwrap();
    }

    #[test]
    fn urls_need_their_transport_feature() {
        for (url, feature) in [
            ("ws://127.0.0.1:3001", cfg!(feature = "ws")),
            ("http://127.0.0.1:3000", cfg!(feature = "http")),
        ] {
            // Outside a runtime a WebSocket client fails to start, for another reason.
            let message = match Client::builder().url(url).build() {
                Ok(_) => String::new(),
                Err(error) => error.to_string(),
            };
            assert_eq!(message.contains("feature"), !feature, "{url}: {message}");
        }
    }

    #[test]
    fn missing_url_is_a_config_error() {
        let error = Client::builder().token("t").build().unwrap_err();
        assert!(matches!(error, Error::Config { .. }), "{error:?}");
    }

    #[test]
    fn custom_transport_excludes_url_and_token() {
        #[derive(Debug)]
        struct Unused;
        impl Transport for Unused {
            fn send(
                &self,
                _: TransportRequest,
            ) -> crate::BoxFuture<'static, Result<TransportReply, Error>> {
                Box::pin(async { Err(Error::transport("unused", "not connected")) })
            }
        }

        let error = Client::builder()
            .transport(Unused)
            .url("http://127.0.0.1:3000")
            .build()
            .unwrap_err();
        assert!(matches!(error, Error::Config { .. }), "{error:?}");
        let error = Client::builder()
            .transport(Unused)
            .token("t")
            .build()
            .unwrap_err();
        assert!(matches!(error, Error::Config { .. }), "{error:?}");
        let client = Client::builder()
            .transport(Unused)
            .timeout(Duration::from_secs(2))
            .build()
            .unwrap();
        assert!(format!("{client:?}").contains("2s"));
    }
}
