//! [`Plugins`]: switching plugins off and on while the bot runs.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::context::EventContext;
use crate::extract::{FromEvent, Rejection};
use crate::shared::Shared;

/// The plugins of a router ([`Router::plugin`](crate::Router::plugin)),
/// to switch off and on while the bot runs; from
/// [`Router::plugins`](crate::Router::plugins) or as a handler argument.
/// A plugin switched off takes no events; its waiting conversations and
/// background tasks go on.
#[derive(Debug, Clone)]
pub struct Plugins {
    switches: Vec<(String, Arc<AtomicBool>)>,
}

impl Plugins {
    pub(crate) fn new(shared: &Shared) -> Self {
        Plugins {
            switches: shared.plugins.clone(),
        }
    }

    fn switch(&self, name: &str) -> Option<&AtomicBool> {
        self.switches
            .iter()
            .find(|(plugin, _)| plugin == name)
            .map(|(_, switch)| &**switch)
    }

    /// Switches plugin `name` on or off; `false` if there is no such plugin.
    pub fn set_enabled(&self, name: &str, enabled: bool) -> bool {
        self.switch(name)
            .map(|switch| switch.store(enabled, Ordering::Relaxed))
            .is_some()
    }

    /// Whether plugin `name` is on; `None` if there is no such plugin.
    pub fn is_enabled(&self, name: &str) -> Option<bool> {
        self.switch(name)
            .map(|switch| switch.load(Ordering::Relaxed))
    }

    /// The plugins' names, in the order they were added.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.switches.iter().map(|(name, _)| name.as_str())
    }
}

impl<S> FromEvent<S> for Plugins {
    fn from_event(cx: &EventContext, _: &S) -> Result<Self, Rejection> {
        Ok(Plugins::new(cx.shared()))
    }
}
