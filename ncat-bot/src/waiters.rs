//! [`Waiters`]: the handlers waiting in a conversation, and handing them
//! the messages they wait for.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use ncat_api::event::{Event, MessageEvent};
use ncat_api::{GroupId, UserId};
use tokio::sync::{oneshot, watch};

use crate::activity::Activity;

/// The messages handlers wait for. A message one of them takes is not
/// routed.
#[derive(Debug)]
pub(crate) struct Waiters {
    waiting: Mutex<Vec<Waiter>>,
    next_id: AtomicU64,
    /// How many wait: the test harness reads it to know when a bot is idle.
    activity: Arc<watch::Sender<Activity>>,
}

/// A test of a message, beside being in the right chat from the right user.
pub(crate) type Accept = Box<dyn Fn(&MessageEvent) -> bool + Send>;

/// One handler waiting for a message.
pub(crate) struct Waiter {
    pub(crate) id: u64,
    pub(crate) self_id: UserId,
    pub(crate) group: Option<GroupId>,
    /// `None`: anyone in the chat.
    pub(crate) user: Option<UserId>,
    /// The private chat's user, for a private wait.
    pub(crate) chat_user: UserId,
    pub(crate) accept: Option<Accept>,
    /// Time on the bot's clock when the wait ends.
    // Read by `expire`, which only the test harness's clock needs.
    #[cfg_attr(not(feature = "test-harness"), allow(dead_code))]
    pub(crate) deadline: Duration,
    pub(crate) deliver: oneshot::Sender<MessageEvent>,
}

impl std::fmt::Debug for Waiter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Waiter")
            .field("id", &self.id)
            .field("group", &self.group)
            .field("user", &self.user)
            .finish_non_exhaustive()
    }
}

impl Waiter {
    fn wants(&self, message: &MessageEvent) -> bool {
        let same_chat = match self.group {
            Some(group) => message.group_id() == Some(group),
            None => message.group_id().is_none() && message.user_id() == self.chat_user,
        };
        same_chat
            && message.self_id() == self.self_id
            && self.user.is_none_or(|user| user == message.user_id())
            && self.accept.as_ref().is_none_or(|accept| accept(message))
    }
}

impl Waiters {
    pub(crate) fn new(activity: Arc<watch::Sender<Activity>>) -> Self {
        Waiters {
            waiting: Mutex::new(Vec::new()),
            next_id: AtomicU64::new(0),
            activity,
        }
    }

    fn lock(&self) -> MutexGuard<'_, Vec<Waiter>> {
        // Pushes and removals cannot leave the list half-changed.
        self.waiting.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn count_changed(&self, waiting: &[Waiter]) {
        let count = waiting.len();
        self.activity
            .send_if_modified(|activity| std::mem::replace(&mut activity.waiting, count) != count);
    }

    /// Hands `event` to the first handler waiting for it; `true` if one
    /// took it (it is then not routed).
    pub(crate) fn offer(&self, event: &Event) -> bool {
        let Event::Message(message) = event else {
            return false;
        };
        let mut waiting = self.lock();
        if waiting.is_empty() {
            return false;
        }
        let Some(index) = waiting.iter().position(|waiter| waiter.wants(message)) else {
            return false;
        };
        let waiter = waiting.remove(index);
        self.count_changed(&waiting);
        // A waiter whose handler just gave up leaves the message to routing.
        waiter.deliver.send(message.clone()).is_ok()
    }

    /// Ends every wait whose deadline is at or before `now` (the test
    /// harness's clock moved).
    #[cfg_attr(not(feature = "test-harness"), allow(dead_code))]
    pub(crate) fn expire(&self, now: Duration) {
        let mut waiting = self.lock();
        waiting.retain(|waiter| waiter.deadline > now);
        self.count_changed(&waiting);
    }

    /// Adds a wait, made from its new id; returns the id.
    pub(crate) fn add(&self, waiter: impl FnOnce(u64) -> Waiter) -> u64 {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let mut waiting = self.lock();
        waiting.push(waiter(id));
        self.count_changed(&waiting);
        id
    }

    /// Takes wait `id` off the list.
    pub(crate) fn remove(&self, id: u64) {
        let mut waiting = self.lock();
        waiting.retain(|waiter| waiter.id != id);
        self.count_changed(&waiting);
    }
}
