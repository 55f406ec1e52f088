//! `cargo bench -p ncat-bot --bench router`: what routing costs.
//!
//! 1. Routing overhead per event: a router with 50 commands and 10 filtered
//!    routes, handlers that do nothing, called as a tower `Service` for a
//!    mix of events (the last command, text that is no command, a notice).
//! 2. Events per second through a running [`Bot`] (a task per event, the
//!    same router) against the raw `Events` loop matching the same command
//!    by hand, both reading the same pre-decoded events.
//!
//! The variants run interleaved, round after round, and the table gives
//! medians and the median of the per-round ratios, so a loaded machine
//! slows both alike. Without `--bench` (as under `cargo test --benches`)
//! it is a quick smoke run and prints no timing.

use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

use ncat_api::event::{Event, Events, GroupMessage, MessageEvent};
use ncat_api::{
    BoxError, BoxFuture, Client, GroupId, Transport, TransportReply, TransportRequest, UserId,
};
use ncat_bot::{Bot, ClientSource, Cmd, Command, Incoming, Route, Router, filter};
use serde_json::json;
use tower::Service;

/// A transport that is never called: the handlers make no calls.
#[derive(Debug)]
struct NoCalls;

impl Transport for NoCalls {
    fn send(
        &self,
        _: TransportRequest,
    ) -> BoxFuture<'static, Result<TransportReply, ncat_api::Error>> {
        Box::pin(async {
            Err(ncat_api::Error::transport(
                "bench",
                "no calls in this benchmark",
            ))
        })
    }
}

macro_rules! commands {
    ($($name:ident)*) => {
        $(
            #[doc = "A command of the benchmark."]
            #[derive(Command)]
            struct $name { n: u32 }

            impl Number for $name {
                fn number(&self) -> u32 {
                    self.n
                }
            }
        )*

        /// 50 command routes and 10 routes behind filters.
        fn router() -> Router {
            let router = Router::new()$(.on(command::<$name>))*;
            let filters = [
                filter::group_only(),
                filter::private_only(),
                filter::group_admin(),
                filter::group_owner(),
                filter::bot_owner(),
                filter::in_groups([GroupId::new(1)]),
                filter::in_groups([GroupId::new(2), GroupId::new(3)]),
                filter::from_users([UserId::new(7)]),
                filter::from_users([UserId::new(8)]),
                filter::group_only() & !filter::group_admin(),
            ];
            filters
                .into_iter()
                .fold(router.owners([UserId::new(42)]), |router, filter| {
                    router.route(Route::new(on_message).filter(filter))
                })
        }
    };
}

commands!(
    C00 C01 C02 C03 C04 C05 C06 C07 C08 C09 C10 C11 C12 C13 C14 C15 C16 C17 C18 C19
    C20 C21 C22 C23 C24 C25 C26 C27 C28 C29 C30 C31 C32 C33 C34 C35 C36 C37 C38 C39
    C40 C41 C42 C43 C44 C45 C46 C47 C48 C49
);

/// The commands' argument, which the handler reads.
trait Number {
    fn number(&self) -> u32;
}

async fn command<C: Command + Number>(Cmd(command): Cmd<C>, _: GroupMessage) {
    black_box(command.number());
}

async fn on_message(message: GroupMessage) {
    black_box(message.message_id);
}

fn group_message(text: &str) -> Event {
    Event::from_value(json!({
        "time": 1, "self_id": 10001, "post_type": "message", "message_type": "group",
        "sub_type": "normal", "message_id": 1, "group_id": 5, "user_id": 7,
        "message": [{"type": "text", "data": {"text": text}}], "raw_message": text, "font": 0,
        "sender": {"user_id": 7, "nickname": "n", "role": "member"}
    }))
}

/// The mix routed: the last command, a message that is no command, a notice.
fn events() -> Vec<Event> {
    vec![
        group_message("/c49 12"),
        group_message("just chatting about /c49"),
        Event::from_value(json!({
            "time": 1, "self_id": 10001, "post_type": "notice", "notice_type": "group_increase",
            "sub_type": "approve", "group_id": 5, "user_id": 9, "operator_id": 0
        })),
    ]
}

struct Settings {
    rounds: usize,
    /// Events per round of the overhead measurement.
    routed: usize,
    /// Events per round of the throughput measurement.
    streamed: usize,
}

const FULL: Settings = Settings {
    rounds: 15,
    routed: 30_000,
    streamed: 30_000,
};
const SMOKE: Settings = Settings {
    rounds: 2,
    routed: 30,
    streamed: 30,
};

/// Time per event routed through the router's `Service::call`.
async fn route_each(
    router: &mut Router,
    client: &Client,
    events: &[Event],
    count: usize,
) -> Duration {
    let incoming: Vec<Incoming> = (0..count)
        .map(|index| Incoming::new(events[index % events.len()].clone(), client.clone()))
        .collect();
    let start = Instant::now();
    for incoming in incoming {
        let dispatched = router.call(incoming).await;
        black_box(dispatched.ok());
    }
    start.elapsed() / u32::try_from(count).unwrap_or(u32::MAX)
}

fn stream_of(events: &[Event], count: usize) -> Events {
    let json: Arc<str> = Arc::from("{}");
    let items: Vec<(Event, Arc<str>)> = (0..count)
        .map(|index| (events[index % events.len()].clone(), Arc::clone(&json)))
        .collect();
    Events::from_stream(futures_util::stream::iter(items))
}

/// Events per second of the hand-written loop.
async fn raw_loop(events: &[Event], count: usize) -> f64 {
    let mut stream = stream_of(events, count);
    let start = Instant::now();
    while let Some(event) = stream.next().await {
        if let Event::Message(MessageEvent::Group(message)) = &event {
            let text = message.message.plain_text();
            if let Some(rest) = text.strip_prefix("/c49 ") {
                black_box(rest.trim().parse::<u32>().ok());
            }
        }
        black_box(&event);
    }
    count as f64 / start.elapsed().as_secs_f64()
}

/// Events per second of a running bot.
async fn bot_run(router: &Router, client: &Client, events: &[Event], count: usize) -> f64 {
    let source = ClientSource::with_events(client.clone(), stream_of(events, count));
    let start = Instant::now();
    Bot::new(router.clone()).run(source).await;
    count as f64 / start.elapsed().as_secs_f64()
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn main() -> Result<(), BoxError> {
    let full = std::env::args().any(|arg| arg == "--bench");
    let settings = if full { &FULL } else { &SMOKE };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let client = Client::with_transport(NoCalls);
        let events = events();
        let mut router = router();
        assert_eq!(router.commands().len(), 50);
        let (mut overhead, mut raw, mut bot, mut ratios) = (vec![], vec![], vec![], vec![]);
        for _ in 0..settings.rounds {
            overhead.push(route_each(&mut router, &client, &events, settings.routed).await.as_nanos() as f64);
            let raw_rate = raw_loop(&events, settings.streamed).await;
            // Each `run` is a fresh bot: its shutdown ends the router's runtime.
            let bot_rate = bot_run(&self::router(), &client, &events, settings.streamed).await;
            raw.push(raw_rate);
            bot.push(bot_rate);
            ratios.push(raw_rate / bot_rate);
        }
        if full {
            println!("| measurement | median |");
            println!("|---|---|");
            println!("| routing overhead per event (50 commands, 10 filters; mix of 3 events) | {:.0} ns |", median(&mut overhead));
            println!("| raw `Events` loop | {:.0} events/s |", median(&mut raw));
            println!("| `Bot::run` (task per event, same router) | {:.0} events/s |", median(&mut bot));
            println!("| raw / bot, median of per-round ratios | {:.2}× |", median(&mut ratios));
        } else {
            println!("router bench smoke run: {} rounds, no timing judged", settings.rounds);
        }
    });
    Ok(())
}
