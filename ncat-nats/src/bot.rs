//! A bot ([`ncat_bot::Bot`]) running unchanged as a NATS worker (feature
//! `bot`): the same router that runs on a forward WebSocket client or a
//! reverse server runs on an account's events from NATS, and its handlers'
//! [`Client`] calls NapCat through the gateway.
//!
//! ```no_run
//! use ncat_api::{Client, UserId, event::GroupMessage};
//! use ncat_bot::{Bot, Router};
//! use ncat_nats::{DurableOptions, Worker};
//!
//! async fn echo(message: GroupMessage, client: Client) -> Result<(), ncat_api::Error> {
//!     message.reply(&client, message.message.plain_text()).await?;
//!     Ok(())
//! }
//!
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! let nats = async_nats::connect("nats://127.0.0.1:4222").await?;
//! let worker = Worker::new(nats, UserId::new(10001));
//! let bot = Bot::new(Router::new().on(echo));
//! // At most once, shared by the replicas of queue group `echo-bot`:
//! // bot.run(worker.bot_source(Some("echo-bot")).await?).await;
//! // At least once, each event acked after its handlers return:
//! bot.run(worker.durable_bot_source("echo-bot", &DurableOptions::default()).await?).await;
//! # Ok(()) }
//! ```
//!
//! This lives in ncat-nats (ncat-bot knows no broker, as ncat-api knows no
//! broker): ncat-bot's [`EventSource`] trait is the extension point, and
//! the JetStream source needs this crate's [`Ack`].

use std::fmt;
use std::time::Duration;

use ncat_api::Client;
use ncat_bot::{ClientSource, Delivery as BotDelivery, Dispatched, EventSource, Incoming};

use crate::Error;
use crate::worker::{Ack, DurableEvents, DurableOptions, Worker};

/// The first pause after the durable consumer failed to pull, doubling up
/// to [`MAX_PULL_PAUSE`]: a consumer that keeps failing is not spun on.
const FIRST_PULL_PAUSE: Duration = Duration::from_millis(100);
const MAX_PULL_PAUSE: Duration = Duration::from_secs(5);

impl Worker {
    /// The account's events as a bot's event source, at most once (core
    /// NATS, as [`Worker::events`]): with a `queue_group`, the replicas
    /// running with the same group share the events, each handled by one.
    /// Handlers get [`Worker::client`], whose calls go through the gateway.
    ///
    /// # Errors
    /// If NATS refuses the subscription.
    pub async fn bot_source(&self, queue_group: Option<&str>) -> Result<ClientSource, Error> {
        let events = self.events(queue_group).await?;
        Ok(ClientSource::with_events(self.client(), events))
    }

    /// The account's events as a bot's event source, at least once,
    /// through the JetStream durable consumer `durable` (as
    /// [`Worker::durable_events`]): each event is acked once the bot's
    /// handlers for it have returned, so an event whose worker died before
    /// that is delivered again (after [`DurableOptions::ack_wait`]) to a
    /// replica using the same durable name.
    ///
    /// # Errors
    /// As [`Worker::durable_events`].
    pub async fn durable_bot_source(
        &self,
        durable: &str,
        options: &DurableOptions,
    ) -> Result<DurableSource, Error> {
        let events = self.durable_events(durable, options).await?;
        Ok(DurableSource::new(self.client(), events))
    }
}

/// A bot's [`EventSource`] over a JetStream durable consumer: at least
/// once, each event acked after the bot's handlers for it return (the
/// [`Delivery`](ncat_bot::Delivery)'s completion hook).
///
/// An event is acked whatever its handlers did: a handler that returned an
/// error or panicked was reported to the router's error hook, and handing
/// it the same event again would fail again. Only an event whose handlers
/// never returned (the worker died, or was stopped by force) comes again.
/// A handler with effects outside the bot can still see an event twice
/// (it died after the effect, before the ack): key those effects on the
/// event (its `message_id`, say).
pub struct DurableSource {
    client: Client,
    events: DurableEvents,
    /// The pause before the next pull after a failed one.
    pause: Duration,
}

impl DurableSource {
    /// `events` for a bot, its handlers calling through `client` (the
    /// account's [`Worker::client`]).
    pub fn new(client: Client, events: DurableEvents) -> Self {
        DurableSource {
            client,
            events,
            pause: FIRST_PULL_PAUSE,
        }
    }
}

impl EventSource for DurableSource {
    async fn next_delivery(&mut self) -> Option<BotDelivery> {
        loop {
            match self.events.next().await? {
                Ok(delivery) => {
                    self.pause = FIRST_PULL_PAUSE;
                    let (event, _json, ack) = delivery.into_parts();
                    let incoming = Incoming::new(event, self.client.clone());
                    return Some(BotDelivery::with_completion(incoming, move |dispatched| {
                        Box::pin(acknowledge(ack, dispatched))
                    }));
                }
                // async-nats' pull stream goes on after an error (a missed
                // heartbeat, the server restarting): pause and pull again.
                Err(error) => {
                    tracing::warn!(%error, retry_in = ?self.pause, "could not pull an event");
                    tokio::time::sleep(self.pause).await;
                    self.pause = (self.pause * 2).min(MAX_PULL_PAUSE);
                }
            }
        }
    }
}

/// Acks an event once the bot's handlers for it returned.
async fn acknowledge(ack: Ack, dispatched: Dispatched) {
    if dispatched.failed > 0 {
        tracing::debug!(
            failed = dispatched.failed,
            "acking an event whose handlers failed (their errors were reported)"
        );
    }
    if let Err(error) = ack.ack().await {
        // Not acked: the event comes again after `ack_wait`.
        tracing::warn!(%error, "could not ack a handled event; it may be delivered again");
    }
}

impl fmt::Debug for DurableSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DurableSource")
            .field("client", &self.client)
            .field("events", &self.events)
            .finish_non_exhaustive()
    }
}
