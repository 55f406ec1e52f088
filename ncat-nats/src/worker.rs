//! The worker's side: a typed client and the events of one account, from
//! NATS.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use async_nats::jetstream;
use async_nats::jetstream::consumer::pull;
use futures_util::StreamExt;
use ncat_api::event::{Event, Events};
use ncat_api::{Client, ClientBuilder, UserId};

use crate::Error;
use crate::settle::settle;
use crate::subject::Prefix;
use crate::transport::NatsTransport;

/// One account, seen from a worker: its [`client`](Self::client) sends
/// typed calls through the gateway, its [`events`](Self::events) come from
/// NATS.
///
/// ```no_run
/// use ncat_api::UserId;
/// use ncat_api::event::{Event, MessageEvent};
///
/// # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
/// let nats = async_nats::connect("nats://127.0.0.1:4222").await?;
/// let worker = ncat_nats::Worker::new(nats, UserId::new(10001));
/// let client = worker.client();
/// // Replicas in the same queue group share the events: each goes to one.
/// let mut events = worker.events(Some("echo-bot")).await?;
/// while let Some(event) = events.next().await {
///     if let Event::Message(MessageEvent::Group(message)) = event {
///         message.reply(&client, message.message.plain_text()).await?;
///     }
/// }
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Worker {
    nats: async_nats::Client,
    prefix: Prefix,
    self_id: UserId,
}

impl Worker {
    /// Account `self_id` through the gateways on `nats` with the default
    /// prefix.
    pub fn new(nats: async_nats::Client, self_id: UserId) -> Worker {
        Worker {
            nats,
            prefix: Prefix::default(),
            self_id,
        }
    }

    /// Uses the gateways' subject prefix `prefix`.
    #[must_use]
    pub fn prefix(mut self, prefix: Prefix) -> Worker {
        self.prefix = prefix;
        self
    }

    /// The account.
    pub fn self_id(&self) -> UserId {
        self.self_id
    }

    /// The transport of this account's calls.
    pub fn transport(&self) -> NatsTransport {
        NatsTransport::new(self.nats.clone(), &self.prefix, self.self_id)
    }

    /// A client whose calls go to this account's NapCat, with the default
    /// timeout.
    pub fn client(&self) -> Client {
        Client::with_transport(self.transport())
    }

    /// A client builder with this account's transport set, for another
    /// timeout or version policy.
    pub fn client_builder(&self) -> ClientBuilder {
        Client::builder().transport(self.transport())
    }

    /// The account's events as they are published, typed like
    /// [`Client::events`]. With a `queue_group`, the workers subscribed
    /// with the same group share them: each event goes to one of them.
    /// Without, this worker gets every event.
    ///
    /// Returns once the NATS server has taken the subscription, so every
    /// event published after that reaches it. At most once: an event
    /// published while no worker listens, or in flight when a worker
    /// stops, is lost. For at-least-once delivery see
    /// [`durable_events`](Self::durable_events).
    ///
    /// # Errors
    /// If NATS refuses the subscription.
    pub async fn events(&self, queue_group: Option<&str>) -> Result<Events, Error> {
        let subject = self.prefix.events_of(self.self_id);
        let subscriber = match queue_group {
            Some(group) => self.nats.queue_subscribe(subject, group.to_owned()).await,
            None => self.nats.subscribe(subject).await,
        }
        .map_err(|source| Error::nats("subscribing to the account's events", source))?;
        // Returned, the subscription is the server's: an event published
        // from then on is this worker's (or its group's).
        settle(&self.nats).await.map_err(|source| {
            Error::nats(
                "confirming the subscription to the account's events",
                source,
            )
        })?;
        let events = subscriber.filter_map(|message| async move { decode(&message.payload) });
        Ok(Events::from_stream(events))
    }

    /// The account's events through a JetStream stream and the durable
    /// consumer `durable`: at least once, in order per worker, each acked
    /// after its handler ([`Delivery::ack`]). Workers using the same
    /// durable name share the events; an event not acked within
    /// [`DurableOptions::ack_wait`] (its worker died) is delivered again,
    /// and events published while no worker runs wait in the stream.
    ///
    /// Creates the stream ([`ensure_event_stream`]) and the consumer if
    /// they do not exist yet.
    ///
    /// # Errors
    /// If JetStream is not enabled, or refuses the stream or consumer (a
    /// stream of that name with other subjects, say).
    pub async fn durable_events(
        &self,
        durable: &str,
        options: &DurableOptions,
    ) -> Result<DurableEvents, Error> {
        let jetstream = jetstream::new(self.nats.clone());
        let stream = ensure_event_stream(&jetstream, &self.prefix, &options.stream).await?;
        let config = pull::Config {
            durable_name: Some(durable.to_owned()),
            filter_subject: self.prefix.events_of(self.self_id),
            ack_policy: jetstream::consumer::AckPolicy::Explicit,
            ack_wait: options.ack_wait,
            max_ack_pending: options.max_ack_pending,
            deliver_policy: jetstream::consumer::DeliverPolicy::All,
            ..Default::default()
        };
        let consumer = stream
            .get_or_create_consumer(durable, config)
            .await
            .map_err(|source| {
                Error::nats(format!("creating the durable consumer `{durable}`"), source)
            })?;
        let messages = consumer
            .messages()
            .await
            .map_err(|source| Error::nats("pulling events", source))?;
        Ok(DurableEvents { messages })
    }
}

impl fmt::Debug for Worker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Worker")
            .field("prefix", &self.prefix)
            .field("self_id", &self.self_id)
            .finish_non_exhaustive()
    }
}

/// An event's payload as NapCat's JSON and its typed event; `None`, with a
/// warning, for a payload that is not a JSON event.
fn decode(payload: &[u8]) -> Option<(Event, Arc<str>)> {
    let Ok(json) = std::str::from_utf8(payload) else {
        tracing::warn!("ignored an event that is not UTF-8");
        return None;
    };
    match Event::from_json(json) {
        Ok(event) => Some((event, Arc::from(json))),
        Err(error) => {
            tracing::warn!(%error, "ignored an event that is not JSON");
            None
        }
    }
}

/// The JetStream stream that keeps the events, as
/// [`ensure_event_stream`] creates it.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct EventStreamOptions {
    /// The stream's name (default `NCAT_EVENTS`).
    pub name: String,
    /// How long events are kept, acked or not (default 24 hours).
    pub max_age: Duration,
    /// The most bytes kept; the oldest events go first (default 1 GiB).
    pub max_bytes: i64,
}

impl Default for EventStreamOptions {
    fn default() -> Self {
        EventStreamOptions {
            name: "NCAT_EVENTS".to_owned(),
            max_age: Duration::from_secs(24 * 60 * 60),
            max_bytes: 1024 * 1024 * 1024,
        }
    }
}

/// How a durable consumer delivers; see [`Worker::durable_events`].
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct DurableOptions {
    /// The stream the events are kept in.
    pub stream: EventStreamOptions,
    /// How long an event may stay unacked before it is delivered again
    /// (default 30 s): longer than the slowest handler.
    pub ack_wait: Duration,
    /// How many events may be out, unacked, at once across the workers
    /// (default 1000).
    pub max_ack_pending: i64,
}

impl Default for DurableOptions {
    fn default() -> Self {
        DurableOptions {
            stream: EventStreamOptions::default(),
            ack_wait: Duration::from_secs(30),
            max_ack_pending: 1000,
        }
    }
}

impl DurableOptions {
    /// These options with `ack_wait` instead.
    #[must_use]
    pub fn ack_wait(mut self, ack_wait: Duration) -> Self {
        self.ack_wait = ack_wait;
        self
    }
}

/// Creates the JetStream stream keeping every account's events
/// (`<prefix>.*.event.>`), file-backed, if it does not exist; returns it.
/// A gateway or a worker may call it; the first one creates it.
///
/// # Errors
/// If JetStream is not enabled or refuses the stream.
pub async fn ensure_event_stream(
    jetstream: &jetstream::Context,
    prefix: &Prefix,
    options: &EventStreamOptions,
) -> Result<jetstream::stream::Stream, Error> {
    let config = jetstream::stream::Config {
        name: options.name.clone(),
        subjects: vec![prefix.all_events()],
        storage: jetstream::stream::StorageType::File,
        max_age: options.max_age,
        max_bytes: options.max_bytes,
        ..Default::default()
    };
    jetstream
        .get_or_create_stream(config)
        .await
        .map_err(|source| Error::nats(format!("creating the stream `{}`", options.name), source))
}

/// An account's events from a durable JetStream consumer; see
/// [`Worker::durable_events`].
pub struct DurableEvents {
    messages: pull::Stream,
}

impl DurableEvents {
    /// The next event, to be acked once handled; `None` when the
    /// consumer's stream ends. An event that is not JSON is acked and
    /// skipped with a warning (delivering it again would not help).
    pub async fn next(&mut self) -> Option<Result<Delivery, Error>> {
        loop {
            let message = match self.messages.next().await? {
                Ok(message) => message,
                Err(source) => return Some(Err(Error::nats("pulling events", source))),
            };
            let (sequence, delivered) = match message.info() {
                Ok(info) => (info.stream_sequence, info.delivered),
                Err(source) => {
                    return Some(Err(Error::nats("reading a delivery's metadata", source)));
                }
            };
            let (message, acker) = message.split();
            match decode(&message.payload) {
                Some((event, json)) => {
                    return Some(Ok(Delivery {
                        event,
                        json,
                        sequence,
                        delivered,
                        ack: Ack(acker),
                    }));
                }
                None => {
                    if let Err(error) = acker.ack().await {
                        tracing::warn!(%error, "could not ack an event that is not JSON");
                    }
                }
            }
        }
    }
}

impl fmt::Debug for DurableEvents {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DurableEvents").finish_non_exhaustive()
    }
}

/// One event from a durable consumer, with what acks it.
///
/// Ack it once it is handled ([`ack`](Self::ack)); one dropped unacked is
/// delivered again after the consumer's `ack_wait`. Delivery is at least
/// once: a worker that dies after handling an event but before acking it
/// gets it again, so a handler with effects outside the bot should
/// remember [`sequence`](Self::sequence) (unique per event in the stream)
/// to handle each event exactly once.
#[derive(Debug)]
pub struct Delivery {
    event: Event,
    json: Arc<str>,
    sequence: u64,
    delivered: i64,
    ack: Ack,
}

impl Delivery {
    /// The event.
    pub fn event(&self) -> &Event {
        &self.event
    }

    /// The JSON NapCat sent for it.
    pub fn json(&self) -> &Arc<str> {
        &self.json
    }

    /// Its sequence number in the stream: the same on every delivery of
    /// this event, different for every other event.
    pub fn sequence(&self) -> u64 {
        self.sequence
    }

    /// Whether it was delivered before (and not acked then).
    pub fn is_redelivery(&self) -> bool {
        self.delivered > 1
    }

    /// Acks it: the stream has the server's confirmation when this returns.
    ///
    /// # Errors
    /// If the server did not confirm (the event may then come again).
    pub async fn ack(self) -> Result<(), Error> {
        self.ack.ack().await
    }

    /// The event, its JSON and its ack, for code that hands the event on
    /// and acks when done (a bot's completion hook).
    pub fn into_parts(self) -> (Event, Arc<str>, Ack) {
        (self.event, self.json, self.ack)
    }
}

/// Acks one [`Delivery`]: the completion hook of an at-least-once event.
pub struct Ack(jetstream::message::Acker);

impl Ack {
    /// The event was handled: it is not delivered again. Waits for the
    /// server's confirmation.
    ///
    /// # Errors
    /// If the server did not confirm.
    pub async fn ack(self) -> Result<(), Error> {
        self.0
            .double_ack()
            .await
            .map_err(|source| Error::nats("acking an event", source))
    }

    /// The event was not handled: deliver it again (to this or another
    /// worker) now rather than after `ack_wait`.
    ///
    /// # Errors
    /// If the server could not be told.
    pub async fn nak(self) -> Result<(), Error> {
        self.0
            .ack_with(jetstream::AckKind::Nak(None))
            .await
            .map_err(|source| Error::nats("naking an event", source))
    }
}

impl fmt::Debug for Ack {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Ack").finish_non_exhaustive()
    }
}
