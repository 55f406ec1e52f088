//! ncatbot parity: every method of ncatbot's `BotAPI` (the 101 of its
//! "函数原型参考", in that order) is a `Client` method of the same name, and
//! this is what NapCat receives when it is called.
//!
//! Each row of [`table`] names the ncatbot method and its parameters, binds
//! sample values to ncatbot's parameter names, makes the call through ncat
//! with them, and gives the NapCat action and the JSON parameters expected,
//! written out by hand. [`every_ncatbot_method_sends_its_request`] sends
//! every call to the mock NapCat over HTTP, answered with the reply fixture
//! of its action when there is one, and checks the one request each makes
//! and that the reply decodes.
//!
//! The table also renders the README's "ncatbot method → ncat call" page,
//! `docs/ncatbot.md`, from the very code the test runs;
//! [`docs_table_is_current`] compares it with the checked-in file.
//! Regenerate it with
//! `NCAT_UPDATE_SNAPSHOT=1 cargo test -p ncat-tests --test ncatbot_parity`.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::future::{Future, IntoFuture};
use std::path::{Path, PathBuf};
use std::pin::Pin;

use ncat_api::segment::{File, Music, MusicPlatform};
use ncat_api::types::{AudioFormat, MiniAppTemplate};
use ncat_api::{Client, Error, Media, Message, MessageId};
use ncat_mock::MockReply;
use ncat_tests::{BoxError, mock_and_client};
use serde_json::{Value, json};

/// How a row's ncatbot method exists in ncat.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// The generated method of the NapCat action of the same name.
    Action,
    /// Another name the schema gives a NapCat action (an alias, or the Rust
    /// name of a `_`- or `.`-prefixed action).
    Alias,
    /// Hand-written in `ncat_api::ncatbot`.
    Convenience,
}

impl Kind {
    fn label(self) -> &'static str {
        match self {
            Kind::Action => "action",
            Kind::Alias => "alias",
            Kind::Convenience => "convenience",
        }
    }
}

type Pending = Pin<Box<dyn Future<Output = Result<(), Error>> + Send>>;

/// One ncatbot method.
struct Row {
    kind: Kind,
    /// ncatbot's name.
    name: &'static str,
    /// ncatbot's parameter names, in its order.
    params: &'static [&'static str],
    /// The ncat call, as written in [`table`].
    ncat: &'static str,
    /// The NapCat action it sends.
    action: &'static str,
    /// The parameters NapCat receives.
    body: Value,
    /// How the request differs from ncatbot's ("" when it does not).
    note: &'static str,
    /// Makes the call, with the sample values bound to ncatbot's names.
    call: fn(Client) -> Pending,
}

/// Awaits a call; its output is checked by decoding, then dropped.
fn settle<F, T>(call: F) -> Pending
where
    F: IntoFuture<Output = Result<T, Error>>,
    F::IntoFuture: Send + 'static,
{
    let future = call.into_future();
    Box::pin(async move { future.await.map(drop) })
}

/// One row of [`table`]:
///
/// ```text
/// kind name(param: sample, …) => |client| <ncat call>, "action", {params}[, "note"]
/// kind name(param, …) { binding: sample, … } => …
/// ```
///
/// The first form binds a sample value to each of ncatbot's parameters; the
/// second lists ncatbot's parameters, then binds only what the call uses.
macro_rules! row {
    ($kind:ident $name:ident($($param:ident: $value:expr),* $(,)?)
        => |$client:ident| $call:expr, $action:literal, $body:tt $(, $note:literal)? $(,)?) => {
        row!(@row $kind $name [$($param),*] {$($param: $value),*}
            |$client| $call, $action, $body [$($note)?])
    };
    ($kind:ident $name:ident($($param:ident),* $(,)?) { $($bind:ident: $value:expr),* $(,)? }
        => |$client:ident| $call:expr, $action:literal, $body:tt $(, $note:literal)? $(,)?) => {
        row!(@row $kind $name [$($param),*] {$($bind: $value),*}
            |$client| $call, $action, $body [$($note)?])
    };
    (@row $kind:ident $name:ident [$($param:ident),*] {$($bind:ident: $value:expr),*}
        |$client:ident| $call:expr, $action:literal, $body:tt [$($note:literal)?]) => {
        Row {
            kind: Kind::$kind,
            name: stringify!($name),
            params: &[$(stringify!($param)),*],
            ncat: stringify!($call),
            action: $action,
            body: json!($body),
            note: concat!($($note)?),
            call: |$client: Client| -> Pending {
                $(let $bind = $value;)*
                settle($call)
            },
        }
    };
}

const GROUP: &str = "123456";
const USER: &str = "10001";

/// Every ncatbot `BotAPI` method, in the order of its reference.
// ncatbot's Ark card names map to NapCat's deprecated `ArkSharePeer` / `ArkShareGroup`.
#[allow(deprecated)]
fn table() -> Vec<Row> {
    vec![
        // ----------------------------------------------------------- 用户接口
        row!(Action set_qq_profile(nickname: "ncat", personal_note: "你好", sex: 2)
            => |client| client.set_qq_profile(nickname).personal_note(personal_note).sex(sex),
            "set_qq_profile", {"nickname": "ncat", "personal_note": "你好", "sex": 2},
            "`sex` is NapCat's number (0 unknown, 1 male, 2 female); ncatbot passes any string."),
        row!(Convenience get_user_card(user_id: 10001, phone_number: "13800138000")
            => |client| client.get_user_card(user_id, phone_number),
            "ArkSharePeer", {"user_id": USER, "phone_number": "13800138000"},
            "ncatbot sends the phone number as `phoneNumber`, which NapCat does not read. Deprecated with `ArkSharePeer`."),
        row!(Convenience get_group_card(group_id: 123456, phone_number: "13800138000")
            => |client| client.get_group_card(group_id, phone_number),
            "ArkSharePeer", {"group_id": GROUP, "phone_number": "13800138000"},
            "As `get_user_card`: `phone_number`, not `phoneNumber`. Deprecated with `ArkSharePeer`."),
        row!(Alias get_share_group_card(group_id: 123456)
            => |client| client.get_share_group_card(group_id),
            "ArkShareGroup", {"group_id": GROUP},
            "Deprecated with `ArkShareGroup` (use `send_group_ark_share`)."),
        row!(Action set_online_status(status: (10, 1028, 0))
            => |client| client.set_online_status(status.0, status.1, status.2),
            "set_online_status", {"status": 10, "ext_status": 1028, "battery_status": 0},
            "ncatbot's `status` names one of its presets (here `听歌中`); NapCat takes the preset's three numbers, as ncatbot sends them."),
        row!(Action get_friends_with_category()
            => |client| client.get_friends_with_category(),
            "get_friends_with_category", {}),
        row!(Action set_qq_avatar(avatar: "https://example.com/avatar.png")
            => |client| client.set_qq_avatar(avatar),
            "set_qq_avatar", {"file": "https://example.com/avatar.png"}),
        row!(Action send_like(user_id: 10001, times: 10)
            => |client| client.send_like(user_id).times(times),
            "send_like", {"user_id": USER, "times": 10}),
        row!(Action create_collection(rawdata: "收藏的内容", brief: "标题")
            => |client| client.create_collection(rawdata, brief),
            "create_collection", {"rawData": "收藏的内容", "brief": "标题"}),
        row!(Action set_friend_add_request(flag: "1718000000", approve: true, remark: "阿猫")
            => |client| client.set_friend_add_request(flag).approve(approve).remark(remark),
            "set_friend_add_request", {"flag": "1718000000", "approve": true, "remark": "阿猫"}),
        row!(Alias set_self_long_nick(longnick: "今天也要加油")
            => |client| client.set_self_long_nick(longnick),
            "set_self_longnick", {"longNick": "今天也要加油"}),
        row!(Action get_stranger_info(user_id: 10001)
            => |client| client.get_stranger_info(user_id),
            "get_stranger_info", {"user_id": USER}),
        row!(Action get_friend_list(cache: true)
            => |client| client.get_friend_list().no_cache(cache),
            "get_friend_list", {"no_cache": true},
            "ncatbot sends its `cache` argument as `no_cache`, unchanged; ncat names the setter after what NapCat does with it."),
        row!(Action get_profile_like()
            => |client| client.get_profile_like(),
            "get_profile_like", {}),
        row!(Action fetch_custom_face(count: 48)
            => |client| client.fetch_custom_face().count(count),
            "fetch_custom_face", {"count": 48}),
        row!(Action upload_private_file(user_id: 10001, file: "/data/report.pdf", name: "周报.pdf")
            => |client| client.upload_private_file(user_id, file, name),
            "upload_private_file", {"user_id": USER, "file": "/data/report.pdf", "name": "周报.pdf"}),
        row!(Action delete_friend(user_id, friend_id, temp_block, temp_both_del) {
                friend_id: 10002,
                temp_block: true,
                temp_both_del: false,
            }
            => |client| client
                .delete_friend()
                .friend_id(friend_id)
                .temp_block(temp_block)
                .temp_both_del(temp_both_del),
            "delete_friend",
            {"friend_id": "10002", "temp_block": true, "temp_both_del": false},
            "ncatbot sends both `user_id` and `friend_id`, two names NapCat reads for the same friend (`friend_id` wins); ncat takes exactly one of them and refuses both before sending."),
        row!(Action nc_get_user_status(user_id: 10001)
            => |client| client.nc_get_user_status(user_id),
            "nc_get_user_status", {"user_id": USER}),
        row!(Action get_mini_app_ark(app_json) {
                template: MiniAppTemplate::Bili,
                title: "标题",
                desc: "描述",
                pic_url: "https://example.com/pic.png",
                jump_url: "https://example.com/",
            }
            => |client| client.get_mini_app_ark_template(title, desc, pic_url, jump_url, template),
            "get_mini_app_ark",
            {"type": "bili", "title": "标题", "desc": "描述",
             "picUrl": "https://example.com/pic.png", "jumpUrl": "https://example.com/"},
            "ncatbot sends its `app_json` dict as the request; ncat has one method per NapCat form (`get_mini_app_ark_template`, `get_mini_app_ark_custom`) taking that form's required fields as arguments, the rest (`webUrl`, `rawArkData`) as setters."),
        // ----------------------------------------------------------- 消息接口
        row!(Action mark_msg_as_read(group_id, user_id) { group_id: 123456 }
            => |client| client.mark_msg_as_read().group_id(group_id),
            "mark_msg_as_read", {"group_id": GROUP}),
        row!(Action mark_group_msg_as_read(group_id: 123456)
            => |client| client.mark_group_msg_as_read().group_id(group_id),
            "mark_group_msg_as_read", {"group_id": GROUP},
            "NapCat declares `group_id` optional, so it is a setter."),
        row!(Action mark_private_msg_as_read(user_id: 10001)
            => |client| client.mark_private_msg_as_read().user_id(user_id),
            "mark_private_msg_as_read", {"user_id": USER},
            "NapCat declares `user_id` optional, so it is a setter."),
        row!(Alias mark_all_as_read()
            => |client| client.mark_all_as_read(),
            "_mark_all_as_read", {}),
        row!(Action delete_msg(message_id: 1588762139)
            => |client| client.delete_msg(message_id),
            "delete_msg", {"message_id": 1588762139}),
        row!(Action get_msg(message_id: 1588762139)
            => |client| client.get_msg(message_id),
            "get_msg", {"message_id": 1588762139}),
        row!(Action get_image(image_id: "6E0B2F8A.jpg")
            => |client| client.get_image().file_id(image_id),
            "get_image", {"file_id": "6E0B2F8A.jpg"},
            "NapCat also takes `file` instead of `file_id`, so both are setters."),
        row!(Action get_record(record_id: "D41D8CD9.amr", output_type: AudioFormat::Mp3)
            => |client| client.get_record(output_type).file_id(record_id),
            "get_record", {"file_id": "D41D8CD9.amr", "out_format": "mp3"},
            "`out_format` is required by NapCat, so it is the argument (ncatbot's default `\"mp3\"` is `AudioFormat::Mp3`); the file is a setter."),
        row!(Action get_file(file_id: "8F3A2B1C")
            => |client| client.get_file().file_id(file_id),
            "get_file", {"file_id": "8F3A2B1C"}),
        row!(Action get_group_msg_history(group_id: 123456, message_seq: "7412", count: 20, reverse_order: true)
            => |client| client
                .get_group_msg_history(group_id)
                .message_seq(message_seq)
                .count(count)
                .reverse_order(reverse_order),
            "get_group_msg_history",
            {"group_id": GROUP, "message_seq": "7412", "count": 20, "reverse_order": true},
            "ncatbot sends `reverseOrder`, NapCat's old spelling; ncat sends `reverse_order` (`.reverse_order_legacy(…)` sends the old one)."),
        row!(Action set_msg_emoji_like(message_id: 1588762139, emoji_id: 76, emoji_set: true)
            => |client| client.set_msg_emoji_like(message_id, emoji_id).set(emoji_set),
            "set_msg_emoji_like", {"message_id": 1588762139, "emoji_id": 76, "set": true}),
        row!(Action get_friend_msg_history(user_id: 10001, message_seq: "7412", count: 20, reverse_order: true)
            => |client| client
                .get_friend_msg_history(user_id)
                .message_seq(message_seq)
                .count(count)
                .reverse_order(reverse_order),
            "get_friend_msg_history",
            {"user_id": USER, "message_seq": "7412", "count": 20, "reverse_order": true},
            "As `get_group_msg_history`: `reverse_order`, not `reverseOrder`."),
        row!(Action get_recent_contact(count: 10)
            => |client| client.get_recent_contact().count(count),
            "get_recent_contact", {"count": 10}),
        row!(Action fetch_emoji_like(message_id, emoji_id, emoji_type, group_id, user_id, count) {
                message_id: 1588762139,
                emoji_id: 76,
                emoji_type: 1,
                count: 20,
            }
            => |client| client.fetch_emoji_like(message_id, emoji_id, emoji_type).count(count),
            "fetch_emoji_like",
            {"message_id": 1588762139, "emojiId": 76, "emojiType": 1, "count": 20},
            "NapCat has no `group_id` or `user_id` here, so ncat has no setters for them and sends nothing in their place; `emojiId` and `emojiType` are numbers."),
        row!(Action get_forward_msg(message_id: "7412996830516736251")
            => |client| client.get_forward_msg().message_id(message_id),
            "get_forward_msg", {"message_id": "7412996830516736251"},
            "A forward id is a long string, so `message_id` is a string setter here (NapCat also takes it as `id`)."),
        row!(Action send_poke(user_id: 10001, group_id: 123456)
            => |client| client.send_poke(user_id).group_id(group_id),
            "send_poke", {"user_id": USER, "group_id": GROUP}),
        row!(Action forward_friend_single_msg(message_id: 1588762139, user_id: 10001)
            => |client| client.forward_friend_single_msg(message_id).user_id(user_id),
            "forward_friend_single_msg", {"message_id": 1588762139, "user_id": USER},
            "NapCat declares `user_id` optional (it also forwards to a group), so it is a setter."),
        row!(Convenience send_private_forward_msg(user_id: 10001, messages: [MessageId::new(1588762139), MessageId::new(1588762140)])
            => |client| client.send_private_forward_msg(user_id, messages),
            "send_private_forward_msg",
            {"user_id": USER, "message": [
                {"type": "node", "data": {"id": "1588762139"}},
                {"type": "node", "data": {"id": "1588762140"}}
            ]},
            "Message ids convert to `node` segments by id, which NapCat resolves itself; ncatbot first fetches each message with `get_msg` and sends rebuilt nodes with `source`, `summary`, `news` and `prompt`."),
        // ----------------------------------------------------------- 群组接口
        row!(Action set_group_kick(group_id: 123456, user_id: 10001, reject_add_request: true)
            => |client| client.set_group_kick(group_id, user_id).reject_add_request(reject_add_request),
            "set_group_kick", {"group_id": GROUP, "user_id": USER, "reject_add_request": true}),
        row!(Action set_group_ban(group_id: 123456, user_id: 10001, duration: 600)
            => |client| client.set_group_ban(group_id, user_id).duration(duration),
            "set_group_ban", {"group_id": GROUP, "user_id": USER, "duration": 600}),
        row!(Action get_group_system_msg(group_id) {}
            => |client| client.get_group_system_msg(),
            "get_group_system_msg", {},
            "NapCat has no `group_id` here: it reads the account's latest group notifications, from every group, so none is sent; it takes their number, `count` (`.count(…)`)."),
        row!(Action get_essence_msg_list(group_id: 123456)
            => |client| client.get_essence_msg_list(group_id),
            "get_essence_msg_list", {"group_id": GROUP}),
        row!(Action set_group_whole_ban(group_id: 123456, enable: true)
            => |client| client.set_group_whole_ban(group_id).enable(enable),
            "set_group_whole_ban", {"group_id": GROUP, "enable": true}),
        row!(Action set_group_portrait(group_id: 123456, file: "https://example.com/g.png")
            => |client| client.set_group_portrait(file, group_id),
            "set_group_portrait", {"group_id": GROUP, "file": "https://example.com/g.png"},
            "Arguments in NapCat's order: `file` first (swapped, it does not compile)."),
        row!(Action set_group_admin(group_id: 123456, user_id: 10001, enable: true)
            => |client| client.set_group_admin(group_id, user_id).enable(enable),
            "set_group_admin", {"group_id": GROUP, "user_id": USER, "enable": true}),
        row!(Action set_essence_msg(message_id: 1588762139)
            => |client| client.set_essence_msg(message_id),
            "set_essence_msg", {"message_id": 1588762139}),
        row!(Action set_group_card(group_id: 123456, user_id: 10001, card: "阿猫")
            => |client| client.set_group_card(group_id, user_id).card(card),
            "set_group_card", {"group_id": GROUP, "user_id": USER, "card": "阿猫"}),
        row!(Action delete_essence_msg(message_id: 1588762139)
            => |client| client.delete_essence_msg(message_id),
            "delete_essence_msg", {"message_id": 1588762139},
            "NapCat also takes `msg_seq`, `msg_random` and `group_id` instead: that form is `delete_essence_msg_by_seq`."),
        row!(Action set_group_name(group_id: 123456, group_name: "ncat 交流群")
            => |client| client.set_group_name(group_id, group_name),
            "set_group_name", {"group_id": GROUP, "group_name": "ncat 交流群"}),
        row!(Action set_group_leave(group_id: 123456)
            => |client| client.set_group_leave(group_id),
            "set_group_leave", {"group_id": GROUP}),
        row!(Alias send_group_notice(group_id: 123456, content: "明天停电", image: "https://example.com/n.png")
            => |client| client.send_group_notice(group_id, content).image(image),
            "_send_group_notice",
            {"group_id": GROUP, "content": "明天停电", "image": "https://example.com/n.png"}),
        row!(Alias get_group_notice(group_id: 123456)
            => |client| client.get_group_notice(group_id),
            "_get_group_notice", {"group_id": GROUP}),
        row!(Action set_group_special_title(group_id: 123456, user_id: 10001, special_title: "猫猫")
            => |client| client.set_group_special_title(group_id, user_id).special_title(special_title),
            "set_group_special_title", {"group_id": GROUP, "user_id": USER, "special_title": "猫猫"}),
        row!(Action upload_group_file(group_id: 123456, file: "/data/report.pdf", name: "周报.pdf", folder_id: "/a1b2c3")
            => |client| client.upload_group_file(group_id, file, name).folder_id(folder_id),
            "upload_group_file",
            {"group_id": GROUP, "file": "/data/report.pdf", "name": "周报.pdf", "folder_id": "/a1b2c3"},
            "NapCat declares the folder optional (`folder`, or `folder_id` as ncatbot sends it), so it is a setter."),
        row!(Action set_group_add_request(flag: "1718000001", approve: false, reason: "暗号不对")
            => |client| client.set_group_add_request(flag).approve(approve).reason(reason),
            "set_group_add_request", {"flag": "1718000001", "approve": false, "reason": "暗号不对"},
            "ncatbot sends `reason: null` when rejecting without a reason; ncat leaves an unset reason out."),
        row!(Action get_group_info(group_id: 123456)
            => |client| client.get_group_info(group_id),
            "get_group_info", {"group_id": GROUP}),
        row!(Action get_group_info_ex(group_id: 123456)
            => |client| client.get_group_info_ex(group_id),
            "get_group_info_ex", {"group_id": GROUP}),
        row!(Action create_group_file_folder(group_id: 123456, folder_name: "资料")
            => |client| client.create_group_file_folder(group_id).folder_name(folder_name),
            "create_group_file_folder", {"group_id": GROUP, "folder_name": "资料"},
            "NapCat also takes the name as `name`, so `folder_name` is a setter."),
        row!(Action delete_group_file(group_id: 123456, file_id: "/8f3a2b1c")
            => |client| client.delete_group_file(group_id, file_id),
            "delete_group_file", {"group_id": GROUP, "file_id": "/8f3a2b1c"}),
        row!(Action delete_group_folder(group_id: 123456, folder_id: "/a1b2c3")
            => |client| client.delete_group_folder(group_id).folder_id(folder_id),
            "delete_group_folder", {"group_id": GROUP, "folder_id": "/a1b2c3"},
            "NapCat also takes the folder as `folder`, so `folder_id` is a setter."),
        row!(Action get_group_file_system_info(group_id: 123456)
            => |client| client.get_group_file_system_info(group_id),
            "get_group_file_system_info", {"group_id": GROUP}),
        row!(Action get_group_root_files(group_id: 123456)
            => |client| client.get_group_root_files(group_id),
            "get_group_root_files", {"group_id": GROUP}),
        row!(Action get_group_files_by_folder(group_id: 123456, folder_id: "/a1b2c3", file_count: 50)
            => |client| client.get_group_files_by_folder(group_id).folder_id(folder_id).file_count(file_count),
            "get_group_files_by_folder", {"group_id": GROUP, "folder_id": "/a1b2c3", "file_count": 50}),
        row!(Action get_group_file_url(group_id: 123456, file_id: "/8f3a2b1c")
            => |client| client.get_group_file_url(group_id, file_id),
            "get_group_file_url", {"group_id": GROUP, "file_id": "/8f3a2b1c"}),
        row!(Action get_group_list(no_cache: true)
            => |client| client.get_group_list().no_cache(no_cache),
            "get_group_list", {"no_cache": true}),
        row!(Action get_group_member_info(group_id: 123456, user_id: 10001, no_cache: true)
            => |client| client.get_group_member_info(group_id, user_id).no_cache(no_cache),
            "get_group_member_info", {"group_id": GROUP, "user_id": USER, "no_cache": true}),
        row!(Action get_group_member_list(group_id: 123456, no_cache: true)
            => |client| client.get_group_member_list(group_id).no_cache(no_cache),
            "get_group_member_list", {"group_id": GROUP, "no_cache": true}),
        row!(Action get_group_honor_info(group_id: 123456)
            => |client| client.get_group_honor_info(group_id),
            "get_group_honor_info", {"group_id": GROUP}),
        row!(Action get_group_at_all_remain(group_id: 123456)
            => |client| client.get_group_at_all_remain(group_id),
            "get_group_at_all_remain", {"group_id": GROUP}),
        row!(Action get_group_ignored_notifies(group_id) {}
            => |client| client.get_group_ignored_notifies(),
            "get_group_ignored_notifies", {},
            "NapCat takes no parameters (it returns the ignored requests of every group), so `group_id` is not sent."),
        row!(Action set_group_sign(group_id: 123456)
            => |client| client.set_group_sign(group_id),
            "set_group_sign", {"group_id": GROUP}),
        row!(Action send_group_sign(group_id: 123456)
            => |client| client.send_group_sign(group_id),
            "send_group_sign", {"group_id": GROUP}),
        row!(Action get_ai_characters(group_id: 123456, chat_type: 1)
            => |client| client.get_ai_characters(group_id).chat_type(chat_type),
            "get_ai_characters", {"group_id": GROUP, "chat_type": 1},
            "`chat_type` is a number (ncatbot also passes strings); NapCat defaults it to 1, so it is a setter."),
        row!(Action send_group_ai_record(group_id: 123456, character: "lucy-voice-female1", text: "你好")
            => |client| client.send_group_ai_record(character, group_id, text),
            "send_group_ai_record",
            {"group_id": GROUP, "character": "lucy-voice-female1", "text": "你好"},
            "Arguments in NapCat's order: `character` first (in ncatbot's order, it does not compile)."),
        row!(Action get_ai_record(group_id: 123456, character: "lucy-voice-female1", text: "你好")
            => |client| client.get_ai_record(character, group_id, text),
            "get_ai_record", {"group_id": GROUP, "character": "lucy-voice-female1", "text": "你好"},
            "Arguments in NapCat's order: `character` first (in ncatbot's order, it does not compile)."),
        row!(Action forward_group_single_msg(message_id: 1588762139, group_id: 123456)
            => |client| client.forward_group_single_msg(message_id).group_id(group_id),
            "forward_group_single_msg", {"message_id": 1588762139, "group_id": GROUP},
            "NapCat declares `group_id` optional (it also forwards to a user), so it is a setter."),
        row!(Convenience send_group_forward_msg(group_id: 123456, messages: [MessageId::new(1588762139), MessageId::new(1588762140)])
            => |client| client.send_group_forward_msg(group_id, messages),
            "send_group_forward_msg",
            {"group_id": GROUP, "message": [
                {"type": "node", "data": {"id": "1588762139"}},
                {"type": "node", "data": {"id": "1588762140"}}
            ]},
            "Sent with NapCat's `send_group_forward_msg`; ncatbot sends group forwards with `send_private_forward_msg`. Nodes by id, as in `send_private_forward_msg`; an empty list is sent (NapCat refuses it) where ncatbot sends nothing."),
        // ----------------------------------------------------------- 系统接口
        row!(Alias get_client_key()
            => |client| client.get_client_key(),
            "get_clientkey", {}),
        row!(Action get_robot_uin_range()
            => |client| client.get_robot_uin_range(),
            "get_robot_uin_range", {}),
        row!(Action ocr_image(image: "https://example.com/text.png")
            => |client| client.ocr_image(image),
            "ocr_image", {"image": "https://example.com/text.png"}),
        row!(Alias ocr_image_new(image: "https://example.com/text.png")
            => |client| client.ocr_image_new(image),
            ".ocr_image", {"image": "https://example.com/text.png"}),
        row!(Action translate_en2zh(words: ["hello", "world"])
            => |client| client.translate_en2zh(words),
            "translate_en2zh", {"words": ["hello", "world"]}),
        row!(Action get_login_info()
            => |client| client.get_login_info(),
            "get_login_info", {}),
        row!(Action set_input_status(event_type: 1, user_id: 10001)
            => |client| client.set_input_status(user_id, event_type),
            "set_input_status", {"user_id": USER, "event_type": 1},
            "Arguments in NapCat's order, `user_id` first: both are integers, so ncatbot's order compiles with the values swapped. ncatbot sends `eventType`, which NapCat does not read; ncat sends `event_type`."),
        row!(Action download_file(thread_count, headers, base64, url, name) {
                headers: ["User-Agent: ncat"],
                url: "https://example.com/a.png",
                name: "a.png",
            }
            => |client| client.download_file().url(url).name(name).headers(headers),
            "download_file",
            {"url": "https://example.com/a.png", "name": "a.png", "headers": ["User-Agent: ncat"]},
            "NapCat has no `thread_count`, so it is not sent; `headers` are `Name: value` strings (NapCat reads a string or a list of them, not ncatbot's dict)."),
        row!(Action get_cookies(domain: "qun.qq.com")
            => |client| client.get_cookies(domain),
            "get_cookies", {"domain": "qun.qq.com"}),
        row!(Alias handle_quick_operation(
                context: json!({"post_type": "message", "message_type": "group", "group_id": 123456}),
                operation: json!({"reply": "收到"}),
            )
            => |client| client.handle_quick_operation(context, operation),
            ".handle_quick_operation",
            {"context": {"post_type": "message", "message_type": "group", "group_id": 123456},
             "operation": {"reply": "收到"}}),
        row!(Action get_csrf_token()
            => |client| client.get_csrf_token(),
            "get_csrf_token", {}),
        row!(Alias del_group_notice(group_id: 123456, notice_id: "b2a1c3d4")
            => |client| client.del_group_notice(group_id, notice_id),
            "_del_group_notice", {"group_id": GROUP, "notice_id": "b2a1c3d4"}),
        row!(Action get_credentials(domain: "qun.qq.com")
            => |client| client.get_credentials(domain),
            "get_credentials", {"domain": "qun.qq.com"}),
        row!(Alias get_model_show(model: "iPhone 15")
            => |client| client.get_model_show().model(model),
            "_get_model_show", {"model": "iPhone 15"},
            "NapCat declares `model` optional, so it is a setter."),
        row!(Action can_send_image()
            => |client| client.can_send_image(),
            "can_send_image", {}),
        row!(Action nc_get_packet_status()
            => |client| client.nc_get_packet_status(),
            "nc_get_packet_status", {}),
        row!(Action can_send_record()
            => |client| client.can_send_record(),
            "can_send_record", {}),
        row!(Action get_status()
            => |client| client.get_status(),
            "get_status", {}),
        row!(Action nc_get_rkey()
            => |client| client.nc_get_rkey(),
            "nc_get_rkey", {}),
        row!(Action get_version_info()
            => |client| client.get_version_info(),
            "get_version_info", {}),
        row!(Action get_group_shut_list(group_id: 123456)
            => |client| client.get_group_shut_list(group_id),
            "get_group_shut_list", {"group_id": GROUP}),
        row!(Convenience post_group_msg(group_id, text, face, json, markdown, at, reply, music, dice, rps, image, rtf) {
                group_id: 123456,
                text: "hi ",
                face: 14,
                json: r#"{"app":"com.tencent.contact.lua"}"#,
                markdown: "**ncat**",
                at: 10001,
                reply: 1588762139,
                music: Music::track(MusicPlatform::Qq, "001"),
                image: Media::url("https://example.com/a.png"),
                rtf: Message::new().text(" bye").face(76),
            }
            => |client| client
                .post_group_msg(group_id)
                .text(text)
                .face(face)
                .json(json)
                .markdown(markdown)
                .at(at)
                .reply(reply)
                .music(music)
                .dice()
                .rps()
                .image(image)
                .rtf(rtf),
            "send_group_msg",
            {"group_id": GROUP, "message": [
                {"type": "reply", "data": {"id": "1588762139"}},
                {"type": "text", "data": {"text": "hi "}},
                {"type": "face", "data": {"id": "14"}},
                {"type": "json", "data": {"data": "{\"app\":\"com.tencent.contact.lua\"}"}},
                {"type": "markdown", "data": {"content": "**ncat**"}},
                {"type": "at", "data": {"qq": USER}},
                {"type": "music", "data": {"type": "qq", "id": "001"}},
                {"type": "dice", "data": {}},
                {"type": "rps", "data": {}},
                {"type": "image", "data": {"file": "https://example.com/a.png"}},
                {"type": "text", "data": {"text": " bye"}},
                {"type": "face", "data": {"id": "76"}}
            ]},
            "Parts in the order added, quotes first. Markdown is NapCat's `markdown` segment, not an image rendered by the bot; `rtf` is sent whole (ncatbot keeps only its text, face, image, at, dice and rps when it has any). Empty: `Error::EmptyMessage`, no request."),
        row!(Convenience post_private_msg(user_id, text, face, json, markdown, reply, music, dice, rps, image, rtf) {
                user_id: 10001,
                text: "hi",
                reply: 1588762139,
                image: Media::base64(b"GIF89a"),
                rtf: Message::new().face(14).reply(MessageId::new(1588762140)),
            }
            => |client| client.post_private_msg(user_id).text(text).reply(reply).image(image).rtf(rtf),
            "send_private_msg",
            {"user_id": USER, "message": [
                {"type": "reply", "data": {"id": "1588762139"}},
                {"type": "reply", "data": {"id": "1588762140"}},
                {"type": "text", "data": {"text": "hi"}},
                {"type": "image", "data": {"file": "base64://R0lGODlh"}},
                {"type": "face", "data": {"id": "14"}}
            ]},
            "As `post_group_msg`, without `at`."),
        row!(Convenience post_group_file(group_id, image, record, video, file, markdown) {
                group_id: 123456,
                image: Media::url("https://example.com/a.png"),
            }
            => |client| client.post_group_file(group_id).image(image),
            "send_group_msg",
            {"group_id": GROUP, "message": [
                {"type": "image", "data": {"file": "https://example.com/a.png"}}
            ]},
            "One file, by one method (`image`, `record`, `video`, `file` or `markdown`): none, or two, does not compile. `markdown` takes Markdown, sent as NapCat's segment; ncatbot takes a file path and sends the file rendered as an image."),
        row!(Convenience post_private_file(user_id, image, record, video, file, markdown) {
                user_id: 10001,
                file: File::new(Media::path("/data/report.pdf")).name("周报.pdf"),
            }
            => |client| client.post_private_file(user_id).file(file),
            "send_private_msg",
            {"user_id": USER, "message": [
                {"type": "file", "data": {"file": "file:///data/report.pdf", "name": "周报.pdf"}}
            ]},
            "As `post_group_file`."),
    ]
}

/// ncatbot's `BotAPI` has 101 methods; the table has each exactly once.
#[test]
fn table_lists_the_101_ncatbot_methods_once() {
    let table = table();
    assert_eq!(table.len(), 101);
    let names: BTreeSet<&str> = table.iter().map(|row| row.name).collect();
    assert_eq!(names.len(), 101, "a method is listed twice");
}

/// Every ncatbot method sends exactly one request, to the expected action
/// with the expected parameters, and its reply decodes.
#[tokio::test]
async fn every_ncatbot_method_sends_its_request() -> Result<(), BoxError> {
    let (mock, client) = mock_and_client().await?;
    for row in table() {
        if let Some(data) = reply_fixture(row.action)? {
            mock.on(row.action, MockReply::ok(data));
        }
        mock.clear_requests();
        if let Err(error) = (row.call)(client.clone()).await {
            panic!("{}: the call failed: {error:?}", row.name);
        }
        let requests = mock.requests();
        let [request] = requests.as_slice() else {
            panic!("{}: expected one request, got {requests:#?}", row.name);
        };
        assert_eq!(request.action, row.action, "{}: action", row.name);
        assert_eq!(request.params, row.body, "{}: params", row.name);
    }
    Ok(())
}

/// The `data` of `action`'s reply fixture, when it has one.
fn reply_fixture(action: &str) -> Result<Option<Value>, BoxError> {
    let path = workspace().join(format!("tests/fixtures/replies/{action}.json"));
    if !path.exists() {
        return Ok(None);
    }
    Ok(Some(serde_json::from_str(&std::fs::read_to_string(path)?)?))
}

// ------------------------------------------------------------- docs/ncatbot.md

const DOCS: &str = "docs/ncatbot.md";

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// `docs/ncatbot.md`, rendered from [`table`].
fn render_docs() -> String {
    let table = table();
    let count = |kind| table.iter().filter(|row| row.kind == kind).count();
    let mut out = String::new();
    out.push_str(
        "<!-- @generated by tests/tests/ncatbot_parity.rs from the calls it runs; do not edit.\n     \
         Regenerate: NCAT_UPDATE_SNAPSHOT=1 cargo test -p ncat-tests --test ncatbot_parity -->\n\n\
         # ncatbot method → ncat call\n\n\
         Every method of [ncatbot](https://github.com/ncatbot/NcatBot)'s `BotAPI` is a method of \
         `ncat_api::Client` with the same name. This table gives, for each one, the ncat call \
         (with ncatbot's parameter names as variables), the NapCat action it sends and how that \
         request differs from ncatbot's. The test that renders it runs every call against the \
         mock NapCat and checks the action and parameters NapCat receives.\n\n",
    );
    let _ = write!(
        out,
        "The {} methods are: {} generated methods of the NapCat action of the same name \
         (**action**), {} other names the schema gives a NapCat action (**alias**) and {} \
         hand-written conveniences in `ncat_api::ncatbot` (**convenience**).\n\n",
        table.len(),
        count(Kind::Action),
        count(Kind::Alias),
        count(Kind::Convenience),
    );
    out.push_str(
        "ncatbot's parameters with a default, and those NapCat treats as optional, are chained \
         setters: the Rust form of a keyword argument. Everywhere, and not repeated below:\n\n\
         - ids are typed: user and group ids are sent as numeric strings, message ids as \
         numbers, as NapCat declares them (ncatbot sends whatever it was given);\n\
         - an optional parameter left unset is left out, so NapCat applies its own default \
         (ncatbot sends some defaults, and `null` for some unset ones);\n\
         - media sources are sent as given: a URL or path string as is, `Media::path` as a \
         `file://` URI, `Media::base64` inline.\n\n",
    );
    out.push_str(
        "| # | ncatbot | ncat | NapCat action | kind | differences from ncatbot's request |\n",
    );
    out.push_str("|--:|---|---|---|---|---|\n");
    for (number, row) in table.iter().enumerate() {
        let _ = writeln!(
            out,
            "| {} | `{}({})` | `{}` | `{}` | {} | {} |",
            number + 1,
            row.name,
            row.params.join(", "),
            one_line(row.ncat),
            row.action,
            row.kind.label(),
            row.note,
        );
    }
    out
}

/// The call as one line, as `stringify!` spreads long chains over several.
fn one_line(code: &str) -> String {
    code.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("( ", "(")
        .replace(" )", ")")
        .replace(" .", ".")
}

#[test]
fn docs_table_is_current() -> Result<(), BoxError> {
    let rendered = render_docs();
    let path = workspace().join(DOCS);
    if std::env::var_os("NCAT_UPDATE_SNAPSHOT").is_some() {
        std::fs::create_dir_all(path.parent().ok_or("docs path has no parent")?)?;
        std::fs::write(&path, &rendered)?;
        return Ok(());
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        checked_in == rendered,
        "{DOCS} is out of date; regenerate it with \
         `NCAT_UPDATE_SNAPSHOT=1 cargo test -p ncat-tests --test ncatbot_parity` and review the diff"
    );
    Ok(())
}
