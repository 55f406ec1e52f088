//! Wire cases for the system actions beyond the OneBot 11 core: NapCat's
//! own services, stubs kept for go-cqhttp, rkeys, raw packets, favourites
//! and custom stickers.

use serde_json::json;

use super::Wire;

pub(super) async fn cases(w: &mut Wire) {
    let c = w.client.clone();

    // ------------------------------------------------------------ services
    w.check(
        c.ocr_image_new("https://example.com/receipt.png"),
        "/.ocr_image",
        json!({"image": "https://example.com/receipt.png"}),
    )
    .await;
    w.check(c.can_send_record(), "/can_send_record", json!({}))
        .await;
    w.check(
        c.get_credentials("qun.qq.com"),
        "/get_credentials",
        json!({"domain": "qun.qq.com"}),
    )
    .await;
    w.check(
        c.check_url_safely("https://example.com"),
        "/check_url_safely",
        json!({"url": "https://example.com"}),
    )
    .await;
    w.check(
        c.translate_en2zh(["hello", "world"]),
        "/translate_en2zh",
        json!({"words": ["hello", "world"]}),
    )
    .await;
    w.check(c.get_robot_uin_range(), "/get_robot_uin_range", json!({}))
        .await;

    // --------------------------------------------------------------- stubs
    w.check(c.get_online_clients(), "/get_online_clients", json!({}))
        .await;
    w.check(c.get_model_show(), "/_get_model_show", json!({}))
        .await;
    w.check(
        c.get_model_show().model("iPhone 13"),
        "/_get_model_show",
        json!({"model": "iPhone 13"}),
    )
    .await;
    w.check(c.set_model_show(), "/_set_model_show", json!({}))
        .await;

    // -------------------------------------------------- rkeys and packets
    w.check(c.get_rkey(), "/get_rkey", json!({})).await;
    w.check(c.get_rkey_server(), "/get_rkey_server", json!({}))
        .await;
    w.check(c.nc_get_rkey(), "/nc_get_rkey", json!({})).await;
    w.check(c.nc_get_packet_status(), "/nc_get_packet_status", json!({}))
        .await;
    w.check(
        c.send_packet("OidbSvcTrpcTcp.0xfe1_2", "0801"),
        "/send_packet",
        json!({"cmd": "OidbSvcTrpcTcp.0xfe1_2", "data": "0801"}),
    )
    .await;
    w.check(
        c.send_packet("OidbSvcTrpcTcp.0xfe1_2", "0801").rsp(false),
        "/send_packet",
        json!({"cmd": "OidbSvcTrpcTcp.0xfe1_2", "data": "0801", "rsp": false}),
    )
    .await;

    // ------------------------------------------------------------- process
    w.check(c.clean_cache(), "/clean_cache", json!({})).await;
    w.check(c.set_restart(), "/set_restart", json!({})).await;
    w.check(c.bot_exit(), "/bot_exit", json!({})).await;

    // ---------------------------------------------------------- favourites
    w.check(
        c.create_collection("收藏内容", "收藏标题"),
        "/create_collection",
        json!({"rawData": "收藏内容", "brief": "收藏标题"}),
    )
    .await;
    w.check(
        c.get_collection_list("0"),
        "/get_collection_list",
        json!({"category": "0"}),
    )
    .await;
    w.check(
        c.get_collection_list("0").count(20),
        "/get_collection_list",
        json!({"category": "0", "count": 20}),
    )
    .await;

    // ----------------------------------------------------- custom stickers
    w.check(c.fetch_custom_face(), "/fetch_custom_face", json!({}))
        .await;
    w.check(
        c.fetch_custom_face().count(10),
        "/fetch_custom_face",
        json!({"count": 10}),
    )
    .await;
    w.check(
        c.fetch_custom_face_detail().count(10),
        "/fetch_custom_face_detail",
        json!({"count": 10}),
    )
    .await;
    w.check(
        c.add_custom_face("C:\\Users\\Public\\face.png"),
        "/add_custom_face",
        json!({"file": "C:\\Users\\Public\\face.png"}),
    )
    .await;
    w.check(
        c.add_custom_face("/data/face.gif")
            .emoji_id(1001)
            .package_id(0)
            .file_name("face.gif")
            .file_size(20480)
            .md5("d41d8cd98f00b204e9800998ecf8427e")
            .is_mark_face(false)
            .is_origin(true),
        "/add_custom_face",
        json!({
            "file": "/data/face.gif",
            "emoji_id": 1001,
            "package_id": 0,
            "file_name": "face.gif",
            "file_size": 20480,
            "md5": "d41d8cd98f00b204e9800998ecf8427e",
            "is_mark_face": false,
            "is_origin": true
        }),
    )
    .await;
    w.check(
        c.delete_custom_face()
            .res_id(["2707600964_0_0_0_D8EAA70984B402EE10B0F33DB88F4173_0_0"]),
        "/delete_custom_face",
        json!({"res_id": ["2707600964_0_0_0_D8EAA70984B402EE10B0F33DB88F4173_0_0"]}),
    )
    .await;
    w.check(
        c.delete_custom_face()
            .id("r1")
            .md5("d41d8cd98f00b204e9800998ecf8427e"),
        "/delete_custom_face",
        json!({"id": "r1", "md5": "d41d8cd98f00b204e9800998ecf8427e"}),
    )
    .await;
    w.check(
        c.delete_custom_face().ids(["r2", "r3"]),
        "/delete_custom_face",
        json!({"ids": ["r2", "r3"]}),
    )
    .await;
    w.check(
        c.set_custom_face_desc(
            1,
            "resource-id",
            "d41d8cd98f00b204e9800998ecf8427e",
            "新的描述",
        ),
        "/set_custom_face_desc",
        json!({
            "emoji_id": 1,
            "res_id": "resource-id",
            "md5": "d41d8cd98f00b204e9800998ecf8427e",
            "desc": "新的描述"
        }),
    )
    .await;
}
