//! [`Handler`]: an async fn whose arguments are extractors.

use std::future::Future;
use std::pin::Pin;

use ncat_api::BoxError;

use crate::command::CommandSpec;
use crate::context::EventContext;
use crate::extract::{FromEvent, Rejection};

/// What a running handler resolves to: `Err` goes to the error hook.
pub(crate) type HandlerFuture = Pin<Box<dyn Future<Output = Result<(), BoxError>> + Send>>;

/// A function the router can call for an event: an `async fn` (or a
/// closure returning a future) whose arguments are all [extractors](FromEvent)
/// and which returns `()` or a `Result<(), E>`.
///
/// Implemented for functions of up to 12 arguments; you never implement it
/// yourself. A function whose arguments cannot all be extracted is not a
/// handler, and registering it does not compile:
///
/// ```compile_fail
/// struct NotAnExtractor;
/// async fn handler(_: NotAnExtractor) {}
/// let router = ncat_bot::Router::new().on(handler);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an ncat-bot handler",
    label = "an argument is not an extractor, or the return type is not `()` or a `Result`",
    note = "a handler is an `async fn` returning `()` or `Result<(), E>` whose arguments are all \
            extractors (`FromEvent<{S}>`): an event type (`GroupMessage`, `PrivateMessage`, \
            `MessageEvent`, `Event`, a notice such as `GroupIncrease`), `Client`, `State<T>`, \
            `Cmd<C>`, `Conversation`, `Tasks`, `Plugins` or a filter (`GroupAdmin`, `BotOwner`, \
            `InGroup`, `Private`); implement `FromEvent` for your own argument types, and put \
            shared data in `State<T>` with `Router::with_state`"
)]
pub trait Handler<T, S>: Clone + Send + Sync + 'static {
    /// Extracts the arguments from `cx` and starts the handler; a
    /// [`Rejection`] when an argument does not fit the event.
    #[doc(hidden)]
    fn call(&self, cx: &EventContext, state: &S) -> Result<HandlerFuture, Rejection>;

    /// The commands the handler's arguments parse, for `/help`.
    #[doc(hidden)]
    fn commands(commands: &mut Vec<&'static CommandSpec>);
}

/// What a handler may return: `()` or `Result<(), E>` with an error the
/// error hook can report.
#[diagnostic::on_unimplemented(
    message = "a handler cannot return `{Self}`",
    note = "return `()` or `Result<(), E>` where `E` converts into a boxed error"
)]
pub trait IntoOutcome {
    /// `Ok` when the handler succeeded.
    fn into_outcome(self) -> Result<(), BoxError>;
}

impl IntoOutcome for () {
    fn into_outcome(self) -> Result<(), BoxError> {
        Ok(())
    }
}

impl<E: Into<BoxError>> IntoOutcome for Result<(), E> {
    fn into_outcome(self) -> Result<(), BoxError> {
        self.map_err(Into::into)
    }
}

macro_rules! impl_handler {
    ($($arg:ident),*) => {
        #[allow(non_snake_case, unused_variables)]
        impl<F, Fut, S, $($arg,)*> Handler<($($arg,)*), S> for F
        where
            F: Fn($($arg),*) -> Fut + Clone + Send + Sync + 'static,
            Fut: Future + Send + 'static,
            Fut::Output: IntoOutcome,
            $($arg: FromEvent<S> + Send + 'static,)*
        {
            fn call(&self, cx: &EventContext, state: &S) -> Result<HandlerFuture, Rejection> {
                // Every argument's cheap check first, so an event that fits
                // none of them costs no extraction (no clone, no parse).
                $(
                    if !$arg::fits(cx, state) {
                        return Err(Rejection::Skip);
                    }
                )*
                $(let $arg = $arg::from_event(cx, state)?;)*
                let future = (self)($($arg),*);
                Ok(Box::pin(async move { future.await.into_outcome() }))
            }

            fn commands(commands: &mut Vec<&'static CommandSpec>) {
                $($arg::commands(commands);)*
            }
        }
    };
}

impl_handler!();
impl_handler!(A1);
impl_handler!(A1, A2);
impl_handler!(A1, A2, A3);
impl_handler!(A1, A2, A3, A4);
impl_handler!(A1, A2, A3, A4, A5);
impl_handler!(A1, A2, A3, A4, A5, A6);
impl_handler!(A1, A2, A3, A4, A5, A6, A7);
impl_handler!(A1, A2, A3, A4, A5, A6, A7, A8);
impl_handler!(A1, A2, A3, A4, A5, A6, A7, A8, A9);
impl_handler!(A1, A2, A3, A4, A5, A6, A7, A8, A9, A10);
impl_handler!(A1, A2, A3, A4, A5, A6, A7, A8, A9, A10, A11);
impl_handler!(A1, A2, A3, A4, A5, A6, A7, A8, A9, A10, A11, A12);
