//! An echo bot: every group message is answered with its own text, quoting it.
//!
//! ```text
//! NAPCAT_URL=ws://127.0.0.1:3001 NAPCAT_TOKEN=… cargo run --example echo_bot
//! ```
//!
//! NAPCAT_URL is NapCat's WebSocket server (`network.websocketServers`).

use ncat_api::Client;
use ncat_api::event::{Event, MessageEvent};

#[tokio::main]
async fn main() -> Result<(), ncat_api::Error> {
    let url = std::env::var("NAPCAT_URL").unwrap_or_else(|_| "ws://127.0.0.1:3001".to_owned());
    let token = std::env::var("NAPCAT_TOKEN").unwrap_or_default();
    let client = Client::builder().url(url).token(token).build()?;
    let mut events = client.events();
    while let Some(event) = events.next().await {
        if let Event::Message(MessageEvent::Group(message)) = event {
            let text = message.message.plain_text();
            if !text.trim().is_empty() {
                message.reply(&client, text).await?;
            }
        }
    }
    Ok(())
}
