//! The receiver's connections and requests, on hyper's HTTP/1 server.

use std::collections::HashMap;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use http_body_util::{BodyExt, Full};
use hyper::body::{Body, Bytes, Incoming};
use hyper::header::{CONNECTION, CONTENT_TYPE, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, mpsc};
use tokio::task::JoinSet;

use super::quick::{Answer, PostTransport, QuickSlots};
use super::signature::{self, Secret};
use super::{PostAccount, PostStats};
use crate::client::Client;
use crate::event::{Event, EventHub, EventSink, Handle};
use crate::id::UserId;
use crate::settings::ConnectionSettings;
use crate::transport::http::HttpTransport;

/// How long to pause after a failed `accept`: failures such as running out
/// of file descriptors last a while, and retrying at once would spin.
const ACCEPT_ERROR_BACKOFF: Duration = Duration::from_millis(100);

/// hyper's read buffer, which bounds a request's headers: NapCat sends a
/// handful of short ones.
const READ_BUFFER: usize = 64 * 1024;

/// The receiver's limits, from its builder.
#[derive(Debug, Clone, Copy)]
pub(super) struct Limits {
    pub(super) max_body_size: usize,
    pub(super) header_timeout: Duration,
    pub(super) body_timeout: Duration,
    pub(super) max_connections: usize,
    pub(super) quick_deadline: Duration,
}

/// What [`PostStats`] reports, counted as it happens.
#[derive(Default)]
pub(super) struct Counters {
    delivered: AtomicU64,
    bad_signature: AtomicU64,
    too_large: AtomicU64,
    timed_out: AtomicU64,
    malformed: AtomicU64,
    answered: AtomicU64,
    buffered_bytes: AtomicU64,
    peak_buffered_bytes: AtomicU64,
}

impl Counters {
    pub(super) fn snapshot(&self) -> PostStats {
        let load = |counter: &AtomicU64| counter.load(Ordering::Relaxed);
        PostStats {
            delivered: load(&self.delivered),
            bad_signature: load(&self.bad_signature),
            too_large: load(&self.too_large),
            timed_out: load(&self.timed_out),
            malformed: load(&self.malformed),
            answered: load(&self.answered),
            buffered_bytes: load(&self.buffered_bytes),
            peak_buffered_bytes: load(&self.peak_buffered_bytes),
        }
    }

    fn count(counter: &AtomicU64) {
        counter.fetch_add(1, Ordering::Relaxed);
    }
}

/// Body bytes one request holds, counted in [`Counters`] until dropped.
struct Held<'a> {
    counters: &'a Counters,
    bytes: u64,
}

impl Held<'_> {
    fn grow(&mut self, bytes: usize) {
        let bytes = u64::try_from(bytes).unwrap_or(u64::MAX);
        self.bytes += bytes;
        let now = self
            .counters
            .buffered_bytes
            .fetch_add(bytes, Ordering::Relaxed)
            + bytes;
        self.counters
            .peak_buffered_bytes
            .fetch_max(now, Ordering::Relaxed);
    }
}

impl Drop for Held<'_> {
    fn drop(&mut self) {
        self.counters
            .buffered_bytes
            .fetch_sub(self.bytes, Ordering::Relaxed);
    }
}

/// One account's end of the receiver.
struct Account {
    sink: EventSink,
    quick: Arc<QuickSlots>,
    /// Taken while waiting for room and publishing, so concurrent posts
    /// of one account enter its streams one at a time.
    publishing: tokio::sync::Mutex<()>,
}

/// What every request needs.
pub(super) struct Shared {
    secret: Option<Secret>,
    limits: Limits,
    settings: ConnectionSettings,
    default_api: Option<HttpTransport>,
    account_apis: HashMap<UserId, HttpTransport>,
    new_accounts: mpsc::Sender<PostAccount>,
    accounts: Mutex<HashMap<UserId, Arc<Account>>>,
    counters: Arc<Counters>,
}

impl Shared {
    pub(super) fn new(
        secret: Option<Secret>,
        limits: Limits,
        settings: ConnectionSettings,
        default_api: Option<HttpTransport>,
        account_apis: HashMap<UserId, HttpTransport>,
        new_accounts: mpsc::Sender<PostAccount>,
        counters: Arc<Counters>,
    ) -> Self {
        Shared {
            secret,
            limits,
            settings,
            default_api,
            account_apis,
            new_accounts,
            accounts: Mutex::new(HashMap::new()),
            counters,
        }
    }

    /// The account `self_id`, made (and handed to `accept`) on its first post.
    async fn account(&self, self_id: UserId) -> Arc<Account> {
        let (account, new) = {
            let mut accounts = self.accounts.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some(account) = accounts.get(&self_id) {
                (Arc::clone(account), None)
            } else {
                let (hub, sink) = EventHub::new(self.settings.event_buffer);
                let quick = Arc::new(QuickSlots::default());
                let api = self
                    .account_apis
                    .get(&self_id)
                    .or(self.default_api.as_ref())
                    .cloned();
                let transport = PostTransport {
                    quick: Arc::clone(&quick),
                    api,
                };
                let client =
                    Client::from_parts(Box::new(transport), "post", Some(hub), &self.settings);
                let account = Arc::new(Account {
                    sink,
                    quick,
                    publishing: tokio::sync::Mutex::new(()),
                });
                accounts.insert(self_id, Arc::clone(&account));
                (account, Some(PostAccount { self_id, client }))
            }
        };
        if let Some(new) = new {
            tracing::info!(%self_id, "NapCat account posted its first event");
            // The server may be gone; then so is the use for it.
            let _ = self.new_accounts.send(new).await;
        }
        account
    }
}

pub(super) async fn serve(listener: TcpListener, shared: Arc<Shared>) {
    let permits = Arc::new(Semaphore::new(shared.limits.max_connections));
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            accepted = accept(&listener, &permits) => {
                if let Some((stream, peer, permit)) = accepted {
                    connections.spawn(connection(stream, peer, Arc::clone(&shared), permit));
                }
            }
            Some(_) = connections.join_next() => {}
        }
    }
}

/// The next connection, once the cap leaves room for it.
async fn accept(
    listener: &TcpListener,
    permits: &Arc<Semaphore>,
) -> Option<(TcpStream, SocketAddr, OwnedSemaphorePermit)> {
    // The semaphore is never closed.
    let permit = Arc::clone(permits).acquire_owned().await.ok()?;
    match listener.accept().await {
        Ok((stream, peer)) => Some((stream, peer, permit)),
        Err(error) => {
            tracing::warn!(%error, "failed to accept an HTTP POST connection");
            tokio::time::sleep(ACCEPT_ERROR_BACKOFF).await;
            None
        }
    }
}

/// Serves one connection, holding one of the cap's permits.
async fn connection(
    stream: TcpStream,
    peer: SocketAddr,
    shared: Arc<Shared>,
    _permit: OwnedSemaphorePermit,
) {
    if let Err(error) = stream.set_nodelay(true) {
        tracing::debug!(%error, "could not set TCP_NODELAY");
    }
    let header_timeout = shared.limits.header_timeout;
    let service = service_fn(move |request| {
        let shared = Arc::clone(&shared);
        async move { Ok::<_, Infallible>(handle(request, &shared, peer).await) }
    });
    let served = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(header_timeout)
        .max_buf_size(READ_BUFFER)
        .serve_connection(TokioIo::new(stream), service)
        .await;
    if let Err(error) = served {
        tracing::debug!(%peer, %error, "an HTTP POST connection ended with an error");
    }
}

/// Why a post was refused.
enum Refusal {
    Method,
    Malformed(&'static str),
    BadSignature(&'static str),
    TooLarge,
    TimedOut,
}

async fn handle(
    request: Request<Incoming>,
    shared: &Shared,
    peer: SocketAddr,
) -> Response<Full<Bytes>> {
    match receive(request, shared).await {
        Ok(response) => response,
        Err(refusal) => refuse(refusal, &shared.counters, peer),
    }
}

/// Checks, reads and passes on one post; the response for NapCat.
async fn receive(
    request: Request<Incoming>,
    shared: &Shared,
) -> Result<Response<Full<Bytes>>, Refusal> {
    if request.method() != Method::POST {
        return Err(Refusal::Method);
    }
    let self_id = request
        .headers()
        .get("x-self-id")
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.trim().parse::<i64>().ok())
        .map(UserId::new)
        .ok_or(Refusal::Malformed(
            "no x-self-id header with an account number",
        ))?;
    // Checked before the body is read: an unsigned post costs nothing.
    let claimed = match &shared.secret {
        None => None,
        Some(_) => Some(
            request
                .headers()
                .get("x-signature")
                .and_then(|value| signature::parse_header(value.as_bytes()))
                .ok_or(Refusal::BadSignature(
                    "no x-signature header of the form sha1=<hex>",
                ))?,
        ),
    };
    let limit = shared.limits.max_body_size;
    if request
        .body()
        .size_hint()
        .upper()
        .is_some_and(|declared| declared > u64::try_from(limit).unwrap_or(u64::MAX))
    {
        return Err(Refusal::TooLarge);
    }
    let mut held = Held {
        counters: &shared.counters,
        bytes: 0,
    };
    let body = tokio::time::timeout(
        shared.limits.body_timeout,
        read_body(request.into_body(), limit, &mut held),
    )
    .await
    .map_err(|_elapsed| Refusal::TimedOut)??;
    if let (Some(secret), Some(claimed)) = (&shared.secret, claimed)
        && !secret.signed(&body, &claimed)
    {
        return Err(Refusal::BadSignature(
            "the x-signature does not match the body",
        ));
    }
    let json = String::from_utf8(body).map_err(|_| Refusal::Malformed("the body is not UTF-8"))?;
    let value: serde_json::Value =
        serde_json::from_str(&json).map_err(|_| Refusal::Malformed("the body is not JSON"))?;
    if !value
        .get("post_type")
        .is_some_and(serde_json::Value::is_string)
    {
        return Err(Refusal::Malformed(
            "the body is not an event (no post_type)",
        ));
    }
    drop(held);

    let account = shared.account(self_id).await;
    let slot = if shared.limits.quick_deadline.is_zero() {
        None
    } else {
        account.quick.open(&value)
    };
    let (handle, waiting) = match slot {
        Some((ticket, waiting)) => (Some(ticket as Handle), Some(waiting)),
        None => (None, None),
    };
    let event = Event::from_value(value);
    {
        let _turn = account.publishing.lock().await;
        account.sink.room().await;
        account.sink.publish_decoded(event, Arc::from(json), handle);
    }
    Counters::count(&shared.counters.delivered);

    let Some(mut waiting) = waiting else {
        return Ok(empty(StatusCode::NO_CONTENT));
    };
    let answer = tokio::time::timeout(shared.limits.quick_deadline, &mut waiting.answer).await;
    Ok(match answer {
        Ok(Ok(Answer::Operation(operation))) => {
            Counters::count(&shared.counters.answered);
            let mut response = Response::new(Full::new(Bytes::from(operation)));
            response
                .headers_mut()
                .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
            response
        }
        // Released unanswered, or past the deadline.
        _ => empty(StatusCode::NO_CONTENT),
    })
}

/// Reads the body, refusing it as soon as it passes `limit` bytes.
async fn read_body(
    mut body: Incoming,
    limit: usize,
    held: &mut Held<'_>,
) -> Result<Vec<u8>, Refusal> {
    let mut buffer = Vec::new();
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|_| Refusal::Malformed("the body could not be read"))?;
        let Ok(data) = frame.into_data() else {
            continue; // trailers
        };
        if buffer.len() + data.len() > limit {
            return Err(Refusal::TooLarge);
        }
        buffer.extend_from_slice(&data);
        held.grow(data.len());
    }
    Ok(buffer)
}

fn refuse(refusal: Refusal, counters: &Counters, peer: SocketAddr) -> Response<Full<Bytes>> {
    let (status, reason) = match refusal {
        Refusal::Method => (StatusCode::METHOD_NOT_ALLOWED, "not a POST"),
        Refusal::Malformed(reason) => {
            Counters::count(&counters.malformed);
            (StatusCode::BAD_REQUEST, reason)
        }
        Refusal::BadSignature(reason) => {
            Counters::count(&counters.bad_signature);
            (StatusCode::FORBIDDEN, reason)
        }
        Refusal::TooLarge => {
            Counters::count(&counters.too_large);
            (
                StatusCode::PAYLOAD_TOO_LARGE,
                "the body is over the size limit",
            )
        }
        Refusal::TimedOut => {
            Counters::count(&counters.timed_out);
            (StatusCode::REQUEST_TIMEOUT, "the body came too slowly")
        }
    };
    tracing::warn!(%peer, %status, reason, "refused an HTTP POST event");
    let mut response = empty(status);
    // The rest of the body, if any, is not worth reading.
    response
        .headers_mut()
        .insert(CONNECTION, HeaderValue::from_static("close"));
    response
}

fn empty(status: StatusCode) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::new()));
    *response.status_mut() = status;
    response
}
