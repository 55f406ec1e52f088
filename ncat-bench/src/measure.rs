//! Timing one contender in one scenario: throughput, the client's CPU time
//! and allocations.

use std::time::{Duration, Instant};

use crate::alloc;
use crate::client::Driver;
use crate::cpu::{process_cpu_time, thread_cpu_time};
use crate::error::BoxError;
use crate::server::ServerProcess;

/// Whose CPU time is the client's and whose the server's.
#[derive(Clone, Copy)]
pub enum Clocks<'a> {
    /// Server and client in this process: the client is this thread
    /// (`RUSAGE_THREAD`), the server the rest of the process.
    InProcess,
    /// The server in a process of its own: the client is this whole
    /// process (`RUSAGE_SELF`, every runtime thread included).
    OutOfProcess(&'a ServerProcess),
}

impl Clocks<'_> {
    /// (client, server) CPU time so far.
    fn read(self) -> Result<(Duration, Duration), BoxError> {
        match self {
            Clocks::InProcess => {
                let client = thread_cpu_time()?;
                Ok((client, process_cpu_time()?.saturating_sub(client)))
            }
            Clocks::OutOfProcess(server) => Ok((process_cpu_time()?, server.cpu_time()?)),
        }
    }
}

/// What one measured run did.
#[derive(Clone, Copy, Debug)]
pub struct Measurement {
    /// Calls completed.
    pub calls: u64,
    /// Wall-clock time they took.
    pub wall: Duration,
    /// CPU time of the client (see [`Clocks`]).
    pub cpu: Duration,
    /// CPU time of the server (see [`Clocks`]).
    pub server_cpu: Duration,
    /// Allocations made by the client (on the threads counting them).
    pub allocations: u64,
}

impl Measurement {
    /// Completed calls per second of wall-clock time.
    pub fn calls_per_second(&self) -> f64 {
        self.calls as f64 / self.wall.as_secs_f64()
    }

    /// Client CPU time per call, in microseconds.
    pub fn cpu_micros_per_call(&self) -> f64 {
        self.cpu.as_secs_f64() * 1e6 / self.calls as f64
    }

    /// Server CPU time per call, in microseconds.
    pub fn server_cpu_micros_per_call(&self) -> f64 {
        self.server_cpu.as_secs_f64() * 1e6 / self.calls as f64
    }

    /// Client allocations per call.
    pub fn allocations_per_call(&self) -> f64 {
        self.allocations as f64 / self.calls as f64
    }
}

/// The medians of several runs of one contender, each metric on its own.
#[derive(Clone, Copy, Debug)]
pub struct Summary {
    /// See [`Measurement::calls_per_second`].
    pub calls_per_second: f64,
    /// See [`Measurement::cpu_micros_per_call`].
    pub cpu_micros_per_call: f64,
    /// See [`Measurement::server_cpu_micros_per_call`].
    pub server_cpu_micros_per_call: f64,
    /// See [`Measurement::allocations_per_call`].
    pub allocations_per_call: f64,
}

impl Summary {
    /// The median of `runs` (the upper one for an even count; NaN for none).
    pub fn median(runs: &[Measurement]) -> Summary {
        let median = |metric: fn(&Measurement) -> f64| median(runs.iter().map(metric).collect());
        Summary {
            calls_per_second: median(Measurement::calls_per_second),
            cpu_micros_per_call: median(Measurement::cpu_micros_per_call),
            server_cpu_micros_per_call: median(Measurement::server_cpu_micros_per_call),
            allocations_per_call: median(Measurement::allocations_per_call),
        }
    }
}

/// The median of `values` (the upper one for an even count; NaN for none).
pub fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

/// Runs `driver` for `warmup` (connecting, growing buffers), then measures
/// it for `duration`. Must run on a thread that counts allocations.
pub async fn measure(
    driver: &mut Driver,
    in_flight: usize,
    warmup: Duration,
    duration: Duration,
    clocks: Clocks<'_>,
) -> Result<Measurement, BoxError> {
    driver.run(in_flight, Instant::now() + warmup).await?;
    let (cpu, server_cpu) = clocks.read()?;
    let allocations = alloc::stats().allocations;
    let start = Instant::now();
    let calls = driver.run(in_flight, start + duration).await?;
    let wall = start.elapsed();
    let allocations = alloc::stats().allocations - allocations;
    let (cpu_after, server_cpu_after) = clocks.read()?;
    Ok(Measurement {
        calls,
        wall,
        cpu: cpu_after.saturating_sub(cpu),
        server_cpu: server_cpu_after.saturating_sub(server_cpu),
        allocations,
    })
}
