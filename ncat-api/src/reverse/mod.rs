//! Reverse WebSocket: the bot runs a server and NapCat connects to it
//! (NapCat's `network.websocketClients`).
//!
//! Each NapCat account that connects becomes a [`ReverseConnection`] with
//! its own [`Client`]: the same action methods as any client, and its
//! events through [`Client::events`].
//!
//! ```no_run
//! use ncat_api::reverse::ReverseServer;
//!
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! let mut server = ReverseServer::builder()
//!     .token("s3cret") // the `token` of NapCat's websocketClients entry
//!     .bind("127.0.0.1:8082")
//!     .await?;
//! while let Some(connection) = server.accept().await {
//!     let client = connection.client().clone();
//!     tokio::spawn(async move {
//!         let mut events = client.events();
//!         while let Some(event) = events.next().await {
//!             println!("{event:?}");
//!         }
//!     });
//! }
//! # Ok(()) }
//! ```

mod handshake;

use std::fmt;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::net::{TcpListener, TcpStream, ToSocketAddrs};
use tokio::sync::mpsc;
use tokio::task::{JoinHandle, JoinSet};
use tokio_tungstenite::tungstenite::handshake::server::{Request, Response};

use crate::client::Client;
use crate::event::EventHub;
use crate::id::UserId;
use crate::settings::{ConnectionSettings, connection_setters};
use crate::transport::ws::WsTransport;

/// How long a connecting NapCat may take for the handshake (NapCat itself
/// gives up after 2 s).
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// How long to pause after a failed `accept`: failures such as running out
/// of file descriptors last a while, and retrying at once would spin.
const ACCEPT_ERROR_BACKOFF: Duration = Duration::from_millis(100);

/// A server NapCat connects to. Connections are accepted and checked in
/// the background; take them with [`accept`](Self::accept). Dropping the
/// server stops listening (connections already handed out stay open).
pub struct ReverseServer {
    local_addr: SocketAddr,
    connections: mpsc::Receiver<ReverseConnection>,
    task: JoinHandle<()>,
}

impl ReverseServer {
    /// Starts configuring a server.
    pub fn builder() -> ReverseServerBuilder {
        ReverseServerBuilder::default()
    }

    /// The address the server listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// The next NapCat that connected and passed the checks. Refused
    /// handshakes (wrong token, no `X-Self-ID`) are logged and skipped.
    /// `None` only if the server's background task is gone.
    pub async fn accept(&mut self) -> Option<ReverseConnection> {
        self.connections.recv().await
    }
}

impl Drop for ReverseServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl fmt::Debug for ReverseServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReverseServer")
            .field("local_addr", &self.local_addr)
            .finish_non_exhaustive()
    }
}

/// Configures a [`ReverseServer`].
#[derive(Default)]
#[must_use = "a ReverseServerBuilder does nothing until `.bind(…)` is awaited"]
pub struct ReverseServerBuilder {
    token: Option<String>,
    settings: ConnectionSettings,
}

impl ReverseServerBuilder {
    /// The token NapCat must present (`Authorization: Bearer <token>`),
    /// i.e. the `token` of its `websocketClients` entry. An empty token
    /// means none: every connection is accepted, with a warning.
    pub fn token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into()).filter(|token| !token.is_empty());
        self
    }

    connection_setters!();

    /// Listens on `addr` (e.g. `127.0.0.1:8082`, NapCat's default target
    /// port) and starts accepting on the current Tokio runtime.
    ///
    /// # Errors
    /// If the address cannot be bound.
    pub async fn bind(self, addr: impl ToSocketAddrs) -> io::Result<ReverseServer> {
        let listener = TcpListener::bind(addr).await?;
        let local_addr = listener.local_addr()?;
        if self.token.is_none() {
            tracing::warn!(
                %local_addr,
                "accepting NapCat connections without a token: anyone who can reach this port \
                 can pose as NapCat; set a token in NapCat and in ncat"
            );
        }
        let settings = Arc::new(Settings {
            token: self.token,
            connection: self.settings,
        });
        let (sender, connections) = mpsc::channel(16);
        let task = tokio::spawn(serve(listener, settings, sender));
        Ok(ReverseServer {
            local_addr,
            connections,
            task,
        })
    }
}

impl fmt::Debug for ReverseServerBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReverseServerBuilder")
            .field("token", &self.token.as_ref().map(|_| "<redacted>"))
            .field("settings", &self.settings)
            .finish()
    }
}

/// One NapCat account connected to a [`ReverseServer`].
#[derive(Debug, Clone)]
pub struct ReverseConnection {
    self_id: UserId,
    peer_addr: SocketAddr,
    client: Client,
}

impl ReverseConnection {
    /// The bot account NapCat runs, from its `X-Self-ID` header.
    pub fn self_id(&self) -> UserId {
        self.self_id
    }

    /// Where NapCat connected from.
    pub fn peer_addr(&self) -> SocketAddr {
        self.peer_addr
    }

    /// The client for this connection: its calls go to this NapCat, and
    /// [`Client::events`] gives its events. Once NapCat disconnects, calls
    /// fail with [`Error::Disconnected`](crate::Error::Disconnected) and
    /// the event stream ends; when NapCat reconnects, it arrives as a new
    /// connection.
    pub fn client(&self) -> &Client {
        &self.client
    }
}

/// What every connection's setup needs.
struct Settings {
    token: Option<String>,
    connection: ConnectionSettings,
}

async fn serve(
    listener: TcpListener,
    settings: Arc<Settings>,
    connections: mpsc::Sender<ReverseConnection>,
) {
    let mut handshakes = JoinSet::new();
    loop {
        tokio::select! {
            () = connections.closed() => return,
            accepted = listener.accept() => match accepted {
                Ok((stream, peer)) => {
                    let settings = Arc::clone(&settings);
                    let connections = connections.clone();
                    handshakes.spawn(async move {
                        if let Some(connection) = handshake(stream, peer, &settings).await {
                            // The server may be gone; then so is the use for it.
                            let _ = connections.send(connection).await;
                        }
                    });
                }
                Err(error) => {
                    tracing::warn!(%error, "failed to accept a reverse WebSocket connection");
                    tokio::time::sleep(ACCEPT_ERROR_BACKOFF).await;
                }
            },
            Some(_) = handshakes.join_next() => {}
        }
    }
}

/// Runs the WebSocket handshake, checking the token and `X-Self-ID`.
async fn handshake(
    stream: TcpStream,
    peer_addr: SocketAddr,
    settings: &Settings,
) -> Option<ReverseConnection> {
    if let Err(error) = stream.set_nodelay(true) {
        tracing::debug!(%error, "could not set TCP_NODELAY");
    }
    let mut self_id = None;
    // The callback's signature, large error response included, is tungstenite's.
    #[allow(clippy::result_large_err)]
    let check = |request: &Request, response: Response| match handshake::check(
        request,
        settings.token.as_deref(),
    ) {
        Ok(id) => {
            self_id = Some(id);
            Ok(response)
        }
        Err(refusal) => {
            tracing::warn!(%peer_addr, ?refusal, "refused a reverse WebSocket connection");
            Err(handshake::refusal_response(refusal))
        }
    };
    let socket = match tokio::time::timeout(
        HANDSHAKE_TIMEOUT,
        tokio_tungstenite::accept_hdr_async_with_config(
            stream,
            check,
            Some(settings.connection.socket().websocket_config()),
        ),
    )
    .await
    {
        Ok(Ok(socket)) => socket,
        Ok(Err(error)) => {
            tracing::debug!(%peer_addr, %error, "reverse WebSocket handshake failed");
            return None;
        }
        Err(_elapsed) => {
            tracing::debug!(%peer_addr, "reverse WebSocket handshake timed out");
            return None;
        }
    };
    let self_id = self_id?;
    tracing::info!(%peer_addr, %self_id, "NapCat connected");
    let (hub, sink) = EventHub::new(settings.connection.event_buffer);
    let transport = WsTransport::over_socket(
        socket,
        settings.connection.socket(),
        sink,
        format!("reverse {peer_addr}"),
    );
    let client = Client::from_parts(
        Box::new(transport),
        "reverse-ws",
        Some(hub),
        &settings.connection,
    );
    Some(ReverseConnection {
        self_id,
        peer_addr,
        client,
    })
}
