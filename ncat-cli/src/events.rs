//! `ncat events`: NapCat's events, one line each, until interrupted.

use std::io::Write;

use clap::ArgMatches;
use ncat_api::event::{Event, MessageEvent};
use ncat_api::post::PostServer;
use ncat_api::reverse::ReverseServer;
use ncat_api::{Client, Events};
use serde_json::Value;

use crate::connect;
use crate::failure::Failure;

/// Which events to print (`--type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `message` and `message_sent`.
    Message,
    /// `notice`.
    Notice,
    /// `request`.
    Request,
    /// `meta_event`.
    Meta,
}

impl Kind {
    /// The `--type` value's kind.
    pub fn from_flag(flag: &str) -> Option<Kind> {
        Some(match flag {
            "message" => Kind::Message,
            "notice" => Kind::Notice,
            "request" => Kind::Request,
            "meta" => Kind::Meta,
            _ => return None,
        })
    }

    fn of(event: &Event) -> Option<Kind> {
        Some(match event {
            Event::Message(_) | Event::MessageSent(_) => Kind::Message,
            Event::Notice(_) => Kind::Notice,
            Event::Request(_) => Kind::Request,
            Event::Meta(_) => Kind::Meta,
            _ => return None,
        })
    }
}

/// Checks the connection and token with one call, then prints every event
/// of the `kinds` (all when empty) as it arrives. The client reconnects by
/// itself; this returns only when its event stream ends for good.
pub async fn run(client: &Client, kinds: &[Kind], json: bool) -> Result<(), Failure> {
    let events = client.events();
    // Fails now, with its exit status, when the URL or token is wrong,
    // instead of waiting silently for events that never come.
    client.call_raw("get_status", Value::Null).await?;
    eprintln!("ncat: connected; printing events until interrupted (Ctrl-C)");
    print_each(events, kinds, json).await?;
    Err(Failure::Api(ncat_api::Error::disconnected("events")))
}

/// Receives NapCat's HTTP POSTs on `addr` and prints the events of every
/// account that posts, until interrupted. `--url` and `--token`, if given,
/// are NapCat's HTTP API, for the accounts' calls (none are made here).
pub async fn run_post(
    matches: &ArgMatches,
    addr: &str,
    secret: Option<&str>,
    kinds: &[Kind],
    json: bool,
) -> Result<(), Failure> {
    let mut builder = PostServer::builder();
    if let Some(secret) = secret {
        builder = builder.secret(secret);
    }
    if let Some(url) = matches.get_one::<String>("url") {
        builder = builder.api_url(url);
    }
    if let Some(token) = connect::token(matches) {
        builder = builder.api_token(token);
    }
    let mut server = builder.bind(addr).await?;
    eprintln!(
        "ncat: receiving NapCat's posts on http://{}/; printing events until interrupted (Ctrl-C)",
        server.local_addr()
    );
    let mut printers = tokio::task::JoinSet::new();
    while let Some(account) = server.accept().await {
        let events = account.client().events();
        let kinds = kinds.to_vec();
        printers.spawn(async move { print_async(events, &kinds, json).await });
    }
    Err(Failure::Other("the HTTP POST receiver stopped".into()))
}

/// Accepts NapCat's reverse WebSocket on `addr` (checking `--token`) and
/// prints the events of every connection, until interrupted.
pub async fn run_reverse(
    matches: &ArgMatches,
    addr: &str,
    kinds: &[Kind],
    json: bool,
) -> Result<(), Failure> {
    let mut builder = ReverseServer::builder();
    if let Some(token) = connect::token(matches) {
        builder = builder.token(token);
    }
    let mut server = builder
        .bind(addr)
        .await
        .map_err(|error| Failure::Other(format!("cannot listen on {addr}: {error}")))?;
    eprintln!(
        "ncat: waiting for NapCat on ws://{}/; printing events until interrupted (Ctrl-C)",
        server.local_addr()
    );
    let mut printers = tokio::task::JoinSet::new();
    while let Some(connection) = server.accept().await {
        eprintln!("ncat: NapCat {} connected", connection.self_id());
        let events = connection.client().events();
        let kinds = kinds.to_vec();
        printers.spawn(async move { print_async(events, &kinds, json).await });
    }
    Err(Failure::Other(
        "the reverse WebSocket server stopped".into(),
    ))
}

/// [`print_each`] for a spawned task, which reports a failure to write itself.
async fn print_async(events: Events, kinds: &[Kind], json: bool) {
    if let Err(error) = print_each(events, kinds, json).await {
        eprintln!("ncat: {error}");
    }
}

/// Prints every event of the `kinds` (all when empty) until the stream ends.
async fn print_each(mut events: Events, kinds: &[Kind], json: bool) -> Result<(), Failure> {
    while let Some((event, text)) = events.next_with_json().await {
        let wanted = kinds.is_empty() || Kind::of(&event).is_some_and(|kind| kinds.contains(&kind));
        if wanted {
            let line = if json {
                // As NapCat sent it, on one line: a raw line break in JSON is
                // only ever whitespace between tokens.
                text.replace(['\n', '\r'], " ")
            } else {
                text_line(&event)
            };
            let mut stdout = std::io::stdout().lock();
            writeln!(stdout, "{line}")?;
            stdout.flush()?;
        }
    }
    Ok(())
}

/// `message.group group=… user=… (nickname) id=…: text`, or the typed
/// event's fields for other events.
fn text_line(event: &Event) -> String {
    match event {
        Event::Message(message) => message_line("message", message),
        Event::MessageSent(message) => message_line("message_sent", message),
        Event::Notice(notice) => format!("notice {notice:?}"),
        Event::Request(request) => format!("request {request:?}"),
        Event::Meta(meta) => format!("meta_event {meta:?}"),
        Event::Unknown(raw) => format!("unknown {raw}"),
        other => format!("{other:?}"),
    }
}

fn message_line(post_type: &str, message: &MessageEvent) -> String {
    let place = match message.group_id() {
        Some(group) => format!("{post_type}.group group={group}"),
        None => format!("{post_type}.private"),
    };
    format!(
        "{place} user={} ({}) id={}: {}",
        message.user_id(),
        message.sender().nickname,
        message.message_id(),
        message.message().to_cq()
    )
}
