//! The hand-written ncatbot conveniences (`ncat_api::ncatbot`) beyond the
//! one call per method of `ncatbot_parity.rs`: where quotes go, empty
//! messages, both music forms, every file kind, merged forwards from any
//! list of message ids, timeouts and replies. Each case sends its call to
//! the mock NapCat over HTTP and compares what NapCat receives with JSON
//! written out by hand.

use std::time::Duration;

use ncat_api::segment::{CustomMusic, Music, MusicPlatform, Video};
use ncat_api::{Client, Error, GroupId, Media, Message, MessageId, UserId, VersionPolicy};
use ncat_mock::{MockNapCat, MockReply, RecordedRequest};
use ncat_tests::BoxError;
use serde_json::{Value, json};

type TestResult = Result<(), BoxError>;

/// A mock NapCat whose send actions answer with a message id, and a client.
async fn start() -> Result<(MockNapCat, Client), BoxError> {
    let mock = MockNapCat::start().await?;
    // One request per call: no `get_version_info` before a versioned
    // parameter such as `timeout` (the version checks are tested in `wire`).
    let client = Client::builder()
        .url(mock.url())
        .version_policy(VersionPolicy::Off)
        .build()?;
    for action in [
        "send_group_msg",
        "send_private_msg",
        "send_group_forward_msg",
        "send_private_forward_msg",
    ] {
        mock.on(action, MockReply::ok(json!({"message_id": 1})));
    }
    Ok((mock, client))
}

/// The one request the mock received since the last check, cleared.
fn only_request(mock: &MockNapCat) -> RecordedRequest {
    let requests = mock.requests();
    mock.clear_requests();
    let [request] = requests.as_slice() else {
        panic!("expected one request, got {requests:#?}");
    };
    request.clone()
}

fn text(text: &str) -> Value {
    json!({"type": "text", "data": {"text": text}})
}

fn reply(id: i64) -> Value {
    json!({"type": "reply", "data": {"id": id.to_string()}})
}

#[tokio::test]
async fn quotes_go_first_in_the_order_given() -> TestResult {
    let (mock, client) = start().await?;
    client
        .post_group_msg(123456)
        .text("a")
        .reply(MessageId::new(1))
        .rtf(Message::new().text("b").reply(MessageId::new(2)).face(14))
        .reply(MessageId::new(3))
        .text("c")
        .await?;
    let request = only_request(&mock);
    assert_eq!(request.action, "send_group_msg");
    assert_eq!(
        request.params,
        json!({"group_id": "123456", "message": [
            reply(1), reply(2), reply(3),
            text("a"), text("b"), {"type": "face", "data": {"id": "14"}}, text("c")
        ]})
    );
    Ok(())
}

#[tokio::test]
async fn a_quote_alone_is_sent() -> TestResult {
    let (mock, client) = start().await?;
    client
        .post_private_msg(10001)
        .reply(MessageId::new(7))
        .await?;
    assert_eq!(
        only_request(&mock).params,
        json!({"user_id": "10001", "message": [reply(7)]})
    );
    Ok(())
}

#[tokio::test]
async fn empty_posts_fail_before_any_request() -> TestResult {
    let (mock, client) = start().await?;
    let group = client.post_group_msg(123456).await;
    let Err(error @ Error::EmptyMessage { .. }) = group else {
        panic!("expected EmptyMessage, got {group:?}");
    };
    assert_eq!(error.action(), Some("send_group_msg"));
    assert_eq!(
        error.to_string(),
        "`send_group_msg`: the message is empty, so nothing was sent"
    );

    let private = client.post_private_msg(10001).rtf(Message::new()).await;
    let Err(error @ Error::EmptyMessage { .. }) = private else {
        panic!("expected EmptyMessage, got {private:?}");
    };
    assert_eq!(error.action(), Some("send_private_msg"));
    assert!(mock.requests().is_empty(), "{:#?}", mock.requests());
    Ok(())
}

#[tokio::test]
async fn group_posts_mention_users_and_everyone() -> TestResult {
    let (mock, client) = start().await?;
    client
        .post_group_msg(GroupId::new(123456))
        .at(UserId::new(10001))
        .at_all()
        .await?;
    assert_eq!(
        only_request(&mock).params,
        json!({"group_id": "123456", "message": [
            {"type": "at", "data": {"qq": "10001"}},
            {"type": "at", "data": {"qq": "all"}}
        ]})
    );
    Ok(())
}

/// ncatbot's `music` is a `[type, id]` list or a dict of a custom card.
#[tokio::test]
async fn music_is_a_track_or_a_custom_card() -> TestResult {
    let (mock, client) = start().await?;
    client
        .post_private_msg(10001)
        .music(Music::track(MusicPlatform::NetEase, "28949129"))
        .music(
            CustomMusic::new("https://example.com/song", "https://example.com/cover.png")
                .audio("https://example.com/song.mp3")
                .title("歌"),
        )
        .await?;
    assert_eq!(
        only_request(&mock).params,
        json!({"user_id": "10001", "message": [
            {"type": "music", "data": {"type": "163", "id": "28949129"}},
            {"type": "music", "data": {
                "type": "custom",
                "url": "https://example.com/song",
                "image": "https://example.com/cover.png",
                "audio": "https://example.com/song.mp3",
                "title": "歌"
            }}
        ]})
    );
    Ok(())
}

#[tokio::test]
async fn images_come_from_paths_urls_and_base64() -> TestResult {
    let (mock, client) = start().await?;
    client
        .post_group_msg(123456)
        .image(Media::path("/data/my cat.png"))
        .image("https://example.com/a.png")
        .image(Media::base64(b"hi"))
        .json(json!({"app": "com.tencent.miniapp"}))
        .await?;
    assert_eq!(
        only_request(&mock).params,
        json!({"group_id": "123456", "message": [
            {"type": "image", "data": {"file": "file:///data/my%20cat.png"}},
            {"type": "image", "data": {"file": "https://example.com/a.png"}},
            {"type": "image", "data": {"file": "base64://aGk="}},
            {"type": "json", "data": {"data": "{\"app\":\"com.tencent.miniapp\"}"}}
        ]})
    );
    Ok(())
}

#[tokio::test]
async fn each_file_kind_is_one_segment() -> TestResult {
    let (mock, client) = start().await?;
    let url = "https://example.com/x";
    client.post_group_file(123456).record(url).await?;
    client
        .post_group_file(123456)
        .video(Video::new(url).name("clip.mp4"))
        .await?;
    client.post_private_file(10001).markdown("# hi").await?;
    client.post_private_file(10001).image(url).await?;

    let sent: Vec<(String, Value)> = mock
        .requests()
        .into_iter()
        .map(|request| (request.action, request.params))
        .collect();
    assert_eq!(
        sent,
        [
            (
                "send_group_msg".to_owned(),
                json!({"group_id": "123456", "message": [{"type": "record", "data": {"file": url}}]})
            ),
            (
                "send_group_msg".to_owned(),
                json!({"group_id": "123456", "message": [
                    {"type": "video", "data": {"file": url, "name": "clip.mp4"}}
                ]})
            ),
            (
                "send_private_msg".to_owned(),
                json!({"user_id": "10001", "message": [{"type": "markdown", "data": {"content": "# hi"}}]})
            ),
            (
                "send_private_msg".to_owned(),
                json!({"user_id": "10001", "message": [{"type": "image", "data": {"file": url}}]})
            ),
        ]
    );
    Ok(())
}

/// A file post is the generated `Call`: its setters and timeout apply.
#[tokio::test]
async fn file_posts_are_calls() -> TestResult {
    let (mock, client) = start().await?;
    client
        .post_group_file(123456)
        .file("https://example.com/r.pdf")
        .timeout(60_000)
        .await?;
    assert_eq!(
        only_request(&mock).params,
        json!({"group_id": "123456", "timeout": 60_000, "message": [
            {"type": "file", "data": {"file": "https://example.com/r.pdf"}}
        ]})
    );
    Ok(())
}

#[tokio::test]
async fn any_list_of_message_ids_is_a_merged_forward() -> TestResult {
    let (mock, client) = start().await?;
    let ids = [MessageId::new(11), MessageId::new(12)];
    let expected = json!([
        {"type": "node", "data": {"id": "11"}},
        {"type": "node", "data": {"id": "12"}}
    ]);

    client.send_group_forward_msg(123456, ids).await?;
    client.send_group_forward_msg(123456, ids.to_vec()).await?;
    client.send_group_forward_msg(123456, &ids[..]).await?;
    client
        .send_private_forward_msg(10001, ids.into_iter().collect::<Message>())
        .await?;

    let requests = mock.requests();
    assert_eq!(requests.len(), 4);
    for request in &requests[..3] {
        assert_eq!(request.action, "send_group_forward_msg");
        assert_eq!(
            request.params,
            json!({"group_id": "123456", "message": expected})
        );
    }
    assert_eq!(requests[3].action, "send_private_forward_msg");
    assert_eq!(
        requests[3].params,
        json!({"user_id": "10001", "message": expected})
    );
    Ok(())
}

#[tokio::test]
async fn posts_resolve_to_the_send_reply() -> TestResult {
    let (mock, client) = start().await?;
    mock.on("send_group_msg", MockReply::ok(json!({"message_id": 42})));
    mock.on("send_private_msg", MockReply::ok(json!({"message_id": 43})));
    let group = client.post_group_msg(123456).text("hi").await?;
    let private = client.post_private_file(10001).image("a.png").await?;
    assert_eq!(group.message_id, MessageId::new(42));
    assert_eq!(private.message_id, MessageId::new(43));
    Ok(())
}

#[tokio::test]
async fn posts_take_a_call_timeout() -> TestResult {
    let (mock, client) = start().await?;
    mock.on(
        "send_group_msg",
        MockReply::ok(json!({"message_id": 1})).delay(Duration::from_secs(5)),
    );
    let result = client
        .post_group_msg(123456)
        .text("slow")
        .call_timeout(Duration::from_millis(50))
        .await;
    assert!(
        matches!(&result, Err(Error::Timeout { duration, .. }) if *duration == Duration::from_millis(50)),
        "{result:?}"
    );
    Ok(())
}
