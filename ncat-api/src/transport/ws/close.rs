//! Why a WebSocket connection, or a client's whole link, ended.

use std::borrow::Cow;
use std::error::Error as StdError;
use std::sync::Arc;

use crate::error::{DisconnectReason, Error};

/// Why a connection, or the whole link, ended.
#[derive(Debug, Clone)]
pub(crate) enum CloseReason {
    /// The connection ended; the calls in flight fail with
    /// [`Error::Disconnected`] carrying why.
    Lost(DisconnectReason),
    /// NapCat rejected the token.
    Unauthorized,
    /// The link was never up and will not be retried: the last attempt's
    /// error.
    ConnectFailed(Arc<dyn StdError + Send + Sync>),
}

impl CloseReason {
    /// The peer closed the connection.
    pub(crate) const CLOSED: CloseReason = CloseReason::Lost(DisconnectReason::Closed);

    /// The error a call of `action` fails with.
    pub(crate) fn into_error(self, action: Cow<'static, str>) -> Error {
        match self {
            CloseReason::Lost(reason) => Error::disconnected_because(action, reason),
            CloseReason::Unauthorized => Error::unauthorized(action),
            CloseReason::ConnectFailed(source) => Error::transport(action, source),
        }
    }
}
