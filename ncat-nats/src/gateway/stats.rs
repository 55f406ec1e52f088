//! The gateway's counters, as [`GatewayStats`] and as its NATS service's
//! endpoint data.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use async_nats::service::endpoint::Endpoint;
use futures_util::StreamExt;
use ncat_api::{Client, UserId};
use serde::Serialize;
use tokio_util::sync::CancellationToken;

/// The name of the service endpoint answering with [`GatewayStats`].
pub(crate) const STATUS_ENDPOINT: &str = "status";

/// A gateway's state: what `<prefix>.gateway.status` answers, and
/// [`Gateway::stats`](super::Gateway::stats).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct GatewayStats {
    /// Accounts whose NapCat is connected now.
    pub accounts_connected: u64,
    /// Events published to NATS since the gateway started.
    pub events_published: u64,
    /// Events dropped before they reached NATS because a connection's
    /// event buffer overflowed (never with a backpressure buffer, see
    /// [`Gateway::EVENT_BUFFER`](super::Gateway::EVENT_BUFFER)).
    pub events_lost: u64,
    /// Calls answered (with NapCat's envelope or an error).
    pub calls_answered: u64,
    /// Calls passed to NapCat and not answered yet.
    pub calls_in_flight: u64,
    /// Calls answered with an error, and events that could not be
    /// published.
    pub errors: u64,
    /// Per account, by QQ number.
    pub accounts: BTreeMap<i64, AccountStats>,
}

/// One account's part of [`GatewayStats`]; also the `data` of its endpoint
/// in `$SRV.STATS.ncat-gateway`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct AccountStats {
    /// Whether its NapCat is connected now.
    pub connected: bool,
    /// Its events published.
    pub events_published: u64,
    /// Its events dropped by an overflowing event buffer.
    pub events_lost: u64,
    /// Its calls answered.
    pub calls_answered: u64,
    /// Its calls answered with an error.
    pub errors: u64,
}

/// Every counter, updated by the gateway's tasks.
#[derive(Default)]
pub(crate) struct Counters {
    events_published: AtomicU64,
    events_lost: AtomicU64,
    calls_answered: AtomicU64,
    calls_in_flight: AtomicU64,
    errors: AtomicU64,
    accounts: Mutex<BTreeMap<i64, Arc<AccountCounters>>>,
}

/// One account's counters.
#[derive(Default)]
pub(crate) struct AccountCounters {
    /// The connection serving it, `None` once it is gone.
    client: Mutex<Option<Client>>,
    events_published: AtomicU64,
    events_lost: AtomicU64,
    calls_answered: AtomicU64,
    errors: AtomicU64,
}

impl Counters {
    /// Account `self_id`'s counters, made on first use.
    pub(crate) fn account(&self, self_id: UserId) -> Arc<AccountCounters> {
        let mut accounts = self.accounts.lock().unwrap_or_else(PoisonError::into_inner);
        Arc::clone(accounts.entry(self_id.get()).or_default())
    }

    /// A failure outside any call: an event not published, an endpoint
    /// not added.
    pub(crate) fn error(&self) {
        self.errors.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts a call in flight until the guard is dropped.
    pub(crate) fn in_flight(self: &Arc<Self>) -> InFlight {
        self.calls_in_flight.fetch_add(1, Ordering::Relaxed);
        InFlight(Arc::clone(self))
    }

    pub(crate) fn snapshot(&self) -> GatewayStats {
        let accounts: BTreeMap<i64, AccountStats> = self
            .accounts
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
            .map(|(id, account)| (*id, account.snapshot()))
            .collect();
        GatewayStats {
            accounts_connected: accounts
                .values()
                .filter(|account| account.connected)
                .count() as u64,
            events_published: self.events_published.load(Ordering::Relaxed),
            events_lost: self.events_lost.load(Ordering::Relaxed),
            calls_answered: self.calls_answered.load(Ordering::Relaxed),
            calls_in_flight: self.calls_in_flight.load(Ordering::Relaxed),
            errors: self.errors.load(Ordering::Relaxed),
            accounts,
        }
    }

    /// The `data` of a service endpoint: the account's counters for an
    /// account's endpoint (named by its QQ number), the whole gateway's for
    /// the status endpoint.
    pub(crate) fn endpoint_data(&self, endpoint: &str) -> serde_json::Value {
        let data = match endpoint.parse::<i64>() {
            Ok(id) => self
                .accounts
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .get(&id)
                .map(|account| serde_json::to_value(account.snapshot())),
            Err(_) if endpoint == STATUS_ENDPOINT => {
                let mut stats = self.snapshot();
                // Each account has its own endpoint; the status stays small.
                stats.accounts.clear();
                Some(serde_json::to_value(stats))
            }
            Err(_) => None,
        };
        data.and_then(Result::ok).unwrap_or(serde_json::Value::Null)
    }
}

impl AccountCounters {
    /// The account's connection now serves it (`Some`) or is gone.
    pub(crate) fn set_client(&self, client: Option<Client>) {
        *self.client.lock().unwrap_or_else(PoisonError::into_inner) = client;
    }

    pub(crate) fn event_published(&self, gateway: &Counters) {
        self.events_published.fetch_add(1, Ordering::Relaxed);
        gateway.events_published.fetch_add(1, Ordering::Relaxed);
    }

    /// `count` events lost before they could be published.
    pub(crate) fn events_lost(&self, gateway: &Counters, count: u64) {
        self.events_lost.fetch_add(count, Ordering::Relaxed);
        gateway.events_lost.fetch_add(count, Ordering::Relaxed);
    }

    /// A call answered, with NapCat's envelope (`ok`) or an error.
    pub(crate) fn call_answered(&self, gateway: &Counters, ok: bool) {
        self.calls_answered.fetch_add(1, Ordering::Relaxed);
        gateway.calls_answered.fetch_add(1, Ordering::Relaxed);
        if !ok {
            self.errors.fetch_add(1, Ordering::Relaxed);
            gateway.errors.fetch_add(1, Ordering::Relaxed);
        }
    }

    fn snapshot(&self) -> AccountStats {
        let connected = self
            .client
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .as_ref()
            .is_some_and(|client| client.transport().connection().is_some());
        AccountStats {
            connected,
            events_published: self.events_published.load(Ordering::Relaxed),
            events_lost: self.events_lost.load(Ordering::Relaxed),
            calls_answered: self.calls_answered.load(Ordering::Relaxed),
            errors: self.errors.load(Ordering::Relaxed),
        }
    }
}

/// A call in flight; see [`Counters::in_flight`].
pub(crate) struct InFlight(Arc<Counters>);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.calls_in_flight.fetch_sub(1, Ordering::Relaxed);
    }
}

/// Answers requests on the status subject with the gateway's stats.
pub(crate) async fn serve_status(
    mut endpoint: Endpoint,
    counters: Arc<Counters>,
    stop: CancellationToken,
) {
    loop {
        let request = tokio::select! {
            () = stop.cancelled() => return,
            request = endpoint.next() => request,
        };
        let Some(request) = request else { return };
        let answer = serde_json::to_vec(&counters.snapshot())
            .map(Into::into)
            .map_err(|error| async_nats::service::error::Error {
                status: error.to_string(),
                code: 500,
            });
        if let Err(error) = request.respond(answer).await {
            tracing::debug!(%error, "could not answer a status request");
        }
    }
}
