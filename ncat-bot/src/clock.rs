//! The bot's clock: Tokio's time in a running bot, a clock the test harness
//! moves by hand in tests.
//!
//! Cooldowns and conversation timeouts read this clock rather than Tokio's
//! directly. A test cannot use Tokio's paused clock for them: while the
//! client waits on the mock NapCat's socket the runtime is idle, so a paused
//! clock jumps ahead and fires the client's own call timeouts.

use std::sync::Arc;
use std::time::Duration;

use governor::clock::Clock as GovernorClock;
use governor::nanos::Nanos;
use tokio::sync::watch;

/// What cooldowns and conversation timeouts measure time with.
#[derive(Debug, Clone)]
pub(crate) enum BotClock {
    /// Tokio's clock, from `origin`.
    Tokio { origin: tokio::time::Instant },
    /// A clock that moves only by [`ManualClock::advance`].
    // Made only by the test harness.
    #[cfg_attr(not(feature = "test-harness"), allow(dead_code))]
    Manual(ManualClock),
}

impl Default for BotClock {
    fn default() -> Self {
        BotClock::Tokio {
            origin: tokio::time::Instant::now(),
        }
    }
}

impl BotClock {
    /// Time since the clock started.
    pub(crate) fn elapsed(&self) -> Duration {
        match self {
            BotClock::Tokio { origin } => origin.elapsed(),
            BotClock::Manual(manual) => *manual.now.borrow(),
        }
    }

    /// Completes once `deadline` (time since the clock started) is reached.
    pub(crate) async fn sleep_until(&self, deadline: Duration) {
        match self {
            BotClock::Tokio { origin } => tokio::time::sleep_until(*origin + deadline).await,
            BotClock::Manual(manual) => {
                let mut now = manual.now.subscribe();
                // The sender lives in the clock itself, so it never closes
                // while `self` is borrowed here.
                let _ = now.wait_for(|now| *now >= deadline).await;
            }
        }
    }
}

impl GovernorClock for BotClock {
    type Instant = Nanos;

    fn now(&self) -> Nanos {
        Nanos::from(self.elapsed())
    }
}

/// A clock that stands still until [`advance`](Self::advance)d: the test
/// harness's clock for cooldowns and conversation timeouts.
#[derive(Debug, Clone)]
pub struct ManualClock {
    now: Arc<watch::Sender<Duration>>,
}

impl Default for ManualClock {
    fn default() -> Self {
        ManualClock {
            now: Arc::new(watch::Sender::new(Duration::ZERO)),
        }
    }
}

impl ManualClock {
    /// Moves the clock forward by `by`, waking what waits for that time.
    pub fn advance(&self, by: Duration) {
        self.now.send_modify(|now| *now += by);
    }

    /// Time since the clock started.
    pub fn elapsed(&self) -> Duration {
        *self.now.borrow()
    }
}
