//! [`Shared`]: what a router's clones and every event they route share, its
//! configuration and its runtime.

use std::collections::HashMap;
use std::fmt;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};

use ncat_api::UserId;
use tokio::sync::watch;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

use crate::activity::Activity;
use crate::clock::BotClock;
use crate::command::{CommandSpec, Prefix};
use crate::failure::{ErrorHook, log_error};
use crate::key::{Key, Per};
use crate::waiters::Waiters;

/// What every clone of a router shares while it runs.
#[derive(Debug, Clone)]
pub(crate) struct Runtime {
    pub(crate) waiters: Arc<Waiters>,
    pub(crate) tasks: TaskTracker,
    pub(crate) shutdown: CancellationToken,
    pub(crate) activity: Arc<watch::Sender<Activity>>,
    pub(crate) serial: Arc<Mutex<HashMap<Key, Arc<tokio::sync::Mutex<()>>>>>,
}

impl Default for Runtime {
    fn default() -> Self {
        let activity = Arc::new(watch::Sender::new(Activity::default()));
        Runtime {
            waiters: Arc::new(Waiters::new(Arc::clone(&activity))),
            tasks: TaskTracker::new(),
            shutdown: CancellationToken::new(),
            activity,
            serial: Arc::default(),
        }
    }
}

/// The router's configuration and runtime, shared with every event.
#[derive(Clone)]
pub(crate) struct Shared {
    pub(crate) prefixes: Vec<Prefix>,
    pub(crate) owners: Vec<UserId>,
    pub(crate) help: bool,
    pub(crate) serial: Option<Per>,
    pub(crate) clock: BotClock,
    pub(crate) on_error: ErrorHook,
    pub(crate) commands: Vec<&'static CommandSpec>,
    pub(crate) plugins: Vec<(String, Arc<AtomicBool>)>,
    pub(crate) runtime: Runtime,
}

impl fmt::Debug for Shared {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Shared")
            .field("prefixes", &self.prefixes)
            .field("owners", &self.owners)
            .field("help", &self.help)
            .field("serial", &self.serial)
            .field("commands", &self.commands.len())
            .finish_non_exhaustive()
    }
}

/// A new router's: commands start with `/`, no owners, `help` answered,
/// every event at once, errors to `tracing`.
impl Default for Shared {
    fn default() -> Self {
        Shared {
            prefixes: vec![Prefix::from("/")],
            owners: Vec::new(),
            help: true,
            serial: None,
            clock: BotClock::default(),
            on_error: Arc::new(log_error),
            commands: Vec::new(),
            plugins: Vec::new(),
            runtime: Runtime::default(),
        }
    }
}
