//! What ncat logs: building an HTTP client without a token warns once, a
//! WebSocket frame that is not JSON is logged and ignored, a call too new
//! for the connected NapCat is warned about, and no log line ever carries
//! the token.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use ncat_api::{Client, VersionPolicy};
use ncat_mock::{MockNapCat, MockReply};
use serde_json::json;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Level, Metadata, Subscriber};

/// Collects every event as `LEVEL field=value …`.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<String>>>);

impl Capture {
    fn lines(&self) -> Vec<String> {
        self.0.lock().unwrap().clone()
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

/// Runs `test` on a current-thread runtime inside the capturing subscriber,
/// so background tasks log into it too.
fn logs_of_async<F: std::future::Future<Output = ()>>(test: impl FnOnce() -> F) -> Vec<String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    logs_of(|| runtime.block_on(test()))
}

fn warnings(lines: &[String]) -> Vec<&String> {
    lines
        .iter()
        .filter(|line| line.starts_with("WARN"))
        .collect()
}

#[test]
fn warn_policy_logs_a_too_new_call_and_sends_it() {
    let lines = logs_of_async(|| async {
        let mock = MockNapCat::builder()
            .token("s3cret")
            .napcat_version("4.17.0")
            .start()
            .await
            .unwrap();
        mock.on("send_group_msg", MockReply::ok(json!({"message_id": 7})));
        // The default policy is Warn.
        let client = Client::builder()
            .url(mock.url())
            .token("s3cret")
            .build()
            .unwrap();
        client.complete_group_todo(123456).await.unwrap();
        client
            .send_group_msg(123456, "hi")
            .timeout(5000)
            .await
            .unwrap();
        let actions: Vec<String> = mock.requests().into_iter().map(|r| r.action).collect();
        assert_eq!(
            actions,
            ["get_version_info", "complete_group_todo", "send_group_msg"]
        );
        assert_eq!(mock.last_request().unwrap().params["timeout"], 5000);
        mock.shutdown().await;
    });
    let warnings = warnings(&lines);
    assert_eq!(warnings.len(), 2, "{lines:#?}");
    assert!(
        warnings[0].contains(
            "`complete_group_todo` needs NapCat 4.18.0, but NapCat 4.17.0 is connected; sending it anyway"
        ),
        "{warnings:#?}"
    );
    assert!(
        warnings[1].contains(
            "parameter `timeout` of `send_group_msg` needs NapCat 4.17.49, but NapCat 4.17.0 is connected"
        ),
        "{warnings:#?}"
    );
}

#[test]
fn a_server_that_names_no_napcat_release_is_warned_about_once() {
    let lines = logs_of_async(|| async {
        let mock = MockNapCat::builder().token("s3cret").start().await.unwrap();
        mock.on(
            "get_version_info",
            MockReply::ok(
                json!({"app_name": "go-cqhttp", "protocol_version": "v11", "app_version": "1.2.0"}),
            ),
        );
        let client = Client::builder()
            .url(mock.url())
            .token("s3cret")
            .version_policy(VersionPolicy::Strict)
            .build()
            .unwrap();
        for _ in 0..3 {
            client.complete_group_todo(123456).await.unwrap();
        }
        assert_eq!(mock.requests_for("get_version_info").len(), 1);
        mock.shutdown().await;
    });
    let warnings = warnings(&lines);
    assert_eq!(warnings.len(), 1, "{lines:#?}");
    assert!(
        warnings[0].contains("names no NapCat release") && warnings[0].contains("go-cqhttp"),
        "{warnings:#?}"
    );
}
