//! A bot on NapCat's HTTP POST mode, against the mock posting as NapCat
//! does: a signed post reaches the handler, whose reply call goes to the
//! HTTP API and whose quick operation goes back in the response; a post
//! signed wrongly, or not at all, never reaches a handler.

#![cfg(feature = "post")]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use ncat_api::Client;
use ncat_api::event::{GroupMessage, PrivateMessage};
use ncat_api::post::PostServer;
use ncat_bot::{Bot, Router};
use ncat_mock::{MockNapCat, MockReply, PostSignature};
use serde_json::{Value, json};

const SECRET: &str = "post-5ecret";

fn group_message(text: &str) -> Value {
    json!({
        "time": 1, "self_id": 10001, "post_type": "message", "message_type": "group",
        "sub_type": "normal", "message_id": 1, "group_id": 5, "user_id": 7,
        "message": [{"type": "text", "data": {"text": text}}], "raw_message": text, "font": 0,
        "sender": {"user_id": 7, "nickname": "n", "role": "member"}
    })
}

fn private_message(text: &str) -> Value {
    json!({
        "time": 1, "self_id": 10001, "post_type": "message", "message_type": "private",
        "sub_type": "friend", "message_id": 2, "user_id": 7,
        "message": [{"type": "text", "data": {"text": text}}], "raw_message": text, "font": 0,
        "sender": {"user_id": 7, "nickname": "n"}
    })
}

/// `future`, or a panic after ten seconds.
async fn within<T>(future: impl Future<Output = T>) -> T {
    match tokio::time::timeout(Duration::from_secs(10), future).await {
        Ok(value) => value,
        Err(_) => panic!("nothing within ten seconds"),
    }
}

#[tokio::test]
async fn a_bot_on_the_post_receiver_answers_signed_posts_and_never_sees_forged_ones() {
    let Ok(mock) = MockNapCat::builder()
        .self_id(10001)
        .token(SECRET)
        .start()
        .await
    else {
        panic!("mock did not start");
    };
    mock.on("send_group_msg", MockReply::ok(json!({"message_id": 9})));
    let Ok(server) = PostServer::builder()
        .secret(SECRET)
        .api_url(mock.url())
        .api_token(SECRET)
        .bind("127.0.0.1:0")
        .await
    else {
        panic!("the receiver did not start");
    };
    let url = format!("http://{}/", server.local_addr());

    // Every text a handler saw: group messages answered with a call,
    // private ones with a quick operation in the response.
    let seen = Arc::new(Mutex::new(Vec::<String>::new()));
    let group_seen = Arc::clone(&seen);
    let in_group = move |message: GroupMessage, client: Client| {
        let seen = Arc::clone(&group_seen);
        async move {
            let text = message.message.plain_text();
            seen.lock().map(|mut seen| seen.push(text.clone())).ok();
            client
                .send_group_msg(message.group_id, format!("{} got {text}", message.self_id))
                .await?;
            Ok::<(), ncat_api::Error>(())
        }
    };
    let private_seen = Arc::clone(&seen);
    let in_private = move |message: PrivateMessage, client: Client| {
        let seen = Arc::clone(&private_seen);
        async move {
            seen.lock()
                .map(|mut seen| seen.push(message.message.plain_text()))
                .ok();
            message.quick().reply("pong").send(&client).await?;
            Ok::<(), ncat_api::Error>(())
        }
    };
    let bot = Bot::new(Router::new().on(in_group).on(in_private));
    let shutdown = bot.shutdown_handle();
    let running = tokio::spawn(bot.run(server));

    // Forged and unsigned posts are refused before any handler.
    for signature in [PostSignature::Wrong, PostSignature::Unsigned] {
        let outcome = within(mock.post_event_signed(&url, &group_message("forged"), signature))
            .await
            .unwrap_or_else(|error| panic!("post failed: {error}"));
        assert_eq!(outcome.status, 403);
    }

    // A signed post: the handler's call reaches NapCat's HTTP API; the post
    // is answered once the handler returned, with nothing to do.
    let outcome = within(mock.post_event(&url, &group_message("hi")))
        .await
        .unwrap_or_else(|error| panic!("post failed: {error}"));
    assert_eq!((outcome.status, outcome.operation), (204, None));
    let sent = mock.requests_for("send_group_msg");
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].params["group_id"], "5");
    assert_eq!(
        sent[0].params["message"],
        json!([{"type": "text", "data": {"text": "10001 got hi"}}])
    );
    assert_eq!(sent[0].header("authorization"), Some("Bearer post-5ecret"));

    // A quick operation goes back in the response, the post held open
    // while the handler ran.
    let outcome = within(mock.post_event(&url, &private_message("ping")))
        .await
        .unwrap_or_else(|error| panic!("post failed: {error}"));
    assert_eq!(outcome.status, 200);
    assert_eq!(
        outcome.operation,
        Some(json!({"reply": [{"type": "text", "data": {"text": "pong"}}]}))
    );
    assert_eq!(mock.requests_for(".handle_quick_operation").len(), 1);

    let seen = seen.lock().map(|seen| seen.clone()).unwrap_or_default();
    assert_eq!(seen, ["hi", "ping"]);
    shutdown.shutdown();
    assert!(within(running).await.is_ok());
}
