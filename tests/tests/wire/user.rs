//! Wire cases for the user actions beyond the OneBot 11 core: friends and
//! friend requests, profiles, online status, Qzone posts.

use ncat_api::UserId;
use serde_json::json;

use super::Wire;

pub(super) async fn cases(w: &mut Wire) {
    let c = w.client.clone();

    w.check(
        c.delete_friend().user_id(10001),
        "/delete_friend",
        json!({"user_id": "10001"}),
    )
    .await;
    w.check(
        c.delete_friend()
            .friend_id(10002)
            .temp_block(true)
            .temp_both_del(false),
        "/delete_friend",
        json!({"friend_id": "10002", "temp_block": true, "temp_both_del": false}),
    )
    .await;

    w.check(
        c.delete_qzone_msg("1234567890abcdef1234567890"),
        "/delete_qzone_msg",
        json!({"tid": "1234567890abcdef1234567890"}),
    )
    .await;

    w.check(
        c.get_doubt_friends_add_request(),
        "/get_doubt_friends_add_request",
        json!({}),
    )
    .await;
    w.check(
        c.get_doubt_friends_add_request().count(10),
        "/get_doubt_friends_add_request",
        json!({"count": 10}),
    )
    .await;

    w.check(
        c.get_friends_with_category(),
        "/get_friends_with_category",
        json!({}),
    )
    .await;

    w.check(c.get_profile_like(), "/get_profile_like", json!({}))
        .await;
    w.check(
        c.get_profile_like().user_id(10001).start(20).count(5),
        "/get_profile_like",
        json!({"user_id": "10001", "start": 20, "count": 5}),
    )
    .await;

    w.check(
        c.get_recent_contact().count(3),
        "/get_recent_contact",
        json!({"count": 3}),
    )
    .await;

    w.check(
        c.get_unidirectional_friend_list(),
        "/get_unidirectional_friend_list",
        json!({}),
    )
    .await;

    w.check(
        c.nc_get_user_status(10001),
        "/nc_get_user_status",
        json!({"user_id": "10001"}),
    )
    .await;

    w.check(
        c.send_qzone_msg("今天天气不错"),
        "/send_qzone_msg",
        json!({"content": "今天天气不错"}),
    )
    .await;
    w.check(
        c.send_qzone_msg("只给你们看")
            .images(["file:///tmp/a.png", "base64://iVBORw0KGgo="])
            .ugc_right(16)
            .target_uins([UserId::new(10001), UserId::new(10002)]),
        "/send_qzone_msg",
        json!({
            "content": "只给你们看",
            "images": ["file:///tmp/a.png", "base64://iVBORw0KGgo="],
            "ugc_right": 16,
            "target_uins": ["10001", "10002"]
        }),
    )
    .await;

    w.check(
        c.set_diy_online_status(21),
        "/set_diy_online_status",
        json!({"face_id": 21}),
    )
    .await;
    w.check(
        c.set_diy_online_status(21).face_type(2).wording("摸鱼中"),
        "/set_diy_online_status",
        json!({"face_id": 21, "face_type": 2, "wording": "摸鱼中"}),
    )
    .await;

    w.check(
        c.set_doubt_friends_add_request("u_abc123"),
        "/set_doubt_friends_add_request",
        json!({"flag": "u_abc123"}),
    )
    .await;
    w.check(
        c.set_doubt_friends_add_request("u_abc123").approve(true),
        "/set_doubt_friends_add_request",
        json!({"flag": "u_abc123", "approve": true}),
    )
    .await;

    w.check(
        c.set_friend_add_request("1734567890"),
        "/set_friend_add_request",
        json!({"flag": "1734567890"}),
    )
    .await;
    w.check(
        c.set_friend_add_request("1734567890")
            .approve(false)
            .remark("新朋友"),
        "/set_friend_add_request",
        json!({"flag": "1734567890", "approve": false, "remark": "新朋友"}),
    )
    .await;

    w.check(
        c.set_friend_remark(10001, "老同学"),
        "/set_friend_remark",
        json!({"user_id": "10001", "remark": "老同学"}),
    )
    .await;

    w.check(
        c.set_input_status(10001, 1),
        "/set_input_status",
        json!({"user_id": "10001", "event_type": 1}),
    )
    .await;

    w.check(
        c.set_online_status(10, 1028, 100),
        "/set_online_status",
        json!({"status": 10, "ext_status": 1028, "battery_status": 100}),
    )
    .await;

    w.check(
        c.set_qq_avatar("https://example.com/avatar.png"),
        "/set_qq_avatar",
        json!({"file": "https://example.com/avatar.png"}),
    )
    .await;

    w.check(
        c.set_qq_profile("彭彭"),
        "/set_qq_profile",
        json!({"nickname": "彭彭"}),
    )
    .await;
    w.check(
        c.set_qq_profile("彭彭").personal_note("喵").sex(2),
        "/set_qq_profile",
        json!({"nickname": "彭彭", "personal_note": "喵", "sex": 2}),
    )
    .await;
}
