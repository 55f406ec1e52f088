//! NapCat's HTTP API, reduced to one fixed reply.

use std::io;

use axum::Router;
use axum::http::header::CONTENT_TYPE;
use axum::response::IntoResponse;
use axum::routing::post;
use axum::serve::ListenerExt;
use tokio::net::TcpListener;

use crate::reply::HTTP_REPLY;

/// Answers every `POST /{action}` with [`HTTP_REPLY`] until the process ends.
pub async fn serve(listener: TcpListener) -> io::Result<()> {
    let app = Router::new().route("/{action}", post(reply));
    let listener = listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    axum::serve(listener, app).await
}

async fn reply() -> impl IntoResponse {
    ([(CONTENT_TYPE, "application/json")], HTTP_REPLY)
}
