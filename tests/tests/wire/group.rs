//! Wire cases for the group actions beyond the OneBot 11 core: group
//! information, essence messages, announcements, join requests, group
//! settings, check-ins, to-dos and albums.

use ncat_api::types::{HonorType, MemberInvitePolicy};
use ncat_api::{GroupId, UserId};
use serde_json::json;

use super::Wire;

pub(super) async fn cases(w: &mut Wire) {
    let c = w.client.clone();

    // ------------------------------------------------------- information
    w.check(
        c.get_group_detail_info(123456),
        "/get_group_detail_info",
        json!({"group_id": "123456"}),
    )
    .await;
    w.check(
        c.get_group_info_ex(987654321012),
        "/get_group_info_ex",
        json!({"group_id": "987654321012"}),
    )
    .await;
    w.check(
        c.get_group_honor_info(123456),
        "/get_group_honor_info",
        json!({"group_id": "123456"}),
    )
    .await;
    w.check(
        c.get_group_honor_info(123456)
            .honor_type(HonorType::Talkative),
        "/get_group_honor_info",
        json!({"group_id": "123456", "type": "talkative"}),
    )
    .await;
    w.check(
        c.get_group_at_all_remain(123456),
        "/get_group_at_all_remain",
        json!({"group_id": "123456"}),
    )
    .await;
    w.check(
        c.get_group_shut_list(123456),
        "/get_group_shut_list",
        json!({"group_id": "123456"}),
    )
    .await;

    // ------------------------------------------------- essence messages
    w.check(
        c.get_essence_msg_list(123456),
        "/get_essence_msg_list",
        json!({"group_id": "123456"}),
    )
    .await;
    w.check(
        c.set_essence_msg(1588762139),
        "/set_essence_msg",
        json!({"message_id": 1588762139}),
    )
    .await;
    w.check(
        c.delete_essence_msg(1588762139),
        "/delete_essence_msg",
        json!({"message_id": 1588762139}),
    )
    .await;
    w.check(
        c.delete_essence_msg_by_seq(123456, "41007", "903145522"),
        "/delete_essence_msg",
        json!({
            "msg_seq": "41007",
            "msg_random": "903145522",
            "group_id": "123456"
        }),
    )
    .await;

    // ---------------------------------------------------- announcements
    w.check(
        c.get_group_notice(123456),
        "/_get_group_notice",
        json!({"group_id": "123456"}),
    )
    .await;
    w.check(
        c.del_group_notice(123456, "63c1f8a50000000041b2c3d4"),
        "/_del_group_notice",
        json!({"group_id": "123456", "notice_id": "63c1f8a50000000041b2c3d4"}),
    )
    .await;

    // ---------------------------------------- join requests and members
    w.check(c.get_group_system_msg(), "/get_group_system_msg", json!({}))
        .await;
    w.check(
        c.get_group_system_msg().count(100),
        "/get_group_system_msg",
        json!({"count": 100}),
    )
    .await;
    w.check(
        c.get_group_ignored_notifies(),
        "/get_group_ignored_notifies",
        json!({}),
    )
    .await;
    w.check(
        c.get_group_ignore_add_request(),
        "/get_group_ignore_add_request",
        json!({}),
    )
    .await;
    w.check(
        c.set_group_add_request("1718000000654321"),
        "/set_group_add_request",
        json!({"flag": "1718000000654321"}),
    )
    .await;
    w.check(
        c.set_group_add_request("1718000000654321")
            .approve(false)
            .reason("不接受广告")
            .count(200),
        "/set_group_add_request",
        json!({
            "flag": "1718000000654321",
            "approve": false,
            "reason": "不接受广告",
            "count": 200
        }),
    )
    .await;
    w.check(
        c.set_group_leave(123456),
        "/set_group_leave",
        json!({"group_id": "123456"}),
    )
    .await;
    w.check(
        c.set_group_leave(123456).is_dismiss(true),
        "/set_group_leave",
        json!({"group_id": "123456", "is_dismiss": true}),
    )
    .await;
    w.check(
        c.set_group_kick_members(123456, [10002, 10003]),
        "/set_group_kick_members",
        json!({"group_id": "123456", "user_id": ["10002", "10003"]}),
    )
    .await;
    w.check(
        c.set_group_kick_members(GroupId::new(123456), vec![UserId::new(10004)])
            .reject_add_request(true),
        "/set_group_kick_members",
        json!({"group_id": "123456", "user_id": ["10004"], "reject_add_request": true}),
    )
    .await;
    w.check(
        c.set_group_special_title(123456, 10001),
        "/set_group_special_title",
        json!({"group_id": "123456", "user_id": "10001"}),
    )
    .await;
    w.check(
        c.set_group_special_title(123456, 10001)
            .special_title("首席测试官"),
        "/set_group_special_title",
        json!({"group_id": "123456", "user_id": "10001", "special_title": "首席测试官"}),
    )
    .await;

    // -------------------------------------------------- group settings
    w.check(
        c.set_group_name(123456, "ncat 测试群 2"),
        "/set_group_name",
        json!({"group_id": "123456", "group_name": "ncat 测试群 2"}),
    )
    .await;
    w.check(
        c.set_group_portrait("base64://iVBORw0KGgo=", 123456),
        "/set_group_portrait",
        json!({"file": "base64://iVBORw0KGgo=", "group_id": "123456"}),
    )
    .await;
    w.check(
        c.set_group_remark(123456, "测试用"),
        "/set_group_remark",
        json!({"group_id": "123456", "remark": "测试用"}),
    )
    .await;
    w.check(
        c.set_group_add_option(123456, 2),
        "/set_group_add_option",
        json!({"group_id": "123456", "add_type": 2}),
    )
    .await;
    w.check(
        c.set_group_add_option(123456, 4)
            .group_question("ncat 用什么语言写的？")
            .group_answer("Rust"),
        "/set_group_add_option",
        json!({
            "group_id": "123456",
            "add_type": 4,
            "group_question": "ncat 用什么语言写的？",
            "group_answer": "Rust"
        }),
    )
    .await;
    w.check(
        c.set_group_robot_add_option(123456),
        "/set_group_robot_add_option",
        json!({"group_id": "123456"}),
    )
    .await;
    w.check(
        c.set_group_robot_add_option(123456)
            .robot_member_switch(1)
            .robot_member_examine(0),
        "/set_group_robot_add_option",
        json!({"group_id": "123456", "robot_member_switch": 1, "robot_member_examine": 0}),
    )
    .await;
    w.check(
        c.set_group_search(123456),
        "/set_group_search",
        json!({"group_id": "123456"}),
    )
    .await;
    w.check(
        c.set_group_search(123456)
            .no_code_finger_open(1)
            .no_finger_open(0),
        "/set_group_search",
        json!({"group_id": "123456", "no_code_finger_open": 1, "no_finger_open": 0}),
    )
    .await;
    w.check(
        c.set_group_member_invite_policy(123456, MemberInvitePolicy::RequireApproval),
        "/set_group_member_invite_policy",
        json!({"group_id": "123456", "policy": "require_approval"}),
    )
    .await;
    w.check(
        c.set_group_member_invite_policy(123456, MemberInvitePolicy::NoApprovalUnder100),
        "/set_group_member_invite_policy",
        json!({"group_id": "123456", "policy": "no_approval_under_100"}),
    )
    .await;
    w.check(
        c.set_group_member_permissions(123456),
        "/set_group_member_permissions",
        json!({"group_id": "123456"}),
    )
    .await;
    w.check(
        c.set_group_member_permissions(123456)
            .allow_member_upload_album(true)
            .allow_member_temporary_session(false)
            .allow_member_create_group(true),
        "/set_group_member_permissions",
        json!({
            "group_id": "123456",
            "allow_member_upload_album": true,
            "allow_member_temporary_session": false,
            "allow_member_create_group": true
        }),
    )
    .await;
    w.check(
        c.set_group_new_member_history_visibility(123456, false),
        "/set_group_new_member_history_visibility",
        json!({"group_id": "123456", "visible": false}),
    )
    .await;

    // ------------------------------------------------ check-ins and to-dos
    w.check(
        c.set_group_sign(123456),
        "/set_group_sign",
        json!({"group_id": "123456"}),
    )
    .await;
    w.check(
        c.send_group_sign(123456),
        "/send_group_sign",
        json!({"group_id": "123456"}),
    )
    .await;
    w.check(
        c.get_group_signed_list(123456),
        "/get_group_signed_list",
        json!({"group_id": "123456"}),
    )
    .await;
    w.check(
        c.set_group_todo(123456).message_id(1588762139),
        "/set_group_todo",
        json!({"group_id": "123456", "message_id": 1588762139}),
    )
    .await;
    w.check(
        c.set_group_todo(123456)
            .message_id(1588762139)
            .message_seq("58231"),
        "/set_group_todo",
        json!({"group_id": "123456", "message_id": 1588762139, "message_seq": "58231"}),
    )
    .await;
    w.check(
        c.complete_group_todo(123456).message_seq("58231"),
        "/complete_group_todo",
        json!({"group_id": "123456", "message_seq": "58231"}),
    )
    .await;
    w.check(
        c.cancel_group_todo(123456),
        "/cancel_group_todo",
        json!({"group_id": "123456"}),
    )
    .await;

    // ------------------------------------------------------------ albums
    w.check(
        c.get_qun_album_list(123456),
        "/get_qun_album_list",
        json!({"group_id": "123456"}),
    )
    .await;
    w.check(
        c.get_qun_album_list(123456).attach_info("CgQIARAB"),
        "/get_qun_album_list",
        json!({"group_id": "123456", "attach_info": "CgQIARAB"}),
    )
    .await;
    w.check(
        c.get_group_album_media_list(123456, "V5bCgAxMTIzNDU2"),
        "/get_group_album_media_list",
        json!({"group_id": "123456", "album_id": "V5bCgAxMTIzNDU2"}),
    )
    .await;
    w.check(
        c.get_group_album_media_list(123456, "V5bCgAxMTIzNDU2")
            .attach_info("CgQIAhAC"),
        "/get_group_album_media_list",
        json!({"group_id": "123456", "album_id": "V5bCgAxMTIzNDU2", "attach_info": "CgQIAhAC"}),
    )
    .await;
    w.check(
        c.upload_image_to_qun_album(123456, "V5bCgAxMTIzNDU2", "毕业旅行", "/data/photo.jpg"),
        "/upload_image_to_qun_album",
        json!({
            "group_id": "123456",
            "album_id": "V5bCgAxMTIzNDU2",
            "album_name": "毕业旅行",
            "file": "/data/photo.jpg"
        }),
    )
    .await;
    w.check(
        c.del_group_album_media(123456, "V5bCgAxMTIzNDU2", "NDR0a2JkT3JHMGhI"),
        "/del_group_album_media",
        json!({"group_id": "123456", "album_id": "V5bCgAxMTIzNDU2", "lloc": "NDR0a2JkT3JHMGhI"}),
    )
    .await;
    w.check(
        c.set_group_album_media_like(123456, "V5bCgAxMTIzNDU2", "1718000000112233"),
        "/set_group_album_media_like",
        json!({"group_id": "123456", "album_id": "V5bCgAxMTIzNDU2", "batch_id": "1718000000112233"}),
    )
    .await;
    w.check(
        c.set_group_album_media_like(123456, "V5bCgAxMTIzNDU2", "1718000000112233")
            .lloc("NDR0a2JkT3JHMGhI"),
        "/set_group_album_media_like",
        json!({
            "group_id": "123456",
            "album_id": "V5bCgAxMTIzNDU2",
            "batch_id": "1718000000112233",
            "lloc": "NDR0a2JkT3JHMGhI"
        }),
    )
    .await;
    w.check(
        c.cancel_group_album_media_like(123456, "V5bCgAxMTIzNDU2", "1718000000112233")
            .lloc("NDR0a2JkT3JHMGhI"),
        "/cancel_group_album_media_like",
        json!({
            "group_id": "123456",
            "album_id": "V5bCgAxMTIzNDU2",
            "batch_id": "1718000000112233",
            "lloc": "NDR0a2JkT3JHMGhI"
        }),
    )
    .await;
    w.check(
        c.do_group_album_comment(123456, "V5bCgAxMTIzNDU2", "NDR0a2JkT3JHMGhI", "拍得真好"),
        "/do_group_album_comment",
        json!({
            "group_id": "123456",
            "album_id": "V5bCgAxMTIzNDU2",
            "lloc": "NDR0a2JkT3JHMGhI",
            "content": "拍得真好"
        }),
    )
    .await;
}
