//! The call scenarios as users run them: the server in a process of its
//! own (`ncat-bench-server`, a 2-worker Tokio runtime), the client's CPU
//! time that of its whole process, and every scenario on both a
//! current-thread runtime and the multi-thread runtime `#[tokio::main]`
//! gives (one worker per core). Contenders and runtimes take turns within
//! each round; every ratio is the median of the rounds' ratios.

use std::collections::HashMap;
use std::path::Path;

use tokio::runtime::Runtime;

use crate::client::{Contender, Driver};
use crate::error::BoxError;
use crate::flavor::Flavor;
use crate::measure::{self, Clocks, Measurement, Summary, measure};
use crate::report::{self, Row};
use crate::scenario::Scenario;
use crate::server::ServerProcess;
use crate::settings::Settings;

/// Runs the chosen scenarios against a server process started from
/// `server_exe` and prints the out-of-process table.
pub fn run(
    settings: &Settings,
    server_exe: &Path,
    chosen: impl Fn(&str) -> bool,
) -> Result<(), BoxError> {
    let server = ServerProcess::start(server_exe)?;
    let runtimes: HashMap<Flavor, Runtime> = Flavor::ALL
        .into_iter()
        .map(|flavor| flavor.runtime().map(|runtime| (flavor, runtime)))
        .collect::<Result<_, _>>()?;
    println!("{}", report::outside_header());
    for scenario in &Scenario::ALL {
        let wanted = Flavor::ALL
            .into_iter()
            .any(|flavor| chosen(&format!("{} {}", scenario.name, flavor.label())));
        if !wanted {
            continue;
        }
        let rows = rounds(&server, &runtimes, scenario, settings)?;
        for flavor in Flavor::ALL {
            println!(
                "{}",
                report::outside_row(scenario.name, flavor, &rows[&flavor])
            );
        }
    }
    Ok(())
}

/// Every contender on every runtime, `rounds` times in turn.
fn rounds(
    server: &ServerProcess,
    runtimes: &HashMap<Flavor, Runtime>,
    scenario: &Scenario,
    settings: &Settings,
) -> Result<HashMap<Flavor, Row>, BoxError> {
    type Key = (Flavor, Contender);
    let mut runs: HashMap<Key, Vec<Measurement>> = HashMap::new();
    let mut ratios: HashMap<Key, Vec<f64>> = HashMap::new();
    let mut cpu_ratios: HashMap<Key, Vec<f64>> = HashMap::new();
    let mut own: HashMap<Contender, Vec<f64>> = HashMap::new();
    let mut raw_current: HashMap<Contender, Vec<f64>> = HashMap::new();
    let addr = scenario.addr(&server.endpoints);
    for _ in 0..settings.rounds {
        let mut round: HashMap<Key, Measurement> = HashMap::new();
        for flavor in Flavor::ALL {
            for contender in Contender::ALL {
                let run = runtimes[&flavor].block_on(async {
                    let mut driver = Driver::connect(contender, scenario.protocol(), addr).await?;
                    measure(
                        &mut driver,
                        scenario.in_flight,
                        settings.warmup,
                        settings.duration,
                        Clocks::OutOfProcess(server),
                    )
                    .await
                })?;
                round.insert((flavor, contender), run);
                runs.entry((flavor, contender)).or_default().push(run);
            }
        }
        for (&(flavor, contender), run) in &round {
            let raw = &round[&(flavor, Contender::Raw)];
            ratios
                .entry((flavor, contender))
                .or_default()
                .push(run.calls_per_second() / raw.calls_per_second());
            cpu_ratios
                .entry((flavor, contender))
                .or_default()
                .push(run.cpu_micros_per_call() / raw.cpu_micros_per_call());
            if flavor == Flavor::MultiThread {
                let current = &round[&(Flavor::CurrentThread, contender)];
                let raw_current_thread = &round[&(Flavor::CurrentThread, Contender::Raw)];
                own.entry(contender)
                    .or_default()
                    .push(run.calls_per_second() / current.calls_per_second());
                raw_current
                    .entry(contender)
                    .or_default()
                    .push(run.calls_per_second() / raw_current_thread.calls_per_second());
            }
        }
    }
    let medians = |of: &HashMap<Key, Vec<f64>>, flavor: Flavor| -> HashMap<Contender, f64> {
        Contender::ALL
            .into_iter()
            .map(|contender| {
                let values = of.get(&(flavor, contender)).cloned().unwrap_or_default();
                (contender, measure::median(values))
            })
            .collect()
    };
    let by_contender = |of: &HashMap<Contender, Vec<f64>>| -> HashMap<Contender, f64> {
        Contender::ALL
            .into_iter()
            .map(|contender| {
                let values = of.get(&contender).cloned().unwrap_or_default();
                (contender, measure::median(values))
            })
            .collect()
    };
    Ok(Flavor::ALL
        .into_iter()
        .map(|flavor| {
            let row = Row {
                medians: Contender::ALL
                    .into_iter()
                    .map(|contender| {
                        let runs = runs
                            .get(&(flavor, contender))
                            .map_or(&[][..], Vec::as_slice);
                        (contender, Summary::median(runs))
                    })
                    .collect(),
                ratios: medians(&ratios, flavor),
                cpu_ratios: medians(&cpu_ratios, flavor),
                against_current_thread: (flavor == Flavor::MultiThread)
                    .then(|| (by_contender(&own), by_contender(&raw_current))),
            };
            (flavor, row)
        })
        .collect())
}
