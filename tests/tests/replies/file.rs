//! Reply tests for the file actions beyond the OneBot 11 core.

use ncat_api::actions::{
    CreateGroupFileFolderReply, DownloadFileReply, GetFilesetIdReply, GetGroupFileSystemInfoReply,
    GetGroupFileUrlReply, GetGroupFilesByFolderReply, GetGroupRootFilesReply,
    GetPrivateFileUrlReply, MoveGroupFileReply, RenameGroupFileReply, TransGroupFileReply,
    UploadPrivateFileReply,
};
use ncat_api::types::{GroupFile, GroupFolder};
use ncat_api::{GroupId, UserId};
use ncat_mock::MockReply;
use serde_json::json;

use super::{TestResult, answering_fixture, fixture};

#[tokio::test]
async fn upload_private_file_file_id_may_be_null() -> TestResult {
    let (mock, client) = answering_fixture("upload_private_file").await?;
    assert_eq!(
        client
            .upload_private_file(10001, "/data/report.pdf", "report.pdf")
            .await?,
        UploadPrivateFileReply {
            file_id: Some("/a1b2c3d4-e5f6-7890-abcd-ef1234567890".to_owned()),
        }
    );
    mock.on(
        "upload_private_file",
        MockReply::ok(json!({"file_id": null})),
    );
    assert_eq!(
        client.upload_private_file(10001, "f", "n").await?,
        UploadPrivateFileReply { file_id: None }
    );
    Ok(())
}

#[tokio::test]
async fn create_group_file_folder_keeps_qq_s_objects() -> TestResult {
    let (_mock, client) = answering_fixture("create_group_file_folder").await?;
    let data = fixture("create_group_file_folder")?;
    assert_eq!(
        client
            .create_group_file_folder(123456)
            .folder_name("资料")
            .await?,
        CreateGroupFileFolderReply {
            result: data["result"].clone(),
            group_item: data["groupItem"].clone(),
        }
    );
    Ok(())
}

#[tokio::test]
async fn get_group_file_system_info_reads_sizes_beyond_u32() -> TestResult {
    let (_mock, client) = answering_fixture("get_group_file_system_info").await?;
    assert_eq!(
        client.get_group_file_system_info(123456).await?,
        GetGroupFileSystemInfoReply {
            file_count: 10,
            limit_count: 10000,
            used_space: 1024,
            total_space: 10_737_418_240,
        }
    );
    Ok(())
}

#[tokio::test]
async fn get_group_root_files_decodes_files_and_folders() -> TestResult {
    let (_mock, client) = answering_fixture("get_group_root_files").await?;
    assert_eq!(
        client.get_group_root_files(123456).await?,
        GetGroupRootFilesReply {
            files: vec![GroupFile {
                group_id: GroupId::new(123456),
                file_id: "/a1b2c3d4-e5f6-7890-abcd-ef1234567890".to_owned(),
                file_name: "report.pdf".to_owned(),
                busid: 102,
                size: 2_048_576,
                file_size: 2_048_576,
                upload_time: 1734567890,
                dead_time: 0,
                modify_time: 1734567890,
                download_times: 3,
                uploader: UserId::new(10001),
                uploader_name: "Alice".to_owned(),
            }],
            folders: vec![GroupFolder {
                group_id: GroupId::new(123456),
                folder_id: "/f00d".to_owned(),
                folder: "/f00d".to_owned(),
                folder_name: "资料".to_owned(),
                create_time: 1734560000,
                // Sent as a numeric string.
                creator: UserId::new(10002),
                creator_name: "Bob".to_owned(),
                total_file_count: 7,
            }],
        }
    );
    Ok(())
}

#[tokio::test]
async fn get_group_files_by_folder_decodes_files_and_folders() -> TestResult {
    let (_mock, client) = answering_fixture("get_group_files_by_folder").await?;
    assert_eq!(
        client
            .get_group_files_by_folder(123456)
            .folder_id("/f00d")
            .await?,
        GetGroupFilesByFolderReply {
            files: vec![GroupFile {
                // Sent as a numeric string.
                group_id: GroupId::new(123456),
                file_id: "/0f9e8d7c-6b5a-4321-9876-543210fedcba".to_owned(),
                file_name: "会议纪要.docx".to_owned(),
                busid: 102,
                size: 52301,
                file_size: 52301,
                upload_time: 1734500000,
                dead_time: 1735104800,
                modify_time: 1734500001,
                download_times: 0,
                uploader: UserId::new(10002),
                uploader_name: "Bob".to_owned(),
            }],
            folders: vec![],
        }
    );
    Ok(())
}

#[tokio::test]
async fn file_urls_may_be_absent() -> TestResult {
    let (mock, client) = answering_fixture("get_group_file_url").await?;
    assert_eq!(
        client.get_group_file_url(123456, "/a1b2c3").await?,
        GetGroupFileUrlReply {
            url: Some(
                "https://njc-download.ftn.qq.com/ftn_handler/abc/?fname=report.pdf".to_owned()
            ),
        }
    );
    mock.on("get_group_file_url", MockReply::ok(json!({})));
    assert_eq!(
        client.get_group_file_url(123456, "/a1b2c3").await?,
        GetGroupFileUrlReply { url: None }
    );

    let (mock, client) = answering_fixture("get_private_file_url").await?;
    assert_eq!(
        client.get_private_file_url("/a1b2c3").await?,
        GetPrivateFileUrlReply {
            url: Some("https://multimedia.nt.qq.com.cn/download?appid=1402&fileid=abc".to_owned()),
        }
    );
    mock.on("get_private_file_url", MockReply::ok(json!({"url": null})));
    assert_eq!(
        client.get_private_file_url("/a1b2c3").await?,
        GetPrivateFileUrlReply { url: None }
    );
    Ok(())
}

#[tokio::test]
async fn group_file_operations_read_ok() -> TestResult {
    let (_mock, client) = answering_fixture("move_group_file").await?;
    assert_eq!(
        client
            .move_group_file(123456, "/a1b2c3", "/", "/f00d")
            .await?,
        MoveGroupFileReply { ok: true }
    );
    let (_mock, client) = answering_fixture("rename_group_file").await?;
    assert_eq!(
        client
            .rename_group_file(123456, "/a1b2c3", "/", "new.jpg")
            .await?,
        RenameGroupFileReply { ok: true }
    );
    let (_mock, client) = answering_fixture("trans_group_file").await?;
    assert_eq!(
        client.trans_group_file(123456, "/a1b2c3").await?,
        TransGroupFileReply { ok: false }
    );
    Ok(())
}

#[tokio::test]
async fn download_file_returns_the_local_path() -> TestResult {
    let (_mock, client) = answering_fixture("download_file").await?;
    assert_eq!(
        client
            .download_file()
            .url("https://example.com/a.png")
            .await?,
        DownloadFileReply {
            file: "/root/.config/QQ/NapCat/temp/5d41402abc4b2a76b9719d911017c592.png".to_owned(),
        }
    );
    Ok(())
}

#[tokio::test]
async fn get_fileset_id_reads_the_id() -> TestResult {
    let (_mock, client) = answering_fixture("get_fileset_id").await?;
    assert_eq!(
        client.get_fileset_id("XyZ123").await?,
        GetFilesetIdReply {
            fileset_id: "set_123".to_owned(),
        }
    );
    Ok(())
}
