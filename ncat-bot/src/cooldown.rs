//! [`Cooldown`]: how often a handler may run, per user, chat or bot, with
//! governor's keyed rate limiter.

use std::num::NonZeroU32;
use std::sync::OnceLock;
use std::time::Duration;

use governor::middleware::NoOpMiddleware;
use governor::nanos::Nanos;
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{Quota, RateLimiter};

use crate::clock::BotClock;
use crate::context::EventContext;
use crate::extract::Rejection;
use crate::key::{Key, Per};

type Limiter = RateLimiter<Key, DefaultKeyedStateStore<Key>, BotClock, NoOpMiddleware<Nanos>>;

/// A limit on how often a route's handler runs; see
/// [`Route::cooldown`](crate::Route::cooldown).
///
/// ```
/// use std::time::Duration;
/// use ncat_bot::Cooldown;
///
/// // Once every 10 seconds per user, answering when hit.
/// let cooldown = Cooldown::per_user(Duration::from_secs(10)).reply("slow down");
/// // Three quick uses per group, then one every minute.
/// let burst = Cooldown::per_chat(Duration::from_secs(60)).burst(3);
/// ```
#[derive(Debug)]
pub struct Cooldown {
    per: Per,
    quota: Quota,
    reply: Option<String>,
    /// Made on first use, with the router's clock.
    limiter: OnceLock<Limiter>,
}

impl Cooldown {
    /// At most once every `every` for each user.
    pub fn per_user(every: Duration) -> Self {
        Cooldown::new(Per::User, every)
    }

    /// At most once every `every` in each chat (group or private chat).
    pub fn per_chat(every: Duration) -> Self {
        Cooldown::new(Per::Chat, every)
    }

    /// At most once every `every` for the whole bot.
    pub fn global(every: Duration) -> Self {
        Cooldown::new(Per::Global, every)
    }

    /// At most once every `every` per `per`. A zero `every` limits nothing.
    pub fn new(per: Per, every: Duration) -> Self {
        Cooldown::with_quota(
            per,
            Quota::with_period(every).unwrap_or(Quota::per_second(NonZeroU32::MAX)),
        )
    }

    /// Any governor [`Quota`] per `per`.
    pub fn with_quota(per: Per, quota: Quota) -> Self {
        Cooldown {
            per,
            quota,
            reply: None,
            limiter: OnceLock::new(),
        }
    }

    /// Allows `burst` uses in quick succession before the cooldown applies
    /// (default 1; 0 counts as 1).
    #[must_use]
    pub fn burst(mut self, burst: u32) -> Self {
        self.quota = self
            .quota
            .allow_burst(NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN));
        self
    }

    /// Answers `text` when the cooldown is hit (default: silence).
    #[must_use]
    pub fn reply(mut self, text: impl Into<String>) -> Self {
        self.reply = Some(text.into());
        self
    }

    /// Takes one use for the event's key; the rejection when none is left.
    pub(crate) fn take(&self, cx: &EventContext) -> Result<(), Rejection> {
        let Some(key) = cx.key(self.per) else {
            return Ok(());
        };
        let limiter = self.limiter.get_or_init(|| {
            RateLimiter::new(
                self.quota,
                DefaultKeyedStateStore::default(),
                cx.shared().clock.clone(),
            )
        });
        match limiter.check_key(&key) {
            Ok(()) => Ok(()),
            Err(_) => Err(match &self.reply {
                Some(text) => Rejection::Reply(text.clone()),
                None => Rejection::Silent,
            }),
        }
    }
}
