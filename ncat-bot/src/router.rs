//! [`Router`]: handlers, their options, and routing an event to them.

use std::collections::HashMap;
use std::convert::Infallible;
use std::fmt;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};

use futures_util::FutureExt;
use futures_util::future::join_all;
use ncat_api::event::{Event, MessageEvent};
use ncat_api::{BoxError, UserId};
use tokio::sync::watch;

use crate::activity::Activity;
use crate::clock::BotClock;
use crate::command::{CommandSpec, Prefix, help_text};
use crate::context::{EventContext, Incoming};
use crate::cooldown::Cooldown;
use crate::extract::Rejection;
use crate::failure::{Failure, HandlerError};
use crate::filter::Filter;
use crate::handler::{Handler, HandlerFuture};
use crate::key::{Key, Per};
use crate::plugin::Plugins;
use crate::shared::Shared;

type Call<S> = Arc<dyn Fn(&EventContext, &S) -> Result<HandlerFuture, Rejection> + Send + Sync>;

/// A handler with its options: filters, a cooldown, a name for errors.
///
/// ```
/// use std::time::Duration;
/// use ncat_bot::{Cooldown, Route, Router, filter};
/// use ncat_api::event::GroupMessage;
///
/// async fn announce(_: GroupMessage) {}
///
/// let router: Router = Router::new().route(
///     Route::new(announce)
///         .filter(filter::group_admin() | filter::bot_owner())
///         .cooldown(Cooldown::per_chat(Duration::from_secs(60)).reply("once a minute")),
/// );
/// ```
pub struct Route<S = ()> {
    name: &'static str,
    call: Call<S>,
    commands: Vec<&'static CommandSpec>,
    filters: Vec<Filter>,
    cooldown: Option<Arc<Cooldown>>,
    plugin: Option<Arc<AtomicBool>>,
}

impl<S> Clone for Route<S> {
    fn clone(&self) -> Self {
        Route {
            name: self.name,
            call: Arc::clone(&self.call),
            commands: self.commands.clone(),
            filters: self.filters.clone(),
            cooldown: self.cooldown.clone(),
            plugin: self.plugin.clone(),
        }
    }
}

impl<S> fmt::Debug for Route<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Route")
            .field("name", &self.name)
            .field("commands", &self.commands.len())
            .field("filters", &self.filters.len())
            .field("cooldown", &self.cooldown)
            .finish_non_exhaustive()
    }
}

impl<S: 'static> Route<S> {
    /// A route to `handler`, named after its function for the error hook.
    pub fn new<H, T>(handler: H) -> Self
    where
        H: Handler<T, S>,
    {
        let mut commands = Vec::new();
        H::commands(&mut commands);
        Route {
            name: std::any::type_name::<H>(),
            call: Arc::new(move |cx, state| handler.call(cx, state)),
            commands,
            filters: Vec::new(),
            cooldown: None,
            plugin: None,
        }
    }

    /// Runs the handler only for events that pass `filter` (several
    /// filters must all pass).
    #[must_use]
    pub fn filter(mut self, filter: Filter) -> Self {
        self.filters.push(filter);
        self
    }

    /// Limits how often the handler runs. Checked after every argument was
    /// extracted, so only events the handler would run for count.
    #[must_use]
    pub fn cooldown(mut self, cooldown: Cooldown) -> Self {
        self.cooldown = Some(Arc::new(cooldown));
        self
    }

    /// The name the error hook reports (default: the handler's path).
    #[must_use]
    pub fn name(mut self, name: &'static str) -> Self {
        self.name = name;
        self
    }

    /// The route for a router without state: `state` goes to every call.
    fn with_state(self, state: S) -> Route<()>
    where
        S: Send + Sync + 'static,
    {
        let call = self.call;
        Route {
            name: self.name,
            call: Arc::new(move |cx, ()| call(cx, &state)),
            commands: self.commands,
            filters: self.filters,
            cooldown: self.cooldown,
            plugin: self.plugin,
        }
    }
}

impl Route<()> {
    /// The route inside a router with state `S`, which it ignores.
    fn in_router<S>(self) -> Route<S> {
        let call = self.call;
        Route {
            name: self.name,
            call: Arc::new(move |cx, _| call(cx, &())),
            commands: self.commands,
            filters: self.filters,
            cooldown: self.cooldown,
            plugin: self.plugin,
        }
    }
}

/// What routing an event did: the tower `Service` response of a [`Router`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Dispatched {
    /// Handlers that ran (or answered instead: a usage line, a cooldown).
    pub handled: usize,
    /// Handlers that failed or panicked.
    pub failed: usize,
    /// A waiting [`Conversation`](crate::Conversation) took the message.
    pub taken_by_conversation: bool,
}

/// The handlers of a bot and how events reach them. `S` is the state its
/// handlers take with [`State`](crate::State); a router runs once it has
/// it ([`with_state`](Self::with_state)), as a `Router<()>`.
///
/// Every handler whose arguments fit an event runs, in the order they were
/// added, one after the other; an event that fits none is dropped (a
/// `help` command is answered with the command list). Different events run
/// concurrently unless [`one_at_a_time`](Self::one_at_a_time) says
/// otherwise.
///
/// A `Router<()>` is a [`tower::Service`] taking [`Incoming`] events, so
/// tower layers wrap it (see [`Bot::layer`](crate::Bot::layer)).
pub struct Router<S = ()> {
    inner: Arc<Inner<S>>,
}

struct Inner<S> {
    routes: Vec<Route<S>>,
    shared: Arc<Shared>,
}

impl<S> Clone for Inner<S> {
    fn clone(&self) -> Self {
        Inner {
            routes: self.routes.clone(),
            shared: Arc::clone(&self.shared),
        }
    }
}

impl<S> Clone for Router<S> {
    fn clone(&self) -> Self {
        Router {
            inner: Arc::clone(&self.inner),
        }
    }
}

impl<S> fmt::Debug for Router<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Router")
            .field("routes", &self.inner.routes)
            .field("shared", &self.inner.shared)
            .finish()
    }
}

impl<S: 'static> Default for Router<S> {
    fn default() -> Self {
        Router::new()
    }
}

impl<S: 'static> Router<S> {
    /// A router without handlers; commands start with `/`.
    pub fn new() -> Self {
        Router {
            inner: Arc::new(Inner {
                routes: Vec::new(),
                shared: Arc::new(Shared::default()),
            }),
        }
    }

    fn edit(mut self, edit: impl FnOnce(&mut Inner<S>)) -> Self {
        edit(Arc::make_mut(&mut self.inner));
        self
    }

    fn edit_shared(self, edit: impl FnOnce(&mut Shared)) -> Self {
        self.edit(|inner| edit(Arc::make_mut(&mut inner.shared)))
    }

    /// Adds a handler (see [`Handler`]): it runs for every event its
    /// arguments can be extracted from.
    #[must_use]
    pub fn on<H, T>(self, handler: H) -> Self
    where
        H: Handler<T, S>,
    {
        self.route(Route::new(handler))
    }

    /// Adds a handler with options.
    #[must_use]
    pub fn route(self, route: Route<S>) -> Self {
        self.edit(|inner| {
            Arc::make_mut(&mut inner.shared)
                .commands
                .extend(&route.commands);
            inner.routes.push(route);
        })
    }

    /// Adds the routes of `other`, a router whose state is set. The
    /// settings of `self` (prefixes, owners, error hook…) apply to them.
    #[must_use]
    pub fn merge(self, other: Router<()>) -> Self {
        self.merge_routes(other, None)
    }

    /// Adds `plugin`'s routes under `name`, to be switched off and on while
    /// the bot runs ([`Plugins`]). A plugin with its own state is a router
    /// given it with [`with_state`](Self::with_state).
    #[must_use]
    pub fn plugin(self, name: impl Into<String>, plugin: Router<()>) -> Self {
        let switch = Arc::new(AtomicBool::new(true));
        self.edit_shared(|shared| shared.plugins.push((name.into(), Arc::clone(&switch))))
            .merge_routes(plugin, Some(switch))
    }

    fn merge_routes(self, other: Router<()>, switch: Option<Arc<AtomicBool>>) -> Self {
        let other = Arc::unwrap_or_clone(other.inner);
        self.edit(|inner| {
            let shared = Arc::make_mut(&mut inner.shared);
            shared.plugins.extend(other.shared.plugins.iter().cloned());
            for mut route in other.routes {
                shared.commands.extend(&route.commands);
                if route.plugin.is_none() {
                    route.plugin.clone_from(&switch);
                }
                inner.routes.push(route.in_router());
            }
        })
    }

    /// Gives the handlers their state: a router that can run.
    pub fn with_state(self, state: S) -> Router<()>
    where
        S: Clone + Send + Sync + 'static,
    {
        let inner = Arc::unwrap_or_clone(self.inner);
        Router {
            inner: Arc::new(Inner {
                routes: inner
                    .routes
                    .into_iter()
                    .map(|route| route.with_state(state.clone()))
                    .collect(),
                shared: inner.shared,
            }),
        }
    }

    /// What commands start with, tried in order (default `/`). `""` makes
    /// every message a possible command; [`Prefix::Mention`] an @-mention
    /// of the bot.
    #[must_use]
    pub fn prefixes(self, prefixes: impl IntoIterator<Item = impl Into<Prefix>>) -> Self {
        let prefixes = prefixes.into_iter().map(Into::into).collect();
        self.edit_shared(|shared| shared.prefixes = prefixes)
    }

    /// The bot's owners, for [`filter::bot_owner`](crate::filter::bot_owner)
    /// and [`BotOwner`](crate::filter::BotOwner).
    #[must_use]
    pub fn owners(self, owners: impl IntoIterator<Item = impl Into<UserId>>) -> Self {
        let owners = owners.into_iter().map(Into::into).collect();
        self.edit_shared(|shared| shared.owners = owners)
    }

    /// Leaves `help` commands to the handlers (by default the router
    /// answers them with the command list).
    #[must_use]
    pub fn without_help(self) -> Self {
        self.edit_shared(|shared| shared.help = false)
    }

    /// Routes the events of each user, chat or the whole bot one at a time,
    /// in arrival order (default: every event at once). Waiting
    /// conversations still get their messages.
    #[must_use]
    pub fn one_at_a_time(self, per: Per) -> Self {
        self.edit_shared(|shared| shared.serial = Some(per))
    }

    /// Where handlers' errors and panics go (default: a `tracing` error).
    #[must_use]
    pub fn on_error(self, hook: impl Fn(HandlerError<'_>) + Send + Sync + 'static) -> Self {
        self.edit_shared(|shared| shared.on_error = Arc::new(hook))
    }

    /// Uses `clock` for cooldowns and conversation timeouts (the test
    /// harness's manual clock).
    #[must_use]
    #[cfg_attr(not(feature = "test-harness"), allow(dead_code))]
    pub(crate) fn clock(self, clock: BotClock) -> Self {
        self.edit_shared(|shared| shared.clock = clock)
    }

    /// The commands of every handler, for help texts of your own.
    pub fn commands(&self) -> &[&'static CommandSpec] {
        &self.inner.shared.commands
    }
}

impl Router<()> {
    /// Switches the router's plugins off and on.
    pub fn plugins(&self) -> Plugins {
        Plugins::new(&self.inner.shared)
    }

    pub(crate) fn shared(&self) -> &Arc<Shared> {
        &self.inner.shared
    }

    /// Reports an error of a tower layer around the router, for `event`
    /// (`None`: the layer failed before taking one).
    pub(crate) fn report_layer_error(&self, event: Option<&Event>, error: BoxError) {
        let unknown = Event::Unknown(serde_json::Value::Null);
        report(
            &self.inner.shared,
            "router",
            event.unwrap_or(&unknown),
            Failure::Error(error),
        );
    }

    /// Routes one event; what the tower `Service` calls.
    fn dispatch(&self, incoming: Incoming) -> impl Future<Output = Dispatched> + Send + 'static {
        let running = Running::start(&self.inner.shared.runtime.activity);
        let inner = Arc::clone(&self.inner);
        async move {
            let _running = running;
            inner.dispatch(incoming).await
        }
    }
}

/// Counts an event as being routed while it lives.
struct Running(Arc<watch::Sender<Activity>>);

impl Running {
    fn start(activity: &Arc<watch::Sender<Activity>>) -> Self {
        activity.send_modify(|activity| activity.running += 1);
        Running(Arc::clone(activity))
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.0.send_modify(|activity| activity.running -= 1);
    }
}

impl Inner<()> {
    async fn dispatch(&self, incoming: Incoming) -> Dispatched {
        let shared = &self.shared;
        if shared.runtime.waiters.offer(&incoming.event) {
            return Dispatched {
                taken_by_conversation: true,
                ..Dispatched::default()
            };
        }
        let cx = EventContext::new(incoming, Arc::clone(shared));
        let _turn = match shared.serial.and_then(|per| cx.key(per)) {
            Some(key) => Some(self.turn(key).await),
            None => None,
        };
        let mut dispatched = Dispatched::default();
        let mut started = Vec::new();
        for route in &self.routes {
            if route
                .plugin
                .as_ref()
                .is_some_and(|switch| !switch.load(Ordering::Relaxed))
                || !route.filters.iter().all(|filter| filter.allows(&cx))
            {
                continue;
            }
            // The cooldown counts only events the handler would run for.
            let start = (route.call)(&cx, &()).and_then(|future| {
                if let Some(cooldown) = &route.cooldown {
                    cooldown.take(&cx)?;
                }
                Ok(future)
            });
            match start {
                Ok(future) => started.push((route.name, Started::Handler(future))),
                Err(Rejection::Skip) => continue,
                Err(Rejection::Silent) => {}
                Err(Rejection::Reply(text)) => started.push((route.name, Started::Answer(text))),
            }
            dispatched.handled += 1;
        }
        // `help`, unless a command of the bot's own is called that.
        if shared.help
            && cx.command_name() == Some("help")
            && !shared.commands.iter().any(|spec| spec.answers_to("help"))
        {
            let help = help_text(&shared.commands, cx.command_prefix());
            started.push(("help", Started::Answer(help)));
            dispatched.handled += 1;
        }
        // Every handler the event fits runs at once: one waiting in a
        // conversation does not hold up the others.
        let finish = |(name, started): (&'static str, Started)| {
            let cx = &cx;
            async move {
                let failure = match started {
                    Started::Handler(future) => run(future).await.err(),
                    Started::Answer(text) => answer(cx, text)
                        .await
                        .err()
                        .map(|error| Failure::Error(error.into())),
                };
                failure
                    .map(|failure| self.report(name, cx, failure))
                    .is_some()
            }
        };
        dispatched.failed = if started.len() == 1 {
            match started.pop() {
                Some(only) => usize::from(finish(only).await),
                None => 0,
            }
        } else {
            join_all(started.into_iter().map(finish))
                .await
                .into_iter()
                .filter(|failed| *failed)
                .count()
        };
        dispatched
    }

    fn report(&self, handler: &str, cx: &EventContext, failure: Failure) {
        report(&self.shared, handler, cx.event(), failure);
    }

    /// Waits for the turn of `key` (one event at a time per key).
    async fn turn(&self, key: Key) -> Turn {
        let serial = &self.shared.runtime.serial;
        let lock = {
            let mut locks = serial.lock().unwrap_or_else(PoisonError::into_inner);
            Arc::clone(locks.entry(key).or_default())
        };
        let guard = Arc::clone(&lock).lock_owned().await;
        Turn {
            guard: Some(guard),
            lock,
            key,
            locks: Arc::clone(serial),
        }
    }
}

/// What routing starts for one route.
enum Started {
    /// The handler, to run.
    Handler(HandlerFuture),
    /// A text to answer instead (a usage line, a cooldown's reply, help).
    Answer(String),
}

/// One key's turn; the key's lock is dropped with the last turn.
struct Turn {
    guard: Option<tokio::sync::OwnedMutexGuard<()>>,
    lock: Arc<tokio::sync::Mutex<()>>,
    key: Key,
    locks: Arc<Mutex<HashMap<Key, Arc<tokio::sync::Mutex<()>>>>>,
}

impl Drop for Turn {
    fn drop(&mut self) {
        drop(self.guard.take());
        let mut locks = self.locks.lock().unwrap_or_else(PoisonError::into_inner);
        // The map's and ours: nobody else waits for this key.
        if Arc::strong_count(&self.lock) == 2 {
            locks.remove(&self.key);
        }
    }
}

/// Hands `failure` to the error hook, which must not take the bot down
/// either.
fn report(shared: &Shared, handler: &str, event: &Event, failure: Failure) {
    let hook = &shared.on_error;
    let report = AssertUnwindSafe(|| {
        hook(HandlerError {
            handler,
            event,
            failure,
        });
    });
    if std::panic::catch_unwind(report).is_err() {
        tracing::error!(handler, "the error hook panicked");
    }
}

/// Runs a handler, catching its panic.
async fn run(future: HandlerFuture) -> Result<(), Failure> {
    match AssertUnwindSafe(future).catch_unwind().await {
        Ok(Ok(())) => Ok(()),
        Ok(Err(error)) => Err(Failure::Error(error)),
        Err(panic) => Err(Failure::Panic(panic_message(&*panic))),
    }
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    if let Some(message) = panic.downcast_ref::<&str>() {
        (*message).to_owned()
    } else if let Some(message) = panic.downcast_ref::<String>() {
        message.clone()
    } else {
        "a panic without a message".to_owned()
    }
}

/// Answers the chat the event came from with `text`.
async fn answer(cx: &EventContext, text: String) -> Result<(), ncat_api::Error> {
    match cx.message() {
        Some(MessageEvent::Group(message)) => message.reply(cx.client(), text).await.map(drop),
        Some(MessageEvent::Private(message)) => message.reply(cx.client(), text).await.map(drop),
        _ => Ok(()),
    }
}

/// The future of one routed event.
pub type DispatchFuture = Pin<Box<dyn Future<Output = Result<Dispatched, Infallible>> + Send>>;

impl tower::Service<Incoming> for Router<()> {
    type Response = Dispatched;
    type Error = Infallible;
    type Future = DispatchFuture;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, incoming: Incoming) -> DispatchFuture {
        Box::pin(self.dispatch(incoming).map(Ok))
    }
}
