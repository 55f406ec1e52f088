//! NapCat's WebSocket adapter: forward connections upgraded from the HTTP port (as with
//! NapCat's `enableWebsocket`), and reverse connections the mock opens to a bot.

mod hub;
mod reverse;
mod session;

use std::sync::Arc;

use axum::extract::Request;
use axum::http::header::{
    CONNECTION, SEC_WEBSOCKET_ACCEPT, SEC_WEBSOCKET_KEY, SEC_WEBSOCKET_VERSION, UPGRADE,
};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use hyper_util::rt::TokioIo;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;
use tokio_tungstenite::tungstenite::protocol::Role;

pub(crate) use self::hub::Hub;
pub(crate) use self::reverse::connect as connect_reverse;
use self::session::{Peer, Registration};
use crate::MockState;
use crate::auth::presents_token;
use crate::query::query_params;

/// Whether `request` asks to become a WebSocket.
pub(crate) fn is_upgrade(request: &Request) -> bool {
    request.method() == Method::GET
        && request
            .headers()
            .get(UPGRADE)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|value| value.eq_ignore_ascii_case("websocket"))
}

/// Completes the handshake and serves the socket: NapCat's semantics for the path (`/api` gets
/// no events) and for the token (a wrong one still gets the handshake, then a 1403 frame and a
/// close).
pub(crate) fn upgrade(state: Arc<MockState>, mut request: Request) -> Response {
    let Some(key) = request.headers().get(SEC_WEBSOCKET_KEY).cloned() else {
        return (StatusCode::BAD_REQUEST, "missing Sec-WebSocket-Key").into_response();
    };
    if request
        .headers()
        .get(SEC_WEBSOCKET_VERSION)
        .is_none_or(|version| version != "13")
    {
        return (StatusCode::BAD_REQUEST, "unsupported WebSocket version").into_response();
    }
    let on_upgrade = hyper::upgrade::on(&mut request);
    let path = request.uri().path().to_owned();
    let authorized = state
        .token
        .as_deref()
        .is_none_or(|token| presents_token(token, &query_params(request.uri()), request.headers()));
    let peer = Peer {
        universal: path.trim_end_matches('/') != "/api",
        path,
        query: request.uri().query().map(str::to_owned),
        headers: request.headers().clone(),
    };
    // Registered before the client gets its 101, so that an event pushed as soon as the client
    // is connected reaches it; dropped (unregistered) if the upgrade then fails.
    let registration = authorized.then(|| Registration::new(&state, peer.universal));
    state.hub.spawn(async move {
        let upgraded = match on_upgrade.await {
            Ok(upgraded) => upgraded,
            Err(error) => {
                tracing::debug!(%error, "mock NapCat WebSocket upgrade failed");
                return;
            }
        };
        let socket =
            WebSocketStream::from_raw_socket(TokioIo::new(upgraded), Role::Server, None).await;
        match registration {
            Some(registration) => session::run(socket, peer, registration).await,
            None => session::reject(socket).await,
        }
    });

    let mut response = StatusCode::SWITCHING_PROTOCOLS.into_response();
    let headers = response.headers_mut();
    headers.insert(CONNECTION, HeaderValue::from_static("Upgrade"));
    headers.insert(UPGRADE, HeaderValue::from_static("websocket"));
    if let Ok(accept) = HeaderValue::from_str(&derive_accept_key(key.as_bytes())) {
        headers.insert(SEC_WEBSOCKET_ACCEPT, accept);
    }
    response
}
