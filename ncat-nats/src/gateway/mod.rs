//! The gateway: holds NapCat connections and puts them on NATS.

mod call;
mod stats;

use std::collections::HashMap;
use std::fmt;
use std::future::IntoFuture;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use async_nats::service::{Service, ServiceExt};
use bytes::Bytes;
use ncat_api::event::{Delivery, EventBuffer, Events};
use ncat_api::reverse::{ReverseConnection, ReverseServer};
use ncat_api::{Client, UserId};
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;
use tracing::Instrument;

use crate::Error;
use crate::settle::settle;
use crate::subject::Prefix;

use stats::{AccountCounters, Counters};
pub use stats::{AccountStats, GatewayStats};

/// The name the gateway's NATS service goes by (`nats micro stats ncat-gateway`).
pub const SERVICE_NAME: &str = "ncat-gateway";

/// How long to wait before asking a forward connection's account again
/// when NapCat could not say who it is, doubling up to [`MAX_RETRY`].
const FIRST_RETRY: Duration = Duration::from_millis(500);
const MAX_RETRY: Duration = Duration::from_secs(30);

/// Holds NapCat connections (forward WebSocket clients and reverse
/// WebSocket servers, any number of accounts) and puts them on NATS:
///
/// - every event is published to
///   `<prefix>.<self_id>.event.<post_type>.<detail>`, its JSON exactly as
///   NapCat sent it;
/// - requests on `<prefix>.<self_id>.call` go to that account's NapCat and
///   are answered with NapCat's reply envelope (format in
///   [`protocol`](crate::protocol)); an account that is not connected, a
///   malformed request and an oversized one are answered with an error at
///   once and never reach NapCat.
///
/// Its state is a NATS service (`ncat-gateway`): `$SRV.STATS.ncat-gateway`
/// lists one endpoint per account with its counters, and
/// `<prefix>.gateway.status` answers with [`GatewayStats`].
///
/// ```no_run
/// # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
/// let nats = async_nats::connect("nats://127.0.0.1:4222").await?;
/// let gateway = ncat_nats::Gateway::builder(nats).start().await?;
/// let napcat = ncat_api::Client::builder().url("ws://127.0.0.1:3001").token("s3cret").build()?;
/// gateway.add_client(napcat);
/// let server = ncat_api::reverse::ReverseServer::builder().token("s3cret").bind("0.0.0.0:8082").await?;
/// gateway.add_reverse_server(server);
/// # Ok(()) }
/// ```
pub struct Gateway {
    shared: Arc<Shared>,
    /// Taken by [`shutdown`](Gateway::shutdown) to stop it.
    service: Option<Service>,
}

/// What the gateway's tasks share.
struct Shared {
    nats: async_nats::Client,
    prefix: Prefix,
    limits: Limits,
    counters: Arc<Counters>,
    accounts: Mutex<HashMap<i64, Account>>,
    /// Hands out a number per registration, so a connection that ends
    /// removes its account only if no newer connection took it over.
    registrations: std::sync::atomic::AtomicU64,
    /// Set by shutdown; every loop ends on it.
    stop: CancellationToken,
    tasks: TaskTracker,
    /// Adds the call endpoints (the service handle itself stays with the
    /// [`Gateway`], to stop it).
    endpoints: async_nats::service::Group,
}

/// One account the gateway serves.
struct Account {
    registration: u64,
    /// Ends the account's call endpoint.
    stop: CancellationToken,
}

/// Bounds on what a call may cost the gateway.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    pub(crate) max_request_size: usize,
    pub(crate) default_call_timeout: Duration,
    pub(crate) max_call_timeout: Duration,
}

/// Configures a [`Gateway`].
#[must_use = "a GatewayBuilder does nothing until `.start()` is called"]
pub struct GatewayBuilder {
    nats: async_nats::Client,
    prefix: Prefix,
    limits: Limits,
}

impl Gateway {
    /// The largest call request accepted unless configured otherwise: 1 MiB
    /// (NATS' own default message limit).
    pub const DEFAULT_MAX_REQUEST_SIZE: usize = 1024 * 1024;
    /// How long NapCat gets for a call whose request names no timeout: 30 s
    /// (as [`Client::DEFAULT_TIMEOUT`]).
    pub const DEFAULT_CALL_TIMEOUT: Duration = Client::DEFAULT_TIMEOUT;
    /// The longest a caller may ask NapCat to take, unless configured
    /// otherwise: 10 minutes (large uploads).
    pub const DEFAULT_MAX_CALL_TIMEOUT: Duration = Duration::from_secs(600);
    /// The event buffer for the gateway's NapCat connections
    /// ([`ClientBuilder::event_buffer`](ncat_api::ClientBuilder::event_buffer),
    /// the reverse server's): backpressure at 1024 unread events. When NATS
    /// takes events more slowly than NapCat sends them, the gateway stops
    /// reading NapCat's socket until NATS catches up, so no event is lost
    /// and memory stays bounded; NapCat queues meanwhile, and replies to
    /// calls on that connection wait behind the events.
    pub const EVENT_BUFFER: EventBuffer = EventBuffer::backpressure(1024);

    /// Starts configuring a gateway on the NATS connection `nats`.
    pub fn builder(nats: async_nats::Client) -> GatewayBuilder {
        GatewayBuilder {
            nats,
            prefix: Prefix::default(),
            limits: Limits {
                max_request_size: Gateway::DEFAULT_MAX_REQUEST_SIZE,
                default_call_timeout: Gateway::DEFAULT_CALL_TIMEOUT,
                max_call_timeout: Gateway::DEFAULT_MAX_CALL_TIMEOUT,
            },
        }
    }

    /// The subject prefix.
    pub fn prefix(&self) -> &Prefix {
        &self.shared.prefix
    }

    /// Serves the NapCat behind `client` (a forward WebSocket client, or
    /// any client whose [`events`](Client::events) carry NapCat's events).
    ///
    /// Build the client with [`Gateway::EVENT_BUFFER`] (or another
    /// [`EventBuffer::backpressure`]) so that a burst of any size reaches
    /// NATS: with the default buffer, the oldest events of a burst that
    /// NATS takes more slowly than NapCat sends are dropped (counted in
    /// [`GatewayStats::events_lost`]). Read no other [`Events`] stream of a
    /// backpressured client more slowly than the gateway does: the slowest
    /// stream holds NapCat up.
    ///
    /// The account is the one NapCat names in its answer to
    /// `get_login_info` (asked again, with a growing pause, until NapCat
    /// answers) or in the `self_id` of an event that comes first; from then
    /// on its calls are served and its events published. While the client
    /// is reconnecting, calls are answered "not connected" at once.
    ///
    /// [`EventBuffer::backpressure`]: ncat_api::event::EventBuffer::backpressure
    pub fn add_client(&self, client: Client) {
        let shared = Arc::clone(&self.shared);
        // Subscribed now, so events that arrive while the account is asked
        // for are published too.
        let mut events = client.events();
        self.shared.tasks.spawn(async move {
            let Some((self_id, first)) = shared.login_of(&client, &mut events).await else {
                return;
            };
            shared.serve(self_id, client, events, first).await;
        });
    }

    /// Serves the NapCat behind `client` as account `self_id`, without
    /// asking NapCat who it is.
    pub fn add_client_as(&self, self_id: UserId, client: Client) {
        let shared = Arc::clone(&self.shared);
        let events = client.events();
        self.shared
            .tasks
            .spawn(async move { shared.serve(self_id, client, events, None).await });
    }

    /// Serves every NapCat that connects to `server`, as long as it stays
    /// connected. When an account reconnects, the new connection takes
    /// over its subjects. Build the server with
    /// [`event_buffer(Gateway::EVENT_BUFFER)`](ncat_api::reverse::ReverseServerBuilder::event_buffer)
    /// so that no burst loses events, as for [`add_client`](Self::add_client).
    pub fn add_reverse_server(&self, mut server: ReverseServer) {
        let shared = Arc::clone(&self.shared);
        self.shared.tasks.spawn(async move {
            loop {
                let connection = tokio::select! {
                    () = shared.stop.cancelled() => return,
                    connection = server.accept() => connection,
                };
                let Some(connection) = connection else {
                    tracing::warn!("the reverse WebSocket server stopped accepting");
                    return;
                };
                shared.accept(connection);
            }
        });
    }

    /// The gateway's counters now.
    pub fn stats(&self) -> GatewayStats {
        self.shared.counters.snapshot()
    }

    /// Stops serving: unsubscribes every call subject, stops publishing
    /// events and waits (up to 5 seconds) for calls in flight to be
    /// answered. NapCat connections are closed when their clients are
    /// dropped.
    pub async fn shutdown(mut self) {
        self.shared.stop.cancel();
        self.shared.tasks.close();
        if let Some(service) = self.service.take()
            && let Err(error) = service.stop().await
        {
            tracing::warn!(%error, "could not stop the gateway's NATS service cleanly");
        }
        if tokio::time::timeout(Duration::from_secs(5), self.shared.tasks.wait())
            .await
            .is_err()
        {
            tracing::warn!("calls still in flight after 5 s were abandoned");
        }
        // What was published, and the call subjects' unsubscriptions, reach
        // the server before the caller moves on: a call made then finds no
        // responders rather than a subscription nobody answers.
        if let Err(error) = settle(&self.shared.nats).await {
            tracing::warn!(%error, "could not confirm the NATS server took the gateway's last messages");
        }
    }
}

impl Drop for Gateway {
    fn drop(&mut self) {
        // Tasks hold the shared state, so without this they would outlive
        // the gateway.
        self.shared.stop.cancel();
    }
}

impl fmt::Debug for Gateway {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Gateway")
            .field("prefix", &self.shared.prefix)
            .field("limits", &self.shared.limits)
            .field("stats", &self.stats())
            .finish_non_exhaustive()
    }
}

impl GatewayBuilder {
    /// The subject prefix (default [`DEFAULT_PREFIX`](crate::DEFAULT_PREFIX)).
    pub fn prefix(mut self, prefix: Prefix) -> Self {
        self.prefix = prefix;
        self
    }

    /// The largest call request (the JSON payload) passed on to NapCat;
    /// larger ones are answered with an error (default
    /// [`Gateway::DEFAULT_MAX_REQUEST_SIZE`]).
    pub fn max_request_size(mut self, bytes: usize) -> Self {
        self.limits.max_request_size = bytes;
        self
    }

    /// How long NapCat gets for a call whose request names no timeout
    /// (default [`Gateway::DEFAULT_CALL_TIMEOUT`]).
    pub fn call_timeout(mut self, timeout: Duration) -> Self {
        self.limits.default_call_timeout = timeout;
        self
    }

    /// The longest a request may ask NapCat to take; longer asks are cut
    /// to it (default [`Gateway::DEFAULT_MAX_CALL_TIMEOUT`]).
    pub fn max_call_timeout(mut self, timeout: Duration) -> Self {
        self.limits.max_call_timeout = timeout;
        self
    }

    /// Starts the gateway's NATS service. Connections are added with
    /// [`Gateway::add_client`] and [`Gateway::add_reverse_server`].
    ///
    /// # Errors
    /// If NATS refuses the service's subscriptions.
    pub async fn start(self) -> Result<Gateway, Error> {
        let counters = Arc::new(Counters::default());
        let for_stats = Arc::clone(&counters);
        let service = self
            .nats
            .service_builder()
            .description("NapCat accounts on NATS: events and calls (ncat)")
            .stats_handler(move |endpoint, _| for_stats.endpoint_data(&endpoint))
            .start(SERVICE_NAME, env!("CARGO_PKG_VERSION"))
            .await
            .map_err(|source| Error::nats("starting the gateway's service", source))?;
        let status = service
            .endpoint_builder()
            .name(stats::STATUS_ENDPOINT)
            .add(format!("{}.gateway.status", self.prefix))
            .await
            .map_err(|source| Error::nats("subscribing to the status subject", source))?;
        let shared = Arc::new(Shared {
            nats: self.nats,
            endpoints: service.group(self.prefix.as_str()),
            prefix: self.prefix,
            limits: self.limits,
            counters,
            accounts: Mutex::new(HashMap::new()),
            registrations: std::sync::atomic::AtomicU64::new(0),
            stop: CancellationToken::new(),
            tasks: TaskTracker::new(),
        });
        shared.tasks.spawn(stats::serve_status(
            status,
            Arc::clone(&shared.counters),
            shared.stop.clone(),
        ));
        tracing::info!(prefix = %shared.prefix, "gateway started");
        Ok(Gateway {
            shared,
            service: Some(service),
        })
    }
}

impl fmt::Debug for GatewayBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GatewayBuilder")
            .field("prefix", &self.prefix)
            .field("limits", &self.limits)
            .finish_non_exhaustive()
    }
}

impl Shared {
    /// The account behind a forward client: NapCat's answer to
    /// `get_login_info`, asked until NapCat answers, or the `self_id` of an
    /// event that comes first (returned with that event's JSON, to be
    /// published). Events are read meanwhile because under backpressure
    /// unread events would hold up the answer itself. `None` if the gateway
    /// stops or the connection is gone for good first.
    async fn login_of(
        &self,
        client: &Client,
        events: &mut Events,
    ) -> Option<(UserId, Option<Arc<str>>)> {
        let mut pause = FIRST_RETRY;
        loop {
            let asked = client.get_login_info().into_future();
            tokio::pin!(asked);
            let waited = loop {
                tokio::select! {
                    () = self.stop.cancelled() => return None,
                    asked = &mut asked => break asked,
                    next = events.next_with_json() => {
                        let (_event, json) = next?;
                        match Prefix::self_id_of(&json) {
                            Some(self_id) => return Some((self_id, Some(json))),
                            None => {
                                self.counters.error();
                                tracing::warn!("dropped an event without a self_id from a NapCat whose account is not known yet");
                            }
                        }
                    }
                }
            };
            match waited {
                Ok(login) => return Some((login.user_id, None)),
                Err(error) => {
                    tracing::warn!(%error, retry_in = ?pause, "cannot ask NapCat which account it runs");
                }
            }
            let sleep = tokio::time::sleep(pause);
            tokio::pin!(sleep);
            loop {
                tokio::select! {
                    () = self.stop.cancelled() => return None,
                    () = &mut sleep => break,
                    next = events.next_with_json() => {
                        let (_event, json) = next?;
                        if let Some(self_id) = Prefix::self_id_of(&json) {
                            return Some((self_id, Some(json)));
                        }
                        self.counters.error();
                        tracing::warn!("dropped an event without a self_id from a NapCat whose account is not known yet");
                    }
                }
            }
            pause = (pause * 2).min(MAX_RETRY);
        }
    }

    /// Takes a reverse connection: serves it until it closes.
    fn accept(self: &Arc<Self>, connection: ReverseConnection) {
        let shared = Arc::clone(self);
        let self_id = connection.self_id();
        let client = connection.client().clone();
        let events = client.events();
        tracing::info!(self_id = self_id.get(), peer = %connection.peer_addr(), "NapCat connected");
        self.tasks.spawn(async move {
            shared.serve(self_id, client, events, None).await;
            drop(connection);
        });
    }

    /// Serves account `self_id` through `client`: its call endpoint while
    /// `events` last, and every event published (`first`, read while the
    /// account was asked for, before the others). Returns when the events
    /// end (the connection is gone for good) or the gateway stops.
    async fn serve(
        self: Arc<Self>,
        self_id: UserId,
        client: Client,
        mut events: Events,
        first: Option<Arc<str>>,
    ) {
        let span = tracing::info_span!("account", self_id = self_id.get());
        let Some((registration, counters)) = self
            .register(self_id, &client)
            .instrument(span.clone())
            .await
        else {
            return;
        };
        async {
            if let Some(json) = first {
                self.publish(self_id, &json, &counters).await;
            }
            loop {
                let next = tokio::select! {
                    () = self.stop.cancelled() => break,
                    next = events.next_delivery() => next,
                };
                match next {
                    None => break,
                    Some(Delivery::Event { json, .. }) => {
                        self.publish(self_id, &json, &counters).await;
                    }
                    Some(Delivery::Lost(count)) => {
                        counters.events_lost(&self.counters, count);
                        tracing::warn!(
                            count,
                            "events were lost before reaching NATS: build the connection with `Gateway::EVENT_BUFFER`"
                        );
                    }
                    // A delivery kind added later carries no event to publish.
                    Some(_) => {}
                }
            }
            tracing::info!("NapCat's connection is gone; the account is no longer served");
        }
        .instrument(span)
        .await;
        self.unregister(self_id, registration);
    }

    /// Publishes one event of account `self_id`, NapCat's JSON as it came.
    /// Waits while the NATS connection's outgoing buffer is full: that
    /// wait is what holds NapCat up under backpressure.
    async fn publish(&self, self_id: UserId, json: &str, counters: &AccountCounters) {
        let subject = self.prefix.event(self_id, json);
        let payload = Bytes::copy_from_slice(json.as_bytes());
        match self.nats.publish(subject, payload).await {
            Ok(()) => counters.event_published(&self.counters),
            Err(error) => {
                self.counters.error();
                tracing::warn!(%error, "could not publish an event");
            }
        }
    }

    /// Starts account `self_id`'s call endpoint, replacing an older
    /// connection's; `None` if NATS refused it.
    async fn register(
        self: &Arc<Self>,
        self_id: UserId,
        client: &Client,
    ) -> Option<(u64, Arc<AccountCounters>)> {
        let registration = self
            .registrations
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let endpoint = self
            .endpoints
            .endpoint_builder()
            .name(self_id.get().to_string())
            .add(format!("{}.call", self_id.get()))
            .await;
        let endpoint = match endpoint {
            Ok(endpoint) => endpoint,
            Err(error) => {
                self.counters.error();
                tracing::error!(%error, "cannot subscribe to the account's call subject");
                return None;
            }
        };
        let counters = self.counters.account(self_id);
        let stop = self.stop.child_token();
        let replaced = self.lock_accounts().insert(
            self_id.get(),
            Account {
                registration,
                stop: stop.clone(),
            },
        );
        if let Some(replaced) = replaced {
            replaced.stop.cancel();
        }
        counters.set_client(Some(client.clone()));
        self.tasks.spawn(call::serve_calls(
            Arc::clone(self),
            self_id,
            client.clone(),
            endpoint,
            Arc::clone(&counters),
            stop,
        ));
        tracing::info!("serving the account's calls and events");
        Some((registration, counters))
    }

    /// Stops serving account `self_id` if `registration` is still the one
    /// serving it.
    fn unregister(&self, self_id: UserId, registration: u64) {
        let mut accounts = self.lock_accounts();
        if accounts
            .get(&self_id.get())
            .is_some_and(|account| account.registration == registration)
        {
            if let Some(account) = accounts.remove(&self_id.get()) {
                account.stop.cancel();
            }
            self.counters.account(self_id).set_client(None);
        }
    }

    fn lock_accounts(&self) -> std::sync::MutexGuard<'_, HashMap<i64, Account>> {
        self.accounts.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
