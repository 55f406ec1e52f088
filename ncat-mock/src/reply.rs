//! [`MockReply`]: what the mock answers to one call of an action.

use std::time::Duration;

use axum::http::StatusCode;
use serde_json::Value;

/// What the mock answers to one call of an action.
///
/// Build one with [`ok`](Self::ok), [`ok_without_data`](Self::ok_without_data),
/// [`failed`](Self::failed), [`http`](Self::http) or [`raw`](Self::raw), optionally
/// [`delay`](Self::delay) it, and register it with [`MockNapCat::on`](crate::MockNapCat::on)
/// or [`MockNapCat::on_once`](crate::MockNapCat::on_once).
///
/// The envelope replies (`ok`, `ok_without_data`, `failed`) carry the request's `echo`, like
/// NapCat's; `http` and `raw` replies are sent exactly as given.
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
    /// HTTP 200 with an arbitrary body where the envelope would be.
    Raw { body: String },
}

impl MockReply {
    /// A successful envelope carrying `data`:
    /// `{"status":"ok","retcode":0,"data":<data>,"message":"","wording":"","echo":…,"stream":"normal-action"}`.
    ///
    /// `MockReply::ok(Value::Null)` is also what unscripted actions get.
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
