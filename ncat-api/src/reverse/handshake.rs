//! Checking NapCat's handshake when it connects to the bot: the token in
//! `Authorization`, the account in `X-Self-ID`.

use tokio_tungstenite::tungstenite::handshake::server::{ErrorResponse, Request};
use tokio_tungstenite::tungstenite::http::header::AUTHORIZATION;
use tokio_tungstenite::tungstenite::http::{self, StatusCode};

use crate::id::UserId;

/// The header NapCat puts its QQ number in.
const SELF_ID: &str = "x-self-id";

/// Why a connection was turned away, for the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// No or the wrong token (answered 401).
    Token,
    /// No usable `X-Self-ID` (answered 400).
    SelfId,
}

/// Checks a handshake request: `Authorization` must be `Bearer <token>`
/// when a token is set, and `X-Self-ID` must be a QQ number.
pub(crate) fn check(request: &Request, token: Option<&str>) -> Result<UserId, Refusal> {
    if let Some(token) = token {
        let presented = request
            .headers()
            .get(AUTHORIZATION)
            .map(|value| value.as_bytes())
            .unwrap_or_default();
        let expected = format!("Bearer {token}");
        if !constant_time_eq(presented, expected.as_bytes()) {
            return Err(Refusal::Token);
        }
    }
    request
        .headers()
        .get(SELF_ID)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.trim().parse::<i64>().ok())
        .map(UserId::new)
        .ok_or(Refusal::SelfId)
}

/// The HTTP answer to a refused handshake.
pub(crate) fn refusal_response(refusal: Refusal) -> ErrorResponse {
    let (status, body) = match refusal {
        Refusal::Token => (StatusCode::UNAUTHORIZED, "token verify failed"),
        Refusal::SelfId => (StatusCode::BAD_REQUEST, "missing or invalid X-Self-ID"),
    };
    let mut response = http::Response::new(Some(body.to_owned()));
    *response.status_mut() = status;
    response
}

/// Compares without stopping at the first difference, so the time taken
/// does not tell an attacker how much of a guessed token was right.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |diff, (x, y)| diff | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    fn request(headers: &[(&str, &str)]) -> Request {
        let mut builder = http::Request::builder().uri("/onebot");
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        builder.body(()).unwrap()
    }

    #[test]
    fn the_token_and_self_id_are_checked() {
        let good = request(&[("authorization", "Bearer s3cret"), ("x-self-id", "10001")]);
        assert_eq!(check(&good, Some("s3cret")), Ok(UserId::new(10001)));
        for bad in [
            request(&[("x-self-id", "10001")]),
            request(&[("authorization", "Bearer wrong"), ("x-self-id", "10001")]),
            request(&[("authorization", "s3cret"), ("x-self-id", "10001")]),
            request(&[("authorization", "Bearer s3cret "), ("x-self-id", "10001")]),
        ] {
            assert_eq!(check(&bad, Some("s3cret")), Err(Refusal::Token));
        }
        let no_id = request(&[("authorization", "Bearer s3cret")]);
        assert_eq!(check(&no_id, Some("s3cret")), Err(Refusal::SelfId));
        let bad_id = request(&[("authorization", "Bearer s3cret"), ("x-self-id", "bot")]);
        assert_eq!(check(&bad_id, Some("s3cret")), Err(Refusal::SelfId));
    }

    #[test]
    fn without_a_token_any_authorization_passes() {
        let empty = request(&[("authorization", "Bearer "), ("x-self-id", "10001")]);
        assert_eq!(check(&empty, None), Ok(UserId::new(10001)));
    }

    #[test]
    fn refusals_answer_with_401_and_400() {
        assert_eq!(refusal_response(Refusal::Token).status(), 401);
        assert_eq!(refusal_response(Refusal::SelfId).status(), 400);
    }
}
