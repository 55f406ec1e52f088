//! SSE events: an `http://` client with `sse_events(true)` reads NapCat's
//! `GET /_events` (the mock plays an `httpSseServers` entry): typed events
//! in order, the token, reopening after the server drops the stream or goes
//! silent, the size limit, and the delivery policy.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use common::{notice, user_of, within};
use ncat_api::event::{Delivery, EventBuffer};
use ncat_api::{Client, ClientBuilder, KeepAlive, Reconnect};
use ncat_mock::MockNapCat;
use serde_json::json;

const TOKEN: &str = "sse-t0ken";

fn builder(mock: &MockNapCat) -> ClientBuilder {
    Client::builder()
        .url(mock.url())
        .token(TOKEN)
        .sse_events(true)
        .reconnect(Reconnect::exponential(
            Duration::from_millis(20),
            Duration::from_millis(100),
        ))
}

/// Waits (boundedly) until the mock has `count` SSE streams open.
async fn streams_open(mock: &MockNapCat, count: usize) {
    for _ in 0..500 {
        if mock.sse_count() == count {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!(
        "expected {count} open SSE streams, have {}",
        mock.sse_count()
    );
}

#[tokio::test]
async fn events_arrive_typed_in_order_with_the_token_and_calls_use_http() {
    let mock = MockNapCat::builder().token(TOKEN).start().await.unwrap();
    let client = builder(&mock).build().unwrap();
    let mut events = client.events();
    streams_open(&mock, 1).await;
    let request = mock.requests_for("_events").pop().unwrap();
    assert_eq!(request.method, "GET");
    assert_eq!(request.header("authorization"), Some("Bearer sse-t0ken"));
    for user in 1..=5 {
        assert_eq!(mock.push_event(&notice(user)), 1);
    }
    // Not an event (a stream action's partial reply, as NapCat sends them
    // here too): skipped.
    mock.send_sse("data: {\"status\":\"ok\",\"retcode\":0,\"echo\":\"x\"}\n\n");
    mock.push_event(&notice(6));
    for user in 1..=6 {
        assert_eq!(user_of(&within(10, events.next()).await.unwrap()), user);
    }
    within(10, client.call_raw("get_status", json!({})))
        .await
        .unwrap();
    assert_eq!(mock.last_request().unwrap().method, "POST");
}

#[tokio::test]
async fn the_stream_is_reopened_after_the_server_drops_it() {
    let mock = MockNapCat::builder().token(TOKEN).start().await.unwrap();
    let client = builder(&mock).build().unwrap();
    let mut events = client.events();
    streams_open(&mock, 1).await;
    mock.push_event(&notice(1));
    assert_eq!(user_of(&within(10, events.next()).await.unwrap()), 1);

    assert_eq!(mock.disconnect_sse(), 1);
    streams_open(&mock, 1).await;
    assert_eq!(mock.requests_for("_events").len(), 2, "opened again");
    mock.push_event(&notice(2));
    assert_eq!(user_of(&within(10, events.next()).await.unwrap()), 2);
}

#[tokio::test]
async fn a_refused_token_ends_the_events_without_retrying() {
    let mock = MockNapCat::builder().token(TOKEN).start().await.unwrap();
    let client = Client::builder()
        .url(mock.url())
        .token("wrong")
        .sse_events(true)
        .build()
        .unwrap();
    let mut events = client.events();
    assert!(within(10, events.next()).await.is_none());
    assert_eq!(mock.requests_for("_events").len(), 1);
}

#[tokio::test]
async fn a_silent_stream_is_reopened_and_comments_count_as_life() {
    let mock = MockNapCat::builder().token(TOKEN).start().await.unwrap();
    // Silence deadline: 600 ms + 600 ms.
    let keep_alive = KeepAlive::new(Duration::from_millis(600), Duration::from_millis(600));
    let client = builder(&mock).keep_alive(keep_alive).build().unwrap();
    let mut events = client.events();
    streams_open(&mock, 1).await;
    // Comments every 50 ms for a second and a half: life all along.
    for _ in 0..30 {
        assert_eq!(mock.send_sse(": keep-alive\n\n"), 1);
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(
        mock.requests_for("_events").len(),
        1,
        "comments kept it open"
    );
    // Then silence: the stream is given up and opened again.
    for _ in 0..500 {
        if mock.requests_for("_events").len() == 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(
        mock.requests_for("_events").len(),
        2,
        "reopened after the silence"
    );
    streams_open(&mock, 1).await;
    mock.push_event(&notice(3));
    assert_eq!(user_of(&within(10, events.next()).await.unwrap()), 3);
}

#[tokio::test]
async fn an_event_over_the_size_limit_drops_the_stream_which_is_reopened() {
    let mock = MockNapCat::builder().token(TOKEN).start().await.unwrap();
    let client = builder(&mock).max_reply_size(1024).build().unwrap();
    let mut events = client.events();
    streams_open(&mock, 1).await;
    mock.push_event(&json!({"post_type":"notice","pad":"x".repeat(4096)}));
    for _ in 0..500 {
        if mock.requests_for("_events").len() == 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    streams_open(&mock, 1).await;
    mock.push_event(&notice(4));
    assert_eq!(user_of(&within(10, events.next()).await.unwrap()), 4);
}

#[tokio::test]
async fn a_slow_sse_reader_counts_its_losses_or_loses_none_under_backpressure() {
    let mock = MockNapCat::builder().token(TOKEN).start().await.unwrap();
    let client = builder(&mock)
        .event_buffer(EventBuffer::drop_oldest(2))
        .build()
        .unwrap();
    let mut reader = client.events();
    let mut idle = client.events();
    streams_open(&mock, 1).await;
    // The reader keeps up; the idle stream reads nothing.
    for user in 1..=6 {
        mock.push_event(&notice(user));
        assert_eq!(user_of(&within(10, reader.next()).await.unwrap()), user);
    }
    let Some(Delivery::Lost(lost)) = within(10, idle.next_delivery()).await else {
        panic!("expected word of the loss");
    };
    assert_eq!((lost, idle.lagged()), (4, 4));

    let client = builder(&mock)
        .event_buffer(EventBuffer::backpressure(1))
        .build()
        .unwrap();
    let mut events = client.events();
    streams_open(&mock, 2).await;
    for user in 1..=50 {
        mock.push_event(&notice(user));
    }
    for user in 1..=50 {
        assert_eq!(user_of(&within(10, events.next()).await.unwrap()), user);
    }
    assert_eq!(events.lagged(), 0);
}
