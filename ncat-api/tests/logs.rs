//! What ncat logs: building an HTTP client without a token warns once, a
//! WebSocket frame that is not JSON is logged and ignored, a call too new
//! for the connected NapCat is warned about, every call runs in a span
//! naming its action and transport (and echo) but not its parameters, and
//! no log record, ncat's or a dependency's, through `tracing` or `log`, at
//! any level, ever carries the token (of the HTTP, WebSocket, reverse and
//! SSE modes) or the HTTP POST receiver's secret.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fmt;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use ncat_api::post::PostServer;
use ncat_api::reverse::ReverseServer;
use ncat_api::{Client, Reconnect, VersionPolicy};
use ncat_mock::{MockNapCat, MockReply, PostSignature};
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

/// The `tracing` events of threads without a subscriber of their own (such
/// as reqwest's DNS lookups on Tokio's blocking threads), from the first
/// call on.
fn global_tracing() -> &'static Capture {
    static GLOBAL: OnceLock<Capture> = OnceLock::new();
    GLOBAL.get_or_init(|| {
        let capture = Capture::default();
        tracing::subscriber::set_global_default(capture.clone()).unwrap();
        capture
    })
}

/// Every `log` record of this test binary, at every level: a `log` logger
/// can only be installed once per process, so it collects for all tests.
fn log_records() -> &'static Mutex<Vec<String>> {
    struct Collect;
    impl log::Log for Collect {
        fn enabled(&self, _: &log::Metadata<'_>) -> bool {
            true
        }
        fn log(&self, record: &log::Record<'_>) {
            let line = format!("{} {} {}", record.level(), record.target(), record.args());
            RECORDS.lock().unwrap().push(line);
        }
        fn flush(&self) {}
    }
    static RECORDS: Mutex<Vec<String>> = Mutex::new(Vec::new());
    static INSTALLED: OnceLock<()> = OnceLock::new();
    INSTALLED.get_or_init(|| {
        log::set_boxed_logger(Box::new(Collect)).unwrap();
        log::set_max_level(log::LevelFilter::Trace);
    });
    &RECORDS
}

const HEADER_TOKEN: &str = "hdr-7f3a91e2";
const QUERY_TOKEN: &str = "qry-5c2e84b7";
const REVERSE_TOKEN: &str = "rev-0d9b36aa";
const POST_SECRET: &str = "post-3e8c27d1";
const SSE_TOKEN: &str = "sse-6a1f90c4";

/// Plays NapCat connecting to a reverse server with `authorization`,
/// writing the handshake by hand: tungstenite's client handshake would log
/// the token itself. Returns the socket once upgraded, `None` if refused.
async fn napcat_dials(
    addr: std::net::SocketAddr,
    authorization: &str,
) -> Option<tokio_tungstenite::WebSocketStream<tokio::net::TcpStream>> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio_tungstenite::tungstenite::protocol::Role;

    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let request = format!(
        "GET /onebot HTTP/1.1\r\nHost: {addr}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\
         Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\
         Authorization: {authorization}\r\nX-Self-ID: 10001\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut head = Vec::new();
    while !head.ends_with(b"\r\n\r\n") {
        let mut byte = [0];
        if stream.read(&mut byte).await.unwrap() == 0 {
            break;
        }
        head.push(byte[0]);
    }
    if !head.starts_with(b"HTTP/1.1 101") {
        return None;
    }
    Some(tokio_tungstenite::WebSocketStream::from_raw_socket(stream, Role::Client, None).await)
}

/// Connect, reconnect, wrong tokens, reverse accept and HTTP calls, with a
/// `log` logger and a `tracing` subscriber taking everything at TRACE.
#[test]
fn the_token_is_in_no_log_record_at_any_level() {
    use futures_util::SinkExt;
    use tokio_tungstenite::tungstenite::Message;

    let records = log_records();
    let global = global_tracing();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let mut errors = Vec::new();
    let mut debugs = Vec::new();
    let lines = logs_of(|| {
        runtime.block_on(async {
            let by_header = MockNapCat::builder()
                .token(HEADER_TOKEN)
                .start()
                .await
                .unwrap();
            let by_query = MockNapCat::builder()
                .token(QUERY_TOKEN)
                .start()
                .await
                .unwrap();
            let quick =
                Reconnect::exponential(Duration::from_millis(20), Duration::from_millis(100));

            // Forward WebSocket, token in the header: connect, lose, reconnect.
            let ws = Client::builder()
                .url(by_header.ws_url())
                .token(HEADER_TOKEN)
                .reconnect(quick)
                .timeout(Duration::from_secs(10))
                .build()
                .unwrap();
            ws.call_raw("get_status", json!({})).await.unwrap();
            assert_eq!(by_header.disconnect_websockets(), 1);
            // A call made before the client noticed the loss fails; retry
            // (boundedly) until the new connection answers.
            for _ in 0..100 {
                if ws.call_raw("get_status", json!({})).await.is_ok() {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            assert_eq!(by_header.requests_for("get_status").len(), 2);
            debugs.push(format!("{ws:?}"));

            // Forward WebSocket, token in the query.
            let url = format!("{}/?access_token={QUERY_TOKEN}", by_query.ws_url());
            let ws = Client::builder()
                .url(url)
                .timeout(Duration::from_secs(10))
                .build()
                .unwrap();
            ws.call_raw("get_status", json!({})).await.unwrap();
            debugs.push(format!("{ws:?}"));

            // HTTP, both forms.
            let http = Client::builder()
                .url(by_header.url())
                .token(HEADER_TOKEN)
                .build()
                .unwrap();
            http.call_raw("get_status", json!({})).await.unwrap();
            let url = format!("{}/?access_token={QUERY_TOKEN}", by_query.url());
            let http_query = Client::http(url).unwrap();
            http_query.call_raw("get_status", json!({})).await.unwrap();
            debugs.push(format!("{http:?} {http_query:?}"));

            // Refused tokens, and a server that is gone: the errors and
            // their logs must not quote what was sent either.
            let refused = Client::builder()
                .url(by_query.ws_url())
                .token(HEADER_TOKEN)
                .timeout(Duration::from_secs(10))
                .build()
                .unwrap();
            errors.push(refused.call_raw("get_status", json!({})).await.unwrap_err());
            let refused = Client::builder()
                .url(by_query.url())
                .token(HEADER_TOKEN)
                .build()
                .unwrap();
            errors.push(refused.call_raw("get_status", json!({})).await.unwrap_err());
            let gone = by_query.url();
            by_query.shutdown().await;
            let url = format!("{gone}/?access_token={QUERY_TOKEN}");
            errors.push(
                Client::http(&url)
                    .unwrap()
                    .call_raw("get_status", json!({}))
                    .await
                    .unwrap_err(),
            );
            let url = format!("{}/?access_token={QUERY_TOKEN}", gone.replace("http", "ws"));
            let unreachable = Client::builder()
                .url(url)
                .reconnect(Reconnect::disabled())
                .timeout(Duration::from_secs(10))
                .build()
                .unwrap();
            errors.push(
                unreachable
                    .call_raw("get_status", json!({}))
                    .await
                    .unwrap_err(),
            );

            // Reverse WebSocket: a refused and an accepted NapCat.
            let mut server = ReverseServer::builder()
                .token(REVERSE_TOKEN)
                .bind("127.0.0.1:0")
                .await
                .unwrap();
            let wrong = format!("Bearer {REVERSE_TOKEN}-wrong");
            assert!(napcat_dials(server.local_addr(), &wrong).await.is_none());
            let right = format!("Bearer {REVERSE_TOKEN}");
            let mut napcat = napcat_dials(server.local_addr(), &right).await.unwrap();
            let connection = server.accept().await.unwrap();
            assert_eq!(connection.self_id().get(), 10001);
            let mut events = connection.client().events();
            let lifecycle = json!({"time":1,"self_id":10001,"post_type":"meta_event",
                "meta_event_type":"lifecycle","sub_type":"connect"});
            napcat
                .send(Message::text(lifecycle.to_string()))
                .await
                .unwrap();
            assert!(events.next().await.is_some());
            debugs.push(format!("{server:?} {connection:?}"));

            // SSE events, the token in the header and in the query, then refused.
            let sse_napcat = MockNapCat::builder()
                .token(SSE_TOKEN)
                .start()
                .await
                .unwrap();
            let sse = Client::builder()
                .url(sse_napcat.url())
                .token(SSE_TOKEN)
                .sse_events(true)
                .build()
                .unwrap();
            let sse_query = Client::builder()
                .url(format!("{}/?access_token={SSE_TOKEN}", sse_napcat.url()))
                .sse_events(true)
                .build()
                .unwrap();
            let (mut sse_events, mut sse_query_events) = (sse.events(), sse_query.events());
            for _ in 0..500 {
                if sse_napcat.sse_count() == 2 {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
            assert_eq!(sse_napcat.push_event(&lifecycle), 2);
            assert!(sse_events.next().await.is_some());
            assert!(sse_query_events.next().await.is_some());
            assert_eq!(sse_napcat.disconnect_sse(), 2);
            let refused = Client::builder()
                .url(sse_napcat.url())
                .token(format!("{SSE_TOKEN}-wrong"))
                .sse_events(true)
                .build()
                .unwrap();
            assert!(refused.events().next().await.is_none());
            debugs.push(format!("{sse:?} {sse_query:?} {refused:?}"));

            // HTTP POST: signed, wrongly signed and unsigned posts, and the
            // accounts' calls to the HTTP API with the same secret as token.
            let post_napcat = MockNapCat::builder()
                .token(POST_SECRET)
                .start()
                .await
                .unwrap();
            let builder = PostServer::builder()
                .secret(POST_SECRET)
                .api_url(post_napcat.url())
                .api_token(POST_SECRET);
            debugs.push(format!("{builder:?}"));
            let mut receiver = builder.bind("127.0.0.1:0").await.unwrap();
            let url = format!("http://{}/", receiver.local_addr());
            let notice = json!({"time":1,"self_id":10001,"post_type":"notice",
                "notice_type":"friend_add","user_id":10002});
            assert_eq!(
                post_napcat.post_event(&url, &notice).await.unwrap().status,
                204
            );
            for signature in [PostSignature::Wrong, PostSignature::Unsigned] {
                let outcome = post_napcat
                    .post_event_signed(&url, &notice, signature)
                    .await
                    .unwrap();
                assert_eq!(outcome.status, 403);
            }
            let account = receiver.accept().await.unwrap();
            account
                .client()
                .call_raw("get_status", json!({}))
                .await
                .unwrap();
            debugs.push(format!("{receiver:?} {account:?}"));
            let unreachable = PostServer::builder()
                .secret(POST_SECRET)
                .api_url(format!("{gone}/?access_token={POST_SECRET}"))
                .bind("127.0.0.1:0")
                .await
                .unwrap();
            let url = format!("http://{}/", unreachable.local_addr());
            post_napcat.post_event(&url, &notice).await.unwrap();
            let mut unreachable = unreachable;
            let account = unreachable.accept().await.unwrap();
            errors.push(
                account
                    .client()
                    .call_raw("get_status", json!({}))
                    .await
                    .unwrap_err(),
            );

            by_header.shutdown().await;
        });
    });

    let records = records.lock().unwrap().clone();
    let lines: Vec<String> = lines.into_iter().chain(global.lines()).collect();
    assert!(
        records
            .iter()
            .any(|record| record.starts_with("TRACE tungstenite")),
        "the `log` capture saw no TRACE record of tungstenite: {records:#?}"
    );
    assert!(
        lines
            .iter()
            .any(|line| line.contains("connected to NapCat")),
        "the `tracing` capture saw nothing: {lines:#?}"
    );
    let errors: Vec<String> = errors
        .iter()
        .map(|error| {
            let mut chain = format!("{error} {error:?}");
            let mut source = std::error::Error::source(error);
            while let Some(cause) = source {
                chain.push_str(&format!(" {cause} {cause:?}"));
                source = cause.source();
            }
            chain
        })
        .collect();
    for token in [
        HEADER_TOKEN,
        QUERY_TOKEN,
        REVERSE_TOKEN,
        POST_SECRET,
        SSE_TOKEN,
    ] {
        for (what, texts) in [
            ("log", &records),
            ("tracing", &lines),
            ("error", &errors),
            ("Debug", &debugs),
        ] {
            let leaks: Vec<_> = texts.iter().filter(|text| text.contains(token)).collect();
            assert!(leaks.is_empty(), "{token} in {what} output: {leaks:#?}");
        }
    }
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

/// Records spans as `SPAN name field=value …` and values recorded later as
/// `RECORD field=value`, tracking the entered spans so that
/// `Span::current()` works as under a real subscriber.
#[derive(Clone, Default)]
struct Spans {
    lines: Arc<Mutex<Vec<String>>>,
    metadata: Arc<Mutex<Vec<&'static Metadata<'static>>>>,
    entered: Arc<Mutex<Vec<u64>>>,
}

impl Subscriber for Spans {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let mut line = Line(format!("SPAN {}", span.metadata().name()));
        span.record(&mut line);
        self.lines.lock().unwrap().push(line.0);
        let mut metadata = self.metadata.lock().unwrap();
        metadata.push(span.metadata());
        Id::from_u64(metadata.len() as u64)
    }
    fn record(&self, _: &Id, values: &Record<'_>) {
        let mut line = Line("RECORD".into());
        values.record(&mut line);
        self.lines.lock().unwrap().push(line.0);
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, _: &Event<'_>) {}
    fn enter(&self, id: &Id) {
        self.entered.lock().unwrap().push(id.into_u64());
    }
    fn exit(&self, _: &Id) {
        self.entered.lock().unwrap().pop();
    }
    fn current_span(&self) -> tracing_core::span::Current {
        let entered = self.entered.lock().unwrap();
        match entered.last() {
            Some(&id) => {
                let metadata = self.metadata.lock().unwrap()[id as usize - 1];
                tracing_core::span::Current::new(Id::from_u64(id), metadata)
            }
            None => tracing_core::span::Current::none(),
        }
    }
}

#[test]
fn every_call_has_a_span_with_its_action_transport_and_echo_but_no_parameters() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let spans = Spans::default();
    tracing::subscriber::with_default(spans.clone(), || {
        runtime.block_on(async {
            let mock = MockNapCat::builder().token("s3cret").start().await.unwrap();
            mock.on(
                "send_private_msg",
                ncat_mock::MockReply::ok(json!({"message_id": 7})),
            );
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
    let lines = spans.lines.lock().unwrap().clone();
    let calls: Vec<&String> = lines
        .iter()
        .filter(|line| line.starts_with("SPAN call") || line.starts_with("RECORD echo"))
        .collect();
    assert_eq!(
        calls,
        [
            "SPAN call action=\"send_private_msg\" transport=\"http\"",
            "SPAN call action=\"send_private_msg\" transport=\"ws\"",
            "RECORD echo=1",
        ],
        "{lines:#?}"
    );
    for secret in ["s3cret", "my private words", "10001"] {
        assert!(
            lines.iter().all(|line| !line.contains(secret)),
            "{secret} was recorded: {lines:#?}"
        );
    }
}
