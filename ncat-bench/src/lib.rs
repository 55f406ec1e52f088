//! Benchmarks of ncat against hand-written raw clients, all talking to the
//! same minimal NapCat-like server on 127.0.0.1 in one run, so the ratios
//! hold even on a noisy machine. Run with `cargo bench -p ncat-bench`.
//!
//! Two tables of calls: the server in the benchmark's process (below), and
//! the server in a process of its own with the client on both Tokio
//! runtimes, as users run it (see `outside`).
//!
//! How the in-process table measures:
//! - The servers run on their own thread and Tokio runtime. The client runs
//!   on the main thread in a current-thread runtime (ncat's connection task,
//!   reqwest's connection tasks and the calling tasks all run there), so the
//!   thread's CPU time (`getrusage(RUSAGE_THREAD)`) is the client's alone;
//!   the process's (`RUSAGE_SELF`) minus the client's is the server's.
//! - A counting global allocator counts only the main thread's allocations:
//!   the client's, not the server's.
//! - Every contender connects afresh, warms up, then runs for a fixed time;
//!   each scenario runs every contender in turn, round after round, and the
//!   median of the rounds is reported. A throughput ratio is the median of
//!   the rounds' ratios, each taken within one round.

pub mod alloc;
mod client;
mod cpu;
mod error;
pub mod events;
mod flavor;
mod macro_cost;
mod measure;
mod outside;
mod pending;
mod reply;
mod report;
mod scenario;
pub mod server;
mod settings;

use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;

use client::{Contender, Driver, raw_call, typed_call};
use measure::{Clocks, Measurement, Summary, measure};
use scenario::Scenario;
use server::Servers;

pub use error::BoxError;
pub use settings::Settings;

/// Runs every measurement and prints the tables (markdown) to stdout.
/// Call it from the main thread of a binary whose global allocator is
/// [`alloc::CountingAllocator`]; `server_exe` is the `ncat-bench-server`
/// binary, for the out-of-process table.
///
/// With `only` not empty, runs just the call scenarios whose table and
/// name (`in-process WS, batching server, 1 in flight`, `out-of-process
/// HTTP, 64 in flight multi-thread`) contain every one of those words, and
/// none of the other measurements; with `only` naming `events`, just the
/// event-decoding table.
pub fn run(settings: &Settings, only: &[String], server_exe: &Path) -> Result<(), BoxError> {
    alloc::count_this_thread();
    if only.iter().any(|word| word == "events") {
        println!("{}", events::table(&events::decode_rates(settings)?));
        return Ok(());
    }
    let servers = Servers::start()?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    println!("{}", machine(settings));
    println!();
    let chosen = |name: &str| only.iter().all(|word| name.contains(word.as_str()));
    let inside = |scenario: &&Scenario| chosen(&format!("in-process {}", scenario.name));
    if Scenario::ALL.iter().any(|scenario| inside(&scenario)) {
        println!("{}", report::calls_header());
    }
    for scenario in Scenario::ALL.iter().filter(inside) {
        let result = runtime.block_on(median_of_rounds(&servers, scenario, settings))?;
        let [raw, typed, call_raw] = Contender::ALL.map(|contender| result.medians[&contender]);
        let ratios =
            [Contender::Typed, Contender::CallRaw].map(|contender| result.ratios[&contender]);
        println!(
            "{}",
            report::calls_row(scenario.name, &raw, &typed, &call_raw, ratios)
        );
    }
    println!();
    outside::run(settings, server_exe, |name| {
        chosen(&format!("out-of-process {name}"))
    })?;
    if !only.is_empty() {
        return Ok(());
    }
    println!();
    let calls = settings.pending_calls;
    let typed = runtime.block_on(pending::bytes_per_pending_call(&servers, calls, typed_call))?;
    let call_raw = runtime.block_on(pending::bytes_per_pending_call(&servers, calls, raw_call))?;
    println!("{}", report::pending_table(calls, typed, call_raw));
    println!();
    println!("{}", events::table(&events::decode_rates(settings)?));
    println!();
    let schema = macro_cost::schema_times(settings.schema_runs)?;
    let checks = settings
        .check_runs
        .map(macro_cost::check_times)
        .transpose()?;
    println!("{}", report::macro_table(&schema, checks));
    Ok(())
}

/// Runs `contender` (`raw`, `typed` or `call_raw`) in the scenario named
/// `scenario` on the `flavor` runtime (`current_thread` or `multi-thread`)
/// against a server process started from `server_exe`, for `seconds`;
/// returns how many calls completed. For profilers: see the
/// `ncat-bench-probe` binary.
pub fn probe(
    server_exe: &Path,
    contender: &str,
    scenario: &str,
    flavor: &str,
    seconds: f64,
) -> Result<u64, BoxError> {
    let contender = match contender {
        "raw" => Contender::Raw,
        "typed" => Contender::Typed,
        "call_raw" => Contender::CallRaw,
        other => return Err(format!("no contender {other:?}").into()),
    };
    let scenario = Scenario::ALL
        .iter()
        .find(|known| known.name == scenario)
        .ok_or_else(|| format!("no scenario {scenario:?}"))?;
    let flavor = flavor::Flavor::ALL
        .into_iter()
        .find(|known| known.label() == flavor)
        .ok_or_else(|| format!("no runtime {flavor:?}"))?;
    let server = server::ServerProcess::start(server_exe)?;
    let addr = scenario.addr(&server.endpoints);
    flavor.runtime()?.block_on(async {
        let mut driver = Driver::connect(contender, scenario.protocol(), addr).await?;
        let until = std::time::Instant::now() + Duration::from_secs_f64(seconds);
        driver.run(scenario.in_flight, until).await
    })
}

/// What one scenario measured: each contender's medians, and the median
/// over the rounds of each contender's throughput against the raw loop's
/// in the same round (so a machine slowing down between rounds moves both
/// sides of a ratio alike).
struct ScenarioResult {
    medians: HashMap<Contender, Summary>,
    ratios: HashMap<Contender, f64>,
}

/// Every contender in `scenario`, `rounds` times in turn (so load on the
/// machine hits them alike).
async fn median_of_rounds(
    servers: &Servers,
    scenario: &Scenario,
    settings: &Settings,
) -> Result<ScenarioResult, BoxError> {
    let mut runs: HashMap<Contender, Vec<Measurement>> = HashMap::new();
    let mut ratios: HashMap<Contender, Vec<f64>> = HashMap::new();
    for _ in 0..settings.rounds {
        let mut round = HashMap::new();
        for contender in Contender::ALL {
            let mut driver = Driver::connect(
                contender,
                scenario.protocol(),
                scenario.addr(&servers.calls),
            )
            .await?;
            let run = measure(
                &mut driver,
                scenario.in_flight,
                settings.warmup,
                settings.duration,
                Clocks::InProcess,
            )
            .await?;
            round.insert(contender, run);
            runs.entry(contender).or_default().push(run);
        }
        let raw = round[&Contender::Raw].calls_per_second();
        for (contender, run) in round {
            ratios
                .entry(contender)
                .or_default()
                .push(run.calls_per_second() / raw);
        }
    }
    Ok(ScenarioResult {
        medians: runs
            .into_iter()
            .map(|(contender, runs)| (contender, Summary::median(&runs)))
            .collect(),
        ratios: ratios
            .into_iter()
            .map(|(contender, ratios)| (contender, measure::median(ratios)))
            .collect(),
    })
}

/// A line saying where and how the numbers were taken.
fn machine(settings: &Settings) -> String {
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load = load
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    let profile = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };
    format!(
        "ncat-bench {}: {cores} cores, load average {load}, {profile} build; \
         ratios are against the raw loop of the same run",
        settings.kind
    )
}
