//! A bot's own test against the mock NapCat, as README's "Testing a bot"
//! shows it (a test below checks that the README quotes this file): it
//! scripts only the reply it asserts on; the mock answers the rest, the
//! send included, the way NapCat would.

use ncat_api::Client;
use ncat_api::event::{Event, MessageEvent};
use ncat_mock::{MockNapCat, MockReply};
use serde_json::json;

/// The bot: `/info` in a group answers with the group's name and size.
async fn on_event(client: &Client, event: Event) -> Result<(), ncat_api::Error> {
    if let Event::Message(MessageEvent::Group(message)) = event
        && message.message.plain_text() == "/info"
    {
        let group = client.get_group_info(message.group_id).await?;
        let members = group.member_count.unwrap_or_default();
        let text = format!("{}: {members} members", group.group_name);
        client.send_group_msg(message.group_id, text).await?;
    }
    Ok(())
}

#[tokio::test]
async fn info_answers_with_the_groups_name_and_size() -> Result<(), Box<dyn std::error::Error>> {
    let mock = MockNapCat::start().await?;
    // The one reply this test is about; `send_group_msg` is not scripted.
    mock.on(
        "get_group_info",
        MockReply::ok(json!({"group_id": 123456, "group_name": "Rustaceans", "member_count": 42})),
    );
    let client = Client::builder().url(mock.ws_url()).build()?;
    client.get_status().await?; // connected (and answered, unscripted)
    let mut events = client.events();

    mock.push_event(&json!({
        "post_type": "message", "message_type": "group", "sub_type": "normal",
        "time": 1718000001, "self_id": 10001, "message_id": 7, "group_id": 123456,
        "user_id": 10002, "sender": {"user_id": 10002, "nickname": "Bob"},
        "message": [{"type": "text", "data": {"text": "/info"}}], "raw_message": "/info",
        "font": 14,
    }));
    // The mock greets a new connection with a lifecycle event; skip to the message.
    let mut message = None;
    while let Some(event) = events.next().await {
        if let Event::Message(_) = event {
            message = Some(event);
            break;
        }
    }
    on_event(&client, message.ok_or("the event stream ended")?).await?;

    let sent = mock.requests_for("send_group_msg");
    assert_eq!(sent.len(), 1);
    assert_eq!(
        sent[0].params,
        json!({"group_id": "123456",
               "message": [{"type": "text", "data": {"text": "Rustaceans: 42 members"}}]})
    );
    Ok(())
}

#[test]
fn the_readme_quotes_this_test() -> Result<(), Box<dyn std::error::Error>> {
    let readme = include_str!("../../README.md");
    let this_file = include_str!("group_bot.rs");
    // From the first `use` to the end of the bot's test.
    let start = this_file.find("use ncat_api::Client;").ok_or("no start")?;
    let end = this_file.find("#[test]").ok_or("no end")?;
    let quoted = this_file[start..end].trim_end();
    assert!(
        readme.contains(quoted),
        "README.md's \"Testing a bot\" must quote ncat-api/tests/group_bot.rs:\n{quoted}"
    );
    Ok(())
}
