//! The per-action script: which [`MockReply`] the next call of an action gets.

use std::collections::{HashMap, VecDeque};
use std::sync::{Mutex, PoisonError};

use crate::reply::MockReply;

/// Scripted replies for every action, shared between the test and the server.
#[derive(Debug, Default)]
pub(crate) struct Script {
    actions: Mutex<HashMap<String, ActionScript>>,
}

#[derive(Debug, Default)]
struct ActionScript {
    /// One-shot replies, oldest first; each is used once, all before `persistent`.
    once: VecDeque<MockReply>,
    persistent: Option<MockReply>,
}

impl Script {
    /// Makes `reply` the answer to every later call of `action`, replacing the previous one.
    pub(crate) fn on(&self, action: String, reply: MockReply) {
        self.with_actions(|actions| actions.entry(action).or_default().persistent = Some(reply));
    }

    /// Queues `reply` for a single call of `action`.
    pub(crate) fn on_once(&self, action: String, reply: MockReply) {
        self.with_actions(|actions| actions.entry(action).or_default().once.push_back(reply));
    }

    /// Takes the scripted reply for a call of `action`: the oldest queued one-shot reply, else
    /// the persistent one; `None` when the action is unscripted.
    pub(crate) fn next_reply(&self, action: &str) -> Option<MockReply> {
        self.with_actions(|actions| {
            let script = actions.get_mut(action)?;
            script
                .once
                .pop_front()
                .or_else(|| script.persistent.clone())
        })
    }

    fn with_actions<T>(&self, f: impl FnOnce(&mut HashMap<String, ActionScript>) -> T) -> T {
        // A panic elsewhere while holding the lock cannot leave the map half-updated (every
        // update is a single insert or pop), so a poisoned lock is still safe to use.
        let mut actions = self.actions.lock().unwrap_or_else(PoisonError::into_inner);
        f(&mut actions)
    }
}
