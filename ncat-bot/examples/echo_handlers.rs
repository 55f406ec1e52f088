//! The smallest bot: answers every private message with its text.
//!
//! `NAPCAT_URL=ws://127.0.0.1:3001 NAPCAT_TOKEN=… cargo run -p ncat-bot --example echo_handlers`

use ncat_api::Client;
use ncat_api::event::PrivateMessage;
use ncat_bot::{Bot, Router};

async fn echo(message: PrivateMessage, client: Client) -> Result<(), ncat_api::Error> {
    message.reply(&client, message.message.plain_text()).await?;
    Ok(())
}

/// The bot's handlers (the tests run them on the harness).
pub fn router() -> Router {
    Router::new().on(echo)
}

#[tokio::main]
async fn main() -> Result<(), ncat_api::Error> {
    let url = std::env::var("NAPCAT_URL").unwrap_or_else(|_| "ws://127.0.0.1:3001".to_owned());
    let token = std::env::var("NAPCAT_TOKEN").unwrap_or_default();
    let client = Client::builder().url(url).token(token).build()?;
    Bot::new(router())
        .run_until(client, tokio::signal::ctrl_c())
        .await;
    Ok(())
}
