//! [`EventSource`]: where a bot's events come from, each with the client of
//! the account it came to.

use std::future::Future;

use futures_util::stream::{BoxStream, SelectAll};
use futures_util::{FutureExt, StreamExt};
use ncat_api::event::Events;
use ncat_api::reverse::ReverseServer;
use ncat_api::{BoxFuture, Client};

use crate::context::Incoming;
use crate::router::Dispatched;

/// Called once the handlers of an event have returned, with what routing
/// did: a broker source acknowledges the message here, so an event whose
/// bot crashed is delivered again.
pub type Completion = Box<dyn FnOnce(Dispatched) -> BoxFuture<'static, ()> + Send>;

/// One event from a source: the event, its account's client, and what to
/// do once it is handled.
pub struct Delivery {
    /// The event and its client.
    pub incoming: Incoming,
    /// Run after the handlers return (or after they failed).
    pub completion: Option<Completion>,
}

impl Delivery {
    /// A delivery without a completion hook.
    pub fn new(incoming: Incoming) -> Self {
        Delivery {
            incoming,
            completion: None,
        }
    }

    /// A delivery that runs `completion` once handled.
    pub fn with_completion(
        incoming: Incoming,
        completion: impl FnOnce(Dispatched) -> BoxFuture<'static, ()> + Send + 'static,
    ) -> Self {
        Delivery {
            incoming,
            completion: Some(Box::new(completion)),
        }
    }
}

impl std::fmt::Debug for Delivery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Delivery")
            .field("incoming", &self.incoming)
            .field("completion", &self.completion.is_some())
            .finish()
    }
}

/// Where a [`Bot`](crate::Bot) gets its events.
///
/// The one method yields the next event with the [`Client`] of the account
/// it came to, or `None` when the source has ended for good (the bot then
/// shuts down). ncat-bot implements it for a [`Client`] with events (a
/// forward WebSocket, through [`ClientSource`]), for a [`ReverseServer`]
/// (every NapCat that connects, through [`ReverseSource`]) and for
/// [`ClientSource::with_events`] over any `Events` stream
/// ([`Events::from_stream`]); implement it for another transport (an HTTP
/// POST receiver, a message broker) in a few lines:
///
/// ```
/// use ncat_bot::{Delivery, EventSource, Incoming};
/// use tokio::sync::mpsc;
///
/// /// Events another task pushed, with the client to answer through.
/// struct Channel(mpsc::Receiver<Incoming>);
///
/// impl EventSource for Channel {
///     async fn next_delivery(&mut self) -> Option<Delivery> {
///         self.0.recv().await.map(Delivery::new)
///     }
/// }
/// ```
pub trait EventSource: Send {
    /// The next event; `None` once there will be no more.
    fn next_delivery(&mut self) -> impl Future<Output = Option<Delivery>> + Send;
}

/// Something a bot can run on: an [`EventSource`], a [`Client`] or a
/// [`ReverseServer`].
pub trait IntoEventSource {
    /// The source it becomes.
    type Source: EventSource;

    /// The source.
    fn into_source(self) -> Self::Source;
}

impl<T: EventSource> IntoEventSource for T {
    type Source = T;

    fn into_source(self) -> T {
        self
    }
}

/// The events of one client ([`Client::events`]): a forward WebSocket, or
/// any [`Events`] stream with the client to answer through.
#[derive(Debug)]
pub struct ClientSource {
    client: Client,
    events: Events,
}

impl ClientSource {
    /// The events NapCat pushes to `client` (a `ws://` client).
    pub fn new(client: Client) -> Self {
        let events = client.events();
        ClientSource { client, events }
    }

    /// `events` from anywhere (e.g. [`Events::from_stream`]), answered
    /// through `client`.
    pub fn with_events(client: Client, events: Events) -> Self {
        ClientSource { client, events }
    }
}

impl EventSource for ClientSource {
    async fn next_delivery(&mut self) -> Option<Delivery> {
        let event = self.events.next().await?;
        Some(Delivery::new(Incoming::new(event, self.client.clone())))
    }
}

impl IntoEventSource for Client {
    type Source = ClientSource;

    fn into_source(self) -> ClientSource {
        ClientSource::new(self)
    }
}

/// Every NapCat account that connects to a [`ReverseServer`], each event
/// with the client of its own connection.
pub struct ReverseSource {
    server: Option<ReverseServer>,
    events: SelectAll<BoxStream<'static, Delivery>>,
}

impl std::fmt::Debug for ReverseSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReverseSource")
            .field("server", &self.server)
            .field("connections", &self.events.len())
            .finish()
    }
}

impl ReverseSource {
    /// The events of every connection `server` accepts from now on.
    pub fn new(server: ReverseServer) -> Self {
        ReverseSource {
            server: Some(server),
            events: SelectAll::new(),
        }
    }
}

impl EventSource for ReverseSource {
    async fn next_delivery(&mut self) -> Option<Delivery> {
        loop {
            let accepting = self.server.is_some();
            let connected = !self.events.is_empty();
            if !accepting && !connected {
                return None;
            }
            let step = {
                let accept = match &mut self.server {
                    Some(server) => server.accept().left_future(),
                    None => std::future::ready(None).right_future(),
                };
                tokio::select! {
                    connection = accept, if accepting => Step::Connection(connection),
                    delivery = self.events.next(), if connected => Step::Event(delivery.map(Box::new)),
                }
            };
            match step {
                Step::Event(Some(delivery)) => return Some(*delivery),
                // Every connection ended; wait for the next.
                Step::Event(None) => {}
                Step::Connection(Some(connection)) => {
                    let client = connection.client().clone();
                    let events = client.events();
                    self.events.push(
                        events
                            .map(move |event| Delivery::new(Incoming::new(event, client.clone())))
                            .boxed(),
                    );
                }
                Step::Connection(None) => self.server = None,
            }
        }
    }
}

/// What the reverse source's wait ended with.
enum Step {
    Connection(Option<ncat_api::reverse::ReverseConnection>),
    Event(Option<Box<Delivery>>),
}

impl IntoEventSource for ReverseServer {
    type Source = ReverseSource;

    fn into_source(self) -> ReverseSource {
        ReverseSource::new(self)
    }
}
