//! NapCat's HTTP client adapter (`httpClients`): every event is `POST`ed to the bot's URL with
//! `x-self-id` and, when a token is set, `x-signature: sha1=<HMAC-SHA1 of the body>`; the
//! response body, if any, is a quick operation NapCat carries out.
//!
//! Spoken by hand over a TCP socket, as NapCat's Node client does: the body chunked (no
//! `Content-Length`), one connection per post.

use std::io;
use std::time::Duration;

use hmac::{Hmac, KeyInit, Mac};
use serde_json::Value;
use sha1::Sha1;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::MockState;
use crate::record::RecordedRequest;

/// How long the mock waits for the bot's response (NapCat itself waits forever; a test must
/// not).
const RESPONSE_TIMEOUT: Duration = Duration::from_secs(30);

/// The most of a response the mock reads.
const MAX_RESPONSE: usize = 1024 * 1024;

/// How the mock signs a post.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum PostSignature {
    /// As NapCat does: signed with the mock's token when it has one, unsigned otherwise.
    AsNapCat,
    /// No `x-signature` header, whatever the token.
    Unsigned,
    /// An `x-signature` of the right form, computed with another key.
    Wrong,
}

/// What the bot answered to a post.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct PostOutcome {
    /// The response's status code.
    pub status: u16,
    /// The quick operation in the response body (`None` for an empty body), which the mock
    /// records as a `.handle_quick_operation` request, as NapCat carries it out.
    pub operation: Option<Value>,
}

/// Posts `event` to `url` (`http://host:port/path`) as NapCat does, and performs the quick
/// operation in the response.
pub(crate) async fn post_event(
    state: &MockState,
    url: &str,
    event: &Value,
    signature: PostSignature,
) -> io::Result<PostOutcome> {
    let body = event.to_string();
    let signature = match (signature, state.token.as_deref()) {
        (PostSignature::AsNapCat, Some(token)) => Some(sign(token, &body)),
        (PostSignature::Wrong, _) => Some(sign("not the secret", &body)),
        (PostSignature::AsNapCat | PostSignature::Unsigned, _) => None,
    };
    let mut headers = format!(
        "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nx-self-id: {}\r\n",
        state.self_id
    );
    if let Some(signature) = signature {
        headers.push_str(&format!("x-signature: {signature}\r\n"));
    }
    let chunked = format!("{:x}\r\n{body}\r\n0\r\n\r\n", body.len());
    let response = exchange(url, &headers, chunked.as_bytes()).await?;
    let operation = if response.status / 100 == 2 && !response.body.trim().is_empty() {
        Some(serde_json::from_str::<Value>(&response.body).map_err(io::Error::other)?)
    } else {
        None
    };
    if let Some(operation) = &operation {
        perform(state, event, operation);
    }
    Ok(PostOutcome {
        status: response.status,
        operation,
    })
}

/// Sends `headers` (each ending in `\r\n`) and `body`, as given, after the request line,
/// `Host` and `Connection: close`; the response's status. For tests of what a bot's receiver
/// does with requests NapCat would never send.
pub(crate) async fn post_raw(url: &str, headers: &str, body: &[u8]) -> io::Result<u16> {
    Ok(exchange(url, headers, body).await?.status)
}

/// Records the quick operation as the `.handle_quick_operation` call NapCat makes of it.
fn perform(state: &MockState, event: &Value, operation: &Value) {
    let params = serde_json::json!({ "context": event, "operation": operation });
    state.recorder.record(RecordedRequest {
        method: "QUICK".to_owned(),
        path: "/.handle_quick_operation".to_owned(),
        action: ".handle_quick_operation".to_owned(),
        query: None,
        headers: axum::http::HeaderMap::new(),
        body: params.to_string(),
        params,
    });
}

/// `sha1=<hex>`, NapCat's `x-signature`.
fn sign(key: &str, body: &str) -> String {
    // HMAC takes a key of any length: the error cannot happen.
    let Ok(mut mac) = <Hmac<Sha1> as KeyInit>::new_from_slice(key.as_bytes()) else {
        return String::new();
    };
    mac.update(body.as_bytes());
    let digest = mac.finalize().into_bytes();
    let hex: String = digest.iter().map(|byte| format!("{byte:02x}")).collect();
    format!("sha1={hex}")
}

struct RawResponse {
    status: u16,
    body: String,
}

/// One request on a fresh connection (`Connection: close`), the response read to the end.
async fn exchange(url: &str, headers: &str, body: &[u8]) -> io::Result<RawResponse> {
    let rest = url
        .strip_prefix("http://")
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not an http:// URL"))?;
    let (authority, path) = match rest.find('/') {
        Some(slash) => rest.split_at(slash),
        None => (rest, "/"),
    };
    let mut stream = TcpStream::connect(authority).await?;
    let head =
        format!("POST {path} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\n{headers}\r\n");
    let mut request = head.into_bytes();
    request.extend_from_slice(body);
    if let Err(error) = stream.write_all(&request).await {
        // A bot that refuses a request may close before reading all of it: its answer may
        // still be there to read.
        if !matches!(
            error.kind(),
            io::ErrorKind::BrokenPipe | io::ErrorKind::ConnectionReset
        ) {
            return Err(error);
        }
    }
    let mut response = Vec::new();
    let read = async {
        let mut buffer = [0; 8192];
        loop {
            let read = match stream.read(&mut buffer).await {
                Ok(read) => read,
                // The bot may close at once after refusing a request we were still sending.
                Err(error) if error.kind() == io::ErrorKind::ConnectionReset => 0,
                Err(error) => return Err(error),
            };
            if read == 0 || response.len() + read > MAX_RESPONSE {
                return Ok(());
            }
            response.extend_from_slice(&buffer[..read]);
        }
    };
    tokio::time::timeout(RESPONSE_TIMEOUT, read)
        .await
        .map_err(|_| io::Error::new(io::ErrorKind::TimedOut, "the bot did not answer"))??;
    parse_response(&response)
}

fn parse_response(response: &[u8]) -> io::Result<RawResponse> {
    let invalid = || io::Error::new(io::ErrorKind::InvalidData, "not an HTTP response");
    let text = String::from_utf8_lossy(response);
    let (head, body) = text.split_once("\r\n\r\n").ok_or_else(invalid)?;
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|status| status.parse().ok())
        .ok_or_else(invalid)?;
    Ok(RawResponse {
        status,
        body: body.to_owned(),
    })
}
