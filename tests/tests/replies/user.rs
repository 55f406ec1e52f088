//! Reply tests for the user actions beyond the OneBot 11 core.

use ncat_api::UserId;
use ncat_api::actions::{GetProfileLikeReply, NcGetUserStatusReply, SendQzoneMsgReply};
use ncat_api::types::{
    DoubtFriendRequest, FriendCategory, ProfileLikeFavorites, ProfileLikeVotes, RecentContact, Sex,
    UnidirectionalFriend, User,
};
use ncat_mock::MockReply;
use serde_json::json;

use super::{TestResult, answering_fixture, user};

#[tokio::test]
async fn get_doubt_friends_add_request_follows_the_handler_not_the_example() -> TestResult {
    let (_mock, client) = answering_fixture("get_doubt_friends_add_request").await?;
    assert_eq!(
        client.get_doubt_friends_add_request().await?,
        vec![
            DoubtFriendRequest {
                flag: "u_Jx3kQm9vRt2sYw8LpN4dAg".to_owned(),
                uin: UserId::new(10001),
                nick: Some("Alice".to_owned()),
                source: Some("QQ号查找".to_owned()),
                reason: Some("对方与你无共同好友".to_owned()),
                msg: Some("我是 Alice".to_owned()),
                group_code: Some(String::new()),
                time: Some("1734567890".to_owned()),
                request_type: Some("doubt".to_owned()),
            },
            // An unknown requester: `uin` is 0 and QQ left the rest out.
            DoubtFriendRequest {
                flag: "u_Zq8wPe1nVb6cXs3mKf7hTy".to_owned(),
                uin: UserId::new(0),
                nick: None,
                source: None,
                reason: None,
                msg: None,
                group_code: None,
                time: None,
                request_type: Some("doubt".to_owned()),
            },
        ]
    );
    Ok(())
}

#[tokio::test]
async fn get_friends_with_category_nests_users() -> TestResult {
    let (_mock, client) = answering_fixture("get_friends_with_category").await?;
    let alice = User {
        remark: Some("Alice".to_owned()),
        sex: Some(Sex::Female),
        age: Some(20),
        level: Some(12),
        qid: Some(String::new()),
        login_days: Some(0),
        category_id: Some(0),
        ..user(10001, "Alice")
    };
    let bob = User {
        remark: Some("老同学".to_owned()),
        category_id: Some(0),
        ..user(10002, "Bob")
    };
    assert_eq!(
        client.get_friends_with_category().await?,
        vec![
            FriendCategory {
                category_id: 0,
                category_name: "我的好友".to_owned(),
                category_mb_count: 2,
                buddy_list: vec![alice, bob],
            },
            FriendCategory {
                category_id: 1,
                category_name: "特别关心".to_owned(),
                category_mb_count: 0,
                buddy_list: vec![],
            },
        ]
    );
    Ok(())
}

#[tokio::test]
async fn get_profile_like_decodes_both_sections() -> TestResult {
    let (_mock, client) = answering_fixture("get_profile_like").await?;
    assert_eq!(
        client.get_profile_like().await?,
        GetProfileLikeReply {
            uid: "u_Jx3kQm9vRt2sYw8LpN4dAg".to_owned(),
            time: "1734567890".to_owned(),
            favorite_info: ProfileLikeFavorites {
                user_infos: vec![json!({
                    "uid": "u_Zq8wPe1nVb6cXs3mKf7hTy",
                    "uin": 10002,
                    "nick": "Bob",
                    "count": 10,
                    "latestTime": "1734567800"
                })],
                total_count: 10,
                last_time: 1734567890,
                today_count: 5,
            },
            vote_info: ProfileLikeVotes {
                total_count: 100,
                new_count: 2,
                new_nearby_count: 0,
                last_visit_time: 1734567890,
                user_infos: vec![],
            },
        }
    );
    Ok(())
}

#[tokio::test]
async fn get_recent_contact_keeps_the_last_message_as_json() -> TestResult {
    let (_mock, client) = answering_fixture("get_recent_contact").await?;
    let contacts = client.get_recent_contact().count(2).await?;
    let [private, group] = contacts.as_slice() else {
        panic!("expected two contacts, got {contacts:?}");
    };
    let last = private.lastest_msg.as_ref().ok_or("no last message")?;
    assert_eq!(last["message_id"], 1588762139);
    assert_eq!(last["message"][0]["data"]["text"], "在吗");
    assert_eq!(
        RecentContact {
            lastest_msg: None,
            ..private.clone()
        },
        RecentContact {
            lastest_msg: None,
            peer_uin: "10001".to_owned(),
            remark: "Alice".to_owned(),
            msg_time: "1734567890".to_owned(),
            chat_type: 1,
            msg_id: "7350000000000000001".to_owned(),
            send_nick_name: "Alice".to_owned(),
            send_member_name: String::new(),
            peer_name: "Alice".to_owned(),
        }
    );
    // NapCat leaves `lastestMsg` out when it cannot load the message.
    assert_eq!(
        group,
        &RecentContact {
            lastest_msg: None,
            peer_uin: "123456".to_owned(),
            remark: String::new(),
            msg_time: "1734567000".to_owned(),
            chat_type: 2,
            msg_id: "7350000000000000002".to_owned(),
            send_nick_name: "Bob".to_owned(),
            send_member_name: "鲍勃".to_owned(),
            peer_name: "ncat 测试群".to_owned(),
        }
    );
    Ok(())
}

#[tokio::test]
async fn get_unidirectional_friend_list_decodes() -> TestResult {
    let (_mock, client) = answering_fixture("get_unidirectional_friend_list").await?;
    assert_eq!(
        client.get_unidirectional_friend_list().await?,
        vec![UnidirectionalFriend {
            uin: UserId::new(123456789),
            uid: "u_123".to_owned(),
            nick_name: "单向好友".to_owned(),
            age: 20,
            source: "QQ号查找".to_owned(),
        }]
    );
    Ok(())
}

#[tokio::test]
async fn nc_get_user_status_reads_both_codes() -> TestResult {
    let (_mock, client) = answering_fixture("nc_get_user_status").await?;
    assert_eq!(
        client.nc_get_user_status(10001).await?,
        NcGetUserStatusReply {
            status: 10,
            ext_status: 1028,
        }
    );
    Ok(())
}

#[tokio::test]
async fn send_qzone_msg_returns_the_tid() -> TestResult {
    let (_mock, client) = answering_fixture("send_qzone_msg").await?;
    assert_eq!(
        client.send_qzone_msg("今天天气不错").await?,
        SendQzoneMsgReply {
            tid: "1234567890abcdef1234567890".to_owned(),
        }
    );
    Ok(())
}

#[tokio::test]
async fn set_diy_online_status_returns_qq_s_message() -> TestResult {
    let (mock, client) = answering_fixture("set_diy_online_status").await?;
    assert_eq!(client.set_diy_online_status(21).await?, "");
    mock.on("set_diy_online_status", MockReply::ok(json!("ok")));
    assert_eq!(client.set_diy_online_status(21).await?, "ok");
    Ok(())
}
