//! NapCat's reply envelope, serialized with its fields in NapCat's order.

use serde::Serialize;
use serde_json::Value;

/// `{"status","retcode","data","message","wording","echo","stream"}`, as NapCat writes it.
#[derive(Debug, Serialize)]
pub(crate) struct Envelope<'a> {
    status: &'static str,
    retcode: i64,
    /// `None` leaves the key out: some NapCat actions reply without `data` at all.
    #[serde(skip_serializing_if = "Option::is_none")]
    data: Option<&'a Value>,
    message: &'a str,
    wording: &'a str,
    echo: &'a Value,
    stream: &'static str,
}

impl<'a> Envelope<'a> {
    pub(crate) fn ok(data: Option<&'a Value>, echo: &'a Value) -> Self {
        Self {
            status: "ok",
            retcode: 0,
            data,
            message: "",
            wording: "",
            echo,
            stream: "normal-action",
        }
    }

    /// A failure; NapCat always sends `data: null` and copies `message` into `wording`.
    pub(crate) fn failed(retcode: i64, message: &'a str, echo: &'a Value) -> Self {
        Self {
            status: "failed",
            retcode,
            data: Some(&Value::Null),
            message,
            wording: message,
            echo,
            stream: "normal-action",
        }
    }

    /// One frame of a stream action's reply.
    pub(crate) fn stream_frame(data: &'a Value, echo: &'a Value) -> Self {
        Self {
            stream: "stream-action",
            ..Self::ok(Some(data), echo)
        }
    }

    /// The final frame of a failed stream action: `data` is NapCat's error stub.
    pub(crate) fn stream_failure(
        retcode: i64,
        message: &'a str,
        stub: &'a Value,
        echo: &'a Value,
    ) -> Self {
        Self {
            data: Some(stub),
            stream: "stream-action",
            ..Self::failed(retcode, message, echo)
        }
    }

    /// Replaces `message` only: NapCat's health check sets it after building an `ok` envelope,
    /// so its `wording` stays `""`.
    pub(crate) fn with_message(self, message: &'a str) -> Self {
        Self { message, ..self }
    }
}
