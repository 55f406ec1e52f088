//! Wire cases for the file actions beyond the OneBot 11 core: private and
//! group files, downloads into NapCat's cache, Flash Transfer filesets and
//! online (peer-to-peer) files.

use serde_json::json;

use super::Wire;

pub(super) async fn cases(w: &mut Wire) {
    let c = w.client.clone();

    // ------------------------------------------------------- private files
    w.check(
        c.upload_private_file(10001, "/data/report.pdf", "report.pdf"),
        "/upload_private_file",
        json!({"user_id": "10001", "file": "/data/report.pdf", "name": "report.pdf"}),
    )
    .await;
    w.check(
        c.upload_private_file(10001, "base64://SGVsbG8=", "hello.txt")
            .upload_file(false),
        "/upload_private_file",
        json!({
            "user_id": "10001",
            "file": "base64://SGVsbG8=",
            "name": "hello.txt",
            "upload_file": false
        }),
    )
    .await;
    w.check(
        c.get_private_file_url("/a1b2c3"),
        "/get_private_file_url",
        json!({"file_id": "/a1b2c3"}),
    )
    .await;

    // --------------------------------------------------------- group files
    w.check(
        c.create_group_file_folder(123456).folder_name("资料"),
        "/create_group_file_folder",
        json!({"group_id": "123456", "folder_name": "资料"}),
    )
    .await;
    w.check(
        c.create_group_file_folder(123456).name("资料"),
        "/create_group_file_folder",
        json!({"group_id": "123456", "name": "资料"}),
    )
    .await;
    w.check(
        c.delete_group_file(123456, "/a1b2c3"),
        "/delete_group_file",
        json!({"group_id": "123456", "file_id": "/a1b2c3"}),
    )
    .await;
    w.check(
        c.delete_group_folder(123456).folder_id("/f00d"),
        "/delete_group_folder",
        json!({"group_id": "123456", "folder_id": "/f00d"}),
    )
    .await;
    w.check(
        c.delete_group_folder(123456).folder("/f00d"),
        "/delete_group_folder",
        json!({"group_id": "123456", "folder": "/f00d"}),
    )
    .await;
    w.check(
        c.get_group_file_system_info(123456),
        "/get_group_file_system_info",
        json!({"group_id": "123456"}),
    )
    .await;
    w.check(
        c.get_group_root_files(123456),
        "/get_group_root_files",
        json!({"group_id": "123456"}),
    )
    .await;
    w.check(
        c.get_group_root_files(123456).file_count(100),
        "/get_group_root_files",
        json!({"group_id": "123456", "file_count": 100}),
    )
    .await;
    w.check(
        c.get_group_files_by_folder(123456)
            .folder_id("/f00d")
            .file_count(10),
        "/get_group_files_by_folder",
        json!({"group_id": "123456", "folder_id": "/f00d", "file_count": 10}),
    )
    .await;
    w.check(
        c.get_group_files_by_folder(123456).folder("/f00d"),
        "/get_group_files_by_folder",
        json!({"group_id": "123456", "folder": "/f00d"}),
    )
    .await;
    w.check(
        c.get_group_file_url(123456, "/a1b2c3"),
        "/get_group_file_url",
        json!({"group_id": "123456", "file_id": "/a1b2c3"}),
    )
    .await;
    w.check(
        c.move_group_file(123456, "/a1b2c3", "/", "/f00d"),
        "/move_group_file",
        json!({
            "group_id": "123456",
            "file_id": "/a1b2c3",
            "current_parent_directory": "/",
            "target_parent_directory": "/f00d"
        }),
    )
    .await;
    w.check(
        c.rename_group_file(123456, "/a1b2c3", "/", "new.jpg"),
        "/rename_group_file",
        json!({
            "group_id": "123456",
            "file_id": "/a1b2c3",
            "current_parent_directory": "/",
            "new_name": "new.jpg"
        }),
    )
    .await;
    w.check(
        c.trans_group_file(123456, "/a1b2c3"),
        "/trans_group_file",
        json!({"group_id": "123456", "file_id": "/a1b2c3"}),
    )
    .await;

    // ----------------------------------------------------------- downloads
    w.check(
        c.download_file().url("https://example.com/file.png"),
        "/download_file",
        json!({"url": "https://example.com/file.png"}),
    )
    .await;
    w.check(
        c.download_file()
            .base64("SGVsbG8=")
            .name("hello.txt")
            .headers(["User-Agent=NapCat", "Referer=https://example.com"]),
        "/download_file",
        json!({
            "base64": "SGVsbG8=",
            "name": "hello.txt",
            "headers": ["User-Agent=NapCat", "Referer=https://example.com"]
        }),
    )
    .await;
    // go-cqhttp's form of `headers`: one string, sent as it is.
    w.check(
        c.download_file()
            .url("https://example.com/a")
            .headers("User-Agent=NapCat[\\r\\n]Referer=https://example.com"),
        "/download_file",
        json!({
            "url": "https://example.com/a",
            "headers": "User-Agent=NapCat[\\r\\n]Referer=https://example.com"
        }),
    )
    .await;

    // ------------------------------------------------------- Flash Transfer
    w.check(
        c.create_flash_task(["C:\\test.jpg"]),
        "/create_flash_task",
        json!({"files": ["C:\\test.jpg"]}),
    )
    .await;
    // One path is sent as a string, the other form NapCat accepts.
    w.check(
        c.create_flash_task("/data/folder"),
        "/create_flash_task",
        json!({"files": "/data/folder"}),
    )
    .await;
    w.check(
        c.create_flash_task(["/data/a.mp4", "/data/b.png"])
            .name("假期照片")
            .thumb_path("/data/thumb.jpg"),
        "/create_flash_task",
        json!({
            "files": ["/data/a.mp4", "/data/b.png"],
            "name": "假期照片",
            "thumb_path": "/data/thumb.jpg"
        }),
    )
    .await;
    w.check(
        c.download_fileset("set_123"),
        "/download_fileset",
        json!({"fileset_id": "set_123"}),
    )
    .await;
    w.check(
        c.get_fileset_id("https://qfile.qq.com/q/abc?code=XyZ123"),
        "/get_fileset_id",
        json!({"share_code": "https://qfile.qq.com/q/abc?code=XyZ123"}),
    )
    .await;
    w.check(
        c.get_fileset_info("set_123"),
        "/get_fileset_info",
        json!({"fileset_id": "set_123"}),
    )
    .await;
    w.check(
        c.get_flash_file_list("set_123"),
        "/get_flash_file_list",
        json!({"fileset_id": "set_123"}),
    )
    .await;
    w.check(
        c.get_flash_file_url("set_123").file_index(0),
        "/get_flash_file_url",
        json!({"fileset_id": "set_123", "file_index": 0}),
    )
    .await;
    w.check(
        c.get_flash_file_url("set_123").file_name("a.mp4"),
        "/get_flash_file_url",
        json!({"fileset_id": "set_123", "file_name": "a.mp4"}),
    )
    .await;
    w.check(
        c.get_share_link("set_123"),
        "/get_share_link",
        json!({"fileset_id": "set_123"}),
    )
    .await;
    w.check(
        c.send_flash_msg("set_123").user_id(10001),
        "/send_flash_msg",
        json!({"fileset_id": "set_123", "user_id": "10001"}),
    )
    .await;
    w.check(
        c.send_flash_msg("set_123").group_id(123456),
        "/send_flash_msg",
        json!({"fileset_id": "set_123", "group_id": "123456"}),
    )
    .await;

    // --------------------------------------------------------- online files
    w.check(
        c.send_online_file(10001, "/data/big.iso"),
        "/send_online_file",
        json!({"user_id": "10001", "file_path": "/data/big.iso"}),
    )
    .await;
    w.check(
        c.send_online_file(10001, "/data/big.iso")
            .file_name("系统.iso"),
        "/send_online_file",
        json!({"user_id": "10001", "file_path": "/data/big.iso", "file_name": "系统.iso"}),
    )
    .await;
    w.check(
        c.send_online_folder(10001, "/data/photos")
            .folder_name("照片"),
        "/send_online_folder",
        json!({"user_id": "10001", "folder_path": "/data/photos", "folder_name": "照片"}),
    )
    .await;
    w.check(
        c.get_online_file_msg(10001),
        "/get_online_file_msg",
        json!({"user_id": "10001"}),
    )
    .await;
    w.check(
        c.receive_online_file(10001, "7350000000000000001", "7350000000000000002"),
        "/receive_online_file",
        json!({
            "user_id": "10001",
            "msg_id": "7350000000000000001",
            "element_id": "7350000000000000002"
        }),
    )
    .await;
    w.check(
        c.refuse_online_file(10001, "7350000000000000001", "7350000000000000002"),
        "/refuse_online_file",
        json!({
            "user_id": "10001",
            "msg_id": "7350000000000000001",
            "element_id": "7350000000000000002"
        }),
    )
    .await;
    w.check(
        c.cancel_online_file(10001, "7350000000000000001"),
        "/cancel_online_file",
        json!({"user_id": "10001", "msg_id": "7350000000000000001"}),
    )
    .await;
}
