//! The text NapCat sends for a stream reply, frame by frame, on either transport.

use serde_json::{Value, json};

use crate::envelope::Envelope;

/// Which adapter answers: NapCat's retcodes differ between HTTP and WebSocket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Adapter {
    Http,
    WebSocket,
}

impl Adapter {
    /// The retcode of an action that ran and failed.
    pub(crate) fn failure_retcode(self) -> i64 {
        match self {
            Adapter::Http => 200,
            Adapter::WebSocket => 1200,
        }
    }
}

/// Every envelope of a stream reply, serialized.
pub(crate) fn stream_envelopes(
    frames: &[Value],
    failure: Option<&str>,
    echo: &Value,
    adapter: Adapter,
) -> Vec<String> {
    let stub = json!({"type": "error", "data_type": "error"});
    let mut envelopes: Vec<String> = frames
        .iter()
        .map(|frame| to_text(&Envelope::stream_frame(frame, echo)))
        .collect();
    if let Some(message) = failure {
        envelopes.push(to_text(&Envelope::stream_failure(
            adapter.failure_retcode(),
            message,
            &stub,
            echo,
        )));
    }
    envelopes
}

/// An envelope as JSON text.
pub(crate) fn to_text(envelope: &Envelope<'_>) -> String {
    // Every field serializes; the fallback only keeps a mock from panicking inside a test.
    serde_json::to_string(envelope).unwrap_or_else(|error| error.to_string())
}
