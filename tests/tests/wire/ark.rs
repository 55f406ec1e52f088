//! Wire cases for the group card and mini-app Ark actions.

use ncat_api::types::MiniAppTemplate;
use serde_json::json;

use super::Wire;

pub(super) async fn cases(w: &mut Wire) {
    let c = w.client.clone();

    w.check(
        c.send_group_ark_share(123456),
        "/send_group_ark_share",
        json!({"group_id": "123456"}),
    )
    .await;

    // The deprecated old name and ncatbot's alias of it.
    #[allow(deprecated)]
    let old = c.ark_share_group(123456);
    w.check(old, "/ArkShareGroup", json!({"group_id": "123456"}))
        .await;
    #[allow(deprecated)]
    let ncatbot = c.get_share_group_card(123456);
    w.check(ncatbot, "/ArkShareGroup", json!({"group_id": "123456"}))
        .await;

    // Template form.
    w.check(
        c.get_mini_app_ark_template(
            "测试标题",
            "测试描述",
            "http://example.com/pic.jpg",
            "http://example.com",
            MiniAppTemplate::Bili,
        ),
        "/get_mini_app_ark",
        json!({
            "type": "bili",
            "title": "测试标题",
            "desc": "测试描述",
            "picUrl": "http://example.com/pic.jpg",
            "jumpUrl": "http://example.com"
        }),
    )
    .await;
    w.check(
        c.get_mini_app_ark_template("t", "d", "http://p", "http://j", MiniAppTemplate::Weibo)
            .web_url("http://w")
            .raw_ark_data("true"),
        "/get_mini_app_ark",
        json!({
            "type": "weibo",
            "title": "t",
            "desc": "d",
            "picUrl": "http://p",
            "jumpUrl": "http://j",
            "webUrl": "http://w",
            "rawArkData": "true"
        }),
    )
    .await;
    // Custom form.
    w.check(
        c.get_mini_app_ark_custom(
            "t",
            "d",
            "http://p",
            "http://j",
            "http://i",
            "1109937557",
            "1036",
            "1",
            "0",
            "3",
            "0",
            "cfc5f7b05b44b5956502edaecf9d2240",
            "V1_PC_MINISDK_99.99.99_1_APP_A",
            "0",
        ),
        "/get_mini_app_ark",
        json!({
            "title": "t",
            "desc": "d",
            "picUrl": "http://p",
            "jumpUrl": "http://j",
            "iconUrl": "http://i",
            "appId": "1109937557",
            "scene": "1036",
            "templateType": "1",
            "businessType": "0",
            "verType": "3",
            "shareType": "0",
            "versionId": "cfc5f7b05b44b5956502edaecf9d2240",
            "sdkId": "V1_PC_MINISDK_99.99.99_1_APP_A",
            "withShareTicket": "0"
        }),
    )
    .await;
}
