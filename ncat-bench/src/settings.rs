//! [`Settings`]: how long and how often the benchmark measures.

use std::time::Duration;

/// How long and how often to measure.
#[derive(Clone, Copy, Debug)]
pub struct Settings {
    /// What kind of run this is, for the header line.
    pub kind: &'static str,
    /// Calls made before measuring each contender.
    pub warmup: Duration,
    /// How long each contender is measured.
    pub duration: Duration,
    /// How often every scenario is repeated (the median is reported).
    pub rounds: u32,
    /// Calls in flight for the memory measurement.
    pub pending_calls: u64,
    /// Schema loads and generations (the fastest is reported).
    pub schema_runs: u32,
    /// Timed incremental checks of ncat-api per variant; `None` skips them.
    pub check_runs: Option<u32>,
}

impl Settings {
    /// The full benchmark: about two minutes on two cores.
    pub const FULL: Settings = Settings {
        kind: "full run",
        warmup: Duration::from_millis(100),
        duration: Duration::from_millis(300),
        rounds: 5,
        pending_calls: 10_000,
        schema_runs: 5,
        check_runs: Some(3),
    };

    /// A smoke test of every measurement (what `cargo test --benches` runs):
    /// a few calls each, no `cargo check`.
    pub const SMOKE: Settings = Settings {
        kind: "smoke run (a few calls each: the numbers mean nothing; use `cargo bench -p ncat-bench`)",
        warmup: Duration::ZERO,
        duration: Duration::ZERO,
        rounds: 1,
        pending_calls: 100,
        schema_runs: 1,
        check_runs: None,
    };
}
