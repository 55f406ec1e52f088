//! The accept loop: serves connections until told to stop, then closes every one of them.

use std::time::Duration;

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;
use tokio::task::JoinSet;

/// How long to pause after a failed `accept`: failures such as running out of file descriptors
/// last a while, and retrying at once would spin.
const ACCEPT_ERROR_BACKOFF: Duration = Duration::from_millis(10);

/// Serves `router` on `listener` until `stop` fires or its sender is dropped.
///
/// Unlike `axum::serve`, every connection task lives in a [`JoinSet`] owned here, so stopping
/// closes the listener and all connections, even those waiting in a delayed reply, before this
/// returns.
pub(crate) async fn serve(listener: TcpListener, router: Router, mut stop: oneshot::Receiver<()>) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            _ = &mut stop => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _peer)) => {
                    connections.spawn(serve_connection(stream, router.clone()));
                }
                Err(error) => {
                    tracing::warn!(%error, "mock NapCat failed to accept a connection");
                    tokio::time::sleep(ACCEPT_ERROR_BACKOFF).await;
                }
            },
            // Reap finished connections so a long-lived mock does not pile them up.
            Some(_) = connections.join_next() => {}
        }
    }
    drop(listener);
    connections.shutdown().await;
}

async fn serve_connection(stream: TcpStream, router: Router) {
    // Replies are small and written at once; don't let Nagle hold them back.
    if let Err(error) = stream.set_nodelay(true) {
        tracing::debug!(%error, "mock NapCat could not set TCP_NODELAY");
    }
    let service = TowerToHyperService::new(router);
    if let Err(error) = http1::Builder::new()
        .serve_connection(TokioIo::new(stream), service)
        // WebSocket upgrades hand the socket to a session the hub tracks.
        .with_upgrades()
        .await
    {
        tracing::debug!(%error, "mock NapCat connection ended with an error");
    }
}
