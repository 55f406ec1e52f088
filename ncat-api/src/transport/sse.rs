//! NapCat's SSE events: an `httpSseServers` entry is an HTTP API server
//! that also streams every event from `GET /_events` as `data: <event
//! JSON>` messages. Calls go over the HTTP API as usual; a background task
//! keeps the event stream open, reopening it after a loss.

use std::fmt;
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use futures_util::StreamExt;
use reqwest::StatusCode;
use reqwest::header::CONTENT_TYPE;
use sse_stream::SseStream;
use tokio::task::JoinHandle;

use super::http::HttpTransport;
use super::{
    BoxFuture, KeepAlive, Reconnect, ReplyStream, Transport, TransportReply, TransportRequest,
};
use crate::error::Error;
use crate::event::EventSink;

/// Calls over NapCat's HTTP API, with events from its SSE stream.
pub(crate) struct SseTransport {
    http: HttpTransport,
    /// Keeps the event stream open; stopped when the client is dropped.
    events: JoinHandle<()>,
}

/// How the event stream is kept.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SseSettings {
    pub(crate) reconnect: Reconnect,
    /// Given a keep-alive, the stream is reopened after its
    /// `interval + timeout` without a byte.
    pub(crate) keep_alive: Option<KeepAlive>,
    /// The most bytes read for one event (`max_reply_size`).
    pub(crate) max_event_size: usize,
}

impl SseTransport {
    /// Opens the event stream in the background, on the current Tokio
    /// runtime.
    pub(crate) fn new(
        http: HttpTransport,
        settings: SseSettings,
        events: EventSink,
    ) -> Result<Self, Error> {
        let runtime = tokio::runtime::Handle::try_current().map_err(|_| {
            Error::config("a client with SSE events must be built inside a Tokio runtime")
        })?;
        let task = runtime.spawn(keep_open(http.clone(), settings, events));
        Ok(SseTransport { http, events: task })
    }
}

impl Drop for SseTransport {
    fn drop(&mut self) {
        self.events.abort();
    }
}

impl Transport for SseTransport {
    fn send(&self, request: TransportRequest) -> BoxFuture<'static, Result<TransportReply, Error>> {
        self.http.send(request)
    }

    fn send_stream(
        &self,
        request: TransportRequest,
    ) -> BoxFuture<'static, Result<ReplyStream, Error>> {
        self.http.send_stream(request)
    }
}

impl fmt::Debug for SseTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SseTransport")
            .field("http", &self.http)
            .finish_non_exhaustive()
    }
}

/// Why the stream could not be opened.
enum OpenFailure {
    /// 401 or 403: never retried.
    Unauthorized,
    /// The server answered, but not with an event stream (an HTTP API
    /// server without SSE answers `/_events` as an unknown action): never
    /// retried.
    NotSse,
    /// Anything else: retried.
    Failed(String),
}

/// Opens the stream and reads it, again after every loss, until reconnecting
/// gives up or the token is refused; then the client's event streams end.
async fn keep_open(http: HttpTransport, settings: SseSettings, sink: EventSink) {
    let mut backoff = settings.reconnect.backoff();
    loop {
        match open(&http).await {
            Ok(response) => {
                backoff.reset();
                tracing::info!("NapCat's SSE event stream is open");
                let ended = read(response, &sink, &settings).await;
                tracing::warn!(reason = %ended, "NapCat's SSE event stream ended");
            }
            Err(OpenFailure::Unauthorized) => {
                tracing::error!("NapCat rejected the access token for its SSE event stream");
                return;
            }
            Err(OpenFailure::NotSse) => {
                tracing::error!(
                    "NapCat's /_events is not an event stream: is the URL an httpSseServers \
                     entry (not an httpServers one)?"
                );
                return;
            }
            Err(OpenFailure::Failed(reason)) => {
                tracing::warn!(%reason, "could not open NapCat's SSE event stream");
            }
        }
        let Some(delay) = backoff.next_delay() else {
            tracing::warn!("not reopening NapCat's SSE event stream (reconnect is disabled)");
            return;
        };
        tracing::info!(?delay, "reopening NapCat's SSE event stream after a pause");
        tokio::time::sleep(delay).await;
    }
}

async fn open(http: &HttpTransport) -> Result<reqwest::Response, OpenFailure> {
    // The error's text names the URL without its query (reqwest strips
    // nothing, so it is not quoted): the token may be in `access_token`.
    let response = http
        .events_request()
        .send()
        .await
        .map_err(|error| OpenFailure::Failed(describe(&error)))?;
    match response.status() {
        StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => return Err(OpenFailure::Unauthorized),
        status if !status.is_success() => {
            return Err(OpenFailure::Failed(format!("HTTP status {status}")));
        }
        _ => {}
    }
    let is_event_stream = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.trim_start().starts_with("text/event-stream"));
    if !is_event_stream {
        return Err(OpenFailure::NotSse);
    }
    Ok(response)
}

/// What went wrong with a request, without the URL (which may hold the
/// token).
fn describe(error: &reqwest::Error) -> String {
    let kind = if error.is_connect() {
        "could not connect"
    } else if error.is_timeout() {
        "timed out"
    } else {
        "request failed"
    };
    match std::error::Error::source(error) {
        Some(source) => format!("{kind}: {source}"),
        None => kind.to_owned(),
    }
}

/// Reads events until the stream ends; says why it did.
async fn read(response: reqwest::Response, sink: &EventSink, settings: &SseSettings) -> String {
    let silence = settings
        .keep_alive
        .and_then(KeepAlive::checks)
        .map(|(interval, timeout)| interval + timeout);
    let limit = settings.max_event_size;
    // Bytes read since the last event came out of the parser: bounds what
    // one event (or a line that never ends) can make the client buffer.
    let unparsed = Arc::new(AtomicUsize::new(0));
    let chunks = futures_util::stream::unfold(
        (response, Arc::clone(&unparsed)),
        move |(mut response, unparsed)| async move {
            let chunk = match silence {
                Some(silence) => match tokio::time::timeout(silence, response.chunk()).await {
                    Ok(chunk) => chunk,
                    Err(_elapsed) => {
                        let error = io::Error::new(
                            io::ErrorKind::TimedOut,
                            format!("nothing arrived for {silence:?}"),
                        );
                        return Some((Err(error), (response, unparsed)));
                    }
                },
                None => response.chunk().await,
            };
            let item = match chunk {
                Ok(Some(bytes)) => {
                    let pending = unparsed.fetch_add(bytes.len(), Ordering::Relaxed) + bytes.len();
                    if pending > limit {
                        Err(io::Error::other(format!(
                            "an event is over the size limit ({limit} bytes)"
                        )))
                    } else {
                        Ok(bytes)
                    }
                }
                Ok(None) => return None,
                Err(error) => Err(io::Error::other(describe(&error))),
            };
            Some((item, (response, unparsed)))
        },
    );
    let mut messages = std::pin::pin!(SseStream::from_bytes_stream(chunks));
    loop {
        // Under backpressure, nothing more is read until the slowest
        // stream has room: NapCat's writes wait in the TCP buffers.
        sink.room().await;
        let Some(message) = messages.next().await else {
            return "NapCat closed it".to_owned();
        };
        let message = match message {
            Ok(message) => message,
            Err(error) => return error.to_string(),
        };
        unparsed.store(0, Ordering::Relaxed);
        let Some(data) = message.data else {
            continue; // a message with no data: nothing to pass on
        };
        if !sink.publish_if_event(&data) {
            // NapCat also sends the partial replies of stream actions
            // called over this server here.
            tracing::debug!("ignored an SSE message that is not an event");
        }
    }
}
