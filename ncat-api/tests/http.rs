//! The HTTP transport against a mock NapCat.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use ncat_api::{Action, ActionErrorKind, Client, Error, GroupId, Message, MessageId, UserId};
use ncat_mock::{MockNapCat, MockReply};
use serde_json::{Value, json};

const TOKEN: &str = "s3cret";

async fn mock_with_token() -> (MockNapCat, Client) {
    let mock = MockNapCat::builder().token(TOKEN).start().await.unwrap();
    let client = Client::builder()
        .url(mock.url())
        .token(TOKEN)
        .build()
        .unwrap();
    (mock, client)
}

#[derive(Debug, serde::Serialize)]
struct SendGroupMsg {
    group_id: GroupId,
    message: Message,
}

#[derive(Debug, PartialEq, serde::Deserialize)]
struct Sent {
    message_id: MessageId,
}

impl Action for SendGroupMsg {
    const NAME: &'static str = "send_group_msg";
    type Output = Sent;
}

#[tokio::test]
async fn posts_the_action_with_json_body_and_bearer_token() {
    let (mock, client) = mock_with_token().await;
    mock.on(
        "send_group_msg",
        MockReply::ok(json!({"message_id": 1588762139})),
    );

    let sent = client
        .call(SendGroupMsg {
            group_id: GroupId::new(123456),
            message: Message::new().at(UserId::new(10001)).text(" hi"),
        })
        .await
        .unwrap();
    assert_eq!(
        sent,
        Sent {
            message_id: MessageId::new(1588762139)
        }
    );

    let request = mock.last_request().unwrap();
    assert_eq!(request.method, "POST");
    assert_eq!(request.path, "/send_group_msg");
    assert_eq!(request.action, "send_group_msg");
    assert_eq!(request.header("content-type"), Some("application/json"));
    assert_eq!(request.header("authorization"), Some("Bearer s3cret"));
    assert_eq!(
        request.body,
        r#"{"group_id":"123456","message":[{"type":"at","data":{"qq":"10001"}},{"type":"text","data":{"text":" hi"}}]}"#
    );
}

#[tokio::test]
async fn raw_calls_return_data_or_null() {
    let (mock, client) = mock_with_token().await;
    mock.on(
        "get_version_info",
        MockReply::ok(json!({"app_name": "NapCat.Onebot"})),
    );
    mock.on("send_poke", MockReply::ok_without_data());

    let version = client
        .call_raw("get_version_info", json!({}))
        .await
        .unwrap();
    assert_eq!(version, json!({"app_name": "NapCat.Onebot"}));
    let poke = client
        .call_raw("send_poke", json!({"user_id": "10001"}))
        .await
        .unwrap();
    assert_eq!(poke, Value::Null);
    assert_eq!(
        mock.last_request().unwrap().params,
        json!({"user_id": "10001"})
    );
}

#[tokio::test]
async fn base_url_may_end_with_a_slash() {
    let mock = MockNapCat::start().await.unwrap();
    let client = Client::http(format!("{}/", mock.url())).unwrap();
    client.call_raw("get_status", json!({})).await.unwrap();
    let request = mock.last_request().unwrap();
    assert_eq!(request.path, "/get_status");
    assert_eq!(request.header("authorization"), None);
}

#[tokio::test]
async fn unusual_action_names_go_into_the_path_verbatim() {
    let (mock, client) = mock_with_token().await;
    for action in [".handle_quick_operation", "ArkSharePeer", "_get_model_show"] {
        client.call_raw(action, json!({})).await.unwrap();
        let request = mock.last_request().unwrap();
        assert_eq!(request.path, format!("/{action}"));
        assert_eq!(request.action, action);
    }
}

#[tokio::test]
async fn wrong_or_missing_token_is_unauthorized() {
    let mock = MockNapCat::builder().token(TOKEN).start().await.unwrap();
    let wrong = Client::builder()
        .url(mock.url())
        .token("guess")
        .build()
        .unwrap();
    let missing = Client::http(mock.url()).unwrap();
    for client in [wrong, missing] {
        let error = client.call_raw("get_status", json!({})).await.unwrap_err();
        assert!(
            matches!(&error, Error::Unauthorized { action, .. } if action == "get_status"),
            "{error:?}"
        );
    }
}

#[tokio::test]
async fn token_in_the_url_query_is_kept() {
    let mock = MockNapCat::builder().token(TOKEN).start().await.unwrap();
    let client = Client::http(format!("{}/?access_token={TOKEN}", mock.url())).unwrap();
    client.call_raw("get_status", json!({})).await.unwrap();
    let request = mock.last_request().unwrap();
    assert_eq!(request.path, "/get_status");
    assert_eq!(request.query.as_deref(), Some("access_token=s3cret"));
}

#[tokio::test]
async fn failed_envelopes_are_action_errors() {
    let (mock, client) = mock_with_token().await;
    mock.on("get_msg", MockReply::failed(200, "消息不存在"));
    mock.on(
        "set_group_ban",
        MockReply::failed(400, "Schema compilation error: Expected required property"),
    );

    match client.call_raw("get_msg", json!({"message_id": 1})).await {
        Err(Error::Action(error)) => {
            assert_eq!(error.action, "get_msg");
            assert_eq!(error.retcode, 200);
            assert_eq!(error.message, "消息不存在");
            assert_eq!(error.wording, "消息不存在");
            assert_eq!(error.kind(), ActionErrorKind::Failed);
        }
        other => panic!("expected an action error, got {other:?}"),
    }
    match client.call_raw("set_group_ban", json!({})).await {
        Err(Error::Action(error)) => assert_eq!(error.kind(), ActionErrorKind::BadParams),
        other => panic!("expected an action error, got {other:?}"),
    }
}

#[tokio::test]
async fn http_400_without_envelope_is_a_bad_params_action_error() {
    let (mock, client) = mock_with_token().await;
    mock.on("send_msg", MockReply::http(400, "Invalid JSON"));
    match client.call_raw("send_msg", json!({})).await {
        Err(Error::Action(error)) => {
            assert_eq!(error.action, "send_msg");
            assert_eq!(error.retcode, 400);
            assert_eq!(error.message, "Invalid JSON");
            assert_eq!(error.kind(), ActionErrorKind::BadParams);
        }
        other => panic!("expected an action error, got {other:?}"),
    }
}

#[tokio::test]
async fn http_400_with_an_envelope_reads_the_envelope() {
    let (mock, client) = mock_with_token().await;
    mock.on(
        "send_msg",
        MockReply::http(
            400,
            r#"{"status":"failed","retcode":1400,"data":null,"message":"bad","wording":"bad"}"#,
        ),
    );
    match client.call_raw("send_msg", json!({})).await {
        Err(Error::Action(error)) => {
            assert_eq!(error.retcode, 1400);
            assert_eq!(error.message, "bad");
        }
        other => panic!("expected an action error, got {other:?}"),
    }
}

#[tokio::test]
async fn http_401_is_unauthorized_too() {
    let (mock, client) = mock_with_token().await;
    mock.on("get_status", MockReply::http(401, "Unauthorized"));
    let error = client.call_raw("get_status", json!({})).await.unwrap_err();
    assert!(matches!(error, Error::Unauthorized { .. }), "{error:?}");
}

#[tokio::test]
async fn other_http_statuses_keep_status_and_body() {
    let (mock, client) = mock_with_token().await;
    mock.on(
        "get_status",
        MockReply::http(502, "<html>Bad Gateway</html>"),
    );
    let error = client.call_raw("get_status", json!({})).await.unwrap_err();
    assert!(
        matches!(&error, Error::HttpStatus { action, status: 502, body, .. }
            if action == "get_status" && body == "<html>Bad Gateway</html>"),
        "{error:?}"
    );
}

#[tokio::test]
async fn non_envelope_200_is_a_malformed_reply() {
    let (mock, client) = mock_with_token().await;
    for body in ["not json", r#"{"message":"hello"}"#, ""] {
        mock.on("get_status", MockReply::raw(body));
        let error = client.call_raw("get_status", json!({})).await.unwrap_err();
        assert!(
            matches!(&error, Error::MalformedReply { action, body: kept, .. }
                if action == "get_status" && kept == body),
            "{error:?}"
        );
    }
}

#[tokio::test]
async fn mismatched_data_is_a_decode_error() {
    let (mock, client) = mock_with_token().await;
    mock.on(
        "send_group_msg",
        MockReply::ok(json!({"message_id": "abc"})),
    );
    let error = client
        .call(SendGroupMsg {
            group_id: GroupId::new(1),
            message: "x".into(),
        })
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Decode { action, data, .. }
            if action == "send_group_msg" && data == r#"{"message_id":"abc"}"#),
        "{error:?}"
    );
}

#[tokio::test]
async fn slow_replies_time_out() {
    let (mock, client) = mock_with_token().await;
    mock.on(
        "get_status",
        MockReply::ok(json!({})).delay(Duration::from_secs(5)),
    );
    let started = std::time::Instant::now();
    let error = client
        .call_raw("get_status", json!({}))
        .call_timeout(Duration::from_millis(100))
        .await
        .unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(2));
    assert!(
        matches!(&error, Error::Timeout { action, duration, .. }
            if action == "get_status" && *duration == Duration::from_millis(100)),
        "{error:?}"
    );
}

#[tokio::test]
async fn unreachable_server_is_a_transport_error() {
    let mock = MockNapCat::start().await.unwrap();
    let url = mock.url();
    mock.shutdown().await;

    let client = Client::builder().url(&url).token(TOKEN).build().unwrap();
    let error = client.call_raw("get_status", json!({})).await.unwrap_err();
    assert!(
        matches!(&error, Error::Transport { action, .. } if action == "get_status"),
        "{error:?}"
    );
    // reqwest's error would quote the URL; make sure no secret rides along.
    let mut chain = format!("{error} {error:?}");
    let mut source = std::error::Error::source(&error);
    while let Some(cause) = source {
        chain.push_str(&cause.to_string());
        source = cause.source();
    }
    assert!(!chain.contains(TOKEN), "{chain}");
}

#[tokio::test]
async fn concurrent_calls_share_one_client() {
    let (mock, client) = mock_with_token().await;
    mock.on("get_status", MockReply::ok(json!({"online": true})));
    let calls: Vec<_> = (0..8)
        .map(|_| tokio::spawn(client.call_raw("get_status", json!({})).into_future()))
        .collect();
    for call in calls {
        assert_eq!(call.await.unwrap().unwrap(), json!({"online": true}));
    }
    assert_eq!(mock.requests_for("get_status").len(), 8);
}

/// A server that answers every request with an endless chunked body, sent
/// as fast as the socket takes it; returns its address and a count of the
/// body bytes it managed to write before the client hung up.
async fn endless_body_server() -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let written = std::sync::Arc::new(AtomicUsize::new(0));
    let counter = written.clone();
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut request = [0; 4096];
        let _ = socket.read(&mut request).await;
        let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n";
        if socket.write_all(head.as_bytes()).await.is_err() {
            return;
        }
        let chunk = format!("{:x}\r\n{}\r\n", 64 * 1024, "x".repeat(64 * 1024));
        // Bounded: 1 GiB at most, far past any limit under test.
        for _ in 0..16 * 1024 {
            if socket.write_all(chunk.as_bytes()).await.is_err() {
                return;
            }
            counter.fetch_add(64 * 1024, Ordering::Relaxed);
        }
    });
    (url, written)
}

#[tokio::test]
async fn an_endless_body_stops_at_the_reply_size_limit() {
    let (url, written) = endless_body_server().await;
    let client = Client::builder()
        .url(url)
        .token(TOKEN)
        .max_reply_size(1024 * 1024)
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap();
    let error = client.call_raw("get_status", json!({})).await.unwrap_err();
    assert!(
        matches!(&error, Error::ReplyTooLarge { action, limit, .. }
            if action == "get_status" && *limit == 1024 * 1024),
        "{error:?}"
    );
    assert!(error.to_string().contains("1048576-byte limit"), "{error}");
    // The client stopped reading at the limit and dropped the connection:
    // the server could only fill the socket buffers beyond it.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let sent = written.load(std::sync::atomic::Ordering::Relaxed);
    assert!(sent < 32 * 1024 * 1024, "the server wrote {sent} bytes");
}

/// A server on 127.0.0.1 that reads one request, answers it with an empty
/// success, and hands back the request's bytes exactly as they arrived.
async fn one_request_server() -> (String, tokio::sync::oneshot::Receiver<String>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let (sender, received) = tokio::sync::oneshot::channel();
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut request = Vec::new();
        let mut buffer = [0; 4096];
        // The head, then as many body bytes as its content-length says.
        loop {
            let read = socket.read(&mut buffer).await.unwrap();
            assert_ne!(read, 0, "the client hung up mid-request");
            request.extend_from_slice(&buffer[..read]);
            let text = String::from_utf8_lossy(&request);
            if let Some(end) = text.find("\r\n\r\n") {
                let length: usize = text[..end]
                    .lines()
                    .find_map(|line| line.strip_prefix("content-length: "))
                    .map_or(0, |length| length.parse().unwrap());
                if request.len() >= end + 4 + length {
                    break;
                }
            }
        }
        let reply = r#"{"status":"ok","retcode":0,"data":null,"message":"","wording":""}"#;
        let response = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{reply}",
            reply.len()
        );
        socket.write_all(response.as_bytes()).await.unwrap();
        sender.send(String::from_utf8(request).unwrap()).unwrap();
    });
    (url, received)
}

/// The exact bytes of a call's request: every header, in order, once.
#[tokio::test]
async fn requests_carry_exactly_these_headers() {
    for token in [Some(TOKEN), None] {
        let (url, received) = one_request_server().await;
        let host = url.trim_start_matches("http://").to_owned();
        let mut builder = Client::builder().url(url);
        if let Some(token) = token {
            builder = builder.token(token);
        }
        let client = builder.build().unwrap();
        let poke = client
            .call_raw("send_poke", json!({"user_id": "10001"}))
            .await
            .unwrap();
        assert_eq!(poke, Value::Null);
        let authorization = token.map_or(String::new(), |token| {
            format!("authorization: Bearer {token}\r\n")
        });
        assert_eq!(
            received.await.unwrap(),
            format!(
                "POST /send_poke HTTP/1.1\r\n\
                 content-type: application/json\r\n\
                 accept: */*\r\n\
                 {authorization}\
                 user-agent: ncat/{}\r\n\
                 host: {host}\r\n\
                 content-length: 19\r\n\
                 \r\n\
                 {{\"user_id\":\"10001\"}}",
                env!("CARGO_PKG_VERSION")
            )
        );
    }
}
