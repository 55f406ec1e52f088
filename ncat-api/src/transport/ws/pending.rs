//! The calls waiting for a reply on one WebSocket connection, by `echo`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use tokio::sync::{mpsc, oneshot};

use super::link::CloseReason;

/// What a waiting call receives: a reply envelope's text, or why none will
/// come.
pub(crate) type Delivery = Result<String, CloseReason>;

/// How a call wants its replies.
pub(crate) enum Waiter {
    /// One reply ends the call.
    Reply(oneshot::Sender<Delivery>),
    /// A stream action: every frame until the final one. Unbounded because
    /// the connection's reader must never wait on one slow consumer.
    Stream(mpsc::UnboundedSender<Delivery>),
}

/// The pending calls of one connection. Once the connection ends the table
/// is closed: every waiter is told why, and no call can register any more.
#[derive(Default)]
pub(crate) struct PendingTable {
    state: Mutex<State>,
}

enum State {
    Open(HashMap<String, Waiter>),
    Closed(CloseReason),
}

impl Default for State {
    fn default() -> Self {
        State::Open(HashMap::new())
    }
}

impl PendingTable {
    /// Registers a call under `echo`. Fails with the close reason if the
    /// connection has already ended, so the request must not be sent on it.
    pub(crate) fn register(
        self: &Arc<Self>,
        echo: String,
        waiter: Waiter,
    ) -> Result<PendingGuard, CloseReason> {
        let mut state = self.lock();
        let waiters = match &mut *state {
            State::Closed(reason) => return Err(reason.clone()),
            State::Open(waiters) => waiters,
        };
        waiters.insert(echo.clone(), waiter);
        Ok(PendingGuard {
            table: Arc::clone(self),
            echo,
        })
    }

    /// Hands a reply to the call waiting on `echo`. `is_final` says whether
    /// it ends a stream call (a single-reply call always ends). Returns
    /// `false` when no call waits on `echo`.
    pub(crate) fn deliver(&self, echo: &str, body: String, is_final: bool) -> bool {
        let mut state = self.lock();
        let State::Open(waiters) = &mut *state else {
            return false;
        };
        let Some(waiter) = waiters.get(echo) else {
            return false;
        };
        match waiter {
            Waiter::Stream(frames) if !is_final => {
                // A consumer that dropped its stream is removed by its guard.
                let _ = frames.send(Ok(body));
            }
            Waiter::Stream(_) | Waiter::Reply(_) => match waiters.remove(echo) {
                Some(Waiter::Reply(reply)) => {
                    let _ = reply.send(Ok(body));
                }
                Some(Waiter::Stream(frames)) => {
                    let _ = frames.send(Ok(body));
                }
                None => {}
            },
        }
        true
    }

    /// Ends the table: every waiting call fails with `reason`, and later
    /// registrations are refused.
    pub(crate) fn close(&self, reason: CloseReason) {
        let previous = std::mem::replace(&mut *self.lock(), State::Closed(reason.clone()));
        if let State::Open(waiters) = previous {
            for waiter in waiters.into_values() {
                match waiter {
                    Waiter::Reply(reply) => {
                        let _ = reply.send(Err(reason.clone()));
                    }
                    Waiter::Stream(frames) => {
                        let _ = frames.send(Err(reason.clone()));
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

    fn forget(&self, echo: &str) {
        if let State::Open(waiters) = &mut *self.lock() {
            waiters.remove(echo);
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // Every update is a single insert, remove or replace, so a panic
        // elsewhere cannot leave the table half-changed.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Removes its call from the table when dropped: a call that timed out or
/// was abandoned stops waiting, and a late reply to it is discarded.
pub(crate) struct PendingGuard {
    table: Arc<PendingTable>,
    echo: String,
}

impl Drop for PendingGuard {
    fn drop(&mut self) {
        self.table.forget(&self.echo);
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    fn reply_waiter() -> (Waiter, oneshot::Receiver<Delivery>) {
        let (sender, receiver) = oneshot::channel();
        (Waiter::Reply(sender), receiver)
    }

    #[test]
    fn a_reply_reaches_its_call_once() {
        let table = Arc::new(PendingTable::default());
        let (waiter, mut receiver) = reply_waiter();
        let _guard = table.register("1".into(), waiter).unwrap();
        assert!(!table.deliver("2", "other".into(), true));
        assert!(table.deliver("1", "body".into(), true));
        assert_eq!(receiver.try_recv().unwrap().unwrap(), "body");
        assert!(!table.deliver("1", "again".into(), true));
    }

    #[test]
    fn dropping_the_guard_forgets_the_call() {
        let table = Arc::new(PendingTable::default());
        let (waiter, _receiver) = reply_waiter();
        let guard = table.register("1".into(), waiter).unwrap();
        assert_eq!(table.len(), 1);
        drop(guard);
        assert_eq!(table.len(), 0);
        assert!(!table.deliver("1", "late".into(), true));
    }

    #[test]
    fn stream_calls_stay_until_the_final_frame() {
        let table = Arc::new(PendingTable::default());
        let (sender, mut frames) = mpsc::unbounded_channel();
        let _guard = table.register("s".into(), Waiter::Stream(sender)).unwrap();
        assert!(table.deliver("s", "a".into(), false));
        assert!(table.deliver("s", "b".into(), true));
        assert!(!table.deliver("s", "c".into(), true));
        assert_eq!(frames.try_recv().unwrap().unwrap(), "a");
        assert_eq!(frames.try_recv().unwrap().unwrap(), "b");
        assert!(
            frames.try_recv().is_err(),
            "the sender is gone after the final frame"
        );
    }

    #[test]
    fn closing_fails_every_call_and_refuses_new_ones() {
        let table = Arc::new(PendingTable::default());
        let (waiter, mut receiver) = reply_waiter();
        let _guard = table.register("1".into(), waiter).unwrap();
        table.close(CloseReason::Disconnected);
        assert!(matches!(
            receiver.try_recv().unwrap(),
            Err(CloseReason::Disconnected)
        ));
        let (waiter, _receiver) = reply_waiter();
        assert!(table.register("2".into(), waiter).is_err());
    }
}
