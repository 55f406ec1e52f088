//! Reply tests for the group card and mini-app Ark actions.

use ncat_api::actions::GetMiniAppArkReply;
use ncat_api::types::MiniAppTemplate;

use super::{TestResult, answering_fixture, fixture};

#[tokio::test]
async fn group_ark_share_returns_the_card_as_a_string() -> TestResult {
    let (_mock, client) = answering_fixture("send_group_ark_share").await?;
    let card = client.send_group_ark_share(123456).await?;
    assert_eq!(
        Some(card.as_str()),
        fixture("send_group_ark_share")?.as_str()
    );
    // The string is itself JSON, ready for a `json` segment.
    let parsed: serde_json::Value = serde_json::from_str(&card)?;
    assert_eq!(parsed["app"], "com.tencent.contact.lua");

    let (_mock, client) = answering_fixture("ArkShareGroup").await?;
    #[allow(deprecated)]
    let old = client.ark_share_group(123456).await?;
    assert_eq!(Some(old.as_str()), fixture("ArkShareGroup")?.as_str());
    #[allow(deprecated)]
    let ncatbot = client.get_share_group_card(123456).await?;
    assert_eq!(ncatbot, old);
    Ok(())
}

#[tokio::test]
async fn get_mini_app_ark_keeps_the_card_as_json() -> TestResult {
    let (_mock, client) = answering_fixture("get_mini_app_ark").await?;
    let reply = client
        .get_mini_app_ark_template(
            "测试标题",
            "测试描述",
            "http://example.com/pic.jpg",
            "http://example.com",
            MiniAppTemplate::Bili,
        )
        .await?;
    assert_eq!(
        reply,
        GetMiniAppArkReply {
            data: fixture("get_mini_app_ark")?["data"].clone(),
        }
    );
    assert_eq!(reply.data["meta"]["detail_1"]["appid"], "1109937557");
    Ok(())
}
