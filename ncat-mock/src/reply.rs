//! [`MockReply`]: what the mock answers to one call of an action.

use std::time::Duration;

use axum::http::StatusCode;
use serde_json::Value;

/// What the mock answers to one call of an action.
///
/// Build one with [`ok`](Self::ok), [`ok_without_data`](Self::ok_without_data),
/// [`failed`](Self::failed), [`http`](Self::http), [`raw`](Self::raw), [`stream`](Self::stream),
/// [`stream_failing`](Self::stream_failing) or [`disconnect`](Self::disconnect), optionally
/// [`delay`](Self::delay) it, and register it with [`MockNapCat::on`](crate::MockNapCat::on)
/// or [`MockNapCat::on_once`](crate::MockNapCat::on_once).
///
/// The envelope replies (`ok`, `ok_without_data`, `failed`, the stream ones) carry the request's
/// `echo`, like NapCat's; `http` and `raw` replies are sent exactly as given (over WebSocket, as
/// a text frame holding the body).
#[derive(Debug, Clone, PartialEq)]
pub struct MockReply {
    pub(crate) answer: Answer,
    pub(crate) delay: Duration,
}

/// The body of a [`MockReply`], independent of when it is sent.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Answer {
    /// A `status: "ok"` envelope; `None` leaves the `data` key out entirely.
    Ok { data: Option<Value> },
    /// A `status: "failed"` envelope with `data: null`.
    Failed { retcode: i64, message: String },
    /// A bare HTTP status with a text body, not an envelope.
    Http { status: StatusCode, body: String },
    /// HTTP 200 with an arbitrary body where the envelope would be; over WebSocket, a text frame
    /// with this body.
    Raw { body: String },
    /// A stream action's frames (each a `data` object), optionally ended by a failure.
    Stream {
        frames: Vec<Value>,
        failure: Option<String>,
    },
    /// No answer: the connection is cut.
    Disconnect,
}

impl MockReply {
    /// A successful envelope carrying `data`:
    /// `{"status":"ok","retcode":0,"data":<data>,"message":"","wording":"","echo":…,"stream":"normal-action"}`.
    ///
    /// `MockReply::ok(Value::Null)` is what unscripted calls of actions NapCat answers with
    /// `null` get, and those of actions no schema describes.
    #[must_use]
    pub fn ok(data: Value) -> Self {
        Self::from_answer(Answer::Ok { data: Some(data) })
    }

    /// A successful envelope with no `data` key at all, as NapCat sends for actions that
    /// return nothing (`.handle_quick_operation`, `send_poke`, …).
    #[must_use]
    pub fn ok_without_data() -> Self {
        Self::from_answer(Answer::Ok { data: None })
    }

    /// A failed envelope:
    /// `{"status":"failed","retcode":<retcode>,"data":null,"message":<message>,"wording":<message>,"echo":…,"stream":"normal-action"}`.
    ///
    /// Over HTTP, NapCat uses retcode `200` for business errors and unknown actions and `400`
    /// for parameter validation errors.
    #[must_use]
    pub fn failed(retcode: i64, message: impl Into<String>) -> Self {
        Self::from_answer(Answer::Failed {
            retcode,
            message: message.into(),
        })
    }

    /// A bare HTTP response with status `status` and the text `body`, sent with
    /// `Content-Type: text/html; charset=utf-8` like NapCat's own non-envelope errors
    /// (for example `MockReply::http(400, "Invalid JSON")`).
    ///
    /// A `status` outside `100..=999` cannot be sent and is answered as 500.
    #[must_use]
    pub fn http(status: u16, body: impl Into<String>) -> Self {
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        Self::from_answer(Answer::Http {
            status,
            body: body.into(),
        })
    }

    /// HTTP 200 with `Content-Type: application/json; charset=utf-8` and `body` verbatim, which
    /// need not be JSON: for testing how a client copes with a broken or unexpected reply.
    #[must_use]
    pub fn raw(body: impl Into<String>) -> Self {
        Self::from_answer(Answer::Raw { body: body.into() })
    }

    /// A stream action's reply: every frame in `frames` (the `data` of one reply each, e.g.
    /// `{"type":"stream","data_type":"file_chunk",…}`, the last one usually with
    /// `"type":"response"`), sent as NapCat sends stream replies: over WebSocket one message per
    /// frame, all with the request's `echo`; over HTTP one chunked body of
    /// `<envelope>\r\n\r\n` pieces without a `Content-Type`. Every envelope is `ok` with
    /// `"stream":"stream-action"`.
    #[must_use]
    pub fn stream(frames: impl IntoIterator<Item = Value>) -> Self {
        Self::from_answer(Answer::Stream {
            frames: frames.into_iter().collect(),
            failure: None,
        })
    }

    /// Like [`stream`](Self::stream), then a final failure the way NapCat ends a stream that
    /// failed: `status: "failed"` (retcode 1200 over WebSocket, 200 over HTTP) with
    /// `data: {"type":"error","data_type":"error"}` and `message`.
    #[must_use]
    pub fn stream_failing(
        frames: impl IntoIterator<Item = Value>,
        message: impl Into<String>,
    ) -> Self {
        Self::from_answer(Answer::Stream {
            frames: frames.into_iter().collect(),
            failure: Some(message.into()),
        })
    }

    /// No answer at all: the connection is cut (over WebSocket the socket is dropped without a
    /// close frame; over HTTP the response is aborted). For testing how a client copes with a
    /// NapCat that goes away mid-call.
    #[must_use]
    pub fn disconnect() -> Self {
        Self::from_answer(Answer::Disconnect)
    }

    /// Waits `delay` before answering, for testing client timeouts.
    ///
    /// The request is recorded as soon as it arrives, before the wait. Shutting the mock down
    /// cuts the wait short by closing the connection.
    #[must_use]
    pub fn delay(self, delay: Duration) -> Self {
        Self { delay, ..self }
    }

    fn from_answer(answer: Answer) -> Self {
        Self {
            answer,
            delay: Duration::ZERO,
        }
    }
}
