//! The forward WebSocket transport against the mock NapCat: echo multiplexing, disconnects,
//! reconnects, the token, stray frames and events. Every test is bounded by a "fails within N
//! seconds" guard; none measures time otherwise.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::future::IntoFuture;
use std::time::Duration;

use ncat_api::event::{Event, LifecycleKind, MessageEvent, MetaEvent};
use ncat_api::{Client, Error, GroupId, Reconnect};
use ncat_mock::{MockNapCat, MockReply};
use serde_json::{Value, json};

const TOKEN: &str = "s3cret";

/// Fails the test if `future` takes longer than `seconds`.
async fn within<T>(seconds: u64, future: impl IntoFuture<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(seconds), future)
        .await
        .unwrap_or_else(|_| panic!("did not finish within {seconds} s"))
}

/// Polls `condition` until it holds (bounded by the caller's `within`).
async fn until(condition: impl Fn() -> bool) {
    while !condition() {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

async fn mock() -> MockNapCat {
    MockNapCat::builder().token(TOKEN).start().await.unwrap()
}

fn client(mock: &MockNapCat, reconnect: Reconnect) -> Client {
    Client::builder()
        .url(mock.ws_url())
        .token(TOKEN)
        .timeout(Duration::from_secs(20))
        .reconnect(reconnect)
        .build()
        .unwrap()
}

fn quick_reconnect() -> Reconnect {
    Reconnect::exponential(Duration::from_millis(20), Duration::from_millis(100))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_concurrent_calls_share_one_socket_and_get_their_own_replies() {
    let mock = mock().await;
    const CALLS: usize = 1000;
    for i in 0..CALLS {
        mock.on(format!("action_{i}"), MockReply::ok(json!({ "i": i })));
    }
    mock.shuffle_replies(CALLS);
    let client = client(&mock, Reconnect::default());

    let calls: Vec<_> = (0..CALLS)
        .map(|i| {
            let client = client.clone();
            tokio::spawn(
                async move { (i, client.call_raw(format!("action_{i}"), json!({})).await) },
            )
        })
        .collect();
    within(60, async {
        for call in calls {
            let (i, reply) = call.await.unwrap();
            assert_eq!(reply.unwrap(), json!({ "i": i }), "call {i}");
        }
    })
    .await;

    assert_eq!(mock.websocket_count(), 1);
    let requests = mock.requests();
    assert_eq!(requests.len(), CALLS);
    let mut echoes: Vec<String> = requests
        .iter()
        .map(|request| {
            assert_eq!(request.method, "WS");
            assert_eq!(request.header("authorization"), Some("Bearer s3cret"));
            let frame: Value = serde_json::from_str(&request.body).unwrap();
            frame["echo"].as_str().unwrap().to_owned()
        })
        .collect();
    echoes.sort();
    echoes.dedup();
    assert_eq!(echoes.len(), CALLS, "every call has its own echo");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_socket_fails_every_pending_call_and_the_client_reconnects() {
    let mock = mock().await;
    mock.on(
        "slow",
        MockReply::ok(json!(1)).delay(Duration::from_secs(3600)),
    );
    mock.on(
        "get_status",
        MockReply::ok(json!({"online": true, "good": true})),
    );
    let client = client(&mock, quick_reconnect());

    let calls: Vec<_> = (0..100)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.call_raw("slow", json!({})).await })
        })
        .collect();
    within(10, until(|| mock.requests_for("slow").len() == 100)).await;

    assert_eq!(mock.disconnect_websockets(), 1);
    within(1, async {
        for call in calls {
            let error = call.await.unwrap().unwrap_err();
            assert!(matches!(error, Error::Disconnected { .. }), "{error:?}");
            assert_eq!(error.action(), Some("slow"));
        }
    })
    .await;

    let status = within(10, client.call_raw("get_status", json!({}))).await;
    assert_eq!(status.unwrap()["online"], true);
}

#[tokio::test]
async fn without_reconnect_a_lost_connection_fails_calls_and_ends_the_events() {
    let mock = mock().await;
    let client = client(&mock, Reconnect::disabled());
    let mut events = client.events();
    within(10, client.call_raw("get_status", json!({})))
        .await
        .unwrap();

    mock.disconnect_websockets();
    within(10, async { while events.next().await.is_some() {} }).await;
    let error = within(10, client.call_raw("get_status", json!({})))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Disconnected { .. }), "{error:?}");
}

#[tokio::test]
async fn calls_wait_for_the_connection_while_it_reconnects() {
    let mock = mock().await;
    let client = client(&mock, quick_reconnect());
    within(10, client.call_raw("get_status", json!({})))
        .await
        .unwrap();
    mock.disconnect_websockets();
    // Made at once, while the client notices the loss and reconnects.
    let calls: Vec<_> = (0..10)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.call_raw("get_status", json!({})).await })
        })
        .collect();
    within(10, async {
        for call in calls {
            let result = call.await.unwrap();
            // A call that went out on the dying socket fails; none waits forever.
            if let Err(error) = result {
                assert!(matches!(error, Error::Disconnected { .. }), "{error:?}");
            }
        }
    })
    .await;
    within(10, client.call_raw("get_status", json!({})))
        .await
        .unwrap();
}

#[tokio::test]
async fn a_wrong_token_is_unauthorized_and_not_retried() {
    let mock = mock().await;
    let client = Client::builder()
        .url(mock.ws_url())
        .token("wrong")
        .reconnect(quick_reconnect())
        .build()
        .unwrap();
    let mut events = client.events();
    let error = within(10, client.call_raw("get_status", json!({})))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Unauthorized { .. }), "{error:?}");
    // The stream ends: the client gave up rather than reconnecting in a loop.
    within(10, async { while events.next().await.is_some() {} }).await;
    let error = within(10, client.call_raw("get_status", json!({})))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Unauthorized { .. }), "{error:?}");
    assert!(mock.requests().is_empty());
}

#[tokio::test]
async fn replies_nobody_waits_for_are_dropped() {
    let mock = mock().await;
    mock.on_once(
        "late",
        MockReply::ok(json!("late")).delay(Duration::from_millis(200)),
    );
    mock.on("next", MockReply::ok(json!("next")));
    let client = client(&mock, Reconnect::default());

    let error = within(
        10,
        client
            .call_raw("late", json!({}))
            .call_timeout(Duration::from_millis(20)),
    )
    .await
    .unwrap_err();
    assert!(matches!(error, Error::Timeout { .. }), "{error:?}");
    assert_eq!(
        mock.send_frame(r#"{"status":"ok","retcode":0,"data":"stray","echo":"nobody"}"#),
        1
    );
    // Let the late reply arrive: it must not be handed to the next call.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let reply = within(10, client.call_raw("next", json!({})))
        .await
        .unwrap();
    assert_eq!(reply, json!("next"));
}

#[tokio::test]
async fn events_arrive_typed_after_the_lifecycle_event() {
    let mock = MockNapCat::builder()
        .token(TOKEN)
        .self_id(4242)
        .start()
        .await
        .unwrap();
    let client = client(&mock, Reconnect::default());
    let mut events = client.events();

    let first = within(10, events.next()).await.unwrap();
    let Event::Meta(MetaEvent::Lifecycle(lifecycle)) = first else {
        panic!("expected the lifecycle event, got {first:?}");
    };
    assert_eq!(lifecycle.sub_type, LifecycleKind::Connect);
    assert_eq!(lifecycle.self_id.get(), 4242);

    let message = json!({"time":1718000001,"self_id":4242,"post_type":"message","message_type":"group","sub_type":"normal","message_id":7,"group_id":123456,"user_id":10002,"message":[{"type":"text","data":{"text":"ping"}}],"raw_message":"ping","font":14,"sender":{"user_id":10002,"nickname":"Bob","role":"member"}});
    assert_eq!(mock.push_event(&message), 1);
    let unknown = json!({"time":1718000002,"self_id":4242,"post_type":"brand_new"});
    mock.push_event(&unknown);

    let Event::Message(MessageEvent::Group(group)) = within(10, events.next()).await.unwrap()
    else {
        panic!("expected a group message");
    };
    assert_eq!(group.group_id, GroupId::new(123456));
    assert_eq!(group.message.plain_text(), "ping");
    assert_eq!(
        within(10, events.next()).await.unwrap(),
        Event::Unknown(unknown)
    );
}

#[tokio::test]
async fn every_event_stream_sees_every_event() {
    let mock = mock().await;
    let client = client(&mock, Reconnect::default());
    let mut first = client.events();
    // Wait for the connection, then open a second stream.
    within(10, first.next()).await.unwrap();
    let mut second = client.events();
    let notice = json!({"time":1,"self_id":10001,"post_type":"notice","notice_type":"friend_add","user_id":10002});
    mock.push_event(&notice);
    for events in [&mut first, &mut second] {
        let event = within(10, events.next()).await.unwrap();
        assert_eq!(event.post_type(), Some("notice"));
    }
}

#[tokio::test]
async fn the_api_path_gets_no_events() {
    let mock = mock().await;
    let client = Client::builder()
        .url(format!("{}/api", mock.ws_url()))
        .token(TOKEN)
        .build()
        .unwrap();
    within(10, client.call_raw("get_status", json!({})))
        .await
        .unwrap();
    assert_eq!(mock.websocket_count(), 1);
    assert_eq!(mock.push_event(&json!({"post_type": "notice"})), 0);
    assert_eq!(mock.last_request().unwrap().path, "/api");
}

#[tokio::test]
async fn failures_come_back_as_action_errors() {
    let mock = mock().await;
    mock.on("get_msg", MockReply::failed(1200, "消息不存在"));
    let client = client(&mock, Reconnect::default());
    let error = within(10, client.call_raw("get_msg", json!({"message_id": 1})))
        .await
        .unwrap_err();
    let Error::Action(error) = error else {
        panic!("expected an action error, got {error:?}");
    };
    assert_eq!(error.retcode, 1200);
    assert_eq!(error.message, "消息不存在");
}

#[tokio::test]
async fn the_connection_dropped_mid_call_by_the_server_fails_that_call() {
    let mock = mock().await;
    mock.on_once("crash", MockReply::disconnect());
    let client = client(&mock, quick_reconnect());
    let error = within(10, client.call_raw("crash", json!({})))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Disconnected { .. }), "{error:?}");
    within(10, client.call_raw("get_status", json!({})))
        .await
        .unwrap();
}

#[tokio::test]
async fn connecting_nowhere_without_reconnect_is_a_transport_error() {
    let mock = MockNapCat::start().await.unwrap();
    let url = mock.ws_url();
    mock.shutdown().await;
    let client = Client::builder()
        .url(url)
        .token(TOKEN)
        .reconnect(Reconnect::disabled())
        .build()
        .unwrap();
    let error = within(10, client.call_raw("get_status", json!({})))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
}

#[test]
fn a_websocket_client_needs_a_runtime_and_hides_its_token() {
    let error = Client::builder()
        .url("ws://127.0.0.1:3001")
        .build()
        .unwrap_err();
    assert!(matches!(error, Error::Config { .. }), "{error:?}");

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let _guard = runtime.enter();
    let client = Client::builder()
        .url("ws://127.0.0.1:3001/?access_token=qs3cret")
        .token("s3cret-token")
        .build()
        .unwrap();
    let debug = format!("{client:?}");
    assert!(!debug.contains("s3cret"), "{debug}");
    assert!(debug.contains("ws://127.0.0.1:3001/"), "{debug}");
}
