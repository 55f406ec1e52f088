//! Calls from workers through NATS and the gateway to the right NapCat
//! account, on a real nats-server and mock NapCats: exact wire JSON,
//! NapCat's replies and failures, unconnected accounts, bad input, a
//! gateway restart, stream actions and the gateway's stats.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::Duration;

use async_nats::HeaderMap;
use bytes::Bytes;
use ncat_api::{Client, Error, Message};
use ncat_mock::{MockNapCat, MockReply};
use ncat_nats::{Gateway, GatewayError, GatewayErrorKind, GatewayStats, Worker};
use serde_json::{Value, json};
use support::*;

const TOKEN: &str = "napcat-s3cret";

/// The request frame as NapCat read it, without the `echo` each
/// connection picks.
fn frame_without_echo(request: &ncat_mock::RecordedRequest) -> Value {
    let mut frame: Value = serde_json::from_str(&request.body).unwrap();
    frame.as_object_mut().unwrap().remove("echo");
    frame
}

fn gateway_error(error: &Error) -> &GatewayError {
    GatewayError::of(error).unwrap_or_else(|| panic!("not a gateway error: {error:?}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calls_from_two_workers_reach_their_own_accounts_exactly_as_sent_directly() {
    let server = nats_server().await;
    let (alice, bob) = (account(10001, TOKEN).await, account(10002, TOKEN).await);
    let gateway = gateway_of(connect(&server).await, &[&alice, &bob], TOKEN, |b| b).await;
    alice.on("send_group_msg", MockReply::ok(json!({"message_id": 7})));
    bob.on("get_group_info", MockReply::failed(1404, "群不存在"));
    bob.on(
        "get_robot_uin_range",
        MockReply::ok(json!([{"minUin": "3328144510", "maxUin": "3328144510"}])),
    );

    // Each worker on a connection of its own, as separate processes would be.
    let worker_a = Worker::new(connect(&server).await, id(10001)).client();
    let worker_b = Worker::new(connect(&server).await, id(10002)).client();
    let message = || Message::new().text("hi ").at(ncat_api::UserId::new(42));
    let (sent, failed) = tokio::join!(
        within(
            "worker A's call",
            worker_a.send_group_msg(123456, message())
        ),
        within("worker B's call", worker_b.get_group_info(654321)),
    );
    assert_eq!(sent.unwrap().message_id.get(), 7);
    match failed.unwrap_err() {
        Error::Action(failure) => {
            assert_eq!(failure.retcode, 1404);
            assert_eq!(failure.message, "群不存在");
        }
        other => panic!("expected NapCat's failure, got {other:?}"),
    }
    let raw = within(
        "call_raw",
        worker_b.call_raw("get_robot_uin_range", json!({"a": [1, "2"]})),
    )
    .await
    .unwrap();
    assert_eq!(
        raw,
        json!([{"minUin": "3328144510", "maxUin": "3328144510"}])
    );

    // What each NapCat got is what a direct WebSocket client sends.
    let (via_gateway_a, via_gateway_b) = (calls_to(&alice), calls_to(&bob));
    assert_eq!(via_gateway_a.len(), 1, "{via_gateway_a:#?}");
    assert_eq!(via_gateway_b.len(), 2, "{via_gateway_b:#?}");
    alice.clear_requests();
    bob.clear_requests();
    let direct_a = forward_client(&alice, TOKEN);
    let direct_b = forward_client(&bob, TOKEN);
    within("direct call", direct_a.send_group_msg(123456, message()))
        .await
        .unwrap();
    within("direct call", direct_b.get_group_info(654321))
        .await
        .unwrap_err();
    within(
        "direct call",
        direct_b.call_raw("get_robot_uin_range", json!({"a": [1, "2"]})),
    )
    .await
    .unwrap();
    let (direct_a, direct_b) = (calls_to(&alice), calls_to(&bob));
    for (through, direct) in via_gateway_a
        .iter()
        .chain(&via_gateway_b)
        .zip(direct_a.iter().chain(&direct_b))
    {
        assert_eq!(through.method, "WS");
        assert_eq!(frame_without_echo(through), frame_without_echo(direct));
        assert_eq!(through.params, direct.params);
    }
    assert_eq!(
        frame_without_echo(&via_gateway_a[0]),
        json!({"action": "send_group_msg", "params": {"group_id": "123456", "message": [
            {"type": "text", "data": {"text": "hi "}},
            {"type": "at", "data": {"qq": "42"}},
        ]}})
    );

    gateway.shutdown().await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unconnected_account_is_answered_at_once() {
    let server = nats_server().await;
    let gateway = within("gateway", Gateway::builder(connect(&server).await).start())
        .await
        .unwrap();
    // Known to the gateway, but its NapCat is unreachable.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let unreachable = Client::builder()
        .url(format!("ws://127.0.0.1:{port}"))
        .build()
        .unwrap();
    gateway.add_client_as(id(30003), unreachable);
    until("the account served", || {
        gateway.stats().accounts.contains_key(&30003)
    })
    .await;

    let nats = connect(&server).await;
    // A long timeout: the answers below are errors, not timeouts.
    let client = |account| {
        Worker::new(nats.clone(), id(account))
            .client_builder()
            .timeout(Duration::from_secs(60))
            .build()
            .unwrap()
    };
    let error = within("known account", client(30003).get_status())
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    assert_eq!(
        gateway_error(&error).kind(),
        GatewayErrorKind::NotConnected,
        "{error}"
    );
    assert!(error.to_string().contains("get_status"), "{error}");

    let error = within("unknown account", client(40004).get_status())
        .await
        .unwrap_err();
    let gateway_error = gateway_error(&error);
    assert_eq!(gateway_error.kind(), GatewayErrorKind::NoGateway, "{error}");
    assert!(gateway_error.message().contains("40004"), "{gateway_error}");

    gateway.shutdown().await;
    server.stop().await;
}

/// Sends `payload` with `headers` to account 10001's call subject as any
/// NATS client could, and returns the error code and message of the answer.
async fn raw_call(
    nats: &async_nats::Client,
    payload: &[u8],
    headers: HeaderMap,
) -> (String, String) {
    let answer = within(
        "raw request",
        nats.request_with_headers(
            "napcat.10001.call",
            headers,
            Bytes::copy_from_slice(payload),
        ),
    )
    .await
    .unwrap();
    let headers = answer.headers.unwrap_or_else(|| {
        panic!(
            "{:?} answered without error headers: {:?}",
            String::from_utf8_lossy(payload),
            answer.payload
        )
    });
    assert!(answer.payload.is_empty());
    (
        headers.get("Nats-Service-Error-Code").unwrap().to_string(),
        headers.get("Nats-Service-Error").unwrap().to_string(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_is_answered_with_an_error_and_never_reaches_napcat() {
    let server = nats_server().await;
    let alice = account(10001, TOKEN).await;
    let gateway = gateway_of(connect(&server).await, &[&alice], TOKEN, |builder| {
        builder.max_request_size(1024)
    })
    .await;
    let nats = connect(&server).await;

    let oversized = format!(
        r#"{{"action":"send_private_msg","params":{{"message":"{}"}}}}"#,
        "x".repeat(2000)
    );
    let cases: [(&[u8], &str, &str); 10] = [
        (b"not json", "400", "not a call"),
        (b"", "400", "not a call"),
        (b"\xff\xfe", "400", "UTF-8"),
        (br#"{"params":{}}"#, "400", "action"),
        (br#"{"action":""}"#, "400", "`action`"),
        (br#"{"action":"get status"}"#, "400", "`action`"),
        (
            br#"{"action":"get_status","params":[1]}"#,
            "400",
            "`params`",
        ),
        (
            br#"{"action":"get_status","params":"x"}"#,
            "400",
            "`params`",
        ),
        (br#"["get_status"]"#, "400", "not a call"),
        (
            oversized.as_bytes(),
            "413",
            "over the gateway's limit of 1024",
        ),
    ];
    for (payload, code, says) in cases {
        let (answer_code, message) = raw_call(&nats, payload, HeaderMap::new()).await;
        assert_eq!(
            answer_code,
            code,
            "{:?}: {message}",
            String::from_utf8_lossy(payload)
        );
        assert!(
            message.contains(says),
            "{:?}: {message}",
            String::from_utf8_lossy(payload)
        );
    }
    let mut bad_timeout = HeaderMap::new();
    bad_timeout.insert("Ncat-Timeout-Ms", "soon");
    let (code, message) = raw_call(&nats, br#"{"action":"get_status"}"#, bad_timeout).await;
    assert_eq!(
        (code.as_str(), message.contains("Ncat-Timeout-Ms")),
        ("400", true),
        "{message}"
    );
    assert!(calls_to(&alice).is_empty(), "{:#?}", calls_to(&alice));

    // A well-formed call still goes through, `params` left out meaning `{}`.
    let answer = within(
        "good request",
        nats.request(
            "napcat.10001.call",
            Bytes::from_static(br#"{"action":"get_status"}"#),
        ),
    )
    .await
    .unwrap();
    let envelope: Value = serde_json::from_slice(&answer.payload).unwrap();
    assert_eq!(envelope["status"], "ok", "{envelope}");
    let calls = calls_to(&alice);
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].params, json!({}));

    let stats = gateway.stats();
    assert_eq!((stats.calls_answered, stats.errors), (12, 11), "{stats:?}");
    gateway.shutdown().await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calls_fail_clearly_while_the_gateway_restarts_and_work_again_after() {
    let server = nats_server().await;
    let alice = account(10001, TOKEN).await;
    let gateway = gateway_of(connect(&server).await, &[&alice], TOKEN, |b| b).await;
    let worker = Worker::new(connect(&server).await, id(10001)).client();
    within("before", worker.get_status()).await.unwrap();

    gateway.shutdown().await;
    let error = within("while down", worker.get_status()).await.unwrap_err();
    assert_eq!(
        gateway_error(&error).kind(),
        GatewayErrorKind::NoGateway,
        "{error}"
    );
    assert!(
        error.to_string().contains("get_status")
            && gateway_error(&error)
                .to_string()
                .contains("no gateway serves account 10001"),
        "{error}: {}",
        gateway_error(&error)
    );

    let gateway = gateway_of(connect(&server).await, &[&alice], TOKEN, |b| b).await;
    within("after", worker.get_status()).await.unwrap();
    assert_eq!(calls_to(&alice).len(), 2);
    gateway.shutdown().await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stream_actions_come_back_frame_by_frame() {
    let server = nats_server().await;
    let alice = account(10001, TOKEN).await;
    let gateway = gateway_of(connect(&server).await, &[&alice], TOKEN, |b| b).await;
    alice.on(
        "future_stream",
        MockReply::stream([
            json!({"type": "stream", "n": 1}),
            json!({"type": "stream", "n": 2}),
            json!({"type": "response", "n": 3}),
        ]),
    );
    alice.on(
        "failing_stream",
        MockReply::stream_failing([json!({"type": "stream", "n": 1})], "disk full"),
    );
    let worker = Worker::new(connect(&server).await, id(10001)).client();

    let mut frames = within("open", worker.stream_raw("future_stream", json!({"x": 1})))
        .await
        .unwrap();
    for n in 1..=3 {
        assert_eq!(
            within("frame", frames.next()).await.unwrap().unwrap()["n"],
            n
        );
    }
    assert!(within("end", frames.next()).await.is_none());
    assert_eq!(calls_to(&alice)[0].params, json!({"x": 1}));

    let mut frames = within("open", worker.stream_raw("failing_stream", Value::Null))
        .await
        .unwrap();
    assert_eq!(
        within("frame", frames.next()).await.unwrap().unwrap()["n"],
        1
    );
    let error = within("failure", frames.next()).await.unwrap().unwrap_err();
    assert!(matches!(error, Error::Action(_)), "{error:?}");
    assert!(error.to_string().contains("disk full"), "{error}");
    gateway.shutdown().await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_gateway_reports_its_state_as_a_nats_service() {
    let server = nats_server().await;
    let (alice, bob) = (account(10001, TOKEN).await, account(10002, TOKEN).await);
    let gateway = gateway_of(connect(&server).await, &[&alice, &bob], TOKEN, |b| b).await;
    let nats = connect(&server).await;
    let worker = Worker::new(nats.clone(), id(10001)).client();
    within("call", worker.get_status()).await.unwrap();
    within(
        "bad call",
        nats.request("napcat.10001.call", Bytes::from_static(b"{}")),
    )
    .await
    .unwrap();
    alice.push_event(
        &json!({"time": 1, "self_id": 10001, "post_type": "notice", "notice_type": "x"}),
    );
    until("event published", || {
        gateway.stats().accounts[&10001].events_published >= 2
    })
    .await;

    let status = within(
        "status",
        nats.request("napcat.gateway.status", Bytes::new()),
    )
    .await
    .unwrap();
    let status: GatewayStats = serde_json::from_slice(&status.payload).unwrap();
    assert_eq!(status.accounts_connected, 2, "{status:?}");
    assert_eq!(
        (status.calls_answered, status.errors, status.calls_in_flight),
        (2, 1, 0),
        "{status:?}"
    );
    assert_eq!(status.accounts[&10001].calls_answered, 2);
    assert_eq!(status.accounts[&10002].calls_answered, 0);

    // The standard service API: `nats micro stats ncat-gateway`.
    let stats = within(
        "service stats",
        nats.request("$SRV.STATS.ncat-gateway", Bytes::new()),
    )
    .await
    .unwrap();
    let stats: Value = serde_json::from_slice(&stats.payload).unwrap();
    let endpoints = stats["endpoints"].as_array().unwrap();
    let alice_endpoint = endpoints
        .iter()
        .find(|endpoint| endpoint["name"] == "10001")
        .unwrap();
    assert_eq!(alice_endpoint["subject"], "napcat.10001.call");
    assert_eq!(alice_endpoint["num_requests"], 2);
    assert_eq!(alice_endpoint["num_errors"], 1);
    assert_eq!(alice_endpoint["data"]["connected"], true);
    assert!(alice_endpoint["data"]["events_published"].as_u64().unwrap() >= 2);
    let status_endpoint = endpoints
        .iter()
        .find(|endpoint| endpoint["name"] == "status")
        .unwrap();
    assert_eq!(status_endpoint["data"]["accounts_connected"], 2);

    alice.shutdown().await;
    until("alice gone", || !gateway.stats().accounts[&10001].connected).await;
    assert_eq!(gateway.stats().accounts_connected, 1);
    gateway.shutdown().await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reverse_connections_are_served_and_dropped_with_their_account() {
    let server = nats_server().await;
    let gateway = within("gateway", Gateway::builder(connect(&server).await).start())
        .await
        .unwrap();
    let reverse = ncat_api::reverse::ReverseServer::builder()
        .token(TOKEN)
        .bind("127.0.0.1:0")
        .await
        .unwrap();
    let url = format!("ws://{}/", reverse.local_addr());
    gateway.add_reverse_server(reverse);
    let carol: MockNapCat = account(20002, TOKEN).await;
    within("dialling", carol.connect_reverse(&url))
        .await
        .unwrap();
    until("carol served", || gateway.stats().accounts_connected == 1).await;

    let worker = Worker::new(connect(&server).await, id(20002)).client();
    within("call", worker.get_status()).await.unwrap();
    assert_eq!(calls_to(&carol).len(), 1);

    carol.disconnect_websockets();
    until("carol gone", || gateway.stats().accounts_connected == 0).await;
    // Every call fails at once: "not connected" until the gateway has let
    // go of the account's subject, then no gateway serves it. A call that
    // reaches the gateway at the very instant it lets go is lost (async-nats
    // closes an endpoint's subscription before the server has taken the
    // unsubscription) and times out: at most one.
    let worker = Worker::new(connect(&server).await, id(20002))
        .client_builder()
        .timeout(Duration::from_secs(2))
        .build()
        .unwrap();
    let (mut released, mut lost) = (false, 0);
    for _ in 0..500 {
        let error = within("after", worker.get_status()).await.unwrap_err();
        match gateway_error(&error).kind() {
            GatewayErrorKind::NoGateway => {
                released = true;
                break;
            }
            GatewayErrorKind::NotConnected => {
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
            GatewayErrorKind::Timeout => lost += 1,
            other => panic!("{other:?}: {error}"),
        }
    }
    assert!(released, "the account's call subject was never released");
    assert!(lost <= 1, "{lost} calls went unanswered");
    gateway.shutdown().await;
    server.stop().await;
}
