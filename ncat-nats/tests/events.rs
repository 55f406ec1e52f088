//! Events from NapCat through the gateway to workers, on a real
//! nats-server: subjects and NapCat's exact JSON, a queue group sharing
//! them with none lost or duplicated, and JetStream's durable consumer
//! surviving a worker killed mid-stream.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use futures_util::StreamExt;
use ncat_api::event::{Event, MessageEvent};
use ncat_mock::MockNapCat;
use ncat_nats::{DurableOptions, Worker};
use serde_json::json;
use support::*;

const TOKEN: &str = "napcat-s3cret";

/// A group message event of account 10001 with message id `n`.
fn group_message(n: i64) -> serde_json::Value {
    json!({
        "time": 1_700_000_000, "self_id": 10001, "post_type": "message",
        "message_type": "group", "sub_type": "normal", "message_id": n,
        "group_id": 123456, "user_id": 42, "message": [{"type": "text", "data": {"text": format!("#{n}")}}],
        "raw_message": format!("#{n}"), "font": 14,
        "sender": {"user_id": 42, "nickname": "alice", "card": "", "role": "member"}
    })
}

fn message_id(event: &Event) -> Option<i64> {
    match event {
        Event::Message(MessageEvent::Group(message)) => Some(message.message_id.get()),
        _ => None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_go_to_their_subject_exactly_as_napcat_sent_them() {
    let server = nats_server().await;
    let alice = account(10001, TOKEN).await;
    let nats = connect(&server).await;
    let mut everything = nats.subscribe("napcat.>").await.unwrap();
    nats.flush().await.unwrap();
    let gateway = gateway_of(connect(&server).await, &[&alice], TOKEN, |b| b).await;

    // Odd spacing, key order and escapes: relayed byte for byte.
    let frames = [
        (
            r#"{ "post_type":"notice","time":1,"self_id":10001,  "notice_type":"group_recall","group_id":1,"user_id":2,"operator_id":2,"message_id":3 }"#,
            "napcat.10001.event.notice.group_recall",
        ),
        (
            r#"{"self_id":10001,"time":2,"post_type":"request","request_type":"friend","user_id":5,"comment":"\u4f60\u597d","flag":"f"}"#,
            "napcat.10001.event.request.friend",
        ),
        (
            r#"{"time":3,"self_id":10001,"post_type":"brand_new","what":[1,2.50]}"#,
            "napcat.10001.event.brand_new.unknown",
        ),
    ];
    for (frame, _) in frames {
        assert_eq!(alice.send_frame(frame), 1);
    }
    let mut seen = Vec::new();
    within("events relayed", async {
        while seen.len() < frames.len() {
            let message = everything.next().await.unwrap();
            // The lifecycle event on connect comes first; it is relayed too.
            if message.subject.as_str() != "napcat.10001.event.meta_event.lifecycle" {
                seen.push(message);
            }
        }
    })
    .await;
    for (message, (frame, subject)) in seen.iter().zip(frames) {
        assert_eq!(message.subject.as_str(), subject);
        assert_eq!(std::str::from_utf8(&message.payload).unwrap(), frame);
    }
    assert_eq!(gateway.stats().events_published, 4);

    // A worker reads them typed, with NapCat's JSON alongside: `events`
    // returns once the server has taken the subscription, so the event
    // pushed next is the worker's (at most once: one published before
    // that would not be).
    let mut events = Worker::new(connect(&server).await, id(10001))
        .events(None)
        .await
        .unwrap();
    alice.push_event(&group_message(9));
    let (event, json) = within("typed event", events.next_with_json())
        .await
        .unwrap();
    assert_eq!(message_id(&event), Some(9));
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&json).unwrap(),
        group_message(9)
    );
    gateway.shutdown().await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_queue_group_shares_the_events_with_none_lost_or_duplicated() {
    const EVENTS: i64 = 300;
    const REPLICAS: usize = 3;
    let server = nats_server().await;
    let (alice, bob) = (account(10001, TOKEN).await, account(10002, TOKEN).await);
    let gateway = gateway_of(connect(&server).await, &[&alice, &bob], TOKEN, |b| b).await;

    let (sender, mut handled) = tokio::sync::mpsc::unbounded_channel();
    let mut replicas = Vec::new();
    for replica in 0..REPLICAS {
        let mut events = Worker::new(connect(&server).await, id(10001))
            .events(Some("echo-bot"))
            .await
            .unwrap();
        let sender = sender.clone();
        replicas.push(tokio::spawn(async move {
            while let Some(event) = events.next().await {
                if let Some(n) = message_id(&event) {
                    sender.send((replica, n)).unwrap();
                }
            }
        }));
    }
    // Another account's events reach none of them.
    bob.push_event(&json!({"time": 1, "self_id": 10002, "post_type": "message", "message_type": "group", "message_id": -1}));
    for n in 0..EVENTS {
        alice.push_event(&group_message(n));
    }

    let mut by_replica = BTreeMap::<usize, usize>::new();
    let mut ids = Vec::new();
    within("every event handled", async {
        while ids.len() < EVENTS as usize {
            let (replica, n) = handled.recv().await.unwrap();
            *by_replica.entry(replica).or_default() += 1;
            ids.push(n);
        }
    })
    .await;
    // Anything more (a duplicate) would have arrived by the time a marker
    // event sent after all of them is handled.
    alice.push_event(&group_message(EVENTS));
    let (_, last) = within("marker", handled.recv()).await.unwrap();
    assert_eq!(last, EVENTS, "a duplicate arrived");
    let unique: BTreeSet<i64> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "duplicates");
    assert_eq!(unique, (0..EVENTS).collect::<BTreeSet<_>>());
    assert!(
        by_replica.len() > 1,
        "one replica got everything: {by_replica:?}"
    );
    for replica in replicas {
        replica.abort();
    }
    gateway.shutdown().await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_longer_than_the_event_buffer_reaches_the_worker_whole() {
    // Five times the gateway's buffer, pushed at once: NapCat's side waits
    // while NATS catches up, and nothing is dropped.
    const EVENTS: i64 = 5_000;
    let server = nats_server().await;
    let alice = account(10001, TOKEN).await;
    let gateway = gateway_of(connect(&server).await, &[&alice], TOKEN, |b| b).await;
    let mut events = Worker::new(connect(&server).await, id(10001))
        .events(Some("burst"))
        .await
        .unwrap();
    for n in 0..EVENTS {
        alice.push_event(&group_message(n));
    }
    let mut seen = Vec::new();
    // Each event within the usual bound of the previous one (a lost event
    // shows as silence), so the whole wait is bounded too.
    while seen.len() < EVENTS as usize {
        let next = tokio::time::timeout(WAIT, events.next()).await;
        let Ok(Some(event)) = next else {
            panic!(
                "{} of {EVENTS} events arrived; lost by the gateway: {}",
                seen.len(),
                gateway.stats().events_lost
            );
        };
        if let Some(n) = message_id(&event) {
            seen.push(n);
        }
    }
    // In order, each once.
    assert_eq!(seen, (0..EVENTS).collect::<Vec<_>>());
    // The burst and the lifecycle event on connect (the counter moves
    // just after the publish the worker may already have read).
    until("every event counted", || {
        gateway.stats().events_published == EVENTS as u64 + 1
    })
    .await;
    assert_eq!(gateway.stats().events_lost, 0);
    gateway.shutdown().await;
    server.stop().await;
}

/// The application's own record of what it handled: a handler with an
/// effect outside the bot (a database) remembers the stream sequence with
/// the effect, so a redelivered event is recognised.
#[derive(Default)]
struct Store {
    sequences: BTreeSet<u64>,
    effects: BTreeMap<i64, usize>,
}

impl Store {
    /// Handles `n` once; `false` if this delivery was a duplicate.
    fn handle(&mut self, sequence: u64, n: i64) -> bool {
        if !self.sequences.insert(sequence) {
            return false;
        }
        *self.effects.entry(n).or_default() += 1;
        true
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_durable_worker_killed_mid_stream_still_handles_every_event_once() {
    const EVENTS: i64 = 60;
    let server = nats_server().await;
    let alice: MockNapCat = account(10001, TOKEN).await;
    let gateway = gateway_of(connect(&server).await, &[&alice], TOKEN, |b| b).await;
    let options = DurableOptions::default().ack_wait(Duration::from_secs(1));

    // The first worker creates the stream and consumer, handles 20 events
    // (acking 19: it dies before acking the 20th), then is killed with its
    // connection while more events arrive.
    let store = std::sync::Arc::new(std::sync::Mutex::new(Store::default()));
    let first_nats = connect(&server).await;
    let mut first = Worker::new(first_nats.clone(), id(10001))
        .durable_events("echo-bot", &options)
        .await
        .unwrap();
    for n in 0..EVENTS / 2 {
        alice.push_event(&group_message(n));
    }
    let mut handled_by_first = 0;
    while handled_by_first < 20 {
        let delivery = within("first worker", first.next()).await.unwrap().unwrap();
        let Some(n) = message_id(delivery.event()) else {
            delivery.ack().await.unwrap(); // the lifecycle event
            continue;
        };
        assert!(store.lock().unwrap().handle(delivery.sequence(), n));
        handled_by_first += 1;
        if handled_by_first < 20 {
            delivery.ack().await.unwrap();
        } else {
            drop(delivery); // killed between the effect and the ack
        }
    }
    drop(first);
    drop(first_nats);
    // Published while no worker runs: kept by the stream.
    for n in EVENTS / 2..EVENTS {
        alice.push_event(&group_message(n));
    }

    // The restarted worker resumes the same durable consumer.
    let mut second = Worker::new(connect(&server).await, id(10001))
        .durable_events("echo-bot", &options)
        .await
        .unwrap();
    let mut duplicates = 0;
    within("second worker", async {
        while store.lock().unwrap().effects.len() < EVENTS as usize {
            let delivery = second.next().await.unwrap().unwrap();
            if let Some(n) = message_id(delivery.event()) {
                let fresh = store.lock().unwrap().handle(delivery.sequence(), n);
                if !fresh {
                    assert!(delivery.is_redelivery());
                    duplicates += 1;
                }
            }
            delivery.ack().await.unwrap();
        }
    })
    .await;
    {
        let store = store.lock().unwrap();
        assert_eq!(
            store.effects.keys().copied().collect::<Vec<_>>(),
            (0..EVENTS).collect::<Vec<_>>()
        );
        assert!(
            store.effects.values().all(|count| *count == 1),
            "{:?}",
            store.effects
        );
        // The event the first worker handled but never acked came again.
        assert!(duplicates >= 1, "the unacked event was not delivered again");
    }
    gateway.shutdown().await;
    server.stop().await;
}

// `events` confirms its subscription with a request nobody answers (the
// server says "no responders"), not an echo of its own message, which a
// connection made with `no_echo` would never get back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_worker_on_a_connection_without_echo_subscribes_too() {
    let server = nats_server().await;
    let nats = within(
        "connecting without echo",
        async_nats::ConnectOptions::new()
            .no_echo()
            .connect(server.url()),
    )
    .await
    .unwrap();
    within("subscribing", Worker::new(nats, id(10001)).events(None))
        .await
        .unwrap();
    server.stop().await;
}
