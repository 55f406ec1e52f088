//! Stream calls: configured, then `.await`ed to open their frame stream.

use std::borrow::Cow;
use std::fmt;
use std::future::IntoFuture;
use std::time::Duration;

use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use super::frames::FrameStream;
use crate::call::ResponseFuture;
use crate::client::Client;
use crate::error::Error;
use crate::version::Version;
use crate::version_check::{self, Requirement};

/// A NapCat stream action: its parameters (the implementing type), its wire
/// name and the type of its frames. The counterpart of
/// [`Action`](crate::Action) for actions that answer with several frames.
///
/// Send one with [`Client::stream`]; ncat implements it for NapCat's
/// stream actions ([`DownloadFileStreamRequest`](crate::actions::DownloadFileStreamRequest), …),
/// generated from the schema like every other action.
pub trait StreamAction: serde::Serialize + Send + Sync + 'static {
    /// The wire name, e.g. `download_file_stream`.
    const NAME: &'static str;

    /// The NapCat release that introduced the action; see
    /// [`Action::SINCE`](crate::Action::SINCE).
    const SINCE: Option<Version> = None;

    /// The parameters added after the action; see
    /// [`Action::PARAM_SINCE`](crate::Action::PARAM_SINCE).
    const PARAM_SINCE: &'static [(&'static str, Version)] = &[];

    /// One frame: what each reply's `data` decodes into.
    type Frame: DeserializeOwned + Send + 'static;

    /// Checks the request's parameter rules before it is sent, as
    /// [`Action::check_params`](crate::Action::check_params) does.
    fn check_params(&self) -> Result<(), crate::ParamGroupError> {
        Ok(())
    }
}

/// A stream action call that has not been sent yet. `.await` it to send the
/// request and get its [`FrameStream`].
///
/// The timeout ([`Client::DEFAULT_TIMEOUT`] unless set) bounds sending the
/// request and then the wait for each frame, so a long download that keeps
/// making progress never times out but a stalled one does.
#[must_use = "a StreamCall does nothing until it is `.await`ed"]
pub struct StreamCall<A: StreamAction> {
    pub(crate) client: Client,
    pub(crate) request: A,
    timeout: Option<Duration>,
}

impl<A: StreamAction> StreamCall<A> {
    pub(crate) fn new(client: Client, request: A) -> Self {
        StreamCall {
            client,
            request,
            timeout: None,
        }
    }

    /// Overrides the client's default timeout for opening the stream and
    /// for each frame.
    pub fn call_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The request that will be sent.
    pub fn request(&self) -> &A {
        &self.request
    }

    /// The request that will be sent, to change before sending it (setters
    /// of optional parameters are written with it).
    pub fn request_mut(&mut self) -> &mut A {
        &mut self.request
    }
}

impl<A: StreamAction + fmt::Debug> fmt::Debug for StreamCall<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StreamCall")
            .field("action", &A::NAME)
            .field("request", &self.request)
            .field("call_timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl<A: StreamAction> IntoFuture for StreamCall<A> {
    type Output = Result<FrameStream<A::Frame>, Error>;
    type IntoFuture = ResponseFuture<FrameStream<A::Frame>>;

    fn into_future(self) -> Self::IntoFuture {
        if let Err(error) = self.request.check_params() {
            return ResponseFuture::new(async move { Err(error.into()) });
        }
        let params = crate::params::to_raw_value(&self.request);
        open(
            self.client,
            Cow::Borrowed(A::NAME),
            Requirement::of_stream::<A>(),
            params,
            self.timeout,
        )
    }
}

/// A stream action call by name, with untyped parameters and frames; see
/// [`Client::stream_raw`].
#[must_use = "a RawStreamCall does nothing until it is `.await`ed"]
pub struct RawStreamCall {
    client: Client,
    action: String,
    params: serde_json::Value,
    timeout: Option<Duration>,
}

impl RawStreamCall {
    /// Overrides the client's default timeout for opening the stream and
    /// for each frame.
    pub fn call_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }
}

impl fmt::Debug for RawStreamCall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RawStreamCall")
            .field("action", &self.action)
            .field("params", &self.params)
            .field("call_timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl IntoFuture for RawStreamCall {
    type Output = Result<FrameStream<serde_json::Value>, Error>;
    type IntoFuture = ResponseFuture<FrameStream<serde_json::Value>>;

    fn into_future(self) -> Self::IntoFuture {
        // NapCat reads parameters from an object: "none" is `{}`, not `null`.
        let params = match self.params {
            serde_json::Value::Null => crate::params::to_raw_value(&serde_json::Map::new()),
            params => crate::params::to_raw_value(&params),
        };
        open(
            self.client,
            Cow::Owned(self.action),
            Requirement::NONE,
            params,
            self.timeout,
        )
    }
}

impl Client {
    /// Prepares a call of a stream action; `.await` it to send it and get
    /// its frames. See the [`stream`](crate::stream) module.
    pub fn stream<A: StreamAction>(&self, request: A) -> StreamCall<A> {
        StreamCall::new(self.clone(), request)
    }

    /// Prepares a call of stream action `action` with untyped parameters;
    /// `.await` it to get a stream of each frame's `data` as JSON.
    ///
    /// For stream actions ncat does not model. `params` should be a JSON
    /// object; `Value::Null` is sent as `{}`.
    pub fn stream_raw(
        &self,
        action: impl Into<String>,
        params: serde_json::Value,
    ) -> RawStreamCall {
        RawStreamCall {
            client: self.clone(),
            action: action.into(),
            params,
            timeout: None,
        }
    }
}

/// The path every stream call takes: send, then decode frame by frame.
fn open<F: DeserializeOwned + Send + 'static>(
    client: Client,
    action: Cow<'static, str>,
    requirement: Requirement,
    params: Result<Box<RawValue>, serde_json::Error>,
    timeout: Option<Duration>,
) -> ResponseFuture<FrameStream<F>> {
    ResponseFuture::new(async move {
        let params = params.map_err(|source| Error::Encode {
            action: action.clone(),
            source,
        })?;
        version_check::check(&client, &action, requirement, &params, timeout)
            .await
            .map_err(|too_old| too_old.into_error(action.clone()))?;
        let (replies, timeout) = client.open_stream(action.clone(), params, timeout).await?;
        Ok(FrameStream::new(replies, action, timeout))
    })
}
