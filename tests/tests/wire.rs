//! Wire tests: for every action in `schema/`, what NapCat receives when the
//! generated client method is called.
//!
//! Each case sends one call to the mock NapCat over real HTTP on 127.0.0.1
//! and compares the recorded request with a path and a JSON body written out
//! by hand here: `POST /<wire name>`, required arguments, every optional
//! setter under its wire name, and nothing for setters left unset. Ids follow
//! NapCat's declared request types: `UserId` / `GroupId` as decimal strings,
//! `MessageId` as a number.
//!
//! The cases are grouped by schema category, one `#[tokio::test]` each, and
//! [`every_schema_action_has_a_wire_case`] runs them all and checks that
//! together they cover exactly the actions the schema declares, so a new
//! action cannot land without a wire case.

use std::collections::BTreeSet;
use std::future::IntoFuture;
use std::path::Path;
use std::time::Duration;

use ncat_api::actions::{
    GetLoginInfoRequest, GetRecordRequest, HandleQuickOperationRequest, SendGroupMsgRequest,
    SendGroupNoticeRequest, SetGroupBanRequest,
};
use ncat_api::types::AudioFormat;
use ncat_api::{Client, Error, GroupId, Message, MessageId, Segment, UserId, VersionPolicy};
use ncat_mock::{MockNapCat, MockReply};
use ncat_tests::{BoxError, mock_and_client};
use serde_json::{Value, json};

#[path = "wire/ai.rs"]
mod ai;
#[path = "wire/ark.rs"]
mod ark;
#[path = "wire/file.rs"]
mod file;
#[path = "wire/group.rs"]
mod group;
#[path = "wire/guild.rs"]
mod guild;
#[path = "wire/message.rs"]
mod message;
#[path = "wire/stream.rs"]
mod stream;
#[path = "wire/system.rs"]
mod system;
#[path = "wire/user.rs"]
mod user;
#[path = "wire/versions.rs"]
mod versions;

type TestResult = Result<(), BoxError>;

/// A mock NapCat, a client for it, and the wire names checked so far.
struct Wire {
    mock: MockNapCat,
    client: Client,
    covered: BTreeSet<String>,
}

impl Wire {
    async fn start() -> Result<Wire, BoxError> {
        let mock = MockNapCat::start().await?;
        // One request per case: no `get_version_info` before versioned
        // actions (the version checks have their own tests, in `versions`).
        let client = Client::builder()
            .url(mock.url())
            .version_policy(VersionPolicy::Off)
            .build()?;
        Ok(Wire {
            mock,
            client,
            covered: BTreeSet::new(),
        })
    }

    /// Awaits `call` and asserts that NapCat received exactly one request:
    /// `POST <path>` with a JSON body equal to `body` (so no unset optional
    /// parameter may appear in it).
    ///
    /// The mock answers unscripted actions with `data: null`: `()` and `json`
    /// actions succeed on that, typed replies fail to decode. Either way the
    /// request went out and the envelope came back, which is all a wire case
    /// needs; any other error fails the case.
    async fn check<T, F>(&mut self, call: F, path: &str, body: Value)
    where
        F: IntoFuture<Output = Result<T, Error>>,
    {
        self.mock.clear_requests();
        if let Err(error) = call.await
            && !matches!(error, Error::Decode { .. })
        {
            panic!("{path}: the call failed: {error:?}");
        }
        let requests = self.mock.requests();
        let [request] = requests.as_slice() else {
            panic!("{path}: expected exactly one request, got {requests:#?}");
        };
        assert_eq!(request.method, "POST", "{path}: method");
        assert_eq!(request.path, path, "path");
        assert_eq!(format!("/{}", request.action), path, "{path}: action");
        assert_eq!(request.query, None, "{path}: query string");
        assert_eq!(
            request.header("content-type"),
            Some("application/json"),
            "{path}: content type"
        );
        let Ok(received) = serde_json::from_str::<Value>(&request.body) else {
            panic!("{path}: the body is not JSON: {:?}", request.body);
        };
        assert_eq!(received, body, "{path}: body");
        self.covered.insert(request.action.clone());
    }

    /// The call breaks one of its action's parameter groups: it fails with
    /// `Error::InvalidParams` naming the parameters that were `given`, and
    /// nothing reaches NapCat.
    async fn rejects<T, F>(&mut self, call: F, action: &str, given: &[&str])
    where
        F: IntoFuture<Output = Result<T, Error>>,
    {
        self.mock.clear_requests();
        match call.await {
            Err(Error::InvalidParams(error)) => {
                assert_eq!(error.action, action);
                assert_eq!(error.given, given, "{action}: parameters given");
            }
            Err(other) => panic!("{action}: expected InvalidParams, got {other:?}"),
            Ok(_) => panic!("{action}: the call succeeded"),
        }
        assert_eq!(self.mock.requests(), [], "{action}: a request was sent");
    }
}

// ------------------------------------------------------------------ ai.yaml

async fn ai(w: &mut Wire) {
    let c = w.client.clone();
    w.check(
        c.get_ai_characters(123456),
        "/get_ai_characters",
        json!({"group_id": "123456"}),
    )
    .await;
    w.check(
        c.get_ai_characters(GroupId::new(123456)).chat_type(2),
        "/get_ai_characters",
        json!({"group_id": "123456", "chat_type": 2}),
    )
    .await;
    w.check(
        c.get_ai_record("lucy-voice-female1", 123456, "你好，世界"),
        "/get_ai_record",
        json!({"character": "lucy-voice-female1", "group_id": "123456", "text": "你好，世界"}),
    )
    .await;
    ai::cases(w).await;
}

// ----------------------------------------------------------------- ark.yaml

async fn ark(w: &mut Wire) {
    let c = w.client.clone();
    w.rejects(c.send_ark_share(), "send_ark_share", &[]).await;
    w.check(
        c.send_ark_share()
            .user_id(10001)
            .phone_number("13800138000"),
        "/send_ark_share",
        json!({"user_id": "10001", "phone_number": "13800138000"}),
    )
    .await;
    w.check(
        c.send_ark_share().group_id(123456),
        "/send_ark_share",
        json!({"group_id": "123456"}),
    )
    .await;

    #[allow(deprecated)]
    let both = c.ark_share_peer().user_id(10001).group_id(123456);
    w.rejects(both, "ArkSharePeer", &["user_id", "group_id"])
        .await;
    #[allow(deprecated)]
    let full = c.ark_share_peer().user_id(10001).phone_number("");
    w.check(
        full,
        "/ArkSharePeer",
        json!({"user_id": "10001", "phone_number": ""}),
    )
    .await;
    ark::cases(w).await;
}

// ---------------------------------------------------------------- file.yaml

async fn file(w: &mut Wire) {
    let c = w.client.clone();
    w.check(
        c.upload_group_file(123456, "/data/report.pdf", "周报.pdf"),
        "/upload_group_file",
        json!({"group_id": "123456", "file": "/data/report.pdf", "name": "周报.pdf"}),
    )
    .await;
    w.check(
        c.upload_group_file(123456, "base64://aGVsbG8=", "hello.txt")
            .folder("/a1b2c3")
            .folder_id("/d4e5f6")
            .upload_file(false),
        "/upload_group_file",
        json!({
            "group_id": "123456",
            "file": "base64://aGVsbG8=",
            "name": "hello.txt",
            "folder": "/a1b2c3",
            "folder_id": "/d4e5f6",
            "upload_file": false
        }),
    )
    .await;

    w.rejects(c.get_file(), "get_file", &[]).await;
    w.rejects(
        c.get_file().file("report.pdf").file_id("/a1b2c3"),
        "get_file",
        &["file", "file_id"],
    )
    .await;
    w.check(
        c.get_file().file_id("/a1b2c3"),
        "/get_file",
        json!({"file_id": "/a1b2c3"}),
    )
    .await;

    w.rejects(c.get_image(), "get_image", &[]).await;
    w.check(
        c.get_image().file("5A3C0B6E.jpg"),
        "/get_image",
        json!({"file": "5A3C0B6E.jpg"}),
    )
    .await;
    w.check(
        c.get_image().file_id("/f00d"),
        "/get_image",
        json!({"file_id": "/f00d"}),
    )
    .await;

    w.check(
        c.get_record(AudioFormat::Mp3).file("voice.amr"),
        "/get_record",
        json!({"file": "voice.amr", "out_format": "mp3"}),
    )
    .await;
    w.check(
        c.get_record(AudioFormat::Flac).file_id("/beef"),
        "/get_record",
        json!({"file_id": "/beef", "out_format": "flac"}),
    )
    .await;
    file::cases(w).await;
}

// --------------------------------------------------------------- group.yaml

async fn group(w: &mut Wire) {
    let c = w.client.clone();
    w.check(
        c.get_group_info(123456),
        "/get_group_info",
        json!({"group_id": "123456"}),
    )
    .await;

    w.check(c.get_group_list(), "/get_group_list", json!({}))
        .await;
    w.check(
        c.get_group_list().no_cache(true),
        "/get_group_list",
        json!({"no_cache": true}),
    )
    .await;

    w.check(
        c.get_group_member_info(123456, 10001),
        "/get_group_member_info",
        json!({"group_id": "123456", "user_id": "10001"}),
    )
    .await;
    // `false` is sent, not dropped: NapCat's default here is `true`.
    w.check(
        c.get_group_member_info(GroupId::new(123456), UserId::new(10001))
            .no_cache(false),
        "/get_group_member_info",
        json!({"group_id": "123456", "user_id": "10001", "no_cache": false}),
    )
    .await;

    w.check(
        c.get_group_member_list(987654321012),
        "/get_group_member_list",
        json!({"group_id": "987654321012"}),
    )
    .await;
    w.check(
        c.get_group_member_list(123456).no_cache(true),
        "/get_group_member_list",
        json!({"group_id": "123456", "no_cache": true}),
    )
    .await;

    w.check(
        c.set_group_kick(123456, 10001),
        "/set_group_kick",
        json!({"group_id": "123456", "user_id": "10001"}),
    )
    .await;
    w.check(
        c.set_group_kick(123456, 10001).reject_add_request(true),
        "/set_group_kick",
        json!({"group_id": "123456", "user_id": "10001", "reject_add_request": true}),
    )
    .await;

    w.check(
        c.set_group_ban(123456, 10001),
        "/set_group_ban",
        json!({"group_id": "123456", "user_id": "10001"}),
    )
    .await;
    w.check(
        c.set_group_ban(123456, 10001).duration(600),
        "/set_group_ban",
        json!({"group_id": "123456", "user_id": "10001", "duration": 600}),
    )
    .await;
    w.check(
        c.set_group_ban(123456, 10001).duration(0),
        "/set_group_ban",
        json!({"group_id": "123456", "user_id": "10001", "duration": 0}),
    )
    .await;

    w.check(
        c.set_group_whole_ban(123456),
        "/set_group_whole_ban",
        json!({"group_id": "123456"}),
    )
    .await;
    w.check(
        c.set_group_whole_ban(123456).enable(false),
        "/set_group_whole_ban",
        json!({"group_id": "123456", "enable": false}),
    )
    .await;

    w.check(
        c.set_group_admin(123456, 10001),
        "/set_group_admin",
        json!({"group_id": "123456", "user_id": "10001"}),
    )
    .await;
    w.check(
        c.set_group_admin(123456, 10001).enable(true),
        "/set_group_admin",
        json!({"group_id": "123456", "user_id": "10001", "enable": true}),
    )
    .await;

    w.check(
        c.set_group_card(123456, 10001),
        "/set_group_card",
        json!({"group_id": "123456", "user_id": "10001"}),
    )
    .await;
    w.check(
        c.set_group_card(123456, 10001).card("ncat 测试员"),
        "/set_group_card",
        json!({"group_id": "123456", "user_id": "10001", "card": "ncat 测试员"}),
    )
    .await;

    w.check(
        c.send_group_notice(123456, "今晚 22:00 维护"),
        "/_send_group_notice",
        json!({"group_id": "123456", "content": "今晚 22:00 维护"}),
    )
    .await;
    w.check(
        c.send_group_notice(123456, "公告")
            .image("https://example.com/notice.png")
            .pinned(1)
            .notice_type(0)
            .confirm_required(0)
            .is_show_edit_card(1)
            .tip_window_type(1),
        "/_send_group_notice",
        json!({
            "group_id": "123456",
            "content": "公告",
            "image": "https://example.com/notice.png",
            "pinned": 1,
            "type": 0,
            "confirm_required": 0,
            "is_show_edit_card": 1,
            "tip_window_type": 1
        }),
    )
    .await;
    group::cases(w).await;
}

// --------------------------------------------------------------- guild.yaml

async fn guild(w: &mut Wire) {
    let c = w.client.clone();
    w.check(c.get_guild_list(), "/get_guild_list", json!({}))
        .await;
    guild::cases(w).await;
}

// ------------------------------------------------------------- message.yaml

async fn message(w: &mut Wire) {
    let c = w.client.clone();
    w.check(
        c.send_group_msg(123456, Message::new().text("hi").at(UserId::new(10001))),
        "/send_group_msg",
        json!({
            "group_id": "123456",
            "message": [
                {"type": "text", "data": {"text": "hi"}},
                {"type": "at", "data": {"qq": "10001"}}
            ]
        }),
    )
    .await;
    // `timeout` is NapCat's parameter; `call_timeout` is ncat's and stays
    // off the wire.
    w.check(
        c.send_group_msg(123456, "[CQ:face,id=14]")
            .auto_escape(true)
            .timeout(60000)
            .call_timeout(Duration::from_secs(90)),
        "/send_group_msg",
        json!({
            "group_id": "123456",
            "message": [{"type": "text", "data": {"text": "[CQ:face,id=14]"}}],
            "auto_escape": true,
            "timeout": 60000
        }),
    )
    .await;
    w.check(
        c.send_group_msg(
            123456,
            Message::new()
                .reply(MessageId::new(1588762139))
                .at_all()
                .text(" 看这里 ")
                .image("https://example.com/a.png")
                .into_iter()
                .chain([Segment::unknown("face", json!({"id": "14"}))])
                .collect::<Message>(),
        ),
        "/send_group_msg",
        json!({
            "group_id": "123456",
            "message": [
                {"type": "reply", "data": {"id": "1588762139"}},
                {"type": "at", "data": {"qq": "all"}},
                {"type": "text", "data": {"text": " 看这里 "}},
                {"type": "image", "data": {"file": "https://example.com/a.png"}},
                {"type": "face", "data": {"id": "14"}}
            ]
        }),
    )
    .await;

    w.check(
        c.send_private_msg(10001, "hello"),
        "/send_private_msg",
        json!({
            "user_id": "10001",
            "message": [{"type": "text", "data": {"text": "hello"}}]
        }),
    )
    .await;
    w.check(
        c.send_private_msg(
            10001,
            Message::new()
                .reply(MessageId::new(-2147483000))
                .text("收到"),
        )
        .group_id(123456)
        .auto_escape(false)
        .timeout(5000),
        "/send_private_msg",
        json!({
            "user_id": "10001",
            "group_id": "123456",
            "message": [
                {"type": "reply", "data": {"id": "-2147483000"}},
                {"type": "text", "data": {"text": "收到"}}
            ],
            "auto_escape": false,
            "timeout": 5000
        }),
    )
    .await;

    w.check(
        c.delete_msg(MessageId::new(1588762139)),
        "/delete_msg",
        json!({"message_id": 1588762139}),
    )
    .await;
    w.check(
        c.delete_msg(-2147483000),
        "/delete_msg",
        json!({"message_id": -2147483000}),
    )
    .await;

    w.check(
        c.get_msg(1588762139),
        "/get_msg",
        json!({"message_id": 1588762139}),
    )
    .await;

    w.rejects(c.get_forward_msg(), "get_forward_msg", &[]).await;
    w.check(
        c.get_forward_msg().message_id("7412345678901234567"),
        "/get_forward_msg",
        json!({"message_id": "7412345678901234567"}),
    )
    .await;
    w.check(
        c.get_forward_msg().id("7412345678901234567"),
        "/get_forward_msg",
        json!({"id": "7412345678901234567"}),
    )
    .await;

    w.check(
        c.set_msg_emoji_like(1588762139, 76),
        "/set_msg_emoji_like",
        json!({"message_id": 1588762139, "emoji_id": 76}),
    )
    .await;
    w.check(
        c.set_msg_emoji_like(1588762139, 128512).set(false),
        "/set_msg_emoji_like",
        json!({"message_id": 1588762139, "emoji_id": 128512, "set": false}),
    )
    .await;

    w.check(
        c.fetch_emoji_like(1588762139, 76, 1),
        "/fetch_emoji_like",
        json!({"message_id": 1588762139, "emojiId": 76, "emojiType": 1}),
    )
    .await;
    w.check(
        c.fetch_emoji_like(1588762139, 128512, 2)
            .count(50)
            .cookie("page-2"),
        "/fetch_emoji_like",
        json!({
            "message_id": 1588762139,
            "emojiId": 128512,
            "emojiType": 2,
            "count": 50,
            "cookie": "page-2"
        }),
    )
    .await;

    w.check(
        c.get_group_msg_history(123456),
        "/get_group_msg_history",
        json!({"group_id": "123456"}),
    )
    .await;
    w.check(
        c.get_group_msg_history(123456)
            .message_seq("1588762139")
            .count(50)
            .reverse_order(true)
            .disable_get_url(true)
            .parse_mult_msg(false)
            .quick_reply(true)
            .reverse_order_legacy(false),
        "/get_group_msg_history",
        json!({
            "group_id": "123456",
            "message_seq": "1588762139",
            "count": 50,
            "reverse_order": true,
            "disable_get_url": true,
            "parse_mult_msg": false,
            "quick_reply": true,
            "reverseOrder": false
        }),
    )
    .await;
    w.check(
        c.get_group_msg_history(123456).reverse_order_legacy(true),
        "/get_group_msg_history",
        json!({"group_id": "123456", "reverseOrder": true}),
    )
    .await;

    w.check(
        c.get_friend_msg_history(10001),
        "/get_friend_msg_history",
        json!({"user_id": "10001"}),
    )
    .await;
    w.check(
        c.get_friend_msg_history(10001)
            .message_seq("0")
            .count(5)
            .reverse_order(false)
            .disable_get_url(false)
            .parse_mult_msg(true)
            .quick_reply(false)
            .reverse_order_legacy(true),
        "/get_friend_msg_history",
        json!({
            "user_id": "10001",
            "message_seq": "0",
            "count": 5,
            "reverse_order": false,
            "disable_get_url": false,
            "parse_mult_msg": true,
            "quick_reply": false,
            "reverseOrder": true
        }),
    )
    .await;
    message::cases(w).await;
}

// -------------------------------------------------------------- stream.yaml

async fn stream(w: &mut Wire) {
    let c = w.client.clone();
    w.rejects(c.download_file_stream(), "download_file_stream", &[])
        .await;
    w.check(
        c.download_file_stream()
            .file("https://example.com/big.zip")
            .chunk_size(131072),
        "/download_file_stream",
        json!({
            "file": "https://example.com/big.zip",
            "chunk_size": 131072
        }),
    )
    .await;
    w.check(
        c.clean_stream_temp_file(),
        "/clean_stream_temp_file",
        json!({}),
    )
    .await;
    stream::cases(w).await;
}

// -------------------------------------------------------------- system.yaml

async fn system(w: &mut Wire) {
    let c = w.client.clone();
    w.check(c.get_login_info(), "/get_login_info", json!({}))
        .await;
    w.check(c.get_status(), "/get_status", json!({})).await;
    w.check(c.get_version_info(), "/get_version_info", json!({}))
        .await;
    w.check(c.can_send_image(), "/can_send_image", json!({}))
        .await;
    w.check(c.get_clientkey(), "/get_clientkey", json!({}))
        .await;
    w.check(c.get_csrf_token(), "/get_csrf_token", json!({}))
        .await;

    let event = json!({
        "time": 1718000000,
        "self_id": 3889001234_u64,
        "post_type": "message",
        "message_type": "group",
        "sub_type": "normal",
        "message_id": 1588762139,
        "group_id": 123456,
        "user_id": 10001,
        "message": [{"type": "text", "data": {"text": "ping"}}],
        "raw_message": "ping",
        "font": 14,
        "sender": {"user_id": 10001, "nickname": "Alice", "role": "member"}
    });
    w.check(
        c.handle_quick_operation(event, json!({"reply": "pong", "at_sender": true})),
        "/.handle_quick_operation",
        json!({
            "context": {
                "time": 1718000000,
                "self_id": 3889001234_u64,
                "post_type": "message",
                "message_type": "group",
                "sub_type": "normal",
                "message_id": 1588762139,
                "group_id": 123456,
                "user_id": 10001,
                "message": [{"type": "text", "data": {"text": "ping"}}],
                "raw_message": "ping",
                "font": 14,
                "sender": {"user_id": 10001, "nickname": "Alice", "role": "member"}
            },
            "operation": {"reply": "pong", "at_sender": true}
        }),
    )
    .await;

    w.check(
        c.ocr_image("https://example.com/receipt.png"),
        "/ocr_image",
        json!({"image": "https://example.com/receipt.png"}),
    )
    .await;
    system::cases(w).await;
}

// ---------------------------------------------------------------- user.yaml

async fn user(w: &mut Wire) {
    let c = w.client.clone();
    w.check(c.get_friend_list(), "/get_friend_list", json!({}))
        .await;
    w.check(
        c.get_friend_list().no_cache(true),
        "/get_friend_list",
        json!({"no_cache": true}),
    )
    .await;

    w.check(
        c.get_stranger_info(10001),
        "/get_stranger_info",
        json!({"user_id": "10001"}),
    )
    .await;
    w.check(
        c.get_stranger_info(UserId::new(3889001234)).no_cache(true),
        "/get_stranger_info",
        json!({"user_id": "3889001234", "no_cache": true}),
    )
    .await;

    w.check(
        c.send_like(10001),
        "/send_like",
        json!({"user_id": "10001"}),
    )
    .await;
    w.check(
        c.send_like(10001).times(10),
        "/send_like",
        json!({"user_id": "10001", "times": 10}),
    )
    .await;

    w.check(
        c.set_self_longnick("今天也要加油"),
        "/set_self_longnick",
        json!({"longNick": "今天也要加油"}),
    )
    .await;

    w.check(
        c.get_cookies("qun.qq.com"),
        "/get_cookies",
        json!({"domain": "qun.qq.com"}),
    )
    .await;
    user::cases(w).await;
}

// -------------------------------------------------------- one test per file

#[tokio::test]
async fn ai_actions() -> TestResult {
    ai(&mut Wire::start().await?).await;
    Ok(())
}

#[tokio::test]
async fn ark_actions() -> TestResult {
    ark(&mut Wire::start().await?).await;
    Ok(())
}

#[tokio::test]
async fn file_actions() -> TestResult {
    file(&mut Wire::start().await?).await;
    Ok(())
}

#[tokio::test]
async fn group_actions() -> TestResult {
    group(&mut Wire::start().await?).await;
    Ok(())
}

#[tokio::test]
async fn guild_actions() -> TestResult {
    guild(&mut Wire::start().await?).await;
    Ok(())
}

#[tokio::test]
async fn message_actions() -> TestResult {
    message(&mut Wire::start().await?).await;
    Ok(())
}

#[tokio::test]
async fn stream_actions() -> TestResult {
    stream(&mut Wire::start().await?).await;
    Ok(())
}

#[tokio::test]
async fn system_actions() -> TestResult {
    system(&mut Wire::start().await?).await;
    Ok(())
}

#[tokio::test]
async fn user_actions() -> TestResult {
    user(&mut Wire::start().await?).await;
    Ok(())
}

/// The cases above cover exactly the actions in `schema/`: adding an action
/// to the schema without a wire case, or keeping a case for a removed one,
/// fails here.
#[tokio::test]
async fn every_schema_action_has_a_wire_case() -> TestResult {
    let mut w = Wire::start().await?;
    ai(&mut w).await;
    ark(&mut w).await;
    file(&mut w).await;
    group(&mut w).await;
    guild(&mut w).await;
    message(&mut w).await;
    stream(&mut w).await;
    system(&mut w).await;
    user(&mut w).await;

    let schema_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema");
    let schema =
        ncat_schema::load_dir(&schema_dir).map_err(|diagnostics| diagnostics.to_string())?;
    let declared: BTreeSet<String> = schema
        .actions
        .iter()
        .map(|action| action.wire_name.clone())
        .collect();
    assert_eq!(w.covered, declared);
    Ok(())
}

// ------------------------------------------------------ beyond the methods

#[tokio::test]
async fn token_is_sent_as_a_bearer_authorization_header() -> TestResult {
    let mock = MockNapCat::builder().token("s3cret").start().await?;
    mock.on(
        "get_login_info",
        MockReply::ok(json!({"user_id": 10001, "nickname": "bot"})),
    );
    let client = Client::builder().url(mock.url()).token("s3cret").build()?;

    let login = client.get_login_info().await?;
    assert_eq!(login.user_id, UserId::new(10001));
    let request = mock.last_request().ok_or("no request recorded")?;
    assert_eq!(request.path, "/get_login_info");
    assert_eq!(request.header("authorization"), Some("Bearer s3cret"));
    // The token travels in the header only, never in the URL or the body.
    assert_eq!(request.query, None);
    assert_eq!(serde_json::from_str::<Value>(&request.body)?, json!({}));
    Ok(())
}

#[tokio::test]
async fn no_token_means_no_authorization_header() -> TestResult {
    let (mock, client) = mock_and_client().await?;
    mock.on(
        "get_status",
        MockReply::ok(json!({"online": true, "good": true, "stat": {}})),
    );
    let status = client.get_status().await?;
    assert!(status.online && status.good);
    let request = mock.last_request().ok_or("no request recorded")?;
    assert_eq!(request.path, "/get_status");
    assert_eq!(request.header("authorization"), None);
    Ok(())
}

#[tokio::test]
async fn client_call_with_a_request_struct_sends_what_the_method_sends() -> TestResult {
    let mut w = Wire::start().await?;
    let c = w.client.clone();

    let ban = SetGroupBanRequest {
        duration: Some(600),
        ..SetGroupBanRequest::new(123456, 10001)
    };
    assert_eq!(c.set_group_ban(123456, 10001).duration(600).request(), &ban);
    let ban_body = json!({"group_id": "123456", "user_id": "10001", "duration": 600});
    w.check(c.call(ban), "/set_group_ban", ban_body.clone())
        .await;
    w.check(
        c.set_group_ban(123456, 10001).duration(600),
        "/set_group_ban",
        ban_body,
    )
    .await;

    let notice = SendGroupNoticeRequest {
        notice_type: Some(0),
        ..SendGroupNoticeRequest::new(123456, "公告")
    };
    let notice_body = json!({"group_id": "123456", "content": "公告", "type": 0});
    w.check(c.call(notice), "/_send_group_notice", notice_body.clone())
        .await;
    w.check(
        c.send_group_notice(123456, "公告").notice_type(0),
        "/_send_group_notice",
        notice_body,
    )
    .await;

    let mut record = GetRecordRequest::new(AudioFormat::Wav);
    record.file = Some("voice.amr".into());
    w.check(
        c.call(record),
        "/get_record",
        json!({"file": "voice.amr", "out_format": "wav"}),
    )
    .await;

    let message = SendGroupMsgRequest::new(123456, Message::new().at(10001).text(" hi"));
    let message_body = json!({
        "group_id": "123456",
        "message": [
            {"type": "at", "data": {"qq": "10001"}},
            {"type": "text", "data": {"text": " hi"}}
        ]
    });
    w.check(c.call(message), "/send_group_msg", message_body.clone())
        .await;
    w.check(
        c.send_group_msg(123456, Message::new().at(10001).text(" hi")),
        "/send_group_msg",
        message_body,
    )
    .await;

    let quick =
        HandleQuickOperationRequest::new(json!({"post_type": "request"}), json!({"approve": true}));
    w.check(
        c.call(quick),
        "/.handle_quick_operation",
        json!({"context": {"post_type": "request"}, "operation": {"approve": true}}),
    )
    .await;

    // A parameterless request is an empty object, never `null`.
    w.check(
        c.call(GetLoginInfoRequest::new()),
        "/get_login_info",
        json!({}),
    )
    .await;
    Ok(())
}

#[tokio::test]
async fn call_raw_sends_the_action_and_params_verbatim() -> TestResult {
    let mut w = Wire::start().await?;
    let c = w.client.clone();
    w.check(
        c.call_raw("get_status", json!({})),
        "/get_status",
        json!({}),
    )
    .await;
    // `null` params become `{}`: NapCat reads parameters from an object.
    w.check(
        c.call_raw("get_status", Value::Null),
        "/get_status",
        json!({}),
    )
    .await;
    // Untyped params are not coerced: a numeric group id stays a number.
    w.check(
        c.call_raw(
            "send_group_msg",
            json!({"group_id": 123456, "message": "hi", "auto_escape": "true"}),
        ),
        "/send_group_msg",
        json!({"group_id": 123456, "message": "hi", "auto_escape": "true"}),
    )
    .await;
    w.check(
        c.call_raw(
            ".handle_quick_operation",
            json!({"context": {}, "operation": {}}),
        ),
        "/.handle_quick_operation",
        json!({"context": {}, "operation": {}}),
    )
    .await;
    w.check(
        c.call_raw("get_robot_uin_range", json!({})),
        "/get_robot_uin_range",
        json!({}),
    )
    .await;
    Ok(())
}

#[tokio::test]
async fn aliases_send_the_same_wire_action_as_the_main_name() -> TestResult {
    let mut w = Wire::start().await?;
    let c = w.client.clone();

    assert_eq!(
        c.set_self_long_nick("签名").request(),
        c.set_self_longnick("签名").request()
    );
    w.check(
        c.set_self_long_nick("签名"),
        "/set_self_longnick",
        json!({"longNick": "签名"}),
    )
    .await;
    w.check(
        c.set_self_longnick("签名"),
        "/set_self_longnick",
        json!({"longNick": "签名"}),
    )
    .await;

    w.check(c.get_client_key(), "/get_clientkey", json!({}))
        .await;
    w.check(c.get_clientkey(), "/get_clientkey", json!({}))
        .await;

    // The deprecated old name of `send_ark_share` is its own wire action.
    #[allow(deprecated)]
    let peer = c.ark_share_peer().user_id(10001);
    w.check(peer, "/ArkSharePeer", json!({"user_id": "10001"}))
        .await;
    w.check(
        c.send_ark_share().user_id(10001),
        "/send_ark_share",
        json!({"user_id": "10001"}),
    )
    .await;
    Ok(())
}

#[tokio::test]
async fn ids_keep_every_digit_on_the_wire() -> TestResult {
    let mut w = Wire::start().await?;
    let c = w.client.clone();
    // Beyond 2^53, where a JSON number would lose precision in NapCat's
    // JavaScript: user and group ids go as strings.
    w.check(
        c.get_group_member_info(
            GroupId::new(9007199254740993),
            UserId::new(9007199254740995),
        ),
        "/get_group_member_info",
        json!({"group_id": "9007199254740993", "user_id": "9007199254740995"}),
    )
    .await;
    w.check(
        c.set_group_ban(i64::MAX, i64::MIN),
        "/set_group_ban",
        json!({"group_id": "9223372036854775807", "user_id": "-9223372036854775808"}),
    )
    .await;
    // Message ids are NapCat's 32-bit short ids, sent as numbers.
    w.check(
        c.get_msg(MessageId::new(2147483647)),
        "/get_msg",
        json!({"message_id": 2147483647}),
    )
    .await;
    Ok(())
}

#[tokio::test]
async fn every_audio_format_serializes_to_its_wire_value() -> TestResult {
    let mut w = Wire::start().await?;
    let c = w.client.clone();
    let formats = [
        (AudioFormat::Mp3, "mp3"),
        (AudioFormat::Amr, "amr"),
        (AudioFormat::Wma, "wma"),
        (AudioFormat::M4a, "m4a"),
        (AudioFormat::Spx, "spx"),
        (AudioFormat::Ogg, "ogg"),
        (AudioFormat::Wav, "wav"),
        (AudioFormat::Flac, "flac"),
    ];
    for (format, wire) in formats {
        assert_eq!(format.as_str(), Some(wire));
        w.check(
            c.get_record(format).file("voice.amr"),
            "/get_record",
            json!({"file": "voice.amr", "out_format": wire}),
        )
        .await;
    }
    Ok(())
}
