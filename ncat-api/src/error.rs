//! The error type every call returns.

use std::borrow::Cow;
use std::error::Error as StdError;
use std::fmt;
use std::io;
use std::path::PathBuf;
use std::time::Duration;

use crate::version::Version;

/// A boxed error from a transport or a configuration step, kept as the
/// [`source`](StdError::source) of an [`Error`].
pub type BoxError = Box<dyn StdError + Send + Sync + 'static>;

/// Why a call failed.
///
/// Every variant except [`Error::Config`] names the action that failed, so a
/// log line says which call went wrong; [`Error::action`] reads it without a
/// `match`. Causes (I/O errors, JSON errors) are exposed through
/// [`source`](StdError::source), not repeated in the message: print the
/// whole chain (e.g. `{:#}` with `anyhow`) to see them.
///
/// New variants and fields may be added in minor releases. Transports written
/// outside this crate build their errors with [`Error::transport`] and
/// [`Error::unauthorized`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The request never got an answer: connecting, writing or reading failed.
    #[error("transport failed while calling `{action}`")]
    #[non_exhaustive]
    Transport {
        /// The action being called.
        action: Cow<'static, str>,
        /// What the transport reported.
        #[source]
        source: BoxError,
    },

    /// No reply arrived within the call's timeout (see
    /// [`Call::call_timeout`](crate::Call::call_timeout)). NapCat may still
    /// carry the action out.
    #[error("`{action}` timed out after {duration:?}")]
    #[non_exhaustive]
    Timeout {
        /// The action being called.
        action: Cow<'static, str>,
        /// The timeout that elapsed.
        duration: Duration,
    },

    /// The WebSocket connection closed (or broke) before the reply arrived,
    /// or the client is disconnected and will not reconnect. NapCat may
    /// still have carried the action out.
    #[error("the connection to NapCat closed while calling `{action}`")]
    #[non_exhaustive]
    Disconnected {
        /// The action being called.
        action: Cow<'static, str>,
        /// Why the connection ended, when the transport knows (also the
        /// error's [`source`](StdError::source)).
        #[source]
        reason: Option<DisconnectReason>,
    },

    /// A WebSocket stream action's frames arrived faster than its
    /// [`FrameStream`](crate::stream::FrameStream) was read, and its buffer
    /// ([`ClientBuilder::stream_buffer`](crate::ClientBuilder::stream_buffer))
    /// filled up. This stream ends here; the connection and every other
    /// call on it carry on. Read frames promptly (or spawn slow work) to
    /// avoid it.
    #[error("`{action}`: the stream fell more than {limit} bytes behind its frames")]
    #[non_exhaustive]
    StreamOverflow {
        /// The stream action.
        action: Cow<'static, str>,
        /// The buffer limit in bytes.
        limit: usize,
    },

    /// NapCat rejected the access token (HTTP 401 or 403, or retcode 1403
    /// on a WebSocket): it is missing or wrong.
    #[error("NapCat rejected the access token while calling `{action}`")]
    #[non_exhaustive]
    Unauthorized {
        /// The action being called.
        action: Cow<'static, str>,
    },

    /// NapCat ran (or refused to run) the action and reported a failure.
    #[error(transparent)]
    Action(#[from] ActionError),

    /// The server answered with an HTTP status NapCat does not use for
    /// replies, e.g. a reverse proxy's 502.
    #[error("`{action}`: unexpected HTTP status {status}")]
    #[non_exhaustive]
    HttpStatus {
        /// The action being called.
        action: Cow<'static, str>,
        /// The HTTP status code.
        status: u16,
        /// The response body, for diagnosis.
        body: String,
    },

    /// A reply (or one stream frame) was larger than the client's limit
    /// ([`ClientBuilder::max_reply_size`](crate::ClientBuilder::max_reply_size),
    /// [`Client::DEFAULT_MAX_REPLY_SIZE`](crate::Client::DEFAULT_MAX_REPLY_SIZE)
    /// by default), so reading it stopped there instead of buffering without
    /// bound. NapCat may still have carried the action out.
    #[error("`{action}`: the reply is larger than the {limit}-byte limit")]
    #[non_exhaustive]
    ReplyTooLarge {
        /// The action being called.
        action: Cow<'static, str>,
        /// The limit in bytes that the reply exceeded.
        limit: usize,
    },

    /// The reply is not a OneBot envelope (not JSON, or missing `status` /
    /// `retcode`). Often means the URL points at something other than
    /// NapCat's HTTP API.
    #[error("`{action}`: the reply is not a OneBot response envelope")]
    #[non_exhaustive]
    MalformedReply {
        /// The action being called.
        action: Cow<'static, str>,
        /// The reply exactly as received.
        body: String,
        /// Why it could not be read as an envelope.
        #[source]
        source: serde_json::Error,
    },

    /// The action succeeded, but its `data` does not have the shape ncat
    /// expects. Usually a NapCat version whose reply differs from the schema;
    /// [`Client::call_raw`](crate::Client::call_raw) still reaches the data.
    #[error("`{action}`: the reply data does not match the expected type")]
    #[non_exhaustive]
    Decode {
        /// The action being called.
        action: Cow<'static, str>,
        /// The reply's `data` as raw JSON (`null` when absent).
        data: String,
        /// What did not match.
        #[source]
        source: serde_json::Error,
    },

    /// The parameters could not be serialized to JSON (e.g. a map with
    /// non-string keys in a raw `serde_json::Value`-like type).
    #[error("`{action}`: the parameters could not be serialized")]
    #[non_exhaustive]
    Encode {
        /// The action being called.
        action: Cow<'static, str>,
        /// The serializer's complaint.
        #[source]
        source: serde_json::Error,
    },

    /// The request breaks a parameter rule of its action (such as "exactly
    /// one of `file`, `file_id`"), so it was not sent.
    #[error(transparent)]
    InvalidParams(#[from] crate::ParamGroupError),
    /// The connected NapCat is older than the release that introduced the
    /// action, or a parameter that was set, so nothing was sent. Only with
    /// [`VersionPolicy::Strict`](crate::VersionPolicy::Strict).
    #[error(
        "`{action}`{}: needs NapCat {since} or newer, but NapCat {connected} is connected",
        parameter.as_ref().map(|parameter| format!(" parameter `{parameter}`")).unwrap_or_default()
    )]
    #[non_exhaustive]
    Unsupported {
        /// The action being called.
        action: Cow<'static, str>,
        /// The parameter (wire name) that needs a newer NapCat; `None` when
        /// the action itself does.
        parameter: Option<Cow<'static, str>>,
        /// The release that introduced it.
        since: Version,
        /// The connected NapCat's release.
        connected: Version,
    },

    /// A file uploaded with
    /// [`Client::upload_local_file`](crate::Client::upload_local_file)
    /// arrived with a different SHA-256 than the local file's.
    #[error(
        "`{action}`: NapCat's SHA-256 of the upload is {actual}, the local file's is {expected}"
    )]
    #[non_exhaustive]
    ChecksumMismatch {
        /// The action being called.
        action: Cow<'static, str>,
        /// The local file's SHA-256, lowercase hex.
        expected: String,
        /// The SHA-256 NapCat reported, as sent.
        actual: String,
    },

    /// A local file to be sent could not be read.
    #[error("`{action}`: could not read {}", path.display())]
    #[non_exhaustive]
    LocalFile {
        /// The action being called.
        action: Cow<'static, str>,
        /// The file.
        path: PathBuf,
        /// What the file system reported.
        #[source]
        source: io::Error,
    },

    /// A message to send had no segments, so no request was made (NapCat
    /// would refuse it). Returned by the ncatbot-style conveniences, such
    /// as [`Client::post_group_msg`](crate::Client::post_group_msg), when
    /// none of their parts was set.
    #[error("`{action}`: the message is empty, so nothing was sent")]
    #[non_exhaustive]
    EmptyMessage {
        /// The action that would have sent the message.
        action: Cow<'static, str>,
    },

    /// The client was configured with unusable input (bad URL, a token that
    /// cannot go into an HTTP header, conflicting options).
    #[error("invalid client configuration: {message}")]
    #[non_exhaustive]
    Config {
        /// What is wrong. Never contains the token.
        message: Cow<'static, str>,
        /// The underlying parse error, if any.
        #[source]
        source: Option<BoxError>,
    },
}

impl Error {
    /// A transport failure (connection refused, socket closed, …) while
    /// calling `action`. For [`Transport`](crate::Transport) implementations.
    pub fn transport(action: impl Into<Cow<'static, str>>, source: impl Into<BoxError>) -> Self {
        Error::Transport {
            action: action.into(),
            source: source.into(),
        }
    }

    /// The server rejected the access token while `action` was called. For
    /// [`Transport`](crate::Transport) implementations.
    pub fn unauthorized(action: impl Into<Cow<'static, str>>) -> Self {
        Error::Unauthorized {
            action: action.into(),
        }
    }

    /// The connection closed before `action` got its reply. For
    /// [`Transport`](crate::Transport) implementations.
    pub fn disconnected(action: impl Into<Cow<'static, str>>) -> Self {
        Error::Disconnected {
            action: action.into(),
            reason: None,
        }
    }

    pub(crate) fn disconnected_because(
        action: impl Into<Cow<'static, str>>,
        reason: DisconnectReason,
    ) -> Self {
        Error::Disconnected {
            action: action.into(),
            reason: Some(reason),
        }
    }

    pub(crate) fn config(message: impl Into<Cow<'static, str>>) -> Self {
        Error::Config {
            message: message.into(),
            source: None,
        }
    }

    #[cfg_attr(not(any(feature = "http", feature = "ws")), allow(dead_code))]
    pub(crate) fn config_caused_by(
        message: impl Into<Cow<'static, str>>,
        source: impl Into<BoxError>,
    ) -> Self {
        Error::Config {
            message: message.into(),
            source: Some(source.into()),
        }
    }

    /// The action whose call failed; `None` for [`Error::Config`].
    pub fn action(&self) -> Option<&str> {
        match self {
            Error::Transport { action, .. }
            | Error::Timeout { action, .. }
            | Error::Unauthorized { action }
            | Error::Disconnected { action, .. }
            | Error::StreamOverflow { action, .. }
            | Error::EmptyMessage { action }
            | Error::ChecksumMismatch { action, .. }
            | Error::LocalFile { action, .. }
            | Error::HttpStatus { action, .. }
            | Error::ReplyTooLarge { action, .. }
            | Error::MalformedReply { action, .. }
            | Error::Decode { action, .. }
            | Error::Encode { action, .. }
            | Error::Unsupported { action, .. } => Some(action),
            Error::Action(error) => Some(&error.action),
            Error::InvalidParams(error) => Some(error.action),
            Error::Config { .. } => None,
        }
    }

    /// Why the connection ended, for an [`Error::Disconnected`] whose
    /// transport knows; `None` for any other error.
    ///
    /// ```
    /// # fn retry_later(error: &ncat_api::Error) -> bool {
    /// use ncat_api::DisconnectReason;
    /// // NapCat went silent: the client reconnects, so the call may be retried.
    /// matches!(error.disconnect_reason(), Some(DisconnectReason::Unresponsive { .. }))
    /// # }
    /// ```
    pub fn disconnect_reason(&self) -> Option<&DisconnectReason> {
        match self {
            Error::Disconnected { reason, .. } => reason.as_ref(),
            _ => None,
        }
    }
}

/// Why a WebSocket connection to NapCat ended: the
/// [`source`](StdError::source) of [`Error::Disconnected`].
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum DisconnectReason {
    /// NapCat closed the connection (a close frame, or the socket reached
    /// its end).
    #[error("NapCat closed the connection")]
    Closed,
    /// A message larger than the client's limit arrived
    /// ([`ClientBuilder::max_reply_size`](crate::ClientBuilder::max_reply_size)),
    /// so the connection had to be closed: WebSocket cannot skip a message.
    /// Which call it answered cannot be known, so every call in flight
    /// fails with this reason.
    #[error("a message larger than the {limit}-byte limit arrived, so the connection was closed")]
    MessageTooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// Nothing arrived, not even the answer to a ping, for this long
    /// ([`KeepAlive`](crate::KeepAlive)): NapCat or the network is gone.
    #[error("NapCat sent nothing, not even a pong, for {silent_for:?}")]
    Unresponsive {
        /// How long the connection was silent.
        silent_for: Duration,
    },
    /// Reading or writing the socket failed.
    #[error("the connection broke")]
    Broken(#[source] std::sync::Arc<dyn StdError + Send + Sync>),
}

/// NapCat answered `status: "failed"`: the action was refused or did not
/// succeed.
///
/// `message` and `wording` are NapCat's human-readable texts (often Chinese,
/// and they change between versions): show them, don't parse them. Branch on
/// [`kind`](Self::kind) or `retcode` instead.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ActionError {
    /// The action that failed.
    pub action: Cow<'static, str>,
    /// NapCat's return code. Over HTTP: 400 bad parameters, 200 unknown
    /// action or runtime failure. Over WebSocket: 1400, 1404, 1200.
    pub retcode: i64,
    /// The error text (empty when NapCat sent none).
    pub message: String,
    /// The go-cqhttp style copy of the error text (empty when absent).
    pub wording: String,
}

impl ActionError {
    /// Classifies [`retcode`](Self::retcode).
    ///
    /// Over HTTP NapCat reports unknown actions with the same retcode (200)
    /// as runtime failures, so they are [`ActionErrorKind::Failed`] there.
    pub fn kind(&self) -> ActionErrorKind {
        match self.retcode {
            400 | 1400 => ActionErrorKind::BadParams,
            1404 => ActionErrorKind::UnknownAction,
            1401 | 1403 => ActionErrorKind::Unauthorized,
            _ => ActionErrorKind::Failed,
        }
    }
}

impl fmt::Display for ActionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` failed with retcode {}", self.action, self.retcode)?;
        if !self.message.is_empty() {
            write!(f, ": {}", self.message)?;
        }
        Ok(())
    }
}

impl StdError for ActionError {}

/// The broad class of an [`ActionError`], derived from its retcode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ActionErrorKind {
    /// The parameters were rejected (retcode 400 over HTTP, 1400 over
    /// WebSocket), including a request body NapCat could not parse.
    BadParams,
    /// NapCat does not know the action (retcode 1404; WebSocket only).
    UnknownAction,
    /// Not allowed (retcode 1401 or 1403).
    Unauthorized,
    /// Any other failure: the action ran and failed (not in the group,
    /// message not found, QQ timed out, …).
    Failed,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn action_error(retcode: i64, message: &str) -> ActionError {
        ActionError {
            action: Cow::Borrowed("get_msg"),
            retcode,
            message: message.to_owned(),
            wording: message.to_owned(),
        }
    }

    #[test]
    fn retcodes_map_to_kinds() {
        let kind = |retcode| action_error(retcode, "").kind();
        assert_eq!(kind(400), ActionErrorKind::BadParams);
        assert_eq!(kind(1400), ActionErrorKind::BadParams);
        assert_eq!(kind(1404), ActionErrorKind::UnknownAction);
        assert_eq!(kind(1401), ActionErrorKind::Unauthorized);
        assert_eq!(kind(1403), ActionErrorKind::Unauthorized);
        assert_eq!(kind(200), ActionErrorKind::Failed);
        assert_eq!(kind(1200), ActionErrorKind::Failed);
        assert_eq!(kind(1), ActionErrorKind::Failed);
        assert_eq!(kind(-1), ActionErrorKind::Failed);
    }

    #[test]
    fn action_error_display_omits_an_empty_message() {
        assert_eq!(
            action_error(200, "消息不存在").to_string(),
            "`get_msg` failed with retcode 200: 消息不存在"
        );
        assert_eq!(
            action_error(1, "").to_string(),
            "`get_msg` failed with retcode 1"
        );
    }

    #[test]
    fn every_call_error_names_its_action() {
        let errors = [
            Error::transport("a", "connection refused"),
            Error::unauthorized("a"),
            Error::disconnected("a"),
            Error::EmptyMessage { action: "a".into() },
            Error::Timeout {
                action: "a".into(),
                duration: Duration::from_secs(1),
            },
            Error::Action(ActionError {
                action: "a".into(),
                ..action_error(200, "")
            }),
        ];
        for error in errors {
            assert_eq!(error.action(), Some("a"), "{error:?}");
        }
        assert_eq!(Error::config("no URL").action(), None);
    }

    #[test]
    fn sources_are_chained_not_repeated() {
        let error = Error::transport("send_msg", "connection refused");
        assert_eq!(
            error.to_string(),
            "transport failed while calling `send_msg`"
        );
        let source = StdError::source(&error).map(ToString::to_string);
        assert_eq!(source.as_deref(), Some("connection refused"));
    }
}
