//! The forward WebSocket transport against the mock NapCat: echo multiplexing, disconnects,
//! reconnects, the token, stray frames and events. Every test is bounded by a "fails within N
//! seconds" guard; none measures time otherwise.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use common::within;
use ncat_api::event::{Event, LifecycleKind, MessageEvent, MetaEvent};
use ncat_api::{Client, Error, GroupId, Reconnect};
use ncat_mock::{MockNapCat, MockReply};
use serde_json::{Value, json};

const TOKEN: &str = "s3cret";

/// Fails the test if `future` takes longer than `seconds`.
/// Polls `condition` until it holds (bounded by the caller's `within`).
async fn until(condition: impl Fn() -> bool) {
    while !condition() {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

async fn mock() -> MockNapCat {
    MockNapCat::builder().token(TOKEN).start().await.unwrap()
}

fn client(mock: &MockNapCat, reconnect: Reconnect) -> Client {
    Client::builder()
        .url(mock.ws_url())
        .token(TOKEN)
        .timeout(Duration::from_secs(20))
        .reconnect(reconnect)
        .build()
        .unwrap()
}

fn quick_reconnect() -> Reconnect {
    Reconnect::exponential(Duration::from_millis(20), Duration::from_millis(100))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_concurrent_calls_share_one_socket_and_get_their_own_replies() {
    let mock = mock().await;
    const CALLS: usize = 1000;
    for i in 0..CALLS {
        mock.on(format!("action_{i}"), MockReply::ok(json!({ "i": i })));
    }
    mock.shuffle_replies(CALLS);
    let client = client(&mock, Reconnect::default());

    let calls: Vec<_> = (0..CALLS)
        .map(|i| {
            let client = client.clone();
            tokio::spawn(
                async move { (i, client.call_raw(format!("action_{i}"), json!({})).await) },
            )
        })
        .collect();
    within(60, async {
        for call in calls {
            let (i, reply) = call.await.unwrap();
            assert_eq!(reply.unwrap(), json!({ "i": i }), "call {i}");
        }
    })
    .await;

    assert_eq!(mock.websocket_count(), 1);
    let requests = mock.requests();
    assert_eq!(requests.len(), CALLS);
    let mut echoes: Vec<String> = requests
        .iter()
        .map(|request| {
            assert_eq!(request.method, "WS");
            assert_eq!(request.header("authorization"), Some("Bearer s3cret"));
            let frame: Value = serde_json::from_str(&request.body).unwrap();
            frame["echo"].as_str().unwrap().to_owned()
        })
        .collect();
    echoes.sort();
    echoes.dedup();
    assert_eq!(echoes.len(), CALLS, "every call has its own echo");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_socket_fails_every_pending_call_and_the_client_reconnects() {
    let mock = mock().await;
    mock.on(
        "slow",
        MockReply::ok(json!(1)).delay(Duration::from_secs(3600)),
    );
    mock.on(
        "get_status",
        MockReply::ok(json!({"online": true, "good": true})),
    );
    let client = client(&mock, quick_reconnect());

    let calls: Vec<_> = (0..100)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.call_raw("slow", json!({})).await })
        })
        .collect();
    within(10, until(|| mock.requests_for("slow").len() == 100)).await;

    assert_eq!(mock.disconnect_websockets(), 1);
    within(1, async {
        for call in calls {
            let error = call.await.unwrap().unwrap_err();
            assert!(matches!(error, Error::Disconnected { .. }), "{error:?}");
            assert_eq!(error.action(), Some("slow"));
        }
    })
    .await;

    let status = within(10, client.call_raw("get_status", json!({}))).await;
    assert_eq!(status.unwrap()["online"], true);
}

#[tokio::test]
async fn without_reconnect_a_lost_connection_fails_calls_and_ends_the_events() {
    let mock = mock().await;
    let client = client(&mock, Reconnect::disabled());
    let mut events = client.events();
    within(10, client.call_raw("get_status", json!({})))
        .await
        .unwrap();

    mock.disconnect_websockets();
    within(10, async { while events.next().await.is_some() {} }).await;
    let error = within(10, client.call_raw("get_status", json!({})))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Disconnected { .. }), "{error:?}");
}

#[tokio::test]
async fn calls_wait_for_the_connection_while_it_reconnects() {
    let mock = mock().await;
    let client = client(&mock, quick_reconnect());
    within(10, client.call_raw("get_status", json!({})))
        .await
        .unwrap();
    mock.disconnect_websockets();
    // Made at once, while the client notices the loss and reconnects.
    let calls: Vec<_> = (0..10)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.call_raw("get_status", json!({})).await })
        })
        .collect();
    within(10, async {
        for call in calls {
            let result = call.await.unwrap();
            // A call that went out on the dying socket fails; none waits forever.
            if let Err(error) = result {
                assert!(matches!(error, Error::Disconnected { .. }), "{error:?}");
            }
        }
    })
    .await;
    within(10, client.call_raw("get_status", json!({})))
        .await
        .unwrap();
}

#[tokio::test]
async fn a_wrong_token_is_unauthorized_and_not_retried() {
    let mock = mock().await;
    let client = Client::builder()
        .url(mock.ws_url())
        .token("wrong")
        .reconnect(quick_reconnect())
        .build()
        .unwrap();
    let mut events = client.events();
    let error = within(10, client.call_raw("get_status", json!({})))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Unauthorized { .. }), "{error:?}");
    // The stream ends: the client gave up rather than reconnecting in a loop.
    within(10, async { while events.next().await.is_some() {} }).await;
    let error = within(10, client.call_raw("get_status", json!({})))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Unauthorized { .. }), "{error:?}");
    assert!(mock.requests().is_empty());
}

/// The `echo` of the `index`th request for `action` the mock has received,
/// waiting (at most 10 s) for it to arrive.
async fn recorded_echo(mock: &MockNapCat, action: &str, index: usize) -> Value {
    let request = within(10, async {
        loop {
            if let Some(request) = mock.requests_for(action).into_iter().nth(index) {
                return request;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    })
    .await;
    let frame: Value = serde_json::from_str(&request.body).unwrap();
    frame["echo"].clone()
}

#[tokio::test]
async fn replies_nobody_waits_for_are_dropped() {
    let mock = mock().await;
    // Answered only by hand below: the mock's own replies come far too
    // late to matter, so no timing decides anything.
    mock.on(
        "slow",
        MockReply::ok(json!("slow")).delay(Duration::from_secs(60)),
    );
    let client = client(&mock, Reconnect::default());
    // Connected first: the short timeout below would otherwise cover
    // setting up the connection, and the call could give up before its
    // request went out.
    within(10, client.call_raw("get_status", json!({})))
        .await
        .unwrap();

    // Given up on long before any reply can come. (Connected, its frame is
    // queued on the first poll, before the timeout can fire, so it does go
    // out.)
    let error = within(
        10,
        client
            .call_raw("slow", json!({}))
            .call_timeout(Duration::from_millis(20)),
    )
    .await
    .unwrap_err();
    assert!(matches!(error, Error::Timeout { .. }), "{error:?}");
    let late = recorded_echo(&mock, "slow", 0).await;

    // Another call waits while the late reply and a stray one arrive, then
    // its own: it must get its own, whatever came first.
    let next = tokio::spawn({
        let client = client.clone();
        async move { client.call_raw("slow", json!({})).await }
    });
    let echo = recorded_echo(&mock, "slow", 1).await;
    assert_ne!(echo, late, "a fresh echo for every call");
    let reply = |data: &str, echo: &Value| {
        json!({"status": "ok", "retcode": 0, "data": data, "message": "", "wording": "", "echo": echo})
            .to_string()
    };
    assert_eq!(mock.send_frame(&reply("late", &late)), 1);
    assert_eq!(
        mock.send_frame(r#"{"status":"ok","retcode":0,"data":"stray","echo":"nobody"}"#),
        1
    );
    assert_eq!(mock.send_frame(&reply("next", &echo)), 1);
    let reply = within(10, next).await.unwrap().unwrap();
    assert_eq!(reply, json!("next"));
}

#[tokio::test]
async fn events_arrive_typed_after_the_lifecycle_event() {
    let mock = MockNapCat::builder()
        .token(TOKEN)
        .self_id(4242)
        .start()
        .await
        .unwrap();
    let client = client(&mock, Reconnect::default());
    let mut events = client.events();

    let first = within(10, events.next()).await.unwrap();
    let Event::Meta(MetaEvent::Lifecycle(lifecycle)) = first else {
        panic!("expected the lifecycle event, got {first:?}");
    };
    assert_eq!(lifecycle.sub_type, LifecycleKind::Connect);
    assert_eq!(lifecycle.self_id.get(), 4242);

    let message = json!({"time":1718000001,"self_id":4242,"post_type":"message","message_type":"group","sub_type":"normal","message_id":7,"group_id":123456,"user_id":10002,"message":[{"type":"text","data":{"text":"ping"}}],"raw_message":"ping","font":14,"sender":{"user_id":10002,"nickname":"Bob","role":"member"}});
    assert_eq!(mock.push_event(&message), 1);
    let unknown = json!({"time":1718000002,"self_id":4242,"post_type":"brand_new"});
    mock.push_event(&unknown);

    let Event::Message(MessageEvent::Group(group)) = within(10, events.next()).await.unwrap()
    else {
        panic!("expected a group message");
    };
    assert_eq!(group.group_id, GroupId::new(123456));
    assert_eq!(group.message.plain_text(), "ping");
    assert_eq!(
        within(10, events.next()).await.unwrap(),
        Event::Unknown(unknown)
    );
}

#[tokio::test]
async fn every_event_stream_sees_every_event() {
    let mock = mock().await;
    let client = client(&mock, Reconnect::default());
    let mut first = client.events();
    // Wait for the connection, then open a second stream.
    within(10, first.next()).await.unwrap();
    let mut second = client.events();
    let notice = json!({"time":1,"self_id":10001,"post_type":"notice","notice_type":"friend_add","user_id":10002});
    mock.push_event(&notice);
    for events in [&mut first, &mut second] {
        let event = within(10, events.next()).await.unwrap();
        assert_eq!(event.post_type(), Some("notice"));
    }
}

#[tokio::test]
async fn the_api_path_gets_no_events() {
    let mock = mock().await;
    let client = Client::builder()
        .url(format!("{}/api", mock.ws_url()))
        .token(TOKEN)
        .build()
        .unwrap();
    within(10, client.call_raw("get_status", json!({})))
        .await
        .unwrap();
    assert_eq!(mock.websocket_count(), 1);
    assert_eq!(mock.push_event(&json!({"post_type": "notice"})), 0);
    assert_eq!(mock.last_request().unwrap().path, "/api");
}

#[tokio::test]
async fn failures_come_back_as_action_errors() {
    let mock = mock().await;
    mock.on("get_msg", MockReply::failed(1200, "消息不存在"));
    let client = client(&mock, Reconnect::default());
    let error = within(10, client.call_raw("get_msg", json!({"message_id": 1})))
        .await
        .unwrap_err();
    let Error::Action(error) = error else {
        panic!("expected an action error, got {error:?}");
    };
    assert_eq!(error.retcode, 1200);
    assert_eq!(error.message, "消息不存在");
}

#[tokio::test]
async fn the_connection_dropped_mid_call_by_the_server_fails_that_call() {
    let mock = mock().await;
    mock.on_once("crash", MockReply::disconnect());
    let client = client(&mock, quick_reconnect());
    let error = within(10, client.call_raw("crash", json!({})))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Disconnected { .. }), "{error:?}");
    within(10, client.call_raw("get_status", json!({})))
        .await
        .unwrap();
}

#[tokio::test]
async fn connecting_nowhere_without_reconnect_is_a_transport_error() {
    let mock = MockNapCat::start().await.unwrap();
    let url = mock.ws_url();
    mock.shutdown().await;
    let client = Client::builder()
        .url(url)
        .token(TOKEN)
        .reconnect(Reconnect::disabled())
        .build()
        .unwrap();
    let error = within(10, client.call_raw("get_status", json!({})))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
}

#[test]
fn a_websocket_client_needs_a_runtime_and_hides_its_token() {
    let error = Client::builder()
        .url("ws://127.0.0.1:3001")
        .build()
        .unwrap_err();
    assert!(matches!(error, Error::Config { .. }), "{error:?}");

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let _guard = runtime.enter();
    let client = Client::builder()
        .url("ws://127.0.0.1:3001/?access_token=qs3cret")
        .token("s3cret-token")
        .build()
        .unwrap();
    let debug = format!("{client:?}");
    assert!(!debug.contains("s3cret"), "{debug}");
    assert!(debug.contains("ws://127.0.0.1:3001/"), "{debug}");
}

// A hand-driven NapCat: each test plays the server side frame by frame.

type ServerSocket = tokio_tungstenite::WebSocketStream<tokio::net::TcpStream>;

/// Listens on 127.0.0.1; every accepted WebSocket arrives on the receiver.
async fn hand_driven_server() -> (String, tokio::sync::mpsc::Receiver<ServerSocket>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("ws://{}", listener.local_addr().unwrap());
    let (sender, sockets) = tokio::sync::mpsc::channel(4);
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            if let Ok(socket) = tokio_tungstenite::accept_async(tcp).await
                && sender.send(socket).await.is_err()
            {
                return;
            }
        }
    });
    (url, sockets)
}

/// The next request frame's `action` and `echo`.
async fn next_request(socket: &mut ServerSocket) -> (String, String) {
    use futures_util::StreamExt;
    loop {
        let message = socket.next().await.unwrap().unwrap();
        if let WsMessage::Text(text) = message {
            let frame: Value = serde_json::from_str(&text).unwrap();
            return (
                frame["action"].as_str().unwrap().to_owned(),
                frame["echo"].as_str().unwrap().to_owned(),
            );
        }
    }
}

async fn send_text(socket: &mut ServerSocket, text: String) {
    use futures_util::SinkExt;
    socket.send(WsMessage::text(text)).await.unwrap();
}

use tokio_tungstenite::tungstenite::Message as WsMessage;

fn hand_driven_client(url: &str) -> ncat_api::ClientBuilder {
    Client::builder()
        .url(url)
        .token(TOKEN)
        .timeout(Duration::from_secs(30))
        .reconnect(Reconnect::disabled())
}

#[tokio::test]
async fn a_malformed_envelope_with_a_pending_echo_fails_that_call_at_once() {
    let (url, sockets) = hand_driven_server().await;
    let client = hand_driven_client(&url).build().unwrap();
    let malformed = [
        r#"{"retcode":0,"data":null,"echo":ECHO}"#,
        r#"{"status":1,"retcode":0,"echo":ECHO}"#,
        r#"{"status":null,"retcode":0,"echo":ECHO}"#,
        r#"{"status":"ok","data":1,"echo":ECHO}"#,
        r#"{"status":"ok","retcode":"0","echo":ECHO}"#,
        r#"{"status":"ok","retcode":0.5,"echo":ECHO}"#,
        r#"{"status":"ok","retcode":1e3,"echo":ECHO}"#,
        r#"{"status":"ok","retcode":99999999999999999999,"echo":ECHO}"#,
        r#"{"status":"failed","retcode":1200,"message":7,"echo":ECHO}"#,
    ];
    let server = answer_each_request(sockets, &malformed);
    for template in malformed {
        // Far below the 30 s call timeout: the call must not wait for it.
        let error = within(10, client.call_raw("get_status", json!({})))
            .await
            .unwrap_err();
        match error {
            Error::MalformedReply { action, body, .. } => {
                assert_eq!(action, "get_status");
                let expected = template.replacen("ECHO", "", 1);
                assert_eq!(body.replacen(&echo_of(&body), "", 1), expected, "{body}");
            }
            other => panic!("{template}: expected MalformedReply, got {other:?}"),
        }
    }
    within(10, server).await.unwrap();
}

#[tokio::test]
async fn replies_reach_their_call_whatever_the_order_of_their_members() {
    let (url, sockets) = hand_driven_server().await;
    let client = hand_driven_client(&url).build().unwrap();
    // NapCat's own layout (echo last but for `stream`), then others that
    // only a full reading of the frame can route.
    let replies = [
        r#"{"status":"ok","retcode":0,"data":{"n":1},"message":"","wording":"","echo":ECHO,"stream":"normal-action"}"#,
        r#"{"echo":ECHO,"status":"ok","retcode":0,"data":{"n":2}}"#,
        r#"{"status":"ok","echo":ECHO,"data":{"n":3},"retcode":0,"message":"","wording":"","stream":"normal-action"}"#,
        r#"{"status":"ok","retcode":0,"data":{"n":4,"echo":"ncat-1"},"echo":ECHO}"#,
        "{ \"status\" : \"ok\" , \"retcode\" : 0 , \"data\" : { \"n\" : 5 } , \"echo\" : ECHO }\n",
    ];
    let server = answer_each_request(sockets, &replies);
    for n in 1..=replies.len() {
        let data = within(10, client.call_raw("get_status", json!({})))
            .await
            .unwrap();
        assert_eq!(data["n"], n, "{data}");
    }
    within(10, server).await.unwrap();
}

/// Answers the first connection's requests in turn, one with each template,
/// its `ECHO` replaced by the request's echo; resolves to the socket.
fn answer_each_request(
    mut sockets: tokio::sync::mpsc::Receiver<ServerSocket>,
    templates: &[&'static str],
) -> tokio::task::JoinHandle<ServerSocket> {
    let templates = templates.to_vec();
    tokio::spawn(async move {
        let mut socket = sockets.recv().await.unwrap();
        for template in templates {
            let (_, echo) = next_request(&mut socket).await;
            send_text(
                &mut socket,
                template.replace("ECHO", &format!("\"{echo}\"")),
            )
            .await;
        }
        socket
    })
}

/// The `echo` value of `body`, quoted, as it appears in the text.
fn echo_of(body: &str) -> String {
    let value: Value = serde_json::from_str(body).unwrap();
    format!("\"{}\"", value["echo"].as_str().unwrap())
}

#[tokio::test]
async fn a_message_over_the_limit_fails_every_call_in_flight_saying_why() {
    let (url, mut sockets) = hand_driven_server().await;
    let client = hand_driven_client(&url)
        .max_reply_size(1024)
        .build()
        .unwrap();
    let server = tokio::spawn(async move {
        let mut socket = sockets.recv().await.unwrap();
        let (_, first) = next_request(&mut socket).await;
        let (_, _second) = next_request(&mut socket).await;
        let big = "x".repeat(2048);
        send_text(
            &mut socket,
            format!(r#"{{"status":"ok","retcode":0,"data":"{big}","echo":"{first}"}}"#),
        )
        .await;
        socket
    });
    let (big, small) = within(
        10,
        futures_util::future::join(
            client.call_raw("get_image", json!({})).into_future(),
            client.call_raw("get_status", json!({})).into_future(),
        ),
    )
    .await;
    for (action, result) in [("get_image", big), ("get_status", small)] {
        match result.unwrap_err() {
            Error::Disconnected {
                action: failed,
                reason: Some(ncat_api::DisconnectReason::MessageTooLarge { limit: 1024 }),
                ..
            } => assert_eq!(failed, action),
            other => panic!("{action}: {other:?}"),
        }
    }
    let _socket = within(10, server).await.unwrap();
}

#[tokio::test]
async fn a_stream_whose_reader_falls_behind_fails_alone_with_a_bounded_buffer() {
    const LIMIT: usize = 64 * 1024;
    const FRAMES: usize = 100;
    let (url, mut sockets) = hand_driven_server().await;
    let client = hand_driven_client(&url)
        .stream_buffer(LIMIT)
        .build()
        .unwrap();
    let chunk = |echo: &str| {
        let data = "A".repeat(8 * 1024);
        format!(
            r#"{{"status":"ok","retcode":0,"data":{{"type":"stream","data_type":"file_chunk","data":"{data}"}},"echo":"{echo}","stream":"stream-action"}}"#
        )
    };
    let frame_len = chunk("ncat-1").len();
    let server = tokio::spawn(async move {
        let mut socket = sockets.recv().await.unwrap();
        let (_, stream) = next_request(&mut socket).await;
        let (_, call) = next_request(&mut socket).await;
        // Every frame at once, far faster than the stream is read.
        for _ in 0..FRAMES {
            send_text(&mut socket, chunk(&stream)).await;
        }
        send_text(
            &mut socket,
            format!(r#"{{"status":"ok","retcode":0,"data":1,"echo":"{call}"}}"#),
        )
        .await;
        let (_, after) = next_request(&mut socket).await;
        send_text(
            &mut socket,
            format!(r#"{{"status":"ok","retcode":0,"data":2,"echo":"{after}"}}"#),
        )
        .await;
        socket
    });

    let mut frames = within(10, client.stream_raw("download_file_stream", json!({})))
        .await
        .unwrap();
    // Answered after every frame: by then they have all been routed.
    assert_eq!(
        within(10, client.call_raw("get_status", json!({})))
            .await
            .unwrap(),
        json!(1)
    );
    let mut buffered = 0;
    let error = within(10, async {
        loop {
            match frames.next().await.unwrap() {
                Ok(frame) => {
                    assert_eq!(frame["data_type"], "file_chunk");
                    buffered += 1;
                }
                Err(error) => return error,
            }
        }
    })
    .await;
    assert!(
        matches!(error, Error::StreamOverflow { limit: LIMIT, .. }),
        "{error:?}"
    );
    assert!(
        buffered >= 1 && buffered * frame_len <= LIMIT,
        "{buffered} frames buffered"
    );
    assert!(within(10, frames.next()).await.is_none());
    // The socket and its other calls are unaffected.
    assert_eq!(
        within(10, client.call_raw("get_status", json!({})))
            .await
            .unwrap(),
        json!(2)
    );
    let _socket = within(10, server).await.unwrap();
}

#[tokio::test]
async fn a_silent_peer_is_declared_gone_and_the_client_reconnects() {
    let (url, mut sockets) = hand_driven_server().await;
    let client = hand_driven_client(&url)
        .keep_alive(ncat_api::KeepAlive::new(
            Duration::from_millis(50),
            Duration::from_millis(150),
        ))
        .reconnect(quick_reconnect())
        .build()
        .unwrap();
    let call = tokio::spawn(client.call_raw("get_status", json!({})).into_future());
    // Accepted, then never read: no reply, no pong.
    let silent = within(10, sockets.recv()).await.unwrap();
    let error = within(10, call).await.unwrap().unwrap_err();
    assert!(
        matches!(
            error.disconnect_reason(),
            Some(ncat_api::DisconnectReason::Unresponsive { .. })
        ),
        "{error:?}"
    );
    let mut socket = within(10, sockets.recv()).await.unwrap();
    drop(silent);
    let server = tokio::spawn(async move {
        let (_, echo) = next_request(&mut socket).await;
        send_text(
            &mut socket,
            format!(r#"{{"status":"ok","retcode":0,"data":"back","echo":"{echo}"}}"#),
        )
        .await;
        socket
    });
    assert_eq!(
        within(10, client.call_raw("get_status", json!({})))
            .await
            .unwrap(),
        json!("back")
    );
    let _socket = within(10, server).await.unwrap();
}

#[tokio::test]
async fn a_peer_that_answers_pings_stays_connected() {
    let (url, mut sockets) = hand_driven_server().await;
    let client = hand_driven_client(&url)
        // Pings every other 20 ms tick (a pong makes the next tick see
        // life); dead after 300 ms without any frame.
        .keep_alive(ncat_api::KeepAlive::new(
            Duration::from_millis(20),
            Duration::from_millis(300),
        ))
        .build()
        .unwrap();
    let call = tokio::spawn(client.call_raw("get_status", json!({})).into_future());
    let mut socket = within(10, sockets.recv()).await.unwrap();
    let (_, echo) = next_request(&mut socket).await;
    // Reading answers the pings; count enough of them to outlast the
    // 300 ms deadline several times over, then reply.
    let pings = within(10, async {
        use futures_util::StreamExt;
        let mut pings = 0;
        while pings < 20 {
            if let WsMessage::Ping(_) = socket.next().await.unwrap().unwrap() {
                pings += 1;
            }
        }
        pings
    })
    .await;
    assert_eq!(pings, 20);
    send_text(
        &mut socket,
        format!(r#"{{"status":"ok","retcode":0,"data":"alive","echo":"{echo}"}}"#),
    )
    .await;
    assert_eq!(within(10, call).await.unwrap().unwrap(), json!("alive"));
}
