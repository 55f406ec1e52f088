//! The examples' bots, driven by the harness.

use std::time::Duration;

use ncat_api::actions::{SetGroupBanRequest, SetGroupKickRequest};
use ncat_bot::testing::TestBot;
use serde_json::json;

#[allow(dead_code)]
#[path = "../examples/echo_handlers.rs"]
mod echo_handlers;

#[allow(dead_code)]
#[path = "../examples/group_admin.rs"]
mod group_admin;

#[tokio::test]
async fn the_echo_bot_echoes_private_messages_only() {
    let test = TestBot::start(echo_handlers::router()).await;
    let sent = test.private(7).send("hello there").await;
    assert_eq!(sent.replies(), ["hello there"]);
    assert_eq!(sent.calls("send_private_msg")[0]["user_id"], json!("7"));
    assert!(test.group(1).send("hello").await.requests().is_empty());
}

#[tokio::test]
async fn admins_mute_unmute_and_kick_and_members_cannot() {
    let test = TestBot::start(group_admin::router()).await;
    let sent = test.group(100).user(1).admin().send("/mute @9 10").await;
    let mut mute = SetGroupBanRequest::new(100, 9);
    mute.duration = Some(600);
    sent.assert_called(&mute);
    assert_eq!(sent.replies(), ["muted 9 for 10 min"]);

    let sent = test.group(100).user(1).admin().send("/unmute @9").await;
    let mut unmute = SetGroupBanRequest::new(100, 9);
    unmute.duration = Some(0);
    sent.assert_called(&unmute);

    let sent = test
        .group(100)
        .user(1)
        .admin()
        .send("/kick @9 spamming links")
        .await;
    sent.assert_called(&SetGroupKickRequest::new(100, 9));
    assert_eq!(sent.replies(), ["kicked 9: spamming links"]);

    // A member's command is not for this handler: nothing happens.
    let sent = test.group(100).user(2).send("/mute @9 10").await;
    assert!(sent.requests().is_empty());
    // A bad argument from an admin gets the usage line.
    let sent = test.group(100).user(1).admin().send("/mute @9 long").await;
    assert_eq!(
        sent.replies(),
        ["expected number for <minutes>, got `long`\nusage: /mute <user: @user> <minutes: number>"]
    );
}

#[tokio::test]
async fn newcomers_are_welcomed_with_a_mention() {
    let test = TestBot::start(group_admin::router()).await;
    let sent = test.group(100).user(55).joins().await;
    let calls = sent.calls("send_group_msg");
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0]["group_id"], json!("100"));
    assert_eq!(
        calls[0]["message"],
        json!([
            {"type": "text", "data": {"text": "welcome, "}},
            {"type": "at", "data": {"qq": "55"}},
            {"type": "text", "data": {"text": "!"}}
        ])
    );
}

#[tokio::test]
async fn the_quiz_takes_the_first_right_answer_and_times_out_and_cools_down() {
    let test = TestBot::start(group_admin::router()).await;
    // The harness numbers messages from 1: the second question.
    let sent = test.group(100).user(1).send("/quiz").await;
    assert_eq!(sent.replies(), ["The capital of France?"]);
    assert!(
        test.group(100)
            .user(2)
            .send("London")
            .await
            .replies()
            .is_empty()
    );
    let sent = test.group(100).user(3).send("paris").await;
    assert_eq!(sent.replies(), [" got it: Paris"]);
    assert_eq!(
        sent.calls("send_group_msg")[0]["message"][0],
        json!({"type": "at", "data": {"qq": "3"}})
    );

    // Once a minute per group.
    assert_eq!(
        test.group(100).user(1).send("/quiz").await.replies(),
        ["one quiz a minute"]
    );
    test.advance(Duration::from_secs(60)).await;
    let sent = test.group(100).user(1).send("/quiz").await;
    assert_eq!(sent.replies().len(), 1);
    let sent = test.advance(Duration::from_secs(30)).await;
    assert_eq!(sent.replies().len(), 1);
    assert!(sent.replies()[0].starts_with("time's up: "));
}
