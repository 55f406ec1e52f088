//! Waiting until the NATS server has read what a connection sent.
//!
//! `async_nats::Client::flush` only writes the connection's buffer to the
//! socket; the server may not have read it yet. A subscription made on
//! one connection and a message published on another can then race: the
//! message reaches the server first and misses the subscription, or finds
//! one the first connection has already unsubscribed. The server reads a
//! connection's messages in order, so an answer to a request sent after
//! them proves they were read.

use std::time::Duration;

use async_nats::{Client, RequestErrorKind};
use bytes::Bytes;

/// How long [`settle`] waits for the server's answer.
const SETTLE_WITHIN: Duration = Duration::from_secs(2);

/// Returns once the server has read everything sent on `nats` so far.
///
/// Sends a request to a fresh inbox nobody listens on: the server answers
/// "no responders" at once (with `no_echo` connections too), after reading
/// what came before it on this connection.
pub(crate) async fn settle(nats: &Client) -> Result<(), async_nats::Error> {
    let answer = tokio::time::timeout(SETTLE_WITHIN, nats.request(nats.new_inbox(), Bytes::new()));
    match answer.await {
        Ok(Ok(_)) => Ok(()),
        Ok(Err(error)) if error.kind() == RequestErrorKind::NoResponders => Ok(()),
        Ok(Err(error)) => Err(error.into()),
        Err(_) => Err(format!("the NATS server did not answer within {SETTLE_WITHIN:?}").into()),
    }
}
