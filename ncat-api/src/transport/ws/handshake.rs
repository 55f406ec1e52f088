//! The forward WebSocket's opening handshake, sent by reqwest.
//!
//! tungstenite's client handshake logs the raw upgrade request at TRACE
//! through `log`, `Authorization: Bearer <token>` and `?access_token=`
//! included, and any logger at TRACE writes it out. So tungstenite never
//! sees the request: reqwest, which logs neither headers nor URLs, sends the
//! HTTP/1.1 upgrade (the token marked sensitive) and checks nothing but
//! transport; the answer is checked here (RFC 6455 §4.1), and tungstenite
//! only gets the upgraded connection.

use reqwest::header::{
    AUTHORIZATION, CONNECTION, HeaderMap, HeaderValue, SEC_WEBSOCKET_ACCEPT, SEC_WEBSOCKET_KEY,
    SEC_WEBSOCKET_VERSION, UPGRADE,
};
use reqwest::{StatusCode, Url};
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::handshake::client::generate_key;
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;
use tokio_tungstenite::tungstenite::protocol::{Role, WebSocketConfig};

use super::connect::ConnectError;
use crate::error::Error;

/// An open forward WebSocket.
pub(crate) type Socket = WebSocketStream<reqwest::Upgraded>;

/// The HTTP client handshakes go through: HTTP/1.1 only (HTTP/2 has no
/// `Upgrade`), no redirects and no proxy, like a plain WebSocket dial.
/// `wss://` uses reqwest's TLS (rustls with the platform's verifier).
pub(crate) fn http_client() -> Result<reqwest::Client, Error> {
    reqwest::Client::builder()
        .http1_only()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .tcp_nodelay(true)
        .user_agent(concat!("ncat/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|source| Error::config_caused_by("the HTTP client could not be set up", source))
}

/// Upgrades a connection to `url` (`ws://` or `wss://`) to a WebSocket.
pub(crate) async fn open(
    client: &reqwest::Client,
    url: &Url,
    authorization: Option<&HeaderValue>,
    config: WebSocketConfig,
) -> Result<Socket, ConnectError> {
    let mut url = url.clone();
    let scheme = if url.scheme() == "wss" {
        "https"
    } else {
        "http"
    };
    url.set_scheme(scheme)
        .map_err(|()| failed("the URL cannot be dialled over HTTP"))?;
    let key = generate_key();
    let mut request = client
        .get(url)
        .header(CONNECTION, "Upgrade")
        .header(UPGRADE, "websocket")
        .header(SEC_WEBSOCKET_VERSION, "13")
        .header(SEC_WEBSOCKET_KEY, &key);
    if let Some(authorization) = authorization {
        request = request.header(AUTHORIZATION, authorization.clone());
    }
    // `without_url`: reqwest's messages would quote the URL, query included.
    let response = request
        .send()
        .await
        .map_err(|error| ConnectError::Failed(error.without_url().into()))?;
    match response.status() {
        StatusCode::SWITCHING_PROTOCOLS => {}
        StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => return Err(ConnectError::Unauthorized),
        status => {
            return Err(failed(&format!(
                "the server answered the WebSocket handshake with HTTP {status}"
            )));
        }
    }
    check_upgrade(response.headers(), &key)?;
    let upgraded = response
        .upgrade()
        .await
        .map_err(|error| ConnectError::Failed(error.without_url().into()))?;
    Ok(WebSocketStream::from_raw_socket(upgraded, Role::Client, Some(config)).await)
}

/// The checks RFC 6455 asks of a client on a `101` answer.
fn check_upgrade(headers: &HeaderMap, key: &str) -> Result<(), ConnectError> {
    let has = |name, expected: &str| {
        headers.get_all(name).iter().any(|value| {
            value.to_str().is_ok_and(|value| {
                value
                    .split(',')
                    .any(|token| token.trim().eq_ignore_ascii_case(expected))
            })
        })
    };
    if !has(UPGRADE, "websocket") || !has(CONNECTION, "upgrade") {
        return Err(failed("the server's answer is not a WebSocket upgrade"));
    }
    let accept = derive_accept_key(key.as_bytes());
    if headers.get(SEC_WEBSOCKET_ACCEPT).map(HeaderValue::as_bytes) != Some(accept.as_bytes()) {
        return Err(failed(
            "the server's Sec-WebSocket-Accept does not match the key",
        ));
    }
    Ok(())
}

fn failed(reason: &str) -> ConnectError {
    ConnectError::Failed(reason.into())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_str(value).unwrap());
        }
        map
    }

    #[test]
    fn an_answer_is_checked_against_the_key() {
        // RFC 6455 §1.3's example.
        let key = "dGhlIHNhbXBsZSBub25jZQ==";
        let accept = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";
        let good = [
            ("upgrade", "WebSocket"),
            ("connection", "keep-alive, Upgrade"),
            ("sec-websocket-accept", accept),
        ];
        assert!(check_upgrade(&headers(&good), key).is_ok());
        for missing in 0..good.len() {
            let mut partial = good.to_vec();
            partial.remove(missing);
            assert!(check_upgrade(&headers(&partial), key).is_err(), "{missing}");
        }
        let wrong = [good[0], good[1], ("sec-websocket-accept", "x")];
        assert!(check_upgrade(&headers(&wrong), key).is_err());
    }
}
