//! NapCat's WebSocket server, reduced to answering every request with the
//! same reply carrying the request's `echo`.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use futures_util::{FutureExt, SinkExt, StreamExt};
use serde::Deserialize;
use serde_json::value::RawValue;
use tokio::net::{TcpListener, TcpStream};
use tokio_tungstenite::tungstenite::{self, Message};

use crate::reply::ws_reply;

/// When the server flushes its replies to the socket.
#[derive(Clone, Copy, Debug)]
pub enum Flush {
    /// Queues the replies to every request already read, then flushes once:
    /// what a server tuned for throughput does.
    Batched,
    /// Flushes after every reply, as NapCat does.
    EveryReply,
    /// Never answers.
    Never,
}

/// Serves WebSocket connections until the process ends; counts the requests
/// read into `received`, if given.
pub async fn serve(
    listener: TcpListener,
    flush: Flush,
    received: Option<Arc<AtomicU64>>,
) -> io::Result<()> {
    loop {
        let (tcp, _) = listener.accept().await?;
        tcp.set_nodelay(true)?;
        let received = received.clone();
        // A connection's error only ends that connection: clients of one
        // scenario simply disconnect when they are done.
        tokio::spawn(async move { connection(tcp, flush, received.as_deref()).await });
    }
}

async fn connection(
    tcp: TcpStream,
    flush: Flush,
    received: Option<&AtomicU64>,
) -> Result<(), tungstenite::Error> {
    let mut socket = tokio_tungstenite::accept_async(tcp).await?;
    while let Some(message) = socket.next().await {
        if let Some(received) = received {
            received.fetch_add(1, Ordering::Relaxed);
        }
        let Some(reply) = reply_to(&message?) else {
            continue;
        };
        match flush {
            Flush::Never => {}
            Flush::EveryReply => socket.send(reply).await?,
            Flush::Batched => {
                socket.feed(reply).await?;
                while let Some(Some(message)) = socket.next().now_or_never() {
                    if let Some(reply) = reply_to(&message?) {
                        socket.feed(reply).await?;
                    }
                }
                socket.flush().await?;
            }
        }
    }
    Ok(())
}

/// The reply to a request frame; `None` for other frames.
fn reply_to(message: &Message) -> Option<Message> {
    #[derive(Deserialize)]
    struct Request<'a> {
        #[serde(borrow)]
        echo: &'a RawValue,
    }
    let Message::Text(text) = message else {
        return None;
    };
    let request: Request<'_> = serde_json::from_str(text.as_str()).ok()?;
    Some(Message::text(ws_reply(request.echo.get())))
}
