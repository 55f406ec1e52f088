//! Every way a call can fail maps to its [`Error`] variant, with the fields a
//! caller needs, through the generated typed methods against the mock NapCat
//! over real HTTP on 127.0.0.1.
//!
//! Every error is also checked for naming its action (in `Error::action` and
//! in its `Display`) and for never revealing the access token, in `Display`,
//! `Debug` or any source in its chain. Every call is bounded by [`settle`], so
//! a call that hangs fails the test instead of stalling it.

use std::error::Error as _;
use std::future::IntoFuture;
use std::time::Duration;

use ncat_api::{ActionErrorKind, BoxError, Client, Error};
use ncat_mock::{MockNapCat, MockReply};
use serde_json::{Value, json};

/// The token the mock requires and the clients present. Distinctive, so a
/// leak cannot be a coincidence.
const TOKEN: &str = "tok-7f3a9c-s3cret";

/// Longer than any reply these tests wait for; reaching it means a hang.
const HANG: Duration = Duration::from_secs(10);

/// A mock requiring [`TOKEN`] and a client presenting it.
async fn napcat() -> Result<(MockNapCat, Client), BoxError> {
    let mock = MockNapCat::builder().token(TOKEN).start().await?;
    let client = Client::builder().url(mock.url()).token(TOKEN).build()?;
    Ok((mock, client))
}

/// Awaits `call`, failing with `Err` instead of hanging past [`HANG`].
async fn settle<F: IntoFuture>(call: F) -> Result<F::Output, tokio::time::error::Elapsed> {
    tokio::time::timeout(HANG, call).await
}

/// What every call error must satisfy: it names `action`, in
/// [`Error::action`] and in its `Display`, and no secret appears anywhere in
/// its `Display`, `Debug` or source chain.
fn assert_well_formed(error: &Error, action: &str, secrets: &[&str]) {
    assert_eq!(error.action(), Some(action), "{error:?}");
    let display = error.to_string();
    assert!(
        display.contains(&format!("`{action}`")),
        "Display does not name `{action}`: {display}"
    );

    let mut rendered = vec![display, format!("{error:?}"), format!("{error:#?}")];
    let mut source = error.source();
    while let Some(cause) = source {
        rendered.push(cause.to_string());
        rendered.push(format!("{cause:?}"));
        source = cause.source();
    }
    for text in &rendered {
        for secret in secrets {
            assert!(!text.contains(secret), "{secret:?} leaked into {text:?}");
        }
    }
}

#[tokio::test]
async fn wrong_token_is_unauthorized() {
    let mock = MockNapCat::builder().token(TOKEN).start().await.unwrap();
    let wrong = "wrong-token-51c0de";
    let client = Client::builder()
        .url(mock.url())
        .token(wrong)
        .build()
        .unwrap();

    let error = settle(client.get_login_info()).await.unwrap().unwrap_err();

    assert!(
        matches!(&error, Error::Unauthorized { action, .. } if action == "get_login_info"),
        "{error:?}"
    );
    assert_well_formed(&error, "get_login_info", &[TOKEN, wrong]);
    // It went over HTTP and was refused by the token check, not by anything
    // in the client.
    let requests = mock.requests_for("get_login_info");
    assert_eq!(requests.len(), 1);
    assert_eq!(
        requests[0].header("authorization"),
        Some("Bearer wrong-token-51c0de")
    );
}

#[tokio::test]
async fn missing_token_is_unauthorized() {
    let mock = MockNapCat::builder().token(TOKEN).start().await.unwrap();
    let client = Client::http(mock.url()).unwrap();

    let error = settle(client.set_group_ban(123456, 10001).duration(600))
        .await
        .unwrap()
        .unwrap_err();

    assert!(
        matches!(&error, Error::Unauthorized { action, .. } if action == "set_group_ban"),
        "{error:?}"
    );
    assert_well_formed(&error, "set_group_ban", &[TOKEN]);
    assert_eq!(mock.requests_for("set_group_ban").len(), 1);
}

#[tokio::test]
async fn http_401_is_unauthorized_too() {
    let (mock, client) = napcat().await.unwrap();
    mock.on("get_status", MockReply::http(401, "Unauthorized"));

    let error = settle(client.get_status()).await.unwrap().unwrap_err();

    assert!(
        matches!(&error, Error::Unauthorized { action, .. } if action == "get_status"),
        "{error:?}"
    );
    assert_well_formed(&error, "get_status", &[TOKEN]);
}

/// Over HTTP and WebSocket, NapCat's failure retcodes: 1400/400 bad
/// parameters, 1404 unknown action, 1200/200 the action failed.
#[tokio::test]
async fn failed_envelopes_are_action_errors_classified_by_retcode() {
    let cases = [
        (
            1400,
            "参数错误: user_id 必须是数字",
            ActionErrorKind::BadParams,
        ),
        (400, "user_id is required", ActionErrorKind::BadParams),
        (
            1404,
            "不支持的Api set_group_ban",
            ActionErrorKind::UnknownAction,
        ),
        (1200, "禁言失败", ActionErrorKind::Failed),
        // NapCat's HTTP adapter answers an unknown action with HTTP 200 and
        // retcode 200, the same as a runtime failure.
        (200, "不支持的Api set_group_ban", ActionErrorKind::Failed),
    ];
    let (mock, client) = napcat().await.unwrap();
    for (retcode, message, kind) in cases {
        mock.on("set_group_ban", MockReply::failed(retcode, message));

        let error = settle(client.set_group_ban(123456, 10001).duration(600))
            .await
            .unwrap()
            .unwrap_err();

        let Error::Action(action_error) = &error else {
            panic!("retcode {retcode}: expected Error::Action, got {error:?}");
        };
        assert_eq!(action_error.kind(), kind, "retcode {retcode}");
        assert_eq!(action_error.action, "set_group_ban");
        assert_eq!(action_error.retcode, retcode);
        assert_eq!(action_error.message, message);
        assert_eq!(action_error.wording, message);
        assert_well_formed(&error, "set_group_ban", &[TOKEN]);
        assert_eq!(
            error.to_string(),
            format!("`set_group_ban` failed with retcode {retcode}: {message}")
        );
    }
    assert_eq!(mock.requests_for("set_group_ban").len(), cases.len());
}

#[tokio::test]
async fn http_400_invalid_json_page_is_a_bad_params_action_error() {
    let (mock, client) = napcat().await.unwrap();
    mock.on("send_group_msg", MockReply::http(400, "Invalid JSON"));

    let error = settle(client.send_group_msg(123456, "hello"))
        .await
        .unwrap()
        .unwrap_err();

    let Error::Action(action_error) = &error else {
        panic!("expected Error::Action, got {error:?}");
    };
    assert_eq!(action_error.kind(), ActionErrorKind::BadParams);
    assert_eq!(action_error.action, "send_group_msg");
    assert_eq!(action_error.retcode, 400);
    assert_eq!(action_error.message, "Invalid JSON");
    assert_eq!(action_error.wording, "");
    assert_well_formed(&error, "send_group_msg", &[TOKEN]);
}

#[tokio::test]
async fn http_400_with_an_envelope_reads_the_envelope() {
    let (mock, client) = napcat().await.unwrap();
    mock.on(
        "get_group_info",
        MockReply::http(
            400,
            r#"{"status":"failed","retcode":1400,"data":null,"message":"group_id 无效"}"#,
        ),
    );

    let error = settle(client.get_group_info(123456))
        .await
        .unwrap()
        .unwrap_err();

    let Error::Action(action_error) = &error else {
        panic!("expected Error::Action, got {error:?}");
    };
    assert_eq!(action_error.kind(), ActionErrorKind::BadParams);
    assert_eq!(action_error.retcode, 1400);
    assert_eq!(action_error.message, "group_id 无效");
    assert_well_formed(&error, "get_group_info", &[TOKEN]);
}

#[tokio::test]
async fn unexpected_http_statuses_keep_status_and_body() {
    let cases = [
        (500, "Internal Server Error"),
        (502, "<html><body>502 Bad Gateway</body></html>"),
        (404, "Cannot POST /get_group_list"),
    ];
    let (mock, client) = napcat().await.unwrap();
    for (code, page) in cases {
        mock.on("get_group_list", MockReply::http(code, page));

        let error = settle(client.get_group_list().no_cache(true))
            .await
            .unwrap()
            .unwrap_err();

        match &error {
            Error::HttpStatus {
                action,
                status,
                body,
                ..
            } => {
                assert_eq!(action, "get_group_list");
                assert_eq!(*status, code);
                assert_eq!(body, page);
            }
            other => panic!("HTTP {code}: expected Error::HttpStatus, got {other:?}"),
        }
        assert_well_formed(&error, "get_group_list", &[TOKEN]);
        assert!(error.to_string().contains(&code.to_string()), "{error}");
    }
}

#[tokio::test]
async fn a_200_that_is_not_an_envelope_is_a_malformed_reply_keeping_the_body() {
    let bodies = [
        "not json at all",
        "<html>NapCat WebUI</html>",
        "",
        r#"{"message":"token verify failed!"}"#,
        r#"{"status":"ok","data":{"user_id":10001,"nickname":"bot"}}"#,
    ];
    let (mock, client) = napcat().await.unwrap();
    for raw in bodies {
        mock.on("get_login_info", MockReply::raw(raw));

        let error = settle(client.get_login_info()).await.unwrap().unwrap_err();

        match &error {
            Error::MalformedReply { action, body, .. } => {
                assert_eq!(action, "get_login_info");
                assert_eq!(body, raw);
            }
            other => panic!("{raw:?}: expected Error::MalformedReply, got {other:?}"),
        }
        assert!(error.source().is_some(), "the JSON error is the source");
        assert_well_formed(&error, "get_login_info", &[TOKEN]);
    }
}

#[tokio::test]
async fn data_that_does_not_match_the_reply_type_is_a_decode_error_keeping_the_data() {
    let (mock, client) = napcat().await.unwrap();
    let mismatches = [
        json!({"user_id": 10001, "nickname": ["bot"]}),
        json!({"user_id": "not a number", "nickname": "bot"}),
        json!({"nickname": "bot"}),
        json!([{"user_id": 10001, "nickname": "bot"}]),
    ];
    for data in mismatches {
        mock.on("get_login_info", MockReply::ok(data.clone()));

        let error = settle(client.get_login_info()).await.unwrap().unwrap_err();

        match &error {
            Error::Decode {
                action, data: kept, ..
            } => {
                assert_eq!(action, "get_login_info");
                let kept: Value = serde_json::from_str(kept).unwrap();
                assert_eq!(kept, data);
            }
            other => panic!("{data}: expected Error::Decode, got {other:?}"),
        }
        assert!(error.source().is_some(), "the serde error is the source");
        assert_well_formed(&error, "get_login_info", &[TOKEN]);
    }

    // A reply type that needs data, answered without any.
    mock.on("get_group_info", MockReply::ok_without_data());
    let error = settle(client.get_group_info(123456))
        .await
        .unwrap()
        .unwrap_err();
    match &error {
        Error::Decode { action, data, .. } => {
            assert_eq!(action, "get_group_info");
            assert_eq!(data, "null");
        }
        other => panic!("expected Error::Decode, got {other:?}"),
    }
    assert_well_formed(&error, "get_group_info", &[TOKEN]);
}

#[tokio::test]
async fn a_reply_slower_than_call_timeout_is_a_timeout_with_that_duration() {
    let (mock, client) = napcat().await.unwrap();
    mock.on(
        "set_group_ban",
        MockReply::ok_without_data().delay(Duration::from_secs(5)),
    );
    let limit = Duration::from_millis(150);

    let error = settle(
        client
            .set_group_ban(123456, 10001)
            .duration(600)
            .call_timeout(limit),
    )
    .await
    .expect("a timed-out call must not hang")
    .unwrap_err();

    match &error {
        Error::Timeout {
            action, duration, ..
        } => {
            assert_eq!(action, "set_group_ban");
            assert_eq!(*duration, limit);
        }
        other => panic!("expected Error::Timeout, got {other:?}"),
    }
    assert_well_formed(&error, "set_group_ban", &[TOKEN]);
    assert_eq!(error.to_string(), "`set_group_ban` timed out after 150ms");
    // The request did reach NapCat: a timeout does not mean it was not run.
    assert_eq!(mock.requests_for("set_group_ban").len(), 1);
    mock.shutdown().await;
}

#[tokio::test]
async fn the_client_default_timeout_applies_unless_the_call_sets_its_own() {
    let mock = MockNapCat::builder().token(TOKEN).start().await.unwrap();
    let default = Duration::from_millis(200);
    let client = Client::builder()
        .url(mock.url())
        .token(TOKEN)
        .timeout(default)
        .build()
        .unwrap();
    mock.on(
        "get_login_info",
        MockReply::ok(json!({"user_id": 10001, "nickname": "bot"})).delay(Duration::from_secs(5)),
    );

    // No per-call timeout: the builder's applies.
    let error = settle(client.get_login_info())
        .await
        .expect("a timed-out call must not hang")
        .unwrap_err();
    match &error {
        Error::Timeout {
            action, duration, ..
        } => {
            assert_eq!(action, "get_login_info");
            assert_eq!(*duration, default);
        }
        other => panic!("expected Error::Timeout, got {other:?}"),
    }
    assert_well_formed(&error, "get_login_info", &[TOKEN]);

    // A shorter per-call timeout wins over the default...
    let shorter = Duration::from_millis(100);
    let error = settle(client.get_login_info().call_timeout(shorter))
        .await
        .expect("a timed-out call must not hang")
        .unwrap_err();
    assert!(
        matches!(&error, Error::Timeout { duration, .. } if *duration == shorter),
        "{error:?}"
    );

    // ...and so does a longer one: a reply slower than the default but
    // within the call's own timeout is a success.
    mock.on(
        "get_login_info",
        MockReply::ok(json!({"user_id": 10001, "nickname": "bot"}))
            .delay(Duration::from_millis(600)),
    );
    let me = settle(client.get_login_info().call_timeout(HANG / 2))
        .await
        .expect("the call must not hang")
        .unwrap();
    assert_eq!(me.user_id.get(), 10001);
    assert_eq!(me.nickname, "bot");
    mock.shutdown().await;
}

/// A `127.0.0.1` port that nothing listens on: bound, then released.
fn closed_port() -> std::io::Result<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    listener.local_addr().map(|addr| addr.port())
}

#[tokio::test]
async fn an_unreachable_server_is_a_transport_error() {
    let port = closed_port().unwrap();
    let client = Client::builder()
        .url(format!("http://127.0.0.1:{port}"))
        .token(TOKEN)
        .build()
        .unwrap();

    let error = settle(client.send_private_msg(10001, "hello").group_id(123456))
        .await
        .expect("a refused connection must not hang")
        .unwrap_err();

    assert!(
        matches!(&error, Error::Transport { action, .. } if action == "send_private_msg"),
        "{error:?}"
    );
    assert!(error.source().is_some(), "the I/O error is the source");
    assert_well_formed(&error, "send_private_msg", &[TOKEN]);
}

#[tokio::test]
async fn a_token_in_the_url_never_shows_in_errors() {
    let query_token = "qs-tok-b47e11";
    let port = closed_port().unwrap();
    let client = Client::builder()
        .url(format!(
            "http://127.0.0.1:{port}/?access_token={query_token}"
        ))
        .token(TOKEN)
        .build()
        .unwrap();
    let error = settle(client.get_login_info()).await.unwrap().unwrap_err();
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    assert_well_formed(&error, "get_login_info", &[TOKEN, query_token]);

    // The same client against a live mock that times out and that fails.
    let mock = MockNapCat::builder()
        .token(query_token)
        .start()
        .await
        .unwrap();
    let client = Client::builder()
        .url(format!("{}/?access_token={query_token}", mock.url()))
        .build()
        .unwrap();
    mock.on(
        "get_status",
        MockReply::ok(Value::Null).delay(Duration::from_secs(5)),
    );
    mock.on("get_login_info", MockReply::http(503, "busy"));
    let timeout = settle(client.get_status().call_timeout(Duration::from_millis(100)))
        .await
        .unwrap()
        .unwrap_err();
    assert!(matches!(timeout, Error::Timeout { .. }), "{timeout:?}");
    assert_well_formed(&timeout, "get_status", &[query_token]);
    let status = settle(client.get_login_info()).await.unwrap().unwrap_err();
    assert!(
        matches!(status, Error::HttpStatus { status: 503, .. }),
        "{status:?}"
    );
    assert_well_formed(&status, "get_login_info", &[query_token]);
    mock.shutdown().await;
}
