//! One open WebSocket to NapCat: a writer sending request frames in
//! batches, a reader routing replies to their calls by `echo` and events to
//! the event stream, and a watchdog noticing a peer gone silent.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use futures_util::stream::SplitSink;
use futures_util::{SinkExt, StreamExt};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::error::CapacityError;
use tokio_tungstenite::tungstenite::{self, Bytes, Message, Utf8Bytes};

use super::close::CloseReason;
use super::frame::{self, Incoming};
use super::pending::{Handover, PendingTable};
use super::settings::Settings;
use super::trailing_echo::trailing_echo;
use crate::error::DisconnectReason;
use crate::event::EventSink;
use crate::transport::keep_alive::{Verdict, Watchdog};

/// Request frames queued for the writer. Small: a full queue makes callers
/// wait, which is the backpressure a slow socket should exert. Also the
/// largest batch written with one flush.
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
        settings: Settings,
        events: EventSink,
    ) -> (Arc<Session>, JoinHandle<CloseReason>)
    where
        S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
    {
        let pending = Arc::new(PendingTable::default());
        let (outgoing, queued) = mpsc::channel(OUTGOING_QUEUE);
        let task = tokio::spawn(run(socket, settings, Arc::clone(&pending), queued, events));
        (Arc::new(Session { pending, outgoing }), task)
    }

    pub(crate) fn pending(&self) -> &Arc<PendingTable> {
        &self.pending
    }

    /// Queues a frame, waiting while the queue is full; `false` if the
    /// connection has ended.
    pub(crate) async fn send(&self, message: Message) -> bool {
        // Room in the queue is the common case: take it without the
        // machinery of waiting for it.
        let message = match self.outgoing.try_send(message) {
            Ok(()) => return true,
            Err(mpsc::error::TrySendError::Closed(_)) => return false,
            Err(mpsc::error::TrySendError::Full(message)) => message,
        };
        self.outgoing.send(message).await.is_ok()
    }

    /// Whether the connection has ended.
    pub(crate) fn is_closed(&self) -> bool {
        self.outgoing.is_closed()
    }
}

async fn run<S>(
    socket: WebSocketStream<S>,
    settings: Settings,
    pending: Arc<PendingTable>,
    mut queued: mpsc::Receiver<Message>,
    events: EventSink,
) -> CloseReason
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let (mut sink, mut stream) = socket.split();
    // Counted by the reader, judged by the watchdog in the writer.
    let frames_seen = AtomicU64::new(0);
    // Set while the reader waits for a slow event stream (backpressure):
    // nothing is read then, so silence says nothing about NapCat.
    let paused = AtomicBool::new(false);
    let write = write(
        &mut sink,
        &mut queued,
        Watchdog::new(settings.keep_alive),
        &frames_seen,
        &paused,
    );
    let read = async {
        // Dropped (handing over what it holds) when reading ends.
        let mut handover = Handover::default();
        loop {
            if !events.has_room() {
                handover.flush();
                paused.store(true, Ordering::Relaxed);
                events.room().await;
                paused.store(false, Ordering::Relaxed);
            }
            if handover.is_full() {
                handover.flush();
            }
            // The replies read so far go to their calls once nothing more
            // can be read now.
            let message = std::future::poll_fn(|cx| {
                let next = stream.poll_next_unpin(cx);
                if next.is_pending() {
                    handover.flush();
                }
                next
            })
            .await;
            frames_seen.fetch_add(1, Ordering::Relaxed);
            let text = match message {
                Some(Ok(Message::Text(text))) => text,
                Some(Ok(Message::Binary(bytes))) => match Utf8Bytes::try_from(bytes) {
                    Ok(text) => text,
                    Err(_) => {
                        tracing::warn!("ignored a binary WebSocket frame that is not UTF-8");
                        continue;
                    }
                },
                Some(Ok(Message::Close(_))) | None => return CloseReason::CLOSED,
                Some(Ok(Message::Ping(_) | Message::Pong(_) | Message::Frame(_))) => continue,
                Some(Err(error)) => return read_failed(error, settings.max_reply_size),
            };
            if let Some(reason) = route(&text, &pending, &events, &mut handover) {
                return reason;
            }
        }
    };
    let reason = tokio::select! {
        reason = read => reason,
        reason = write => reason,
    };
    pending.close(reason.clone());
    tracing::debug!(?reason, "NapCat WebSocket connection ended");
    reason
}

/// Writes queued frames, every frame queued so far with one flush, and
/// pings when the watchdog asks. Returns why the connection must end.
async fn write<S>(
    sink: &mut SplitSink<WebSocketStream<S>, Message>,
    queued: &mut mpsc::Receiver<Message>,
    mut watchdog: Watchdog,
    frames_seen: &AtomicU64,
    paused: &AtomicBool,
) -> CloseReason
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let mut batch = Vec::with_capacity(OUTGOING_QUEUE);
    loop {
        tokio::select! {
            biased;
            received = queued.recv_many(&mut batch, OUTGOING_QUEUE) => {
                if received == 0 {
                    // Every sender is gone: the client was dropped. Say goodbye.
                    let _ = sink.close().await;
                    return CloseReason::CLOSED;
                }
                for message in batch.drain(..) {
                    if let Err(error) = sink.feed(message).await {
                        return write_failed(error);
                    }
                }
                if let Err(error) = sink.flush().await {
                    return write_failed(error);
                }
            }
            verdict = watchdog.check(|| seen_or_paused(frames_seen, paused)) => match verdict {
                Verdict::Alive => {}
                Verdict::Ping => {
                    if let Err(error) = sink.send(Message::Ping(Bytes::new())).await {
                        return write_failed(error);
                    }
                }
                Verdict::Dead(silent_for) => {
                    tracing::warn!(?silent_for, "NapCat stopped answering; dropping the connection");
                    return CloseReason::Lost(DisconnectReason::Unresponsive { silent_for });
                }
            },
        }
    }
}

/// The count of frames received, for the watchdog; one more at every
/// check while the reader is paused, which counts as life.
fn seen_or_paused(frames_seen: &AtomicU64, paused: &AtomicBool) -> u64 {
    if paused.load(Ordering::Relaxed) {
        frames_seen.fetch_add(1, Ordering::Relaxed) + 1
    } else {
        frames_seen.load(Ordering::Relaxed)
    }
}

/// Why reading ended the connection.
fn read_failed(error: tungstenite::Error, max_reply_size: usize) -> CloseReason {
    tracing::debug!(%error, "reading NapCat's WebSocket failed");
    CloseReason::Lost(match error {
        tungstenite::Error::Capacity(CapacityError::MessageTooLong { .. }) => {
            tracing::warn!(
                limit = max_reply_size,
                "NapCat sent a message over the size limit; closing the connection"
            );
            DisconnectReason::MessageTooLarge {
                limit: max_reply_size,
            }
        }
        tungstenite::Error::ConnectionClosed | tungstenite::Error::AlreadyClosed => {
            DisconnectReason::Closed
        }
        error => DisconnectReason::Broken(Arc::new(error)),
    })
}

/// Why writing ended the connection.
fn write_failed(error: tungstenite::Error) -> CloseReason {
    tracing::debug!(%error, "writing to NapCat's WebSocket failed");
    CloseReason::Lost(match error {
        tungstenite::Error::ConnectionClosed | tungstenite::Error::AlreadyClosed => {
            DisconnectReason::Closed
        }
        error => DisconnectReason::Broken(Arc::new(error)),
    })
}

/// Hands one frame to whoever waits for it. Returns why the connection must
/// end, if it must.
fn route(
    text: &Utf8Bytes,
    pending: &PendingTable,
    events: &EventSink,
    handover: &mut Handover,
) -> Option<CloseReason> {
    // The common frames are read once: a reply by the call it answers,
    // found by the echo NapCat writes last; an event by the event stream.
    let echo = trailing_echo(text);
    if let Some(id) = echo {
        if pending.deliver(id, text, None, handover) {
            return None;
        }
    } else {
        // The replies read before an event reach their calls before it
        // reaches the event stream, as they were read.
        handover.flush();
        if events.publish_if_event(text) {
            return None;
        }
    }
    match frame::classify(text) {
        Incoming::Event => {
            handover.flush();
            events.publish(text);
        }
        Incoming::Reply { echo, fields } => {
            let delivered = frame::echo_id(&echo)
                .is_some_and(|id| pending.deliver(id, text, Some(&fields), handover));
            if !delivered {
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
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use std::pin::Pin;
    use std::sync::atomic::AtomicUsize;
    use std::task::{Context, Poll};

    use tokio::io::{DuplexStream, ReadBuf};
    use tokio_tungstenite::tungstenite::protocol::Role;

    use super::*;
    use crate::event::EventHub;
    use crate::transport::KeepAlive;

    /// A socket that counts the writes reaching it.
    struct CountingSocket {
        inner: DuplexStream,
        writes: Arc<AtomicUsize>,
    }

    impl AsyncRead for CountingSocket {
        fn poll_read(
            mut self: Pin<&mut Self>,
            cx: &mut Context<'_>,
            buf: &mut ReadBuf<'_>,
        ) -> Poll<std::io::Result<()>> {
            Pin::new(&mut self.inner).poll_read(cx, buf)
        }
    }

    impl AsyncWrite for CountingSocket {
        fn poll_write(
            mut self: Pin<&mut Self>,
            cx: &mut Context<'_>,
            buf: &[u8],
        ) -> Poll<std::io::Result<usize>> {
            self.writes.fetch_add(1, Ordering::Relaxed);
            Pin::new(&mut self.inner).poll_write(cx, buf)
        }

        fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
            Pin::new(&mut self.inner).poll_flush(cx)
        }

        fn poll_shutdown(
            mut self: Pin<&mut Self>,
            cx: &mut Context<'_>,
        ) -> Poll<std::io::Result<()>> {
            Pin::new(&mut self.inner).poll_shutdown(cx)
        }
    }

    #[tokio::test]
    async fn frames_queued_together_go_out_in_one_write() {
        let (client, server) = tokio::io::duplex(1 << 20);
        let writes = Arc::new(AtomicUsize::new(0));
        let socket = CountingSocket {
            inner: client,
            writes: Arc::clone(&writes),
        };
        let settings = Settings {
            max_reply_size: 1 << 20,
            stream_buffer: 1 << 20,
            keep_alive: KeepAlive::disabled(),
        };
        let socket = WebSocketStream::from_raw_socket(
            socket,
            Role::Client,
            Some(settings.websocket_config()),
        )
        .await;
        let (_hub, events) = EventHub::new(crate::event::EventBuffer::default());
        let (session, _task) = Session::spawn(socket, settings, events);
        // The session's task has not run yet (one thread): all ten wait.
        for i in 0..10 {
            assert!(session.send(Message::text(format!("frame {i}"))).await);
        }
        let mut server = WebSocketStream::from_raw_socket(server, Role::Server, None).await;
        for i in 0..10 {
            let frame = server.next().await.unwrap().unwrap();
            assert_eq!(frame, Message::text(format!("frame {i}")));
        }
        assert_eq!(writes.load(Ordering::Relaxed), 1, "one write for the batch");

        // A lone frame is not held back waiting for company.
        assert!(session.send(Message::text("alone")).await);
        assert_eq!(
            server.next().await.unwrap().unwrap(),
            Message::text("alone")
        );
        assert_eq!(writes.load(Ordering::Relaxed), 2);
    }

    #[test]
    fn excerpts_cut_at_character_boundaries() {
        assert_eq!(excerpt("short"), "short");
        let long = "令".repeat(100);
        let cut = excerpt(&long);
        assert!(cut.len() <= LOGGED_EXCERPT);
        assert!(long.starts_with(cut));
    }
}
