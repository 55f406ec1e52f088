//! The loopback servers every client talks to: on a thread and runtime of
//! their own in the benchmark's process (so that the client thread's CPU
//! time is the client's alone), or in a process of their own
//! ([`ServerProcess`], the `ncat-bench-server` binary), as NapCat is.

mod http;
mod process;
mod ws;

use std::net::{SocketAddr, TcpListener};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

pub use process::{ServerProcess, serve_standalone};
pub use ws::Flush;

use crate::error::BoxError;

/// Where the servers that answer calls listen.
#[derive(Clone, Copy, Debug)]
pub struct Endpoints {
    /// WebSocket, answering every request; flushing as [`Flush::Batched`] says.
    pub ws_batched: SocketAddr,
    /// WebSocket, flushing after every reply (as NapCat does).
    pub ws_every_reply: SocketAddr,
    /// NapCat's HTTP API: `POST /{action}`.
    pub http: SocketAddr,
}

/// The answering servers' listeners, bound on 127.0.0.1 but not served yet.
struct Listeners {
    ws_batched: TcpListener,
    ws_every_reply: TcpListener,
    http: TcpListener,
}

impl Listeners {
    fn bind() -> Result<Listeners, BoxError> {
        let bind = || -> std::io::Result<TcpListener> {
            let listener = TcpListener::bind("127.0.0.1:0")?;
            listener.set_nonblocking(true)?;
            Ok(listener)
        };
        Ok(Listeners {
            ws_batched: bind()?,
            ws_every_reply: bind()?,
            http: bind()?,
        })
    }

    fn endpoints(&self) -> Result<Endpoints, BoxError> {
        Ok(Endpoints {
            ws_batched: self.ws_batched.local_addr()?,
            ws_every_reply: self.ws_every_reply.local_addr()?,
            http: self.http.local_addr()?,
        })
    }

    /// Serves all three until the process ends (or one fails to accept).
    async fn serve(self) -> std::io::Result<()> {
        let listen = tokio::net::TcpListener::from_std;
        tokio::try_join!(
            ws::serve(listen(self.ws_batched)?, Flush::Batched, None),
            ws::serve(listen(self.ws_every_reply)?, Flush::EveryReply, None),
            http::serve(listen(self.http)?),
        )?;
        Ok(())
    }
}

/// The servers running inside the benchmark's process.
pub struct Servers {
    /// The servers that answer calls.
    pub calls: Endpoints,
    /// WebSocket that reads every request and never answers.
    pub ws_silent: SocketAddr,
    received_silently: Arc<AtomicU64>,
}

impl Servers {
    /// Binds every server on 127.0.0.1 and serves them on a new thread for
    /// the rest of the process.
    pub fn start() -> Result<Servers, BoxError> {
        let listeners = Listeners::bind()?;
        let silent = TcpListener::bind("127.0.0.1:0")?;
        silent.set_nonblocking(true)?;
        let received_silently = Arc::new(AtomicU64::new(0));
        let servers = Servers {
            calls: listeners.endpoints()?,
            ws_silent: silent.local_addr()?,
            received_silently: Arc::clone(&received_silently),
        };
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        std::thread::Builder::new()
            .name("server".into())
            .spawn(move || {
                runtime.block_on(async move {
                    let silent = tokio::net::TcpListener::from_std(silent)?;
                    let served = tokio::try_join!(
                        listeners.serve(),
                        ws::serve(silent, Flush::Never, Some(received_silently)),
                    );
                    if let Err(error) = served {
                        eprintln!("benchmark server failed: {error}");
                    }
                    Ok::<(), std::io::Error>(())
                })
            })?;
        Ok(servers)
    }

    /// How many requests the silent server has read so far.
    pub fn received_silently(&self) -> u64 {
        self.received_silently.load(Ordering::Relaxed)
    }
}
