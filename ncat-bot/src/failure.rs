//! What handlers report when they fail: [`HandlerError`] and [`Failure`],
//! and the hook they go to.

use std::fmt;
use std::sync::Arc;

use ncat_api::BoxError;
use ncat_api::event::Event;

/// What handlers report errors and panics to; see
/// [`Router::on_error`](crate::Router::on_error).
pub(crate) type ErrorHook = Arc<dyn Fn(HandlerError<'_>) + Send + Sync>;

/// A handler that failed or panicked, as the error hook gets it.
#[derive(Debug)]
pub struct HandlerError<'a> {
    /// The handler (its function's path, or the route's
    /// [name](crate::Route::name)); `"router"` for an error of a tower layer
    /// around the router.
    pub handler: &'a str,
    /// The event it was handling.
    pub event: &'a Event,
    /// What went wrong.
    pub failure: Failure,
}

/// How a handler went wrong.
#[derive(Debug)]
#[non_exhaustive]
pub enum Failure {
    /// It returned an error.
    Error(BoxError),
    /// It panicked, with this message.
    Panic(String),
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Error(error) => write!(f, "failed: {error}"),
            Failure::Panic(message) => write!(f, "panicked: {message}"),
        }
    }
}

/// The default error hook: a `tracing` error.
pub(crate) fn log_error(error: HandlerError<'_>) {
    tracing::error!(
        handler = error.handler,
        post_type = error.event.post_type(),
        "handler {}",
        error.failure
    );
}
