//! `cargo bench -p ncat-nats --bench nats`: what going through NATS costs.
//!
//! - **Events per second** from one gateway to 1, 2 and 4 workers in a
//!   queue group (each worker on a NATS connection of its own), next to a
//!   forward WebSocket client reading the same mock NapCat directly.
//! - **Call latency and CPU** of `get_status` from a worker through NATS
//!   and the gateway, as a ratio to the same call over a direct WebSocket
//!   connection. CPU is this process's (client, gateway, mock NapCat) plus
//!   the nats-server's, from `/proc` (Linux).
//!
//! Everything runs on 127.0.0.1 on a real nats-server. Contenders are
//! interleaved round by round and the median of the rounds' ratios is
//! reported, so the ratios hold on a loaded machine. Without `--bench` (as
//! under `cargo test --bench nats`) it is a smoke run: a few events and
//! calls through every measurement, no timing judged.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use ncat_api::event::Events;
use ncat_api::{Client, UserId};
use ncat_mock::{MockNapCat, MockReply};
use ncat_nats::testing::NatsServer;
use ncat_nats::{Gateway, Worker};
use serde_json::json;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Linux's `USER_HZ`: `/proc` counts CPU time in these ticks.
const TICKS_PER_SECOND: f64 = 100.0;
const SELF_ID: i64 = 10001;
/// Bounds every wait, so a broken run stops instead of hanging.
const WAIT: Duration = Duration::from_secs(60);

struct Settings {
    rounds: usize,
    events: usize,
    calls: usize,
}

/// Bursts far longer than the gateway's event buffer (1024): under
/// backpressure ([`Gateway::EVENT_BUFFER`]) none of them is dropped.
const FULL: Settings = Settings {
    rounds: 5,
    events: 20_000,
    calls: 2_000,
};
const SMOKE: Settings = Settings {
    rounds: 1,
    events: 100,
    calls: 10,
};

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
    let server = NatsServer::start().await?;
    let mock = MockNapCat::builder().self_id(SELF_ID).start().await?;
    mock.on(
        "get_login_info",
        MockReply::ok(json!({"user_id": SELF_ID, "nickname": "bench"})),
    );
    mock.on(
        "get_status",
        MockReply::ok(json!({"online": true, "good": true, "stat": {}})),
    );
    let gateway = Gateway::builder(async_nats::connect(server.url()).await?)
        .start()
        .await?;
    let gateway_side = Client::builder()
        .url(mock.ws_url())
        .timeout(WAIT)
        .event_buffer(Gateway::EVENT_BUFFER)
        .build()?;
    gateway.add_client(gateway_side);
    bounded("gateway serving", async {
        while gateway.stats().accounts_connected == 0 {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await?;
    let cpu = Cpu {
        nats_server: server.pid(),
    };

    println!(
        "ncat-nats benchmark ({}): {} events, {} calls, {} rounds\n",
        if full {
            "full"
        } else {
            "smoke run, no timing judged"
        },
        settings.events,
        settings.calls,
        settings.rounds
    );
    events(settings, &server, &mock).await?;
    calls(settings, &server, &mock, &cpu).await?;
    gateway.shutdown().await;
    mock.shutdown().await;
    server.stop().await;
    Ok(())
}

/// Events per second to 1, 2 and 4 workers, and to a direct WebSocket
/// client, interleaved round by round.
async fn events(
    settings: &Settings,
    server: &NatsServer,
    mock: &MockNapCat,
) -> Result<(), BoxError> {
    let mut rates: Vec<(String, Vec<f64>)> = [
        "direct WebSocket",
        "NATS, 1 worker",
        "NATS, 2 workers",
        "NATS, 4 workers",
    ]
    .iter()
    .map(|name| ((*name).to_owned(), Vec::new()))
    .collect();
    for round in 0..settings.rounds {
        for (contender, (_, samples)) in rates.iter_mut().enumerate() {
            let base = (round * 4 + contender) * settings.events;
            let rate = match contender {
                0 => {
                    // The same policy as the gateway's, so neither drops.
                    let client = Client::builder()
                        .url(mock.ws_url())
                        .timeout(WAIT)
                        .event_buffer(Gateway::EVENT_BUFFER)
                        .build()?;
                    client.get_status().await?;
                    let events = client.events();
                    deliver(mock, vec![events], base, settings.events)
                        .await
                        .map_err(|error| format!("direct WebSocket: {error}"))?
                }
                workers => {
                    // A queue group of this round's own: the workers of
                    // earlier rounds unsubscribe as they are dropped, which
                    // the server may take after this round's first events,
                    // and a stale member of the same group would take its
                    // share of them (at most once: lost to this round).
                    let group = format!("bench-{round}-{contender}");
                    let mut streams = Vec::new();
                    for _ in 0..streams_len(workers) {
                        let nats = async_nats::connect(server.url()).await?;
                        streams.push(
                            Worker::new(nats, UserId::new(SELF_ID))
                                .events(Some(&group))
                                .await?,
                        );
                    }
                    deliver(mock, streams, base, settings.events)
                        .await
                        .map_err(|error| format!("{} workers: {error}", streams_len(workers)))?
                }
            };
            samples.push(rate);
        }
    }
    let direct = median(&rates[0].1);
    println!("| events to workers | events/s (median) | vs direct WebSocket |");
    println!("|---|---:|---:|");
    for (name, samples) in &rates {
        let rate = median(samples);
        println!("| {name} | {rate:.0} | {:.2} |", rate / direct);
    }
    println!();
    Ok(())
}

/// How many workers contender `workers` runs: 1, 2 and 4.
fn streams_len(workers: usize) -> usize {
    1 << (workers - 1)
}

/// Pushes `count` events from the mock and waits until `streams` together
/// have read them all; events per second.
async fn deliver(
    mock: &MockNapCat,
    streams: Vec<Events>,
    base: usize,
    count: usize,
) -> Result<f64, BoxError> {
    let (sender, mut received) = tokio::sync::mpsc::unbounded_channel();
    let readers: Vec<_> = streams
        .into_iter()
        .map(|mut events| {
            let sender = sender.clone();
            tokio::spawn(async move {
                while let Some(event) = events.next().await {
                    if sender.send(event).is_err() {
                        return;
                    }
                }
            })
        })
        .collect();
    let started = Instant::now();
    for n in base..base + count {
        mock.push_event(&json!({
            "time": 1, "self_id": SELF_ID, "post_type": "notice", "notice_type": "bench", "n": n
        }));
    }
    let mut seen = 0;
    let delivered = bounded("events delivered", async {
        while seen < count {
            match received.recv().await {
                // The lifecycle event of a new connection is not one of them.
                Some(ncat_api::Event::Meta(_)) => {}
                Some(_) => seen += 1,
                None => return,
            }
        }
    })
    .await;
    delivered.map_err(|error| format!("{error} ({seen} of {count} arrived)"))?;
    let elapsed = started.elapsed();
    for reader in readers {
        reader.abort();
    }
    Ok(count as f64 / elapsed.as_secs_f64())
}

/// Call latency and CPU through NATS against a direct WebSocket call.
async fn calls(
    settings: &Settings,
    server: &NatsServer,
    mock: &MockNapCat,
    cpu: &Cpu,
) -> Result<(), BoxError> {
    let direct = Client::builder().url(mock.ws_url()).timeout(WAIT).build()?;
    let through_nats = Worker::new(
        async_nats::connect(server.url()).await?,
        UserId::new(SELF_ID),
    )
    .client_builder()
    .timeout(WAIT)
    .build()?;
    // Warm up both paths.
    direct.get_status().await?;
    through_nats.get_status().await?;
    let (mut latency_ratio, mut cpu_ratio) = (Vec::new(), Vec::new());
    let (mut direct_latency, mut nats_latency) = (Vec::new(), Vec::new());
    let (mut direct_cpu, mut nats_cpu) = (Vec::new(), Vec::new());
    for _ in 0..settings.rounds {
        let (direct_time, direct_used) = timed(settings.calls, &direct, cpu).await?;
        let (nats_time, nats_used) = timed(settings.calls, &through_nats, cpu).await?;
        latency_ratio.push(nats_time / direct_time);
        direct_latency.push(direct_time);
        nats_latency.push(nats_time);
        // A round whose CPU fit within one clock tick measured nothing.
        if let (Some(direct_used), Some(nats_used)) = (direct_used, nats_used) {
            cpu_ratio.push(nats_used / direct_used);
            direct_cpu.push(direct_used);
            nats_cpu.push(nats_used);
        }
    }
    println!(
        "| get_status, one at a time | latency (median) | CPU per call | ratio latency / CPU |"
    );
    println!("|---|---:|---:|---:|");
    let cpu_measured = if cpu_ratio.is_empty() { "n/a" } else { "1.00" };
    println!(
        "| direct WebSocket | {:.0} µs | {} | 1.00 / {cpu_measured} |",
        median(&direct_latency) * 1e6,
        micros(&direct_cpu)
    );
    println!(
        "| worker → NATS → gateway → WebSocket | {:.0} µs | {} | {:.2} / {} |",
        median(&nats_latency) * 1e6,
        micros(&nats_cpu),
        median(&latency_ratio),
        if cpu_ratio.is_empty() {
            "n/a".to_owned()
        } else {
            format!("{:.2}", median(&cpu_ratio))
        }
    );
    if cpu_ratio.is_empty() {
        println!(
            "\n(CPU: n/a, every round used less than one {} ms clock tick)",
            1000.0 / TICKS_PER_SECOND
        );
    }
    Ok(())
}

/// The median of per-call CPU seconds in µs, or `n/a` with no sample.
fn micros(samples: &[f64]) -> String {
    if samples.is_empty() {
        "n/a".to_owned()
    } else {
        format!("{:.0} µs", median(samples) * 1e6)
    }
}

/// Makes `calls` calls one after another; mean seconds per call and CPU
/// seconds per call (this process and the nats-server), `None` when the
/// calls used less than one clock tick (`/proc` measured nothing).
async fn timed(calls: usize, client: &Client, cpu: &Cpu) -> Result<(f64, Option<f64>), BoxError> {
    let cpu_before = cpu.now()?;
    let started = Instant::now();
    for _ in 0..calls {
        bounded("call", client.get_status()).await??;
    }
    let elapsed = started.elapsed().as_secs_f64();
    let used = cpu.now()? - cpu_before;
    let measured = (used > 0.0).then(|| used / calls as f64);
    Ok((elapsed / calls as f64, measured))
}

/// CPU seconds used so far by this process and the nats-server.
struct Cpu {
    nats_server: Option<u32>,
}

impl Cpu {
    fn now(&self) -> Result<f64, BoxError> {
        let mut ticks = process_ticks("self")?;
        if let Some(pid) = self.nats_server {
            ticks += process_ticks(&pid.to_string())?;
        }
        Ok(ticks / TICKS_PER_SECOND)
    }
}

/// User plus system CPU ticks of process `pid` (`/proc/<pid>/stat`,
/// fields 14 and 15, after the command name in parentheses).
fn process_ticks(pid: &str) -> Result<f64, BoxError> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat"))?;
    let after_name = stat.rsplit_once(')').ok_or("unreadable /proc stat")?.1;
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    // After the name: state is field 3, so utime (14) and stime (15) are at 11 and 12.
    let user: f64 = fields.get(11).ok_or("no utime")?.parse()?;
    let system: f64 = fields.get(12).ok_or("no stime")?.parse()?;
    Ok(user + system)
}

fn median(samples: &[f64]) -> f64 {
    let mut sorted = samples.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted.get(sorted.len() / 2).copied().unwrap_or(f64::NAN)
}

async fn bounded<T>(
    what: &str,
    future: impl std::future::IntoFuture<Output = T>,
) -> Result<T, BoxError> {
    tokio::time::timeout(WAIT, future.into_future())
        .await
        .map_err(|_| format!("{what}: nothing within {WAIT:?}").into())
}
