//! The calls waiting for a reply on one WebSocket connection, by `echo`.

use std::borrow::Cow;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use rustc_hash::FxHashMap;
use tokio::sync::{mpsc, oneshot};
use tokio_tungstenite::tungstenite::Utf8Bytes;

use super::close::CloseReason;
use crate::envelope::{Envelope, Fields, Parsed};
use crate::error::Error;
use crate::transport::TransportReply;

/// What a waiting call receives: a reply, or why none will come.
pub(crate) type Delivery = Result<TransportReply, Failure>;

/// Why a call gets no (more) replies.
#[derive(Debug, Clone)]
pub(crate) enum Failure {
    /// The connection ended.
    Closed(CloseReason),
    /// A stream call's consumer fell more than `limit` bytes behind.
    Overflow { limit: usize },
}

impl Failure {
    /// The error a call of `action` fails with.
    pub(crate) fn into_error(self, action: Cow<'static, str>) -> Error {
        match self {
            Failure::Closed(reason) => reason.into_error(action),
            Failure::Overflow { limit } => Error::StreamOverflow { action, limit },
        }
    }
}

/// How a call wants its replies.
pub(crate) enum Waiter {
    /// One reply ends the call.
    Reply(oneshot::Sender<Delivery>),
    /// A stream action: every frame until the final one.
    Stream(StreamSender),
}

/// The connection's end of a stream call's frame buffer. The reader never
/// waits for a slow consumer (that would hold up every other call on the
/// socket); instead the buffer is bounded in bytes, and the stream fails
/// once its consumer falls that far behind.
pub(crate) struct StreamSender {
    frames: mpsc::UnboundedSender<Delivery>,
    buffered: Arc<AtomicUsize>,
    limit: usize,
}

/// The consumer's end of a stream call's frame buffer.
pub(crate) struct StreamReceiver {
    frames: mpsc::UnboundedReceiver<Delivery>,
    buffered: Arc<AtomicUsize>,
}

/// A stream call's buffer, holding at most `limit` bytes of frames (or one
/// frame, however large, when it is empty).
pub(crate) fn stream_buffer(limit: usize) -> (Waiter, StreamReceiver) {
    let (sender, frames) = mpsc::unbounded_channel();
    let buffered = Arc::new(AtomicUsize::new(0));
    let sender = StreamSender {
        frames: sender,
        buffered: Arc::clone(&buffered),
        limit,
    };
    (Waiter::Stream(sender), StreamReceiver { frames, buffered })
}

impl StreamReceiver {
    /// The next frame, or why none will come; `None` after the last.
    pub(crate) async fn recv(&mut self) -> Option<Delivery> {
        let delivery = self.frames.recv().await?;
        if let Ok(reply) = &delivery {
            self.buffered
                .fetch_sub(reply.body().len(), Ordering::Relaxed);
        }
        Some(delivery)
    }
}

impl StreamSender {
    /// Buffers `reply`, or reports that the buffer is full.
    fn push(&self, reply: TransportReply) -> Result<(), Failure> {
        let len = reply.body().len();
        let buffered = self.buffered.fetch_add(len, Ordering::Relaxed);
        if buffered > 0 && buffered + len > self.limit {
            self.buffered.fetch_sub(len, Ordering::Relaxed);
            let _ = self
                .frames
                .send(Err(Failure::Overflow { limit: self.limit }));
            return Err(Failure::Overflow { limit: self.limit });
        }
        // A consumer that dropped its stream is removed by its guard.
        let _ = self.frames.send(Ok(reply));
        Ok(())
    }
}

/// The pending calls of one connection. Once the connection ends the table
/// is closed: every waiter is told why, and no call can register any more.
#[derive(Default)]
pub(crate) struct PendingTable {
    state: Mutex<State>,
}

enum State {
    /// By echo id. The ids are this client's own counter, never a peer's
    /// choice, so a fast hash cannot be flooded.
    Open(FxHashMap<u64, Waiter>),
    Closed(CloseReason),
}

impl Default for State {
    fn default() -> Self {
        State::Open(FxHashMap::default())
    }
}

impl PendingTable {
    /// Registers a call under echo `id`. Fails with the close reason if the
    /// connection has already ended, so the request must not be sent on it.
    pub(crate) fn register(
        self: &Arc<Self>,
        id: u64,
        waiter: Waiter,
    ) -> Result<PendingGuard, CloseReason> {
        match &mut *self.lock() {
            State::Closed(reason) => return Err(reason.clone()),
            State::Open(waiters) => waiters.insert(id, waiter),
        };
        Ok(PendingGuard {
            table: Some(Arc::clone(self)),
            id,
        })
    }

    /// Hands the reply `frame` to the call waiting on echo `id`, malformed
    /// envelope or not: that call reports it. A single-reply call always
    /// ends; a stream call ends with its final frame. Returns `false`,
    /// handing nothing, when no call waits on `id`.
    ///
    /// `fields` are the frame's top-level fields if the reader has read
    /// them. Without them the frame goes unread to a single-reply call,
    /// which reads it; a stream call is then refused (`false`), since only
    /// a read frame tells whether more follow.
    ///
    /// A single-reply call gets its reply through `handover`, when that is
    /// flushed; a stream call's frames go at once.
    pub(crate) fn deliver(
        &self,
        id: u64,
        frame: &Utf8Bytes,
        fields: Option<&Fields<'_>>,
        handover: &mut Handover,
    ) -> bool {
        let envelope = fields.map(Fields::envelope);
        let mut state = self.lock();
        let State::Open(waiters) = &mut *state else {
            return false;
        };
        match (waiters.get(&id), &envelope) {
            (None, _) | (Some(Waiter::Stream(_)), None) => return false,
            // Only a stream call needs to know whether more frames follow:
            // it costs a look into `data`.
            (Some(Waiter::Stream(frames)), Some(Ok(parsed))) if parsed.is_partial_frame() => {
                if frames.push(shared_reply(frame, envelope)).is_err() {
                    waiters.remove(&id);
                }
                return true;
            }
            (Some(_), _) => {}
        }
        let waiter = waiters.remove(&id);
        drop(state);
        let reply = shared_reply(frame, envelope);
        match waiter {
            Some(Waiter::Reply(sender)) => handover.replies.push((sender, reply)),
            Some(Waiter::Stream(frames)) => {
                let _ = frames.push(reply);
            }
            None => {}
        }
        true
    }

    /// Ends the table: every waiting call fails with `reason`, and later
    /// registrations are refused.
    pub(crate) fn close(&self, reason: CloseReason) {
        let previous = std::mem::replace(&mut *self.lock(), State::Closed(reason.clone()));
        if let State::Open(waiters) = previous {
            for waiter in waiters.into_values() {
                let failure = Err(Failure::Closed(reason.clone()));
                match waiter {
                    Waiter::Reply(reply) => {
                        let _ = reply.send(failure);
                    }
                    Waiter::Stream(stream) => {
                        let _ = stream.frames.send(failure);
                    }
                }
            }
        }
    }

    /// How many calls are waiting.
    #[cfg(test)]
    fn len(&self) -> usize {
        match &*self.lock() {
            State::Open(waiters) => waiters.len(),
            State::Closed(_) => 0,
        }
    }

    fn forget(&self, id: u64) {
        if let State::Open(waiters) = &mut *self.lock() {
            waiters.remove(&id);
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // Every update is a single insert, remove or replace, so a panic
        // elsewhere cannot leave the table half-changed.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Replies routed to their calls but not handed over yet: the reader hands
/// over every reply it could read at once, when the socket has nothing
/// more for it. Waking each call as its reply is read spreads the wake-ups
/// out, and on a multi-thread runtime an idle worker is unparked (a
/// syscall each way) for nearly every one of them, to find a single call
/// to run; woken together, the calls are shared out by one unparking.
/// Whatever is left is handed over when the handover is dropped.
#[derive(Default)]
pub(crate) struct Handover {
    replies: Vec<(oneshot::Sender<Delivery>, TransportReply)>,
}

impl Handover {
    /// The most replies held back: a socket that never runs dry must not
    /// keep its calls waiting.
    const HELD: usize = 64;

    /// Hands every reply held to its call.
    pub(crate) fn flush(&mut self) {
        for (sender, reply) in self.replies.drain(..) {
            // A call that gave up in the meantime has dropped its receiver.
            let _ = sender.send(Ok(reply));
        }
    }

    /// Whether it holds as many replies as it should.
    pub(crate) fn is_full(&self) -> bool {
        self.replies.len() >= Self::HELD
    }
}

impl Drop for Handover {
    fn drop(&mut self) {
        self.flush();
    }
}

/// The reply in `frame`, with its envelope if it was read and well-formed.
fn shared_reply(
    frame: &Utf8Bytes,
    envelope: Option<Result<Parsed<'_>, serde_json::Error>>,
) -> TransportReply {
    TransportReply::read(
        frame.clone(),
        envelope.and_then(Result::ok).map(Envelope::keep),
    )
}

/// Removes its call from the table when dropped: a call that timed out or
/// was abandoned stops waiting, and a late reply to it is discarded.
pub(crate) struct PendingGuard {
    /// `None` once the call got its reply: the table already let it go.
    table: Option<Arc<PendingTable>>,
    id: u64,
}

impl PendingGuard {
    /// The call's final reply arrived, which removed it from the table:
    /// nothing is left to forget.
    pub(crate) fn answered(mut self) {
        self.table = None;
    }
}

impl Drop for PendingGuard {
    fn drop(&mut self) {
        if let Some(table) = &self.table {
            table.forget(self.id);
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use crate::envelope;

    fn reply_waiter() -> (Waiter, oneshot::Receiver<Delivery>) {
        let (sender, receiver) = oneshot::channel();
        (Waiter::Reply(sender), receiver)
    }

    fn deliver(table: &PendingTable, id: u64, text: &str) -> bool {
        let frame = Utf8Bytes::from(text);
        let fields = envelope::fields(&frame).unwrap();
        table.deliver(id, &frame, Some(&fields), &mut Handover::default())
    }

    /// Delivers an unread frame, handing it over at once.
    fn deliver_unread(table: &PendingTable, id: u64, frame: &Utf8Bytes) -> bool {
        table.deliver(id, frame, None, &mut Handover::default())
    }

    const OK: &str = r#"{"status":"ok","retcode":0,"data":1}"#;
    const CHUNK: &str = r#"{"status":"ok","retcode":0,"data":{"type":"stream","n":"xxxxxxxx"}}"#;
    const LAST: &str = r#"{"status":"ok","retcode":0,"data":{"type":"response"}}"#;

    #[test]
    fn a_reply_reaches_its_call_once() {
        let table = Arc::new(PendingTable::default());
        let (waiter, mut receiver) = reply_waiter();
        let guard = table.register(1, waiter).unwrap();
        assert!(!deliver(&table, 2, OK));
        assert!(deliver(&table, 1, OK));
        assert_eq!(receiver.try_recv().unwrap().unwrap().body(), OK);
        assert!(!deliver(&table, 1, OK));
        // Delivering removed the call; the guard has nothing left to do.
        assert_eq!(table.len(), 0);
        guard.answered();
    }

    #[tokio::test]
    async fn only_single_reply_calls_take_frames_unread() {
        let table = Arc::new(PendingTable::default());
        let (waiter, mut receiver) = reply_waiter();
        let guard = table.register(1, waiter).unwrap();
        let (stream, _frames) = stream_buffer(1 << 20);
        let _stream = table.register(2, stream).unwrap();
        let frame = Utf8Bytes::from(OK);
        assert!(!deliver_unread(&table, 3, &frame), "nobody waits on 3");
        assert!(
            !deliver_unread(&table, 2, &frame),
            "a stream call's frames must be read to know whether more follow"
        );
        assert_eq!(table.len(), 2);
        assert!(deliver_unread(&table, 1, &frame));
        let reply = receiver.try_recv().unwrap().unwrap();
        assert_eq!(reply.body(), OK);
        assert!(reply.envelope().is_none(), "left for the call to read");
        assert!(!deliver_unread(&table, 1, &frame), "delivered once");
        assert_eq!(table.len(), 1);
        guard.answered();
    }

    #[test]
    fn replies_wait_in_the_handover_until_it_is_flushed_or_dropped() {
        let table = Arc::new(PendingTable::default());
        let (first, mut first_reply) = reply_waiter();
        let (second, mut second_reply) = reply_waiter();
        let _first = table.register(1, first).unwrap();
        let _second = table.register(2, second).unwrap();
        let frame = Utf8Bytes::from(OK);
        let mut handover = Handover::default();
        assert!(table.deliver(1, &frame, None, &mut handover));
        assert!(first_reply.try_recv().is_err(), "held back");
        assert_eq!(table.len(), 1, "no longer waiting in the table");
        handover.flush();
        assert_eq!(first_reply.try_recv().unwrap().unwrap().body(), OK);
        assert!(table.deliver(2, &frame, None, &mut handover));
        drop(handover);
        assert_eq!(second_reply.try_recv().unwrap().unwrap().body(), OK);
    }

    #[test]
    fn a_full_handover_says_so() {
        let table = Arc::new(PendingTable::default());
        let frame = Utf8Bytes::from(OK);
        let mut handover = Handover::default();
        let mut receivers = Vec::new();
        for id in 0..Handover::HELD as u64 {
            assert!(!handover.is_full());
            let (waiter, receiver) = reply_waiter();
            let _guard = table.register(id, waiter).unwrap();
            receivers.push(receiver);
            assert!(table.deliver(id, &frame, None, &mut handover));
        }
        assert!(handover.is_full());
        handover.flush();
        assert!(!handover.is_full());
        for mut receiver in receivers {
            assert_eq!(receiver.try_recv().unwrap().unwrap().body(), OK);
        }
    }

    #[test]
    fn a_malformed_envelope_still_ends_its_call() {
        let table = Arc::new(PendingTable::default());
        let (waiter, mut receiver) = reply_waiter();
        let _guard = table.register(1, waiter).unwrap();
        assert!(deliver(&table, 1, r#"{"status":"ok"}"#));
        let reply = receiver.try_recv().unwrap().unwrap();
        assert!(reply.envelope().is_none());
        assert_eq!(table.len(), 0);
    }

    #[test]
    fn dropping_the_guard_forgets_the_call() {
        let table = Arc::new(PendingTable::default());
        let (waiter, _receiver) = reply_waiter();
        let guard = table.register(1, waiter).unwrap();
        assert_eq!(table.len(), 1);
        drop(guard);
        assert_eq!(table.len(), 0);
        assert!(!deliver(&table, 1, OK));
    }

    #[tokio::test]
    async fn stream_calls_stay_until_the_final_frame() {
        let table = Arc::new(PendingTable::default());
        let (waiter, mut frames) = stream_buffer(1 << 20);
        let _guard = table.register(7, waiter).unwrap();
        assert!(deliver(&table, 7, CHUNK));
        assert!(deliver(&table, 7, LAST));
        assert!(!deliver(&table, 7, LAST));
        assert_eq!(frames.recv().await.unwrap().unwrap().body(), CHUNK);
        assert_eq!(frames.recv().await.unwrap().unwrap().body(), LAST);
        assert!(
            frames.recv().await.is_none(),
            "the sender is gone after the final frame"
        );
        assert_eq!(frames.buffered.load(Ordering::Relaxed), 0);
    }

    #[tokio::test]
    async fn a_stream_too_far_behind_fails_alone_and_its_buffer_stays_bounded() {
        let table = Arc::new(PendingTable::default());
        let limit = 3 * CHUNK.len();
        let (waiter, mut frames) = stream_buffer(limit);
        let _guard = table.register(7, waiter).unwrap();
        let (other, mut reply) = reply_waiter();
        let _other = table.register(8, other).unwrap();
        for _ in 0..3 {
            assert!(deliver(&table, 7, CHUNK));
            assert!(frames.buffered.load(Ordering::Relaxed) <= limit);
        }
        assert!(
            deliver(&table, 7, CHUNK),
            "the overflowing frame ends the stream"
        );
        assert!(!deliver(&table, 7, CHUNK), "later frames are dropped");
        assert!(deliver(&table, 8, OK), "other calls are unaffected");
        assert!(reply.try_recv().unwrap().is_ok());
        for _ in 0..3 {
            assert!(frames.recv().await.unwrap().is_ok());
        }
        assert!(matches!(
            frames.recv().await.unwrap(),
            Err(Failure::Overflow { limit: l }) if l == limit
        ));
        assert!(frames.recv().await.is_none());
    }

    #[test]
    fn one_frame_larger_than_the_buffer_gets_through_an_empty_buffer() {
        let table = Arc::new(PendingTable::default());
        let (waiter, _frames) = stream_buffer(1);
        let _guard = table.register(7, waiter).unwrap();
        assert!(deliver(&table, 7, CHUNK));
        assert_eq!(table.len(), 1);
    }

    #[test]
    fn closing_fails_every_call_and_refuses_new_ones() {
        let table = Arc::new(PendingTable::default());
        let (waiter, mut receiver) = reply_waiter();
        let _guard = table.register(1, waiter).unwrap();
        table.close(CloseReason::CLOSED);
        assert!(matches!(
            receiver.try_recv().unwrap(),
            Err(Failure::Closed(CloseReason::Lost(_)))
        ));
        let (waiter, _receiver) = reply_waiter();
        assert!(table.register(2, waiter).is_err());
    }
}
