//! The markdown tables the benchmark prints.

use std::collections::HashMap;

use crate::client::Contender;
use crate::flavor::Flavor;
use crate::macro_cost::{CheckTime, SchemaTimes};
use crate::measure::Summary;

/// The header of the throughput table.
pub fn calls_header() -> String {
    [
        "| scenario | raw calls/s | typed calls/s | typed ×raw | call_raw calls/s | call_raw ×raw \
         | CPU µs/call raw · typed · call_raw | typed CPU ×raw | allocs/call raw · typed · call_raw \
         | server CPU µs/call raw · typed · call_raw |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    .join("\n")
}

/// One row: the raw baseline, the typed call and `call_raw`, with the
/// median per-round throughput ratios of the last two against the first.
pub fn calls_row(
    scenario: &str,
    raw: &Summary,
    typed: &Summary,
    call_raw: &Summary,
    [typed_ratio, call_raw_ratio]: [f64; 2],
) -> String {
    format!(
        "| {scenario} | {} | {} | {:.2}× | {} | {:.2}× | {:.2} · {:.2} · {:.2} | {:.2}× | {:.1} · {:.1} · {:.1} | {:.2} · {:.2} · {:.2} |",
        rate(raw),
        rate(typed),
        typed_ratio,
        rate(call_raw),
        call_raw_ratio,
        raw.cpu_micros_per_call,
        typed.cpu_micros_per_call,
        call_raw.cpu_micros_per_call,
        typed.cpu_micros_per_call / raw.cpu_micros_per_call,
        raw.allocations_per_call,
        typed.allocations_per_call,
        call_raw.allocations_per_call,
        raw.server_cpu_micros_per_call,
        typed.server_cpu_micros_per_call,
        call_raw.server_cpu_micros_per_call,
    )
}

/// The figures of one row of the out-of-process table: a scenario on one
/// runtime.
pub struct Row {
    /// Each contender's medians.
    pub medians: HashMap<Contender, Summary>,
    /// Median per-round throughput against the raw loop on the same runtime.
    pub ratios: HashMap<Contender, f64>,
    /// Median per-round CPU per call against the raw loop's on the same
    /// runtime.
    pub cpu_ratios: HashMap<Contender, f64>,
    /// Multi-thread rows only: median per-round throughput against the same
    /// contender, and against the raw loop, on the current-thread runtime.
    pub against_current_thread: Option<(HashMap<Contender, f64>, HashMap<Contender, f64>)>,
}

/// The header of the out-of-process table.
pub fn outside_header() -> String {
    [
        "| scenario (server in its own process) | client runtime | raw calls/s | typed calls/s | typed ×raw \
         | call_raw calls/s | call_raw ×raw | client CPU µs/call raw · typed · call_raw \
         | typed CPU ×raw | typed ×own current_thread | typed ×raw current_thread \
         | allocs/call raw · typed · call_raw | server CPU µs/call raw · typed · call_raw |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    .join("\n")
}

/// One row of the out-of-process table.
pub fn outside_row(scenario: &str, flavor: Flavor, row: &Row) -> String {
    let [raw, typed, call_raw] = Contender::ALL.map(|contender| row.medians[&contender]);
    let (own, raw_current) = match &row.against_current_thread {
        Some((own, raw_current)) => (
            format!("{:.2}×", own[&Contender::Typed]),
            format!("{:.2}×", raw_current[&Contender::Typed]),
        ),
        None => ("".to_owned(), "".to_owned()),
    };
    format!(
        "| {scenario} | {} | {} | {} | {:.2}× | {} | {:.2}× | {:.2} · {:.2} · {:.2} | {:.2}× | {own} | {raw_current} | {:.1} · {:.1} · {:.1} | {:.2} · {:.2} · {:.2} |",
        flavor.label(),
        rate(&raw),
        rate(&typed),
        row.ratios[&Contender::Typed],
        rate(&call_raw),
        row.ratios[&Contender::CallRaw],
        raw.cpu_micros_per_call,
        typed.cpu_micros_per_call,
        call_raw.cpu_micros_per_call,
        row.cpu_ratios[&Contender::Typed],
        raw.allocations_per_call,
        typed.allocations_per_call,
        call_raw.allocations_per_call,
        raw.server_cpu_micros_per_call,
        typed.server_cpu_micros_per_call,
        call_raw.server_cpu_micros_per_call,
    )
}

fn rate(summary: &Summary) -> String {
    let rate = summary.calls_per_second;
    if rate >= 1e6 {
        format!("{:.2}M", rate / 1e6)
    } else if rate >= 1e3 {
        format!("{:.1}k", rate / 1e3)
    } else {
        format!("{rate:.0}")
    }
}

/// Memory per pending call.
pub fn pending_table(calls: u64, typed: f64, call_raw: f64) -> String {
    format!(
        "| {calls} calls pending (server never answers) | typed | call_raw |\n\
         |---|--:|--:|\n\
         | client bytes per pending call | {typed:.0} | {call_raw:.0} |"
    )
}

/// The macro's cost; `checks` is `None` when the `cargo check` comparison
/// was skipped.
pub fn macro_table(schema: &SchemaTimes, checks: Option<(CheckTime, CheckTime)>) -> String {
    let millis = |duration: std::time::Duration| duration.as_secs_f64() * 1e3;
    let mut table = format!(
        "| macro cost | wall ms | CPU ms |\n\
         |---|--:|--:|\n\
         | schema read and fingerprint: the macro's work, snapshot current (in-process) | {:.1} | |\n\
         | schema load (in-process) | {:.1} | |\n\
         | schema generate (in-process) | {:.1} | |\n\
         | snapshot format (in-process) | {:.1} | |",
        millis(schema.fingerprint),
        millis(schema.load),
        millis(schema.generate),
        millis(schema.format),
    );
    if let Some((with_macro, with_snapshot)) = checks {
        table += &format!(
            "\n| incremental `cargo check -p ncat-api`, macro | {:.0} | {:.0} |\
             \n| incremental `cargo check -p ncat-api`, snapshot `include!`d without the macro | {:.0} | {:.0} |\
             \n| macro adds | {:.0} | {:.0} |",
            millis(with_macro.wall),
            millis(with_macro.cpu),
            millis(with_snapshot.wall),
            millis(with_snapshot.cpu),
            millis(with_macro.wall) - millis(with_snapshot.wall),
            millis(with_macro.cpu) - millis(with_snapshot.cpu),
        );
    }
    table
}
