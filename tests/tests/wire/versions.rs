//! Version checks on the wire: what NapCat receives when a call needs a
//! newer NapCat than the one connected, over HTTP, WebSocket and reverse
//! WebSocket, and the mock's old-release mode.

#![allow(clippy::unwrap_used)]

use std::time::Duration;

use ncat_api::reverse::ReverseServer;
use ncat_api::{ActionErrorKind, Client, Error, Version, VersionPolicy};
use ncat_mock::MockNapCat;
use serde_json::json;

use super::TestResult;

/// An older NapCat than `complete_group_todo` (4.18.0) and the `timeout`
/// parameter of the message sends (4.17.49) need.
const OLD: &str = "4.17.0";

async fn mock(version: &str) -> Result<MockNapCat, ncat_tests::BoxError> {
    Ok(MockNapCat::builder()
        .napcat_version(version)
        .start()
        .await?)
}

fn client(url: String, policy: VersionPolicy) -> Result<Client, Error> {
    Client::builder()
        .url(url)
        .timeout(Duration::from_secs(10))
        .version_policy(policy)
        .build()
}

/// The actions the mock received, in order.
fn actions(mock: &MockNapCat) -> Vec<String> {
    mock.requests()
        .into_iter()
        .map(|request| request.action)
        .collect()
}

/// Strict: a too-new action and a too-new parameter fail before anything
/// but `get_version_info` (asked once) reaches NapCat; what the old NapCat
/// has is sent.
async fn strict_sends_nothing_too_new(mock: &MockNapCat, client: &Client) -> TestResult {
    let error = client.complete_group_todo(123456).await.unwrap_err();
    let Error::Unsupported {
        action,
        parameter,
        since,
        connected,
        ..
    } = &error
    else {
        panic!("not Unsupported: {error:?}");
    };
    assert_eq!(
        (action.as_ref(), parameter, *since, *connected),
        (
            "complete_group_todo",
            &None,
            Version::new(4, 18, 0),
            Version::new(4, 17, 0)
        )
    );
    assert_eq!(
        error.to_string(),
        "`complete_group_todo`: needs NapCat 4.18.0 or newer, but NapCat 4.17.0 is connected"
    );
    let error = client
        .send_group_msg(123456, "hi")
        .timeout(5000)
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Unsupported { parameter: Some(parameter), since, .. }
            if parameter == "timeout" && *since == Version::new(4, 17, 49)),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "`send_group_msg` parameter `timeout`: needs NapCat 4.17.49 or newer, but NapCat 4.17.0 is connected"
    );
    assert_eq!(actions(mock), ["get_version_info"]);
    assert_eq!(client.napcat_version(), Some(Version::new(4, 17, 0)));

    // The same action without the new parameter goes out.
    mock.on(
        "send_group_msg",
        ncat_mock::MockReply::ok(json!({"message_id": 7})),
    );
    client.send_group_msg(123456, "hi").await?;
    assert_eq!(actions(mock), ["get_version_info", "send_group_msg"]);
    assert_eq!(
        mock.last_request().ok_or("no request")?.params,
        json!({"group_id": "123456", "message": [{"type": "text", "data": {"text": "hi"}}]})
    );
    Ok(())
}

#[tokio::test]
async fn strict_sends_nothing_too_new_over_http() -> TestResult {
    let mock = mock(OLD).await?;
    let client = client(mock.url(), VersionPolicy::Strict)?;
    strict_sends_nothing_too_new(&mock, &client).await
}

#[tokio::test]
async fn strict_sends_nothing_too_new_over_websocket() -> TestResult {
    let mock = mock(OLD).await?;
    let client = client(mock.ws_url(), VersionPolicy::Strict)?;
    strict_sends_nothing_too_new(&mock, &client).await
}

#[tokio::test]
async fn strict_sends_nothing_too_new_over_reverse_websocket() -> TestResult {
    let mut server = ReverseServer::builder()
        .version_policy(VersionPolicy::Strict)
        .timeout(Duration::from_secs(10))
        .bind("127.0.0.1:0")
        .await?;
    let mock = mock(OLD).await?;
    let url = format!("ws://{}/onebot", server.local_addr());
    tokio::time::timeout(Duration::from_secs(10), mock.connect_reverse(&url)).await??;
    let connection = tokio::time::timeout(Duration::from_secs(10), server.accept())
        .await?
        .ok_or("the server stopped")?;
    strict_sends_nothing_too_new(&mock, connection.client()).await
}

#[tokio::test]
async fn new_enough_unknown_and_unchecked_calls_are_sent() -> TestResult {
    let mock = mock("4.18.19").await?;
    let client = client(mock.url(), VersionPolicy::Strict)?;
    // No `since`: sent without asking.
    client.call_raw("get_status", json!({})).await?;
    client.set_group_ban(123456, 10001).duration(60).await?;
    assert_eq!(actions(&mock), ["get_status", "set_group_ban"]);
    assert_eq!(client.napcat_version(), None);
    // New enough: asked once, then sent.
    client.complete_group_todo(123456).await?;
    client.cancel_group_todo(123456).await?;
    assert_eq!(
        actions(&mock)[2..],
        [
            "get_version_info",
            "complete_group_todo",
            "cancel_group_todo"
        ]
    );
    assert_eq!(client.napcat_version(), Some(Version::new(4, 18, 19)));

    // Off never asks.
    let off = client_for_off(&mock)?;
    mock.clear_requests();
    off.complete_group_todo(123456).await?;
    assert_eq!(actions(&mock), ["complete_group_todo"]);
    assert_eq!(off.napcat_version(), None);
    Ok(())
}

fn client_for_off(mock: &MockNapCat) -> Result<Client, Error> {
    client(mock.url(), VersionPolicy::Off)
}

#[tokio::test]
async fn a_server_that_names_no_napcat_release_turns_the_check_off() -> TestResult {
    for info in [
        json!({"app_name": "go-cqhttp", "protocol_version": "v11", "app_version": "1.2.0"}),
        json!({"app_name": "NapCat.Onebot", "protocol_version": "v11", "app_version": "dev"}),
    ] {
        let mock = mock(OLD).await?;
        mock.on("get_version_info", ncat_mock::MockReply::ok(info));
        let client = client(mock.url(), VersionPolicy::Strict)?;
        client.complete_group_todo(123456).await?;
        client.complete_group_todo(123456).await?;
        assert_eq!(
            actions(&mock),
            [
                "get_version_info",
                "complete_group_todo",
                "complete_group_todo"
            ]
        );
        assert_eq!(client.napcat_version(), None);
    }
    Ok(())
}

#[tokio::test]
async fn a_reconnection_to_another_release_learns_it_again() -> TestResult {
    let mock = mock("4.18.19").await?;
    let client = client(mock.ws_url(), VersionPolicy::Strict)?;
    client.complete_group_todo(123456).await?;
    assert_eq!(client.napcat_version(), Some(Version::new(4, 18, 19)));

    // NapCat is downgraded and restarts: the client reconnects.
    mock.set_napcat_version(OLD);
    assert_eq!(mock.disconnect_websockets(), 1);
    // What was learned belongs to the old connection (bounded wait for the
    // client to notice it is gone).
    for _ in 0..500 {
        if client.napcat_version().is_none() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(client.napcat_version(), None);
    let error = client.complete_group_todo(123456).await.unwrap_err();
    assert!(
        matches!(error, Error::Unsupported { connected, .. } if connected == Version::new(4, 17, 0)),
        "{error:?}"
    );
    assert_eq!(client.napcat_version(), Some(Version::new(4, 17, 0)));
    assert_eq!(
        actions(&mock),
        [
            "get_version_info",
            "complete_group_todo",
            "get_version_info"
        ]
    );
    Ok(())
}

#[tokio::test]
async fn the_mock_plays_an_old_release() -> TestResult {
    let mock = MockNapCat::builder()
        .napcat_version(OLD)
        .action_since(
            ncat_api::actions::SINCE
                .iter()
                .map(|(action, since)| (*action, since.to_string())),
        )
        .start()
        .await?;
    // With the check off, the call reaches the mock, which fails it the way
    // NapCat fails an action it does not know.
    let http = client(mock.url(), VersionPolicy::Off)?;
    let Err(Error::Action(error)) = http.complete_group_todo(123456).await else {
        panic!("an old NapCat lacks complete_group_todo");
    };
    assert_eq!(
        (error.retcode, error.message.as_str()),
        (200, "不支持的Api complete_group_todo")
    );
    let ws = client(mock.ws_url(), VersionPolicy::Off)?;
    let Err(Error::Action(error)) = ws.complete_group_todo(123456).await else {
        panic!("an old NapCat lacks complete_group_todo");
    };
    assert_eq!(error.kind(), ActionErrorKind::UnknownAction);
    assert_eq!(error.retcode, 1404);
    // What it has is answered; `get_version_info` reports the release.
    http.get_status().await.ok();
    let info = http.get_version_info().await?;
    assert_eq!(
        (info.app_name.as_str(), info.app_version.as_str()),
        ("NapCat.Onebot", OLD)
    );
    assert_eq!(mock.requests_for("get_status").len(), 1);

    // Upgraded, it has the action.
    mock.set_napcat_version("4.18.0");
    http.complete_group_todo(123456).await?;
    Ok(())
}
