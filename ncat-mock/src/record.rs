//! [`RecordedRequest`] and the log of every request the mock received.

use std::sync::{Mutex, MutexGuard, PoisonError};

use axum::http::HeaderMap;
use serde_json::Value;

/// One HTTP request as the mock received it, recorded on arrival (before any delay) whether it
/// was answered, rejected with 403 or refused with 400.
///
/// A WebSocket request frame is recorded too, with `method` `"WS"`, the socket's handshake
/// `path`, `query` and `headers`, the frame text as `body` and its `params`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct RecordedRequest {
    /// The HTTP method, e.g. `"POST"`.
    pub method: String,
    /// The URL path, still percent-encoded, e.g. `"/send_msg/"`.
    pub path: String,
    /// The action NapCat would run: the first path segment, e.g. `"send_msg"` for
    /// `/send_msg/anything`; `""` for `/` (the health check).
    pub action: String,
    /// The raw query string without the `?`, if the URL had one.
    pub query: Option<String>,
    /// Every request header, including `Authorization`.
    pub headers: HeaderMap,
    /// The body as text (invalid UTF-8 replaced by U+FFFD, as NapCat reads it).
    pub body: String,
    /// The parameters as NapCat sees them: the JSON body (`{}` when empty) with query parameters
    /// merged on top, or only the query parameters for `GET`. Query values are strings, and a
    /// repeated query key becomes an array of strings.
    ///
    /// `Value::Null` when NapCat would not get that far: the body was not valid JSON (answered
    /// 400) or the request was a CORS preflight (`OPTIONS`).
    pub params: Value,
}

impl RecordedRequest {
    /// The value of header `name` (case-insensitive) if present and valid UTF-8; the first one
    /// if the header was sent several times.
    #[must_use]
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name)?.to_str().ok()
    }
}

/// Every request received so far, in arrival order.
#[derive(Debug, Default)]
pub(crate) struct Recorder {
    requests: Mutex<Vec<RecordedRequest>>,
}

impl Recorder {
    pub(crate) fn record(&self, request: RecordedRequest) {
        self.lock().push(request);
    }

    pub(crate) fn all(&self) -> Vec<RecordedRequest> {
        self.lock().clone()
    }

    pub(crate) fn last(&self) -> Option<RecordedRequest> {
        self.lock().last().cloned()
    }

    pub(crate) fn for_action(&self, action: &str) -> Vec<RecordedRequest> {
        self.lock()
            .iter()
            .filter(|request| request.action == action)
            .cloned()
            .collect()
    }

    pub(crate) fn clear(&self) {
        self.lock().clear();
    }

    fn lock(&self) -> MutexGuard<'_, Vec<RecordedRequest>> {
        // Pushing, cloning and clearing cannot leave the list inconsistent, so a lock poisoned by
        // a panic elsewhere is still safe to use.
        self.requests.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
