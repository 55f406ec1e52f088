//! Timing one contender in one scenario: throughput, the client thread's
//! CPU time and allocations.

use std::time::{Duration, Instant};

use crate::BoxError;
use crate::alloc;
use crate::client::Driver;
use crate::cpu::thread_cpu_time;

/// What one measured run did.
#[derive(Clone, Copy, Debug)]
pub struct Measurement {
    /// Calls completed.
    pub calls: u64,
    /// Wall-clock time they took.
    pub wall: Duration,
    /// CPU time of the client thread (which runs the whole client).
    pub cpu: Duration,
    /// Allocations made on the client thread.
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

    /// Client allocations per call.
    pub fn allocations_per_call(&self) -> f64 {
        self.allocations as f64 / self.calls as f64
    }
}

/// Runs `driver` for `warmup` (connecting, growing buffers), then measures
/// it for `duration`. Must run on the thread that counts allocations.
pub async fn measure(
    driver: &mut Driver,
    in_flight: usize,
    warmup: Duration,
    duration: Duration,
) -> Result<Measurement, BoxError> {
    driver.run(in_flight, Instant::now() + warmup).await?;
    let cpu = thread_cpu_time()?;
    let allocations = alloc::stats().allocations;
    let start = Instant::now();
    let calls = driver.run(in_flight, start + duration).await?;
    Ok(Measurement {
        calls,
        wall: start.elapsed(),
        cpu: thread_cpu_time()? - cpu,
        allocations: alloc::stats().allocations - allocations,
    })
}
