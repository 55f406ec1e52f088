//! The `any_mode` example bot runs unchanged on all four event modes —
//! forward WebSocket, SSE, reverse WebSocket and HTTP POST — picking the
//! mode from its configuration alone, and its quick reply reaches the mock
//! on each.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../examples/any_mode.rs"]
#[allow(dead_code, reason = "the example's `main` is not run here")]
mod any_mode;

use std::time::Duration;

use ncat_mock::MockNapCat;
use serde_json::{Value, json};
use tokio::sync::oneshot;

const TOKEN: &str = "m0des";

fn ping(id: i64) -> Value {
    json!({"time":1718000001,"self_id":10001,"post_type":"message","message_type":"group",
        "sub_type":"normal","message_id":id,"group_id":123456,"user_id":10002,
        "message":[{"type":"text","data":{"text":"ping"}}],"raw_message":"ping","font":14,
        "sender":{"user_id":10002,"nickname":"Bob","role":"member"}})
}

/// Starts the example on `events`; the address it listens on, if it does.
fn start(
    events: String,
) -> (
    tokio::task::JoinHandle<()>,
    oneshot::Receiver<std::net::SocketAddr>,
) {
    let (listening, address) = oneshot::channel();
    let config = any_mode::Config {
        events,
        token: Some(TOKEN.to_owned()),
        api_url: None,
    };
    let bot = tokio::spawn(async move {
        any_mode::run(&config, |addr| {
            let _ = listening.send(addr);
        })
        .await
        .unwrap();
    });
    (bot, address)
}

/// Waits (boundedly) for `done`.
async fn until(mut done: impl FnMut() -> bool, what: &str) {
    for _ in 0..1000 {
        if done() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("timed out waiting for {what}");
}

/// The quick operations the mock carried out or was asked for, by message id.
fn answered(mock: &MockNapCat) -> Vec<(String, Value, String)> {
    mock.requests_for(".handle_quick_operation")
        .into_iter()
        .map(|request| {
            // A string from ncat's typed context, a number as NapCat posted it.
            let id = match &request.params["context"]["message_id"] {
                Value::String(id) => id.clone(),
                id => id.to_string(),
            };
            (
                id,
                request.params["operation"]["reply"].clone(),
                request.method,
            )
        })
        .collect()
}

#[tokio::test]
async fn the_example_bot_answers_on_all_four_event_modes() {
    let mock = MockNapCat::builder().token(TOKEN).start().await.unwrap();
    let pong = json!([{"type":"text","data":{"text":"pong"}}]);

    // Forward WebSocket.
    let (bot, _) = start(mock.ws_url());
    until(|| mock.websocket_count() == 1, "the WebSocket").await;
    mock.push_event(&ping(1));
    until(|| answered(&mock).len() == 1, "the answer over WebSocket").await;
    bot.abort();
    until(|| mock.websocket_count() == 0, "the WebSocket to close").await;

    // SSE (an http:// URL).
    let (bot, _) = start(mock.url());
    until(|| mock.sse_count() == 1, "the SSE stream").await;
    mock.push_event(&ping(2));
    until(|| answered(&mock).len() == 2, "the answer over SSE").await;
    bot.abort();

    // Reverse WebSocket: NapCat connects to the bot.
    let (bot, address) = start("reverse://127.0.0.1:0".to_owned());
    let addr = address.await.unwrap();
    mock.connect_reverse(&format!("ws://{addr}/onebot"))
        .await
        .unwrap();
    // Registered by the mock's session task, which may not have run yet.
    until(|| mock.websocket_count() == 1, "the reverse WebSocket").await;
    mock.push_event(&ping(3));
    until(
        || answered(&mock).len() == 3,
        "the answer over reverse WebSocket",
    )
    .await;
    bot.abort();

    // HTTP POST: NapCat posts, the answer goes back in the response.
    let (bot, address) = start("post://127.0.0.1:0".to_owned());
    let addr = address.await.unwrap();
    let outcome = mock
        .post_event(&format!("http://{addr}/"), &ping(4))
        .await
        .unwrap();
    assert_eq!(outcome.status, 200);
    bot.abort();

    let answered = answered(&mock);
    let ids: Vec<_> = answered.iter().map(|(id, ..)| id.clone()).collect();
    assert_eq!(ids, ["1", "2", "3", "4"]);
    assert!(
        answered.iter().all(|(_, reply, _)| *reply == pong),
        "{answered:?}"
    );
    // As calls over WebSocket, HTTP and WebSocket, then in the response.
    let methods: Vec<_> = answered
        .iter()
        .map(|(.., method)| method.as_str())
        .collect();
    assert_eq!(methods, ["WS", "POST", "WS", "QUICK"]);
}
