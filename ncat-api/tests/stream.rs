//! Stream actions over WebSocket and over HTTP, and the chunked upload of a local file.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::PathBuf;
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use common::within;
use ncat_api::stream::DownloadFrame;
use ncat_api::{Client, Error};
use ncat_mock::{MockNapCat, MockReply};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

/// A download of `content` in chunks of 4 bytes, as NapCat frames it.
fn download_frames(content: &[u8]) -> Vec<Value> {
    let chunks: Vec<&[u8]> = content.chunks(4).collect();
    let mut frames = vec![
        json!({"type":"stream","data_type":"file_info","file_name":"a.txt","file_size":content.len(),"chunk_size":4}),
    ];
    for (index, chunk) in chunks.iter().enumerate() {
        frames.push(json!({"type":"stream","data_type":"file_chunk","index":index,"data":STANDARD.encode(chunk),"size":chunk.len(),"progress":(index + 1) * 100 / chunks.len()}));
    }
    frames.push(json!({"type":"response","data_type":"file_complete","total_chunks":chunks.len(),"total_bytes":content.len(),"message":"Download completed"}));
    frames
}

/// Both transports against one mock.
async fn clients(mock: &MockNapCat) -> [(&'static str, Client); 2] {
    let http = Client::builder().url(mock.url()).build().unwrap();
    let ws = Client::builder().url(mock.ws_url()).build().unwrap();
    [("http", http), ("ws", ws)]
}

#[tokio::test]
async fn a_download_yields_every_frame_in_order_over_both_transports() {
    let mock = MockNapCat::start().await.unwrap();
    let content = b"hello, stream actions!";
    mock.on(
        "download_file_stream",
        MockReply::stream(download_frames(content)),
    );

    for (transport, client) in clients(&mock).await {
        let mut frames = within(10, client.download_file_stream().file("token-1"))
            .await
            .unwrap();
        let mut received = Vec::new();
        let mut kinds = Vec::new();
        within(10, async {
            while let Some(frame) = frames.next().await {
                match frame.unwrap() {
                    DownloadFrame::Info(info) => {
                        assert_eq!(info.file_name, "a.txt");
                        kinds.push("info");
                    }
                    DownloadFrame::Chunk(chunk) => {
                        assert_eq!(chunk.index as usize, kinds.len() - 1, "{transport}");
                        received.extend_from_slice(&chunk.data);
                        kinds.push("chunk");
                    }
                    DownloadFrame::Complete(done) => {
                        assert_eq!(done.total_bytes as usize, content.len());
                        kinds.push("complete");
                    }
                    other => panic!("{transport}: unexpected {other:?}"),
                }
            }
        })
        .await;
        assert_eq!(received, content, "{transport}");
        assert_eq!(
            kinds.len(),
            2 + content.len().div_ceil(4),
            "{transport}: {kinds:?}"
        );
        assert_eq!(kinds.first(), Some(&"info"));
        assert_eq!(kinds.last(), Some(&"complete"));
        let request = mock.last_request().unwrap();
        assert_eq!(request.action, "download_file_stream");
        assert_eq!(request.params["file"], "token-1");
    }
}

#[tokio::test]
async fn a_failing_stream_ends_with_the_action_error_over_both_transports() {
    let mock = MockNapCat::start().await.unwrap();
    let frames = vec![
        json!({"type":"stream","data_type":"data_chunk","data":"1"}),
        json!({"type":"stream","data_type":"data_chunk","data":"2"}),
    ];
    mock.on(
        "test_download_stream",
        MockReply::stream_failing(frames, "test error"),
    );

    for (transport, client) in clients(&mock).await {
        let mut frames = within(10, client.test_download_stream().error(true))
            .await
            .unwrap();
        let mut items = Vec::new();
        within(10, async {
            while let Some(item) = frames.next().await {
                items.push(item);
            }
        })
        .await;
        assert_eq!(items.len(), 3, "{transport}: {items:?}");
        assert_eq!(items[0].as_ref().unwrap()["data"], "1");
        assert_eq!(items[1].as_ref().unwrap()["data"], "2");
        let Err(Error::Action(error)) = &items[2] else {
            panic!("{transport}: expected an action error, got {:?}", items[2]);
        };
        assert_eq!(error.message, "test error");
        assert_eq!(error.retcode, if transport == "ws" { 1200 } else { 200 });
        assert_eq!(mock.last_request().unwrap().params["error"], true);
    }
}

#[tokio::test]
async fn a_plain_failure_ends_a_stream_at_once() {
    let mock = MockNapCat::start().await.unwrap();
    mock.on(
        "download_file_stream",
        MockReply::failed(1400, "Schema compilation error"),
    );
    for (transport, client) in clients(&mock).await {
        let mut frames = within(10, client.download_file_stream().file("a.zip"))
            .await
            .unwrap();
        let first = within(10, frames.next()).await.unwrap();
        assert!(
            matches!(first, Err(Error::Action(_))),
            "{transport}: {first:?}"
        );
        assert!(within(10, frames.next()).await.is_none(), "{transport}");
    }
}

#[tokio::test]
async fn raw_streams_and_a_stalled_stream_times_out() {
    let mock = MockNapCat::start().await.unwrap();
    mock.on(
        "future_stream",
        MockReply::stream([
            json!({"type":"stream","n":1}),
            json!({"type":"response","n":2}),
        ]),
    );
    mock.on(
        "stalled",
        MockReply::stream([json!({"type":"stream"})]).delay(Duration::from_secs(3600)),
    );
    for (transport, client) in clients(&mock).await {
        let mut frames = within(10, client.stream_raw("future_stream", json!({"x": 1})))
            .await
            .unwrap();
        assert_eq!(within(10, frames.next()).await.unwrap().unwrap()["n"], 1);
        assert_eq!(within(10, frames.next()).await.unwrap().unwrap()["n"], 2);
        assert!(within(10, frames.next()).await.is_none(), "{transport}");

        let opened = within(
            10,
            client
                .stream_raw("stalled", Value::Null)
                .call_timeout(Duration::from_millis(50)),
        )
        .await;
        // Over HTTP the response headers are the wait; over WebSocket the first frame.
        let error = match opened {
            Ok(mut frames) => within(10, frames.next()).await.unwrap().unwrap_err(),
            Err(error) => error,
        };
        assert!(
            matches!(error, Error::Timeout { .. }),
            "{transport}: {error:?}"
        );
    }
}

/// A temporary file that is removed when dropped.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str, content: &[u8]) -> Self {
        let path = std::env::temp_dir().join(format!("ncat-{}-{name}", std::process::id()));
        std::fs::write(&path, content).unwrap();
        TempFile(path)
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

#[tokio::test]
async fn a_local_file_is_uploaded_in_chunks_with_its_sha256() {
    let mock = MockNapCat::start().await.unwrap();
    let content: Vec<u8> = (0..4500u32).map(|i| (i % 251) as u8).collect();
    let file = TempFile::new("upload.bin", &content);
    let sha256 = sha256_hex(&content);
    for index in 0..5 {
        mock.on_once(
            "upload_file_stream",
            MockReply::ok(json!({"type":"stream","stream_id":"x","status":"chunk_received","received_chunks":index + 1,"total_chunks":5})),
        );
    }
    mock.on_once(
        "upload_file_stream",
        MockReply::ok(json!({"type":"response","stream_id":"x","status":"file_complete","file_path":"/tmp/napcat/upload.bin","file_size":4500,"sha256":sha256})),
    );

    let client = Client::builder().url(mock.url()).build().unwrap();
    let uploaded = within(10, client.upload_local_file(&file.0).chunk_size(1000))
        .await
        .unwrap();
    assert_eq!(uploaded.file_path, "/tmp/napcat/upload.bin");
    assert_eq!(uploaded.file_size, 4500);
    assert_eq!(uploaded.sha256, sha256);

    let requests = mock.requests_for("upload_file_stream");
    assert_eq!(requests.len(), 6);
    let stream_id = &requests[0].params["stream_id"];
    let mut reassembled = Vec::new();
    for (index, request) in requests[..5].iter().enumerate() {
        let params = &request.params;
        assert_eq!(&params["stream_id"], stream_id);
        assert_eq!(params["chunk_index"], index);
        assert_eq!(params["total_chunks"], 5);
        assert_eq!(params["file_size"], 4500);
        assert_eq!(params["expected_sha256"], sha256.as_str());
        assert_eq!(
            params["filename"],
            file.0.file_name().unwrap().to_str().unwrap()
        );
        let chunk = STANDARD
            .decode(params["chunk_data"].as_str().unwrap())
            .unwrap();
        reassembled.extend(chunk);
    }
    assert_eq!(reassembled, content);
    assert_eq!(requests[5].params["is_complete"], true);
    assert_eq!(&requests[5].params["stream_id"], stream_id);
    assert!(requests[5].params.get("chunk_data").is_none());
}

#[tokio::test]
async fn an_upload_whose_hash_differs_is_an_error_over_websocket() {
    let mock = MockNapCat::start().await.unwrap();
    let file = TempFile::new("mismatch.txt", b"twelve bytes");
    mock.on_once(
        "upload_file_stream",
        MockReply::ok(
            json!({"type":"stream","status":"chunk_received","received_chunks":1,"total_chunks":1}),
        ),
    );
    mock.on_once(
        "upload_file_stream",
        MockReply::ok(json!({"type":"response","status":"file_complete","file_path":"/tmp/x","sha256":"00ff"})),
    );
    let client = Client::builder().url(mock.ws_url()).build().unwrap();
    let error = within(
        10,
        client.upload_local_file(&file.0).retention(Duration::ZERO),
    )
    .await
    .unwrap_err();
    let Error::ChecksumMismatch {
        expected, actual, ..
    } = &error
    else {
        panic!("expected a checksum mismatch, got {error:?}");
    };
    assert_eq!(expected, &sha256_hex(b"twelve bytes"));
    assert_eq!(actual, "00ff");
    assert_eq!(
        mock.requests_for("upload_file_stream")[0].params["file_retention"],
        0
    );
}

#[tokio::test]
async fn a_missing_local_file_is_a_local_file_error() {
    let mock = MockNapCat::start().await.unwrap();
    let client = Client::builder().url(mock.url()).build().unwrap();
    let error = client
        .upload_local_file("/nonexistent/ncat/file.bin")
        .await
        .unwrap_err();
    assert!(matches!(error, Error::LocalFile { .. }), "{error:?}");
    assert!(mock.requests().is_empty());
}

/// Bytes a test server managed to hand to its socket.
type Written = std::sync::Arc<std::sync::atomic::AtomicUsize>;

fn written(counter: &Written) -> usize {
    counter.load(std::sync::atomic::Ordering::Relaxed)
}

/// An HTTP server answering one request with a chunked body made of
/// `chunk(0)`, `chunk(1)`, … (at most `chunks` of them), written as fast as
/// the socket takes them; also returns how many body bytes it wrote.
async fn chunked_server(
    chunks: usize,
    chunk: impl Fn(usize) -> Vec<u8> + Send + 'static,
) -> (String, Written) {
    use std::sync::atomic::Ordering;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let counter = Written::default();
    let written = counter.clone();
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut request = [0; 4096];
        let _ = socket.read(&mut request).await;
        let head = "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n";
        if socket.write_all(head.as_bytes()).await.is_err() {
            return;
        }
        for index in 0..chunks {
            let bytes = chunk(index);
            let mut framed = format!("{:x}\r\n", bytes.len()).into_bytes();
            framed.extend_from_slice(&bytes);
            framed.extend_from_slice(b"\r\n");
            if socket.write_all(&framed).await.is_err() {
                return;
            }
            counter.fetch_add(bytes.len(), Ordering::Relaxed);
        }
        let _ = socket.write_all(b"0\r\n\r\n").await;
    });
    (url, written)
}

/// Waits (boundedly) until the server has written nothing new for a while:
/// it is blocked on a full socket.
async fn until_stalled(counter: &Written) -> usize {
    let mut last = written(counter);
    let mut unchanged = 0;
    for _ in 0..400 {
        tokio::time::sleep(Duration::from_millis(50)).await;
        let now = written(counter);
        unchanged = if now == last { unchanged + 1 } else { 0 };
        last = now;
        if unchanged == 6 {
            break;
        }
    }
    last
}

const MIB: usize = 1024 * 1024;

#[tokio::test]
async fn a_slow_reader_of_an_http_stream_holds_back_the_server() {
    // Up to 256 MiB of 64 KiB frames: far more than the socket buffers
    // between the server and the client can hold.
    let pad = "x".repeat(64 * 1024);
    let (url, written_by_server) = chunked_server(4096, move |index| {
        let frame =
            json!({"status":"ok","retcode":0,"data":{"type":"stream","index":index,"pad":pad}});
        format!("{frame}\r\n\r\n").into_bytes()
    })
    .await;
    let client = Client::builder().url(url).token("t").build().unwrap();
    let mut frames = within(10, client.stream_raw("download_file_stream", json!({})))
        .await
        .unwrap();
    let first = within(10, frames.next()).await.unwrap().unwrap();
    assert_eq!(first["index"], 0);

    // Nothing reads on: the server can only fill the kernel's socket buffers
    // (on Linux at most `tcp_wmem` + `tcp_rmem` maxima, 4 + 32 MiB by
    // default) and hyper's read buffer, then it blocks.
    let sent = until_stalled(&written_by_server).await;
    assert!(sent < 48 * MIB, "the server wrote {sent} bytes");

    // Reading resumes where it stopped, in order.
    for expected in 1..=64 {
        let frame = within(10, frames.next()).await.unwrap().unwrap();
        assert_eq!(frame["index"], expected);
    }
}

#[tokio::test]
async fn an_http_stream_frame_without_end_stops_at_the_reply_size_limit() {
    let (url, written_by_server) = chunked_server(16 * 1024, |index| {
        let mut chunk = if index == 0 {
            b"{\"status\":\"ok\",\"retcode\":0,\"data\":\"".to_vec()
        } else {
            Vec::new()
        };
        chunk.resize(chunk.len() + 64 * 1024, b'x');
        chunk
    })
    .await;
    let client = Client::builder()
        .url(url)
        .token("t")
        .max_reply_size(MIB)
        .build()
        .unwrap();
    let mut frames = within(10, client.stream_raw("download_file_stream", json!({})))
        .await
        .unwrap();
    let error = within(10, frames.next()).await.unwrap().unwrap_err();
    assert!(
        matches!(&error, Error::ReplyTooLarge { action, limit, .. }
            if action == "download_file_stream" && *limit == MIB),
        "{error:?}"
    );
    assert!(within(10, frames.next()).await.is_none());
    drop(frames);
    // The client stopped at the limit and hung up; the server could only
    // fill the socket buffers beyond it.
    let sent = until_stalled(&written_by_server).await;
    assert!(sent < 48 * MIB, "the server wrote {sent} bytes");
}
