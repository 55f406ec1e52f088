//! Wire cases for the streaming downloads and uploads beyond
//! `download_file_stream`. Over HTTP each call here is answered with one
//! frame by the mock.

use ncat_api::types::AudioFormat;
use serde_json::json;

use super::Wire;

pub(super) async fn cases(w: &mut Wire) {
    let c = w.client.clone();

    w.check(
        c.download_file_image_stream().file("image_file_id"),
        "/download_file_image_stream",
        json!({"file": "image_file_id"}),
    )
    .await;
    w.check(
        c.download_file_image_stream()
            .file_id("/a1b2c3")
            .chunk_size(32768),
        "/download_file_image_stream",
        json!({"file_id": "/a1b2c3", "chunk_size": 32768}),
    )
    .await;

    w.check(
        c.download_file_record_stream().file("record_file_id"),
        "/download_file_record_stream",
        json!({"file": "record_file_id"}),
    )
    .await;
    w.check(
        c.download_file_record_stream()
            .file_id("/a1b2c3")
            .chunk_size(4096)
            .out_format(AudioFormat::Mp3),
        "/download_file_record_stream",
        json!({"file_id": "/a1b2c3", "chunk_size": 4096, "out_format": "mp3"}),
    )
    .await;

    w.check(c.test_download_stream(), "/test_download_stream", json!({}))
        .await;
    w.check(
        c.test_download_stream().error(true),
        "/test_download_stream",
        json!({"error": true}),
    )
    .await;

    w.check(
        c.upload_file_stream("uuid-1234-5678")
            .chunk_data("SGVsbG8gV29ybGQ=")
            .chunk_index(0)
            .total_chunks(1)
            .file_size(11)
            .expected_sha256("a591a6d40bf420404a011733cfb7b190d62c65bf0bcda32b57b277d9ad9f146e")
            .filename("hello.txt")
            .file_retention(0),
        "/upload_file_stream",
        json!({
            "stream_id": "uuid-1234-5678",
            "chunk_data": "SGVsbG8gV29ybGQ=",
            "chunk_index": 0,
            "total_chunks": 1,
            "file_size": 11,
            "expected_sha256": "a591a6d40bf420404a011733cfb7b190d62c65bf0bcda32b57b277d9ad9f146e",
            "filename": "hello.txt",
            "file_retention": 0
        }),
    )
    .await;
    w.check(
        c.upload_file_stream("uuid-1234-5678").is_complete(true),
        "/upload_file_stream",
        json!({"stream_id": "uuid-1234-5678", "is_complete": true}),
    )
    .await;
    w.check(
        c.upload_file_stream("uuid-1234-5678")
            .verify_only(true)
            .reset(false),
        "/upload_file_stream",
        json!({"stream_id": "uuid-1234-5678", "verify_only": true, "reset": false}),
    )
    .await;
}
