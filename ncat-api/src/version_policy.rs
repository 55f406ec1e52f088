//! A client's stance on the release of the NapCat it talks to: the
//! [`VersionPolicy`], and the release it learned for its current
//! connection.
//!
//! The client holds both; the check that asks NapCat and compares
//! (`version_check`) sits above the client, since it calls through it.

use std::sync::{Mutex, PoisonError};

use crate::version::Version;

/// What a client does before a call the connected NapCat is too old for,
/// judged by the release that introduced the action and each parameter set
/// (the schema's `since`). Set with
/// [`ClientBuilder::version_policy`](crate::ClientBuilder::version_policy).
///
/// Only calls that need more than the oldest release on record are checked;
/// for those the client learns NapCat's version with `get_version_info`,
/// once per connection. A server whose answer names no NapCat release (an
/// unparsable version, another OneBot implementation) turns the check off
/// for that connection, with one warning; one that does not answer at all
/// (NapCat unreachable, a timeout) lets the call go out unchecked, and the
/// next call asks again. [`Client::call_raw`](crate::Client::call_raw) is never checked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum VersionPolicy {
    /// No check, and no `get_version_info` on its behalf.
    Off,
    /// Log a `tracing` warning naming the release needed, then send the
    /// call anyway (the default: NapCat may have back-ported it).
    #[default]
    Warn,
    /// Fail with [`Error::Unsupported`](crate::Error::Unsupported) without sending anything.
    Strict,
}

/// A client's policy and what it learned about its current connection.
#[derive(Debug)]
pub(crate) struct VersionState {
    policy: VersionPolicy,
    learned: Mutex<Option<Learned>>,
    /// Held while asking NapCat, so concurrent calls wait for one answer
    /// instead of each asking.
    asking: tokio::sync::Mutex<()>,
}

/// What `get_version_info` told about one connection.
#[derive(Debug, Clone, Copy)]
struct Learned {
    connection: u64,
    /// `None`: the answer named no NapCat release; the check is off.
    version: Option<Version>,
}

impl VersionState {
    pub(crate) fn new(policy: VersionPolicy) -> Self {
        VersionState {
            policy,
            learned: Mutex::new(None),
            asking: tokio::sync::Mutex::new(()),
        }
    }

    pub(crate) fn policy(&self) -> VersionPolicy {
        self.policy
    }

    /// What was learned about `connection`: `None` when nothing yet.
    pub(crate) fn learned(&self, connection: Option<u64>) -> Option<Option<Version>> {
        let learned = *self.learned.lock().unwrap_or_else(PoisonError::into_inner);
        learned
            .filter(|learned| Some(learned.connection) == connection)
            .map(|learned| learned.version)
    }

    /// Keeps what `connection`'s NapCat answered (`None`: no release).
    pub(crate) fn remember(&self, connection: u64, version: Option<Version>) {
        *self.learned.lock().unwrap_or_else(PoisonError::into_inner) = Some(Learned {
            connection,
            version,
        });
    }

    /// Waits until no other call is asking NapCat; asking is this call's
    /// turn while the guard lives.
    pub(crate) async fn asking(&self) -> tokio::sync::MutexGuard<'_, ()> {
        self.asking.lock().await
    }
}
