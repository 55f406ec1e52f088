//! [`Tasks`]: background work a handler starts, tracked for shutdown.

use std::future::Future;

use tokio::task::JoinHandle;
use tokio_util::sync::{CancellationToken, WaitForCancellationFuture};
use tokio_util::task::TaskTracker;

use crate::context::EventContext;
use crate::extract::{FromEvent, Rejection};

/// Spawns background tasks that the bot's graceful shutdown waits for, and
/// tells them when the bot is shutting down.
///
/// ```
/// use std::time::Duration;
/// use ncat_bot::Tasks;
/// use ncat_api::event::Lifecycle;
///
/// async fn start_ticker(_: Lifecycle, tasks: Tasks) {
///     let stop = tasks.clone();
///     tasks.spawn(async move {
///         loop {
///             tokio::select! {
///                 () = stop.shutting_down() => break,
///                 () = tokio::time::sleep(Duration::from_secs(60)) => { /* a minute passed */ }
///             }
///         }
///     });
/// }
/// ```
#[derive(Debug, Clone)]
pub struct Tasks {
    tracker: TaskTracker,
    shutdown: CancellationToken,
}

impl Tasks {
    /// Spawns `task` on the current runtime; the bot's shutdown waits for it.
    pub fn spawn<F>(&self, task: F) -> JoinHandle<F::Output>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        self.tracker.spawn(task)
    }

    /// Completes when the bot starts shutting down: end the task then.
    pub fn shutting_down(&self) -> WaitForCancellationFuture<'_> {
        self.shutdown.cancelled()
    }

    /// Whether the bot is shutting down.
    pub fn is_shutting_down(&self) -> bool {
        self.shutdown.is_cancelled()
    }
}

impl<S> FromEvent<S> for Tasks {
    fn from_event(cx: &EventContext, _: &S) -> Result<Self, Rejection> {
        let runtime = &cx.shared().runtime;
        Ok(Tasks {
            tracker: runtime.tasks.clone(),
            shutdown: runtime.shutdown.clone(),
        })
    }
}
