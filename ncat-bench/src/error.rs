//! [`BoxError`]: how a measurement fails.

/// Any error; the benchmark reports it and stops.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;
