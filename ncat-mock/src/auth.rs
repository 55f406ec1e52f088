//! NapCat's access-token check, shared by every transport that has a handshake request.

use axum::http::HeaderMap;
use axum::http::header::AUTHORIZATION;
use serde_json::{Map, Value};

/// Whether a request presents `expected`, checked the way NapCat does: the `access_token` query
/// parameter if it is a non-empty string, else the `Authorization` header split on the literal
/// `"Bearer "` keeping the last piece (so a bare `Authorization: <token>` passes too).
pub(crate) fn presents_token(
    expected: &str,
    query: &Map<String, Value>,
    headers: &HeaderMap,
) -> bool {
    let presented = match query.get("access_token") {
        Some(Value::String(token)) if !token.is_empty() => token.as_str(),
        _ => header_token(headers),
    };
    presented == expected
}

fn header_token(headers: &HeaderMap) -> &str {
    headers
        .get(AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.rsplit("Bearer ").next())
        .unwrap_or("")
}
