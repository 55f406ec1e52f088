//! Reply tests for the message actions beyond the OneBot 11 core.

use ncat_api::actions::{
    FetchPttTextReply, GetEmojiLikesReply, SendForwardMsgReply, SendGroupForwardMsgReply,
    SendMsgReply, SendPrivateForwardMsgReply,
};
use ncat_api::types::EmojiLikeEntry;
use ncat_api::{MessageId, UserId};
use ncat_mock::MockReply;
use serde_json::json;

use super::{TestResult, answering_fixture, fixture};

#[tokio::test]
async fn send_msg_reads_the_message_id_and_forward_ids() -> TestResult {
    let (mock, client) = answering_fixture("send_msg").await?;
    assert_eq!(
        client.send_msg("hi").group_id(123456).await?,
        SendMsgReply {
            message_id: MessageId::new(1588762139),
            res_id: None,
            forward_id: None,
        }
    );
    // A merged forward also carries `res_id` and `forward_id`.
    mock.on("send_msg", MockReply::ok(fixture("send_forward_msg")?));
    let forward = client.send_msg("hi").group_id(123456).await?;
    assert_eq!(forward.message_id, MessageId::new(1588762140));
    assert_eq!(
        forward.res_id.as_deref(),
        Some("Sx2k4xQq9mV0bT7yJpL3cWnR8dFzE1uH6aGiOvKjYeNs5Bw")
    );
    assert_eq!(forward.forward_id, forward.res_id);
    Ok(())
}

#[tokio::test]
async fn forward_sends_read_message_id_res_id_and_forward_id() -> TestResult {
    let res_id = "Sx2k4xQq9mV0bT7yJpL3cWnR8dFzE1uH6aGiOvKjYeNs5Bw";
    let (_mock, client) = answering_fixture("send_forward_msg").await?;
    assert_eq!(
        client.send_forward_msg("x").group_id(123456).await?,
        SendForwardMsgReply {
            message_id: MessageId::new(1588762140),
            res_id: Some(res_id.to_owned()),
            forward_id: Some(res_id.to_owned()),
        }
    );

    let res_id = "Gq7pT2wYx0aVnE4kS9dRbL1mZ6cHfJ3uO8iKeN5yQsAgWt";
    let (_mock, client) = answering_fixture("send_group_forward_msg").await?;
    assert_eq!(
        client.send_group_forward_msg(123456, "x").await?,
        SendGroupForwardMsgReply {
            message_id: MessageId::new(-2147483000),
            res_id: Some(res_id.to_owned()),
            forward_id: Some(res_id.to_owned()),
        }
    );

    // The message id as a numeric string.
    let res_id = "Pm3vR8sLq1eZt6yWo0aXkC4nJ9bHdF2gU7iMcE5pTrQjVw";
    let (mock, client) = answering_fixture("send_private_forward_msg").await?;
    assert_eq!(
        client.send_private_forward_msg(10001, "x").await?,
        SendPrivateForwardMsgReply {
            message_id: MessageId::new(1588762141),
            res_id: Some(res_id.to_owned()),
            forward_id: Some(res_id.to_owned()),
        }
    );
    // NapCat's own example: only `message_id`.
    mock.on(
        "send_private_forward_msg",
        MockReply::ok(json!({"message_id": 123456})),
    );
    assert_eq!(
        client.send_private_forward_msg(10001, "x").await?,
        SendPrivateForwardMsgReply {
            message_id: MessageId::new(123456),
            res_id: None,
            forward_id: None,
        }
    );
    Ok(())
}

#[tokio::test]
async fn fetch_ptt_text_reads_the_text() -> TestResult {
    let (_mock, client) = answering_fixture("fetch_ptt_text").await?;
    assert_eq!(
        client.fetch_ptt_text(1588762139).await?,
        FetchPttTextReply {
            text: "今晚八点开会，别迟到".to_owned(),
        }
    );
    Ok(())
}

#[tokio::test]
async fn get_emoji_likes_reads_string_user_ids() -> TestResult {
    let (mock, client) = answering_fixture("get_emoji_likes").await?;
    assert_eq!(
        client.get_emoji_likes(1588762139, "76").await?,
        GetEmojiLikesReply {
            emoji_like_list: vec![
                EmojiLikeEntry {
                    user_id: UserId::new(654321),
                    nick_name: "测试用户".to_owned(),
                },
                EmojiLikeEntry {
                    user_id: UserId::new(3889001234),
                    nick_name: "ncat-bot".to_owned(),
                },
            ],
        }
    );
    mock.on(
        "get_emoji_likes",
        MockReply::ok(json!({"emoji_like_list": []})),
    );
    assert_eq!(
        client.get_emoji_likes(1588762139, "76").await?,
        GetEmojiLikesReply {
            emoji_like_list: vec![],
        }
    );
    Ok(())
}
