//! [`Per`]: what cooldowns and one-at-a-time handling are counted per.

use crate::context::EventContext;

/// What a cooldown or a one-at-a-time policy is kept per.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Per {
    /// Each user, wherever they write.
    User,
    /// Each chat: a group, or a private chat with one user.
    Chat,
    /// One for the whole bot.
    Global,
}

/// The key of one user, chat or the whole bot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Key {
    User(i64),
    Group(i64),
    Global,
}

impl Per {
    /// The key `cx` counts against; `None` when the event has no such
    /// owner (a meta event counted per user).
    pub(crate) fn key(self, cx: &EventContext) -> Option<Key> {
        match self {
            Per::User => cx.user_id().map(|user| Key::User(user.get())),
            Per::Chat => match cx.group_id() {
                Some(group) => Some(Key::Group(group.get())),
                None => cx.user_id().map(|user| Key::User(user.get())),
            },
            Per::Global => Some(Key::Global),
        }
    }
}
