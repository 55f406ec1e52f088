//! The `ncat` binary against the mock NapCat: what each parameter type
//! family puts on the wire (compared with the library's typed methods),
//! usage errors, exit statuses, `raw`, `events`, help text and the list of
//! subcommands against the schema.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::future::IntoFuture;
use std::path::Path;
use std::process::{Output, Stdio};
use std::time::Duration;

use ncat_api::types::{AudioFormat, ForwardNews, MessageType};
use ncat_api::{Client, Message, UserId};
use ncat_mock::{MockNapCat, MockReply, PostSignature};
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::process::Command;

/// Every child is bounded by this, so a hang fails the test instead of CI.
const LIMIT: Duration = Duration::from_secs(60);

fn ncat(url: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ncat"));
    command
        .env("NAPCAT_URL", url)
        .env_remove("NAPCAT_TOKEN")
        .stdin(Stdio::null())
        .kill_on_drop(true);
    command
}

async fn run(url: &str, args: &[&str]) -> Output {
    let output = ncat(url).args(args).output();
    tokio::time::timeout(LIMIT, output).await.unwrap().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Runs `ncat call …`, then the library's typed `call`, and checks that
/// NapCat received `expected` from both. (The mock answers `null`, which
/// some replies do not decode from: only the request matters here.)
async fn same_wire<F>(mock: &MockNapCat, args: &[&str], library: F, expected: Value)
where
    F: IntoFuture,
{
    mock.clear_requests();
    run(&mock.url(), args).await;
    let from_cli = mock.last_request().unwrap();
    assert_eq!(from_cli.action, args[1], "{args:?}");
    assert_eq!(from_cli.params, expected, "{args:?}");
    library.await;
    assert_eq!(mock.requests().len(), 2, "{args:?}");
    let from_library = mock.last_request().unwrap();
    assert_eq!(from_library.params, from_cli.params, "{args:?}");
}

#[tokio::test]
async fn ids_integers_and_defaults_go_out_as_the_library_sends_them() {
    let mock = MockNapCat::start().await.unwrap();
    let client = Client::http(mock.url()).unwrap();
    same_wire(
        &mock,
        &[
            "call",
            "set_group_ban",
            "--group-id",
            "1",
            "--user-id",
            "2",
            "--duration",
            "600",
        ],
        client.set_group_ban(1, 2).duration(600),
        json!({"group_id": "1", "user_id": "2", "duration": 600}),
    )
    .await;
    // Unset optional parameters stay out, so NapCat applies its default.
    same_wire(
        &mock,
        &["call", "set_group_ban", "--group-id", "1", "--user-id", "2"],
        client.set_group_ban(1, 2),
        json!({"group_id": "1", "user_id": "2"}),
    )
    .await;
    // Wire names that are not Rust names: flag by Rust name or wire name.
    for flag in ["--emoji-id", "--emojiId"] {
        same_wire(
            &mock,
            &[
                "call",
                "fetch_emoji_like",
                "--message-id",
                "5",
                flag,
                "14",
                "--emoji-type",
                "1",
            ],
            client.fetch_emoji_like(5, 14, 1),
            json!({"message_id": 5, "emojiId": 14, "emojiType": 1}),
        )
        .await;
    }
}

#[tokio::test]
async fn bools_enums_and_json_values() {
    let mock = MockNapCat::start().await.unwrap();
    let client = Client::http(mock.url()).unwrap();
    same_wire(
        &mock,
        &[
            "call",
            "set_group_kick",
            "--group-id",
            "1",
            "--user-id",
            "2",
            "--reject-add-request",
        ],
        client.set_group_kick(1, 2).reject_add_request(true),
        json!({"group_id": "1", "user_id": "2", "reject_add_request": true}),
    )
    .await;
    same_wire(
        &mock,
        &[
            "call",
            "set_group_whole_ban",
            "--group-id",
            "1",
            "--enable",
            "false",
        ],
        client.set_group_whole_ban(1).enable(false),
        json!({"group_id": "1", "enable": false}),
    )
    .await;
    same_wire(
        &mock,
        &["call", "get_record", "--file", "abc", "--out-format", "mp3"],
        client.get_record(AudioFormat::Mp3).file("abc"),
        json!({"file": "abc", "out_format": "mp3"}),
    )
    .await;
    // By Rust name: `.handle_quick_operation` is also `handle_quick_operation`.
    let output = run(
        &mock.url(),
        &[
            "call",
            "handle_quick_operation",
            "--context",
            r#"{"post_type":"message"}"#,
            "--operation",
            r#"{"reply":"hi"}"#,
        ],
    )
    .await;
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let request = mock.last_request().unwrap();
    assert_eq!(request.action, ".handle_quick_operation");
    assert_eq!(
        request.params,
        json!({"context": {"post_type": "message"}, "operation": {"reply": "hi"}})
    );
    client
        .handle_quick_operation(json!({"post_type": "message"}), json!({"reply": "hi"}))
        .await
        .unwrap();
    assert_eq!(mock.last_request().unwrap().params, request.params);
}

#[tokio::test]
async fn messages_from_text_cq_code_or_json() {
    let mock = MockNapCat::start().await.unwrap();
    let client = Client::http(mock.url()).unwrap();
    let segments = json!([
        {"type": "text", "data": {"text": "hi "}},
        {"type": "at", "data": {"qq": "10001"}}
    ]);
    let message = Message::new().text("hi ").at(UserId::new(10001));
    for text in ["hi [CQ:at,qq=10001]", &segments.to_string()] {
        same_wire(
            &mock,
            &[
                "call",
                "send_group_msg",
                "--group-id",
                "1",
                "--message",
                text,
            ],
            client.send_group_msg(1, message.clone()),
            json!({"group_id": "1", "message": segments}),
        )
        .await;
    }
    same_wire(
        &mock,
        &["call", "send_private_msg", "--user-id", "2", "--message", "plain [text] & more"],
        client.send_private_msg(2, "plain [text] & more"),
        json!({"user_id": "2", "message": [{"type": "text", "data": {"text": "plain [text] & more"}}]}),
    )
    .await;
}

#[tokio::test]
async fn lists_repeat_the_flag_and_numbers_also_split_on_commas() {
    let mock = MockNapCat::start().await.unwrap();
    let client = Client::http(mock.url()).unwrap();
    same_wire(
        &mock,
        &[
            "call",
            "set_group_kick_members",
            "--group-id",
            "1",
            "--user-id",
            "2,3",
            "--user-id",
            "4",
        ],
        client.set_group_kick_members(1, [2, 3, 4]),
        json!({"group_id": "1", "user_id": ["2", "3", "4"]}),
    )
    .await;
    same_wire(
        &mock,
        &["call", "translate_en2zh", "--words", "a", "--words", "b,c"],
        client.translate_en2zh(["a", "b,c"]),
        json!({"words": ["a", "b,c"]}),
    )
    .await;
    let news = |text: &str| ForwardNews { text: text.into() };
    same_wire(
        &mock,
        &[
            "call",
            "send_msg",
            "--message-type",
            "group",
            "--group-id",
            "1",
            "--message",
            "hi",
            "--news",
            r#"{"text":"one"}"#,
            "--news",
            r#"{"text":"two"}"#,
        ],
        client
            .send_msg("hi")
            .message_type(MessageType::Group)
            .group_id(1)
            .news([news("one"), news("two")]),
        json!({
            "message_type": "group",
            "group_id": "1",
            "message": [{"type": "text", "data": {"text": "hi"}}],
            "news": [{"text": "one"}, {"text": "two"}]
        }),
    )
    .await;
}

#[tokio::test]
async fn the_typed_reply_is_printed_as_json() {
    let mock = MockNapCat::start().await.unwrap();
    mock.on(
        "get_login_info",
        MockReply::ok(json!({"user_id": 10001, "nickname": "bot", "not_in_schema": 1})),
    );
    let output = run(&mock.url(), &["call", "get_login_info", "--compact"]).await;
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    // Decoded into `User` (fields it does not know dropped) and printed back.
    assert_eq!(
        stdout(&output),
        "{\"user_id\":\"10001\",\"nickname\":\"bot\"}\n"
    );
    // The same over NapCat's WebSocket server.
    let output = run(&mock.ws_url(), &["call", "get_login_info", "--compact"]).await;
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "{\"user_id\":\"10001\",\"nickname\":\"bot\"}\n"
    );
    assert_eq!(mock.last_request().unwrap().method, "WS");

    let output = run(
        &mock.url(),
        &["call", "set_group_ban", "--group-id", "1", "--user-id", "2"],
    )
    .await;
    assert_eq!(stdout(&output), "null\n");

    // A reply the schema does not describe: the Decode error, with the data.
    mock.on("get_login_info", MockReply::ok(json!("oops")));
    let output = run(&mock.url(), &["call", "get_login_info"]).await;
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).starts_with("ncat: Decode: "),
        "{}",
        stderr(&output)
    );
    assert!(
        stderr(&output).contains("reply data: \"oops\""),
        "{}",
        stderr(&output)
    );
}

#[tokio::test]
async fn stream_actions_print_each_checked_frame_on_its_own_line() {
    let mock = MockNapCat::start().await.unwrap();
    let frames = [
        json!({"type": "stream", "data_type": "file_info", "file_name": "a.txt", "file_size": 2, "chunk_size": 65536}),
        json!({"type": "stream", "data_type": "file_chunk", "index": 0, "data": "aGk=", "size": 2}),
        json!({"type": "response", "data_type": "file_complete", "total_chunks": 1, "total_bytes": 2}),
    ];
    mock.on("download_file_stream", MockReply::stream(frames.clone()));
    let output = run(
        &mock.url(),
        &["call", "download_file_stream", "--file", "token-1"],
    )
    .await;
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let printed: Vec<Value> = stdout(&output)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(printed, frames);
    assert_eq!(
        mock.last_request().unwrap().params,
        json!({"file": "token-1"})
    );

    // A frame that does not decode as a `DownloadFrame` is an error, as in the library.
    let bad =
        json!({"type": "stream", "data_type": "file_chunk", "index": 0, "data": "not base64!"});
    mock.on("download_file_stream", MockReply::stream([bad]));
    let output = run(
        &mock.url(),
        &["call", "download_file_stream", "--file", "token-1"],
    )
    .await;
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("does not match the schema"),
        "{}",
        stderr(&output)
    );
}

#[tokio::test]
async fn replies_are_indented_on_a_terminal_unless_compact() {
    let mock = MockNapCat::start().await.unwrap();
    mock.on(
        "get_login_info",
        MockReply::ok(json!({"user_id": 10001, "nickname": "bot"})),
    );
    // `script` (util-linux) runs ncat with its output on a pseudo-terminal.
    let on_terminal = |extra: &str| {
        let command = format!("{} call get_login_info{extra}", env!("CARGO_BIN_EXE_ncat"));
        let mut script = Command::new("script");
        script
            .args(["-qec", &command, "/dev/null"])
            .env("NAPCAT_URL", mock.url())
            .stdin(Stdio::null())
            .kill_on_drop(true);
        script
    };
    let output = tokio::time::timeout(LIMIT, on_terminal("").output())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        stdout(&output).replace("\r\n", "\n"),
        "{\n  \"user_id\": \"10001\",\n  \"nickname\": \"bot\"\n}\n"
    );
    let output = tokio::time::timeout(LIMIT, on_terminal(" --compact").output())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        stdout(&output).replace("\r\n", "\n"),
        "{\"user_id\":\"10001\",\"nickname\":\"bot\"}\n"
    );
}

#[tokio::test]
async fn usage_errors_exit_2_without_sending_anything() {
    let mock = MockNapCat::start().await.unwrap();
    let url = mock.url();
    let cases: &[(&[&str], &str)] = &[
        (
            &["call", "set_group_ban", "--group-id", "1"],
            "--user-id <UserId>",
        ),
        (
            &["call", "set_group_ban", "--group-id", "x", "--user-id", "2"],
            "invalid value 'x'",
        ),
        (
            &[
                "call",
                "set_group_ban",
                "--group-id",
                "1",
                "--user-id",
                "2",
                "--duration",
                "-1",
            ],
            "invalid value '-1'",
        ),
        (
            &[
                "call",
                "fetch_emoji_like",
                "--message-id",
                "5",
                "--emoji-id",
                "1",
                "--emoji-type",
                "300",
            ],
            "300",
        ),
        (
            &["call", "get_record", "--out-format", "mp4"],
            "possible values: mp3",
        ),
        (
            &[
                "call",
                "set_group_whole_ban",
                "--group-id",
                "1",
                "--enable",
                "maybe",
            ],
            "maybe",
        ),
        (
            &["call", "send_msg", "--message", "hi", "--news", "not json"],
            "--news",
        ),
        (&["call", "no_such_action"], "no_such_action"),
        (&["raw", "get_status", "[1]"], "JSON object"),
    ];
    for (args, expected) in cases {
        let output = run(&url, args).await;
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(
            stderr(&output).contains(expected),
            "{args:?}: {}",
            stderr(&output)
        );
    }
    let output = ncat(&url)
        .env_remove("NAPCAT_URL")
        .args(["call", "get_status"])
        .output()
        .await
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("NAPCAT_URL"),
        "{}",
        stderr(&output)
    );
    assert!(mock.requests().is_empty(), "{:?}", mock.requests());
}

#[tokio::test]
async fn each_error_kind_has_its_exit_status() {
    let mock = MockNapCat::builder().token("s3cret").start().await.unwrap();
    let url = mock.url();
    let ban = ["call", "set_group_ban", "--group-id", "1", "--user-id", "2"];

    // Unauthorized: 4, and the token is never printed.
    let output = ncat(&url)
        .env("NAPCAT_TOKEN", "wr0ng-t0ken")
        .args(ban)
        .output()
        .await
        .unwrap();
    assert_eq!(output.status.code(), Some(4), "{}", stderr(&output));
    assert!(
        stderr(&output).starts_with("ncat: Unauthorized: "),
        "{}",
        stderr(&output)
    );
    assert!(!stderr(&output).contains("wr0ng-t0ken"));

    // The action failed: 3, with NapCat's message.
    mock.on(
        "set_group_ban",
        MockReply::failed(200, "no permission to mute"),
    );
    let output = run(&url, &[&["--token", "s3cret"][..], &ban].concat()).await;
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    assert!(
        stderr(&output).starts_with("ncat: Action: "),
        "{}",
        stderr(&output)
    );
    assert!(
        stderr(&output).contains("no permission to mute"),
        "{}",
        stderr(&output)
    );

    // Timeout: 5.
    mock.on(
        "get_status",
        MockReply::ok(json!({})).delay(Duration::from_secs(5)),
    );
    let output = run(
        &url,
        &["--token", "s3cret", "--timeout", "1", "call", "get_status"],
    )
    .await;
    assert_eq!(output.status.code(), Some(5), "{}", stderr(&output));
    assert!(
        stderr(&output).starts_with("ncat: Timeout: "),
        "{}",
        stderr(&output)
    );

    // Nobody listening: Transport, 5.
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap()
    };
    let output = run(&format!("http://{closed}"), &ban).await;
    assert_eq!(output.status.code(), Some(5), "{}", stderr(&output));
    assert!(
        stderr(&output).starts_with("ncat: Transport: "),
        "{}",
        stderr(&output)
    );
}

#[tokio::test]
async fn raw_reads_its_parameters_from_the_argument_or_stdin() {
    let mock = MockNapCat::start().await.unwrap();
    mock.on(
        "get_group_info",
        MockReply::ok(json!({"group_id": 1, "anything": [true]})),
    );

    let mut child = ncat(&mock.url())
        .args(["raw", "get_group_info"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all(br#"{"group_id": "1", "x": [1]}"#)
        .await
        .unwrap();
    drop(stdin);
    let output = tokio::time::timeout(LIMIT, child.wait_with_output())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    // The data exactly as NapCat sent it, untyped.
    assert_eq!(stdout(&output), "{\"anything\":[true],\"group_id\":1}\n");
    assert_eq!(
        mock.last_request().unwrap().params,
        json!({"group_id": "1", "x": [1]})
    );

    let output = run(&mock.url(), &["raw", "not_in_schema", r#"{"a":1}"#]).await;
    assert_eq!(output.status.code(), Some(0));
    let request = mock.last_request().unwrap();
    assert_eq!(
        (request.action.as_str(), request.params),
        ("not_in_schema", json!({"a": 1}))
    );
}

/// Reads lines from `ncat events` until one satisfies `done`, within the limit.
async fn lines_until(
    lines: &mut tokio::io::Lines<BufReader<tokio::process::ChildStdout>>,
    done: impl Fn(&str) -> bool,
) -> Vec<String> {
    let mut seen = Vec::new();
    tokio::time::timeout(LIMIT, async {
        while let Some(line) = lines.next_line().await.unwrap() {
            let finished = done(&line);
            seen.push(line);
            if finished {
                return;
            }
        }
        panic!("ncat events ended: {seen:?}");
    })
    .await
    .unwrap();
    seen
}

const GROUP_MESSAGE: &str = r#"{"time":1700000000,"self_id":10001,"post_type":"message","message_type":"group","sub_type":"normal","message_id":42,"group_id":123456,"user_id":20002,"anonymous":null,"message":[{"type":"text","data":{"text":"hello"}}],"raw_message":"hello","font":14,"sender":{"user_id":20002,"nickname":"alice","card":"","role":"member"}}"#;
const POKE: &str = r#"{"time":1700000001,"self_id":10001,"post_type":"notice","notice_type":"notify","sub_type":"poke","group_id":123456,"user_id":20002,"target_id":10001}"#;

/// Starts `ncat events ARGS` and waits until its connection check arrived.
async fn tail(
    mock: &MockNapCat,
    args: &[&str],
) -> (
    tokio::process::Child,
    tokio::io::Lines<BufReader<tokio::process::ChildStdout>>,
) {
    let mut child = ncat(&mock.ws_url())
        .arg("events")
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let lines = BufReader::new(child.stdout.take().unwrap()).lines();
    tokio::time::timeout(LIMIT, async {
        while mock.requests_for("get_status").is_empty() {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await
    .unwrap();
    mock.clear_requests();
    (child, lines)
}

#[tokio::test]
async fn events_prints_pushed_events_one_per_line() {
    let mock = MockNapCat::start().await.unwrap();
    let (mut child, mut lines) = tail(&mock, &[]).await;
    mock.push_event(&serde_json::from_str(GROUP_MESSAGE).unwrap());
    let seen = lines_until(&mut lines, |line| line.starts_with("message.")).await;
    // The lifecycle event of the connection came first.
    assert!(seen[0].starts_with("meta_event Lifecycle("), "{seen:?}");
    assert_eq!(
        seen.last().unwrap(),
        "message.group group=123456 user=20002 (alice) id=42: hello"
    );
    // NapCat goes away and comes back: the library reconnects (the new
    // connection's lifecycle event shows it) and the tail goes on.
    assert_eq!(mock.disconnect_websockets(), 1);
    lines_until(&mut lines, |line| line.starts_with("meta_event Lifecycle(")).await;
    mock.push_event(&serde_json::from_str(GROUP_MESSAGE).unwrap());
    lines_until(&mut lines, |line| line.starts_with("message.group")).await;
    child.kill().await.unwrap();

    // Filtered and as JSON.
    let (mut child, mut lines) = tail(&mock, &["--type", "notice", "--json"]).await;
    mock.push_event(&serde_json::from_str(GROUP_MESSAGE).unwrap());
    mock.push_event(&serde_json::from_str(POKE).unwrap());
    let seen = lines_until(&mut lines, |_| true).await;
    // Only the notice, exactly as NapCat (here the mock) sent it.
    let poke: Value = serde_json::from_str(POKE).unwrap();
    assert_eq!(seen, [poke.to_string()]);
    child.kill().await.unwrap();
}

#[tokio::test]
async fn events_come_from_sse_with_an_http_url() {
    let mock = MockNapCat::start().await.unwrap();
    let mut child = ncat(&mock.url())
        .args(["events", "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    tokio::time::timeout(LIMIT, async {
        while mock.sse_count() == 0 {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await
    .unwrap();
    mock.push_event(&serde_json::from_str(POKE).unwrap());
    let seen = lines_until(&mut lines, |_| true).await;
    let poke: Value = serde_json::from_str(POKE).unwrap();
    assert_eq!(seen, [poke.to_string()]);
    assert_eq!(mock.requests_for("_events")[0].method, "GET");
    child.kill().await.unwrap();
}

#[tokio::test]
async fn events_arrive_from_napcat_posts_with_listen_and_a_secret() {
    let mock = MockNapCat::builder().token("p0st").start().await.unwrap();
    let mut child = ncat(&mock.url())
        .args([
            "events",
            "--json",
            "--listen",
            "127.0.0.1:0",
            "--secret",
            "p0st",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    // ncat says where it listens: `… on http://127.0.0.1:PORT/; …`.
    let mut errors = BufReader::new(child.stderr.take().unwrap()).lines();
    let announced = tokio::time::timeout(LIMIT, errors.next_line())
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    let url = announced
        .split_whitespace()
        .find(|word| word.starts_with("http://"))
        .unwrap()
        .trim_end_matches(';')
        .to_owned();
    let wrong = mock
        .post_event_signed(
            &url,
            &serde_json::from_str(GROUP_MESSAGE).unwrap(),
            PostSignature::Wrong,
        )
        .await
        .unwrap();
    assert_eq!(wrong.status, 403);
    let signed = mock
        .post_event(&url, &serde_json::from_str(POKE).unwrap())
        .await
        .unwrap();
    assert_eq!(signed.status, 204);
    // Only the signed post arrived.
    let seen = lines_until(&mut lines, |_| true).await;
    let poke: Value = serde_json::from_str(POKE).unwrap();
    assert_eq!(seen, [poke.to_string()]);
    child.kill().await.unwrap();
}

#[tokio::test]
async fn help_shows_the_schema_docs_and_never_the_token() {
    let output = ncat("http://127.0.0.1:1/?access_token=qs3cret")
        .env("NAPCAT_TOKEN", "s3cret")
        .args(["call", "set_group_ban", "--help"])
        .output()
        .await
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let help = stdout(&output);
    for expected in [
        "群组禁言 · Mute a group member",
        "which **unmutes** the member",
        "--group-id <GroupId>",
        "--user-id <UserId>",
        "--duration <u32>",
        "禁言时长（秒），0 为解除禁言 / mute length in seconds; 0 unmutes [NapCat's default: 0]",
    ] {
        assert!(help.contains(expected), "{expected:?} not in {help}");
    }
    let help = stdout(&run("http://127.0.0.1:1", &["call", "get_record", "--help"]).await);
    assert!(
        help.contains("[possible values: mp3, amr, wma, m4a, spx, ogg, wav, flac]"),
        "{help}"
    );
    let output = ncat("http://127.0.0.1:1/?access_token=qs3cret")
        .env("NAPCAT_TOKEN", "s3cret")
        .arg("--help")
        .output()
        .await
        .unwrap();
    assert!(!stdout(&output).contains("s3cret"), "{}", stdout(&output));
}

#[tokio::test]
async fn every_schema_action_is_a_subcommand() {
    let schema =
        ncat_schema::load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("schema")).unwrap();
    let output = run("http://127.0.0.1:1", &["actions"]).await;
    assert_eq!(output.status.code(), Some(0));
    let listed: Vec<String> = stdout(&output)
        .lines()
        .map(|line| line.split_whitespace().next().unwrap().to_owned())
        .collect();
    let wire_names: Vec<String> = schema
        .actions
        .iter()
        .map(|action| action.wire_name.clone())
        .collect();
    assert_eq!(listed, wire_names);

    // Rust names and aliases reach the same subcommand.
    let output = run(
        "http://127.0.0.1:1",
        &["call", "send_group_notice", "--help"],
    )
    .await;
    assert!(
        stdout(&output).contains("发送群公告"),
        "{}",
        stdout(&output)
    );
    let searched = stdout(&run("http://127.0.0.1:1", &["actions", "MUTE"]).await);
    assert!(
        searched
            .lines()
            .any(|line| line.starts_with("set_group_ban ")),
        "{searched}"
    );

    // Every shell gets a completion script naming the actions.
    for shell in ["bash", "zsh", "fish"] {
        let output = run("http://127.0.0.1:1", &["completions", shell]).await;
        assert_eq!(output.status.code(), Some(0), "{shell}");
        assert!(stdout(&output).contains("set_group_ban"), "{shell}");
    }
}

/// A flag value for `ty` and the JSON the library sends for it; `None` for
/// types that take hand-written JSON (structs).
fn example(
    ty: &ncat_schema::TypeExpr,
    schema: &ncat_schema::model::Schema,
) -> Option<(String, Value)> {
    use ncat_schema::TypeExpr;
    use ncat_schema::model::SharedTypeKind;
    Some(match ty {
        TypeExpr::Bool => ("true".into(), json!(true)),
        TypeExpr::Int(_) | TypeExpr::MessageId => ("7".into(), json!(7)),
        TypeExpr::F64 => ("1.5".into(), json!(1.5)),
        TypeExpr::String => ("x".into(), json!("x")),
        TypeExpr::UserId | TypeExpr::GroupId => ("7".into(), json!("7")),
        TypeExpr::Message => (
            "hi".into(),
            json!([{"type": "text", "data": {"text": "hi"}}]),
        ),
        TypeExpr::Json => ("{\"k\":1}".into(), json!({"k": 1})),
        TypeExpr::List(inner) => {
            let (flag, wire) = example(inner, schema)?;
            (flag, json!([wire]))
        }
        // One value of a `T | list<T>` union is a `T`.
        TypeExpr::Union(members) => example(
            members
                .iter()
                .find(|member| !matches!(member, TypeExpr::List(_)))?,
            schema,
        )?,
        TypeExpr::Named(name) => {
            let shared = schema.types.iter().find(|shared| shared.name == *name)?;
            match &shared.kind {
                SharedTypeKind::Enum(values) => {
                    let wire = &values.first()?.wire_value;
                    (wire.clone(), json!(wire))
                }
                SharedTypeKind::Struct(_) => return None,
            }
        }
        _ => return None,
    })
}

#[tokio::test]
async fn every_action_sends_its_required_parameters_by_wire_name() {
    let schema =
        ncat_schema::load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("schema")).unwrap();
    let mock = MockNapCat::start().await.unwrap();
    let (mut checked, mut grouped) = (0, 0);
    for action in &schema.actions {
        let mut args = vec!["call".to_owned(), action.wire_name.clone()];
        let mut expected = serde_json::Map::new();
        // Parameter groups ("exactly one of") are the library's check, made
        // before sending; the typed request path applies it here too.
        if !action.groups.is_empty() {
            grouped += 1;
            continue;
        }
        // An action with request variants: its first form's flags.
        let first_form = action
            .variants
            .first()
            .into_iter()
            .flat_map(|form| &form.params);
        let examples: Option<Vec<_>> = action
            .required_params()
            .chain(first_form.filter(|param| param.required))
            .map(|param| example(&param.ty, &schema).map(|example| (param, example)))
            .collect();
        let Some(examples) = examples else { continue };
        for (param, (flag, wire)) in examples {
            args.push(format!("--{}", param.rust_name.replace('_', "-")));
            args.push(flag);
            expected.insert(param.wire_name.clone(), wire);
        }
        mock.clear_requests();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let output = run(&mock.url(), &args).await;
        // Replies may not decode from the mock's `null`; only usage errors matter here.
        assert_ne!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stderr(&output)
        );
        let request = mock
            .last_request()
            .unwrap_or_else(|| panic!("{args:?} sent nothing"));
        assert_eq!(request.action, action.wire_name);
        assert_eq!(request.params, Value::Object(expected), "{args:?}");
        checked += 1;
    }
    assert!(
        checked + grouped + 5 >= schema.actions.len(),
        "only {checked} actions checked"
    );
}
