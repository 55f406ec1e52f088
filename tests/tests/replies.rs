//! Reply tests: what the typed client methods make of the `data` NapCat
//! sends back.
//!
//! Every action with a typed reply has a fixture in `tests/fixtures/replies/`
//! named after its wire name: the reply's `data`, modelled on NapCat's
//! documented examples and return schemas and written for these tests, with
//! some of the extra fields NapCat really sends (raw QQ profile fields,
//! camelCase twins, event fields) that the schema leaves out. A test scripts
//! the fixture into the mock, makes the typed call over HTTP and compares the
//! decoded value with a struct built by hand.
//!
//! Also covered: optional fields absent and `null`, ids as numbers and as
//! numeric strings, the `Sex` and `GroupRole` enums, lists of shared types,
//! data that does not fit the type (`Error::Decode`, keeping the raw data),
//! `()` actions ignoring whatever data comes, and `json` replies passed
//! through untouched. Three tests compare the actions exercised here with
//! the schema, so a new action cannot land without a reply test.

use std::future::IntoFuture;
use std::path::Path;
use std::sync::Arc;

use ncat_api::actions::{
    CanSendImageReply, FetchEmojiLikeReply, GetClientkeyReply, GetCookiesReply, GetCsrfTokenReply,
    GetForwardMsgReply, GetFriendMsgHistoryReply, GetGroupMsgHistoryReply, GetMsgReply,
    GetStatusReply, GetStrangerInfoReply, GetVersionInfoReply, SendGroupMsgReply,
    SendPrivateMsgReply, UploadGroupFileReply,
};
use ncat_api::types::{
    AiCharacter, AiCharacterGroup, AudioFormat, EmojiLikeCount, EmojiLikeUser, FileInfo, Group,
    GroupMember, GroupRole, Sender, Sex, User,
};
use ncat_api::{
    Client, Error, GroupId, MessageId, ReceivedMessage, ResponseFuture, Segment, UserId,
};
use ncat_mock::{MockNapCat, MockReply};
use ncat_schema::TypeExpr;
use ncat_schema::model::Reply;
use ncat_tests::{BoxError, mock_and_client};
use serde_json::{Value, json};
use tokio::task::JoinSet;

#[path = "replies/ai.rs"]
mod ai;
#[path = "replies/ark.rs"]
mod ark;
#[path = "replies/file.rs"]
mod file;
#[path = "replies/group.rs"]
mod group;
#[path = "replies/message.rs"]
mod message;
#[path = "replies/system.rs"]
mod system;
#[path = "replies/user.rs"]
mod user;

type TestResult = Result<(), BoxError>;

// ------------------------------------------------------------------ helpers

/// Declares [`FIXTURES`]: `(wire name, file contents)` for each listed action,
/// compiled in so the tests run from any working directory.
macro_rules! fixtures {
    ($($action:literal),* $(,)?) => {
        /// Every reply fixture: the `data` NapCat sends, by action wire name.
        const FIXTURES: &[(&str, &str)] = &[
            $(($action, include_str!(concat!("../fixtures/replies/", $action, ".json"))),)*
        ];
    };
}

fixtures!(
    "can_send_image",
    "fetch_emoji_like",
    "get_ai_characters",
    "get_ai_record",
    "get_clientkey",
    "get_cookies",
    "get_csrf_token",
    "get_file",
    "get_forward_msg",
    "get_friend_list",
    "get_friend_msg_history",
    "get_group_info",
    "get_group_list",
    "get_group_member_info",
    "get_group_member_list",
    "get_group_msg_history",
    "get_image",
    "get_login_info",
    "get_msg",
    "get_record",
    "get_status",
    "get_stranger_info",
    "get_version_info",
    "send_group_msg",
    "send_private_msg",
    "upload_group_file",
    "get_doubt_friends_add_request",
    "get_friends_with_category",
    "get_profile_like",
    "get_recent_contact",
    "get_unidirectional_friend_list",
    "nc_get_user_status",
    "send_qzone_msg",
    "set_diy_online_status",
    "upload_private_file",
    "create_group_file_folder",
    "get_group_file_system_info",
    "get_group_root_files",
    "get_group_files_by_folder",
    "get_group_file_url",
    "get_private_file_url",
    "move_group_file",
    "rename_group_file",
    "trans_group_file",
    "download_file",
    "get_fileset_id",
    "can_send_record",
    "get_credentials",
    "check_url_safely",
    "translate_en2zh",
    "get_robot_uin_range",
    "get_online_clients",
    "_get_model_show",
    "get_rkey",
    "get_rkey_server",
    "nc_get_rkey",
    "fetch_custom_face",
    "send_packet",
    "send_group_ark_share",
    "ArkShareGroup",
    "get_mini_app_ark",
    "send_group_ai_record",
    "send_msg",
    "send_forward_msg",
    "send_group_forward_msg",
    "send_private_forward_msg",
    "fetch_ptt_text",
    "get_emoji_likes",
    "get_group_detail_info",
    "get_group_honor_info",
    "get_group_at_all_remain",
    "get_group_shut_list",
    "get_essence_msg_list",
    "_get_group_notice",
    "get_group_system_msg",
    "get_group_ignored_notifies",
    "get_group_ignore_add_request",
    "set_group_portrait",
    "get_group_signed_list",
    "get_qun_album_list",
);

/// The fixture of `action`, parsed.
fn fixture(action: &str) -> Result<Value, BoxError> {
    let (_, text) = FIXTURES
        .iter()
        .find(|(name, _)| *name == action)
        .ok_or_else(|| format!("no fixture for `{action}`"))?;
    Ok(serde_json::from_str(text)?)
}

/// A fresh mock that answers `action` with `data`, and a client for it.
async fn answering(action: &str, data: Value) -> Result<(MockNapCat, Client), BoxError> {
    let (mock, client) = mock_and_client().await?;
    mock.on(action, MockReply::ok(data));
    Ok((mock, client))
}

/// A fresh mock that answers `action` with its fixture, and a client for it.
async fn answering_fixture(action: &str) -> Result<(MockNapCat, Client), BoxError> {
    answering(action, fixture(action)?).await
}

/// `value` (an object) with `key` set to `new`, or removed when `new` is
/// `None`.
fn with(mut value: Value, key: &str, new: Option<Value>) -> Result<Value, BoxError> {
    let object = value
        .as_object_mut()
        .ok_or_else(|| format!("`{key}`: the value is not an object"))?;
    match new {
        Some(new) => object.insert(key.to_owned(), new),
        None => object.remove(key),
    };
    Ok(value)
}

/// A user with only the fields every `User` has.
fn user(user_id: i64, nickname: &str) -> User {
    User {
        user_id: UserId::new(user_id),
        nickname: nickname.to_owned(),
        remark: None,
        sex: None,
        age: None,
        level: None,
        qid: None,
        login_days: None,
        birthday_year: None,
        birthday_month: None,
        birthday_day: None,
        phone_num: None,
        email: None,
        category_id: None,
    }
}

/// A group member with only the fields every `GroupMember` has.
fn member(group_id: i64, user_id: i64, nickname: &str) -> GroupMember {
    GroupMember {
        group_id: GroupId::new(group_id),
        user_id: UserId::new(user_id),
        nickname: nickname.to_owned(),
        card: None,
        sex: None,
        age: None,
        area: None,
        level: None,
        qq_level: None,
        join_time: None,
        last_sent_time: None,
        title_expire_time: None,
        unfriendly: None,
        card_changeable: None,
        is_robot: None,
        shut_up_timestamp: None,
        role: None,
        title: None,
        qage: None,
    }
}

/// Alice, the group owner of the member fixtures, as decoded.
fn alice_the_owner() -> GroupMember {
    GroupMember {
        card: Some("群主 Alice".to_owned()),
        sex: Some(Sex::Female),
        age: Some(24),
        area: Some(String::new()),
        level: Some("73".to_owned()),
        qq_level: Some(42),
        join_time: Some(1600000000),
        last_sent_time: Some(1718000000),
        title_expire_time: Some(0),
        unfriendly: Some(false),
        card_changeable: Some(true),
        is_robot: Some(false),
        shut_up_timestamp: Some(0),
        role: Some(GroupRole::Owner),
        title: Some("创始人".to_owned()),
        qage: Some(12),
        ..member(123456, 10001, "Alice")
    }
}

/// The `Decode` error's action and raw data; panics on any other result.
fn decode_error<T: std::fmt::Debug>(result: Result<T, Error>) -> (String, String, String) {
    match result {
        Err(Error::Decode {
            action,
            data,
            source,
            ..
        }) => (action.into_owned(), data, source.to_string()),
        other => panic!("expected a decode error, got {other:?}"),
    }
}

// ------------------------------------------------- schema coverage checks

/// How the schema declares an action's reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ReplyKind {
    /// No reply: the call returns `()`.
    Nothing,
    /// `json`: passed through as a `serde_json::Value`.
    Json,
    /// Anything else: decoded into a Rust type.
    Typed,
    /// Several frames, delivered as a stream (tested in `ncat-api/tests/stream.rs`).
    Frames,
}

/// The wire names of the schema's actions whose reply is of `kind`.
fn schema_actions(kind: ReplyKind) -> Result<Vec<String>, BoxError> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema");
    let schema = ncat_schema::load_dir(&dir).map_err(|diagnostics| diagnostics.to_string())?;
    let mut names: Vec<String> = schema
        .actions
        .iter()
        .filter(|action| {
            let declared = match &action.reply {
                Reply::Nothing => ReplyKind::Nothing,
                Reply::Type {
                    ty: TypeExpr::Json, ..
                } => ReplyKind::Json,
                Reply::Type { .. } | Reply::Fields { .. } => ReplyKind::Typed,
                Reply::Frames { .. } => ReplyKind::Frames,
            };
            declared == kind
        })
        .map(|action| action.wire_name.clone())
        .collect();
    names.sort();
    Ok(names)
}

fn sorted_names<T>(table: &[(&str, T)]) -> Vec<String> {
    let mut names: Vec<String> = table.iter().map(|(name, _)| (*name).to_owned()).collect();
    names.sort();
    names
}

/// Calls the typed method of `action` and discards the decoded reply.
async fn typed_call(client: &Client, action: &str) -> Result<(), Error> {
    match action {
        "can_send_image" => client.can_send_image().await.map(drop),
        "fetch_emoji_like" => client.fetch_emoji_like(1, 76, 1).await.map(drop),
        "get_ai_characters" => client.get_ai_characters(123456).await.map(drop),
        "get_ai_record" => client.get_ai_record("c", 123456, "t").await.map(drop),
        "get_clientkey" => client.get_clientkey().await.map(drop),
        "get_cookies" => client.get_cookies("qun.qq.com").await.map(drop),
        "get_csrf_token" => client.get_csrf_token().await.map(drop),
        "get_file" => client.get_file().file("f").await.map(drop),
        "get_forward_msg" => client.get_forward_msg().id("1").await.map(drop),
        "get_friend_list" => client.get_friend_list().await.map(drop),
        "get_friend_msg_history" => client.get_friend_msg_history(10001).await.map(drop),
        "get_group_info" => client.get_group_info(123456).await.map(drop),
        "get_group_list" => client.get_group_list().await.map(drop),
        "get_group_member_info" => client.get_group_member_info(123456, 10001).await.map(drop),
        "get_group_member_list" => client.get_group_member_list(123456).await.map(drop),
        "get_group_msg_history" => client.get_group_msg_history(123456).await.map(drop),
        "get_image" => client.get_image().file("f").await.map(drop),
        "get_login_info" => client.get_login_info().await.map(drop),
        "get_msg" => client.get_msg(1).await.map(drop),
        "get_record" => client
            .get_record(AudioFormat::Mp3)
            .file("f")
            .await
            .map(drop),
        "get_status" => client.get_status().await.map(drop),
        "get_stranger_info" => client.get_stranger_info(10001).await.map(drop),
        "get_version_info" => client.get_version_info().await.map(drop),
        "send_group_msg" => client.send_group_msg(123456, "hi").await.map(drop),
        "send_private_msg" => client.send_private_msg(10001, "hi").await.map(drop),
        "upload_group_file" => client.upload_group_file(123456, "f", "n").await.map(drop),
        // user, file, system, ark and ai actions beyond the OneBot 11 core
        "get_doubt_friends_add_request" => client.get_doubt_friends_add_request().await.map(drop),
        "get_friends_with_category" => client.get_friends_with_category().await.map(drop),
        "get_profile_like" => client.get_profile_like().await.map(drop),
        "get_recent_contact" => client.get_recent_contact().await.map(drop),
        "get_unidirectional_friend_list" => client.get_unidirectional_friend_list().await.map(drop),
        "nc_get_user_status" => client.nc_get_user_status(10001).await.map(drop),
        "send_qzone_msg" => client.send_qzone_msg("hi").await.map(drop),
        "set_diy_online_status" => client.set_diy_online_status(21).await.map(drop),
        "upload_private_file" => client.upload_private_file(10001, "f", "n").await.map(drop),
        "create_group_file_folder" => client
            .create_group_file_folder(123456)
            .name("n")
            .await
            .map(drop),
        "get_group_file_system_info" => client.get_group_file_system_info(123456).await.map(drop),
        "get_group_root_files" => client.get_group_root_files(123456).await.map(drop),
        "get_group_files_by_folder" => client
            .get_group_files_by_folder(123456)
            .folder("/f")
            .await
            .map(drop),
        "get_group_file_url" => client.get_group_file_url(123456, "f").await.map(drop),
        "get_private_file_url" => client.get_private_file_url("f").await.map(drop),
        "move_group_file" => client
            .move_group_file(123456, "f", "/", "/d")
            .await
            .map(drop),
        "rename_group_file" => client
            .rename_group_file(123456, "f", "/", "n")
            .await
            .map(drop),
        "trans_group_file" => client.trans_group_file(123456, "f").await.map(drop),
        "download_file" => client.download_file().url("u").await.map(drop),
        "get_fileset_id" => client.get_fileset_id("c").await.map(drop),
        "can_send_record" => client.can_send_record().await.map(drop),
        "get_credentials" => client.get_credentials("qun.qq.com").await.map(drop),
        "check_url_safely" => client.check_url_safely("u").await.map(drop),
        "translate_en2zh" => client.translate_en2zh(["hello"]).await.map(drop),
        "get_robot_uin_range" => client.get_robot_uin_range().await.map(drop),
        "get_online_clients" => client.get_online_clients().await.map(drop),
        "_get_model_show" => client.get_model_show().await.map(drop),
        "get_rkey" => client.get_rkey().await.map(drop),
        "get_rkey_server" => client.get_rkey_server().await.map(drop),
        "nc_get_rkey" => client.nc_get_rkey().await.map(drop),
        "fetch_custom_face" => client.fetch_custom_face().await.map(drop),
        "send_packet" => client.send_packet("c", "00").await.map(drop),
        "send_group_ark_share" => client.send_group_ark_share(123456).await.map(drop),
        "ArkShareGroup" => {
            #[allow(deprecated)]
            let call = client.ark_share_group(123456);
            call.await.map(drop)
        }
        "get_mini_app_ark" => client
            .get_mini_app_ark_template("t", "d", "p", "j", ncat_api::types::MiniAppTemplate::Bili)
            .await
            .map(drop),
        "send_group_ai_record" => client
            .send_group_ai_record("c", 123456, "t")
            .await
            .map(drop),
        // message and group actions beyond the core (helper C)
        "send_msg" => client.send_msg("hi").group_id(123456).await.map(drop),
        "send_forward_msg" => client
            .send_forward_msg("hi")
            .group_id(123456)
            .await
            .map(drop),
        "send_group_forward_msg" => client.send_group_forward_msg(123456, "hi").await.map(drop),
        "send_private_forward_msg" => client.send_private_forward_msg(10001, "hi").await.map(drop),
        "fetch_ptt_text" => client.fetch_ptt_text(1).await.map(drop),
        "get_emoji_likes" => client.get_emoji_likes(1, "76").await.map(drop),
        "get_group_detail_info" => client.get_group_detail_info(123456).await.map(drop),
        "get_group_honor_info" => client.get_group_honor_info(123456).await.map(drop),
        "get_group_at_all_remain" => client.get_group_at_all_remain(123456).await.map(drop),
        "get_group_shut_list" => client.get_group_shut_list(123456).await.map(drop),
        "get_essence_msg_list" => client.get_essence_msg_list(123456).await.map(drop),
        "_get_group_notice" => client.get_group_notice(123456).await.map(drop),
        "get_group_system_msg" => client.get_group_system_msg().await.map(drop),
        "get_group_ignored_notifies" => client.get_group_ignored_notifies().await.map(drop),
        "get_group_ignore_add_request" => client.get_group_ignore_add_request().await.map(drop),
        "set_group_portrait" => client.set_group_portrait("f", 123456).await.map(drop),
        "get_group_signed_list" => client.get_group_signed_list(123456).await.map(drop),
        "get_qun_album_list" => client.get_qun_album_list(123456).await.map(drop),
        other => panic!("no typed call for `{other}`: add one to `typed_call`"),
    }
}

#[tokio::test]
async fn every_typed_reply_has_a_fixture_that_decodes() -> TestResult {
    assert_eq!(sorted_names(FIXTURES), schema_actions(ReplyKind::Typed)?);
    let (mock, client) = mock_and_client().await?;
    for (action, text) in FIXTURES {
        mock.on(*action, MockReply::ok(serde_json::from_str(text)?));
        if let Err(error) = typed_call(&client, action).await {
            panic!("the `{action}` fixture does not decode: {error:?}");
        }
        let request = mock.last_request().ok_or("no request recorded")?;
        assert_eq!(request.action, *action);
    }
    Ok(())
}

// ---------------------------------------------------------- user.yaml

#[tokio::test]
async fn get_login_info_fills_only_id_and_nickname() -> TestResult {
    let (_mock, client) = answering_fixture("get_login_info").await?;
    let login = client.get_login_info().await?;
    assert_eq!(login, user(3889001234, "ncat-bot"));
    Ok(())
}

#[tokio::test]
async fn get_friend_list_decodes_a_list_of_users() -> TestResult {
    let (_mock, client) = answering_fixture("get_friend_list").await?;
    let friends = client.get_friend_list().no_cache(true).await?;
    assert_eq!(
        friends,
        vec![
            // Numeric id, every profile field; camelCase `categoryId` /
            // `categoryName` are not in the schema and are ignored.
            User {
                remark: Some("爱丽丝".to_owned()),
                sex: Some(Sex::Female),
                age: Some(24),
                level: Some(42),
                qid: Some("alice_q".to_owned()),
                login_days: Some(0),
                birthday_year: Some(2000),
                birthday_month: Some(2),
                birthday_day: Some(29),
                phone_num: Some("-".to_owned()),
                email: Some("alice@example.com".to_owned()),
                category_id: Some(0),
                ..user(10001, "Alice")
            },
            // The id as a numeric string; birthday, phone and e-mail absent.
            User {
                remark: Some("Bob".to_owned()),
                sex: Some(Sex::Male),
                age: Some(31),
                level: Some(0),
                qid: Some(String::new()),
                login_days: Some(0),
                category_id: Some(1),
                ..user(10002, "Bob")
            },
            // Optional fields `null` or absent.
            User {
                sex: Some(Sex::Unknown),
                ..user(10003, "Carol")
            },
        ]
    );
    Ok(())
}

#[tokio::test]
async fn get_stranger_info_ignores_the_raw_profile_fields() -> TestResult {
    let (mock, client) = answering_fixture("get_stranger_info").await?;
    let expected = GetStrangerInfoReply {
        user_id: UserId::new(10001),
        uid: "u_Xb3cD4eF5gH6iJ7kL8mN9o".to_owned(),
        nickname: "Alice".to_owned(),
        age: 24,
        qid: Some("alice_q".to_owned()),
        qq_level: 42,
        sex: Sex::Female,
        long_nick: Some("今天也要加油".to_owned()),
        reg_time: Some(1262304000),
        is_vip: true,
        is_years_vip: false,
        vip_level: 6,
        remark: String::new(),
        status: 10,
        login_days: 0,
    };
    assert_eq!(client.get_stranger_info(10001).await?, expected);

    // QQ may leave out the profile fields `qid`, `long_nick` and `reg_time`
    // come from; the id may arrive as a string.
    let sparse = with(fixture("get_stranger_info")?, "qid", None)?;
    let sparse = with(sparse, "long_nick", None)?;
    let sparse = with(sparse, "reg_time", Some(Value::Null))?;
    let sparse = with(sparse, "user_id", Some(json!("10001")))?;
    mock.on("get_stranger_info", MockReply::ok(sparse));
    assert_eq!(
        client.get_stranger_info(10001).await?,
        GetStrangerInfoReply {
            qid: None,
            long_nick: None,
            reg_time: None,
            ..expected
        }
    );
    Ok(())
}

#[tokio::test]
async fn get_cookies_keeps_bkn_a_string() -> TestResult {
    let (_mock, client) = answering_fixture("get_cookies").await?;
    assert_eq!(
        client.get_cookies("qun.qq.com").await?,
        GetCookiesReply {
            cookies: "p_skey=Vb3Xq9LmN2rT5wY8zA1cE4gJ7kM0pS3u; skey=@AbCdEf12; uin=o3889001234; p_uin=o3889001234"
                .to_owned(),
            bkn: "1948273650".to_owned(),
        }
    );
    Ok(())
}

// ---------------------------------------------------------- group.yaml

#[tokio::test]
async fn get_group_info_ignores_the_detail_fields() -> TestResult {
    let (_mock, client) = answering_fixture("get_group_info").await?;
    assert_eq!(
        client.get_group_info(987654321012).await?,
        Group {
            group_id: GroupId::new(987654321012),
            group_name: "ncat 测试群".to_owned(),
            member_count: Some(42),
            max_member_count: Some(500),
            group_all_shut: Some(0),
            group_remark: Some(String::new()),
        }
    );
    Ok(())
}

#[tokio::test]
async fn get_group_list_decodes_a_list_of_groups() -> TestResult {
    let (_mock, client) = answering_fixture("get_group_list").await?;
    assert_eq!(
        client.get_group_list().await?,
        vec![
            Group {
                group_id: GroupId::new(123456),
                group_name: "ncat 开发组".to_owned(),
                member_count: Some(12),
                max_member_count: Some(200),
                group_all_shut: Some(0),
                group_remark: Some("工作群".to_owned()),
            },
            // Id as a string, counts `null` and absent, mute-all on.
            Group {
                group_id: GroupId::new(654321),
                group_name: "全员禁言中".to_owned(),
                member_count: None,
                max_member_count: None,
                group_all_shut: Some(-1),
                group_remark: Some(String::new()),
            },
        ]
    );
    Ok(())
}

#[tokio::test]
async fn get_group_member_info_decodes_every_member_field() -> TestResult {
    let (_mock, client) = answering_fixture("get_group_member_info").await?;
    assert_eq!(
        client.get_group_member_info(123456, 10001).await?,
        alice_the_owner()
    );
    Ok(())
}

#[tokio::test]
async fn get_group_member_list_decodes_roles_sexes_and_both_id_forms() -> TestResult {
    let (_mock, client) = answering_fixture("get_group_member_list").await?;
    let members = client.get_group_member_list(123456).await?;
    assert_eq!(
        members,
        vec![
            alice_the_owner(),
            // Ids as numeric strings.
            GroupMember {
                card: Some(String::new()),
                sex: Some(Sex::Male),
                age: Some(0),
                area: Some(String::new()),
                level: Some("1".to_owned()),
                qq_level: Some(8),
                join_time: Some(1650000000),
                last_sent_time: Some(1650000000),
                title_expire_time: Some(0),
                unfriendly: Some(false),
                card_changeable: Some(true),
                is_robot: Some(true),
                shut_up_timestamp: Some(1718003600),
                role: Some(GroupRole::Admin),
                title: Some(String::new()),
                qage: Some(1),
                ..member(123456, 10002, "Bob")
            },
            // Optional fields `null` or absent.
            GroupMember {
                sex: Some(Sex::Unknown),
                role: Some(GroupRole::Member),
                ..member(123456, 10003, "Carol")
            },
        ]
    );
    Ok(())
}

// -------------------------------------------------------- message.yaml

#[tokio::test]
async fn send_group_msg_returns_the_message_id() -> TestResult {
    let (mock, client) = answering_fixture("send_group_msg").await?;
    let sent = client.send_group_msg(123456, "hi").await?;
    assert_eq!(
        sent,
        SendGroupMsgReply {
            message_id: MessageId::new(1588762139),
            res_id: None,
            forward_id: None,
        }
    );

    // The id as a numeric string, forward ids `null`.
    mock.on(
        "send_group_msg",
        MockReply::ok(json!({"message_id": "1588762139", "res_id": null, "forward_id": null})),
    );
    assert_eq!(client.send_group_msg(123456, "hi").await?, sent);
    Ok(())
}

#[tokio::test]
async fn send_private_msg_returns_forward_ids_for_a_merged_forward() -> TestResult {
    let (_mock, client) = answering_fixture("send_private_msg").await?;
    let node = Segment::unknown("node", json!({"id": "1588762139"}));
    assert_eq!(
        client.send_private_msg(10001, node).await?,
        SendPrivateMsgReply {
            message_id: MessageId::new(-2147483000),
            res_id: Some("hUc1Rz4PqG2fE7kYtL0w9aBcDeFgHiJkLmNoPqRsTuVwXyZ".to_owned()),
            forward_id: Some("hUc1Rz4PqG2fE7kYtL0w9aBcDeFgHiJkLmNoPqRsTuVwXyZ".to_owned()),
        }
    );
    Ok(())
}

#[tokio::test]
async fn get_msg_decodes_a_group_message() -> TestResult {
    let (mock, client) = answering_fixture("get_msg").await?;
    let expected = GetMsgReply {
        time: 1718000000,
        message_type: "group".to_owned(),
        message_id: MessageId::new(1588762139),
        real_id: 1588762139,
        message_seq: 1588762139,
        sender: Sender {
            user_id: UserId::new(10001),
            nickname: "Alice".to_owned(),
            card: Some("群主 Alice".to_owned()),
            role: Some(GroupRole::Owner),
        },
        // The array NapCat sent reads the same as its CQ-string rendering.
        message: ReceivedMessage::from_cq("[CQ:at,qq=3889001234] 早上好"),
        message_format: Some("array".to_owned()),
        raw_message: "[CQ:at,qq=3889001234] 早上好".to_owned(),
        font: 14,
        group_id: Some(GroupId::new(123456)),
        user_id: UserId::new(10001),
        emoji_likes_list: Some(vec![
            EmojiLikeCount {
                emoji_id: "76".to_owned(),
                emoji_type: "1".to_owned(),
                likes_cnt: "3".to_owned(),
            },
            EmojiLikeCount {
                emoji_id: "128512".to_owned(),
                emoji_type: "2".to_owned(),
                likes_cnt: "1".to_owned(),
            },
        ]),
    };
    let reply = client.get_msg(1588762139).await?;
    assert_eq!(reply, expected);
    assert_eq!(reply.message.plain_text(), " 早上好");
    assert_eq!(reply.message.segments()[0].kind(), "at");

    // A private message in string format: no group, no role, no reactions;
    // ids as numeric strings.
    let private = json!({
        "self_id": 3889001234_u64,
        "user_id": "10001",
        "time": 1718000100,
        "message_id": "1588762142",
        "message_seq": 1588762142,
        "real_id": 1588762142,
        "message_type": "private",
        "sender": {"user_id": "10001", "nickname": "Alice", "card": null, "role": null},
        "raw_message": "在吗",
        "font": 14,
        "sub_type": "friend",
        "message": "在吗",
        "message_format": "string",
        "post_type": "message",
        "emoji_likes_list": null
    });
    mock.on("get_msg", MockReply::ok(private));
    assert_eq!(
        client.get_msg(1588762142).await?,
        GetMsgReply {
            time: 1718000100,
            message_type: "private".to_owned(),
            message_id: MessageId::new(1588762142),
            real_id: 1588762142,
            message_seq: 1588762142,
            sender: Sender {
                user_id: UserId::new(10001),
                nickname: "Alice".to_owned(),
                card: None,
                role: None,
            },
            message: ReceivedMessage::from_cq("在吗"),
            message_format: Some("string".to_owned()),
            raw_message: "在吗".to_owned(),
            font: 14,
            group_id: None,
            user_id: UserId::new(10001),
            emoji_likes_list: None,
        }
    );
    Ok(())
}

#[tokio::test]
async fn get_forward_msg_passes_the_messages_through() -> TestResult {
    let (mock, client) = answering_fixture("get_forward_msg").await?;
    let reply = client.get_forward_msg().id("7412345678901234567").await?;
    let Some(messages) = reply.messages else {
        panic!("no messages decoded");
    };
    assert_eq!(messages.len(), 2);
    assert_eq!(messages[0]["raw_message"], "第一条");
    assert_eq!(
        messages[0]["sender"],
        json!({"user_id": 10001, "nickname": "Alice"})
    );
    assert_eq!(
        messages[1]["message"],
        json!([{"type": "image", "data": {"file": "5A3C0B6E.jpg"}}])
    );

    // NapCat declares `messages` optional.
    for data in [json!({}), json!({"messages": null})] {
        mock.on("get_forward_msg", MockReply::ok(data));
        assert_eq!(
            client.get_forward_msg().id("1").await?,
            GetForwardMsgReply { messages: None }
        );
    }
    Ok(())
}

#[tokio::test]
async fn fetch_emoji_like_decodes_qq_camel_case() -> TestResult {
    let (_mock, client) = answering_fixture("fetch_emoji_like").await?;
    assert_eq!(
        client.fetch_emoji_like(1588762139, 76, 1).await?,
        FetchEmojiLikeReply {
            emoji_likes_list: vec![
                EmojiLikeUser {
                    tiny_id: "144115218678093456".to_owned(),
                    nick_name: "Alice".to_owned(),
                    head_url: "https://thirdqq.qlogo.cn/g?b=sdk&nk=10001&s=100".to_owned(),
                },
                EmojiLikeUser {
                    tiny_id: "144115218678093457".to_owned(),
                    nick_name: "Bob".to_owned(),
                    head_url: "https://thirdqq.qlogo.cn/g?b=sdk&nk=10002&s=100".to_owned(),
                },
            ],
            cookie: "Q0hVTksyAAAAAQ==".to_owned(),
            is_last_page: false,
            is_first_page: true,
            result: 0,
            err_msg: String::new(),
        }
    );
    Ok(())
}

#[tokio::test]
async fn group_and_friend_history_pass_the_messages_through() -> TestResult {
    let (_mock, client) = answering_fixture("get_group_msg_history").await?;
    let GetGroupMsgHistoryReply { messages } = client.get_group_msg_history(123456).await?;
    assert_eq!(messages.len(), 2);
    assert_eq!(messages[0]["message_id"], 1588762139);
    assert_eq!(messages[1]["sender"]["role"], "admin");
    assert_eq!(
        messages[1]["message"],
        json!([{"type": "face", "data": {"id": "14"}}])
    );

    let (_mock, client) = answering_fixture("get_friend_msg_history").await?;
    let GetFriendMsgHistoryReply { messages } = client.get_friend_msg_history(10001).await?;
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0]["message"], "在吗");
    assert_eq!(messages[0]["message_format"], "string");
    Ok(())
}

// ---------------------------------------------------------- system.yaml

#[tokio::test]
async fn get_status_keeps_stat_as_json() -> TestResult {
    let (mock, client) = answering_fixture("get_status").await?;
    assert_eq!(
        client.get_status().await?,
        GetStatusReply {
            online: true,
            good: true,
            stat: Some(json!({})),
        }
    );

    mock.on(
        "get_status",
        MockReply::ok(json!({"online": false, "good": false, "stat": {"packet_received": 12}})),
    );
    assert_eq!(
        client.get_status().await?,
        GetStatusReply {
            online: false,
            good: false,
            stat: Some(json!({"packet_received": 12})),
        }
    );
    Ok(())
}

#[tokio::test]
async fn get_version_info_decodes() -> TestResult {
    let (_mock, client) = answering_fixture("get_version_info").await?;
    assert_eq!(
        client.get_version_info().await?,
        GetVersionInfoReply {
            app_name: "NapCat.Onebot".to_owned(),
            protocol_version: "v11".to_owned(),
            app_version: "4.18.19".to_owned(),
        }
    );
    Ok(())
}

#[tokio::test]
async fn can_send_image_reads_yes() -> TestResult {
    let (_mock, client) = answering_fixture("can_send_image").await?;
    assert_eq!(
        client.can_send_image().await?,
        CanSendImageReply { yes: true }
    );
    Ok(())
}

#[tokio::test]
async fn get_clientkey_may_lack_the_key() -> TestResult {
    let (mock, client) = answering_fixture("get_clientkey").await?;
    let expected = GetClientkeyReply {
        clientkey: Some(
            "5A9F3C0B6E1D2A7F8B4C9D0E1F2A3B4C5D6E7F8091A2B3C4D5E6F708192A3B4C".to_owned(),
        ),
    };
    assert_eq!(client.get_clientkey().await?, expected);
    assert_eq!(client.get_client_key().await?, expected);

    for data in [json!({}), json!({"clientkey": null})] {
        mock.on("get_clientkey", MockReply::ok(data));
        assert_eq!(
            client.get_clientkey().await?,
            GetClientkeyReply { clientkey: None }
        );
    }
    Ok(())
}

#[tokio::test]
async fn get_csrf_token_reads_a_number() -> TestResult {
    let (_mock, client) = answering_fixture("get_csrf_token").await?;
    assert_eq!(
        client.get_csrf_token().await?,
        GetCsrfTokenReply { token: 1948273650 }
    );
    Ok(())
}

// ------------------------------------------------------------ ai.yaml

#[tokio::test]
async fn get_ai_characters_decodes_nested_lists() -> TestResult {
    let (_mock, client) = answering_fixture("get_ai_characters").await?;
    assert_eq!(
        client.get_ai_characters(123456).await?,
        vec![
            AiCharacterGroup {
                category: "推荐".to_owned(),
                characters: vec![
                    AiCharacter {
                        character_id: "lucy-voice-female1".to_owned(),
                        character_name: "小甜妹".to_owned(),
                        preview_url: "https://qzonestyle.gtimg.cn/voice/lucy-voice-female1.wav"
                            .to_owned(),
                    },
                    AiCharacter {
                        character_id: "lucy-voice-male1".to_owned(),
                        character_name: "憨憨小弟".to_owned(),
                        preview_url: "https://qzonestyle.gtimg.cn/voice/lucy-voice-male1.wav"
                            .to_owned(),
                    },
                ],
            },
            AiCharacterGroup {
                category: "方言".to_owned(),
                characters: vec![],
            },
        ]
    );
    Ok(())
}

#[tokio::test]
async fn get_ai_record_returns_the_url_string() -> TestResult {
    let (_mock, client) = answering_fixture("get_ai_record").await?;
    assert_eq!(
        client
            .get_ai_record("lucy-voice-female1", 123456, "你好")
            .await?,
        "https://grouptalk.c2c.qq.com/voice/7c1f0e2a9b.silk"
    );
    Ok(())
}

// ------------------------------------------------------------ file.yaml

#[tokio::test]
async fn upload_group_file_file_id_may_be_null_or_absent() -> TestResult {
    let (mock, client) = answering_fixture("upload_group_file").await?;
    assert_eq!(
        client
            .upload_group_file(123456, "/data/report.pdf", "report.pdf")
            .await?,
        UploadGroupFileReply {
            file_id: Some("/8e2c7a5e-4b1d-11ef-9c3a-0242ac120002".to_owned()),
        }
    );
    for data in [json!({"file_id": null}), json!({})] {
        mock.on("upload_group_file", MockReply::ok(data));
        assert_eq!(
            client
                .upload_group_file(123456, "/data/report.pdf", "report.pdf")
                .await?,
            UploadGroupFileReply { file_id: None }
        );
    }
    Ok(())
}

#[tokio::test]
async fn get_file_image_and_record_decode_file_info() -> TestResult {
    let (_mock, client) = answering_fixture("get_file").await?;
    assert_eq!(
        client.get_file().file_id("/a1b2c3d4").await?,
        FileInfo {
            file: Some("/root/.config/QQ/NapCat/temp/周报.pdf".to_owned()),
            url: Some("/root/.config/QQ/NapCat/temp/周报.pdf".to_owned()),
            file_size: Some("48213".to_owned()),
            file_name: Some("周报.pdf".to_owned()),
            base64: None,
        }
    );

    let (_mock, client) = answering_fixture("get_image").await?;
    assert_eq!(
        client.get_image().file("5A3C0B6E.jpg").await?,
        FileInfo {
            file: Some("/root/.config/QQ/NapCat/temp/5A3C0B6E.jpg".to_owned()),
            url: Some("https://multimedia.nt.qq.com.cn/download?appid=1407&fileid=EhQ".to_owned()),
            file_size: Some(String::new()),
            file_name: Some("5A3C0B6E.jpg".to_owned()),
            base64: None,
        }
    );

    let (mock, client) = answering_fixture("get_record").await?;
    assert_eq!(
        client
            .get_record(AudioFormat::Mp3)
            .file("voice.amr")
            .await?,
        FileInfo {
            file: Some("/root/.config/QQ/NapCat/temp/voice.mp3".to_owned()),
            url: Some("/root/.config/QQ/NapCat/temp/voice.mp3".to_owned()),
            file_size: Some("2048".to_owned()),
            file_name: Some("voice.mp3".to_owned()),
            base64: Some("SUQzBAAAAAAAI1RTU0UAAAAPAAADTGF2ZjU4Ljc2LjEwMAAAAAAAAAAAAAAA".to_owned()),
        }
    );
    // Every field is optional.
    mock.on("get_record", MockReply::ok(json!({})));
    assert_eq!(
        client.get_record(AudioFormat::Mp3).file_id("/f").await?,
        FileInfo {
            file: None,
            url: None,
            file_size: None,
            file_name: None,
            base64: None,
        }
    );
    Ok(())
}

// ------------------------------------------------- cross-cutting decoding

#[tokio::test]
async fn unknown_fields_are_ignored_at_every_level() -> TestResult {
    let (mock, client) = answering_fixture("get_msg").await?;
    let plain = client.get_msg(1588762139).await?;

    let mut noisy = fixture("get_msg")?;
    noisy["messageId"] = json!("7380000000000000001");
    noisy["peerUid"] = json!("u_Xb3cD4eF5gH6iJ7kL8mN9o");
    noisy["elements"] = json!([{"elementType": 1, "textElement": {"content": "x"}}]);
    noisy["extra"] = Value::Null;
    noisy["sender"]["sex"] = json!("female");
    noisy["sender"]["level"] = json!("73");
    noisy["sender"]["title"] = json!("");
    noisy["emoji_likes_list"][0]["is_clicked"] = json!(true);
    mock.on("get_msg", MockReply::ok(noisy));
    assert_eq!(client.get_msg(1588762139).await?, plain);
    Ok(())
}

#[tokio::test]
async fn data_that_does_not_fit_is_a_decode_error_keeping_the_raw_data() -> TestResult {
    let (mock, client) = mock_and_client().await?;
    // Sent verbatim, spacing and all: `data` is kept exactly as received.
    mock.on(
        "get_status",
        MockReply::raw(
            r#"{"status":"ok","retcode":0,"data": {"online": "yes",  "good": true, "stat": {}} ,"message":"","wording":"","echo":null,"stream":"normal-action"}"#,
        ),
    );
    let result = client.get_status().await;
    let Err(error) = &result else {
        panic!("expected an error, got {result:?}");
    };
    assert_eq!(error.action(), Some("get_status"));
    assert_eq!(
        error.to_string(),
        "`get_status`: the reply data does not match the expected type"
    );
    assert!(std::error::Error::source(error).is_some());
    let (action, data, _) = decode_error(result);
    assert_eq!(action, "get_status");
    assert_eq!(data, r#"{"online": "yes",  "good": true, "stat": {}}"#);

    // A missing required field names the field.
    mock.on(
        "get_version_info",
        MockReply::ok(json!({"app_name": "NapCat.Onebot", "app_version": "4.18.19"})),
    );
    let (action, data, source) = decode_error(client.get_version_info().await);
    assert_eq!(action, "get_version_info");
    assert_eq!(
        serde_json::from_str::<Value>(&data)?,
        json!({"app_name": "NapCat.Onebot", "app_version": "4.18.19"})
    );
    assert!(source.contains("protocol_version"), "{source}");

    // One bad item fails the whole list, and the raw data is the whole list.
    let mut members = fixture("get_group_member_list")?;
    members[2]["user_id"] = json!("not-a-number");
    mock.on("get_group_member_list", MockReply::ok(members.clone()));
    let (action, data, source) = decode_error(client.get_group_member_list(123456).await);
    assert_eq!(action, "get_group_member_list");
    assert_eq!(serde_json::from_str::<Value>(&data)?, members);
    assert!(source.contains("UserId"), "{source}");

    // An object where a list belongs.
    mock.on("get_friend_list", MockReply::ok(json!({"friends": []})));
    let (action, data, _) = decode_error(client.get_friend_list().await);
    assert_eq!(
        (action.as_str(), data.as_str()),
        ("get_friend_list", r#"{"friends":[]}"#)
    );
    Ok(())
}

#[tokio::test]
async fn a_typed_reply_without_data_is_a_decode_error() -> TestResult {
    let (mock, client) = mock_and_client().await?;
    for reply in [MockReply::ok_without_data(), MockReply::ok(Value::Null)] {
        mock.on("get_login_info", reply);
        let (action, data, _) = decode_error(client.get_login_info().await);
        assert_eq!((action.as_str(), data.as_str()), ("get_login_info", "null"));
    }
    Ok(())
}

#[tokio::test]
async fn enum_values_outside_the_schema_decode_as_unrecognized() -> TestResult {
    let (mock, client) = mock_and_client().await?;

    let mut member = fixture("get_group_member_info")?;
    member["role"] = json!("guest");
    mock.on("get_group_member_info", MockReply::ok(member));
    let decoded = client.get_group_member_info(123456, 10001).await?;
    assert_eq!(decoded.role, Some(GroupRole::Unrecognized));
    assert_eq!(
        decoded.user_id,
        UserId::new(10001),
        "the rest still decodes"
    );

    let stranger = with(fixture("get_stranger_info")?, "sex", Some(json!("secret")))?;
    mock.on("get_stranger_info", MockReply::ok(stranger));
    assert_eq!(
        client.get_stranger_info(10001).await?.sex,
        Sex::Unrecognized
    );

    // The wire values are case-sensitive.
    let mut member = fixture("get_group_member_info")?;
    member["sex"] = json!("Female");
    mock.on("get_group_member_info", MockReply::ok(member));
    let decoded = client.get_group_member_info(123456, 10001).await?;
    assert_eq!(decoded.sex, Some(Sex::Unrecognized));

    // A value ncat does not know cannot be sent back.
    assert_eq!(GroupRole::Unrecognized.as_str(), None);
    assert!(serde_json::to_string(&GroupRole::Unrecognized).is_err());
    Ok(())
}

// ------------------------------------------------------- `()` actions

type UnitCall = fn(&Client) -> ResponseFuture<()>;

/// Every action whose reply is `()`, with a call of it.
const UNIT_ACTIONS: &[(&str, UnitCall)] = &[
    ("set_group_kick", |c| {
        c.set_group_kick(123456, 10001).into_future()
    }),
    ("set_group_ban", |c| {
        c.set_group_ban(123456, 10001).duration(600).into_future()
    }),
    ("set_group_whole_ban", |c| {
        c.set_group_whole_ban(123456).into_future()
    }),
    ("set_group_admin", |c| {
        c.set_group_admin(123456, 10001).enable(true).into_future()
    }),
    ("set_group_card", |c| {
        c.set_group_card(123456, 10001).card("x").into_future()
    }),
    ("_send_group_notice", |c| {
        c.send_group_notice(123456, "公告").into_future()
    }),
    ("get_guild_list", |c| c.get_guild_list().into_future()),
    ("delete_msg", |c| c.delete_msg(1588762139).into_future()),
    ("clean_stream_temp_file", |c| {
        c.clean_stream_temp_file().into_future()
    }),
    (".handle_quick_operation", |c| {
        c.handle_quick_operation(json!({"post_type": "message"}), json!({"reply": "ok"}))
            .into_future()
    }),
    ("send_like", |c| c.send_like(10001).times(10).into_future()),
    // user, system and guild actions beyond the OneBot 11 core
    ("delete_qzone_msg", |c| {
        c.delete_qzone_msg("tid").into_future()
    }),
    ("set_doubt_friends_add_request", |c| {
        c.set_doubt_friends_add_request("flag").into_future()
    }),
    ("set_friend_add_request", |c| {
        c.set_friend_add_request("flag").approve(true).into_future()
    }),
    ("set_friend_remark", |c| {
        c.set_friend_remark(10001, "备注").into_future()
    }),
    ("set_online_status", |c| {
        c.set_online_status(10, 0, 100).into_future()
    }),
    ("set_qq_avatar", |c| {
        c.set_qq_avatar("base64://AA==").into_future()
    }),
    ("_set_model_show", |c| c.set_model_show().into_future()),
    ("nc_get_packet_status", |c| {
        c.nc_get_packet_status().into_future()
    }),
    ("clean_cache", |c| c.clean_cache().into_future()),
    ("set_restart", |c| c.set_restart().into_future()),
    ("bot_exit", |c| c.bot_exit().into_future()),
    ("get_guild_service_profile", |c| {
        c.get_guild_service_profile().into_future()
    }),
    // message and group actions beyond the core (helper C)
    ("forward_friend_single_msg", |c| {
        c.forward_friend_single_msg(1588762139)
            .user_id(10001)
            .into_future()
    }),
    ("forward_group_single_msg", |c| {
        c.forward_group_single_msg(1588762139)
            .group_id(123456)
            .into_future()
    }),
    ("send_poke", |c| c.send_poke(10001).into_future()),
    ("group_poke", |c| {
        c.group_poke(10001).group_id(123456).into_future()
    }),
    ("friend_poke", |c| c.friend_poke(10001).into_future()),
    ("mark_msg_as_read", |c| {
        c.mark_msg_as_read().message_id(1588762139).into_future()
    }),
    ("mark_private_msg_as_read", |c| {
        c.mark_private_msg_as_read().user_id(10001).into_future()
    }),
    ("mark_group_msg_as_read", |c| {
        c.mark_group_msg_as_read().group_id(123456).into_future()
    }),
    ("_mark_all_as_read", |c| c.mark_all_as_read().into_future()),
    ("set_group_add_request", |c| {
        c.set_group_add_request("1718000000654321").into_future()
    }),
    ("set_group_leave", |c| {
        c.set_group_leave(123456).into_future()
    }),
    ("set_group_kick_members", |c| {
        c.set_group_kick_members(123456, [10002, 10003])
            .into_future()
    }),
    ("set_group_name", |c| {
        c.set_group_name(123456, "新群名").into_future()
    }),
    ("set_group_remark", |c| {
        c.set_group_remark(123456, "备注").into_future()
    }),
    ("set_group_special_title", |c| {
        c.set_group_special_title(123456, 10001)
            .special_title("头衔")
            .into_future()
    }),
    ("set_group_add_option", |c| {
        c.set_group_add_option(123456, 2).into_future()
    }),
    ("set_group_robot_add_option", |c| {
        c.set_group_robot_add_option(123456).into_future()
    }),
    ("set_group_search", |c| {
        c.set_group_search(123456).into_future()
    }),
    ("set_group_member_invite_policy", |c| {
        c.set_group_member_invite_policy(123456, ncat_api::types::MemberInvitePolicy::Disabled)
            .into_future()
    }),
    ("set_group_member_permissions", |c| {
        c.set_group_member_permissions(123456)
            .allow_member_create_group(false)
            .into_future()
    }),
    ("set_group_new_member_history_visibility", |c| {
        c.set_group_new_member_history_visibility(123456, true)
            .into_future()
    }),
    ("set_group_sign", |c| c.set_group_sign(123456).into_future()),
    ("send_group_sign", |c| {
        c.send_group_sign(123456).into_future()
    }),
    ("set_group_todo", |c| {
        c.set_group_todo(123456)
            .message_id(1588762139)
            .into_future()
    }),
    ("complete_group_todo", |c| {
        c.complete_group_todo(123456)
            .message_seq("58231")
            .into_future()
    }),
    ("cancel_group_todo", |c| {
        c.cancel_group_todo(123456)
            .message_seq("58231")
            .into_future()
    }),
];

#[tokio::test]
async fn unit_actions_ignore_whatever_data_napcat_sends() -> TestResult {
    assert_eq!(
        sorted_names(UNIT_ACTIONS),
        schema_actions(ReplyKind::Nothing)?
    );
    let (mock, client) = mock_and_client().await?;
    let replies = [
        MockReply::ok(Value::Null),
        MockReply::ok(json!({})),
        MockReply::ok_without_data(),
        // What NapCat's examples show for some of them.
        MockReply::ok(json!({"message": "success"})),
        MockReply::ok(json!([{"guild_id": "123456", "guild_name": "测试频道"}])),
        MockReply::ok(json!("done")),
        MockReply::ok(json!(0)),
        MockReply::ok(json!(false)),
    ];
    // One task per action, each scripting only its own action: the actions
    // run concurrently, every action's calls in order.
    let mock = Arc::new(mock);
    let mut tasks = JoinSet::new();
    for &(action, call) in UNIT_ACTIONS {
        let (mock, client, replies) = (Arc::clone(&mock), client.clone(), replies.clone());
        tasks.spawn(async move {
            for reply in replies {
                mock.on(action, reply.clone());
                if let Err(error) = call(&client).await {
                    panic!("`{action}` with {reply:?}: {error:?}");
                }
            }
        });
    }
    while let Some(task) = tasks.join_next().await {
        task?;
    }
    for &(action, _) in UNIT_ACTIONS {
        assert_eq!(mock.requests_for(action).len(), replies.len(), "{action}");
    }
    Ok(())
}

// ------------------------------------------------------- `json` actions

type JsonCall = fn(&Client) -> ResponseFuture<Value>;

#[allow(deprecated)]
fn ark_share_peer(client: &Client) -> ResponseFuture<Value> {
    client.ark_share_peer().user_id(10001).into_future()
}

/// Every action whose reply is `json`, with a call of it.
const JSON_ACTIONS: &[(&str, JsonCall)] = &[
    ("send_ark_share", |c| {
        c.send_ark_share().group_id(123456).into_future()
    }),
    ("ArkSharePeer", ark_share_peer),
    ("set_msg_emoji_like", |c| {
        c.set_msg_emoji_like(1588762139, 76).into_future()
    }),
    ("ocr_image", |c| c.ocr_image("receipt.png").into_future()),
    ("set_self_longnick", |c| {
        c.set_self_longnick("签名").into_future()
    }),
    // user, file, system and stream actions beyond the OneBot 11 core
    ("delete_friend", |c| {
        c.delete_friend().user_id(10001).into_future()
    }),
    ("set_input_status", |c| {
        c.set_input_status(10001, 1).into_future()
    }),
    ("set_qq_profile", |c| c.set_qq_profile("彭彭").into_future()),
    ("delete_group_file", |c| {
        c.delete_group_file(123456, "/a1b2c3").into_future()
    }),
    ("delete_group_folder", |c| {
        c.delete_group_folder(123456)
            .folder_id("/f00d")
            .into_future()
    }),
    ("create_flash_task", |c| {
        c.create_flash_task(["/data/a.png"]).into_future()
    }),
    ("download_fileset", |c| {
        c.download_fileset("set_123").into_future()
    }),
    ("get_fileset_info", |c| {
        c.get_fileset_info("set_123").into_future()
    }),
    ("get_flash_file_list", |c| {
        c.get_flash_file_list("set_123").into_future()
    }),
    ("get_flash_file_url", |c| {
        c.get_flash_file_url("set_123").file_index(0).into_future()
    }),
    ("get_share_link", |c| {
        c.get_share_link("set_123").into_future()
    }),
    ("send_flash_msg", |c| {
        c.send_flash_msg("set_123").group_id(123456).into_future()
    }),
    ("send_online_file", |c| {
        c.send_online_file(10001, "/data/a.iso").into_future()
    }),
    ("send_online_folder", |c| {
        c.send_online_folder(10001, "/data/photos").into_future()
    }),
    ("get_online_file_msg", |c| {
        c.get_online_file_msg(10001).into_future()
    }),
    ("receive_online_file", |c| {
        c.receive_online_file(10001, "1", "2").into_future()
    }),
    ("refuse_online_file", |c| {
        c.refuse_online_file(10001, "1", "2").into_future()
    }),
    ("cancel_online_file", |c| {
        c.cancel_online_file(10001, "1").into_future()
    }),
    (".ocr_image", |c| {
        c.ocr_image_new("receipt.png").into_future()
    }),
    ("create_collection", |c| {
        c.create_collection("内容", "标题").into_future()
    }),
    ("get_collection_list", |c| {
        c.get_collection_list("0").into_future()
    }),
    ("fetch_custom_face_detail", |c| {
        c.fetch_custom_face_detail().into_future()
    }),
    ("add_custom_face", |c| {
        c.add_custom_face("/data/face.png").into_future()
    }),
    ("delete_custom_face", |c| {
        c.delete_custom_face().res_id(["r1"]).into_future()
    }),
    ("set_custom_face_desc", |c| {
        c.set_custom_face_desc(1, "r1", "d41d8cd98f00b204e9800998ecf8427e", "描述")
            .into_future()
    }),
    ("upload_file_stream", |c| {
        c.upload_file_stream("uuid-1")
            .verify_only(true)
            .into_future()
    }),
    // message and group actions beyond the core (helper C)
    ("click_inline_keyboard_button", |c| {
        c.click_inline_keyboard_button(123456, "102074059")
            .into_future()
    }),
    ("get_group_info_ex", |c| {
        c.get_group_info_ex(123456).into_future()
    }),
    ("set_essence_msg", |c| {
        c.set_essence_msg(1588762139).into_future()
    }),
    ("delete_essence_msg", |c| {
        c.delete_essence_msg(1588762139).into_future()
    }),
    ("_del_group_notice", |c| {
        c.del_group_notice(123456, "notice_123").into_future()
    }),
    ("get_group_album_media_list", |c| {
        c.get_group_album_media_list(123456, "album_id_1")
            .into_future()
    }),
    ("upload_image_to_qun_album", |c| {
        c.upload_image_to_qun_album(123456, "album_id_1", "相册1", "/path/to/image.jpg")
            .into_future()
    }),
    ("del_group_album_media", |c| {
        c.del_group_album_media(123456, "album_id_1", "media_id_1")
            .into_future()
    }),
    ("set_group_album_media_like", |c| {
        c.set_group_album_media_like(123456, "album_id_123", "112233")
            .into_future()
    }),
    ("cancel_group_album_media_like", |c| {
        c.cancel_group_album_media_like(123456, "album_id", "112233")
            .lloc("aabbcc")
            .into_future()
    }),
    ("do_group_album_comment", |c| {
        c.do_group_album_comment(123456, "album_id_1", "media_id_1", "很有意思")
            .into_future()
    }),
];

#[tokio::test]
async fn json_replies_pass_through_as_values() -> TestResult {
    assert_eq!(sorted_names(JSON_ACTIONS), schema_actions(ReplyKind::Json)?);
    let (mock, client) = mock_and_client().await?;
    let values = [
        json!({"errCode": 0, "errMsg": "", "arkJson": "{\"app\":\"com.tencent.contact.lua\",\"ver\":\"0.0.0.1\"}"}),
        json!({"result": true}),
        json!({
            "type": "stream",
            "data_type": "file_info",
            "file_name": "big.zip",
            "file_size": 1048576,
            "chunk_size": 65536
        }),
        json!({"texts": [{"text": "合计 ¥42.00", "confidence": 0.98, "coordinates": [{"x": 1, "y": 2}]}], "language": "zh"}),
        json!([1, "two", null, {"three": [3.5]}]),
        json!("a string"),
        json!(18446744073709551615_u64),
        json!(-1),
        json!(true),
        json!({}),
        Value::Null,
    ];
    // One task per action, as for the `()` actions above.
    let mock = Arc::new(mock);
    let mut tasks = JoinSet::new();
    for &(action, call) in JSON_ACTIONS {
        let (mock, client, values) = (Arc::clone(&mock), client.clone(), values.clone());
        tasks.spawn(async move {
            for value in values {
                mock.on(action, MockReply::ok(value.clone()));
                assert_eq!(call(&client).await?, value, "{action}");
            }
            // No `data` at all reads as `null`.
            mock.on(action, MockReply::ok_without_data());
            assert_eq!(call(&client).await?, Value::Null, "{action}");
            Ok::<(), Error>(())
        });
    }
    while let Some(task) = tasks.join_next().await {
        task??;
    }
    Ok(())
}

#[tokio::test]
async fn call_raw_passes_any_data_through() -> TestResult {
    let (mock, client) = mock_and_client().await?;
    // Typed data stays untyped: the fixture comes back exactly as sent.
    let members = fixture("get_group_member_list")?;
    mock.on("get_group_member_list", MockReply::ok(members.clone()));
    let data = client
        .call_raw("get_group_member_list", json!({"group_id": "123456"}))
        .await?;
    assert_eq!(data, members);

    // Data that fits no schema type is no error either.
    mock.on("get_status", MockReply::ok(json!({"online": "yes"})));
    assert_eq!(
        client.call_raw("get_status", json!({})).await?,
        json!({"online": "yes"})
    );

    // `null` and no `data` at all both read as `null`.
    for reply in [MockReply::ok(Value::Null), MockReply::ok_without_data()] {
        mock.on("get_status", reply);
        assert_eq!(client.call_raw("get_status", json!({})).await?, Value::Null);
    }
    Ok(())
}

/// NapCat (JavaScript) sends some numbers as strings and some strings as
/// numbers; generated replies read both.
#[tokio::test]
async fn integer_and_string_fields_accept_either_json_form() -> TestResult {
    let (mock, client) = mock_and_client().await?;

    let file = with(fixture("get_file")?, "file_size", Some(json!(1024)))?;
    mock.on("get_file", MockReply::ok(file));
    let reply = client.get_file().file_id("abc").await?;
    assert_eq!(reply.file_size.as_deref(), Some("1024"));

    let mut member = fixture("get_group_member_info")?;
    member["age"] = json!("18");
    member["join_time"] = json!("1600000000");
    mock.on("get_group_member_info", MockReply::ok(member));
    let reply = client.get_group_member_info(123456, 10001).await?;
    assert_eq!(
        (reply.age, reply.join_time),
        (Some(18), Some(1_600_000_000))
    );
    Ok(())
}

/// The stream actions are exactly NapCat's multi-frame ones; their frames are
/// tested in `ncat-api/tests/stream.rs`.
#[test]
fn the_frame_replies_are_the_multi_frame_stream_actions() -> Result<(), BoxError> {
    assert_eq!(
        schema_actions(ReplyKind::Frames)?,
        [
            "download_file_image_stream",
            "download_file_record_stream",
            "download_file_stream",
            "test_download_stream",
        ]
    );
    Ok(())
}
