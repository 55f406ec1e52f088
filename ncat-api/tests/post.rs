//! The HTTP POST receiver against the mock playing NapCat's `httpClients`
//! adapter: signed events arrive typed and in order; quick operations go
//! back in the response and are performed; posts with a wrong or missing
//! signature, an oversized or malformed body, or that come too slowly are
//! refused without reaching a stream and without buffering more than the
//! limit; the accounts' calls go to NapCat's HTTP API.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use common::{notice, user_of, within};
use ncat_api::event::{Delivery, Event, EventBuffer, MessageEvent, RequestEvent};
use ncat_api::post::{PostAccount, PostServer, PostServerBuilder, PostStats};
use ncat_api::{Events, UserId};
use ncat_mock::{MockNapCat, PostSignature};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const SECRET: &str = "post-5ecret";

fn group_message(id: i64, text: &str) -> Value {
    json!({"time":1718000001,"self_id":10001,"post_type":"message","message_type":"group",
        "sub_type":"normal","message_id":id,"group_id":123456,"user_id":10002,
        "message":[{"type":"text","data":{"text":text}}],"raw_message":text,"font":14,
        "sender":{"user_id":10002,"nickname":"Bob","role":"member"}})
}

fn friend_request(flag: &str) -> Value {
    json!({"time":1,"self_id":10001,"post_type":"request","request_type":"friend",
        "user_id":10003,"comment":"hi","flag":flag})
}

/// A mock signing with [`SECRET`] and a receiver checking it, calling the
/// mock as its HTTP API.
async fn setup(
    configure: impl FnOnce(PostServerBuilder) -> PostServerBuilder,
) -> (MockNapCat, PostServer, String) {
    let mock = MockNapCat::builder().token(SECRET).start().await.unwrap();
    let builder = PostServer::builder()
        .secret(SECRET)
        .api_url(mock.url())
        .api_token(SECRET);
    let server = configure(builder).bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/", server.local_addr());
    (mock, server, url)
}

/// The first account, after one signed notice from it.
async fn first_account(
    mock: &MockNapCat,
    server: &mut PostServer,
    url: &str,
) -> (PostAccount, Events) {
    assert_eq!(
        within(10, mock.post_event(url, &notice(0)))
            .await
            .unwrap()
            .status,
        204
    );
    let account = within(10, server.accept()).await.unwrap();
    assert_eq!(account.self_id(), UserId::new(10001));
    let mut events = account.client().events();
    assert_eq!(user_of(&within(10, events.next()).await.unwrap()), 0);
    (account, events)
}

#[tokio::test]
async fn signed_events_arrive_typed_in_order_and_calls_go_to_the_http_api() {
    let (mock, mut server, url) = setup(|builder| builder).await;
    let (account, mut events) = first_account(&mock, &mut server, &url).await;
    for user in 1..=5 {
        let outcome = within(10, mock.post_event(&url, &notice(user)))
            .await
            .unwrap();
        assert_eq!((outcome.status, outcome.operation), (204, None));
    }
    for user in 1..=5 {
        assert_eq!(user_of(&within(10, events.next()).await.unwrap()), user);
    }
    let (event, json) = {
        mock.post_event(&url, &notice(6)).await.unwrap();
        within(10, events.next_with_json()).await.unwrap()
    };
    assert_eq!(user_of(&event), 6);
    assert_eq!(serde_json::from_str::<Value>(&json).unwrap(), notice(6));

    within(10, account.client().call_raw("get_status", json!({})))
        .await
        .unwrap();
    let call = mock.last_request().unwrap();
    assert_eq!(call.action, "get_status");
    assert_eq!(call.header("authorization"), Some("Bearer post-5ecret"));
    assert_eq!(server.stats().delivered, 7);
}

#[tokio::test]
async fn a_quick_operation_goes_back_in_the_response_and_is_performed() {
    let (mock, mut server, url) = setup(|builder| builder).await;
    let (account, mut events) = first_account(&mock, &mut server, &url).await;
    let client = account.client().clone();
    let bot = tokio::spawn(async move {
        while let Some(event) = events.next().await {
            match &event {
                Event::Message(MessageEvent::Group(message))
                    if message.message.plain_text() == "ping" =>
                {
                    message
                        .quick()
                        .reply("pong")
                        .at_sender(false)
                        .send(&client)
                        .await
                        .unwrap();
                }
                Event::Request(RequestEvent::Friend(request)) => {
                    request.quick().approve(true).send(&client).await.unwrap();
                }
                _ => {}
            }
        }
    });

    let outcome = within(10, mock.post_event(&url, &group_message(7, "ping")))
        .await
        .unwrap();
    assert_eq!(outcome.status, 200);
    let expected = json!({"reply":[{"type":"text","data":{"text":"pong"}}],"at_sender":false});
    assert_eq!(outcome.operation, Some(expected.clone()));
    let performed = mock.requests_for(".handle_quick_operation");
    assert_eq!(performed.len(), 1);
    assert_eq!(
        performed[0].method, "QUICK",
        "performed by NapCat, not called over HTTP"
    );
    assert_eq!(performed[0].params["operation"], expected);
    assert_eq!(performed[0].params["context"], group_message(7, "ping"));

    let outcome = within(10, mock.post_event(&url, &friend_request("flag-1")))
        .await
        .unwrap();
    assert_eq!(outcome.operation, Some(json!({"approve": true})));

    // A message the bot does not answer is released as soon as the bot
    // reads on (here: waits for the next event), with 204.
    let outcome = within(10, mock.post_event(&url, &group_message(8, "hello")))
        .await
        .unwrap();
    assert_eq!((outcome.status, outcome.operation), (204, None));
    assert_eq!(server.stats().answered, 2);
    bot.abort();
}

#[tokio::test]
async fn a_late_quick_operation_goes_to_the_http_api() {
    let (mock, mut server, url) =
        setup(|builder| builder.quick_deadline(Duration::from_millis(1))).await;
    let (account, mut events) = first_account(&mock, &mut server, &url).await;
    // The post's deadline passes before anyone reads the event.
    let outcome = within(10, mock.post_event(&url, &group_message(9, "ping")))
        .await
        .unwrap();
    assert_eq!(outcome.status, 204);
    let Event::Message(message) = within(10, events.next()).await.unwrap() else {
        panic!("expected the message");
    };
    within(10, message.quick().reply("late").send(account.client()))
        .await
        .unwrap();
    let call = mock.requests_for(".handle_quick_operation");
    assert_eq!(call.len(), 1);
    assert_eq!(call[0].method, "POST", "called over the HTTP API");
    assert_eq!(call[0].params["context"]["message_id"], 9);
}

#[tokio::test]
async fn wrong_or_missing_signatures_are_refused_and_never_reach_a_stream() {
    let (mock, mut server, url) = setup(|builder| builder).await;
    let (_account, mut events) = first_account(&mock, &mut server, &url).await;
    for signature in [PostSignature::Wrong, PostSignature::Unsigned] {
        let outcome = within(10, mock.post_event_signed(&url, &notice(666), signature))
            .await
            .unwrap();
        assert_eq!(outcome.status, 403, "{signature:?}");
    }
    let malformed = "x-self-id: 10001\r\nx-signature: sha1=nothex\r\nContent-Length: 2\r\n";
    assert_eq!(
        within(10, mock.post_raw(&url, malformed, b"{}"))
            .await
            .unwrap(),
        403
    );
    mock.post_event(&url, &notice(1)).await.unwrap();
    assert_eq!(
        user_of(&within(10, events.next()).await.unwrap()),
        1,
        "the refused ones never arrived"
    );
    let stats = server.stats();
    assert_eq!((stats.bad_signature, stats.delivered), (3, 2));
}

#[tokio::test]
async fn without_a_secret_unsigned_posts_are_accepted() {
    let mock = MockNapCat::start().await.unwrap();
    let mut server = PostServer::builder().bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/", server.local_addr());
    assert_eq!(mock.post_event(&url, &notice(1)).await.unwrap().status, 204);
    let account = within(10, server.accept()).await.unwrap();
    let mut events = account.client().events();
    assert_eq!(user_of(&within(10, events.next()).await.unwrap()), 1);
    // Without an API URL, calls fail with a transport error.
    let error = account
        .client()
        .call_raw("get_status", json!({}))
        .await
        .unwrap_err();
    assert!(
        matches!(error, ncat_api::Error::Transport { .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn oversized_and_malformed_bodies_are_refused_without_buffering_them() {
    const LIMIT: usize = 1024;
    let (mock, mut server, url) = setup(|builder| builder.max_body_size(LIMIT)).await;
    let (_account, mut events) = first_account(&mock, &mut server, &url).await;
    let big = json!({"post_type":"notice","pad":"x".repeat(4 * LIMIT)});
    // Signed as NapCat would, but over the limit: refused as it is read.
    assert_eq!(
        within(10, mock.post_event(&url, &big))
            .await
            .unwrap()
            .status,
        413
    );
    // A declared length over the limit is refused before any of it is read.
    let declared = "x-self-id: 10001\r\nx-signature: sha1=0000000000000000000000000000000000000000\r\nContent-Length: 10000000\r\n";
    assert_eq!(
        within(10, mock.post_raw(&url, declared, b"{"))
            .await
            .unwrap(),
        413
    );

    // Signed, but not JSON, or not an event, or from nobody.
    let stats_before = server.stats();
    for body in ["{not json", "[1,2,3]", "{\"no_post_type\":1}"] {
        let signature = sign(body);
        let headers = format!(
            "x-self-id: 10001\r\nx-signature: {signature}\r\nContent-Length: {}\r\n",
            body.len()
        );
        assert_eq!(
            within(10, mock.post_raw(&url, &headers, body.as_bytes()))
                .await
                .unwrap(),
            400,
            "{body}"
        );
    }
    let body = notice(5).to_string();
    let headers = format!(
        "x-signature: {}\r\nContent-Length: {}\r\n",
        sign(&body),
        body.len()
    );
    assert_eq!(
        within(10, mock.post_raw(&url, &headers, body.as_bytes()))
            .await
            .unwrap(),
        400,
        "no x-self-id"
    );

    mock.post_event(&url, &notice(1)).await.unwrap();
    assert_eq!(
        user_of(&within(10, events.next()).await.unwrap()),
        1,
        "nothing refused arrived"
    );
    let stats = server.stats();
    assert_eq!(stats.too_large, 2);
    assert_eq!(stats.malformed - stats_before.malformed, 4);
    assert_eq!(stats.buffered_bytes, 0, "every refused body was let go");
    assert!(
        stats.peak_buffered_bytes <= LIMIT as u64,
        "buffered {} bytes for a {LIMIT}-byte limit",
        stats.peak_buffered_bytes
    );
}

/// NapCat's signature of `body` with [`SECRET`], computed as NapCat does.
fn sign(body: &str) -> String {
    use hmac::{Hmac, KeyInit, Mac};
    let mut mac = <Hmac<sha1::Sha1> as KeyInit>::new_from_slice(SECRET.as_bytes()).unwrap();
    mac.update(body.as_bytes());
    let digest = mac.finalize().into_bytes();
    let hex: String = digest.iter().map(|byte| format!("{byte:02x}")).collect();
    format!("sha1={hex}")
}

/// Reads until the peer closes (or 10 s pass): what it sent.
async fn read_to_close(stream: &mut TcpStream) -> String {
    let mut received = Vec::new();
    let _ = within(10, stream.read_to_end(&mut received)).await;
    String::from_utf8_lossy(&received).into_owned()
}

#[tokio::test]
async fn slow_clients_are_cut_off_without_reaching_a_stream() {
    let (mock, mut server, url) = setup(|builder| {
        builder
            .header_timeout(Duration::from_millis(200))
            .body_timeout(Duration::from_millis(200))
    })
    .await;
    let (_account, mut events) = first_account(&mock, &mut server, &url).await;
    let addr = server.local_addr();

    // Headers that never end: the connection is closed, nothing answered.
    let mut slow = TcpStream::connect(addr).await.unwrap();
    slow.write_all(b"POST / HTTP/1.1\r\nHost: x\r\nx-self-id: 10001\r\n")
        .await
        .unwrap();
    let answer = read_to_close(&mut slow).await;
    assert!(
        !answer.contains("200") && !answer.contains("204"),
        "{answer}"
    );

    // A body that never ends: 408, and the connection is closed.
    let body = notice(99).to_string();
    let mut slow = TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "POST / HTTP/1.1\r\nHost: x\r\nx-self-id: 10001\r\nx-signature: {}\r\nContent-Length: {}\r\n\r\n",
        sign(&body),
        body.len()
    );
    slow.write_all(head.as_bytes()).await.unwrap();
    slow.write_all(&body.as_bytes()[..10]).await.unwrap();
    let answer = read_to_close(&mut slow).await;
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");

    mock.post_event(&url, &notice(1)).await.unwrap();
    assert_eq!(user_of(&within(10, events.next()).await.unwrap()), 1);
    let stats = server.stats();
    assert_eq!((stats.timed_out, stats.buffered_bytes), (1, 0));
}

#[tokio::test]
async fn connections_beyond_the_cap_wait_for_a_free_one() {
    let (mock, mut server, url) = setup(|builder| builder.max_connections(1)).await;
    let (_account, mut events) = first_account(&mock, &mut server, &url).await;
    // An idle connection holds the only place.
    let idle = TcpStream::connect(server.local_addr()).await.unwrap();
    tokio::time::sleep(Duration::from_millis(50)).await;
    let post = tokio::spawn({
        let url = url.clone();
        async move { mock.post_event(&url, &notice(2)).await }
    });
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(!post.is_finished(), "served beyond the cap");
    drop(idle);
    assert_eq!(within(10, post).await.unwrap().unwrap().status, 204);
    assert_eq!(user_of(&within(10, events.next()).await.unwrap()), 2);
}

#[tokio::test]
async fn a_slow_reader_of_posts_counts_its_losses_or_holds_napcat_up() {
    // Dropping: a second stream that reads nothing loses all but the last two.
    let (mock, mut server, url) =
        setup(|builder| builder.event_buffer(EventBuffer::drop_oldest(2))).await;
    let (account, mut reader) = first_account(&mock, &mut server, &url).await;
    let mut idle = account.client().events();
    for user in 1..=6 {
        mock.post_event(&url, &notice(user)).await.unwrap();
        assert_eq!(user_of(&within(10, reader.next()).await.unwrap()), user);
    }
    let Some(Delivery::Lost(lost)) = within(10, idle.next_delivery()).await else {
        panic!("expected word of the loss");
    };
    assert_eq!((lost, idle.lagged()), (4, 4));
    assert_eq!(user_of(&within(10, idle.next()).await.unwrap()), 5);

    // Backpressure: posts wait (NapCat waits) until the reader catches up.
    let (mock, mut server, url) =
        setup(|builder| builder.event_buffer(EventBuffer::backpressure(1))).await;
    let (_account, mut events) = first_account(&mock, &mut server, &url).await;
    let posts = tokio::spawn({
        let url = url.clone();
        async move {
            for user in 1..=5 {
                let outcome = mock.post_event(&url, &notice(user)).await.unwrap();
                assert_eq!(outcome.status, 204);
            }
        }
    });
    for user in 1..=5 {
        assert_eq!(user_of(&within(10, events.next()).await.unwrap()), user);
    }
    within(10, posts).await.unwrap();
    assert_eq!(events.lagged(), 0);
    let stats: PostStats = server.stats();
    assert_eq!(stats.delivered, 6);
}
