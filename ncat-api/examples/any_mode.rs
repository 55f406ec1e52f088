//! One bot on every NapCat network mode: where its events come from is
//! configuration (`NCAT_EVENTS`), and nothing else changes. It answers a
//! group's `ping` with `pong` as a quick operation, which on the HTTP POST
//! mode goes back in the response to NapCat's post.
//!
//! ```text
//! NCAT_EVENTS=ws://127.0.0.1:3001        forward WebSocket (websocketServers)
//! NCAT_EVENTS=http://127.0.0.1:3000      SSE: GET /_events (httpSseServers)
//! NCAT_EVENTS=reverse://127.0.0.1:8082   reverse WebSocket: NapCat connects (websocketClients)
//! NCAT_EVENTS=post://127.0.0.1:8080      HTTP POST: NapCat posts (httpClients);
//!                                        NAPCAT_API_URL=http://127.0.0.1:3000 for calls
//! NAPCAT_TOKEN=…                         the token (for post://, the signing secret too)
//! cargo run --example any_mode
//! ```

use std::net::SocketAddr;

use ncat_api::Client;
use ncat_api::event::{Event, MessageEvent};
use ncat_api::post::PostServer;
use ncat_api::reverse::ReverseServer;

/// A failure to start.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// What the bot is told.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Where events come from: a `ws://`/`wss://` or `http://`/`https://`
    /// URL of NapCat, or `reverse://ADDR` / `post://ADDR` to listen on.
    pub events: String,
    /// NapCat's token.
    pub token: Option<String>,
    /// For `post://`: NapCat's HTTP API, for calls.
    pub api_url: Option<String>,
}

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    let config = Config {
        events: std::env::var("NCAT_EVENTS").unwrap_or_else(|_| "ws://127.0.0.1:3001".into()),
        token: std::env::var("NAPCAT_TOKEN").ok(),
        api_url: std::env::var("NAPCAT_API_URL").ok(),
    };
    run(&config, |addr| eprintln!("listening on {addr}")).await
}

/// Connects or listens as `config.events` says, and runs [`bot`] for every
/// account; `listening` learns the address of a server it binds.
pub async fn run(config: &Config, listening: impl FnOnce(SocketAddr)) -> Result<(), BoxError> {
    let token = config.token.clone().unwrap_or_default();
    if let Some(addr) = config.events.strip_prefix("reverse://") {
        let mut server = ReverseServer::builder().token(&token).bind(addr).await?;
        listening(server.local_addr());
        while let Some(connection) = server.accept().await {
            tokio::spawn(bot(connection.client().clone()));
        }
    } else if let Some(addr) = config.events.strip_prefix("post://") {
        let mut builder = PostServer::builder().secret(&token);
        if let Some(url) = &config.api_url {
            builder = builder.api_url(url).api_token(&token);
        }
        let mut server = builder.bind(addr).await?;
        listening(server.local_addr());
        while let Some(account) = server.accept().await {
            tokio::spawn(bot(account.client().clone()));
        }
    } else {
        // A ws:// client carries events anyway; an http:// one reads SSE.
        let client = Client::builder()
            .url(&config.events)
            .token(token)
            .sse_events(true)
            .build()?;
        bot(client).await;
    }
    Ok(())
}

/// The bot itself, the same on every mode.
pub async fn bot(client: Client) {
    let mut events = client.events();
    while let Some(event) = events.next().await {
        if let Event::Message(MessageEvent::Group(message)) = &event
            && message.message.plain_text().trim() == "ping"
            && let Err(error) = message.quick().reply("pong").send(&client).await
        {
            eprintln!("could not answer: {error}");
        }
    }
}
