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
        // Connected, the common case: straight onto the session. A receiver
        // of the link's state of its own is made only to wait for a change.
        let mut connected = match &*self.state.borrow() {
            LinkState::Up(session) if !session.is_closed() => Some(Arc::clone(session)),
            _ => None,
        };
        let mut state = None;
        loop {
            let session = match connected.take() {
                Some(session) => session,
                None => current_session(state.get_or_insert_with(|| self.state.clone()))
                    .await
                    .map_err(|reason| reason.into_error(request.action.clone()))?,
            };
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
            let state = state.get_or_insert_with(|| self.state.clone());
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use std::borrow::Cow;
    use std::time::Duration;

    use futures_util::{FutureExt, StreamExt};
    use serde_json::value::RawValue;
    use tokio::io::DuplexStream;
    use tokio_tungstenite::WebSocketStream;
    use tokio_tungstenite::tungstenite::protocol::Role;

    use super::*;
    use crate::event::EventHub;
    use crate::transport::KeepAlive;
    use crate::transport::ws::pending::Waiter;
    use crate::transport::ws::settings::Settings;

    /// A session over an in-memory socket, and the server's end of it.
    async fn session() -> (Arc<Session>, WebSocketStream<DuplexStream>) {
        let (client, server) = tokio::io::duplex(1 << 16);
        let settings = Settings {
            max_reply_size: 1 << 16,
            stream_buffer: 1 << 16,
            keep_alive: KeepAlive::disabled(),
        };
        let client = WebSocketStream::from_raw_socket(client, Role::Client, None).await;
        let server = WebSocketStream::from_raw_socket(server, Role::Server, None).await;
        let (_hub, events) = EventHub::new(crate::event::EventBuffer::default());
        let (session, _task) = Session::spawn(client, settings, events);
        (session, server)
    }

    fn request() -> TransportRequest {
        TransportRequest {
            action: Cow::Borrowed("get_status"),
            params: RawValue::from_string("{}".to_owned()).unwrap(),
            timeout: Duration::from_secs(5),
        }
    }

    fn reply_waiter() -> (Waiter, ()) {
        let (sender, _receiver) = tokio::sync::oneshot::channel();
        (Waiter::Reply(sender), ())
    }

    #[tokio::test]
    async fn a_call_on_a_session_that_ended_under_it_waits_for_the_next() {
        let (ended, mut ended_server) = session().await;
        // Its calls are refused although the socket is still open: the
        // call must neither go out on it nor spin on it.
        ended.pending().close(CloseReason::CLOSED);
        let (state, receiver) = watch::channel(LinkState::Up(Arc::clone(&ended)));
        let link = Arc::new(Link::new(receiver));
        let call = tokio::spawn({
            let link = Arc::clone(&link);
            async move { link.start(&request(), reply_waiter).await.map(drop) }
        });
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert!(!call.is_finished(), "waits for the link to change");

        let (next, mut next_server) = session().await;
        state.send_replace(LinkState::Up(next));
        tokio::time::timeout(Duration::from_secs(5), call)
            .await
            .unwrap()
            .unwrap()
            .unwrap();
        let frame = next_server.next().await.unwrap().unwrap();
        assert!(
            frame
                .to_text()
                .unwrap()
                .contains(r#""action":"get_status""#)
        );
        assert!(
            ended_server.next().now_or_never().is_none(),
            "nothing went out on the session that had ended"
        );
    }
}
