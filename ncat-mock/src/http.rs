//! The HTTP API, answering requests the way NapCat's `httpServers` adapter does.
//!
//! NapCat's pipeline, mirrored step by step: CORS preflight, body parsing (400 on invalid JSON,
//! before auth), token check (403), health check on `/`, then the action.

use std::convert::Infallible;
use std::hash::{BuildHasher, RandomState};
use std::sync::Arc;

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::header::{
    ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS, ACCESS_CONTROL_ALLOW_ORIGIN,
    ACCESS_CONTROL_REQUEST_HEADERS, CONTENT_TYPE, VARY,
};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value};

use crate::MockState;
use crate::auth::presents_token;
use crate::envelope::Envelope;
use crate::frames::{Adapter, stream_envelopes};
use crate::query::query_params;
use crate::record::RecordedRequest;
use crate::reply::Answer;

/// What `res.json(…)` sends in NapCat (Express).
const JSON_CONTENT_TYPE: &str = "application/json; charset=utf-8";
/// What `res.send("…")` sends in NapCat (Express).
const TEXT_CONTENT_TYPE: &str = "text/html; charset=utf-8";
const INVALID_JSON: &str = "Invalid JSON";
const TOKEN_VERIFY_FAILED: &str = r#"{"message":"token verify failed!"}"#;
const HEALTH_MESSAGE: &str = "NapCat4 Is Running";
/// What NapCat writes after every packet of a stream reply over HTTP.
const STREAM_DELIMITER: &str = "\r\n\r\n";

/// A router answering every method and path.
pub(crate) fn router(state: Arc<MockState>) -> Router {
    Router::new().fallback(answer).with_state(state)
}

async fn answer(State(state): State<Arc<MockState>>, request: Request) -> Response {
    if crate::ws::is_upgrade(&request) {
        return crate::ws::upgrade(state, request);
    }
    let (parts, body) = request.into_parts();
    let body = read_body(body).await;
    let query = query_params(&parts.uri);
    // NapCat's CORS middleware answers every OPTIONS request before parameters or the token
    // are looked at.
    let is_preflight = parts.method == Method::OPTIONS;
    let params = if is_preflight {
        None
    } else {
        action_params(&parts.method, body.as_deref(), &query)
    };

    let action = action_name(parts.uri.path());
    tracing::debug!(method = %parts.method, action, "mock NapCat received a request");
    state.recorder.record(RecordedRequest {
        method: parts.method.to_string(),
        path: parts.uri.path().to_owned(),
        action: action.to_owned(),
        query: parts.uri.query().map(str::to_owned),
        headers: parts.headers.clone(),
        body: body.unwrap_or_default(),
        params: params.clone().map_or(Value::Null, Value::Object),
    });

    if is_preflight {
        return cors_preflight(&parts.headers);
    }
    let Some(params) = params else {
        return text_response(StatusCode::BAD_REQUEST, INVALID_JSON.to_owned());
    };
    if let Some(token) = state.token.as_deref()
        && !presents_token(token, &query, &parts.headers)
    {
        return text_response(StatusCode::FORBIDDEN, TOKEN_VERIFY_FAILED.to_owned());
    }
    // NapCat's SSE server (`httpSseServers`): the exact path, any method.
    if parts.uri.path() == "/_events" {
        return state.sse.open();
    }
    if parts.uri.path() == "/" {
        return json_response(
            &Envelope::ok(Some(&Value::Object(Map::new())), &Value::Null)
                .with_message(HEALTH_MESSAGE),
        );
    }

    // NapCat's `payload.echo ?? random`: a JSON `null` echo also gets a random one.
    let echo = match params.get("echo") {
        Some(echo) if !echo.is_null() => echo.clone(),
        _ => Value::String(random_echo()),
    };
    let reply = state.reply_for(action, Adapter::Http);
    if !reply.delay.is_zero() {
        tokio::time::sleep(reply.delay).await;
    }
    match reply.answer {
        Answer::Ok { data } => json_response(&Envelope::ok(data.as_ref(), &echo)),
        Answer::Failed { retcode, message } => {
            json_response(&Envelope::failed(retcode, &message, &echo))
        }
        Answer::Http { status, body } => text_response(status, body),
        Answer::Raw { body } => {
            (StatusCode::OK, [(CONTENT_TYPE, JSON_CONTENT_TYPE)], body).into_response()
        }
        Answer::Stream { frames, failure } => stream_response(stream_envelopes(
            &frames,
            failure.as_deref(),
            &echo,
            Adapter::Http,
        )),
        Answer::Disconnect => cut_response(),
    }
}

/// A stream reply as NapCat writes it: each envelope followed by `\r\n\r\n`, in a chunked body
/// with no `Content-Type`.
fn stream_response(envelopes: Vec<String>) -> Response {
    let chunks = envelopes
        .into_iter()
        .map(|envelope| Ok::<_, Infallible>(format!("{envelope}{STREAM_DELIMITER}")));
    Response::new(Body::from_stream(futures_util::stream::iter(chunks)))
}

/// A response whose body fails at once, so the connection is cut before any answer.
fn cut_response() -> Response {
    let failure = std::io::Error::other("mock NapCat cut the connection");
    Response::new(Body::from_stream(futures_util::stream::iter([Err::<
        String,
        _,
    >(
        failure
    )])))
}

/// The body as text, or `None` if the request stream broke (NapCat answers that `Invalid JSON`
/// too).
async fn read_body(body: Body) -> Option<String> {
    // NapCat reads bodies of any size; so does the mock.
    let bytes = to_bytes(body, usize::MAX).await.ok()?;
    Some(String::from_utf8_lossy(&bytes).into_owned())
}

/// The parameters NapCat hands to the action: only the query for `GET`, else the body parsed
/// as JSON with the query merged on top (the query wins). `None` if the body is not JSON or
/// could not be read.
fn action_params(
    method: &Method,
    body: Option<&str>,
    query: &Map<String, Value>,
) -> Option<Map<String, Value>> {
    if method == Method::GET {
        return Some(query.clone());
    }
    let mut params = body_params(body?)?;
    params.extend(query.clone());
    Some(params)
}

/// NapCat's `req.path.split('/')[1]`.
fn action_name(path: &str) -> &str {
    path.split('/').nth(1).unwrap_or_default()
}

/// Parses a body like NapCat: empty means `{}`, anything else must be JSON (NapCat accepts JSON5;
/// strict JSON is a subset), and the result is spread into an object like JavaScript's
/// `{...value}`, so an array becomes `{"0": …, "1": …}` and a number `{}`. `None` if the body is
/// not JSON.
fn body_params(body: &str) -> Option<Map<String, Value>> {
    if body.is_empty() {
        return Some(Map::new());
    }
    Some(match serde_json::from_str(body).ok()? {
        Value::Object(object) => object,
        Value::Array(items) => items
            .into_iter()
            .enumerate()
            .map(|(index, item)| (index.to_string(), item))
            .collect(),
        Value::String(text) => text
            .chars()
            .enumerate()
            .map(|(index, char)| (index.to_string(), Value::String(char.to_string())))
            .collect(),
        Value::Null | Value::Bool(_) | Value::Number(_) => Map::new(),
    })
}

/// A base-36 string like NapCat's `Math.random().toString(36).substring(2, 15)`.
pub(crate) fn random_echo() -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    // Every `RandomState` gets fresh keys, which is random enough for an echo nobody relies on.
    let mut n = RandomState::new().hash_one(());
    let mut echo = Vec::new();
    loop {
        echo.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    echo.iter().rev().map(|&digit| char::from(digit)).collect()
}

/// What NapCat's `cors()` middleware (default options) answers to a preflight.
fn cors_preflight(request_headers: &HeaderMap) -> Response {
    let mut response = StatusCode::NO_CONTENT.into_response();
    let headers = response.headers_mut();
    headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    headers.insert(
        ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("GET,HEAD,PUT,PATCH,POST,DELETE"),
    );
    headers.insert(
        VARY,
        HeaderValue::from_static("Access-Control-Request-Headers"),
    );
    if let Some(requested) = request_headers.get(ACCESS_CONTROL_REQUEST_HEADERS) {
        headers.insert(ACCESS_CONTROL_ALLOW_HEADERS, requested.clone());
    }
    response
}

fn json_response(envelope: &Envelope<'_>) -> Response {
    match serde_json::to_string(envelope) {
        Ok(body) => (StatusCode::OK, [(CONTENT_TYPE, JSON_CONTENT_TYPE)], body).into_response(),
        // Cannot happen (every field serializes), but a mock must not panic inside a test.
        Err(error) => text_response(StatusCode::INTERNAL_SERVER_ERROR, error.to_string()),
    }
}

fn text_response(status: StatusCode, body: String) -> Response {
    (status, [(CONTENT_TYPE, TEXT_CONTENT_TYPE)], body).into_response()
}
