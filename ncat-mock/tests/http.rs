//! The mock's HTTP API over real HTTP on 127.0.0.1, compared byte for byte with what NapCat
//! v4.18.19 sends.

use std::error::Error;
use std::time::{Duration, Instant};

use ncat_mock::{MockNapCat, MockReply};
use reqwest::{Client, Method, RequestBuilder};
use serde_json::{Value, json};

type TestResult = Result<(), Box<dyn Error>>;

const HEALTH: &str = r#"{"status":"ok","retcode":0,"data":{},"message":"NapCat4 Is Running","wording":"","echo":null,"stream":"normal-action"}"#;
const TOKEN_VERIFY_FAILED: &str = r#"{"message":"token verify failed!"}"#;
const JSON_UTF8: &str = "application/json; charset=utf-8";
const HTML_UTF8: &str = "text/html; charset=utf-8";

/// One HTTP response, reduced to what the tests compare.
#[derive(Debug)]
struct Answer {
    status: u16,
    content_type: Option<String>,
    body: String,
}

impl Answer {
    fn json(&self) -> Result<Value, serde_json::Error> {
        serde_json::from_str(&self.body)
    }
}

fn client() -> reqwest::Result<Client> {
    // A proxy from the environment must not intercept loopback traffic.
    Client::builder().no_proxy().build()
}

fn request(
    mock: &MockNapCat,
    method: Method,
    path_and_query: &str,
) -> reqwest::Result<RequestBuilder> {
    Ok(client()?.request(method, format!("{}{path_and_query}", mock.url())))
}

fn post(mock: &MockNapCat, path_and_query: &str, body: &str) -> reqwest::Result<RequestBuilder> {
    Ok(request(mock, Method::POST, path_and_query)?
        .header("content-type", "application/json")
        .body(body.to_owned()))
}

async fn send(request: RequestBuilder) -> reqwest::Result<Answer> {
    let response = request.send().await?;
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let body = response.text().await?;
    Ok(Answer {
        status,
        content_type,
        body,
    })
}

/// An `ok` envelope exactly as NapCat serializes it.
fn ok_envelope(data: &str, echo: &str) -> String {
    format!(
        r#"{{"status":"ok","retcode":0,"data":{data},"message":"","wording":"","echo":{echo},"stream":"normal-action"}}"#
    )
}

// ---- health check ---------------------------------------------------------------------------

#[tokio::test]
async fn health_check_answers_like_napcat() -> TestResult {
    let mock = MockNapCat::start().await?;
    let answer = send(request(&mock, Method::GET, "/")?).await?;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.content_type.as_deref(), Some(JSON_UTF8));
    assert_eq!(answer.body, HEALTH);
    assert_eq!(mock.last_request().ok_or("not recorded")?.action, "");
    Ok(())
}

#[tokio::test]
async fn health_check_is_behind_auth() -> TestResult {
    let mock = MockNapCat::builder().token("s3cret").start().await?;
    let rejected = send(request(&mock, Method::GET, "/")?).await?;
    assert_eq!(rejected.status, 403);
    let accepted = send(request(&mock, Method::GET, "/")?.bearer_auth("s3cret")).await?;
    assert_eq!(accepted.status, 200);
    assert_eq!(accepted.body, HEALTH);
    Ok(())
}

// ---- auth -------------------------------------------------------------------------------------

#[tokio::test]
async fn token_is_accepted_from_bearer_header() -> TestResult {
    let mock = MockNapCat::builder().token("s3cret").start().await?;
    assert_eq!(mock.token(), Some("s3cret"));
    let answer = send(post(&mock, "/get_status", r#"{"echo":"e"}"#)?.bearer_auth("s3cret")).await?;
    assert_eq!(answer.status, 200);
    assert_eq!(
        answer.body,
        ok_envelope(r#"{"good":false,"online":false}"#, r#""e""#)
    );
    Ok(())
}

#[tokio::test]
async fn token_is_accepted_from_bare_authorization_header() -> TestResult {
    let mock = MockNapCat::builder().token("s3cret").start().await?;
    let answer = send(post(&mock, "/get_status", "{}")?.header("authorization", "s3cret")).await?;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.json()?["status"], "ok");
    Ok(())
}

#[tokio::test]
async fn token_is_accepted_from_query_and_the_query_wins_over_the_header() -> TestResult {
    let mock = MockNapCat::builder().token("s3cret").start().await?;
    let from_query = send(post(&mock, "/get_status?access_token=s3cret", "{}")?).await?;
    assert_eq!(from_query.status, 200);

    let query_wins = post(&mock, "/get_status?access_token=wrong", "{}")?.bearer_auth("s3cret");
    assert_eq!(send(query_wins).await?.status, 403);

    // An empty `access_token` does not count, so the header is used.
    let empty_query = post(&mock, "/get_status?access_token=", "{}")?.bearer_auth("s3cret");
    assert_eq!(send(empty_query).await?.status, 200);
    Ok(())
}

#[tokio::test]
async fn wrong_or_missing_token_is_rejected_with_napcats_exact_403() -> TestResult {
    let mock = MockNapCat::builder().token("s3cret").start().await?;
    for request in [
        post(&mock, "/get_status", "{}")?,
        post(&mock, "/get_status", "{}")?.bearer_auth("wrong"),
        post(&mock, "/get_status", "{}")?.header("authorization", "Bearer"),
        post(&mock, "/get_status?access_token=s3cretX", "{}")?,
    ] {
        let answer = send(request).await?;
        assert_eq!(answer.status, 403);
        assert_eq!(answer.content_type.as_deref(), Some(HTML_UTF8));
        assert_eq!(answer.body, TOKEN_VERIFY_FAILED);
    }
    assert_eq!(
        mock.requests_for("get_status").len(),
        4,
        "rejected requests are recorded"
    );
    Ok(())
}

#[tokio::test]
async fn an_empty_token_disables_auth() -> TestResult {
    let mock = MockNapCat::builder().token("").start().await?;
    assert_eq!(mock.token(), None);
    assert_eq!(send(post(&mock, "/get_status", "{}")?).await?.status, 200);
    Ok(())
}

#[tokio::test]
async fn cors_preflight_needs_no_token() -> TestResult {
    let mock = MockNapCat::builder().token("s3cret").start().await?;
    let preflight = request(&mock, Method::OPTIONS, "/send_msg")?
        .header("origin", "http://example.test")
        .header(
            "access-control-request-headers",
            "authorization,content-type",
        );
    let response = preflight.send().await?;
    assert_eq!(response.status().as_u16(), 204);
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|value| value.to_str().ok())
    };
    assert_eq!(header("access-control-allow-origin"), Some("*"));
    assert_eq!(
        header("access-control-allow-methods"),
        Some("GET,HEAD,PUT,PATCH,POST,DELETE")
    );
    assert_eq!(
        header("access-control-allow-headers"),
        Some("authorization,content-type")
    );

    let recorded = mock.last_request().ok_or("not recorded")?;
    assert_eq!(recorded.method, "OPTIONS");
    assert_eq!(recorded.params, Value::Null);
    Ok(())
}

// ---- parameters --------------------------------------------------------------------------------

#[tokio::test]
async fn invalid_json_is_answered_400_before_the_token_check() -> TestResult {
    let mock = MockNapCat::builder().token("s3cret").start().await?;
    // No token: NapCat parses the body before it checks the token.
    let answer = send(post(&mock, "/send_msg", "{not json")?).await?;
    assert_eq!(answer.status, 400);
    assert_eq!(answer.content_type.as_deref(), Some(HTML_UTF8));
    assert_eq!(answer.body, "Invalid JSON");

    let recorded = mock.last_request().ok_or("not recorded")?;
    assert_eq!(recorded.body, "{not json");
    assert_eq!(recorded.params, Value::Null);
    Ok(())
}

#[tokio::test]
async fn query_params_are_merged_over_the_body() -> TestResult {
    let mock = MockNapCat::start().await?;
    let body = r#"{"group_id":1,"message":"hi","echo":"from-body"}"#;
    let answer = send(post(
        &mock,
        "/send_group_msg?group_id=2&auto_escape=true",
        body,
    )?)
    .await?;
    assert_eq!(answer.json()?["echo"], "from-body");
    let params = mock.last_request().ok_or("not recorded")?.params;
    assert_eq!(
        params,
        json!({"group_id": "2", "message": "hi", "echo": "from-body", "auto_escape": "true"})
    );
    Ok(())
}

#[tokio::test]
async fn body_is_parsed_as_json_whatever_the_content_type() -> TestResult {
    let mock = MockNapCat::start().await?;
    let plain = request(&mock, Method::POST, "/get_msg")?
        .header("content-type", "text/plain")
        .body(r#"{"message_id":7}"#);
    assert_eq!(send(plain).await?.status, 200);
    assert_eq!(
        mock.last_request().ok_or("not recorded")?.params,
        json!({"message_id": 7})
    );
    Ok(())
}

#[tokio::test]
async fn empty_body_means_empty_params() -> TestResult {
    let mock = MockNapCat::start().await?;
    assert_eq!(send(post(&mock, "/get_status", "")?).await?.status, 200);
    assert_eq!(mock.last_request().ok_or("not recorded")?.params, json!({}));
    Ok(())
}

#[tokio::test]
async fn get_takes_params_from_the_query_only() -> TestResult {
    let mock = MockNapCat::start().await?;
    let get = request(
        &mock,
        Method::GET,
        "/get_group_info?group_id=123&x=1&x=2&text=a+b%21",
    )?
    .body(r#"{"ignored":true}"#);
    assert_eq!(send(get).await?.status, 200);
    assert_eq!(
        mock.last_request().ok_or("not recorded")?.params,
        json!({"group_id": "123", "x": ["1", "2"], "text": "a b!"})
    );
    Ok(())
}

#[tokio::test]
async fn a_non_object_body_is_spread_like_javascript() -> TestResult {
    let mock = MockNapCat::start().await?;
    send(post(&mock, "/a", r#"[10,"b"]"#)?).await?;
    send(post(&mock, "/b", "42")?).await?;
    send(post(&mock, "/c", r#""hi""#)?).await?;
    let params: Vec<Value> = mock
        .requests()
        .into_iter()
        .map(|request| request.params)
        .collect();
    assert_eq!(
        params,
        [
            json!({"0": 10, "1": "b"}),
            json!({}),
            json!({"0": "h", "1": "i"})
        ]
    );
    Ok(())
}

#[tokio::test]
async fn action_is_the_first_path_segment() -> TestResult {
    let mock = MockNapCat::start().await?;
    mock.on("send_msg", MockReply::ok(json!({"message_id": 1})));
    mock.on(".handle_quick_operation", MockReply::ok_without_data());
    for path in ["/send_msg", "/send_msg/", "/send_msg/anything"] {
        let answer = send(post(&mock, &format!("{path}?echo=e"), "{}")?).await?;
        assert_eq!(
            answer.body,
            ok_envelope(r#"{"message_id":1}"#, r#""e""#),
            "{path}"
        );
    }
    let hidden = send(post(&mock, "/.handle_quick_operation?echo=e", "{}")?).await?;
    assert_eq!(
        hidden.body,
        r#"{"status":"ok","retcode":0,"message":"","wording":"","echo":"e","stream":"normal-action"}"#
    );
    let actions: Vec<String> = mock
        .requests()
        .into_iter()
        .map(|request| request.action)
        .collect();
    assert_eq!(
        actions,
        [
            "send_msg",
            "send_msg",
            "send_msg",
            ".handle_quick_operation"
        ]
    );
    Ok(())
}

// ---- echo ---------------------------------------------------------------------------------------

#[tokio::test]
async fn echo_is_passed_through_verbatim() -> TestResult {
    let mock = MockNapCat::start().await?;
    let number = send(post(&mock, "/delete_msg", r#"{"echo":42}"#)?).await?;
    assert_eq!(number.body, ok_envelope("null", "42"));
    let object = send(post(&mock, "/delete_msg", r#"{"echo":{"id":"x"}}"#)?).await?;
    assert_eq!(object.body, ok_envelope("null", r#"{"id":"x"}"#));
    let from_query = send(post(&mock, "/delete_msg?echo=q", r#"{"echo":"b"}"#)?).await?;
    assert_eq!(from_query.body, ok_envelope("null", r#""q""#));
    Ok(())
}

#[tokio::test]
async fn a_missing_or_null_echo_is_replaced_by_a_random_base36_string() -> TestResult {
    let mock = MockNapCat::start().await?;
    let mut echoes = Vec::new();
    for body in ["{}", r#"{"echo":null}"#] {
        let answer = send(post(&mock, "/get_status", body)?).await?.json()?;
        let echo = answer["echo"]
            .as_str()
            .ok_or("echo is not a string")?
            .to_owned();
        assert!(
            (1..=13).contains(&echo.len())
                && echo
                    .bytes()
                    .all(|byte| byte.is_ascii_digit() || byte.is_ascii_lowercase()),
            "{echo:?} is not base 36"
        );
        echoes.push(echo);
    }
    assert_ne!(echoes[0], echoes[1]);
    Ok(())
}

// ---- scripted replies ---------------------------------------------------------------------------

#[tokio::test]
async fn unscripted_actions_answer_ok_with_null_data() -> TestResult {
    let mock = MockNapCat::start().await?;
    let answer = send(post(&mock, "/anything_at_all", r#"{"echo":"e"}"#)?).await?;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.content_type.as_deref(), Some(JSON_UTF8));
    assert_eq!(answer.body, ok_envelope("null", r#""e""#));
    Ok(())
}

#[tokio::test]
async fn the_login_info_names_the_account_the_mock_plays() -> TestResult {
    let mock = MockNapCat::builder().self_id(20002).start().await?;
    let login = send(post(&mock, "/get_login_info", "{}")?).await?.json()?;
    assert_eq!(login["data"], json!({"user_id": 20002, "nickname": ""}));
    Ok(())
}

#[tokio::test]
async fn unscripted_actions_of_the_schema_answer_typed_defaults_and_sends_count() -> TestResult {
    let mock = MockNapCat::start().await?;
    let login = send(post(&mock, "/get_login_info", "{}")?).await?.json()?;
    let ban = send(post(&mock, "/set_group_ban", "{}")?).await?.json()?;
    let mut sent = Vec::new();
    for action in ["/send_group_msg", "/send_private_forward_msg"] {
        sent.push(send(post(&mock, action, "{}")?).await?.json()?["data"].clone());
    }
    assert_eq!(login["data"], json!({"user_id": 10001, "nickname": ""}));
    assert_eq!(ban["data"], Value::Null);
    assert_eq!(
        sent,
        [
            json!({"message_id": 1}),
            json!({"message_id": 2, "res_id": "2", "forward_id": "2"})
        ]
    );
    Ok(())
}

#[tokio::test]
async fn a_bots_table_of_default_replies_adds_and_replaces_defaults() -> TestResult {
    let table: &[(&str, &str)] = &[
        ("get_member_stats", r#"{"data":{"owner":1}}"#),
        ("get_status", r#"{"data":{"online":true,"good":true}}"#),
        (
            "send_card",
            r#"{"data":{"card_id":"x"},"count":["card_id"]}"#,
        ),
    ];
    let mock = MockNapCat::builder().default_replies(table).start().await?;
    let mut data = Vec::new();
    for action in [
        "/get_member_stats",
        "/get_status",
        "/send_card",
        "/send_card",
    ] {
        data.push(send(post(&mock, action, "{}")?).await?.json()?["data"].clone());
    }
    assert_eq!(
        data,
        [
            json!({"owner": 1}),
            json!({"online": true, "good": true}),
            json!({"card_id": "1"}),
            json!({"card_id": "2"})
        ]
    );
    let broken = MockNapCat::builder()
        .default_replies(&[("x", "{\"answer\": 1}")])
        .start()
        .await;
    assert_eq!(
        broken.map(drop).map_err(|error| error.kind()),
        Err(std::io::ErrorKind::InvalidInput)
    );
    Ok(())
}

#[tokio::test]
async fn scripted_ok_reply() -> TestResult {
    let mock = MockNapCat::start().await?;
    mock.on(
        "get_login_info",
        MockReply::ok(json!({"user_id": 10001, "nickname": "bot"})),
    );
    let answer = send(post(&mock, "/get_login_info", r#"{"echo":"e"}"#)?).await?;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.content_type.as_deref(), Some(JSON_UTF8));
    assert_eq!(
        answer.body,
        ok_envelope(r#"{"nickname":"bot","user_id":10001}"#, r#""e""#)
    );
    Ok(())
}

#[tokio::test]
async fn scripted_failed_reply() -> TestResult {
    let mock = MockNapCat::start().await?;
    mock.on("send_msg", MockReply::failed(200, "不支持的Api send_msg"));
    let answer = send(post(&mock, "/send_msg", r#"{"echo":"e"}"#)?).await?;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.content_type.as_deref(), Some(JSON_UTF8));
    assert_eq!(
        answer.body,
        r#"{"status":"failed","retcode":200,"data":null,"message":"不支持的Api send_msg","wording":"不支持的Api send_msg","echo":"e","stream":"normal-action"}"#
    );
    Ok(())
}

#[tokio::test]
async fn scripted_reply_without_data() -> TestResult {
    let mock = MockNapCat::start().await?;
    mock.on("send_poke", MockReply::ok_without_data());
    let answer = send(post(&mock, "/send_poke", r#"{"echo":"e"}"#)?).await?;
    assert_eq!(
        answer.body,
        r#"{"status":"ok","retcode":0,"message":"","wording":"","echo":"e","stream":"normal-action"}"#
    );
    Ok(())
}

#[tokio::test]
async fn scripted_http_reply() -> TestResult {
    let mock = MockNapCat::start().await?;
    mock.on("get_status", MockReply::http(500, "Internal Server Error"));
    let answer = send(post(&mock, "/get_status", "{}")?).await?;
    assert_eq!(answer.status, 500);
    assert_eq!(answer.content_type.as_deref(), Some(HTML_UTF8));
    assert_eq!(answer.body, "Internal Server Error");
    Ok(())
}

#[tokio::test]
async fn an_impossible_http_status_is_answered_500() -> TestResult {
    let mock = MockNapCat::start().await?;
    mock.on("get_status", MockReply::http(42, "nope"));
    let answer = send(post(&mock, "/get_status", "{}")?).await?;
    assert_eq!((answer.status, answer.body.as_str()), (500, "nope"));
    Ok(())
}

#[tokio::test]
async fn scripted_raw_reply() -> TestResult {
    let mock = MockNapCat::start().await?;
    mock.on("get_status", MockReply::raw("<<garbage>>"));
    let answer = send(post(&mock, "/get_status", "{}")?).await?;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.content_type.as_deref(), Some(JSON_UTF8));
    assert_eq!(answer.body, "<<garbage>>");
    Ok(())
}

#[tokio::test]
async fn delayed_reply_waits_before_answering() -> TestResult {
    let mock = MockNapCat::start().await?;
    let delay = Duration::from_millis(300);
    mock.on("get_status", MockReply::ok(json!(1)).delay(delay));
    let started = Instant::now();
    let answer = send(post(&mock, "/get_status", r#"{"echo":"e"}"#)?).await?;
    assert!(
        started.elapsed() >= delay,
        "answered after {:?}",
        started.elapsed()
    );
    assert_eq!(answer.body, ok_envelope("1", r#""e""#));
    Ok(())
}

#[tokio::test]
async fn delayed_reply_lets_a_client_time_out_and_is_recorded_on_arrival() -> TestResult {
    let mock = MockNapCat::start().await?;
    mock.on(
        "get_status",
        MockReply::ok_without_data().delay(Duration::from_secs(30)),
    );
    let error = post(&mock, "/get_status", r#"{"n":1}"#)?
        .timeout(Duration::from_millis(100))
        .send()
        .await
        .err()
        .ok_or("the client did not time out")?;
    assert!(error.is_timeout(), "{error}");
    assert_eq!(
        mock.last_request().ok_or("not recorded")?.params,
        json!({"n": 1})
    );
    Ok(())
}

#[tokio::test]
async fn one_shot_replies_come_first_in_order_then_the_persistent_one() -> TestResult {
    let mock = MockNapCat::start().await?;
    mock.on("get_status", MockReply::ok(json!("persistent")))
        .on_once("get_status", MockReply::failed(1200, "first"))
        .on_once("get_status", MockReply::ok(json!("second")));
    let mut seen = Vec::new();
    for _ in 0..4 {
        let answer = send(post(&mock, "/get_status", "{}")?).await?.json()?;
        seen.push(if answer["status"] == "failed" {
            answer["message"].clone()
        } else {
            answer["data"].clone()
        });
    }
    assert_eq!(
        seen,
        [
            json!("first"),
            json!("second"),
            json!("persistent"),
            json!("persistent")
        ]
    );
    Ok(())
}

#[tokio::test]
async fn one_shot_replies_fall_back_to_the_default_when_used_up() -> TestResult {
    let mock = MockNapCat::start().await?;
    mock.on_once("get_status", MockReply::ok(json!("once")));
    let first = send(post(&mock, "/get_status", r#"{"echo":"e"}"#)?).await?;
    let second = send(post(&mock, "/get_status", r#"{"echo":"e"}"#)?).await?;
    assert_eq!(first.body, ok_envelope(r#""once""#, r#""e""#));
    assert_eq!(
        second.body,
        ok_envelope(r#"{"good":false,"online":false}"#, r#""e""#)
    );
    Ok(())
}

#[tokio::test]
async fn on_replaces_the_previous_persistent_reply() -> TestResult {
    let mock = MockNapCat::start().await?;
    mock.on("get_status", MockReply::ok(json!("old")));
    mock.on("get_status", MockReply::ok(json!("new")));
    let answer = send(post(&mock, "/get_status", "{}")?).await?.json()?;
    assert_eq!(answer["data"], "new");
    Ok(())
}

#[tokio::test]
async fn replies_are_per_action() -> TestResult {
    let mock = MockNapCat::start().await?;
    mock.on("get_status", MockReply::ok(json!("status")));
    mock.on_once("get_login_info", MockReply::ok(json!("login")));
    let other = send(post(&mock, "/get_friend_list", "{}")?).await?.json()?;
    let status = send(post(&mock, "/get_status", "{}")?).await?.json()?;
    assert_eq!(
        (other["data"].clone(), status["data"].clone()),
        (json!([]), json!("status"))
    );
    Ok(())
}

// ---- recording ----------------------------------------------------------------------------------

#[tokio::test]
async fn requests_are_recorded_with_headers_body_and_params() -> TestResult {
    let mock = MockNapCat::builder().token("s3cret").start().await?;
    let body = r#"{"user_id":10001,"message":"hello"}"#;
    send(
        post(&mock, "/send_private_msg/?auto_escape=1", body)?
            .bearer_auth("s3cret")
            .header("x-custom", "yes"),
    )
    .await?;

    let recorded = mock.last_request().ok_or("not recorded")?;
    assert_eq!(recorded.method, "POST");
    assert_eq!(recorded.path, "/send_private_msg/");
    assert_eq!(recorded.action, "send_private_msg");
    assert_eq!(recorded.query.as_deref(), Some("auto_escape=1"));
    assert_eq!(recorded.header("Authorization"), Some("Bearer s3cret"));
    assert_eq!(recorded.header("content-type"), Some("application/json"));
    assert_eq!(recorded.header("x-custom"), Some("yes"));
    assert_eq!(recorded.header("x-missing"), None);
    assert_eq!(
        recorded
            .headers
            .get("x-custom")
            .map(|value| value.as_bytes()),
        Some(&b"yes"[..])
    );
    assert_eq!(recorded.body, body);
    assert_eq!(
        recorded.params,
        json!({"user_id": 10001, "message": "hello", "auto_escape": "1"})
    );
    Ok(())
}

#[tokio::test]
async fn requests_are_listed_in_arrival_order_filtered_and_cleared() -> TestResult {
    let mock = MockNapCat::builder().token("s3cret").start().await?;
    send(post(&mock, "/a", r#"{"n":1}"#)?.bearer_auth("s3cret")).await?;
    send(post(&mock, "/b", r#"{"n":2}"#)?).await?; // rejected: no token
    send(post(&mock, "/a", "{broken")?.bearer_auth("s3cret")).await?; // rejected: 400
    let summary: Vec<(String, Value)> = mock
        .requests()
        .into_iter()
        .map(|request| (request.action, request.params))
        .collect();
    assert_eq!(
        summary,
        [
            ("a".to_owned(), json!({"n": 1})),
            ("b".to_owned(), json!({"n": 2})),
            ("a".to_owned(), Value::Null),
        ]
    );
    let bodies: Vec<String> = mock
        .requests_for("a")
        .into_iter()
        .map(|request| request.body)
        .collect();
    assert_eq!(bodies, [r#"{"n":1}"#, "{broken"]);
    assert_eq!(mock.requests_for("c"), []);

    mock.clear_requests();
    assert_eq!(mock.requests(), []);
    assert_eq!(mock.last_request(), None);
    Ok(())
}

// ---- lifecycle ----------------------------------------------------------------------------------

#[tokio::test]
async fn listens_on_loopback_at_its_url() -> TestResult {
    let mock = MockNapCat::start().await?;
    assert!(mock.addr().ip().is_loopback());
    assert_ne!(mock.addr().port(), 0);
    assert_eq!(
        mock.url(),
        format!("http://127.0.0.1:{}", mock.addr().port())
    );
    assert_eq!(mock.token(), None);
    Ok(())
}

#[tokio::test]
async fn shutdown_closes_the_port_and_cuts_delayed_replies_short() -> TestResult {
    let mock = MockNapCat::start().await?;
    mock.on(
        "get_status",
        MockReply::ok_without_data().delay(Duration::from_secs(30)),
    );
    let addr = mock.addr();
    let pending = tokio::spawn(post(&mock, "/get_status", "{}")?.send());
    // Shut down only once the request is in, so it is cut off mid-reply.
    while mock.requests().is_empty() {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }

    tokio::time::timeout(Duration::from_secs(5), mock.shutdown()).await?;
    let cut_off = tokio::time::timeout(Duration::from_secs(5), pending).await??;
    assert!(
        cut_off.is_err(),
        "the delayed request got an answer: {cut_off:?}"
    );
    assert!(
        tokio::net::TcpStream::connect(addr).await.is_err(),
        "the port still accepts connections"
    );
    Ok(())
}

#[tokio::test]
async fn dropping_the_mock_stops_it() -> TestResult {
    let mock = MockNapCat::start().await?;
    let addr = mock.addr();
    drop(mock);
    // The server stops in the background; give it a bounded time to do so.
    for _ in 0..200 {
        if tokio::net::TcpStream::connect(addr).await.is_err() {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    Err("the port still accepts connections 2 s after the mock was dropped".into())
}
