//! `ncat gateway` as users run it: its own process between a (mock) NapCat
//! and a real `nats-server`, signed in with an NKey from the environment,
//! serving a worker's typed calls and publishing the account's events.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Stdio;
use std::time::Duration;

use ncat_api::UserId;
use ncat_api::event::{Event, NoticeEvent};
use ncat_mock::MockNapCat;
use ncat_nats::testing::NatsServer;
use ncat_nats::{NatsOptions, Worker};
use serde_json::json;
use tokio::io::AsyncReadExt;
use tokio::process::Command;

/// Every wait is bounded by this, so a hang fails the test instead of CI.
const LIMIT: Duration = Duration::from_secs(60);
const SELF_ID: i64 = 20002;
const NAPCAT_TOKEN: &str = "n4pcat-t0ken";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_gateway_serves_a_worker_over_nats_signed_in_with_an_nkey_never_logged() {
    let user = nkeys::KeyPair::new_user();
    let seed = user.seed().unwrap();
    let nats = NatsServer::builder()
        .without_jetstream()
        .nkey(user.public_key())
        .start()
        .await
        .unwrap();
    let mock = MockNapCat::builder()
        .self_id(SELF_ID)
        .token(NAPCAT_TOKEN)
        .start()
        .await
        .unwrap();
    let mut gateway = Command::new(env!("CARGO_BIN_EXE_ncat"))
        .args([
            "gateway",
            "--forward",
            &mock.ws_url(),
            "--nats",
            &nats.url(),
        ])
        .env_remove("NAPCAT_URL")
        .env("NAPCAT_TOKEN", NAPCAT_TOKEN)
        .env("NATS_NKEY", &seed)
        .env("RUST_LOG", "trace")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut logs = gateway.stderr.take().unwrap();
    let logged = tokio::spawn(async move {
        let mut text = String::new();
        logs.read_to_string(&mut text).await.map(|_| text)
    });

    let worker_nats = NatsOptions::new(&nats.url())
        .unwrap()
        .nkey(&seed)
        .connect()
        .await
        .unwrap();
    let worker = Worker::new(worker_nats, UserId::new(SELF_ID));
    let client = worker.client();
    let mut events = worker.events(None).await.unwrap();

    // The gateway takes a moment to sign in and reach NapCat: until then a
    // call has no responder, or is told the account is not connected.
    let info = tokio::time::timeout(LIMIT, async {
        loop {
            match client.get_login_info().await {
                Ok(info) => break info,
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        }
    })
    .await
    .expect("the gateway never served the account's calls");
    assert_eq!(info.user_id, UserId::new(SELF_ID));
    let call = mock.requests_for("get_login_info");
    assert_eq!(call.last().unwrap().method, "WS");

    mock.push_event(&json!({
        "time": 1_700_000_000, "self_id": SELF_ID, "post_type": "notice",
        "notice_type": "group_recall", "group_id": 123, "user_id": 42,
        "operator_id": 42, "message_id": 7,
    }));
    // NapCat's lifecycle event (the gateway connecting) may come first.
    let event = tokio::time::timeout(LIMIT, async {
        loop {
            match events.next().await {
                Some(Event::Meta(_)) => {}
                other => break other,
            }
        }
    })
    .await
    .expect("no event through NATS")
    .expect("the event stream ended");
    let Event::Notice(NoticeEvent::GroupRecall(recall)) = event else {
        panic!("not the group recall: {event:?}");
    };
    assert_eq!(recall.message_id.get(), 7);

    gateway.kill().await.unwrap();
    let logs = tokio::time::timeout(LIMIT, logged)
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    assert!(logs.contains("serving the account"), "{logs}");
    for secret in [seed.as_str(), NAPCAT_TOKEN] {
        assert!(
            !logs.contains(secret),
            "a secret in the gateway's logs:\n{logs}"
        );
    }
    nats.stop().await;
}
