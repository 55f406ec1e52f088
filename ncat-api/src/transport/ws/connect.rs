//! Opening a forward WebSocket to NapCat: the handshake request with the
//! token, TLS for `wss://`, and what a refusal means.

use std::fmt;
use std::time::Duration;

use reqwest::Url;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::header::{AUTHORIZATION, USER_AGENT};
use tokio_tungstenite::tungstenite::http::{HeaderValue, StatusCode};
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use crate::error::Error;

/// How long the TCP connect, TLS and WebSocket handshake may take together;
/// NapCat itself gives reverse connections 2 s.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

pub(crate) type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// Where and how to connect; built once, used for every attempt.
pub(crate) struct Target {
    url: Url,
    authorization: Option<HeaderValue>,
    config: WebSocketConfig,
    #[cfg(feature = "rustls")]
    tls: Option<tokio_tungstenite::Connector>,
}

/// Why an attempt failed.
pub(crate) enum ConnectError {
    /// The server refused the token during the handshake (HTTP 401/403).
    Unauthorized,
    /// Anything else; worth retrying.
    Failed(Box<dyn std::error::Error + Send + Sync>),
}

impl Target {
    /// Checks `url` (`ws://` or `wss://`) and the token. An empty token means
    /// none. No message or frame larger than `max_reply_size` is read.
    pub(crate) fn new(
        url: &str,
        token: Option<&str>,
        max_reply_size: usize,
    ) -> Result<Self, Error> {
        // The parse error never echoes the input, which may hold `?access_token=`.
        let url = Url::parse(url).map_err(|source| {
            Error::config_caused_by("the NapCat URL is not a valid URL", source)
        })?;
        #[cfg_attr(not(feature = "rustls"), allow(unused_variables))]
        let secure = match url.scheme() {
            "ws" => false,
            "wss" if cfg!(feature = "rustls") => true,
            "wss" => {
                return Err(Error::config(
                    "wss:// URLs need ncat-api's `rustls` feature",
                ));
            }
            _ => {
                return Err(Error::config(
                    "the WebSocket transport needs a ws:// or wss:// URL",
                ));
            }
        };
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
                if !url.query_pairs().any(|(key, _)| key == "access_token") {
                    tracing::warn!(
                        url = %redacted(&url),
                        "connecting to NapCat without an access token; \
                         NapCat instances without a token have been abused, set one in NapCat and in ncat"
                    );
                }
                None
            }
        };
        Ok(Target {
            #[cfg(feature = "rustls")]
            tls: if secure {
                Some(tls::connector()?)
            } else {
                None
            },
            url,
            authorization,
            config: WebSocketConfig::default()
                .max_message_size(Some(max_reply_size))
                .max_frame_size(Some(max_reply_size)),
        })
    }

    /// One attempt: TCP, TLS if `wss://`, then the WebSocket handshake.
    pub(crate) async fn connect(&self) -> Result<Socket, ConnectError> {
        let mut request = self
            .url
            .as_str()
            .into_client_request()
            .map_err(|error| ConnectError::Failed(error.into()))?;
        let headers = request.headers_mut();
        headers.insert(
            USER_AGENT,
            HeaderValue::from_static(concat!("ncat/", env!("CARGO_PKG_VERSION"))),
        );
        if let Some(authorization) = &self.authorization {
            headers.insert(AUTHORIZATION, authorization.clone());
        }

        #[cfg(feature = "rustls")]
        let handshake = tokio_tungstenite::connect_async_tls_with_config(
            request,
            Some(self.config),
            true,
            self.tls.clone(),
        );
        #[cfg(not(feature = "rustls"))]
        let handshake =
            tokio_tungstenite::connect_async_with_config(request, Some(self.config), true);

        match tokio::time::timeout(HANDSHAKE_TIMEOUT, handshake).await {
            Ok(Ok((socket, _response))) => Ok(socket),
            Ok(Err(tokio_tungstenite::tungstenite::Error::Http(response)))
                if matches!(
                    response.status(),
                    StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN
                ) =>
            {
                Err(ConnectError::Unauthorized)
            }
            Ok(Err(error)) => Err(ConnectError::Failed(error.into())),
            Err(elapsed) => Err(ConnectError::Failed(elapsed.into())),
        }
    }
}

impl fmt::Debug for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Target")
            .field("url", &redacted(&self.url))
            .field("authenticated", &self.authorization.is_some())
            .finish()
    }
}

/// The target's URL without credentials or query, for logs.
pub(crate) fn redacted_target(target: &Target) -> String {
    redacted(&target.url)
}

/// The URL without credentials or query (which may hold `access_token`).
fn redacted(url: &Url) -> String {
    format!("{}{}", url.origin().ascii_serialization(), url.path())
}

#[cfg(feature = "rustls")]
mod tls {
    use std::sync::Arc;

    use rustls::ClientConfig;
    use rustls::crypto::CryptoProvider;
    use rustls_platform_verifier::BuilderVerifierExt;
    use tokio_tungstenite::Connector;

    use crate::error::Error;

    /// rustls with the platform's certificate verifier, like reqwest's
    /// `rustls` feature. Built explicitly so that a second crypto provider
    /// elsewhere in the program cannot make rustls pick none (and panic).
    pub(super) fn connector() -> Result<Connector, Error> {
        let provider = CryptoProvider::get_default()
            .cloned()
            .unwrap_or_else(|| Arc::new(rustls::crypto::aws_lc_rs::default_provider()));
        let config = ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .and_then(|builder| builder.with_platform_verifier())
            .map_err(|source| Error::config_caused_by("TLS could not be set up", source))?
            .with_no_client_auth();
        Ok(Connector::Rustls(Arc::new(config)))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    const LIMIT: usize = crate::Client::DEFAULT_MAX_REPLY_SIZE;

    #[test]
    fn only_websocket_urls_are_accepted() {
        for url in ["http://127.0.0.1:3001", "127.0.0.1:3001", "", "mailto:a@b"] {
            let error = Target::new(url, Some("t"), LIMIT).unwrap_err();
            assert!(matches!(error, Error::Config { .. }), "{url:?}: {error:?}");
        }
        Target::new("ws://127.0.0.1:3001/api", Some("t"), LIMIT).unwrap();
        assert_eq!(
            Target::new("wss://napcat.example", Some("t"), LIMIT).is_ok(),
            cfg!(feature = "rustls")
        );
    }

    #[test]
    fn debug_hides_token_and_query() {
        let target = Target::new(
            "ws://user:pw@127.0.0.1:3001/?access_token=qs",
            Some("s3cret"),
            LIMIT,
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
        let error = Target::new("ws://127.0.0.1:3001", Some("a\nb"), LIMIT).unwrap_err();
        assert!(matches!(error, Error::Config { .. }), "{error:?}");
    }
}
