//! The mock playing NapCat's reverse WebSocket client (`websocketClients`): it dials the bot.

use std::io;
use std::sync::Arc;

use axum::http::HeaderValue;
use axum::http::header::{AUTHORIZATION, USER_AGENT};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::{self, http::StatusCode};

use super::session::{self, Peer};
use crate::MockState;

/// Connects to the bot at `url` with NapCat's handshake headers and serves the socket in the
/// background, like a universal forward connection.
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
    let socket = match tokio_tungstenite::connect_async(request).await {
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
    let session_state = Arc::clone(&state);
    state.hub.spawn(session::run(session_state, socket, peer));
    Ok(())
}
