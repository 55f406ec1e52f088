//! Typed NapCat calls, end to end.
//!
//! ```text
//! cargo run --example quickstart                      # against an in-process mock NapCat
//! NAPCAT_URL=http://127.0.0.1:3000 NAPCAT_TOKEN=… \
//!     cargo run --example quickstart                  # against your NapCat (read-only calls)
//! ```

use std::time::Duration;

use ncat_api::{ActionErrorKind, Client, Error, Message, UserId};
use ncat_mock::{MockNapCat, MockReply};
use serde_json::json;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mock = match std::env::var("NAPCAT_URL") {
        Ok(_) => None,
        Err(_) => Some(start_mock().await?),
    };
    let client = match &mock {
        Some(mock) => Client::builder().url(mock.url()).token(TOKEN).build()?,
        None => connect_to_napcat()?,
    };

    // Zero-argument actions return typed replies.
    let me = client.get_login_info().await?;
    println!("logged in as {} ({})", me.nickname, me.user_id);
    let version = client.get_version_info().await?;
    println!(
        "{} {} (OneBot {})",
        version.app_name, version.app_version, version.protocol_version
    );
    let status = client.get_status().await?;
    println!("online: {}, good: {}", status.online, status.good);

    // Lists of shared types; ids are typed and cannot be mixed up.
    let groups = client.get_group_list().await?;
    println!("{} groups", groups.len());
    if let Some(group) = groups.first() {
        let members = client
            .get_group_member_list(group.group_id)
            .no_cache(false)
            .call_timeout(Duration::from_secs(10))
            .await?;
        println!(
            "{} ({}) has {} members listed",
            group.group_name,
            group.group_id,
            members.len()
        );
    }

    // Writes only go to the mock: this example never changes a real account.
    if let Some(mock) = &mock {
        let message = Message::new()
            .text("hello from ncat ")
            .at(UserId::new(10001));
        let sent = client.send_group_msg(123456, message).await?;
        println!("sent message {}", sent.message_id);

        match client.set_group_ban(123456, 10001).duration(600).await {
            Err(Error::Action(failure)) if failure.kind() == ActionErrorKind::Failed => {
                println!("NapCat refused `{}`: {}", failure.action, failure.message);
            }
            other => println!("unexpected: {other:?}"),
        }

        println!("\nwhat the mock NapCat received:");
        for request in mock.requests() {
            println!("  {} {} {}", request.method, request.path, request.body);
        }
    }
    Ok(())
}

const TOKEN: &str = "quickstart-token";

fn connect_to_napcat() -> Result<Client, Error> {
    let url = std::env::var("NAPCAT_URL").unwrap_or_default();
    let mut builder = Client::builder().url(url);
    if let Ok(token) = std::env::var("NAPCAT_TOKEN") {
        builder = builder.token(token);
    }
    builder.build()
}

/// A mock NapCat that answers like a small real account.
async fn start_mock() -> std::io::Result<MockNapCat> {
    let mock = MockNapCat::builder().token(TOKEN).start().await?;
    mock.on(
        "get_login_info",
        MockReply::ok(json!({"user_id": 3_889_000_001_u64, "nickname": "ncat-bot"})),
    );
    mock.on(
        "get_version_info",
        MockReply::ok(json!({"app_name": "NapCat.Onebot", "protocol_version": "v11", "app_version": "4.18.19"})),
    );
    mock.on(
        "get_status",
        MockReply::ok(json!({"online": true, "good": true, "stat": {}})),
    );
    mock.on(
        "get_group_list",
        MockReply::ok(json!([{
            "group_id": 123456, "group_name": "ncat users", "member_count": 2,
            "max_member_count": 200, "group_all_shut": 0, "group_remark": ""
        }])),
    );
    mock.on(
        "get_group_member_list",
        MockReply::ok(json!([
            {"group_id": 123456, "user_id": 10001, "nickname": "alice", "role": "owner"},
            {"group_id": 123456, "user_id": "10002", "nickname": "bob", "role": "member"}
        ])),
    );
    mock.on(
        "send_group_msg",
        MockReply::ok(json!({"message_id": 1_588_762_139})),
    );
    mock.on("set_group_ban", MockReply::failed(200, "无法禁言群主"));
    Ok(mock)
}
