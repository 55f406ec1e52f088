//! ncat's client, making typed calls or `call_raw` calls.

use std::future::IntoFuture;
use std::net::SocketAddr;
use std::time::Instant;

use futures_util::FutureExt;
use ncat_api::actions::GetStrangerInfoReply;
use ncat_api::{Client, ResponseFuture, UserId};

use super::{Contender, Protocol, call_concurrently};
use crate::error::BoxError;
use crate::reply::{ACTION, USER_ID};

/// An ncat client and which kind of call it makes.
pub struct Ncat {
    client: Client,
    typed: bool,
}

impl Ncat {
    /// A client for the server at `addr`; a WebSocket client connects in
    /// the background, so the first call waits for the handshake.
    pub fn new(
        contender: Contender,
        protocol: Protocol,
        addr: SocketAddr,
    ) -> Result<Ncat, BoxError> {
        let scheme = match protocol {
            Protocol::WebSocket => "ws",
            Protocol::Http => "http",
        };
        Ok(Ncat {
            client: Client::builder()
                .url(format!("{scheme}://{addr}"))
                .build()?,
            typed: contender == Contender::Typed,
        })
    }

    /// See [`Driver::run`](super::Driver::run).
    pub async fn run(&self, in_flight: usize, until: Instant) -> Result<u64, BoxError> {
        let client = self.client.clone();
        if self.typed {
            call_concurrently(in_flight, until, move || {
                typed_call(&client).map(|reply| reply.map(drop))
            })
            .await
        } else {
            call_concurrently(in_flight, until, move || {
                raw_call(&client).map(|reply| reply.map(drop))
            })
            .await
        }
    }
}

/// One typed call: what a bot writes.
pub fn typed_call(client: &Client) -> ResponseFuture<GetStrangerInfoReply> {
    client.get_stranger_info(UserId::new(USER_ID)).into_future()
}

/// The same call through `call_raw`, building its parameters as a bot would.
pub fn raw_call(client: &Client) -> ResponseFuture<serde_json::Value> {
    client
        .call_raw(
            ACTION,
            serde_json::json!({ "user_id": USER_ID.to_string() }),
        )
        .into_future()
}
