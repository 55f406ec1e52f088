//! Reverse WebSocket: the mock plays NapCat connecting to the bot's server; the bot calls
//! actions and receives events over that connection.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::ErrorKind;
use std::time::Duration;

use common::within;
use ncat_api::event::{Event, MessageEvent, MetaEvent};
use ncat_api::reverse::ReverseServer;
use ncat_api::{Error, UserId};
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
