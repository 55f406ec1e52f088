//! The worker's [`Transport`]: calls as NATS requests to the gateway.

use std::fmt;

use async_nats::{HeaderMap, RequestErrorKind, StatusCode, Subscriber};
use bytes::Bytes;
use futures_util::StreamExt;
use ncat_api::{
    BoxFuture, Error, ReplyStream, Transport, TransportReply, TransportRequest, UserId,
};
use serde::Serialize;
use serde_json::value::RawValue;

use crate::protocol::{
    GatewayError, GatewayErrorKind, STREAM_END_HEADER, STREAM_HEADER, TIMEOUT_HEADER,
};
use crate::subject::Prefix;

/// Sends a [`Client`](ncat_api::Client)'s calls to one account's NapCat
/// through a gateway: each call is a NATS request on
/// `<prefix>.<self_id>.call`, answered with NapCat's reply envelope.
///
/// Typed calls, `call_raw`, timeouts and errors work as over a socket;
/// stream actions too (their frames come back one message each). A
/// gateway's refusal fails the call with [`Error::Transport`] whose source
/// is a [`GatewayError`] (see [`GatewayError::of`]): no gateway serving the
/// account ([`GatewayErrorKind::NoGateway`], at once), its NapCat not
/// connected, a request too large or malformed.
///
/// Usually made by [`Worker::client`](crate::Worker::client).
#[derive(Clone)]
pub struct NatsTransport {
    nats: async_nats::Client,
    subject: String,
    self_id: UserId,
}

impl NatsTransport {
    /// Calls to account `self_id` through the gateways on `nats` that use
    /// `prefix`.
    pub fn new(nats: async_nats::Client, prefix: &Prefix, self_id: UserId) -> NatsTransport {
        NatsTransport {
            nats,
            subject: prefix.call(self_id),
            self_id,
        }
    }

    /// The subject calls go to.
    pub fn subject(&self) -> &str {
        &self.subject
    }

    /// What a refusal of NATS itself means for this account's call.
    fn request_error(&self, action: &str, error: async_nats::RequestError) -> Error {
        let gateway = match error.kind() {
            RequestErrorKind::NoResponders => self.no_gateway(),
            RequestErrorKind::TimedOut => GatewayError::new(
                GatewayErrorKind::Timeout,
                format!("no answer on `{}` in time", self.subject),
            ),
            RequestErrorKind::MaxPayloadExceeded => {
                GatewayError::new(GatewayErrorKind::TooLarge, error.to_string())
            }
            _ => return Error::transport(action.to_owned(), error),
        };
        Error::transport(action.to_owned(), gateway)
    }

    fn no_gateway(&self) -> GatewayError {
        GatewayError::new(
            GatewayErrorKind::NoGateway,
            format!(
                "no gateway serves account {} (nothing listens on `{}`)",
                self.self_id.get(),
                self.subject
            ),
        )
    }
}

impl fmt::Debug for NatsTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NatsTransport")
            .field("subject", &self.subject)
            .finish_non_exhaustive()
    }
}

/// A call's JSON, as the gateway reads it.
#[derive(Serialize)]
struct Wire<'a> {
    action: &'a str,
    params: &'a RawValue,
}

/// The request's payload and headers.
fn encode(request: &TransportRequest, stream: bool) -> Result<(Bytes, HeaderMap), Error> {
    let wire = Wire {
        action: &request.action,
        params: &request.params,
    };
    let payload = serde_json::to_vec(&wire)
        .map_err(|error| Error::transport(request.action.clone(), error))?;
    let mut headers = HeaderMap::new();
    let millis = request.timeout.as_millis().max(1).to_string();
    headers.insert(TIMEOUT_HEADER, millis.as_str());
    if stream {
        headers.insert(STREAM_HEADER, "1");
    }
    Ok((payload.into(), headers))
}

/// A gateway's answer: NapCat's envelope, or the gateway's error.
fn read_answer(action: &str, message: &async_nats::Message) -> Result<TransportReply, Error> {
    if let Some(error) = GatewayError::from_headers(message.headers.as_ref()) {
        return Err(Error::transport(action.to_owned(), error));
    }
    match std::str::from_utf8(&message.payload) {
        Ok(envelope) => Ok(TransportReply::new(envelope)),
        Err(error) => Err(Error::transport(action.to_owned(), error)),
    }
}

impl Transport for NatsTransport {
    fn send(&self, request: TransportRequest) -> BoxFuture<'static, Result<TransportReply, Error>> {
        let this = self.clone();
        Box::pin(async move {
            let (payload, headers) = encode(&request, false)?;
            let nats_request = async_nats::Request::new()
                .payload(payload)
                .headers(headers)
                .timeout(Some(request.timeout));
            let answer = this
                .nats
                .send_request(this.subject.clone(), nats_request)
                .await
                .map_err(|error| this.request_error(&request.action, error))?;
            read_answer(&request.action, &answer)
        })
    }

    fn send_stream(
        &self,
        request: TransportRequest,
    ) -> BoxFuture<'static, Result<ReplyStream, Error>> {
        let this = self.clone();
        Box::pin(async move {
            let (payload, headers) = encode(&request, true)?;
            let action = request.action.into_owned();
            let inbox = this.nats.new_inbox();
            let replies = this
                .nats
                .subscribe(inbox.clone())
                .await
                .map_err(|error| Error::transport(action.clone(), error))?;
            this.nats
                .publish_with_reply_and_headers(this.subject.clone(), inbox, headers, payload)
                .await
                .map_err(|error| Error::transport(action.clone(), error))?;
            let frames =
                futures_util::stream::unfold(Some((replies, this, action)), |state| async move {
                    let (mut replies, this, action): (Subscriber, NatsTransport, String) = state?;
                    let Some(message) = replies.next().await else {
                        let gone = Error::transport(
                            action,
                            "the NATS connection closed during the stream",
                        );
                        return Some((Err(gone), None));
                    };
                    if message.status == Some(StatusCode::NO_RESPONDERS) {
                        let error = Error::transport(action, this.no_gateway());
                        return Some((Err(error), None));
                    }
                    let ended = message
                        .headers
                        .as_ref()
                        .is_some_and(|headers| headers.get(STREAM_END_HEADER).is_some());
                    if ended {
                        return None;
                    }
                    match read_answer(&action, &message) {
                        Ok(reply) => Some((Ok(reply), Some((replies, this, action)))),
                        Err(error) => Some((Err(error), None)),
                    }
                });
            let stream: ReplyStream = Box::pin(frames);
            Ok(stream)
        })
    }
}
