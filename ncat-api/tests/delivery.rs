//! The event delivery policy: a reader that falls behind either loses the
//! oldest events and is told exactly how many, or, under backpressure,
//! holds the connection up and loses none.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use common::{notice, user_of, within};
use ncat_api::Client;
use ncat_api::event::{Delivery, EventBuffer};
use ncat_mock::MockNapCat;
use serde_json::json;

/// A connected client with its first stream past the lifecycle event.
async fn connected(mock: &MockNapCat, buffer: EventBuffer) -> (Client, ncat_api::Events) {
    let client = Client::builder()
        .url(mock.ws_url())
        .event_buffer(buffer)
        .build()
        .unwrap();
    let mut events = client.events();
    let lifecycle = within(10, events.next()).await.unwrap();
    assert_eq!(lifecycle.post_type(), Some("meta_event"));
    (client, events)
}

#[tokio::test]
async fn a_slow_reader_is_told_exactly_how_many_events_it_lost() {
    let mock = MockNapCat::start().await.unwrap();
    // Asked for 3, the ring buffer keeps 4, and says so.
    let buffer = EventBuffer::drop_oldest(3);
    assert_eq!(buffer.capacity(), 4);
    let (client, mut events) = connected(&mock, buffer).await;
    for user in 1..=10 {
        assert_eq!(mock.push_event(&notice(user)), 1);
    }
    // The reply comes after the ten events on the same socket: once it is
    // here, all ten have been handed to the stream, which read none.
    within(10, client.call_raw("get_status", json!({})))
        .await
        .unwrap();

    let Some(Delivery::Lost(lost)) = within(10, events.next_delivery()).await else {
        panic!("expected word of lost events first");
    };
    assert_eq!(lost, 6);
    assert_eq!(events.lagged(), 6);
    let mut kept = Vec::new();
    for _ in 0..4 {
        kept.push(user_of(&within(10, events.next()).await.unwrap()));
    }
    assert_eq!(kept, [7, 8, 9, 10], "the newest four are kept, in order");

    // `next` skips word of a loss, but counts it.
    for user in 11..=16 {
        mock.push_event(&notice(user));
    }
    within(10, client.call_raw("get_status", json!({})))
        .await
        .unwrap();
    assert_eq!(user_of(&within(10, events.next()).await.unwrap()), 13);
    assert_eq!(events.lagged(), 8);
}

#[tokio::test]
async fn under_backpressure_a_slow_reader_loses_nothing_and_holds_replies_up() {
    let mock = MockNapCat::start().await.unwrap();
    let (client, mut events) = connected(&mock, EventBuffer::backpressure(2)).await;
    for user in 1..=20 {
        assert_eq!(mock.push_event(&notice(user)), 1);
    }
    // The reply waits behind the events the reader has not taken.
    let call = tokio::spawn({
        let client = client.clone();
        async move { client.call_raw("get_status", json!({})).await }
    });
    // Let the socket reader run into the full buffer.
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(
        !call.is_finished(),
        "the reply is read only after the events"
    );

    let mut users = Vec::new();
    for _ in 0..20 {
        users.push(user_of(&within(10, events.next()).await.unwrap()));
    }
    assert_eq!(users, (1..=20).collect::<Vec<_>>());
    assert_eq!(events.lagged(), 0);
    within(10, call).await.unwrap().unwrap();
}

#[tokio::test]
async fn every_stream_of_a_backpressured_client_gets_every_event() {
    let mock = MockNapCat::start().await.unwrap();
    let (client, mut first) = connected(&mock, EventBuffer::backpressure(1)).await;
    let mut second = client.events();
    for user in 1..=5 {
        mock.push_event(&notice(user));
    }
    // Read in turns: the sink waits for the slower of the two.
    for user in 1..=5 {
        assert_eq!(user_of(&within(10, first.next()).await.unwrap()), user);
        assert_eq!(user_of(&within(10, second.next()).await.unwrap()), user);
    }
    assert_eq!(first.lagged() + second.lagged(), 0);
}

#[test]
fn a_buffer_holds_at_least_one_event() {
    assert_eq!(EventBuffer::drop_oldest(0).capacity(), 1);
    assert_eq!(EventBuffer::backpressure(0).capacity(), 1);
    assert_eq!(EventBuffer::drop_oldest(1000).capacity(), 1024);
    assert_eq!(EventBuffer::backpressure(1000).capacity(), 1000);
    for huge in [usize::MAX, EventBuffer::MAX_CAPACITY + 1] {
        assert_eq!(
            EventBuffer::drop_oldest(huge).capacity(),
            EventBuffer::MAX_CAPACITY
        );
        assert_eq!(
            EventBuffer::backpressure(huge).capacity(),
            EventBuffer::MAX_CAPACITY
        );
    }
    assert_eq!(EventBuffer::default().capacity(), 1024);
    assert!(!EventBuffer::default().is_backpressure());
    assert!(EventBuffer::backpressure(8).is_backpressure());
}
