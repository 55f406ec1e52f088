//! No log record, at any level, ncat's or async-nats', carries the NapCat
//! token or the NATS password, through a whole gateway and worker session
//! on a real nats-server that requires the password.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::fmt;
use std::sync::{Arc, Mutex};

use ncat_nats::testing::NatsServer;
use ncat_nats::{NatsOptions, Worker};
use serde_json::json;
use support::*;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

const NAPCAT_TOKEN: &str = "napcat-T0KEN-xyz";
const NATS_PASSWORD: &str = "nats-Pa55w0rd-xyz";

/// Every event and span field, as `target LEVEL name field=value …`.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<String>>>);

struct Line(String);

impl Visit for Line {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0.push_str(&format!(" {}={value:?}", field.name()));
    }
}

impl Capture {
    fn push(&self, metadata: &Metadata<'_>, record: impl FnOnce(&mut Line)) {
        let mut line = Line(format!(
            "{} {} {}",
            metadata.target(),
            metadata.level(),
            metadata.name()
        ));
        record(&mut line);
        self.0.lock().unwrap().push(line.0);
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, attributes: &Attributes<'_>) -> Id {
        self.push(attributes.metadata(), |line| attributes.record(line));
        Id::from_u64(1)
    }
    fn record(&self, _: &Id, values: &Record<'_>) {
        let mut line = Line("span record".to_owned());
        values.record(&mut line);
        self.0.lock().unwrap().push(line.0);
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        self.push(event.metadata(), |line| event.record(line));
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

#[test]
fn neither_the_napcat_token_nor_the_nats_password_is_ever_logged() {
    let capture = Capture::default();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    // The runtime runs on this thread, inside the capturing subscriber, so
    // every background task (the NATS connection's too) logs into it.
    tracing::subscriber::with_default(capture.clone(), || {
        runtime.block_on(async {
            let server = within(
                "nats-server",
                NatsServer::builder()
                    .user_and_password("ncat", NATS_PASSWORD)
                    .start(),
            )
            .await
            .unwrap();
            let url = format!("nats://ncat:{NATS_PASSWORD}@{}", server.addr());
            let options = NatsOptions::new(&url).unwrap();
            assert!(!format!("{options:?}").contains(NATS_PASSWORD));

            let alice = account(10001, NAPCAT_TOKEN).await;
            let nats = within("connect", options.connect()).await.unwrap();
            let gateway = gateway_of(nats, &[&alice], NAPCAT_TOKEN, |b| b).await;
            let worker_nats = within("connect", options.connect()).await.unwrap();
            let worker = Worker::new(worker_nats, id(10001));
            let mut events = worker.events(None).await.unwrap();
            within("call", worker.client().get_status()).await.unwrap();
            within("failing call", worker.client().call_raw("", json!({})))
                .await
                .unwrap_err();
            worker.client().call_raw("x", json!({})).await.unwrap();
            alice.push_event(
                &json!({"time": 1, "self_id": 10001, "post_type": "notice", "notice_type": "x"}),
            );
            within("event", events.next()).await.unwrap();
            // A wrong password is refused, and its error is logged safely too.
            let wrong = NatsOptions::new(&format!(
                "nats://ncat:wrong-{NATS_PASSWORD}@{}",
                server.addr()
            ))
            .unwrap();
            assert!(within("refused", wrong.connect()).await.is_err());
            gateway.shutdown().await;
            alice.shutdown().await;
            server.stop().await;
        });
    });
    drop(runtime);
    let lines = capture.0.lock().unwrap().clone();
    // The capture saw the connections being made, so it would have seen a leak.
    assert!(
        lines.iter().any(|line| line.starts_with("async_nats")),
        "{lines:#?}"
    );
    assert!(
        lines.iter().any(|line| line.contains("gateway started")),
        "{lines:#?}"
    );
    assert!(
        lines.iter().any(|line| line.contains("gateway_call")),
        "{lines:#?}"
    );
    for line in &lines {
        assert!(!line.contains(NAPCAT_TOKEN), "{line}");
        assert!(!line.contains(NATS_PASSWORD), "{line}");
    }
    assert!(lines.len() > 20, "{}", lines.len());
}
