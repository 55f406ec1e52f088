//! Opening a forward WebSocket to NapCat: the handshake request with the
//! token, TLS for `wss://`, and what a refusal means. The handshake itself
//! is in [`handshake`](super::handshake), out of tungstenite's logs.

use std::fmt;
use std::time::Duration;

use super::address::Address;
use super::handshake::{ConnectError, Dialer, Socket};
use crate::error::Error;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;

/// How long the TCP connect, TLS and WebSocket handshake may take together;
/// NapCat itself gives reverse connections 2 s.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// Where and how to connect; built once, used for every attempt.
pub(crate) struct Target {
    address: Address,
    authorization: Option<HeaderValue>,
    config: WebSocketConfig,
    /// Connects, with TLS for `wss://`, and sends the handshake.
    dialer: Dialer,
}

impl Target {
    /// Checks `url` (`ws://` or `wss://`) and the token. An empty token means
    /// none. Sockets are configured with `config`.
    pub(crate) fn new(
        url: &str,
        token: Option<&str>,
        config: WebSocketConfig,
    ) -> Result<Self, Error> {
        let address = Address::parse(url)?;
        if address.is_secure() && !cfg!(feature = "__rustls") {
            return Err(Error::config(
                "wss:// URLs need ncat-api's `rustls` feature",
            ));
        }
        let authorization = match token.filter(|token| !token.is_empty()) {
            Some(token) => {
                let mut value =
                    HeaderValue::from_str(&format!("Bearer {token}")).map_err(|source| {
                        Error::config_caused_by(
                            "the token contains characters that cannot be sent in an HTTP header",
                            source,
                        )
                    })?;
                value.set_sensitive(true);
                Some(value)
            }
            None => {
                if !address.query_has("access_token") {
                    tracing::warn!(
                        url = %address.redacted(),
                        "connecting to NapCat without an access token; \
                         NapCat instances without a token have been abused, set one in NapCat and in ncat"
                    );
                }
                None
            }
        };
        Ok(Target {
            dialer: Dialer::new(address.is_secure())?,
            address,
            authorization,
            config,
        })
    }

    /// One attempt: TCP, TLS if `wss://`, then the WebSocket handshake.
    pub(crate) async fn connect(&self) -> Result<Socket, ConnectError> {
        let handshake = self
            .dialer
            .open(&self.address, self.authorization.as_ref(), self.config);
        match tokio::time::timeout(HANDSHAKE_TIMEOUT, handshake).await {
            Ok(result) => result,
            Err(elapsed) => Err(ConnectError::Failed(elapsed.into())),
        }
    }
}

impl fmt::Debug for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Target")
            .field("url", &self.address.redacted())
            .field("authenticated", &self.authorization.is_some())
            .finish()
    }
}

/// The target's URL without credentials or query, for logs.
pub(crate) fn redacted_target(target: &Target) -> String {
    target.address.redacted()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    fn config() -> WebSocketConfig {
        WebSocketConfig::default()
    }

    #[test]
    fn only_websocket_urls_are_accepted() {
        for url in ["http://127.0.0.1:3001", "127.0.0.1:3001", "", "mailto:a@b"] {
            let error = Target::new(url, Some("t"), config()).unwrap_err();
            assert!(matches!(error, Error::Config { .. }), "{url:?}: {error:?}");
        }
        Target::new("ws://127.0.0.1:3001/api", Some("t"), config()).unwrap();
        assert_eq!(
            Target::new("wss://napcat.example", Some("t"), config()).is_ok(),
            cfg!(feature = "__rustls")
        );
    }

    #[test]
    fn debug_hides_token_and_query() {
        let target = Target::new(
            "ws://user:pw@127.0.0.1:3001/?access_token=qs",
            Some("s3cret"),
            config(),
        )
        .unwrap();
        let debug = format!("{target:?}");
        for secret in ["s3cret", "qs", "pw"] {
            assert!(!debug.contains(secret), "{debug}");
        }
        assert!(debug.contains("ws://127.0.0.1:3001/"), "{debug}");
    }

    #[test]
    fn tokens_that_cannot_be_a_header_are_config_errors() {
        let error = Target::new("ws://127.0.0.1:3001", Some("a\nb"), config()).unwrap_err();
        assert!(matches!(error, Error::Config { .. }), "{error:?}");
    }
}
