//! NapCat's WebSocket API: one connection shared by every call, replies
//! matched to calls by `echo`, events passed on to the client's event
//! stream.
//!
//! A forward client dials NapCat (`network.websocketServers`) and keeps the
//! link up ([`forward`]); the reverse server (`crate::reverse`) wraps each
//! connection NapCat opens to the bot. Both hand calls to a [`Session`],
//! which owns one socket.

mod address;
mod close;
mod connect;
mod forward;
mod frame;
mod handshake;
mod link;
mod pending;
mod session;
mod settings;
mod trailing_echo;

use std::fmt;
use std::sync::{Arc, Mutex, PoisonError, Weak};

use tokio::io::{AsyncRead, AsyncWrite};
use tokio::sync::{oneshot, watch};
use tokio_tungstenite::WebSocketStream;

use self::close::CloseReason;
use self::connect::Target;
use self::link::{Link, LinkState};
use self::pending::Waiter;
use self::session::Session;
pub(crate) use self::settings::Settings;
use super::reconnect::Reconnect;
use super::{BoxFuture, ReplyStream, Transport, TransportReply, TransportRequest};
use crate::error::Error;
use crate::event::EventSink;

/// Calls actions over a NapCat WebSocket.
pub(crate) struct WsTransport {
    link: Arc<Link>,
    /// The byte limit of each stream call's frame buffer.
    stream_buffer: usize,
    /// Where the socket goes, for `Debug`; never holds credentials.
    peer: String,
    /// The last session seen and how many were seen, for
    /// [`Transport::connection`]. The `Weak` keeps the session's memory,
    /// so a later session cannot reuse its address and pass for it.
    sessions_seen: Mutex<(Weak<Session>, u64)>,
}

impl WsTransport {
    /// A client of NapCat's WebSocket server at `url` (`ws://` or `wss://`),
    /// connecting in the background on the current Tokio runtime.
    pub(crate) fn connect(
        url: &str,
        token: Option<&str>,
        reconnect: Reconnect,
        settings: Settings,
        events: EventSink,
    ) -> Result<Self, Error> {
        let target = Target::new(url, token, settings.websocket_config())?;
        let peer = connect::redacted_target(&target);
        let state = forward::spawn(target, reconnect, settings, events)?;
        Ok(WsTransport::new(Link::new(state), settings, peer))
    }

    /// A transport over one socket that is already open (NapCat connected
    /// to the bot), configured with `settings.websocket_config()`. Calls
    /// fail with [`Error::Disconnected`] once it closes.
    pub(crate) fn over_socket<S>(
        socket: WebSocketStream<S>,
        settings: Settings,
        events: EventSink,
        peer: String,
    ) -> Self
    where
        S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
    {
        let (session, mut task) = Session::spawn(socket, settings, events);
        let (state, receiver) = watch::channel(LinkState::Up(session));
        tokio::spawn(async move {
            let reason = tokio::select! {
                reason = &mut task => reason.unwrap_or(CloseReason::CLOSED),
                () = state.closed() => {
                    task.abort();
                    return;
                }
            };
            state.send_replace(LinkState::Closed(reason));
        });
        WsTransport::new(Link::new(receiver), settings, peer)
    }

    fn new(link: Link, settings: Settings, peer: String) -> Self {
        WsTransport {
            link: Arc::new(link),
            stream_buffer: settings.stream_buffer,
            peer,
            sessions_seen: Mutex::new((Weak::new(), 0)),
        }
    }
}

impl Transport for WsTransport {
    fn send(&self, request: TransportRequest) -> BoxFuture<'static, Result<TransportReply, Error>> {
        let link = Arc::clone(&self.link);
        Box::pin(async move {
            let (guard, reply) = link
                .start(&request, || {
                    let (sender, receiver) = oneshot::channel();
                    (Waiter::Reply(sender), receiver)
                })
                .await?;
            // On the wire now: a call waiting for its reply keeps only the name.
            drop(request.params);
            match reply.await {
                Ok(Ok(reply)) => {
                    guard.answered();
                    Ok(reply)
                }
                Ok(Err(failure)) => Err(failure.into_error(request.action)),
                Err(_closed) => Err(Error::disconnected(request.action)),
            }
        })
    }

    fn send_stream(
        &self,
        request: TransportRequest,
    ) -> BoxFuture<'static, Result<ReplyStream, Error>> {
        let link = Arc::clone(&self.link);
        let limit = self.stream_buffer;
        Box::pin(async move {
            let (guard, frames) = link
                .start(&request, || pending::stream_buffer(limit))
                .await?;
            // The guard lives as long as the stream: dropping the stream
            // forgets the call, and later frames are discarded.
            let state = (frames, guard, request.action);
            let stream =
                futures_util::stream::unfold(state, |(mut frames, guard, action)| async move {
                    let item = frames
                        .recv()
                        .await?
                        .map_err(|failure| failure.into_error(action.clone()));
                    Some((item, (frames, guard, action)))
                });
            let stream: ReplyStream = Box::pin(stream);
            Ok(stream)
        })
    }

    /// Counts the sessions (sockets) calls went over: each reconnection
    /// is a new one.
    fn connection(&self) -> Option<u64> {
        let session = match self.link.state() {
            LinkState::Up(session) if !session.is_closed() => session,
            _ => return None,
        };
        let mut seen = self
            .sessions_seen
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if !Weak::ptr_eq(&seen.0, &Arc::downgrade(&session)) {
            *seen = (Arc::downgrade(&session), seen.1 + 1);
        }
        Some(seen.1)
    }
}

impl fmt::Debug for WsTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WsTransport")
            .field("peer", &self.peer)
            .field("state", &self.link.state().describe())
            .finish()
    }
}
