//! Noticing a NapCat that stopped answering without closing the socket.

use std::time::Duration;

use tokio::time::{self, Instant, Interval, MissedTickBehavior};

/// How a WebSocket connection notices that NapCat (or the network to it)
/// is gone although the socket never closed: a crashed host, a dropped
/// NAT mapping, a hung process.
///
/// Whenever nothing has arrived for `interval`, the client sends a
/// WebSocket ping (NapCat answers every ping with a pong). Every frame
/// counts as a sign of life: replies, events (NapCat's `heartbeat` meta
/// events included) and pongs. Once nothing at all has arrived for
/// `timeout`, the connection is declared dead: the calls waiting on it
/// fail with [`Error::Disconnected`](crate::Error::Disconnected) (reason
/// [`DisconnectReason::Unresponsive`](crate::DisconnectReason::Unresponsive)),
/// and a forward client reconnects with its [`Reconnect`](crate::Reconnect)
/// backoff. Silence is checked every `interval`, so a dead peer is noticed
/// between `timeout` and `timeout + interval` after its last frame.
///
/// The default pings after 15 s of silence and gives up after 45 s, so a
/// silent NapCat is declared gone within 60 s.
///
/// ```
/// use std::time::Duration;
///
/// use ncat_api::{Client, KeepAlive};
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), ncat_api::Error> {
/// let client = Client::builder()
///     .url("ws://127.0.0.1:3001")
///     .keep_alive(KeepAlive::new(Duration::from_secs(5), Duration::from_secs(20)))
///     .build()?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeepAlive {
    /// `(interval, timeout)`; `None`: never ping, never give up.
    checks: Option<(Duration, Duration)>,
}

impl KeepAlive {
    /// Pings after `interval` of silence and declares the connection dead
    /// after `timeout` of silence (a `timeout` below `interval` counts as
    /// `interval`; a zero `interval` counts as 1 ms).
    pub const fn new(interval: Duration, timeout: Duration) -> Self {
        KeepAlive {
            checks: Some((interval, timeout)),
        }
    }

    /// Never pings and never declares a silent connection dead: calls on a
    /// dead link still fail, one by one, at their timeout.
    pub const fn disabled() -> Self {
        KeepAlive { checks: None }
    }

    /// Whether the connection is checked at all.
    pub const fn is_enabled(&self) -> bool {
        self.checks.is_some()
    }

    /// How often silence is checked, and after how much of it the
    /// connection is dead; `None` when disabled.
    pub(crate) fn checks(self) -> Option<(Duration, Duration)> {
        let (interval, timeout) = self.checks?;
        let interval = interval.max(Duration::from_millis(1));
        Some((interval, timeout.max(interval)))
    }
}

impl Default for KeepAlive {
    fn default() -> Self {
        KeepAlive::new(Duration::from_secs(15), Duration::from_secs(45))
    }
}

/// A connection's keep-alive clock: wakes every `interval` and judges the
/// silence since the previous wake by a count of frames received, so
/// receiving costs one atomic increment and no clock read.
pub(crate) struct Watchdog {
    timer: Option<(Interval, Duration, Duration)>,
    frames_seen: u64,
    silent_for: Duration,
}

/// What the watchdog makes of the silence so far.
pub(crate) enum Verdict {
    /// Something arrived since the last check.
    Alive,
    /// Nothing arrived for a while: ask with a ping.
    Ping,
    /// Nothing arrived for the whole timeout.
    Dead(Duration),
}

impl Watchdog {
    pub(crate) fn new(keep_alive: KeepAlive) -> Self {
        let timer = keep_alive.checks().map(|(interval, timeout)| {
            let mut timer = time::interval_at(Instant::now() + interval, interval);
            timer.set_missed_tick_behavior(MissedTickBehavior::Delay);
            (timer, interval, timeout)
        });
        Watchdog {
            timer,
            frames_seen: 0,
            silent_for: Duration::ZERO,
        }
    }

    /// Waits for the next check (forever when disabled), then judges the
    /// silence, given how many frames have been received in all.
    pub(crate) async fn check(&mut self, frames_seen: impl FnOnce() -> u64) -> Verdict {
        let Some((timer, interval, timeout)) = &mut self.timer else {
            return std::future::pending().await;
        };
        timer.tick().await;
        let seen = frames_seen();
        if seen != self.frames_seen {
            self.frames_seen = seen;
            self.silent_for = Duration::ZERO;
            return Verdict::Alive;
        }
        self.silent_for += *interval;
        if self.silent_for >= *timeout {
            Verdict::Dead(self.silent_for)
        } else {
            Verdict::Ping
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeouts_are_at_least_one_interval() {
        let second = Duration::from_secs(1);
        assert_eq!(
            KeepAlive::new(2 * second, second).checks(),
            Some((2 * second, 2 * second))
        );
        assert_eq!(KeepAlive::disabled().checks(), None);
        let (interval, timeout) = KeepAlive::default().checks().unwrap_or_default();
        assert!(interval + timeout <= Duration::from_secs(60));
    }
}
