//! Pending calls: configured, then `.await`ed.

use std::borrow::Cow;
use std::fmt;
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use serde::ser::Error as _;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;
use serde_json::value::RawValue;

use crate::action::Action;
use crate::client::Client;
use crate::envelope::{self, ReadData};
use crate::error::Error;
use crate::version_check::{self, Requirement};
use crate::with_data::KeepData;

// Defined here rather than in `client`, which stays below the calls it
// carries: `Client` only moves requests, `Call` knows how to build them.
impl Client {
    /// Prepares a call of any [`Action`]; `.await` it to send it.
    ///
    /// The generated methods (`client.send_group_msg(…)`) are shorthands for
    /// this.
    pub fn call<A: Action>(&self, request: A) -> Call<A> {
        Call::new(self.clone(), request)
    }

    /// Prepares a call of `action` with untyped parameters; `.await` it to
    /// get the reply's `data` (`Value::Null` when there is none).
    ///
    /// An escape hatch for actions or fields ncat does not model yet.
    /// `params` should be a JSON object; `Value::Null` is sent as `{}`.
    pub fn call_raw(&self, action: impl Into<String>, params: serde_json::Value) -> RawCall {
        RawCall::new(self.clone(), action.into(), params)
    }
}

/// A typed action call that has not been sent yet.
///
/// Returned by the [`Client`] methods. Chain setters for optional parameters
/// and [`call_timeout`](Self::call_timeout), then `.await` it:
///
/// ```no_run
/// # async fn demo(client: ncat_api::Client, my_action: impl ncat_api::Action) -> Result<(), ncat_api::Error> {
/// let output = client
///     .call(my_action)
///     .call_timeout(std::time::Duration::from_secs(120))
///     .await?;
/// # Ok(()) }
/// ```
///
/// It owns a clone of the client, so the future is `'static` and can be
/// handed to `tokio::spawn`.
#[must_use = "a Call does nothing until it is `.await`ed"]
pub struct Call<A: Action> {
    pub(crate) client: Client,
    pub(crate) request: A,
    pub(crate) timeout: Option<Duration>,
    /// Parameters set by wire name; `None` for nearly every call, which
    /// then pays nothing for them.
    extra: Option<Box<ExtraParams>>,
}

/// Parameters set with [`Call::extra_param`], sent after the request's own.
#[derive(Debug, Default)]
struct ExtraParams {
    /// In the order they were set.
    params: Vec<(String, Value)>,
    /// The first value that did not serialize: the call fails with it.
    error: Option<serde_json::Error>,
}

impl ExtraParams {
    /// `request`'s parameters as it writes them, then these.
    fn add_to<A: Serialize>(self, request: &A) -> Result<Box<RawValue>, serde_json::Error> {
        if let Some(error) = self.error {
            return Err(error);
        }
        let mut text = serde_json::to_string(request)?;
        if text.pop() != Some('}') {
            return Err(serde_json::Error::custom(
                "the request is not a JSON object",
            ));
        }
        for (name, value) in &self.params {
            if !text.ends_with('{') {
                text.push(',');
            }
            text.push_str(&serde_json::to_string(name)?);
            text.push(':');
            text.push_str(&serde_json::to_string(value)?);
        }
        text.push('}');
        RawValue::from_string(text)
    }
}

impl<A: Action> Call<A> {
    pub(crate) fn new(client: Client, request: A) -> Self {
        Call {
            client,
            request,
            timeout: None,
            extra: None,
        }
    }

    /// Sends one more parameter, by its wire name: one this version of
    /// ncat does not know, such as one NapCat added last week. The setters
    /// [`extend!`](crate::extend) writes for the parameters a bot adds to
    /// a built-in action call it. It is sent after the request's own
    /// parameters (a name set twice here is sent once, with the last
    /// value); a value that does not serialize fails the call with
    /// [`Error::Encode`].
    ///
    /// ```no_run
    /// # async fn demo(client: ncat_api::Client) -> Result<(), ncat_api::Error> {
    /// client.send_group_msg(123456, "hi").extra_param("summary", "footer").await?;
    /// # Ok(()) }
    /// ```
    pub fn extra_param(mut self, name: impl Into<String>, value: impl Serialize) -> Self {
        let extra = self.extra.get_or_insert_with(Box::default);
        match serde_json::to_value(value) {
            Ok(value) => {
                let name = name.into();
                match extra.params.iter_mut().find(|(set, _)| *set == name) {
                    Some((_, earlier)) => *earlier = value,
                    None => extra.params.push((name, value)),
                }
            }
            Err(error) => {
                extra.error.get_or_insert(error);
            }
        }
        self
    }

    /// Keeps the reply's `data` with the typed reply: the call resolves to
    /// a [`WithData`](crate::WithData), which reads fields this version of
    /// ncat does not know from it on demand (the reply fields a bot adds to
    /// a built-in action with [`extend!`](crate::extend) are read this
    /// way). Call it after the action's setters, which are on `Call<A>`.
    pub fn with_data(self) -> Call<KeepData<A>> {
        Call {
            client: self.client,
            request: KeepData(self.request),
            timeout: self.timeout,
            extra: self.extra,
        }
    }

    /// Overrides the client's default timeout for this call only.
    ///
    /// On expiry the call fails with [`Error::Timeout`]; NapCat may still
    /// carry the action out. (Named so as not to clash with NapCat's own
    /// `timeout` parameter of `send_msg`.)
    pub fn call_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The request that will be sent.
    pub fn request(&self) -> &A {
        &self.request
    }

    /// The request that will be sent, to change before sending it.
    ///
    /// Setters of optional parameters are written with it, including those
    /// [`extend!`](crate::extend) generates for a bot's own actions.
    pub fn request_mut(&mut self) -> &mut A {
        &mut self.request
    }

    /// Takes the request back without sending it.
    pub fn into_inner(self) -> A {
        self.request
    }
}

impl<A: Action + fmt::Debug> fmt::Debug for Call<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Call")
            .field("action", &A::NAME)
            .field("request", &self.request)
            .field("call_timeout", &self.timeout)
            .field(
                "extra_params",
                &self.extra.as_ref().map(|extra| &extra.params),
            )
            .finish_non_exhaustive()
    }
}

impl<A: Action> IntoFuture for Call<A> {
    type Output = Result<A::Output, Error>;
    type IntoFuture = ResponseFuture<A::Output>;

    fn into_future(self) -> Self::IntoFuture {
        if let Err(error) = self.request.check_params() {
            return ResponseFuture::new(async move { Err(error.into()) });
        }
        // Serialized now, once, straight to the bytes that go on the wire.
        let params = match self.extra {
            None => crate::params::to_raw_value(&self.request),
            Some(extra) => extra.add_to(&self.request),
        };
        dispatch::<A>(
            self.client,
            Cow::Borrowed(A::NAME),
            Requirement::of::<A>(),
            params,
            self.timeout,
        )
    }
}

/// An untyped action call that has not been sent yet; see
/// [`Client::call_raw`].
#[must_use = "a RawCall does nothing until it is `.await`ed"]
pub struct RawCall {
    client: Client,
    action: String,
    params: serde_json::Value,
    timeout: Option<Duration>,
}

impl RawCall {
    pub(crate) fn new(client: Client, action: String, params: serde_json::Value) -> Self {
        RawCall {
            client,
            action,
            params,
            timeout: None,
        }
    }

    /// Overrides the client's default timeout for this call only.
    pub fn call_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }
}

impl fmt::Debug for RawCall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RawCall")
            .field("action", &self.action)
            .field("params", &self.params)
            .field("call_timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl IntoFuture for RawCall {
    type Output = Result<serde_json::Value, Error>;
    type IntoFuture = ResponseFuture<serde_json::Value>;

    fn into_future(self) -> Self::IntoFuture {
        // NapCat reads parameters from an object: "none" is `{}`, not `null`.
        let params = match self.params {
            serde_json::Value::Null => crate::params::to_raw_value(&serde_json::Map::new()),
            params => crate::params::to_raw_value(&params),
        };
        dispatch::<Untyped>(
            self.client,
            Cow::Owned(self.action),
            Requirement::NONE,
            params,
            self.timeout,
        )
    }
}

/// The path every call takes: check the NapCat version, send, wait, read
/// the envelope, decode `data` with `R`.
fn dispatch<R: ReadData<Output: Send + 'static>>(
    client: Client,
    action: Cow<'static, str>,
    requirement: Requirement,
    params: Result<Box<RawValue>, serde_json::Error>,
    timeout: Option<Duration>,
) -> ResponseFuture<R::Output> {
    ResponseFuture {
        inner: Box::pin(async move {
            let params = params.map_err(|source| Error::Encode {
                action: action.clone(),
                source,
            })?;
            version_check::check(&client, &action, requirement, &params, timeout)
                .await
                .map_err(|too_old| too_old.into_error(action.clone()))?;
            let reply = client.send(action.clone(), params, timeout).await?;
            envelope::decode_reply::<R>(action, reply.body(), reply.envelope())
        }),
    }
}

/// A typed call's output is what its action decodes.
impl<A: Action> ReadData for A {
    type Output = A::Output;

    fn read<'de, D: Deserializer<'de>>(data: D) -> Result<Self::Output, D::Error> {
        A::decode_output(data)
    }
}

/// `call_raw`'s output: `data` as it is.
struct Untyped;

impl ReadData for Untyped {
    type Output = serde_json::Value;

    fn read<'de, D: Deserializer<'de>>(data: D) -> Result<Self::Output, D::Error> {
        serde_json::Value::deserialize(data)
    }
}

/// The future of a [`Call`] or [`RawCall`]; resolves to the action's output.
///
/// `Send` and `'static`, so it can be spawned. Dropping it abandons the call
/// (NapCat may still carry the action out).
#[must_use = "futures do nothing unless `.await`ed or polled"]
pub struct ResponseFuture<T> {
    inner: Pin<Box<dyn Future<Output = Result<T, Error>> + Send + 'static>>,
}

impl<T> ResponseFuture<T> {
    pub(crate) fn new(future: impl Future<Output = Result<T, Error>> + Send + 'static) -> Self {
        ResponseFuture {
            inner: Box::pin(future),
        }
    }
}

impl<T> Future for ResponseFuture<T> {
    type Output = Result<T, Error>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.inner.as_mut().poll(cx)
    }
}

impl<T> fmt::Debug for ResponseFuture<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResponseFuture").finish_non_exhaustive()
    }
}
