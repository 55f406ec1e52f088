//! The state of a WebSocket client's link to NapCat, shared by every call,
//! and how a call gets its request onto the current connection.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use tokio::sync::watch;
use tokio_tungstenite::tungstenite::Message;

use super::close::CloseReason;
use super::frame;
use super::pending::{PendingGuard, Waiter};
use super::session::Session;
use crate::error::Error;
use crate::transport::TransportRequest;

/// Where the link stands, as published to the calls.
#[derive(Clone)]
pub(crate) enum LinkState {
    /// Connecting or waiting to reconnect: calls wait.
    Connecting,
    /// Connected: calls go out on this session.
    Up(Arc<Session>),
    /// Gone for good: calls fail at once.
    Closed(CloseReason),
}

impl LinkState {
    pub(crate) fn describe(&self) -> &'static str {
        match self {
            LinkState::Connecting => "connecting",
            LinkState::Up(_) => "connected",
            LinkState::Closed(_) => "closed",
        }
    }
}

/// The calls' side of the link: the published state and the `echo`
/// counter.
pub(crate) struct Link {
    state: watch::Receiver<LinkState>,
    next_echo: AtomicU64,
}

impl Link {
    pub(crate) fn new(state: watch::Receiver<LinkState>) -> Self {
        Link {
            state,
            next_echo: AtomicU64::new(1),
        }
    }

    pub(crate) fn state(&self) -> LinkState {
        self.state.borrow().clone()
    }

    /// Sends `request` on the current connection, waiting for one if the
    /// link is (re)connecting, and registers its waiter under a fresh
    /// `echo`. The returned guard keeps the registration; dropping it
    /// abandons the call.
    pub(crate) async fn start<R>(
        &self,
        request: &TransportRequest,
        waiter: impl Fn() -> (Waiter, R),
    ) -> Result<(PendingGuard, R), Error> {
        let mut state = self.state.clone();
        loop {
            let session = current_session(&mut state)
                .await
                .map_err(|reason| reason.into_error(request.action.clone()))?;
            // Unique for the life of the client, so a late reply can never
            // be taken for the answer to a later call.
            let echo = self.next_echo.fetch_add(1, Ordering::Relaxed);
            // The call's span (see `Client::send`) correlates it with NapCat's logs.
            tracing::Span::current().record("echo", echo);
            let text = frame::encode_request(&request.action, &request.params, echo).map_err(
                |source| Error::Encode {
                    action: request.action.clone(),
                    source,
                },
            )?;
            let (waiter, receiver) = waiter();
            // Either failure means the connection ended before the request
            // went out, so it is safe to send it on the next one.
            if let Ok(guard) = session.pending().register(echo, waiter)
                && session.send(Message::text(text)).await
            {
                return Ok((guard, receiver));
            }
            if state.changed().await.is_err() {
                // The link is gone; its final state says why.
                continue;
            }
        }
    }
}

/// The session calls should use now, waiting while the link connects.
async fn current_session(
    state: &mut watch::Receiver<LinkState>,
) -> Result<Arc<Session>, CloseReason> {
    loop {
        match &*state.borrow_and_update() {
            LinkState::Up(session) if !session.is_closed() => return Ok(Arc::clone(session)),
            LinkState::Closed(reason) => return Err(reason.clone()),
            LinkState::Up(_) | LinkState::Connecting => {}
        }
        if state.changed().await.is_err() {
            // Nothing will change any more: only a final state is usable.
            return match &*state.borrow() {
                LinkState::Closed(reason) => Err(reason.clone()),
                LinkState::Up(session) if !session.is_closed() => Ok(Arc::clone(session)),
                LinkState::Up(_) | LinkState::Connecting => Err(CloseReason::CLOSED),
            };
        }
    }
}
