//! Reverse WebSocket: the mock plays NapCat connecting to the bot's server; the bot calls
//! actions and receives events over that connection.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::ErrorKind;
use std::time::Duration;

use common::{notice, user_of, within};
use ncat_api::event::{Delivery, Event, EventBuffer, MessageEvent, MetaEvent};
use ncat_api::reverse::ReverseServer;
use ncat_api::{Client, Error, UserId};
use ncat_mock::{MockNapCat, MockReply};
use serde_json::json;

const TOKEN: &str = "s3cret";

#[tokio::test]
async fn napcat_connects_and_the_bot_calls_actions_and_receives_events() {
    let mut server = ReverseServer::builder()
        .token(TOKEN)
        .timeout(Duration::from_secs(10))
        .bind("127.0.0.1:0")
        .await
        .unwrap();
    let mock = MockNapCat::builder()
        .token(TOKEN)
        .self_id(20002)
        .start()
        .await
        .unwrap();
    mock.on(
        "get_login_info",
        MockReply::ok(json!({"user_id": 20002, "nickname": "bot"})),
    );

    let url = format!("ws://{}/onebot", server.local_addr());
    within(10, mock.connect_reverse(&url)).await.unwrap();
    let connection = within(10, server.accept()).await.unwrap();
    assert_eq!(connection.self_id(), UserId::new(20002));
    let client = connection.client().clone();

    let me = within(10, client.call_raw("get_login_info", json!({})))
        .await
        .unwrap();
    assert_eq!(me["nickname"], "bot");
    let request = mock.last_request().unwrap();
    assert_eq!(request.method, "WS");
    assert_eq!(request.path, "/onebot");
    assert_eq!(request.header("x-self-id"), Some("20002"));
    assert_eq!(request.header("authorization"), Some("Bearer s3cret"));

    let mut events = client.events();
    let first = within(10, events.next()).await.unwrap();
    assert!(
        matches!(first, Event::Meta(MetaEvent::Lifecycle(_))),
        "{first:?}"
    );
    mock.push_event(&json!({"time":1718000001,"self_id":20002,"post_type":"message","message_type":"private","sub_type":"friend","message_id":3,"user_id":10002,"message":[{"type":"text","data":{"text":"hi"}}],"raw_message":"hi","font":14,"sender":{"user_id":10002,"nickname":"Bob"}}));
    let Event::Message(MessageEvent::Private(message)) = within(10, events.next()).await.unwrap()
    else {
        panic!("expected a private message");
    };
    assert_eq!(message.message.plain_text(), "hi");

    // NapCat goes away: calls fail, the stream ends.
    mock.disconnect_websockets();
    within(10, async { while events.next().await.is_some() {} }).await;
    let error = within(10, client.call_raw("get_status", json!({})))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Disconnected { .. }), "{error:?}");

    // …and comes back as a new connection.
    within(10, mock.connect_reverse(&url)).await.unwrap();
    let again = within(10, server.accept()).await.unwrap();
    within(10, again.client().call_raw("get_status", json!({})))
        .await
        .unwrap();
}

#[tokio::test]
async fn a_napcat_with_the_wrong_token_is_turned_away() {
    let mut server = ReverseServer::builder()
        .token(TOKEN)
        .bind("127.0.0.1:0")
        .await
        .unwrap();
    let url = format!("ws://{}/", server.local_addr());
    for mock in [
        MockNapCat::builder().token("wrong").start().await.unwrap(),
        MockNapCat::start().await.unwrap(),
    ] {
        let error = within(10, mock.connect_reverse(&url)).await.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::PermissionDenied, "{error}");
    }
    // Nothing was handed out; a good NapCat still gets through.
    let good = MockNapCat::builder().token(TOKEN).start().await.unwrap();
    within(10, good.connect_reverse(&url)).await.unwrap();
    let connection = within(10, server.accept()).await.unwrap();
    assert_eq!(connection.self_id(), UserId::new(10001));
}

#[tokio::test]
async fn a_napcat_gone_silent_is_dropped_and_a_large_message_closes_its_connection() {
    use tokio_tungstenite::tungstenite::client::IntoClientRequest;

    let mut server = ReverseServer::builder()
        .token(TOKEN)
        .timeout(Duration::from_secs(30))
        .max_reply_size(1024)
        .keep_alive(ncat_api::KeepAlive::new(
            Duration::from_millis(50),
            Duration::from_millis(150),
        ))
        .bind("127.0.0.1:0")
        .await
        .unwrap();
    let url = format!("ws://{}/", server.local_addr());
    let napcat = || {
        let mut request = url.as_str().into_client_request().unwrap();
        let headers = request.headers_mut();
        headers.insert("authorization", "Bearer s3cret".parse().unwrap());
        headers.insert("x-self-id", "10001".parse().unwrap());
        tokio_tungstenite::connect_async(request)
    };

    // Connects, then never reads: no reply, no pong.
    let (_silent, _) = within(10, napcat()).await.unwrap();
    let connection = within(10, server.accept()).await.unwrap();
    let error = within(10, connection.client().call_raw("get_status", json!({})))
        .await
        .unwrap_err();
    assert!(
        matches!(
            error.disconnect_reason(),
            Some(ncat_api::DisconnectReason::Unresponsive { .. })
        ),
        "{error:?}"
    );

    // The size limit applies to reverse connections too.
    let (mut big, _) = within(10, napcat()).await.unwrap();
    let connection = within(10, server.accept()).await.unwrap();
    {
        use futures_util::SinkExt;
        let event = format!(
            r#"{{"post_type":"meta_event","meta_event_type":"heartbeat","pad":"{}"}}"#,
            "x".repeat(2048)
        );
        big.send(tokio_tungstenite::tungstenite::Message::text(event))
            .await
            .unwrap();
    }
    let error = within(10, connection.client().call_raw("get_status", json!({})))
        .await
        .unwrap_err();
    assert!(
        matches!(
            error.disconnect_reason(),
            Some(ncat_api::DisconnectReason::MessageTooLarge { limit: 1024 })
        ),
        "{error:?}"
    );
}

/// How many events the burst tests push: several times the buffer.
const BURST: i64 = 3000;
const BUFFER: usize = 1024;

/// A reverse connection from a fresh mock, its events buffered as `buffer` says.
async fn reverse_connection(buffer: EventBuffer) -> (MockNapCat, ReverseServer, Client) {
    let mut server = ReverseServer::builder()
        .token(TOKEN)
        .event_buffer(buffer)
        .bind("127.0.0.1:0")
        .await
        .unwrap();
    let mock = MockNapCat::builder().token(TOKEN).start().await.unwrap();
    let url = format!("ws://{}/", server.local_addr());
    within(10, mock.connect_reverse(&url)).await.unwrap();
    let connection = within(10, server.accept()).await.unwrap();
    let client = connection.client().clone();
    (mock, server, client)
}

// The modes benchmark once lost a whole burst here: the mock pushed events
// before its reverse socket was registered. Under backpressure the reader
// stops with a full buffer while nobody reads yet, and the stream made
// afterwards must still get every event, in order.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_over_reverse_websocket_under_backpressure_arrives_whole_and_in_order() {
    let (mock, _server, client) = reverse_connection(EventBuffer::backpressure(BUFFER)).await;
    for user in 1..=BURST {
        assert_eq!(
            mock.push_event(&notice(user)),
            1,
            "event {user} reached no socket"
        );
    }
    // Let the reader run into the full buffer before anyone subscribes.
    tokio::time::sleep(Duration::from_millis(50)).await;
    let mut events = client.events();
    let lifecycle = within(10, events.next()).await.unwrap();
    assert!(
        matches!(lifecycle, Event::Meta(MetaEvent::Lifecycle(_))),
        "{lifecycle:?}"
    );
    let mut users = Vec::with_capacity(BURST as usize);
    while users.len() < BURST as usize {
        let event = tokio::time::timeout(Duration::from_secs(10), events.next())
            .await
            .unwrap_or_else(|_| panic!("stalled after {} of {BURST} events", users.len()))
            .unwrap_or_else(|| panic!("the stream ended after {} events", users.len()));
        users.push(user_of(&event));
    }
    assert_eq!(users, (1..=BURST).collect::<Vec<_>>());
    assert_eq!(events.lagged(), 0);
    // The connection still answers calls once the events are read.
    within(10, client.call_raw("get_status", json!({})))
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_over_reverse_websocket_that_overflows_the_buffer_reports_exactly_the_loss() {
    let (mock, _server, client) = reverse_connection(EventBuffer::drop_oldest(BUFFER)).await;
    let mut events = client.events();
    for user in 1..=BURST {
        assert_eq!(
            mock.push_event(&notice(user)),
            1,
            "event {user} reached no socket"
        );
    }
    // The reply comes after the events on the same socket: once it is here,
    // the lifecycle event and all the notices have been handed to the
    // stream, which read none of them.
    within(10, client.call_raw("get_status", json!({})))
        .await
        .unwrap();

    let lost = BURST + 1 - BUFFER as i64;
    match within(10, events.next_delivery()).await {
        Some(Delivery::Lost(count)) => assert_eq!(count, lost as u64),
        other => panic!("expected word of lost events first, got {other:?}"),
    }
    let mut users = Vec::with_capacity(BUFFER);
    for _ in 0..BUFFER {
        users.push(user_of(&within(10, events.next()).await.unwrap()));
    }
    // The lifecycle event and the oldest notices went; the newest are kept, in order.
    assert_eq!(users, (lost..=BURST).collect::<Vec<_>>());
    assert_eq!(events.lagged(), lost as u64);
}
