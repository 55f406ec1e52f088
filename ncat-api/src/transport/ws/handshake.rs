//! The forward WebSocket's opening handshake (RFC 6455 §4.1), written here.
//!
//! tungstenite's client handshake logs the raw upgrade request at TRACE
//! through `log`, `Authorization: Bearer <token>` and `?access_token=`
//! included, and any logger at TRACE writes it out. So tungstenite never
//! sees the request: it is written and its answer read and checked here,
//! where nothing logs either, and tungstenite only gets the open connection
//! and whatever NapCat sent after its answer (its first event, at once).

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::handshake::client::generate_key;
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::protocol::{Role, WebSocketConfig};
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use super::address::{Address, Host};
use crate::error::Error;

/// Why an attempt failed.
pub(crate) enum ConnectError {
    /// The server refused the token during the handshake (HTTP 401/403).
    Unauthorized,
    /// Anything else; worth retrying.
    Failed(Box<dyn std::error::Error + Send + Sync>),
}

/// An open forward WebSocket.
pub(crate) type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// The most of the server's answer read before its head ends: a `101` head
/// is a few hundred bytes, and a server sending more is not waited for.
const MAX_HEAD: usize = 16 * 1024;

/// The most header lines the answer may have.
const MAX_HEADERS: usize = 64;

/// Opens TCP connections, with TLS for `wss://`, and upgrades them.
pub(crate) struct Dialer {
    /// Set for `wss://`.
    #[cfg(feature = "__rustls")]
    tls: Option<tokio_rustls::TlsConnector>,
}

impl Dialer {
    /// A dialer for `wss://` if `secure`, else for `ws://`.
    #[cfg_attr(not(feature = "__rustls"), allow(unused_variables))]
    pub(crate) fn new(secure: bool) -> Result<Self, Error> {
        Ok(Dialer {
            #[cfg(feature = "__rustls")]
            tls: if secure {
                Some(tls::connector()?)
            } else {
                None
            },
        })
    }

    /// Connects to `address` and upgrades the connection to a WebSocket.
    pub(crate) async fn open(
        &self,
        address: &Address,
        authorization: Option<&HeaderValue>,
        config: WebSocketConfig,
    ) -> Result<Socket, ConnectError> {
        let port = address.port();
        let tcp = match address.host() {
            Host::Domain(domain) => TcpStream::connect((domain.as_str(), port)).await,
            Host::Ip(ip) => TcpStream::connect((*ip, port)).await,
        }
        .map_err(io)?;
        // Requests are small frames sent as soon as they are made.
        tcp.set_nodelay(true).map_err(io)?;
        let mut stream = self.secure(tcp, address.host()).await?;

        let key = generate_key();
        stream
            .write_all(&request(address, &key, authorization))
            .await
            .map_err(io)?;
        stream.flush().await.map_err(io)?;
        let after_head = read_answer(&mut stream, &key).await?;
        Ok(
            WebSocketStream::from_partially_read(stream, after_head, Role::Client, Some(config))
                .await,
        )
    }

    /// Runs the TLS handshake on `tcp` if this dialer is for `wss://`.
    #[cfg_attr(not(feature = "__rustls"), allow(unused_variables))]
    async fn secure(
        &self,
        tcp: TcpStream,
        host: &Host,
    ) -> Result<MaybeTlsStream<TcpStream>, ConnectError> {
        #[cfg(feature = "__rustls")]
        if let Some(tls) = &self.tls {
            use rustls::pki_types::ServerName;

            let name = match host {
                Host::Domain(domain) => ServerName::try_from(domain.clone())
                    .map_err(|error| ConnectError::Failed(error.into()))?,
                Host::Ip(ip) => ServerName::IpAddress((*ip).into()),
            };
            let stream = tls.connect(name, tcp).await.map_err(io)?;
            return Ok(MaybeTlsStream::Rustls(stream));
        }
        Ok(MaybeTlsStream::Plain(tcp))
    }
}

/// The upgrade request: `GET` with the URL's path and query (which may hold
/// `access_token`), and the token in `Authorization` when there is one.
fn request(address: &Address, key: &str, authorization: Option<&HeaderValue>) -> Vec<u8> {
    let target = address.target();
    // Host and port as the URL has them.
    let host = address.authority();
    let mut request = format!(
        "GET {target} HTTP/1.1\r\n\
         Host: {host}\r\n\
         Upgrade: websocket\r\n\
         Connection: Upgrade\r\n\
         Sec-WebSocket-Version: 13\r\n\
         Sec-WebSocket-Key: {key}\r\n\
         User-Agent: ncat/{}\r\n",
        env!("CARGO_PKG_VERSION"),
    )
    .into_bytes();
    if let Some(authorization) = authorization {
        request.extend_from_slice(b"Authorization: ");
        request.extend_from_slice(authorization.as_bytes());
        request.extend_from_slice(b"\r\n");
    }
    request.extend_from_slice(b"\r\n");
    request
}

/// Reads and checks the server's answer up to the end of its head, at most
/// [`MAX_HEAD`] bytes; returns the bytes read past the head.
async fn read_answer(
    stream: &mut (impl AsyncRead + Unpin),
    key: &str,
) -> Result<Vec<u8>, ConnectError> {
    let mut buffer = vec![0; MAX_HEAD];
    let mut filled = 0;
    loop {
        if filled == MAX_HEAD {
            return Err(failed(
                "the server's handshake answer is larger than 16 KiB",
            ));
        }
        let read = stream.read(&mut buffer[filled..]).await.map_err(io)?;
        if read == 0 {
            return Err(failed(
                "the server closed the connection during the handshake",
            ));
        }
        filled += read;
        let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
        let mut answer = httparse::Response::new(&mut headers);
        match answer.parse(&buffer[..filled]) {
            Ok(httparse::Status::Complete(head)) => {
                check_answer(&answer, key)?;
                buffer.truncate(filled);
                buffer.drain(..head);
                return Ok(buffer);
            }
            Ok(httparse::Status::Partial) => {}
            Err(error) => return Err(ConnectError::Failed(error.into())),
        }
    }
}

/// A `101` that upgrades to a WebSocket, or why not.
fn check_answer(answer: &httparse::Response<'_, '_>, key: &str) -> Result<(), ConnectError> {
    match answer.code {
        Some(101) => check_upgrade(answer.headers, key),
        Some(401 | 403) => Err(ConnectError::Unauthorized),
        Some(status) => Err(failed(&format!(
            "the server answered the WebSocket handshake with HTTP {status}"
        ))),
        None => Err(failed("the server's handshake answer has no status")),
    }
}

/// The checks RFC 6455 asks of a client on a `101` answer.
fn check_upgrade(headers: &[httparse::Header<'_>], key: &str) -> Result<(), ConnectError> {
    let values = |name: &'static str| {
        headers
            .iter()
            .filter(move |header| header.name.eq_ignore_ascii_case(name))
            .map(|header| header.value)
    };
    let has = |name, expected: &str| {
        values(name).any(|value| {
            value
                .split(|&byte| byte == b',')
                .any(|token| token.trim_ascii().eq_ignore_ascii_case(expected.as_bytes()))
        })
    };
    if !has("upgrade", "websocket") || !has("connection", "upgrade") {
        return Err(failed("the server's answer is not a WebSocket upgrade"));
    }
    let accept = derive_accept_key(key.as_bytes());
    if values("sec-websocket-accept").next() != Some(accept.as_bytes()) {
        return Err(failed(
            "the server's Sec-WebSocket-Accept does not match the key",
        ));
    }
    Ok(())
}

/// An I/O error: its message never holds the URL or the request.
fn io(error: std::io::Error) -> ConnectError {
    ConnectError::Failed(error.into())
}

fn failed(reason: &str) -> ConnectError {
    ConnectError::Failed(reason.into())
}

#[cfg(feature = "__rustls")]
mod tls {
    use std::sync::Arc;

    use tokio_rustls::TlsConnector;

    use crate::error::Error;

    /// rustls as `transport::tls` configures it, without ALPN: a
    /// WebSocket upgrade is HTTP/1.1.
    pub(super) fn connector() -> Result<TlsConnector, Error> {
        let config = crate::transport::tls::client_config(&[])?;
        Ok(TlsConnector::from(Arc::new(config)))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use std::future::Future;
    use std::time::Duration;

    use futures_util::StreamExt;
    use tokio::net::TcpListener;
    use tokio::task::JoinHandle;
    use tokio_tungstenite::tungstenite::Message;

    use super::*;

    const TOKEN: &str = "Bearer s3cret";

    /// Bounds every step, so a broken handshake fails instead of hanging.
    async fn bounded<T>(future: impl Future<Output = T>) -> T {
        tokio::time::timeout(Duration::from_secs(10), future)
            .await
            .expect("timed out")
    }

    /// Reads the request head from a connection, byte by byte.
    async fn request_head(stream: &mut TcpStream) -> String {
        let mut head = Vec::new();
        while !head.ends_with(b"\r\n\r\n") && head.len() < MAX_HEAD {
            let mut byte = [0];
            assert_eq!(
                stream.read(&mut byte).await.unwrap(),
                1,
                "request cut short"
            );
            head.push(byte[0]);
        }
        String::from_utf8(head).unwrap()
    }

    fn key_of(request: &str) -> &str {
        request
            .lines()
            .find_map(|line| line.strip_prefix("Sec-WebSocket-Key: "))
            .unwrap()
    }

    fn switching(accept: &str) -> String {
        format!(
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\
             Connection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n"
        )
    }

    /// A server on 127.0.0.1 that takes one connection, reads the request
    /// head and lets `serve` answer; the handle yields the request head.
    async fn server<F, Fut>(serve: F) -> (Address, JoinHandle<String>)
    where
        F: FnOnce(String, TcpStream) -> Fut + Send + 'static,
        Fut: Future<Output = ()> + Send,
    {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!(
            "ws://{}/api?access_token=query",
            listener.local_addr().unwrap()
        );
        let handle = tokio::spawn(async move {
            let (mut stream, _) = listener.accept().await.unwrap();
            let request = request_head(&mut stream).await;
            serve(request.clone(), stream).await;
            request
        });
        (Address::parse(&url).unwrap(), handle)
    }

    async fn open(url: &Address) -> Result<Socket, ConnectError> {
        let authorization = HeaderValue::from_static(TOKEN);
        let dialer = Dialer::new(false).unwrap();
        bounded(dialer.open(url, Some(&authorization), WebSocketConfig::default())).await
    }

    fn failure(result: Result<Socket, ConnectError>) -> String {
        match result {
            Err(ConnectError::Failed(error)) => error.to_string(),
            Err(ConnectError::Unauthorized) => panic!("unauthorized"),
            Ok(_) => panic!("connected"),
        }
    }

    #[tokio::test]
    async fn bytes_after_the_answer_are_the_first_frame() {
        let (url, server) = server(|request, mut stream| async move {
            let accept = derive_accept_key(key_of(&request).as_bytes());
            // NapCat sends its lifecycle event right behind the `101`.
            let mut answer = switching(&accept).into_bytes();
            answer.extend_from_slice(&[0x81, 5]);
            answer.extend_from_slice(b"hello");
            stream.write_all(&answer).await.unwrap();
            // Held open until the client has read the frame.
            let _ = stream.read(&mut [0; 64]).await;
        })
        .await;
        let mut socket = open(&url).await.ok().expect("connected");
        let first = bounded(socket.next()).await.unwrap().unwrap();
        assert_eq!(first, Message::text("hello"));
        drop(socket);

        let request = server.await.unwrap();
        let host = "127.0.0.1"; // where `server` listens
        let port = url.port();
        let key = key_of(&request);
        assert_eq!(
            request,
            format!(
                "GET /api?access_token=query HTTP/1.1\r\nHost: {host}:{port}\r\n\
                 Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\
                 Sec-WebSocket-Key: {key}\r\nUser-Agent: ncat/{}\r\n\
                 Authorization: {TOKEN}\r\n\r\n",
                env!("CARGO_PKG_VERSION"),
            )
        );
    }

    #[tokio::test]
    async fn a_wrong_accept_key_is_refused() {
        let (url, server) = server(|_, mut stream| async move {
            let wrong = derive_accept_key(b"dGhlIHNhbXBsZSBub25jZQ==");
            stream
                .write_all(switching(&wrong).as_bytes())
                .await
                .unwrap();
        })
        .await;
        let reason = failure(open(&url).await);
        assert!(reason.contains("Sec-WebSocket-Accept"), "{reason}");
        assert!(
            !reason.contains("query") && !reason.contains("s3cret"),
            "{reason}"
        );
        server.await.unwrap();
    }

    #[tokio::test]
    async fn a_401_or_403_means_unauthorized() {
        for status in ["401 Unauthorized", "403 Forbidden"] {
            let (url, server) = server(move |_, mut stream| async move {
                let answer = format!("HTTP/1.1 {status}\r\nContent-Length: 0\r\n\r\n");
                stream.write_all(answer.as_bytes()).await.unwrap();
            })
            .await;
            assert!(
                matches!(open(&url).await, Err(ConnectError::Unauthorized)),
                "{status}"
            );
            server.await.unwrap();
        }
        let (url, server) = server(|_, mut stream| async move {
            let answer = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n";
            stream.write_all(answer.as_bytes()).await.unwrap();
        })
        .await;
        let reason = failure(open(&url).await);
        assert!(reason.contains("HTTP 404"), "{reason}");
        server.await.unwrap();
    }

    #[tokio::test]
    async fn an_endless_answer_head_is_cut_off() {
        const OFFERED: usize = 64 << 20;
        let (url, server) = server(|_, mut stream| async move {
            let mut written = 0;
            let mut chunk = b"HTTP/1.1 101 Switching Protocols\r\nX-Padding: ".to_vec();
            while written < OFFERED {
                match stream.write_all(&chunk).await {
                    Ok(()) => written += chunk.len(),
                    Err(_) => break,
                }
                chunk = vec![b'a'; 1024];
            }
            // The client gave up and closed long before taking it all.
            assert!(written < OFFERED, "{written}");
        })
        .await;
        let reason = failure(open(&url).await);
        assert!(reason.contains("larger than 16 KiB"), "{reason}");
        bounded(server).await.unwrap();
    }

    #[tokio::test]
    async fn an_answer_cut_short_is_an_error() {
        let (url, server) = server(|_, mut stream| async move {
            stream.write_all(b"HTTP/1.1 101 Swi").await.unwrap();
        })
        .await;
        let reason = failure(open(&url).await);
        assert!(reason.contains("closed the connection"), "{reason}");
        server.await.unwrap();
    }

    #[cfg(feature = "__rustls")]
    #[tokio::test]
    async fn wss_dials_with_tls() {
        let dialer = Dialer::new(true).unwrap();
        assert!(dialer.tls.is_some());
        // A plain HTTP server behind a wss:// URL: TLS fails, and says so.
        let (url, server) = {
            let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
            let url = format!("wss://{}/", listener.local_addr().unwrap());
            let server = tokio::spawn(async move {
                let (mut stream, _) = listener.accept().await.unwrap();
                let _ = stream.read(&mut [0; 1024]).await.unwrap();
                stream
                    .write_all(b"HTTP/1.1 400 Bad Request\r\n\r\n")
                    .await
                    .unwrap();
            });
            (Address::parse(&url).unwrap(), server)
        };
        let result = bounded(dialer.open(&url, None, WebSocketConfig::default())).await;
        assert!(!failure(result).is_empty());
        server.await.unwrap();
    }

    #[test]
    fn an_answer_is_checked_against_the_key() {
        fn headers<'a>(pairs: &[(&'a str, &'a str)]) -> Vec<httparse::Header<'a>> {
            pairs
                .iter()
                .map(|(name, value)| httparse::Header {
                    name,
                    value: value.as_bytes(),
                })
                .collect()
        }
        // RFC 6455 §1.3's example.
        let key = "dGhlIHNhbXBsZSBub25jZQ==";
        let accept = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";
        let good = [
            ("upgrade", "WebSocket"),
            ("Connection", "keep-alive, Upgrade"),
            ("Sec-WebSocket-Accept", accept),
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
