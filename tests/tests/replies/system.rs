//! Reply tests for the system actions beyond the OneBot 11 core.

use ncat_api::actions::{
    CanSendRecordReply, CheckUrlSafelyReply, GetCredentialsReply, GetRkeyServerReply,
    TranslateEn2zhReply,
};
use ncat_api::types::{ModelShow, ModelShowVariant, RkeyInfo, RobotUinRange};
use ncat_mock::MockReply;
use serde_json::json;

use super::{TestResult, answering_fixture, fixture, mock_and_client};

#[tokio::test]
async fn send_packet_reads_the_response_or_none() -> TestResult {
    let (_mock, client) = answering_fixture("send_packet").await?;
    let response = client.send_packet("OidbSvcTrpcTcp.0xfe1_2", "0801").await?;
    assert_eq!(response.as_deref(), Some("0a0b08a1b2c3"));
    // `rsp: false`: NapCat answers `data: null`, or leaves `data` out.
    for reply in [MockReply::ok(json!(null)), MockReply::ok_without_data()] {
        let (mock, client) = mock_and_client().await?;
        mock.on("send_packet", reply);
        let call = client
            .send_packet("OidbSvcTrpcTcp.0xfe1_2", "0801")
            .rsp(false);
        assert_eq!(call.await?, None);
    }
    Ok(())
}

#[tokio::test]
async fn can_send_record_reads_yes() -> TestResult {
    let (_mock, client) = answering_fixture("can_send_record").await?;
    assert_eq!(
        client.can_send_record().await?,
        CanSendRecordReply { yes: true }
    );
    Ok(())
}

#[tokio::test]
async fn get_credentials_reads_the_token_as_a_number() -> TestResult {
    let (_mock, client) = answering_fixture("get_credentials").await?;
    assert_eq!(
        client.get_credentials("qun.qq.com").await?,
        GetCredentialsReply {
            cookies: "uin=o0010000; skey=@abc12345; p_uin=o0010000; p_skey=xyz".to_owned(),
            token: 1234567890,
        }
    );
    Ok(())
}

#[tokio::test]
async fn check_url_safely_reads_the_level() -> TestResult {
    let (mock, client) = answering_fixture("check_url_safely").await?;
    assert_eq!(
        client.check_url_safely("https://example.com").await?,
        CheckUrlSafelyReply { level: 1 }
    );
    mock.on("check_url_safely", MockReply::ok(json!({"level": 3})));
    assert_eq!(
        client.check_url_safely("https://evil.example").await?,
        CheckUrlSafelyReply { level: 3 }
    );
    Ok(())
}

#[tokio::test]
async fn translate_en2zh_returns_the_words_in_order() -> TestResult {
    let (_mock, client) = answering_fixture("translate_en2zh").await?;
    assert_eq!(
        client.translate_en2zh(["hello", "world"]).await?,
        TranslateEn2zhReply {
            words: vec!["你好".to_owned(), "世界".to_owned()],
        }
    );
    Ok(())
}

#[tokio::test]
async fn get_robot_uin_range_reads_string_bounds() -> TestResult {
    let (_mock, client) = answering_fixture("get_robot_uin_range").await?;
    assert_eq!(
        client.get_robot_uin_range().await?,
        vec![
            RobotUinRange {
                min_uin: "3328144510".to_owned(),
                max_uin: "3328144510".to_owned(),
            },
            RobotUinRange {
                min_uin: "2854196301".to_owned(),
                max_uin: "2854216399".to_owned(),
            },
        ]
    );
    Ok(())
}

#[tokio::test]
async fn get_online_clients_is_a_list_of_values() -> TestResult {
    let (mock, client) = answering_fixture("get_online_clients").await?;
    assert_eq!(
        client.get_online_clients().await?,
        Vec::<serde_json::Value>::new()
    );
    // go-cqhttp's client objects would pass through untouched.
    let device = json!({"app_id": 537155547, "device_name": "iPad", "device_kind": "iPad"});
    mock.on("get_online_clients", MockReply::ok(json!([device.clone()])));
    assert_eq!(client.get_online_clients().await?, vec![device]);
    Ok(())
}

#[tokio::test]
async fn get_model_show_decodes_the_stub_variant() -> TestResult {
    let (_mock, client) = answering_fixture("_get_model_show").await?;
    assert_eq!(
        client.get_model_show().model("iPhone 13").await?,
        vec![ModelShow {
            variants: ModelShowVariant {
                model_show: "napcat".to_owned(),
                need_pay: false,
            },
        }]
    );
    Ok(())
}

#[tokio::test]
async fn get_rkey_decodes_each_key() -> TestResult {
    let (_mock, client) = answering_fixture("get_rkey").await?;
    assert_eq!(
        client.get_rkey().await?,
        vec![
            RkeyInfo {
                rkey_type: "private".to_owned(),
                rkey: "CAQSKAB6JWENi5LMk0kc62l8Pm3Jn1dsLZHyRLAnNmHGoZ3y_gDZPqZt-64".to_owned(),
                created_at: 1734567890,
                ttl: 3600,
            },
            RkeyInfo {
                rkey_type: "group".to_owned(),
                rkey: "CAQSKAB6JWENi5LMtWVWVxS2RfZbDwvOdlkneNX9iQFbjGK7q71ANRCXtQo".to_owned(),
                created_at: 1734567890,
                ttl: 3600,
            },
        ]
    );
    Ok(())
}

#[tokio::test]
async fn get_rkey_server_keys_may_be_absent() -> TestResult {
    let (mock, client) = answering_fixture("get_rkey_server").await?;
    assert_eq!(
        client.get_rkey_server().await?,
        GetRkeyServerReply {
            private_rkey: Some(
                "&rkey=CAQSKAB6JWENi5LMk0kc62l8Pm3Jn1dsLZHyRLAnNmHGoZ3y_gDZPqZt-64".to_owned()
            ),
            group_rkey: Some(
                "&rkey=CAQSKAB6JWENi5LMtWVWVxS2RfZbDwvOdlkneNX9iQFbjGK7q71ANRCXtQo".to_owned()
            ),
            expired_time: Some(1734571490),
            name: "NapCat 4".to_owned(),
        }
    );
    mock.on(
        "get_rkey_server",
        MockReply::ok(json!({"name": "NapCat 4"})),
    );
    assert_eq!(
        client.get_rkey_server().await?,
        GetRkeyServerReply {
            private_rkey: None,
            group_rkey: None,
            expired_time: None,
            name: "NapCat 4".to_owned(),
        }
    );
    Ok(())
}

#[tokio::test]
async fn nc_get_rkey_passes_the_entries_through() -> TestResult {
    let (_mock, client) = answering_fixture("nc_get_rkey").await?;
    let keys = client.nc_get_rkey().await?;
    let expected = fixture("nc_get_rkey")?;
    assert_eq!(Some(&keys), expected.as_array());
    assert_eq!(keys.len(), 2);
    assert_eq!(keys[1]["type"], 20);
    Ok(())
}

#[tokio::test]
async fn fetch_custom_face_returns_urls() -> TestResult {
    let (_mock, client) = answering_fixture("fetch_custom_face").await?;
    assert_eq!(
        client.fetch_custom_face().count(2).await?,
        vec![
            "https://p.qpic.cn/qq_expression/10000/face1.png/0".to_owned(),
            "https://p.qpic.cn/qq_expression/10000/face2.gif/0".to_owned(),
        ]
    );
    Ok(())
}
