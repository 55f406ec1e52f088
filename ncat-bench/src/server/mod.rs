//! The loopback servers every client talks to, on a thread and runtime of
//! their own so that the client thread's CPU time is the client's alone.

mod http;
mod ws;

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

pub use ws::Flush;

use crate::BoxError;

/// The addresses of the running servers.
pub struct Servers {
    /// WebSocket, answering every request; flushing as [`Flush`] says.
    pub ws_batched: SocketAddr,
    /// WebSocket, flushing after every reply (as NapCat does).
    pub ws_every_reply: SocketAddr,
    /// WebSocket that reads every request and never answers.
    pub ws_silent: SocketAddr,
    /// NapCat's HTTP API: `POST /{action}`.
    pub http: SocketAddr,
    received_silently: Arc<AtomicU64>,
}

impl Servers {
    /// Binds every server on 127.0.0.1 and serves them on a new thread for
    /// the rest of the process.
    pub fn start() -> Result<Servers, BoxError> {
        let listeners = [(); 4].map(|()| std::net::TcpListener::bind("127.0.0.1:0"));
        let [ws_batched, ws_every_reply, ws_silent, http] = listeners;
        let (ws_batched, ws_every_reply, ws_silent, http) =
            (ws_batched?, ws_every_reply?, ws_silent?, http?);
        let received_silently = Arc::new(AtomicU64::new(0));
        let servers = Servers {
            ws_batched: ws_batched.local_addr()?,
            ws_every_reply: ws_every_reply.local_addr()?,
            ws_silent: ws_silent.local_addr()?,
            http: http.local_addr()?,
            received_silently: Arc::clone(&received_silently),
        };
        for listener in [&ws_batched, &ws_every_reply, &ws_silent, &http] {
            listener.set_nonblocking(true)?;
        }
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        std::thread::Builder::new()
            .name("server".into())
            .spawn(move || {
                runtime.block_on(async move {
                    let listen = tokio::net::TcpListener::from_std;
                    let served = tokio::try_join!(
                        ws::serve(listen(ws_batched)?, Flush::Batched, None),
                        ws::serve(listen(ws_every_reply)?, Flush::EveryReply, None),
                        ws::serve(listen(ws_silent)?, Flush::Never, Some(received_silently)),
                        http::serve(listen(http)?),
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
