//! Serving one account's calls: check the request, pass it to NapCat,
//! answer with NapCat's envelope or an error.

use std::borrow::Cow;
use std::sync::Arc;
use std::time::Duration;

use async_nats::HeaderMap;
use async_nats::service::Request;
use async_nats::service::endpoint::Endpoint;
use bytes::Bytes;
use futures_util::StreamExt;
use ncat_api::{Client, TransportRequest, UserId};
use serde::Deserialize;
use serde_json::value::RawValue;
use tokio_util::sync::CancellationToken;
use tracing::Instrument;

use super::stats::AccountCounters;
use super::{Limits, Shared};
use crate::protocol::{
    GatewayError, GatewayErrorKind, STREAM_END_HEADER, STREAM_HEADER, TIMEOUT_HEADER,
};

/// The longest action name accepted; NapCat's longest is under 40.
const MAX_ACTION_LEN: usize = 128;

/// Takes the account's requests until `stop`, each answered in a task of
/// its own so a slow call holds up no other.
pub(super) async fn serve_calls(
    shared: Arc<Shared>,
    self_id: UserId,
    client: Client,
    mut endpoint: Endpoint,
    counters: Arc<AccountCounters>,
    stop: CancellationToken,
) {
    loop {
        let request = tokio::select! {
            () = stop.cancelled() => break,
            request = endpoint.next() => request,
        };
        let Some(request) = request else { break };
        let shared_for_call = Arc::clone(&shared);
        let client = client.clone();
        let counters = Arc::clone(&counters);
        let span = tracing::debug_span!(
            "gateway_call",
            self_id = self_id.get(),
            action = tracing::field::Empty
        );
        shared.tasks.spawn(
            async move {
                let _in_flight = shared_for_call.counters.in_flight();
                let ok = answer(&shared_for_call, &client, request).await;
                counters.call_answered(&shared_for_call.counters, ok);
            }
            .instrument(span),
        );
    }
    // Unsubscribes: a later call finds another gateway or no responders.
    if let Err(error) = endpoint.stop().await {
        tracing::debug!(%error, "could not unsubscribe from the call subject");
    }
    // Requests already buffered when the subscription closed are answered,
    // not left to time out. (One the server sends after the close and
    // before it has taken the unsubscription is dropped by async-nats: its
    // caller times out.)
    let drained = async {
        while let Some(request) = endpoint.next().await {
            counters.call_answered(&shared.counters, false);
            respond_error(&request, not_connected()).await;
        }
    };
    if tokio::time::timeout(DRAIN_WITHIN, drained).await.is_err() {
        tracing::debug!("the call subscription did not end after unsubscribing");
    }
}

/// How long the call subscription of an account no longer served is
/// drained after unsubscribing.
const DRAIN_WITHIN: Duration = Duration::from_secs(1);

fn not_connected() -> GatewayError {
    GatewayError::new(
        GatewayErrorKind::NotConnected,
        "the account's NapCat is not connected to the gateway now",
    )
}

/// Answers one request; whether NapCat's envelope was the answer.
async fn answer(shared: &Shared, client: &Client, request: Request) -> bool {
    let call = match read_request(&request.message, &shared.limits) {
        Ok(call) => call,
        Err(error) => return respond_error(&request, error).await,
    };
    tracing::Span::current().record("action", &*call.request.action);
    // Refused at once rather than after the timeout: NapCat may take long
    // to come back, and the caller can try another account or later.
    if client.transport().connection().is_none() {
        return respond_error(&request, not_connected()).await;
    }
    if call.stream {
        return answer_stream(shared, client, &request, call.request).await;
    }
    let timeout = call.request.timeout;
    let sent = tokio::time::timeout(timeout, client.transport().send(call.request)).await;
    match sent {
        Ok(Ok(reply)) => {
            let envelope = Bytes::copy_from_slice(reply.body().as_bytes());
            respond(&request, Ok(envelope)).await;
            true
        }
        Ok(Err(error)) => respond_error(&request, napcat_error(&error)).await,
        Err(_elapsed) => respond_error(&request, timed_out(timeout)).await,
    }
}

/// Passes a stream action's envelopes to the reply subject as they come,
/// then the end marker.
async fn answer_stream(
    shared: &Shared,
    client: &Client,
    request: &Request,
    call: TransportRequest,
) -> bool {
    let Some(reply_to) = request.message.reply.clone() else {
        return false;
    };
    let timeout = call.timeout;
    let mut replies =
        match tokio::time::timeout(timeout, client.transport().send_stream(call)).await {
            Ok(Ok(replies)) => replies,
            Ok(Err(error)) => return respond_error(request, napcat_error(&error)).await,
            Err(_elapsed) => return respond_error(request, timed_out(timeout)).await,
        };
    loop {
        let next = match tokio::time::timeout(timeout, replies.next()).await {
            Ok(next) => next,
            Err(_elapsed) => return respond_error(request, timed_out(timeout)).await,
        };
        match next {
            Some(Ok(reply)) => {
                let envelope = Bytes::copy_from_slice(reply.body().as_bytes());
                if let Err(error) = shared.nats.publish(reply_to.clone(), envelope).await {
                    tracing::debug!(%error, "could not pass on a stream frame");
                    return false;
                }
            }
            Some(Err(error)) => return respond_error(request, napcat_error(&error)).await,
            None => break,
        }
    }
    let mut end = HeaderMap::new();
    end.insert(STREAM_END_HEADER, "1");
    if let Err(error) = request.respond_with_headers(Ok(Bytes::new()), end).await {
        tracing::debug!(%error, "could not end a stream");
    }
    true
}

/// A request read and checked, ready for NapCat.
struct CallRequest {
    request: TransportRequest,
    stream: bool,
}

/// The request's JSON: NapCat's WebSocket request without `echo`.
#[derive(Deserialize)]
struct Wire<'a> {
    #[serde(borrow)]
    action: Cow<'a, str>,
    #[serde(borrow, default)]
    params: Option<&'a RawValue>,
}

/// Reads and checks a request; the error answers it.
fn read_request(
    message: &async_nats::Message,
    limits: &Limits,
) -> Result<CallRequest, GatewayError> {
    let bad = |why: String| GatewayError::new(GatewayErrorKind::BadRequest, why);
    if message.payload.len() > limits.max_request_size {
        return Err(GatewayError::new(
            GatewayErrorKind::TooLarge,
            format!(
                "the request has {} bytes, over the gateway's limit of {}",
                message.payload.len(),
                limits.max_request_size
            ),
        ));
    }
    let text = std::str::from_utf8(&message.payload)
        .map_err(|_| bad("the request is not UTF-8 text".into()))?;
    let not_a_call = |why: &dyn std::fmt::Display| {
        bad(format!(
            "the request is not a call ({{\"action\": \"…\", \"params\": {{…}}}}): {why}"
        ))
    };
    // serde would also read a struct from an array (`["get_status"]`).
    if !text.trim_start().starts_with('{') {
        return Err(not_a_call(&"not a JSON object"));
    }
    let wire: Wire<'_> = serde_json::from_str(text).map_err(|error| not_a_call(&error))?;
    check_action(&wire.action).map_err(bad)?;
    let params = match wire.params {
        None => empty_params(),
        Some(params) if params.get() == "null" => empty_params(),
        Some(params) if params.get().starts_with('{') => params.to_owned(),
        Some(_) => return Err(bad("`params` must be a JSON object".into())),
    };
    let headers = message.headers.as_ref();
    let timeout = match headers.and_then(|headers| headers.get(TIMEOUT_HEADER)) {
        None => limits.default_call_timeout,
        Some(value) => value
            .as_str()
            .parse::<u64>()
            .ok()
            .filter(|millis| *millis > 0)
            .map(Duration::from_millis)
            .ok_or_else(|| {
                bad(format!(
                    "`{TIMEOUT_HEADER}` must be a positive number of milliseconds"
                ))
            })?
            .min(limits.max_call_timeout),
    };
    let stream = headers
        .and_then(|headers| headers.get(STREAM_HEADER))
        .is_some_and(|value| value.as_str() == "1");
    Ok(CallRequest {
        request: TransportRequest::new(wire.action.into_owned(), params, timeout),
        stream,
    })
}

/// An action name as NapCat's look: letters, digits, `_`, `.` and `-`.
fn check_action(action: &str) -> Result<(), String> {
    if action.is_empty() || action.len() > MAX_ACTION_LEN {
        return Err(format!(
            "`action` must have 1 to {MAX_ACTION_LEN} characters"
        ));
    }
    if !action
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
    {
        return Err("`action` may hold only ASCII letters, digits, `_`, `.` and `-`".into());
    }
    Ok(())
}

fn empty_params() -> Box<RawValue> {
    // `{}` is JSON, so this cannot fail (the fallback would be `null`).
    RawValue::from_string("{}".to_owned()).unwrap_or_default()
}

/// The gateway error for a call NapCat's connection could not carry.
fn napcat_error(error: &ncat_api::Error) -> GatewayError {
    let kind = match error {
        ncat_api::Error::Timeout { .. } => GatewayErrorKind::Timeout,
        ncat_api::Error::Unauthorized { .. } => GatewayErrorKind::Unauthorized,
        ncat_api::Error::Disconnected { .. } | ncat_api::Error::Transport { .. } => {
            GatewayErrorKind::NapCatUnreachable
        }
        _ => GatewayErrorKind::Other,
    };
    GatewayError::new(kind, format!("NapCat: {error}"))
}

fn timed_out(timeout: Duration) -> GatewayError {
    GatewayError::new(
        GatewayErrorKind::Timeout,
        format!("NapCat did not answer within {timeout:?}"),
    )
}

async fn respond(request: &Request, answer: Result<Bytes, async_nats::service::error::Error>) {
    if let Err(error) = request.respond(answer).await {
        // The caller may have gone; nothing else to do.
        tracing::debug!(%error, "could not answer a call");
    }
}

/// Answers with `error`; always `false` (not NapCat's envelope).
async fn respond_error(request: &Request, error: GatewayError) -> bool {
    tracing::debug!(kind = %error.kind(), %error, "call answered with an error");
    let answer = async_nats::service::error::Error {
        status: error.message().to_owned(),
        code: error.kind().code(),
    };
    respond(request, Err(answer)).await;
    false
}
