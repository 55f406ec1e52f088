//! Keeping a forward WebSocket to NapCat open: connect, run the connection
//! until it ends, wait, connect again.

use std::sync::Arc;

use tokio::sync::watch;

use super::close::CloseReason;
use super::connect::{Target, redacted_target};
use super::handshake::ConnectError;
use super::link::LinkState;
use super::session::Session;
use super::settings::Settings;
use crate::error::{DisconnectReason, Error};
use crate::event::EventSink;
use crate::transport::reconnect::Reconnect;

/// Starts maintaining the link on the current Tokio runtime; the returned
/// receiver follows its state. The task stops once every receiver is gone.
pub(crate) fn spawn(
    target: Target,
    reconnect: Reconnect,
    settings: Settings,
    events: EventSink,
) -> Result<watch::Receiver<LinkState>, Error> {
    let runtime = tokio::runtime::Handle::try_current()
        .map_err(|_| Error::config("a WebSocket client must be built inside a Tokio runtime"))?;
    let (state, receiver) = watch::channel(LinkState::Connecting);
    runtime.spawn(maintain(target, reconnect, settings, state, events));
    Ok(receiver)
}

async fn maintain(
    target: Target,
    reconnect: Reconnect,
    settings: Settings,
    state: watch::Sender<LinkState>,
    events: EventSink,
) {
    let url = redacted_target(&target);
    let mut backoff = reconnect.backoff();
    let mut connected_once = false;
    loop {
        let attempt = tokio::select! {
            () = state.closed() => return,
            attempt = target.connect() => attempt,
        };
        let ended = match attempt {
            Ok(socket) => {
                tracing::info!(%url, "connected to NapCat");
                backoff.reset();
                connected_once = true;
                let (session, mut task) = Session::spawn(socket, settings, events.clone());
                state.send_replace(LinkState::Up(session));
                tokio::select! {
                    () = state.closed() => {
                        task.abort();
                        return;
                    }
                    reason = &mut task => reason.unwrap_or(CloseReason::CLOSED),
                }
            }
            Err(ConnectError::Unauthorized) => CloseReason::Unauthorized,
            Err(ConnectError::Failed(error)) => {
                tracing::warn!(%url, %error, "could not connect to NapCat");
                if connected_once {
                    CloseReason::Lost(DisconnectReason::Broken(Arc::from(error)))
                } else {
                    CloseReason::ConnectFailed(Arc::from(error))
                }
            }
        };
        // A wrong token will not become right by retrying.
        let delay = match ended {
            CloseReason::Unauthorized => None,
            CloseReason::Lost(_) | CloseReason::ConnectFailed(_) => backoff.next_delay(),
        };
        let Some(delay) = delay else {
            tracing::warn!(%url, reason = ?ended, "not reconnecting to NapCat");
            state.send_replace(LinkState::Closed(ended));
            return;
        };
        tracing::info!(%url, ?delay, "reconnecting to NapCat after a pause");
        state.send_replace(LinkState::Connecting);
        tokio::select! {
            () = state.closed() => return,
            () = tokio::time::sleep(delay) => {}
        }
    }
}
