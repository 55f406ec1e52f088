//! A WebSocket frame that is not JSON is ignored with a log line, and the connection goes on.
//! (In its own test binary: it runs the runtime on the test thread under a capturing
//! subscriber, so the connection's background tasks log into it.)

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use ncat_api::Client;
use ncat_mock::MockNapCat;
use serde_json::json;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// Collects every event as `LEVEL field=value …`.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<String>>>);

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
    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }
    fn record(&self, _: &Id, _: &Record<'_>) {}
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut line = Line(event.metadata().level().to_string());
        event.record(&mut line);
        self.0.lock().unwrap().push(line.0);
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

#[test]
fn a_frame_that_is_not_json_is_logged_and_ignored() {
    let capture = Capture::default();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    tracing::subscriber::with_default(capture.clone(), || {
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
    let lines = capture.0.lock().unwrap().clone();
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
