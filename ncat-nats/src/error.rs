//! What can go wrong setting up a gateway or a worker.

use std::borrow::Cow;

/// A failure of this crate's own setup (connecting, subscribing, creating
/// streams); failed calls are [`ncat_api::Error`]s.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// NATS refused or failed an operation.
    #[error("NATS: {context}")]
    Nats {
        /// What was being done.
        context: Cow<'static, str>,
        /// The NATS client's error.
        #[source]
        source: async_nats::Error,
    },
    /// The configuration cannot work.
    #[error("configuration: {0}")]
    Config(Cow<'static, str>),
}

impl Error {
    /// A NATS failure while doing `context`.
    pub(crate) fn nats(
        context: impl Into<Cow<'static, str>>,
        source: impl Into<async_nats::Error>,
    ) -> Error {
        Error::Nats {
            context: context.into(),
            source: source.into(),
        }
    }
}

impl From<crate::subject::InvalidPrefix> for Error {
    fn from(invalid: crate::subject::InvalidPrefix) -> Error {
        Error::Config(invalid.to_string().into())
    }
}
