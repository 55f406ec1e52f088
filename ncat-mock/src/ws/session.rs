//! One WebSocket between NapCat and a client, from NapCat's side: the lifecycle event, then
//! requests answered from the script, events and commands from the test.

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::http::HeaderMap;
use futures_util::{SinkExt, StreamExt};
use serde_json::{Map, Value, json};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::sync::mpsc;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::Message;

use super::hub::{Command, Commands};
use crate::MockState;
use crate::envelope::Envelope;
use crate::frames::{Adapter, stream_envelopes, to_text};
use crate::record::RecordedRequest;
use crate::reply::Answer;

/// What NapCat answers to a frame it cannot parse.
const PARSE_FAILED: &str = "json解析失败,请检查数据格式";
/// What NapCat sends before closing a socket whose token was wrong.
const TOKEN_FAILED: &str = "token验证失败";

/// Who is on the other end, as the handshake said.
#[derive(Debug, Clone)]
pub(crate) struct Peer {
    pub(crate) path: String,
    pub(crate) query: Option<String>,
    pub(crate) headers: HeaderMap,
    /// Whether it gets events: every path but `/api`.
    pub(crate) universal: bool,
}

/// NapCat turned the token down: one failure frame, then a close frame without a code.
pub(crate) async fn reject<S>(mut socket: WebSocketStream<S>)
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let rejection = to_text(&Envelope::failed(1403, TOKEN_FAILED, &Value::Null));
    if socket.send(Message::text(rejection)).await.is_ok() {
        let _ = socket.send(Message::Close(None)).await;
    }
}

/// A socket's place among the mock's open WebSockets, taken before the peer learns the socket is
/// open: an event pushed as soon as the handshake is done reaches it (queued until the session
/// runs), and the socket counts as open. Dropping it (the session ended, its task was aborted,
/// or the upgrade failed) takes the socket off the list.
pub(crate) struct Registration {
    state: Arc<MockState>,
    id: u64,
    commands: Commands,
    queued: mpsc::UnboundedReceiver<Command>,
}

impl Registration {
    /// Registers a socket; a universal one (it gets events) gets NapCat's lifecycle event first.
    pub(crate) fn new(state: &Arc<MockState>, universal: bool) -> Self {
        let (commands, queued) = mpsc::unbounded_channel();
        let id = state.hub.register(commands.clone(), universal);
        if universal {
            let connected = json!({
                "time": now(),
                "self_id": state.self_id,
                "post_type": "meta_event",
                "meta_event_type": "lifecycle",
                "sub_type": "connect",
            });
            let _ = commands.send(Command::Send(connected.to_string()));
        }
        Registration {
            state: Arc::clone(state),
            id,
            commands,
            queued,
        }
    }
}

impl Drop for Registration {
    fn drop(&mut self) {
        self.state.hub.unregister(self.id);
    }
}

/// Serves an accepted socket, registered beforehand, until either side ends it.
pub(crate) async fn run<S>(socket: WebSocketStream<S>, peer: Peer, mut registration: Registration)
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let (mut sink, mut stream) = socket.split();
    let state = Arc::clone(&registration.state);
    let commands = registration.commands.clone();
    loop {
        tokio::select! {
            incoming = stream.next() => match incoming {
                Some(Ok(Message::Text(text))) => answer(&state, &peer, text.as_str(), &commands),
                Some(Ok(Message::Binary(bytes))) => {
                    answer(&state, &peer, &String::from_utf8_lossy(&bytes), &commands);
                }
                Some(Ok(Message::Ping(_) | Message::Pong(_) | Message::Frame(_))) => {}
                Some(Ok(Message::Close(_)) | Err(_)) | None => break,
            },
            command = registration.queued.recv() => match command {
                Some(Command::Send(text)) => {
                    if sink.send(Message::text(text)).await.is_err() {
                        break;
                    }
                }
                Some(Command::Disconnect) | None => break,
            },
        }
    }
}

/// Answers one request frame the way NapCat's WebSocket adapter does.
fn answer(state: &Arc<MockState>, peer: &Peer, text: &str, commands: &Commands) {
    let Ok(Value::Object(frame)) = serde_json::from_str::<Value>(text) else {
        let failure = to_text(&Envelope::failed(1400, PARSE_FAILED, &Value::Null));
        state.hub.reply(commands, vec![Command::Send(failure)]);
        return;
    };
    let action = frame
        .get("action")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let params = match frame.get("params") {
        Some(Value::Object(params)) => params.clone(),
        _ => Map::new(),
    };
    // NapCat copies `echo` back verbatim, and sends `""` when there was none.
    let echo = frame
        .get("echo")
        .cloned()
        .unwrap_or_else(|| Value::String(String::new()));
    tracing::debug!(action, "mock NapCat received a WebSocket request");
    state.recorder.record(RecordedRequest {
        method: "WS".to_owned(),
        path: peer.path.clone(),
        action: action.clone(),
        query: peer.query.clone(),
        headers: peer.headers.clone(),
        body: text.to_owned(),
        params: Value::Object(params),
    });

    let reply = state.reply_for(&action, Adapter::WebSocket);
    let frames = match reply.answer {
        Answer::Ok { data } => vec![Command::Send(to_text(&Envelope::ok(data.as_ref(), &echo)))],
        Answer::Failed { retcode, message } => vec![Command::Send(to_text(&Envelope::failed(
            retcode, &message, &echo,
        )))],
        Answer::Http { body, .. } | Answer::Raw { body } => vec![Command::Send(body)],
        Answer::Stream { frames, failure } => {
            stream_envelopes(&frames, failure.as_deref(), &echo, Adapter::WebSocket)
                .into_iter()
                .map(Command::Send)
                .collect()
        }
        Answer::Disconnect => vec![Command::Disconnect],
    };
    if reply.delay.is_zero() {
        state.hub.reply(commands, frames);
    } else {
        // Later requests may be answered first, as NapCat handles frames concurrently.
        let state = Arc::clone(state);
        let commands = commands.clone();
        tokio::spawn(async move {
            tokio::time::sleep(reply.delay).await;
            state.hub.reply(&commands, frames);
        });
    }
}

/// Unix seconds, as in NapCat's events.
fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs())
}
