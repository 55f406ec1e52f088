//! [`Bot`]: a router running on an event source, with graceful shutdown.

use std::future::Future;

use ncat_api::BoxError;
use tokio_util::sync::CancellationToken;
use tower::util::BoxCloneService;
use tower::{Layer, Service, ServiceExt};

use crate::context::Incoming;
use crate::router::{Dispatched, Router};
use crate::source::{Delivery, EventSource, IntoEventSource};

/// The router as the bot calls it, with any tower layers around it.
type BotService = BoxCloneService<Incoming, Dispatched, BoxError>;

/// A [`Router`] running on an [event source](EventSource).
///
/// Each event is routed in a task of its own (so events run concurrently),
/// tracked with tokio-util's `TaskTracker` together with the background
/// tasks handlers start ([`Tasks`](crate::Tasks)). [`Shutdown`] stops
/// taking events, ends waiting conversations, tells background tasks, and
/// [`run`](Self::run) returns once every task has finished.
///
/// ```no_run
/// use ncat_bot::{Bot, Router};
/// use ncat_api::{Client, event::PrivateMessage};
///
/// async fn echo(message: PrivateMessage, client: Client) -> Result<(), ncat_api::Error> {
///     message.reply(&client, message.message.plain_text()).await?;
///     Ok(())
/// }
///
/// # async fn demo() -> Result<(), ncat_api::Error> {
/// let client = Client::builder().url("ws://127.0.0.1:3001").token("s3cret").build()?;
/// let bot = Bot::new(Router::new().on(echo));
/// let shutdown = bot.shutdown_handle();
/// tokio::spawn(async move {
///     let _ = tokio::signal::ctrl_c().await;
///     shutdown.shutdown();
/// });
/// bot.run(client).await;
/// # Ok(()) }
/// ```
pub struct Bot {
    router: Router,
    service: BotService,
    /// Whether layers wrap the router: their errors need the event, which
    /// is then kept for the error hook.
    layered: bool,
}

impl std::fmt::Debug for Bot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Bot")
            .field("router", &self.router)
            .field("layered", &self.layered)
            .finish_non_exhaustive()
    }
}

/// Stops a running [`Bot`]; from [`Bot::shutdown_handle`].
#[derive(Debug, Clone)]
pub struct Shutdown(CancellationToken);

impl Shutdown {
    /// Starts the graceful shutdown: no new events, conversations end with
    /// `None`, background tasks are told; running handlers finish.
    pub fn shutdown(&self) {
        self.0.cancel();
    }

    /// Whether the shutdown has started.
    pub fn is_shutting_down(&self) -> bool {
        self.0.is_cancelled()
    }
}

impl Bot {
    /// A bot routing events with `router`.
    pub fn new(router: Router) -> Self {
        let service = BoxCloneService::new(router.clone().map_err(|never| match never {}));
        Bot {
            router,
            service,
            layered: false,
        }
    }

    /// Wraps the router in a tower layer: a timeout, a concurrency limit,
    /// logging… Layers see every event ([`Incoming`]) and its
    /// [`Dispatched`] result; their errors go to the router's error hook.
    #[must_use]
    pub fn layer<L>(self, layer: L) -> Self
    where
        L: Layer<BotService>,
        L::Service: Service<Incoming, Response = Dispatched> + Clone + Send + 'static,
        <L::Service as Service<Incoming>>::Error: Into<BoxError>,
        <L::Service as Service<Incoming>>::Future: Send + 'static,
    {
        Bot {
            service: BoxCloneService::new(layer.layer(self.service).map_err(Into::into)),
            router: self.router,
            layered: true,
        }
    }

    /// A handle that shuts the bot down.
    pub fn shutdown_handle(&self) -> Shutdown {
        Shutdown(self.router.shared().runtime.shutdown.clone())
    }

    /// Runs until the source ends or [`Shutdown::shutdown`] is called, then
    /// shuts down gracefully and returns once every handler and background
    /// task has finished.
    pub async fn run(self, source: impl IntoEventSource) {
        self.run_until(source, std::future::pending::<()>()).await;
    }

    /// [`run`](Self::run), also shutting down when `signal` completes
    /// (e.g. `tokio::signal::ctrl_c()`).
    pub async fn run_until(self, source: impl IntoEventSource, signal: impl Future) {
        let mut source = source.into_source();
        let runtime = self.router.shared().runtime.clone();
        let mut service = self.service;
        let mut signal = std::pin::pin!(signal);
        loop {
            let delivery = tokio::select! {
                () = runtime.shutdown.cancelled() => break,
                _ = &mut signal => break,
                delivery = source.next_delivery() => match delivery {
                    Some(delivery) => delivery,
                    None => break,
                },
            };
            let Delivery {
                incoming,
                completion,
            } = delivery;
            let event = self.layered.then(|| incoming.event.clone());
            let ready = match service.ready().await {
                Ok(ready) => ready,
                Err(error) => {
                    self.router.report_layer_error(event.as_ref(), error);
                    continue;
                }
            };
            let routed = ready.call(incoming);
            let router = self.router.clone();
            runtime.tasks.spawn(async move {
                let dispatched = match routed.await {
                    Ok(dispatched) => dispatched,
                    Err(error) => {
                        router.report_layer_error(event.as_ref(), error);
                        Dispatched::default()
                    }
                };
                if let Some(completion) = completion {
                    completion(dispatched).await;
                }
            });
        }
        runtime.shutdown.cancel();
        runtime.tasks.close();
        runtime.tasks.wait().await;
    }
}
