//! The echo bot of `ncat_bot.rs`, hand-written on tokio-tungstenite and
//! serde_json: every group message is answered with its own text, quoting
//! it. The build-cost baseline (see `run.sh`).

use futures_util::{SinkExt, StreamExt};
use serde::Deserialize;
use serde_json::json;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

#[derive(Deserialize)]
struct GroupMessage {
    post_type: String,
    message_type: Option<String>,
    group_id: Option<i64>,
    message_id: Option<i64>,
    raw_message: Option<String>,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let url = std::env::var("NAPCAT_URL").unwrap_or_else(|_| "ws://127.0.0.1:3001".to_owned());
    let token = std::env::var("NAPCAT_TOKEN").unwrap_or_default();
    let mut request = url.into_client_request()?;
    request
        .headers_mut()
        .insert("Authorization", format!("Bearer {token}").parse()?);
    let (mut socket, _) = tokio_tungstenite::connect_async(request).await?;
    let mut echo = 0u64;
    while let Some(frame) = socket.next().await {
        let Message::Text(text) = frame? else { continue };
        let Ok(event) = serde_json::from_str::<GroupMessage>(&text) else { continue };
        let (Some("group"), Some(group), Some(id), Some(text)) = (
            event.message_type.as_deref(),
            event.group_id,
            event.message_id,
            event.raw_message,
        ) else {
            continue;
        };
        if event.post_type != "message" || text.trim().is_empty() {
            continue;
        }
        echo += 1;
        let call = json!({
            "action": "send_group_msg",
            "params": { "group_id": group, "message": [
                { "type": "reply", "data": { "id": id.to_string() } },
                { "type": "text", "data": { "text": text } },
            ]},
            "echo": echo.to_string(),
        });
        socket.send(Message::text(call.to_string())).await?;
    }
    Ok(())
}
