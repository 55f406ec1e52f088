//! The mock's WebSocket adapter, driven by a bare WebSocket client: frames compared with what
//! NapCat v4.18 sends.

// tungstenite's handshake callback returns its large error response by value.
#![allow(clippy::result_large_err)]

use std::error::Error;
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use ncat_mock::{MockNapCat, MockReply};
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

type TestResult = Result<(), Box<dyn Error>>;
type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

async fn connect(url: &str, token: Option<&str>) -> Result<Socket, Box<dyn Error>> {
    let mut request = url.into_client_request()?;
    if let Some(token) = token {
        request
            .headers_mut()
            .insert("authorization", format!("Bearer {token}").parse()?);
    }
    let (socket, _) = tokio_tungstenite::connect_async(request).await?;
    Ok(socket)
}

/// The next text frame as JSON, failing after 10 s.
async fn next_json(socket: &mut Socket) -> Result<Value, Box<dyn Error>> {
    loop {
        let message = tokio::time::timeout(Duration::from_secs(10), socket.next())
            .await?
            .ok_or("socket closed")??;
        if let Message::Text(text) = message {
            return Ok(serde_json::from_str(text.as_str())?);
        }
    }
}

async fn send(socket: &mut Socket, frame: &str) -> Result<(), Box<dyn Error>> {
    socket.send(Message::text(frame)).await?;
    Ok(())
}

#[tokio::test]
async fn a_universal_socket_gets_the_lifecycle_event_then_replies_with_the_echo() -> TestResult {
    let mock = MockNapCat::builder().self_id(4242).start().await?;
    mock.on("get_status", MockReply::ok(json!({"online": true})));
    let mut socket = connect(&format!("{}/", mock.ws_url()), None).await?;

    let lifecycle = next_json(&mut socket).await?;
    assert_eq!(lifecycle["post_type"], "meta_event");
    assert_eq!(lifecycle["meta_event_type"], "lifecycle");
    assert_eq!(lifecycle["sub_type"], "connect");
    assert_eq!(lifecycle["self_id"], 4242);

    send(
        &mut socket,
        r#"{"action":"get_status","params":{"a":1},"echo":{"n":[1,"x"]}}"#,
    )
    .await?;
    let reply = next_json(&mut socket).await?;
    assert_eq!(
        reply,
        json!({"status":"ok","retcode":0,"data":{"online":true},"message":"","wording":"","echo":{"n":[1,"x"]},"stream":"normal-action"})
    );
    // No echo: NapCat answers with "".
    send(&mut socket, r#"{"action":"get_status"}"#).await?;
    assert_eq!(next_json(&mut socket).await?["echo"], "");

    let request = mock.last_request().ok_or("not recorded")?;
    assert_eq!(request.method, "WS");
    assert_eq!(request.action, "get_status");
    assert_eq!(request.params, json!({}));
    assert_eq!(mock.requests()[0].params, json!({"a": 1}));

    assert_eq!(
        mock.push_event(&json!({"post_type":"notice","notice_type":"friend_add"})),
        1
    );
    assert_eq!(next_json(&mut socket).await?["notice_type"], "friend_add");
    Ok(())
}

#[tokio::test]
async fn a_frame_that_is_not_json_gets_napcats_1400_with_a_null_echo() -> TestResult {
    let mock = MockNapCat::start().await?;
    let mut socket = connect(&format!("{}/api", mock.ws_url()), None).await?;
    // `/api` gets no lifecycle event, so the first frame is the answer.
    send(&mut socket, "not json").await?;
    let reply = next_json(&mut socket).await?;
    assert_eq!(reply["status"], "failed");
    assert_eq!(reply["retcode"], 1400);
    assert_eq!(reply["echo"], Value::Null);
    assert_eq!(mock.push_event(&json!({"post_type":"notice"})), 0);
    Ok(())
}

#[tokio::test]
async fn a_wrong_token_gets_the_1403_frame_and_a_close_without_code() -> TestResult {
    let mock = MockNapCat::builder().token("s3cret").start().await?;
    let mut socket = connect(&mock.ws_url(), Some("wrong")).await?;
    let rejection = next_json(&mut socket).await?;
    assert_eq!(
        rejection,
        json!({"status":"failed","retcode":1403,"data":null,"message":"token验证失败","wording":"token验证失败","echo":null,"stream":"normal-action"})
    );
    let close = tokio::time::timeout(Duration::from_secs(10), socket.next()).await?;
    match close {
        Some(Ok(Message::Close(frame))) => {
            assert!(frame.is_none_or(|frame| frame.code == CloseCode::Status));
        }
        other => return Err(format!("expected a close frame, got {other:?}").into()),
    }
    // The right token, in the query this time, is accepted.
    let mut socket = connect(&format!("{}/?access_token=s3cret", mock.ws_url()), None).await?;
    assert_eq!(
        next_json(&mut socket).await?["meta_event_type"],
        "lifecycle"
    );
    Ok(())
}

#[tokio::test]
async fn stream_replies_are_one_frame_each_and_a_failure_ends_them() -> TestResult {
    let mock = MockNapCat::start().await?;
    mock.on(
        "test_download_stream",
        MockReply::stream_failing([json!({"type":"stream","data":"1"})], "boom"),
    );
    let mut socket = connect(&format!("{}/api", mock.ws_url()), None).await?;
    send(
        &mut socket,
        r#"{"action":"test_download_stream","echo":"s"}"#,
    )
    .await?;
    assert_eq!(
        next_json(&mut socket).await?,
        json!({"status":"ok","retcode":0,"data":{"type":"stream","data":"1"},"message":"","wording":"","echo":"s","stream":"stream-action"})
    );
    assert_eq!(
        next_json(&mut socket).await?,
        json!({"status":"failed","retcode":1200,"data":{"type":"error","data_type":"error"},"message":"boom","wording":"boom","echo":"s","stream":"stream-action"})
    );
    Ok(())
}

#[tokio::test]
async fn stream_replies_over_http_are_delimited_envelopes_without_content_type() -> TestResult {
    let mock = MockNapCat::start().await?;
    mock.on(
        "download_file_stream",
        MockReply::stream([
            json!({"type":"stream","n":1}),
            json!({"type":"response","n":2}),
        ]),
    );
    let response = reqwest::Client::builder()
        .no_proxy()
        .build()?
        .post(format!("{}/download_file_stream", mock.url()))
        .body(r#"{"echo":"e"}"#)
        .send()
        .await?;
    assert_eq!(response.status(), 200);
    assert!(response.headers().get("content-type").is_none());
    let body = response.text().await?;
    assert_eq!(
        body,
        concat!(
            r#"{"status":"ok","retcode":0,"data":{"n":1,"type":"stream"},"message":"","wording":"","echo":"e","stream":"stream-action"}"#,
            "\r\n\r\n",
            r#"{"status":"ok","retcode":0,"data":{"n":2,"type":"response"},"message":"","wording":"","echo":"e","stream":"stream-action"}"#,
            "\r\n\r\n",
        )
    );
    Ok(())
}

#[tokio::test]
async fn replies_can_be_shuffled_delayed_and_cut() -> TestResult {
    let mock = MockNapCat::start().await?;
    let mut socket = connect(&format!("{}/api", mock.ws_url()), None).await?;
    mock.shuffle_replies(50);
    for i in 0..50 {
        send(&mut socket, &format!(r#"{{"action":"a","echo":{i}}}"#)).await?;
    }
    let mut echoes = Vec::new();
    for _ in 0..50 {
        echoes.push(
            next_json(&mut socket).await?["echo"]
                .as_i64()
                .ok_or("echo")?,
        );
    }
    assert_ne!(
        echoes,
        (0..50).collect::<Vec<_>>(),
        "replies stayed in order"
    );
    echoes.sort_unstable();
    assert_eq!(echoes, (0..50).collect::<Vec<_>>());

    mock.on_once(
        "slow",
        MockReply::ok(json!("slow")).delay(Duration::from_millis(300)),
    );
    send(&mut socket, r#"{"action":"slow","echo":"slow"}"#).await?;
    send(&mut socket, r#"{"action":"fast","echo":"fast"}"#).await?;
    assert_eq!(next_json(&mut socket).await?["echo"], "fast");
    assert_eq!(next_json(&mut socket).await?["echo"], "slow");

    assert_eq!(mock.websocket_count(), 1);
    assert_eq!(mock.send_frame("raw text"), 1);
    let raw = tokio::time::timeout(Duration::from_secs(10), socket.next()).await?;
    assert!(matches!(raw, Some(Ok(Message::Text(text))) if text.as_str() == "raw text"));

    assert_eq!(mock.disconnect_websockets(), 1);
    let cut = tokio::time::timeout(Duration::from_secs(10), socket.next()).await?;
    assert!(
        matches!(cut, None | Some(Err(_))),
        "expected the socket to be cut without a close frame, got {cut:?}"
    );
    Ok(())
}

#[tokio::test]
async fn the_mock_dials_a_reverse_server_with_napcats_headers() -> TestResult {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("ws://{}/onebot", listener.local_addr()?);
    let mock = MockNapCat::builder()
        .token("s3cret")
        .self_id(777)
        .start()
        .await?;
    let (connected, accepted) = tokio::join!(mock.connect_reverse(&url), async {
        let (stream, _) = listener.accept().await?;
        let mut headers = None;
        let socket = tokio_tungstenite::accept_hdr_async(
            stream,
            |request: &tokio_tungstenite::tungstenite::handshake::server::Request, response| {
                headers = Some(request.headers().clone());
                Ok(response)
            },
        )
        .await?;
        Ok::<_, Box<dyn Error>>((socket, headers.ok_or("no handshake")?))
    });
    connected?;
    let (mut socket, headers) = accepted?;
    assert_eq!(headers.get("x-self-id").ok_or("x-self-id")?, "777");
    assert_eq!(
        headers.get("authorization").ok_or("authorization")?,
        "Bearer s3cret"
    );
    assert_eq!(headers.get("x-client-role").ok_or("role")?, "Universal");
    assert_eq!(headers.get("user-agent").ok_or("user-agent")?, "OneBot/11");

    let lifecycle = tokio::time::timeout(Duration::from_secs(10), socket.next())
        .await?
        .ok_or("closed")??;
    assert!(lifecycle.to_text()?.contains("lifecycle"));
    socket
        .send(Message::text(r#"{"action":"get_status","echo":"r"}"#))
        .await?;
    let reply = tokio::time::timeout(Duration::from_secs(10), socket.next())
        .await?
        .ok_or("closed")??;
    let reply: Value = serde_json::from_str(reply.to_text()?)?;
    assert_eq!(reply["echo"], "r");
    assert_eq!(mock.last_request().ok_or("not recorded")?.path, "/onebot");
    Ok(())
}

/// Reads `count` text frames after the lifecycle event, each within 10 s; their `n` fields, in
/// order.
async fn pushed_numbers<S>(
    socket: &mut WebSocketStream<S>,
    count: usize,
) -> Result<Vec<u64>, Box<dyn Error>>
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    let mut frames = Vec::with_capacity(count + 1);
    while frames.len() < count + 1 {
        let message = tokio::time::timeout(Duration::from_secs(10), socket.next())
            .await
            .map_err(|_| format!("only {} frames within 10 s", frames.len()))?
            .ok_or("socket closed")??;
        if let Message::Text(text) = message {
            frames.push(serde_json::from_str::<Value>(text.as_str())?);
        }
    }
    assert_eq!(frames[0]["meta_event_type"], "lifecycle");
    frames[1..]
        .iter()
        .map(|frame| frame["n"].as_u64().ok_or_else(|| "no n".into()))
        .collect()
}

fn numbered(n: u64) -> Value {
    json!({"time": 1, "self_id": 10001, "post_type": "notice", "notice_type": "test", "n": n})
}

/// Checks that the mock counts exactly one open socket (`open` says when it
/// should be), then pushes events `0..count`, each of which must reach it.
fn push_numbered_to_the_one_socket(mock: &MockNapCat, count: u64, open: &str) {
    assert_eq!(mock.websocket_count(), 1, "{open}");
    for n in 0..count {
        assert_eq!(
            mock.push_event(&numbered(n)),
            1,
            "event {n} reached no socket"
        );
    }
}

// One thread: the session task cannot run between the connection and the pushes, so an event
// pushed before the session registers itself is lost every time (it once was).
#[tokio::test(flavor = "current_thread")]
async fn events_pushed_as_soon_as_connect_reverse_returns_reach_the_bot() -> TestResult {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("ws://{}/", listener.local_addr()?);
    let mock = MockNapCat::start().await?;
    let (connected, accepted) = tokio::join!(mock.connect_reverse(&url), async {
        let (stream, _) = listener.accept().await?;
        Ok::<_, Box<dyn Error>>(tokio_tungstenite::accept_async(stream).await?)
    });
    connected?;
    push_numbered_to_the_one_socket(&mock, 100, "open once connect_reverse returns");
    let mut socket = accepted?;
    assert_eq!(
        pushed_numbers(&mut socket, 100).await?,
        (0..100).collect::<Vec<_>>()
    );
    Ok(())
}

#[tokio::test(flavor = "current_thread")]
async fn events_pushed_as_soon_as_a_forward_socket_connects_reach_it() -> TestResult {
    let mock = MockNapCat::start().await?;
    let mut socket = connect(&format!("{}/", mock.ws_url()), None).await?;
    push_numbered_to_the_one_socket(&mock, 100, "open once the client has its 101");
    assert_eq!(
        pushed_numbers(&mut socket, 100).await?,
        (0..100).collect::<Vec<_>>()
    );
    drop(socket);
    // Closing takes the socket off the list (bounded: the session notices the close).
    tokio::time::timeout(Duration::from_secs(10), async {
        while mock.websocket_count() != 0 {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    })
    .await?;
    Ok(())
}
