//! What the `generate!` macro costs: loading, generating and formatting the
//! schema in-process, and an incremental `cargo check` of ncat-api with the
//! macro against the same check `include!`-ing the committed snapshot
//! directly. The macro also compiles that snapshot when it is current, so
//! the difference is the macro's own work.

use std::fs::File;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant, SystemTime};

use crate::error::BoxError;

/// The fastest of `runs` schema loads and generations.
#[derive(Clone, Copy, Debug)]
pub struct SchemaTimes {
    /// `ncat_schema::read_sources` and `snapshot::fingerprint`: all the
    /// macro does when the snapshot is current.
    pub fingerprint: Duration,
    /// `ncat_schema::load_dir` (read, parse and validate the YAML).
    pub load: Duration,
    /// `ncat_schema::generate` (the token stream the macro returns).
    pub generate: Duration,
    /// `ncat_schema::snapshot::format` of that token stream (what
    /// regenerating the snapshot costs; the macro no longer formats).
    pub format: Duration,
}

/// An incremental `cargo check -p ncat-api` (after touching its `lib.rs`).
#[derive(Clone, Copy, Debug)]
pub struct CheckTime {
    /// Wall-clock time.
    pub wall: Duration,
    /// CPU time of cargo and rustc together.
    pub cpu: Duration,
}

fn workspace_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Times the macro's work without rustc around it (this binary's profile,
/// i.e. optimised under `cargo bench`; the macro itself runs unoptimised in
/// a debug build unless the profile says otherwise).
pub fn schema_times(runs: u32) -> Result<SchemaTimes, BoxError> {
    let dir = workspace_dir().join("schema");
    let mut best: Option<SchemaTimes> = None;
    for _ in 0..runs {
        let start = Instant::now();
        let sources = ncat_schema::read_sources(&dir)?;
        let fingerprint = black_box(ncat_schema::snapshot::fingerprint(&sources));
        let fingerprinted = Instant::now();
        let schema = ncat_schema::load_dir(&dir)?;
        let loaded = Instant::now();
        let items = black_box(ncat_schema::generate_api(&schema));
        let generated = Instant::now();
        black_box(ncat_schema::snapshot::format(&items, &fingerprint)?);
        let times = SchemaTimes {
            fingerprint: fingerprinted - start,
            load: loaded - fingerprinted,
            generate: generated - loaded,
            format: generated.elapsed(),
        };
        best = Some(match best {
            Some(best) => SchemaTimes {
                fingerprint: best.fingerprint.min(times.fingerprint),
                load: best.load.min(times.load),
                generate: best.generate.min(times.generate),
                format: best.format.min(times.format),
            },
            None => times,
        });
    }
    best.ok_or_else(|| "no run".into())
}

/// The fastest of `runs` incremental checks of ncat-api, with the macro and
/// with the snapshot `include!`d (the `extend` feature off, every other
/// default feature on). Runs `cargo rustc
/// --profile check` in the workspace, so only ncat-api is rebuilt; its
/// `lib.rs` is touched (mtime only) before every timed check.
pub fn check_times(runs: u32) -> Result<(CheckTime, CheckTime), BoxError> {
    Ok((check_time(false, runs)?, check_time(true, runs)?))
}

fn check_time(snapshot: bool, runs: u32) -> Result<CheckTime, BoxError> {
    // Switching features discards rustc's incremental state: one untimed
    // check first, so the timed ones are incremental.
    check(snapshot)?;
    let mut best: Option<CheckTime> = None;
    for _ in 0..runs {
        File::options()
            .write(true)
            .open(workspace_dir().join("ncat-api/src/lib.rs"))?
            .set_modified(SystemTime::now())?;
        let time = check(snapshot)?;
        best = Some(match best {
            Some(best) => CheckTime {
                wall: best.wall.min(time.wall),
                cpu: best.cpu.min(time.cpu),
            },
            None => time,
        });
    }
    best.ok_or_else(|| "no run".into())
}

fn check(snapshot: bool) -> Result<CheckTime, BoxError> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command.current_dir(workspace_dir()).args([
        "rustc",
        "--quiet",
        "-p",
        "ncat-api",
        "--lib",
        "--profile",
        "check",
    ]);
    if snapshot {
        command.args(["--no-default-features", "--features", "http,ws,post,rustls"]);
    }
    let cpu = crate::cpu::children_cpu_time()?;
    let start = Instant::now();
    let status = command.status()?;
    let wall = start.elapsed();
    if !status.success() {
        return Err(format!("`cargo rustc -p ncat-api` failed: {status}").into());
    }
    Ok(CheckTime {
        wall,
        cpu: crate::cpu::children_cpu_time()? - cpu,
    })
}
