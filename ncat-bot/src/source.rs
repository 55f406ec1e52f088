//! [`EventSource`]: where a bot's events come from, each with the client of
//! the account it came to.

use std::future::Future;

use futures_util::stream::{BoxStream, SelectAll};
use futures_util::{FutureExt, StreamExt};
use ncat_api::event::{Delivery as ApiDelivery, Events};
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
/// forward WebSocket or SSE, through [`ClientSource`]), for a
/// [`ReverseServer`] (every NapCat that connects, through
/// [`ReverseSource`]), for an HTTP POST receiver (`PostServer`, through
/// `PostSource`, feature `post`) and for [`ClientSource::with_events`]
/// over any `Events` stream ([`Events::from_stream`]); ncat-nats (feature
/// `bot`) implements it for NATS workers, acking JetStream events in the
/// completion hook. Implement it for another transport in a few lines:
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
    accounts: Accounts<ReverseServer>,
}

impl std::fmt::Debug for ReverseSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReverseSource")
            .field("server", &self.accounts.server)
            .field("connections", &self.accounts.events.len())
            .finish()
    }
}

impl ReverseSource {
    /// The events of every connection `server` accepts from now on.
    pub fn new(server: ReverseServer) -> Self {
        ReverseSource {
            accounts: Accounts::new(server),
        }
    }
}

impl EventSource for ReverseSource {
    async fn next_delivery(&mut self) -> Option<Delivery> {
        self.accounts.next_delivery().await
    }
}

impl IntoEventSource for ReverseServer {
    type Source = ReverseSource;

    fn into_source(self) -> ReverseSource {
        ReverseSource::new(self)
    }
}

/// A server handing out one client per NapCat account: a reverse
/// WebSocket server, an HTTP POST receiver.
pub(crate) trait AccountServer: Send {
    /// The client of the next account; `None` once the server accepts no
    /// more.
    fn accept_client(&mut self) -> impl Future<Output = Option<Client>> + Send;
}

impl AccountServer for ReverseServer {
    async fn accept_client(&mut self) -> Option<Client> {
        let connection = self.accept().await?;
        Some(connection.client().clone())
    }
}

/// The events of every account a server accepts, each with its client.
pub(crate) struct Accounts<S> {
    /// `None` once the server accepts no more accounts.
    pub(crate) server: Option<S>,
    pub(crate) events: SelectAll<BoxStream<'static, Delivery>>,
}

impl<S: AccountServer> Accounts<S> {
    pub(crate) fn new(server: S) -> Self {
        Accounts {
            server: Some(server),
            events: SelectAll::new(),
        }
    }

    /// The next event of any account, taking new accounts meanwhile;
    /// `None` once the server accepts no more and every account's events
    /// have ended.
    pub(crate) async fn next_delivery(&mut self) -> Option<Delivery> {
        loop {
            let accepting = self.server.is_some();
            let connected = !self.events.is_empty();
            if !accepting && !connected {
                return None;
            }
            let step = {
                let accept = match &mut self.server {
                    Some(server) => server.accept_client().left_future(),
                    None => std::future::ready(None).right_future(),
                };
                tokio::select! {
                    client = accept, if accepting => Step::Account(client),
                    delivery = self.events.next(), if connected => Step::Event(delivery.map(Box::new)),
                }
            };
            match step {
                Step::Event(Some(delivery)) => return Some(*delivery),
                // Every account's events ended; wait for the next account.
                Step::Event(None) => {}
                Step::Account(Some(client)) => self.events.push(deliveries(client)),
                Step::Account(None) => self.server = None,
            }
        }
    }
}

/// What waiting on a multi-account server ended with.
enum Step {
    Account(Option<Client>),
    Event(Option<Box<Delivery>>),
}

/// The events of `client`, each a delivery with that client. An event whose
/// source waits for its handler (an HTTP POST response held open for a
/// quick operation) keeps it waiting until the bot's handlers return: its
/// [`Handled`](ncat_api::event::Handled) goes into the completion hook.
fn deliveries(client: Client) -> BoxStream<'static, Delivery> {
    futures_util::stream::unfold(client.events(), move |mut events| {
        let client = client.clone();
        async move {
            loop {
                match events.next_delivery().await? {
                    ApiDelivery::Event { event, handled, .. } => {
                        let incoming = Incoming::new(event, client);
                        let delivery = if handled.is_waiting() {
                            Delivery::with_completion(incoming, move |_| {
                                drop(handled);
                                Box::pin(std::future::ready(()))
                            })
                        } else {
                            Delivery::new(incoming)
                        };
                        return Some((delivery, events));
                    }
                    // Counted by the stream and logged; the bot goes on
                    // with the events it has.
                    ApiDelivery::Lost(_) => {}
                    // A kind of delivery added later carries no event.
                    _ => {}
                }
            }
        }
    })
    .boxed()
}
