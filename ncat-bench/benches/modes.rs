//! `cargo bench -p ncat-bench --bench modes`: events per second on each
//! NapCat network mode that carries events — forward WebSocket, reverse
//! WebSocket, SSE and HTTP POST — from the mock NapCat to one `Events`
//! stream, each under backpressure so none is dropped.
//!
//! Every mode gets the same burst of notices, in turn, round after round;
//! the median of the rounds is reported, with its ratio to the forward
//! WebSocket in the same round. HTTP POST sends one request per event, up
//! to 16 at a time (NapCat posts without waiting for the previous
//! response). Without `--bench` (as under `cargo test --bench modes`) it is
//! a smoke run: a few events per mode, no timing judged.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use futures_util::StreamExt;
use ncat_api::Client;
use ncat_api::event::{Event, EventBuffer, Events};
use ncat_api::post::PostServer;
use ncat_api::reverse::ReverseServer;
use ncat_mock::MockNapCat;
use serde_json::json;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

const SELF_ID: i64 = 10001;
const TOKEN: &str = "bench-token";
/// Bounds every wait, so a broken run stops instead of hanging.
const WAIT: Duration = Duration::from_secs(60);
/// Posts in flight at once in the HTTP POST mode.
const POSTS_IN_FLIGHT: usize = 16;
/// Every mode's buffer: nothing dropped, so each burst arrives whole.
const BUFFER: EventBuffer = EventBuffer::backpressure(1024);

struct Settings {
    rounds: usize,
    events: usize,
}

const FULL: Settings = Settings {
    rounds: 5,
    events: 5_000,
};
const SMOKE: Settings = Settings {
    rounds: 1,
    events: 20,
};

#[derive(Clone, Copy)]
enum Mode {
    Forward,
    Reverse,
    Sse,
    Post,
}

impl Mode {
    const ALL: [Mode; 4] = [Mode::Forward, Mode::Reverse, Mode::Sse, Mode::Post];

    fn name(self) -> &'static str {
        match self {
            Mode::Forward => "forward WebSocket",
            Mode::Reverse => "reverse WebSocket",
            Mode::Sse => "HTTP + SSE",
            Mode::Post => "HTTP POST",
        }
    }
}

fn main() -> Result<(), BoxError> {
    let full = std::env::args().any(|arg| arg == "--bench");
    let settings = if full { &FULL } else { &SMOKE };
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?
        .block_on(run(settings, full))
}

async fn run(settings: &Settings, full: bool) -> Result<(), BoxError> {
    println!(
        "ncat event modes ({}): {} events per burst, {} rounds\n",
        if full {
            "full"
        } else {
            "smoke run, no timing judged"
        },
        settings.events,
        settings.rounds
    );
    let mut rates = vec![Vec::new(); Mode::ALL.len()];
    let mut ratios = vec![Vec::new(); Mode::ALL.len()];
    for round in 0..settings.rounds {
        let mut this_round = Vec::new();
        for (index, mode) in Mode::ALL.into_iter().enumerate() {
            // A mock of its own per mode, so no other connection gets the burst.
            let mock = MockNapCat::builder()
                .self_id(SELF_ID)
                .token(TOKEN)
                .start()
                .await?;
            let base = round * settings.events;
            let rate = bounded(mode.name(), deliver(mode, &mock, base, settings.events)).await??;
            rates[index].push(rate);
            this_round.push(rate);
            mock.shutdown().await;
        }
        for (index, rate) in this_round.iter().enumerate() {
            ratios[index].push(rate / this_round[0]);
        }
    }
    println!("| mode | events/s (median) | vs forward WebSocket |");
    println!("|---|---:|---:|");
    for (index, mode) in Mode::ALL.into_iter().enumerate() {
        println!(
            "| {} | {:.0} | {:.2} |",
            mode.name(),
            median(&rates[index]),
            median(&ratios[index])
        );
    }
    Ok(())
}

/// Delivers `count` notices through `mode` to one stream; events per second.
async fn deliver(
    mode: Mode,
    mock: &MockNapCat,
    base: usize,
    count: usize,
) -> Result<f64, BoxError> {
    let notice = |n: usize| json!({"time": 1, "self_id": SELF_ID, "post_type": "notice", "notice_type": "bench", "n": n});
    match mode {
        Mode::Forward | Mode::Sse => {
            let url = match mode {
                Mode::Forward => mock.ws_url(),
                _ => mock.url(),
            };
            let client = Client::builder()
                .url(url)
                .token(TOKEN)
                .sse_events(matches!(mode, Mode::Sse))
                .event_buffer(BUFFER)
                .build()?;
            let events = client.events();
            // Connected once the mock has the socket or stream.
            while mock.websocket_count() + mock.sse_count() == 0 {
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
            let started = Instant::now();
            for n in base..base + count {
                mock.push_event(&notice(n));
            }
            read(events, count).await?;
            Ok(count as f64 / started.elapsed().as_secs_f64())
        }
        Mode::Reverse => {
            let mut server = ReverseServer::builder()
                .token(TOKEN)
                .event_buffer(BUFFER)
                .bind("127.0.0.1:0")
                .await?;
            mock.connect_reverse(&format!("ws://{}/", server.local_addr()))
                .await?;
            let connection = server.accept().await.ok_or("no reverse connection")?;
            let events = connection.client().events();
            let started = Instant::now();
            for n in base..base + count {
                mock.push_event(&notice(n));
            }
            read(events, count).await?;
            Ok(count as f64 / started.elapsed().as_secs_f64())
        }
        Mode::Post => {
            let mut server = PostServer::builder()
                .secret(TOKEN)
                .api_url(mock.url())
                .api_token(TOKEN)
                .event_buffer(BUFFER)
                .quick_deadline(Duration::ZERO)
                .bind("127.0.0.1:0")
                .await?;
            let url = format!("http://{}/", server.local_addr());
            let started = Instant::now();
            let posts = futures_util::stream::iter(base..base + count)
                .map(|n| {
                    let event = notice(n);
                    let url = url.clone();
                    async move { mock.post_event(&url, &event).await }
                })
                .buffer_unordered(POSTS_IN_FLIGHT)
                .collect::<Vec<_>>();
            let reader = async {
                let account = server.accept().await.ok_or("the receiver stopped")?;
                read(account.client().events(), count).await
            };
            let (outcomes, read) = tokio::join!(posts, reader);
            read?;
            for outcome in outcomes {
                if outcome?.status != 204 {
                    return Err("a post was refused".into());
                }
            }
            Ok(count as f64 / started.elapsed().as_secs_f64())
        }
    }
}

/// Reads until `count` bench notices have arrived (meta events, such as
/// the lifecycle event, are skipped; the bench notices' unknown type
/// decodes as `Event::Unknown`).
async fn read(mut events: Events, count: usize) -> Result<(), BoxError> {
    let mut seen = 0;
    while seen < count {
        match events.next().await {
            Some(Event::Meta(_)) => {}
            Some(_) => seen += 1,
            None => return Err("the event stream ended".into()),
        }
    }
    Ok(())
}

fn median(samples: &[f64]) -> f64 {
    let mut sorted = samples.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted.get(sorted.len() / 2).copied().unwrap_or(f64::NAN)
}

async fn bounded<T>(
    what: &str,
    future: impl std::future::Future<Output = T>,
) -> Result<T, BoxError> {
    tokio::time::timeout(WAIT, future)
        .await
        .map_err(|_| format!("{what}: nothing within {WAIT:?}").into())
}
