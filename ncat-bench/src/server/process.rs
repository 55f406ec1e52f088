//! The servers in a process of their own, as NapCat is: the client's
//! process then holds the client alone, and its CPU time
//! (`getrusage(RUSAGE_SELF)`) is the client's whole cost, every thread of
//! its runtime included.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::time::Duration;

use super::{Endpoints, Listeners};
use crate::error::BoxError;

/// The server process's Tokio worker threads: a small server on a machine
/// the client shares.
const SERVER_WORKERS: usize = 2;

/// A running `ncat-bench-server`; stopped when dropped.
pub struct ServerProcess {
    child: Child,
    /// Held open: the server exits when it reaches end of input.
    stdin: Option<ChildStdin>,
    /// Where its servers listen.
    pub endpoints: Endpoints,
}

impl ServerProcess {
    /// Starts the server binary at `exe` and waits for it to say where it
    /// listens.
    pub fn start(exe: &Path) -> Result<ServerProcess, BoxError> {
        let mut child = Command::new(exe)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|error| format!("cannot start {}: {error}", exe.display()))?;
        let stdin = child.stdin.take();
        let mut line = String::new();
        if let Some(stdout) = child.stdout.take() {
            BufReader::new(stdout).read_line(&mut line)?;
        }
        let addrs: Vec<_> = line
            .split_whitespace()
            .map(str::parse)
            .collect::<Result<_, _>>()?;
        let [ws_batched, ws_every_reply, http] = addrs[..] else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("the server process said {line:?}, not three addresses").into());
        };
        Ok(ServerProcess {
            child,
            stdin,
            endpoints: Endpoints {
                ws_batched,
                ws_every_reply,
                http,
            },
        })
    }

    /// The server process's CPU time so far (user plus system, from
    /// `/proc/<pid>/stat`, in clock ticks: coarse, 10 ms).
    pub fn cpu_time(&self) -> Result<Duration, BoxError> {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.child.id()))?;
        // The fields after the command name, which is in parentheses and
        // may hold spaces: state is field 3, utime 14 and stime 15.
        let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
        let fields: Vec<&str> = after_name.split_whitespace().collect();
        let ticks = |index: usize| -> Result<u64, BoxError> {
            Ok(fields.get(index).ok_or("short /proc/<pid>/stat")?.parse()?)
        };
        let ticks = ticks(11)? + ticks(12)?;
        // SAFETY: sysconf only reads a configuration value.
        #[allow(unsafe_code)]
        let per_second = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
        let per_second = u64::try_from(per_second).unwrap_or(100).max(1);
        Ok(Duration::from_secs_f64(ticks as f64 / per_second as f64))
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        drop(self.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The `ncat-bench-server` binary: serves on a multi-thread runtime of
/// `SERVER_WORKERS` (two) workers, prints its three addresses (batching
/// WebSocket, flush-per-reply WebSocket, HTTP) on one line, and exits when
/// its standard input ends (the benchmark exited or dropped it).
pub fn serve_standalone() -> Result<(), BoxError> {
    let listeners = Listeners::bind()?;
    let endpoints = listeners.endpoints()?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(SERVER_WORKERS)
        .enable_all()
        .build()?;
    runtime.spawn(async move {
        if let Err(error) = listeners.serve().await {
            eprintln!("benchmark server failed: {error}");
        }
    });
    let mut stdout = std::io::stdout().lock();
    writeln!(
        stdout,
        "{} {} {}",
        endpoints.ws_batched, endpoints.ws_every_reply, endpoints.http
    )?;
    stdout.flush()?;
    drop(stdout);
    // Until the benchmark closes our input.
    std::io::copy(&mut std::io::stdin().lock(), &mut std::io::sink())?;
    runtime.shutdown_background();
    Ok(())
}
