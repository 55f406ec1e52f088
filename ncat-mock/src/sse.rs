//! NapCat's SSE events (`httpSseServers`): `GET /_events` streams every event as
//! `data: <event JSON>\n\n`, with no `event:` or `id:` lines, no heartbeat and no lifecycle event.

use std::convert::Infallible;
use std::sync::{Mutex, MutexGuard, PoisonError};

use axum::body::Body;
use axum::http::header::{CACHE_CONTROL, CONNECTION, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;
use tokio::sync::mpsc;

/// The open `/_events` streams.
#[derive(Debug, Default)]
pub(crate) struct SseHub {
    streams: Mutex<Vec<mpsc::UnboundedSender<String>>>,
}

impl SseHub {
    /// A new stream's response, NapCat's headers and all.
    pub(crate) fn open(&self) -> Response {
        let (sender, receiver) = mpsc::unbounded_channel();
        self.lock().push(sender);
        let chunks = futures_util::stream::unfold(receiver, |mut receiver| async move {
            let chunk = receiver.recv().await?;
            Some((Ok::<_, Infallible>(chunk), receiver))
        });
        let mut response = Response::new(Body::from_stream(chunks));
        *response.status_mut() = StatusCode::OK;
        let headers = response.headers_mut();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("text/event-stream"));
        headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
        headers.insert(CONNECTION, HeaderValue::from_static("keep-alive"));
        response
    }

    /// Writes `event` to every open stream as NapCat does; how many streams it went to.
    pub(crate) fn push_event(&self, event: &str) -> usize {
        self.send(&format!("data: {event}\n\n"))
    }

    /// Writes `text` to every open stream verbatim; how many streams it went to.
    pub(crate) fn send(&self, text: &str) -> usize {
        let mut streams = self.lock();
        streams.retain(|stream| stream.send(text.to_owned()).is_ok());
        streams.len()
    }

    /// Ends every open stream, as when NapCat restarts; how many there were.
    pub(crate) fn disconnect_all(&self) -> usize {
        let mut streams = self.lock();
        let count = streams.iter().filter(|stream| !stream.is_closed()).count();
        streams.clear();
        count
    }

    /// How many streams are open.
    pub(crate) fn count(&self) -> usize {
        let mut streams = self.lock();
        streams.retain(|stream| !stream.is_closed());
        streams.len()
    }

    fn lock(&self) -> MutexGuard<'_, Vec<mpsc::UnboundedSender<String>>> {
        self.streams.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
