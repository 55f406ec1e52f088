//! Every open WebSocket of the mock, so a test can reach them all: push events, send raw frames,
//! cut them, or have their replies shuffled.

use std::collections::HashMap;
use std::future::Future;
use std::hash::{BuildHasher, RandomState};
use std::sync::{Mutex, MutexGuard, PoisonError};

use tokio::sync::mpsc;
use tokio::task::JoinSet;

/// What a session is told to do.
#[derive(Debug)]
pub(crate) enum Command {
    /// Send this text frame.
    Send(String),
    /// Cut the connection without a close frame.
    Disconnect,
}

pub(crate) type Commands = mpsc::UnboundedSender<Command>;

/// The open sessions and the tasks running them.
#[derive(Debug, Default)]
pub(crate) struct Hub {
    state: Mutex<State>,
    tasks: Mutex<JoinSet<()>>,
}

#[derive(Debug, Default)]
struct State {
    sessions: HashMap<u64, Session>,
    next_id: u64,
    /// Replies held back to be sent in shuffled order.
    shuffle: Option<Shuffle>,
}

#[derive(Debug)]
struct Session {
    commands: Commands,
    /// Whether it gets events (every path but `/api`).
    universal: bool,
}

#[derive(Debug)]
struct Shuffle {
    /// How many more replies to hold before releasing them all.
    remaining: usize,
    held: Vec<(Commands, Vec<Command>)>,
}

impl Hub {
    /// Runs a session's task; [`shutdown`](Self::shutdown) ends it.
    pub(crate) fn spawn(&self, session: impl Future<Output = ()> + Send + 'static) {
        let mut tasks = lock(&self.tasks);
        // Reap finished sessions so a long-lived mock does not pile them up.
        while tasks.try_join_next().is_some() {}
        tasks.spawn(session);
    }

    /// Adds a session; it is removed when the returned id is passed to
    /// [`unregister`](Self::unregister).
    pub(crate) fn register(&self, commands: Commands, universal: bool) -> u64 {
        let mut state = lock(&self.state);
        let id = state.next_id;
        state.next_id += 1;
        state.sessions.insert(
            id,
            Session {
                commands,
                universal,
            },
        );
        id
    }

    pub(crate) fn unregister(&self, id: u64) {
        lock(&self.state).sessions.remove(&id);
    }

    /// How many sessions are open.
    pub(crate) fn count(&self) -> usize {
        lock(&self.state).sessions.len()
    }

    /// Sends `text` to every session that gets events; returns how many.
    pub(crate) fn push_event(&self, text: &str) -> usize {
        self.each(
            |session| session.universal,
            || Command::Send(text.to_owned()),
        )
    }

    /// Sends `text` to every session; returns how many.
    pub(crate) fn send_frame(&self, text: &str) -> usize {
        self.each(|_| true, || Command::Send(text.to_owned()))
    }

    /// Cuts every session; returns how many.
    pub(crate) fn disconnect_all(&self) -> usize {
        self.each(|_| true, || Command::Disconnect)
    }

    /// Holds the next `count` replies (on any session) and then sends them all at once, in
    /// random order.
    pub(crate) fn shuffle_next(&self, count: usize) {
        lock(&self.state).shuffle = (count > 0).then(|| Shuffle {
            remaining: count,
            held: Vec::new(),
        });
    }

    /// Sends one reply (its frames, in order) to the session behind `commands`, or holds it for
    /// shuffling.
    pub(crate) fn reply(&self, commands: &Commands, frames: Vec<Command>) {
        let release = {
            let mut state = lock(&self.state);
            let Some(shuffle) = state.shuffle.as_mut() else {
                drop(state);
                send_all(commands, frames);
                return;
            };
            shuffle.held.push((commands.clone(), frames));
            shuffle.remaining -= 1;
            if shuffle.remaining > 0 {
                return;
            }
            state.shuffle.take().map(|shuffle| shuffle.held)
        };
        let mut held = release.unwrap_or_default();
        shuffle(&mut held);
        for (commands, frames) in held {
            send_all(&commands, frames);
        }
    }

    /// Cuts every session and waits for their tasks to end.
    pub(crate) async fn shutdown(&self) {
        self.disconnect_all();
        let mut tasks = std::mem::take(&mut *lock(&self.tasks));
        tasks.shutdown().await;
    }

    /// Ends every session task at once, without waiting.
    pub(crate) fn abort_all(&self) {
        lock(&self.tasks).abort_all();
    }

    fn each(&self, wanted: impl Fn(&Session) -> bool, command: impl Fn() -> Command) -> usize {
        let state = lock(&self.state);
        state
            .sessions
            .values()
            .filter(|session| wanted(session))
            .filter(|session| session.commands.send(command()).is_ok())
            .count()
    }
}

fn send_all(commands: &Commands, frames: Vec<Command>) {
    for frame in frames {
        // A session that is gone has no use for its reply.
        let _ = commands.send(frame);
    }
}

/// Fisher–Yates, driven by `RandomState`'s random keys (no RNG crate needed for a test double).
fn shuffle<T>(items: &mut [T]) {
    let random = RandomState::new();
    for i in (1..items.len()).rev() {
        let j = (random.hash_one(i) % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // Every update is a single insert, remove or take, so a lock poisoned by a panic elsewhere
    // is still consistent.
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shuffling_keeps_every_item() {
        let mut items: Vec<u32> = (0..1000).collect();
        shuffle(&mut items);
        assert_ne!(
            items,
            (0..1000).collect::<Vec<_>>(),
            "1000 items stayed in order"
        );
        items.sort_unstable();
        assert_eq!(items, (0..1000).collect::<Vec<_>>());
    }

    #[test]
    fn shuffled_replies_are_held_until_the_count_is_reached() {
        let hub = Hub::default();
        let (commands, mut received) = mpsc::unbounded_channel();
        hub.shuffle_next(3);
        hub.reply(&commands, vec![Command::Send("a".into())]);
        hub.reply(&commands, vec![Command::Send("b".into())]);
        assert!(received.try_recv().is_err());
        hub.reply(&commands, vec![Command::Send("c".into())]);
        let mut texts = Vec::new();
        while let Ok(Command::Send(text)) = received.try_recv() {
            texts.push(text);
        }
        texts.sort();
        assert_eq!(texts, ["a", "b", "c"]);
        hub.reply(&commands, vec![Command::Send("d".into())]);
        assert!(matches!(received.try_recv(), Ok(Command::Send(text)) if text == "d"));
    }
}
