//! The mock playing NapCat's reverse WebSocket client (`websocketClients`): it dials the bot.

use std::io;
use std::sync::Arc;

use axum::http::HeaderValue;
use axum::http::header::{AUTHORIZATION, USER_AGENT};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::{self, http::StatusCode};

use super::session::{self, Peer, Registration};
use crate::MockState;

/// Connects to the bot at `url` with NapCat's handshake headers and serves the socket in the
/// background, like a universal forward connection. Once this returns, the socket is among the
/// mock's open WebSockets: events pushed from then on reach it.
pub(crate) async fn connect(state: Arc<MockState>, url: &str) -> io::Result<()> {
    let mut request = url.into_client_request().map_err(io::Error::other)?;
    let token = state.token.as_deref().unwrap_or_default();
    let headers = request.headers_mut();
    headers.insert("x-self-id", HeaderValue::from(state.self_id));
    // NapCat always sends the header, with an empty token when it has none.
    headers.insert(
        AUTHORIZATION,
        HeaderValue::from_str(&format!("Bearer {token}")).map_err(io::Error::other)?,
    );
    headers.insert("x-client-role", HeaderValue::from_static("Universal"));
    headers.insert(USER_AGENT, HeaderValue::from_static("OneBot/11"));
    let peer = Peer {
        path: request.uri().path().to_owned(),
        query: request.uri().query().map(str::to_owned),
        headers: request.headers().clone(),
        universal: true,
    };
    // Nagle's algorithm off, as NapCat's `ws` library sets on every socket: with it on, each
    // event frame written while the previous one is unacknowledged waits for the bot's delayed
    // ACK (40 ms on Linux), and a burst crawls.
    let socket = match tokio_tungstenite::connect_async_with_config(request, None, true).await {
        Ok((socket, _response)) => socket,
        Err(tungstenite::Error::Http(response))
            if matches!(
                response.status(),
                StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN
            ) =>
        {
            return Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                format!("the bot refused the handshake with {}", response.status()),
            ));
        }
        Err(error) => return Err(io::Error::other(error)),
    };
    // Registered before returning, so that an event pushed as soon as this returns reaches
    // the bot rather than a socket the hub does not know yet.
    let registration = Registration::new(&state, peer.universal);
    state.hub.spawn(session::run(socket, peer, registration));
    Ok(())
}
