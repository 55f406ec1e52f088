//! `cargo bench -p ncat-bench --bench modes`: events per second and
//! per-event latency on each NapCat network mode that carries events —
//! forward WebSocket, reverse WebSocket, SSE and HTTP POST — from the mock
//! NapCat to one `Events` stream, each under backpressure so none is
//! dropped.
//!
//! Every mode gets the same burst of notices, in turn, round after round;
//! the median of the rounds is reported, with its ratio to the forward
//! WebSocket in the same round. HTTP POST sends one request per event, up
//! to 16 at a time (NapCat posts without waiting for the previous
//! response). After its burst, on the same connection, each mode gets
//! spaced-out notices, one at a time, the next sent once the previous has
//! come out of the stream: the latency of each is the time from the mock
//! starting to send it (`push_event`, or the start of its POST, connection
//! included as NapCat opens one per post) to the stream yielding it. The
//! latency rows pool every round's samples: median and 99th percentile.
//! Without `--bench` (as under `cargo test --bench modes`) it is a smoke
//! run: a few events per mode, no timing judged.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use futures_util::StreamExt;
use ncat_api::Client;
use ncat_api::event::{Event, EventBuffer, Events};
use ncat_api::post::PostServer;
use ncat_api::reverse::ReverseServer;
use ncat_mock::MockNapCat;
use serde_json::{Value, json};

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
    /// Events per burst, for the events-per-second rows.
    events: usize,
    /// Spaced-out events per mode per round, for the latency rows.
    spaced: usize,
}

const FULL: Settings = Settings {
    rounds: 5,
    events: 5_000,
    spaced: 300,
};
const SMOKE: Settings = Settings {
    rounds: 1,
    events: 20,
    spaced: 5,
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
        "ncat event modes ({}): {} events per burst, {} spaced-out events per mode, {} rounds\n",
        if full {
            "full"
        } else {
            "smoke run, no timing judged"
        },
        settings.events,
        settings.spaced,
        settings.rounds
    );
    let mut rates = vec![Vec::new(); Mode::ALL.len()];
    let mut ratios = vec![Vec::new(); Mode::ALL.len()];
    let mut latencies = vec![Vec::new(); Mode::ALL.len()];
    for round in 0..settings.rounds {
        let mut this_round = Vec::new();
        for (index, mode) in Mode::ALL.into_iter().enumerate() {
            // A mock of its own per mode, so no other connection gets the burst.
            let mock = MockNapCat::builder()
                .self_id(SELF_ID)
                .token(TOKEN)
                .start()
                .await?;
            // Every notice of the run has a number of its own.
            let base = round * (settings.events + settings.spaced);
            let measured = deliver(mode, &mock, base, settings.events, settings.spaced);
            let (rate, spaced) = bounded(mode.name(), measured).await??;
            rates[index].push(rate);
            latencies[index].extend(spaced);
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
    println!();
    println!("| mode | latency median (µs) | latency p99 (µs) | median vs forward WebSocket |");
    println!("|---|---:|---:|---:|");
    let forward = percentile(&latencies[0], 0.5);
    for (index, mode) in Mode::ALL.into_iter().enumerate() {
        let samples = &latencies[index];
        println!(
            "| {} | {:.0} | {:.0} | {:.2} |",
            mode.name(),
            percentile(samples, 0.5),
            percentile(samples, 0.99),
            percentile(samples, 0.5) / forward
        );
    }
    Ok(())
}

/// Delivers a burst of `count` notices through `mode` to one stream, then
/// `spaced` notices one at a time on the same connection: the burst's
/// events per second, and each spaced notice's latency in microseconds.
async fn deliver(
    mode: Mode,
    mock: &MockNapCat,
    base: usize,
    count: usize,
    spaced: usize,
) -> Result<(f64, Vec<f64>), BoxError> {
    let spaced_base = base + count;
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
            let mut events = client.events();
            // Connected once the mock has the socket or stream.
            while mock.websocket_count() + mock.sse_count() == 0 {
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
            let started = Instant::now();
            push_all(mock, base, count)?;
            read(&mut events, count).await?;
            let rate = count as f64 / started.elapsed().as_secs_f64();
            let latencies = push_spaced(mock, &mut events, spaced_base, spaced).await?;
            Ok((rate, latencies))
        }
        Mode::Reverse => {
            let mut server = ReverseServer::builder()
                .token(TOKEN)
                .event_buffer(BUFFER)
                .bind("127.0.0.1:0")
                .await?;
            // Once this returns, the mock's socket gets every event pushed.
            mock.connect_reverse(&format!("ws://{}/", server.local_addr()))
                .await?;
            let connection = server.accept().await.ok_or("no reverse connection")?;
            let mut events = connection.client().events();
            let started = Instant::now();
            push_all(mock, base, count)?;
            read(&mut events, count).await?;
            let rate = count as f64 / started.elapsed().as_secs_f64();
            let latencies = push_spaced(mock, &mut events, spaced_base, spaced).await?;
            Ok((rate, latencies))
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
                let mut events = account.client().events();
                read(&mut events, count).await?;
                Ok::<_, BoxError>(events)
            };
            let (outcomes, read) = tokio::join!(posts, reader);
            let mut events = read?;
            for outcome in outcomes {
                if outcome?.status != 204 {
                    return Err("a post was refused".into());
                }
            }
            let rate = count as f64 / started.elapsed().as_secs_f64();
            let mut latencies = Vec::with_capacity(spaced);
            for n in spaced_base..spaced_base + spaced {
                let event = notice(n);
                let sent = Instant::now();
                let (outcome, arrived) =
                    tokio::join!(mock.post_event(&url, &event), next_notice(&mut events, n));
                latencies.push(micros(arrived? - sent));
                if outcome?.status != 204 {
                    return Err("a post was refused".into());
                }
            }
            Ok((rate, latencies))
        }
    }
}

/// A bench notice, numbered `n` (its `notice_type` is not one of
/// OneBot's, so it decodes as an unknown notice).
fn notice(n: usize) -> Value {
    json!({"time": 1, "self_id": SELF_ID, "post_type": "notice", "notice_type": "bench", "n": n})
}

/// Pushes notices `base..base + count` to the mock's only socket or stream.
fn push_all(mock: &MockNapCat, base: usize, count: usize) -> Result<(), BoxError> {
    for n in base..base + count {
        // A notice that reaches no socket would only show as a timeout.
        if mock.push_event(&notice(n)) != 1 {
            return Err(format!("notice {n} reached no socket or stream").into());
        }
    }
    Ok(())
}

/// Pushes notices `base..base + count` one at a time, each once the
/// previous has come out of the stream; their latencies in microseconds.
async fn push_spaced(
    mock: &MockNapCat,
    events: &mut Events,
    base: usize,
    count: usize,
) -> Result<Vec<f64>, BoxError> {
    let mut latencies = Vec::with_capacity(count);
    for n in base..base + count {
        let sent = Instant::now();
        push_all(mock, n, 1)?;
        let arrived = next_notice(events, n).await?;
        latencies.push(micros(arrived - sent));
    }
    Ok(latencies)
}

/// Waits for bench notice `n` (skipping meta events) and returns when the
/// stream yielded it; any other notice is an error.
async fn next_notice(events: &mut Events, n: usize) -> Result<Instant, BoxError> {
    loop {
        match events.next_with_json().await {
            Some((Event::Meta(_), _)) => {}
            Some((_, json)) => {
                let arrived = Instant::now();
                let got = serde_json::from_str::<Value>(&json)?["n"].as_u64();
                if got != Some(n as u64) {
                    return Err(format!("expected notice {n}, got {got:?}").into());
                }
                return Ok(arrived);
            }
            None => return Err("the event stream ended".into()),
        }
    }
}

fn micros(elapsed: Duration) -> f64 {
    elapsed.as_secs_f64() * 1e6
}

/// Reads until `count` bench notices have arrived (meta events, such as
/// the lifecycle event, are skipped; the bench notices' unknown type
/// decodes as `Event::Unknown`).
async fn read(events: &mut Events, count: usize) -> Result<(), BoxError> {
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
    percentile(samples, 0.5)
}

/// The sample below which a `fraction` of the samples lie (nearest rank).
fn percentile(samples: &[f64], fraction: f64) -> f64 {
    let mut sorted = samples.to_vec();
    sorted.sort_by(f64::total_cmp);
    let rank = ((sorted.len() as f64 * fraction).ceil() as usize).saturating_sub(1);
    sorted.get(rank).copied().unwrap_or(f64::NAN)
}

async fn bounded<T>(
    what: &str,
    future: impl std::future::Future<Output = T>,
) -> Result<T, BoxError> {
    tokio::time::timeout(WAIT, future)
        .await
        .map_err(|_| format!("{what}: nothing within {WAIT:?}").into())
}
