//! What a call looks like on NATS, for workers in any language.
//!
//! **Request** on `<prefix>.<self_id>.call`: the JSON object
//! `{"action": "send_group_msg", "params": {…}}` (NapCat's WebSocket
//! request without `echo`; `params` may be left out for `{}`). Optional
//! headers: [`TIMEOUT_HEADER`] (milliseconds the caller waits; the gateway
//! gives NapCat no longer) and [`STREAM_HEADER`] for stream actions.
//!
//! **Reply**: NapCat's reply envelope, as NapCat sent it
//! (`{"status":"ok","retcode":0,"data":…,"message":"","wording":"","echo":…}`),
//! a `status: "failed"` one included. When the gateway could not get one
//! it answers as a [NATS service](https://docs.nats.io/using-nats/developer/services)
//! does: an empty body with the headers `Nats-Service-Error` (the message)
//! and `Nats-Service-Error-Code` (a [`GatewayErrorKind`] code, HTTP-like).
//!
//! **Stream actions** ([`STREAM_HEADER`]): the gateway publishes each of
//! NapCat's reply envelopes to the request's reply subject as it arrives,
//! then an empty message with [`STREAM_END_HEADER`]; an error ends the
//! stream as above.

use std::fmt;

use async_nats::HeaderMap;
use async_nats::service::{NATS_SERVICE_ERROR, NATS_SERVICE_ERROR_CODE};

/// Request header: how many milliseconds the caller waits for the reply.
pub const TIMEOUT_HEADER: &str = "Ncat-Timeout-Ms";
/// Request header (value `1`): a stream action, answered with several
/// messages.
pub const STREAM_HEADER: &str = "Ncat-Stream";
/// Header of the message that ends a stream action's replies.
pub const STREAM_END_HEADER: &str = "Ncat-Stream-End";

/// Why the gateway answered a call with an error instead of NapCat's reply
/// envelope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum GatewayErrorKind {
    /// The request is not a call: not JSON, no `action`, `params` not an
    /// object (code 400). It never reached NapCat.
    BadRequest,
    /// NapCat turned the gateway's token away (code 401).
    Unauthorized,
    /// The request is larger than the gateway accepts (code 413). It never
    /// reached NapCat.
    TooLarge,
    /// NapCat's connection broke or could not be used (code 502).
    NapCatUnreachable,
    /// The account is known to this gateway but not connected now (code
    /// 503).
    NotConnected,
    /// NapCat did not answer within the call's timeout (code 504).
    Timeout,
    /// No gateway serves the account: nothing listens on its call subject
    /// (NATS' own "no responders").
    NoGateway,
    /// Any other failure (code 500), or a code this version does not know.
    Other,
}

impl GatewayErrorKind {
    /// The code in `Nats-Service-Error-Code`.
    pub fn code(self) -> usize {
        match self {
            GatewayErrorKind::BadRequest => 400,
            GatewayErrorKind::Unauthorized => 401,
            GatewayErrorKind::TooLarge => 413,
            GatewayErrorKind::NapCatUnreachable => 502,
            GatewayErrorKind::NotConnected | GatewayErrorKind::NoGateway => 503,
            GatewayErrorKind::Timeout => 504,
            GatewayErrorKind::Other => 500,
        }
    }

    fn from_code(code: usize) -> GatewayErrorKind {
        match code {
            400 => GatewayErrorKind::BadRequest,
            401 => GatewayErrorKind::Unauthorized,
            413 => GatewayErrorKind::TooLarge,
            502 => GatewayErrorKind::NapCatUnreachable,
            503 => GatewayErrorKind::NotConnected,
            504 => GatewayErrorKind::Timeout,
            _ => GatewayErrorKind::Other,
        }
    }
}

/// The gateway's answer when it has no reply envelope from NapCat; the
/// source of the `ncat_api::Error::Transport` a worker's call fails with
/// (reach it with [`GatewayError::of`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct GatewayError {
    kind: GatewayErrorKind,
    message: String,
}

impl GatewayError {
    /// An error of `kind` saying `message`.
    pub fn new(kind: GatewayErrorKind, message: impl Into<String>) -> Self {
        GatewayError {
            kind,
            message: message.into(),
        }
    }

    /// What went wrong.
    pub fn kind(&self) -> GatewayErrorKind {
        self.kind
    }

    /// The gateway's explanation.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The gateway error behind a worker's failed call, if that is why it
    /// failed.
    pub fn of(error: &ncat_api::Error) -> Option<&GatewayError> {
        let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
        while let Some(current) = source {
            if let Some(gateway) = current.downcast_ref::<GatewayError>() {
                return Some(gateway);
            }
            source = current.source();
        }
        None
    }

    /// The error a gateway's answer carries in its headers, if it is one.
    pub(crate) fn from_headers(headers: Option<&HeaderMap>) -> Option<GatewayError> {
        let headers = headers?;
        let message = headers.get(NATS_SERVICE_ERROR)?.as_str().to_owned();
        let code = headers
            .get(NATS_SERVICE_ERROR_CODE)
            .and_then(|code| code.as_str().parse().ok())
            .unwrap_or(500);
        Some(GatewayError::new(
            GatewayErrorKind::from_code(code),
            message,
        ))
    }
}

impl fmt::Display for GatewayErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}
