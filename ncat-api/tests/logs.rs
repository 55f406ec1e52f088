//! What ncat logs: building an HTTP client without a token warns once, a
//! WebSocket frame that is not JSON is logged and ignored, every call runs
//! in a span naming its action and transport (and echo), and no log line or
//! span ever carries the token or the parameters.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use ncat_api::Client;
use ncat_mock::{MockNapCat, MockReply};
use serde_json::json;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Level, Metadata, Subscriber};
use tracing_core::span::Current;

/// Collects every event as `LEVEL field=value …`, every new span as
/// `SPAN name field=value …` and every value recorded later as
/// `RECORD field=value`. It tracks the entered spans, so that
/// `Span::current()` works as under a real subscriber.
#[derive(Clone, Default)]
struct Capture {
    lines: Arc<Mutex<Vec<String>>>,
    next_id: Arc<AtomicU64>,
    spans: Arc<Mutex<HashMap<u64, &'static Metadata<'static>>>>,
    entered: Arc<Mutex<Vec<u64>>>,
}

impl Capture {
    fn lines(&self) -> Vec<String> {
        self.lines.lock().unwrap().clone()
    }

    fn push(&self, line: Line) {
        self.lines.lock().unwrap().push(line.0);
    }
}

struct Line(String);

impl Visit for Line {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0.push_str(&format!(" {}={value:?}", field.name()));
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let mut line = Line(format!("SPAN {}", span.metadata().name()));
        span.record(&mut line);
        self.push(line);
        let id = self.next_id.fetch_add(1, Ordering::Relaxed) + 1;
        self.spans.lock().unwrap().insert(id, span.metadata());
        Id::from_u64(id)
    }
    fn record(&self, _: &Id, values: &Record<'_>) {
        let mut line = Line("RECORD".into());
        values.record(&mut line);
        self.push(line);
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut line = Line(event.metadata().level().to_string());
        event.record(&mut line);
        self.push(line);
    }
    fn enter(&self, id: &Id) {
        self.entered.lock().unwrap().push(id.into_u64());
    }
    fn exit(&self, _: &Id) {
        self.entered.lock().unwrap().pop();
    }
    fn current_span(&self) -> Current {
        let entered = self.entered.lock().unwrap();
        match entered.last() {
            Some(&id) => Current::new(Id::from_u64(id), self.spans.lock().unwrap()[&id]),
            None => Current::none(),
        }
    }
}

fn logs_of(build: impl FnOnce()) -> Vec<String> {
    let capture = Capture::default();
    tracing::subscriber::with_default(capture.clone(), build);
    capture.lines()
}

#[test]
fn no_token_warns_once() {
    let lines = logs_of(|| {
        Client::http("http://127.0.0.1:3000").unwrap();
    });
    let warnings: Vec<_> = lines
        .iter()
        .filter(|line| line.starts_with(&Level::WARN.to_string()))
        .collect();
    assert_eq!(warnings.len(), 1, "{lines:?}");
    assert!(warnings[0].contains("without an access token"), "{lines:?}");

    let lines = logs_of(|| {
        Client::builder()
            .url("http://127.0.0.1:3000")
            .token("")
            .build()
            .unwrap();
    });
    assert_eq!(lines.len(), 1, "an empty token counts as none: {lines:?}");
}

#[test]
fn a_token_silences_the_warning_and_is_never_logged() {
    let lines = logs_of(|| {
        Client::builder()
            .url("http://127.0.0.1:3000")
            .token("s3cret")
            .build()
            .unwrap();
        Client::http("http://127.0.0.1:3000/?access_token=qs3cret").unwrap();
    });
    assert!(lines.is_empty(), "{lines:?}");
}

#[test]
fn the_warning_does_not_quote_the_url_query() {
    let lines = logs_of(|| {
        Client::http("http://127.0.0.1:3000/?other=s3cret").unwrap();
    });
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(!lines[0].contains("s3cret"), "{lines:?}");
}

#[test]
fn a_frame_that_is_not_json_is_logged_and_ignored() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    // The runtime runs on this thread, inside the capturing subscriber, so the
    // connection's background tasks log into it.
    let lines = logs_of(|| {
        runtime.block_on(async {
            let mock = MockNapCat::builder().token("s3cret").start().await.unwrap();
            let client = Client::builder()
                .url(mock.ws_url())
                .token("s3cret")
                .timeout(Duration::from_secs(10))
                .build()
                .unwrap();
            client.call_raw("get_status", json!({})).await.unwrap();

            assert_eq!(mock.send_frame("this is not JSON {"), 1);
            // Frames are read in order: once this reply is in, the bad frame was handled.
            client.call_raw("get_status", json!({})).await.unwrap();
            mock.shutdown().await;
        });
    });
    let logged = lines
        .iter()
        .find(|line| line.contains("not JSON"))
        .unwrap_or_else(|| panic!("no log line about the frame: {lines:#?}"));
    assert!(logged.starts_with("WARN"), "{logged}");
    assert!(logged.contains("this is not JSON {"), "{logged}");
    assert!(
        lines.iter().all(|line| !line.contains("s3cret")),
        "the token was logged: {lines:#?}"
    );
}

#[test]
fn every_call_has_a_span_with_its_action_transport_and_echo_but_no_parameters() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let lines = logs_of(|| {
        runtime.block_on(async {
            let mock = MockNapCat::builder().token("s3cret").start().await.unwrap();
            mock.on("send_private_msg", MockReply::ok(json!({"message_id": 7})));
            for url in [mock.url(), mock.ws_url()] {
                let client = Client::builder()
                    .url(url)
                    .token("s3cret")
                    .timeout(Duration::from_secs(10))
                    .build()
                    .unwrap();
                client
                    .send_private_msg(10001, "my private words")
                    .await
                    .unwrap();
            }
            mock.shutdown().await;
        });
    });
    let calls: Vec<&String> = lines
        .iter()
        .filter(|line| line.starts_with("SPAN call") || line.starts_with("RECORD echo"))
        .collect();
    assert_eq!(
        calls,
        [
            "SPAN call action=\"send_private_msg\" transport=\"http\"",
            "SPAN call action=\"send_private_msg\" transport=\"ws\"",
            "RECORD echo=\"ncat-1\"",
        ],
        "{lines:#?}"
    );
    for secret in ["s3cret", "my private words", "10001"] {
        assert!(
            lines.iter().all(|line| !line.contains(secret)),
            "{secret} was logged: {lines:#?}"
        );
    }
}
