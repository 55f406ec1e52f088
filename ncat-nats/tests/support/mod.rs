//! What the tests share: a real nats-server, mock NapCats playing
//! accounts, a gateway holding them, bounded waits.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::future::IntoFuture;
use std::time::Duration;

use ncat_api::{Client, UserId};
use ncat_mock::{MockNapCat, MockReply};
use ncat_nats::testing::NatsServer;
use ncat_nats::{Gateway, GatewayBuilder};
use serde_json::json;

/// The longest any single wait in a test may take.
pub const WAIT: Duration = Duration::from_secs(10);

/// `future`, or a panic naming `what` after [`WAIT`].
pub async fn within<T>(what: &str, future: impl IntoFuture<Output = T>) -> T {
    match tokio::time::timeout(WAIT, future.into_future()).await {
        Ok(value) => value,
        Err(_) => panic!("{what}: nothing within {WAIT:?}"),
    }
}

/// Polls `condition` every 10 ms until it holds, for at most [`WAIT`].
pub async fn until(what: &str, mut condition: impl FnMut() -> bool) {
    within(what, async {
        while !condition() {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await;
}

pub async fn nats_server() -> NatsServer {
    within("nats-server starting", NatsServer::start())
        .await
        .expect("nats-server starts (install the `nats-server` package)")
}

pub async fn connect(server: &NatsServer) -> async_nats::Client {
    within("connecting to NATS", async_nats::connect(server.url()))
        .await
        .unwrap()
}

/// A mock NapCat playing account `self_id`, with `token`.
pub async fn account(self_id: i64, token: &str) -> MockNapCat {
    let mock = MockNapCat::builder()
        .self_id(self_id)
        .token(token)
        .start()
        .await
        .unwrap();
    mock.on(
        "get_login_info",
        MockReply::ok(json!({"user_id": self_id, "nickname": format!("bot{self_id}")})),
    );
    mock.on(
        "get_status",
        MockReply::ok(json!({"online": true, "good": true, "stat": {}})),
    );
    mock
}

/// A forward WebSocket client of `mock`, with the gateway's event buffer.
pub fn forward_client(mock: &MockNapCat, token: &str) -> Client {
    Client::builder()
        .url(mock.ws_url())
        .token(token)
        .event_buffer(Gateway::EVENT_BUFFER)
        .timeout(WAIT)
        .build()
        .unwrap()
}

/// A gateway on `nats` holding a forward client of each of `mocks`, once
/// every account is served.
pub async fn gateway_of(
    nats: async_nats::Client,
    mocks: &[&MockNapCat],
    token: &str,
    configure: impl FnOnce(GatewayBuilder) -> GatewayBuilder,
) -> Gateway {
    let gateway = within(
        "gateway starting",
        configure(Gateway::builder(nats)).start(),
    )
    .await
    .unwrap();
    for mock in mocks {
        gateway.add_client(forward_client(mock, token));
    }
    let wanted = mocks.len() as u64;
    until("every account served", || {
        gateway.stats().accounts_connected == wanted
    })
    .await;
    gateway
}

/// The requests `mock` got other than the gateway asking who it is.
pub fn calls_to(mock: &MockNapCat) -> Vec<ncat_mock::RecordedRequest> {
    mock.requests()
        .into_iter()
        .filter(|request| request.action != "get_login_info")
        .collect()
}

pub fn id(self_id: i64) -> UserId {
    UserId::new(self_id)
}
