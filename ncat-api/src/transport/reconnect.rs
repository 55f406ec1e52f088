//! When a WebSocket client dials NapCat again after losing it.

use std::time::Duration;

/// How a WebSocket [`Client`](crate::Client) reconnects after its
/// connection to NapCat closes or cannot be opened.
///
/// The default retries forever, waiting 500 ms after the first failure and
/// doubling the wait up to 30 s; a successful connection resets the wait.
/// Calls made while the client is reconnecting wait for the connection,
/// up to their timeout. A rejected token is never retried.
///
/// ```
/// use std::time::Duration;
///
/// use ncat_api::{Client, Reconnect};
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), ncat_api::Error> {
/// let client = Client::builder()
///     .url("ws://127.0.0.1:3001")
///     .reconnect(Reconnect::exponential(Duration::from_secs(1), Duration::from_secs(60)))
///     .build()?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reconnect {
    /// `None`: never reconnect.
    delays: Option<(Duration, Duration)>,
}

impl Reconnect {
    /// Retries forever: `initial` after the first failure, doubling up to
    /// `max` (a `max` below `initial` counts as `initial`).
    pub const fn exponential(initial: Duration, max: Duration) -> Self {
        Reconnect {
            delays: Some((initial, max)),
        }
    }

    /// Never reconnects: once the connection is lost (or the first one
    /// fails), every call fails with [`Error::Disconnected`](crate::Error::Disconnected)
    /// (or the connection error) and the event stream ends.
    pub const fn disabled() -> Self {
        Reconnect { delays: None }
    }

    /// Whether the client reconnects at all.
    pub const fn is_enabled(&self) -> bool {
        self.delays.is_some()
    }

    pub(crate) fn backoff(self) -> Backoff {
        Backoff {
            reconnect: self,
            next: None,
        }
    }
}

impl Default for Reconnect {
    fn default() -> Self {
        Reconnect::exponential(Duration::from_millis(500), Duration::from_secs(30))
    }
}

/// The waits between attempts, growing from one failure to the next.
#[derive(Debug)]
pub(crate) struct Backoff {
    reconnect: Reconnect,
    /// The wait after the next failure; `None` until the first one.
    next: Option<Duration>,
}

impl Backoff {
    /// How long to wait before the next attempt, or `None` when reconnecting
    /// is disabled.
    pub(crate) fn next_delay(&mut self) -> Option<Duration> {
        let (initial, max) = self.reconnect.delays?;
        let delay = self.next.unwrap_or(initial);
        self.next = Some(delay.saturating_mul(2).min(max.max(initial)));
        Some(delay)
    }

    /// A connection succeeded: start again from the initial wait.
    pub(crate) fn reset(&mut self) {
        self.next = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MS: Duration = Duration::from_millis(1);

    #[test]
    fn waits_double_up_to_the_maximum_and_reset_after_success() {
        let mut backoff = Reconnect::exponential(100 * MS, 350 * MS).backoff();
        let delays: Vec<_> = (0..5).filter_map(|_| backoff.next_delay()).collect();
        assert_eq!(delays, [100 * MS, 200 * MS, 350 * MS, 350 * MS, 350 * MS]);
        backoff.reset();
        assert_eq!(backoff.next_delay(), Some(100 * MS));
    }

    #[test]
    fn a_maximum_below_the_initial_wait_keeps_the_initial_wait() {
        let mut backoff = Reconnect::exponential(100 * MS, 10 * MS).backoff();
        assert_eq!(backoff.next_delay(), Some(100 * MS));
        assert_eq!(backoff.next_delay(), Some(100 * MS));
    }

    #[test]
    fn disabled_never_waits() {
        assert!(!Reconnect::disabled().is_enabled());
        assert_eq!(Reconnect::disabled().backoff().next_delay(), None);
        assert!(Reconnect::default().is_enabled());
    }
}
