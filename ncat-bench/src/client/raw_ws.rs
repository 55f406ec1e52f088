//! The WebSocket baseline: one task writing requests and matching replies
//! by `echo`, as a hand-tuned client would. It batches its writes (feeds
//! every request it can, then flushes once) and parses each reply once,
//! borrowing from the frame.

use std::collections::HashSet;
use std::net::SocketAddr;
use std::time::Instant;

use futures_util::{FutureExt, SinkExt, StreamExt};
use serde::Deserialize;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use super::CALLS_PER_CLOCK_CHECK;
use crate::error::BoxError;
use crate::reply::{ACTION, PARAMS};

/// An open WebSocket and the echoes still awaiting a reply.
pub struct RawWs {
    socket: WebSocketStream<MaybeTlsStream<TcpStream>>,
    next_echo: u64,
    outstanding: HashSet<u64>,
}

/// What the baseline reads of a reply: enough to match it and see that it
/// succeeded. serde_json still checks the rest (`data`) is valid JSON while
/// skipping it.
#[derive(Deserialize)]
struct Reply<'a> {
    retcode: i64,
    echo: &'a str,
}

impl RawWs {
    /// Opens the WebSocket with TCP_NODELAY, as ncat does.
    pub async fn connect(addr: SocketAddr) -> Result<RawWs, BoxError> {
        let url = format!("ws://{addr}");
        let (socket, _) = tokio_tungstenite::connect_async_with_config(url, None, true).await?;
        Ok(RawWs {
            socket,
            next_echo: 0,
            outstanding: HashSet::new(),
        })
    }

    /// See [`Driver::run`](super::Driver::run).
    pub async fn run(&mut self, in_flight: usize, until: Instant) -> Result<u64, BoxError> {
        for _ in 0..in_flight {
            self.feed_request().await?;
        }
        self.socket.flush().await?;
        let mut done = 0;
        let mut stopping = false;
        while !self.outstanding.is_empty() {
            let mut message = self.socket.next().await.ok_or("the server closed")??;
            // This reply and every one already received, then one flush.
            loop {
                self.receive(&message)?;
                done += 1;
                stopping =
                    stopping || (done % CALLS_PER_CLOCK_CHECK == 0 && Instant::now() >= until);
                if !stopping {
                    self.feed_request().await?;
                }
                match self.socket.next().now_or_never() {
                    Some(Some(next)) => message = next?,
                    _ => break,
                }
            }
            self.socket.flush().await?;
        }
        Ok(done)
    }

    async fn feed_request(&mut self) -> Result<(), BoxError> {
        let echo = self.next_echo;
        self.next_echo += 1;
        let frame = format!(r#"{{"action":"{ACTION}","params":{PARAMS},"echo":"{echo}"}}"#);
        self.socket.feed(Message::text(frame)).await?;
        self.outstanding.insert(echo);
        Ok(())
    }

    fn receive(&mut self, message: &Message) -> Result<(), BoxError> {
        let Message::Text(text) = message else {
            return Err(format!("unexpected frame {message:?}").into());
        };
        let reply: Reply<'_> = serde_json::from_str(text.as_str())?;
        if reply.retcode != 0 {
            return Err(format!("retcode {}", reply.retcode).into());
        }
        if !self.outstanding.remove(&reply.echo.parse::<u64>()?) {
            return Err(format!("reply to an unknown echo {}", reply.echo).into());
        }
        Ok(())
    }
}
