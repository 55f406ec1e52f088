//! A real `nats-server` for tests: started on `127.0.0.1` on a free port,
//! JetStream on with its store in a temporary directory, stopped (and the
//! directory removed) by [`NatsServer::stop`] or on drop.
//!
//! It runs the `nats-server` binary from `PATH` (Debian and Ubuntu package
//! `nats-server`; `NATS_SERVER` names another binary). No mock broker: what
//! passes here passes against NATS.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! let server = ncat_nats::testing::NatsServer::start().await?;
//! let nats = async_nats::connect(server.url()).await.map_err(std::io::Error::other)?;
//! // … a gateway and workers on `nats` …
//! server.stop().await;
//! # Ok(()) }
//! ```

use std::fmt;
use std::io;
use std::net::{Ipv4Addr, SocketAddr, TcpListener as StdListener};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::net::TcpStream;
use tokio::process::{Child, Command};

/// How long the server may take to accept its first client.
const READY_WITHIN: Duration = Duration::from_secs(10);
/// How often readiness is checked while waiting.
const READY_POLL: Duration = Duration::from_millis(20);
/// How often to try another port when the one picked was taken meanwhile.
const PORT_ATTEMPTS: usize = 5;
/// The configuration file naming the NKey user, in the server's store.
const NKEY_CONFIG: &str = "nkey.conf";
/// How long a stopping server may take to exit before it is killed.
const STOP_WITHIN: Duration = Duration::from_secs(5);

/// A running `nats-server` process; see the [module docs](self).
pub struct NatsServer {
    child: Child,
    addr: SocketAddr,
    /// JetStream's store, removed when the server is dropped.
    _store: tempfile::TempDir,
}

/// Configures a [`NatsServer`]: JetStream, TLS and client authentication.
#[derive(Default)]
#[must_use = "a NatsServerBuilder does nothing until `.start()` is called"]
pub struct NatsServerBuilder {
    without_jetstream: bool,
    user: Option<(String, String)>,
    token: Option<String>,
    nkey: Option<String>,
    tls: Option<(PathBuf, PathBuf)>,
}

impl NatsServer {
    /// Starts a server with JetStream and no authentication.
    ///
    /// # Errors
    /// If `nats-server` cannot be run or does not accept clients within
    /// 10 seconds.
    pub async fn start() -> io::Result<NatsServer> {
        NatsServer::builder().start().await
    }

    /// Starts configuring a server.
    pub fn builder() -> NatsServerBuilder {
        NatsServerBuilder::default()
    }

    /// The URL clients connect to, e.g. `nats://127.0.0.1:40123`.
    pub fn url(&self) -> String {
        format!("nats://{}", self.addr)
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The server's process id (to watch its CPU or memory).
    pub fn pid(&self) -> Option<u32> {
        self.child.id()
    }

    /// Stops the server and waits for its process to exit (killing it
    /// after 5 seconds), then removes its JetStream store.
    pub async fn stop(mut self) {
        // SIGKILL rather than a graceful shutdown: the tests want the
        // process gone, and the store is thrown away anyway.
        if self.child.start_kill().is_ok() {
            let _ = tokio::time::timeout(STOP_WITHIN, self.child.wait()).await;
        }
    }
}

impl fmt::Debug for NatsServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NatsServer")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

impl NatsServerBuilder {
    /// Runs the server without JetStream.
    pub fn without_jetstream(mut self) -> Self {
        self.without_jetstream = true;
        self
    }

    /// Requires clients to log in with this user name and password.
    pub fn user_and_password(
        mut self,
        user: impl Into<String>,
        password: impl Into<String>,
    ) -> Self {
        self.user = Some((user.into(), password.into()));
        self
    }

    /// Requires clients to present this token.
    pub fn token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// Requires clients to sign in with the NKey whose public key (`U…`)
    /// this is.
    pub fn nkey(mut self, public_key: impl Into<String>) -> Self {
        self.nkey = Some(public_key.into());
        self
    }

    /// Requires TLS with this certificate (chain) and key, PEM files.
    /// Clients connect with `tls://` and the server's address.
    pub fn tls(mut self, certificate: impl Into<PathBuf>, key: impl Into<PathBuf>) -> Self {
        self.tls = Some((certificate.into(), key.into()));
        self
    }

    /// Starts the server on a free port of `127.0.0.1` and waits until it
    /// accepts clients.
    ///
    /// # Errors
    /// If `nats-server` cannot be run, exits, or does not accept clients
    /// within 10 seconds.
    pub async fn start(self) -> io::Result<NatsServer> {
        let store = tempfile::Builder::new().prefix("ncat-nats-").tempdir()?;
        let mut last_error = None;
        // The port is free when picked but another process may take it
        // before the server binds it: then the server exits, and another
        // port is tried.
        for _ in 0..PORT_ATTEMPTS {
            let port = free_port()?;
            let mut child = self.spawn(port, store.path())?;
            let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
            match wait_until_ready(&mut child, addr).await {
                Ok(()) => {
                    return Ok(NatsServer {
                        child,
                        addr,
                        _store: store,
                    });
                }
                Err(error) => {
                    let _ = child.start_kill();
                    let _ = tokio::time::timeout(STOP_WITHIN, child.wait()).await;
                    last_error = Some(error);
                }
            }
        }
        Err(last_error.unwrap_or_else(|| io::Error::other("nats-server did not start")))
    }

    /// Runs `$NATS_SERVER`, else `nats-server` from `PATH`, else Debian's
    /// `/usr/sbin/nats-server` (not on every user's `PATH`).
    fn spawn(&self, port: u16, store: &Path) -> io::Result<Child> {
        if let Some(nkey) = &self.nkey {
            std::fs::write(
                store.join(NKEY_CONFIG),
                format!("authorization {{ users = [ {{ nkey: \"{nkey}\" }} ] }}\n"),
            )?;
        }
        let binaries = match std::env::var_os("NATS_SERVER") {
            Some(binary) => vec![binary],
            None => vec!["nats-server".into(), "/usr/sbin/nats-server".into()],
        };
        let mut last_error = None;
        for binary in binaries {
            match self.command(&binary, port, store).spawn() {
                Ok(child) => return Ok(child),
                Err(error) => last_error = Some(error),
            }
        }
        let error = last_error.unwrap_or_else(|| io::Error::from(io::ErrorKind::NotFound));
        Err(io::Error::new(
            error.kind(),
            format!("cannot run nats-server (install the `nats-server` package): {error}"),
        ))
    }

    fn command(&self, binary: &std::ffi::OsStr, port: u16, store: &Path) -> Command {
        let mut command = Command::new(binary);
        command.args(["--addr", "127.0.0.1", "--port", &port.to_string()]);
        if !self.without_jetstream {
            command.arg("--jetstream").arg("--store_dir").arg(store);
        }
        if let Some((user, password)) = &self.user {
            command.args(["--user", user, "--pass", password]);
        }
        if let Some(token) = &self.token {
            command.args(["--auth", token]);
        }
        if let Some((certificate, key)) = &self.tls {
            command
                .arg("--tls")
                .arg("--tlscert")
                .arg(certificate)
                .arg("--tlskey")
                .arg(key);
        }
        if self.nkey.is_some() {
            // NKey users exist only in a configuration file.
            command.arg("--config").arg(store.join(NKEY_CONFIG));
        }
        command
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            // A test that panics still ends the server.
            .kill_on_drop(true);
        command
    }
}

impl fmt::Debug for NatsServerBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NatsServerBuilder")
            .field("jetstream", &!self.without_jetstream)
            .field("user", &self.user.as_ref().map(|_| "<set>"))
            .field("token", &self.token.as_ref().map(|_| "<set>"))
            .field("nkey", &self.nkey)
            .field("tls", &self.tls)
            .finish()
    }
}

/// A port of `127.0.0.1` nobody listens on right now.
fn free_port() -> io::Result<u16> {
    Ok(StdListener::bind((Ipv4Addr::LOCALHOST, 0))?
        .local_addr()?
        .port())
}

/// Waits until the server at `addr` greets a client with its `INFO` line,
/// failing if the process exits first or 10 seconds pass.
async fn wait_until_ready(child: &mut Child, addr: SocketAddr) -> io::Result<()> {
    let ready = async {
        loop {
            if let Some(status) = child.try_wait()? {
                return Err(io::Error::other(format!(
                    "nats-server exited before accepting clients ({status})"
                )));
            }
            if greets(addr).await {
                return Ok(());
            }
            tokio::time::sleep(READY_POLL).await;
        }
    };
    tokio::time::timeout(READY_WITHIN, ready)
        .await
        .unwrap_or_else(|_| {
            Err(io::Error::new(
                io::ErrorKind::TimedOut,
                format!("nats-server did not accept clients on {addr} within {READY_WITHIN:?}"),
            ))
        })
}

/// Whether a NATS server answers on `addr` (its first line is `INFO`).
async fn greets(addr: SocketAddr) -> bool {
    let Ok(stream) = TcpStream::connect(addr).await else {
        return false;
    };
    let mut line = String::new();
    let mut reader = BufReader::new(stream);
    let read = reader.read_line(&mut line);
    matches!(tokio::time::timeout(READY_WITHIN, read).await, Ok(Ok(_))) && line.starts_with("INFO")
}
