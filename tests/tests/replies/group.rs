//! Reply tests for the group actions beyond the OneBot 11 core.

use ncat_api::actions::{
    GetGroupAtAllRemainReply, GetGroupDetailInfoReply, GetGroupHonorInfoReply,
    GetGroupIgnoredNotifiesReply, GetGroupSystemMsgReply, GetQunAlbumListReply,
    SetGroupPortraitReply,
};
use ncat_api::types::{
    EssenceMessage, GroupAlbum, GroupHonorMember, GroupNotice, GroupNoticeContent,
    GroupNoticeImage, GroupNotify, GroupShutMember, GroupSignIn,
};
use ncat_api::{GroupId, MessageId, ReceivedMessage, UserId};
use ncat_mock::MockReply;
use serde_json::json;

use super::{TestResult, answering_fixture};

/// A notification with only the fields every `GroupNotify` has.
fn notify(request_id: i64, invitor: i64, group_id: i64, checked: bool, actor: i64) -> GroupNotify {
    GroupNotify {
        request_id,
        invitor_uin: UserId::new(invitor),
        invitor_nick: None,
        group_id: GroupId::new(group_id),
        message: None,
        group_name: None,
        checked,
        actor: UserId::new(actor),
        requester_nick: None,
    }
}

#[tokio::test]
async fn get_group_detail_info_ignores_the_raw_detail_fields() -> TestResult {
    let (_mock, client) = answering_fixture("get_group_detail_info").await?;
    assert_eq!(
        client.get_group_detail_info(123456).await?,
        GetGroupDetailInfoReply {
            group_id: GroupId::new(123456),
            group_name: "ncat 测试群".to_owned(),
            member_count: 42,
            max_member_count: 500,
            group_all_shut: -1,
            group_remark: String::new(),
        }
    );
    Ok(())
}

#[tokio::test]
async fn get_group_honor_info_decodes_the_honor_lists() -> TestResult {
    let (_mock, client) = answering_fixture("get_group_honor_info").await?;
    let alice = GroupHonorMember {
        user_id: UserId::new(10001),
        nickname: "Alice".to_owned(),
        avatar: Some("https://q1.qlogo.cn/g?b=qq&nk=10001&s=100".to_owned()),
        description: Some("连续 3 天".to_owned()),
    };
    assert_eq!(
        client.get_group_honor_info(123456).await?,
        GetGroupHonorInfoReply {
            group_id: GroupId::new(123456),
            current_talkative: json!({
                "user_id": 10001,
                "nickname": "Alice",
                "avatar": "https://q1.qlogo.cn/g?b=qq&nk=10001&s=100",
                "description": "连续 3 天"
            }),
            talkative_list: vec![
                alice,
                // The id as a numeric string.
                GroupHonorMember {
                    user_id: UserId::new(10002),
                    nickname: "Bob".to_owned(),
                    avatar: Some("https://q1.qlogo.cn/g?b=qq&nk=10002&s=100".to_owned()),
                    description: Some("1 天".to_owned()),
                },
            ],
            performer_list: vec![GroupHonorMember {
                user_id: UserId::new(10003),
                nickname: "Carol".to_owned(),
                avatar: None,
                description: None,
            }],
            legend_list: vec![],
            emotion_list: vec![],
            strong_newbie_list: vec![],
        }
    );
    Ok(())
}

#[tokio::test]
async fn get_group_honor_info_without_a_talkative_member_keeps_an_empty_object() -> TestResult {
    let (mock, client) = answering_fixture("get_group_honor_info").await?;
    // NapCat's example: `current_talkative` is `{}` when nobody holds it.
    mock.on(
        "get_group_honor_info",
        MockReply::ok(json!({
            "group_id": 123456,
            "current_talkative": {},
            "talkative_list": [],
            "performer_list": [],
            "legend_list": [],
            "emotion_list": [],
            "strong_newbie_list": []
        })),
    );
    let honors = client.get_group_honor_info(123456).await?;
    assert_eq!(honors.current_talkative, json!({}));
    assert!(honors.talkative_list.is_empty());
    Ok(())
}

#[tokio::test]
async fn get_group_at_all_remain_reads_the_counts() -> TestResult {
    let (_mock, client) = answering_fixture("get_group_at_all_remain").await?;
    assert_eq!(
        client.get_group_at_all_remain(123456).await?,
        GetGroupAtAllRemainReply {
            can_at_all: true,
            remain_at_all_count_for_group: 10,
            remain_at_all_count_for_uin: 5,
        }
    );
    Ok(())
}

#[tokio::test]
async fn get_group_shut_list_reads_qq_native_members() -> TestResult {
    let (_mock, client) = answering_fixture("get_group_shut_list").await?;
    assert_eq!(
        client.get_group_shut_list(123456).await?,
        vec![
            GroupShutMember {
                uid: "u_Yc4dE5fG6hI7jK8lM9nO0p".to_owned(),
                uin: UserId::new(10002),
                nick: "Bob".to_owned(),
                card_name: Some("捣蛋鬼 Bob".to_owned()),
                remark: Some(String::new()),
                role: Some(2),
                shut_up_time: 1718003600,
            },
            GroupShutMember {
                uid: "u_Zd5eF6gH7iJ8kL9mN0oP1q".to_owned(),
                uin: UserId::new(10003),
                nick: "Carol".to_owned(),
                card_name: None,
                remark: None,
                role: None,
                shut_up_time: 1718086400,
            },
        ]
    );
    Ok(())
}

#[tokio::test]
async fn get_essence_msg_list_decodes_content_as_segments() -> TestResult {
    let (_mock, client) = answering_fixture("get_essence_msg_list").await?;
    let essences = client.get_essence_msg_list(123456).await?;
    assert_eq!(
        essences,
        vec![
            EssenceMessage {
                msg_seq: 58231,
                msg_random: 1523642087,
                sender_id: UserId::new(10001),
                sender_nick: "Alice".to_owned(),
                operator_id: UserId::new(10002),
                operator_nick: "Bob".to_owned(),
                message_id: MessageId::new(1588762139),
                operator_time: 1718000000,
                content: ReceivedMessage::from_cq("精华内容[CQ:face,id=14]"),
            },
            EssenceMessage {
                msg_seq: 41007,
                msg_random: 903145522,
                sender_id: UserId::new(10003),
                sender_nick: "Carol".to_owned(),
                operator_id: UserId::new(10001),
                operator_nick: "Alice".to_owned(),
                message_id: MessageId::new(1936482051),
                operator_time: 1710000000,
                content: serde_json::from_value::<ReceivedMessage>(json!([
                    {"type": "text", "data": {"text": "旧消息"}},
                    {"type": "image", "data": {"url": "https://gchat.qpic.cn/gchatpic_new/0/0-0-5A3C0B6E/0"}}
                ]))?,
            },
        ]
    );
    assert_eq!(essences[0].content.plain_text(), "精华内容");
    // An image with only a URL (no file token) is still an image.
    assert_eq!(essences[1].content.segments()[1].kind(), "image");
    Ok(())
}

#[tokio::test]
async fn get_group_notice_decodes_announcements() -> TestResult {
    let (_mock, client) = answering_fixture("_get_group_notice").await?;
    let image = GroupNoticeImage {
        id: "f8a5c3d2e1b04a7f".to_owned(),
        height: Some(json!("300")),
        width: Some(json!("540")),
    };
    assert_eq!(
        client.get_group_notice(123456).await?,
        vec![
            GroupNotice {
                sender_id: UserId::new(10001),
                publish_time: 1718000000,
                notice_id: "63c1f8a50000000041b2c3d4".to_owned(),
                message: GroupNoticeContent {
                    text: "今晚 22:00 维护".to_owned(),
                    image: vec![image.clone()],
                    images: Some(vec![image]),
                },
                settings: Some(json!({
                    "is_show_edit_card": 0,
                    "remind_ts": 0,
                    "tip_window_type": 0,
                    "confirm_required": 1
                })),
                read_num: Some(12),
            },
            // NapCat's example: no `images`, `settings` or `read_num`; the
            // sender id as a string.
            GroupNotice {
                sender_id: UserId::new(10002),
                publish_time: 1710000000,
                notice_id: "notice_123".to_owned(),
                message: GroupNoticeContent {
                    text: "公告内容".to_owned(),
                    image: vec![],
                    images: None,
                },
                settings: None,
                read_num: None,
            },
        ]
    );
    Ok(())
}

#[tokio::test]
async fn get_group_system_msg_sorts_invitations_and_join_requests() -> TestResult {
    let (_mock, client) = answering_fixture("get_group_system_msg").await?;
    let invitation = GroupNotify {
        invitor_nick: Some("Bob".to_owned()),
        message: Some(String::new()),
        group_name: Some("Bob 的群".to_owned()),
        requester_nick: Some("Bob".to_owned()),
        ..notify(1718000000123456, 10002, 654321, false, 0)
    };
    assert_eq!(
        client.get_group_system_msg().count(10).await?,
        GetGroupSystemMsgReply {
            invited_requests: vec![invitation.clone()],
            invited_request_legacy: vec![invitation],
            join_requests: vec![GroupNotify {
                invitor_nick: Some("Carol".to_owned()),
                message: Some("我是 Carol，想加群".to_owned()),
                group_name: Some("ncat 测试群".to_owned()),
                requester_nick: Some("Carol".to_owned()),
                ..notify(1718000000654321, 10003, 123456, true, 3889001234)
            }],
        }
    );
    Ok(())
}

#[tokio::test]
async fn get_group_ignored_notifies_may_leave_out_nicknames_and_messages() -> TestResult {
    let (mock, client) = answering_fixture("get_group_ignored_notifies").await?;
    assert_eq!(
        client.get_group_ignored_notifies().await?,
        GetGroupIgnoredNotifiesReply {
            invited_requests: vec![],
            invited_request_legacy: vec![],
            join_requests: vec![
                GroupNotify {
                    invitor_nick: Some("Dave".to_owned()),
                    message: Some("广告".to_owned()),
                    group_name: Some("ncat 测试群".to_owned()),
                    requester_nick: Some("Dave".to_owned()),
                    ..notify(1717000000000001, 10004, 123456, false, 0)
                },
                notify(1717000000000002, 0, 123456, false, 0),
            ],
        }
    );
    // NapCat's example: three empty lists.
    mock.on(
        "get_group_ignored_notifies",
        MockReply::ok(json!({"invited_requests": [], "InvitedRequest": [], "join_requests": []})),
    );
    let empty = client.get_group_ignored_notifies().await?;
    assert!(empty.invited_requests.is_empty() && empty.join_requests.is_empty());
    Ok(())
}

#[tokio::test]
async fn get_group_ignore_add_request_decodes_notifications() -> TestResult {
    let (_mock, client) = answering_fixture("get_group_ignore_add_request").await?;
    assert_eq!(
        client.get_group_ignore_add_request().await?,
        vec![GroupNotify {
            invitor_nick: Some("邀请者".to_owned()),
            message: Some("加群请求".to_owned()),
            group_name: Some("群名称".to_owned()),
            requester_nick: Some("请求者".to_owned()),
            ..notify(12345, 123456789, 123456789, false, 0)
        }]
    );
    Ok(())
}

#[tokio::test]
async fn set_group_portrait_reads_qq_result() -> TestResult {
    let (_mock, client) = answering_fixture("set_group_portrait").await?;
    assert_eq!(
        client
            .set_group_portrait("base64://iVBORw0KGgo=", 123456)
            .await?,
        SetGroupPortraitReply {
            result: 0,
            err_msg: String::new(),
        }
    );
    Ok(())
}

#[tokio::test]
async fn get_group_signed_list_reads_ranks_as_numbers() -> TestResult {
    let (_mock, client) = answering_fixture("get_group_signed_list").await?;
    assert_eq!(
        client.get_group_signed_list(123456).await?,
        vec![
            GroupSignIn {
                user_id: UserId::new(10001),
                nick: "Alice".to_owned(),
                time: 1718000000,
                rank: 1.0,
            },
            GroupSignIn {
                user_id: UserId::new(10002),
                nick: "Bob".to_owned(),
                time: 1718000420,
                rank: 2.0,
            },
            // NapCat's `(signInRank - 1) / 2 + 1` need not be whole.
            GroupSignIn {
                user_id: UserId::new(10003),
                nick: "Carol".to_owned(),
                time: 1718000900,
                rank: 2.5,
            },
        ]
    );
    Ok(())
}

#[tokio::test]
async fn get_qun_album_list_reads_albums_and_paging() -> TestResult {
    let (mock, client) = answering_fixture("get_qun_album_list").await?;
    assert_eq!(
        client.get_qun_album_list(123456).await?,
        GetQunAlbumListReply {
            album_list: vec![
                GroupAlbum {
                    album_id: "V5bCgAxMTIzNDU2AAAAAAAAAAAA".to_owned(),
                    name: Some("毕业旅行".to_owned()),
                },
                GroupAlbum {
                    album_id: "V5bCgAxMTIzNDU2AAAAAAAAAAAB".to_owned(),
                    name: None,
                },
            ],
            attach_info: "CgQIARAB".to_owned(),
            has_more: true,
        }
    );
    // The last page.
    let last = json!({"album_list": [], "attach_info": "", "has_more": false});
    mock.on("get_qun_album_list", MockReply::ok(last));
    assert_eq!(
        client
            .get_qun_album_list(123456)
            .attach_info("CgQIARAB")
            .await?,
        GetQunAlbumListReply {
            album_list: vec![],
            attach_info: String::new(),
            has_more: false,
        }
    );
    Ok(())
}
