//! [`Per`] and its keys: what cooldowns and one-at-a-time handling are
//! counted per.

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
