//! Wire cases for the message actions beyond the OneBot 11 core: the rest of
//! the send_msg family, forwarding, pokes, read marks, voice transcription,
//! emoji reactions and inline keyboards.

use ncat_api::segment::CustomNode;
use ncat_api::types::{ForwardNews, MessageType};
use ncat_api::{Message, MessageId, UserId};
use serde_json::json;

use super::Wire;

/// Two forward nodes: one quoting an existing message, one made up.
fn nodes() -> Message {
    Message::new()
        .node(MessageId::new(1588762139))
        .node(CustomNode::new(UserId::new(10001), "Alice", "在吗"))
}

/// [`nodes`] as NapCat receives them.
fn nodes_json() -> serde_json::Value {
    json!([
        {"type": "node", "data": {"id": "1588762139"}},
        {"type": "node", "data": {
            "user_id": "10001",
            "nickname": "Alice",
            "content": [{"type": "text", "data": {"text": "在吗"}}]
        }}
    ])
}

pub(super) async fn cases(w: &mut Wire) {
    let c = w.client.clone();

    // ---------------------------------------------------------- send_msg
    w.check(
        c.send_msg("hi"),
        "/send_msg",
        json!({"message": [{"type": "text", "data": {"text": "hi"}}]}),
    )
    .await;
    w.check(
        c.send_msg(Message::new().at(UserId::new(10001)).text(" 早"))
            .message_type(MessageType::Group)
            .group_id(123456),
        "/send_msg",
        json!({
            "message_type": "group",
            "group_id": "123456",
            "message": [
                {"type": "at", "data": {"qq": "10001"}},
                {"type": "text", "data": {"text": " 早"}}
            ]
        }),
    )
    .await;
    w.check(
        c.send_msg(nodes())
            .message_type(MessageType::Private)
            .user_id(10001)
            .group_id(123456)
            .auto_escape(false)
            .source("群聊的聊天记录")
            .news([
                ForwardNews {
                    text: "Alice: 在吗".to_owned(),
                },
                ForwardNews {
                    text: "Bob: [图片]".to_owned(),
                },
            ])
            .summary("查看 2 条转发消息")
            .prompt("[聊天记录]")
            .timeout(60000),
        "/send_msg",
        json!({
            "message_type": "private",
            "user_id": "10001",
            "group_id": "123456",
            "message": nodes_json(),
            "auto_escape": false,
            "source": "群聊的聊天记录",
            "news": [{"text": "Alice: 在吗"}, {"text": "Bob: [图片]"}],
            "summary": "查看 2 条转发消息",
            "prompt": "[聊天记录]",
            "timeout": 60000
        }),
    )
    .await;

    // -------------------------------------------------- forward messages
    w.check(
        c.send_forward_msg(nodes()),
        "/send_forward_msg",
        json!({"message": nodes_json()}),
    )
    .await;
    w.check(
        c.send_forward_msg(nodes())
            .message_type(MessageType::Group)
            .user_id(10001)
            .group_id(123456)
            .auto_escape(true)
            .source("转发")
            .news([ForwardNews {
                text: "Alice: 在吗".to_owned(),
            }])
            .summary("查看 2 条转发消息")
            .prompt("[聊天记录]")
            .timeout(30000),
        "/send_forward_msg",
        json!({
            "message_type": "group",
            "user_id": "10001",
            "group_id": "123456",
            "message": nodes_json(),
            "auto_escape": true,
            "source": "转发",
            "news": [{"text": "Alice: 在吗"}],
            "summary": "查看 2 条转发消息",
            "prompt": "[聊天记录]",
            "timeout": 30000
        }),
    )
    .await;

    w.check(
        c.send_group_forward_msg(123456, nodes()),
        "/send_group_forward_msg",
        json!({"group_id": "123456", "message": nodes_json()}),
    )
    .await;
    w.check(
        c.send_group_forward_msg(123456, nodes())
            .auto_escape(false)
            .source("ncat 测试群")
            .news(Vec::<ForwardNews>::new())
            .summary("查看转发")
            .prompt("[合并转发]")
            .timeout(5000),
        "/send_group_forward_msg",
        json!({
            "group_id": "123456",
            "message": nodes_json(),
            "auto_escape": false,
            "source": "ncat 测试群",
            "news": [],
            "summary": "查看转发",
            "prompt": "[合并转发]",
            "timeout": 5000
        }),
    )
    .await;

    w.check(
        c.send_private_forward_msg(10001, nodes()),
        "/send_private_forward_msg",
        json!({"user_id": "10001", "message": nodes_json()}),
    )
    .await;
    w.check(
        c.send_private_forward_msg(10001, nodes())
            .group_id(123456)
            .auto_escape(true)
            .source("Alice 的聊天记录")
            .news([ForwardNews {
                text: "Alice: 在吗".to_owned(),
            }])
            .summary("查看 2 条转发消息")
            .prompt("[聊天记录]")
            .timeout(120000),
        "/send_private_forward_msg",
        json!({
            "user_id": "10001",
            "group_id": "123456",
            "message": nodes_json(),
            "auto_escape": true,
            "source": "Alice 的聊天记录",
            "news": [{"text": "Alice: 在吗"}],
            "summary": "查看 2 条转发消息",
            "prompt": "[聊天记录]",
            "timeout": 120000
        }),
    )
    .await;

    // ------------------------------------------- forward a single message
    w.check(
        c.forward_friend_single_msg(1588762139).user_id(10001),
        "/forward_friend_single_msg",
        json!({"message_id": 1588762139, "user_id": "10001"}),
    )
    .await;
    w.check(
        c.forward_friend_single_msg(MessageId::new(-2147483000))
            .group_id(123456),
        "/forward_friend_single_msg",
        json!({"message_id": -2147483000, "group_id": "123456"}),
    )
    .await;
    // Both targets: NapCat would silently pick `user_id`.
    w.rejects(
        c.forward_friend_single_msg(1588762139)
            .group_id(123456)
            .user_id(10001),
        "forward_friend_single_msg",
        &["group_id", "user_id"],
    )
    .await;
    w.check(
        c.forward_group_single_msg(1588762139).group_id(123456),
        "/forward_group_single_msg",
        json!({"message_id": 1588762139, "group_id": "123456"}),
    )
    .await;
    w.rejects(
        c.forward_group_single_msg(1588762139),
        "forward_group_single_msg",
        &[],
    )
    .await;

    // ------------------------------------------------ voice and reactions
    w.check(
        c.fetch_ptt_text(1588762139),
        "/fetch_ptt_text",
        json!({"message_id": 1588762139}),
    )
    .await;

    w.check(
        c.get_emoji_likes(1588762139, "76"),
        "/get_emoji_likes",
        json!({"message_id": 1588762139, "emoji_id": "76"}),
    )
    .await;
    w.check(
        c.get_emoji_likes(1588762139, "128512")
            .group_id(123456)
            .emoji_type("2")
            .count(0),
        "/get_emoji_likes",
        json!({
            "group_id": "123456",
            "message_id": 1588762139,
            "emoji_id": "128512",
            "emoji_type": "2",
            "count": 0
        }),
    )
    .await;

    w.check(
        c.click_inline_keyboard_button(123456, "102074059"),
        "/click_inline_keyboard_button",
        json!({"group_id": "123456", "bot_appid": "102074059"}),
    )
    .await;
    w.check(
        c.click_inline_keyboard_button(123456, "102074059")
            .button_id("btn_1")
            .callback_data("vote:yes")
            .msg_seq("58231"),
        "/click_inline_keyboard_button",
        json!({
            "group_id": "123456",
            "bot_appid": "102074059",
            "button_id": "btn_1",
            "callback_data": "vote:yes",
            "msg_seq": "58231"
        }),
    )
    .await;

    // ------------------------------------------------------------- pokes
    w.check(
        c.send_poke(10001),
        "/send_poke",
        json!({"user_id": "10001"}),
    )
    .await;
    w.check(
        c.send_poke(10001).group_id(123456).target_id(10002),
        "/send_poke",
        json!({"group_id": "123456", "user_id": "10001", "target_id": "10002"}),
    )
    .await;
    w.check(
        c.group_poke(10001).group_id(123456),
        "/group_poke",
        json!({"group_id": "123456", "user_id": "10001"}),
    )
    .await;
    w.check(
        c.friend_poke(10001),
        "/friend_poke",
        json!({"user_id": "10001"}),
    )
    .await;
    w.check(
        c.friend_poke(UserId::new(10001)).target_id(3889001234),
        "/friend_poke",
        json!({"user_id": "10001", "target_id": "3889001234"}),
    )
    .await;

    // --------------------------------------------------------- read marks
    w.check(c.mark_msg_as_read(), "/mark_msg_as_read", json!({}))
        .await;
    w.check(
        c.mark_msg_as_read()
            .user_id(10001)
            .group_id(123456)
            .message_id(1588762139),
        "/mark_msg_as_read",
        json!({"user_id": "10001", "group_id": "123456", "message_id": 1588762139}),
    )
    .await;
    w.check(
        c.mark_private_msg_as_read().user_id(10001),
        "/mark_private_msg_as_read",
        json!({"user_id": "10001"}),
    )
    .await;
    w.check(
        c.mark_group_msg_as_read().group_id(123456),
        "/mark_group_msg_as_read",
        json!({"group_id": "123456"}),
    )
    .await;
    w.check(
        c.mark_group_msg_as_read().message_id(1588762139),
        "/mark_group_msg_as_read",
        json!({"message_id": 1588762139}),
    )
    .await;
    w.check(c.mark_all_as_read(), "/_mark_all_as_read", json!({}))
        .await;
}
