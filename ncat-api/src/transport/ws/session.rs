//! One open WebSocket to NapCat: a writer sending request frames, a reader
//! routing replies to their calls by `echo` and events to the event stream.

use std::sync::Arc;

use futures_util::{SinkExt, StreamExt};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::Message;

use super::frame::{self, Incoming};
use super::link::CloseReason;
use super::pending::PendingTable;
use crate::event::EventSink;

/// Request frames queued for the writer. Small: a full queue makes callers
/// wait, which is the backpressure a slow socket should exert.
const OUTGOING_QUEUE: usize = 64;

/// How much of an unreadable frame to quote in the log.
const LOGGED_EXCERPT: usize = 120;

/// The handle calls use to send on one connection.
pub(crate) struct Session {
    pending: Arc<PendingTable>,
    outgoing: mpsc::Sender<Message>,
}

impl Session {
    /// Runs `socket` in a task until it closes; the task's result says why.
    /// When it ends, every call still waiting fails with that reason.
    pub(crate) fn spawn<S>(
        socket: WebSocketStream<S>,
        events: EventSink,
    ) -> (Arc<Session>, JoinHandle<CloseReason>)
    where
        S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
    {
        let pending = Arc::new(PendingTable::default());
        let (outgoing, queued) = mpsc::channel(OUTGOING_QUEUE);
        let task = tokio::spawn(run(socket, Arc::clone(&pending), queued, events));
        (Arc::new(Session { pending, outgoing }), task)
    }

    pub(crate) fn pending(&self) -> &Arc<PendingTable> {
        &self.pending
    }

    /// Queues a frame; `false` if the connection has ended.
    pub(crate) async fn send(&self, message: Message) -> bool {
        self.outgoing.send(message).await.is_ok()
    }

    /// Whether the connection has ended.
    pub(crate) fn is_closed(&self) -> bool {
        self.outgoing.is_closed()
    }
}

async fn run<S>(
    socket: WebSocketStream<S>,
    pending: Arc<PendingTable>,
    mut queued: mpsc::Receiver<Message>,
    events: EventSink,
) -> CloseReason
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let (mut sink, mut stream) = socket.split();
    let write = async {
        while let Some(message) = queued.recv().await {
            if let Err(error) = sink.send(message).await {
                tracing::debug!(%error, "writing to NapCat's WebSocket failed");
                return;
            }
        }
        // Every sender is gone: the client was dropped. Say goodbye.
        let _ = sink.close().await;
    };
    let read = async {
        loop {
            let text = match stream.next().await {
                Some(Ok(Message::Text(text))) => text,
                Some(Ok(Message::Binary(bytes))) => match String::from_utf8(bytes.into()) {
                    Ok(text) => text.into(),
                    Err(_) => {
                        tracing::warn!("ignored a binary WebSocket frame that is not UTF-8");
                        continue;
                    }
                },
                Some(Ok(Message::Close(_))) | None => return CloseReason::Disconnected,
                Some(Ok(Message::Ping(_) | Message::Pong(_) | Message::Frame(_))) => continue,
                Some(Err(error)) => {
                    tracing::debug!(%error, "reading NapCat's WebSocket failed");
                    return CloseReason::Disconnected;
                }
            };
            if let Some(reason) = route(text.as_str(), &pending, &events) {
                return reason;
            }
        }
    };
    let reason = tokio::select! {
        reason = read => reason,
        () = write => CloseReason::Disconnected,
    };
    pending.close(reason.clone());
    tracing::debug!(?reason, "NapCat WebSocket connection ended");
    reason
}

/// Hands one frame to whoever waits for it. Returns why the connection must
/// end, if it must.
fn route(text: &str, pending: &PendingTable, events: &EventSink) -> Option<CloseReason> {
    match frame::classify(text) {
        Incoming::Event => events.publish(text),
        Incoming::Reply { echo, is_final } => {
            if !pending.deliver(&echo, text.to_owned(), is_final) {
                tracing::debug!(
                    echo = %echo,
                    "dropped a reply no call is waiting for (it timed out or was abandoned, \
                     or the echo is not one this client sent)"
                );
            }
        }
        Incoming::TokenRejected => {
            tracing::error!("NapCat rejected the access token (retcode 1403)");
            return Some(CloseReason::Unauthorized);
        }
        Incoming::ReplyWithoutEcho { retcode } => {
            tracing::warn!(
                retcode,
                excerpt = excerpt(text),
                "dropped a reply without a string echo (NapCat could not read a request)"
            );
        }
        Incoming::Unrecognised => {
            tracing::warn!(
                excerpt = excerpt(text),
                "ignored a WebSocket frame that is neither an event nor a reply"
            );
        }
        Incoming::NotJson => {
            tracing::warn!(
                excerpt = excerpt(text),
                "ignored a WebSocket frame that is not JSON"
            );
        }
    }
    None
}

/// The start of `text`, cut at a character boundary.
fn excerpt(text: &str) -> &str {
    let mut end = text.len().min(LOGGED_EXCERPT);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_cut_at_character_boundaries() {
        assert_eq!(excerpt("short"), "short");
        let long = "令".repeat(100);
        let cut = excerpt(&long);
        assert!(cut.len() <= LOGGED_EXCERPT);
        assert!(long.starts_with(cut));
    }
}
