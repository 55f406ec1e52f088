//! Uploading a local file to NapCat in chunks (`upload_file_stream`), so a
//! bot can send files that live on its own machine.

use std::borrow::Cow;
use std::fmt;
use std::future::IntoFuture;
use std::hash::{BuildHasher, RandomState};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use tokio::fs::File;
use tokio::io::AsyncReadExt;

use crate::action::Action;
use crate::call::ResponseFuture;
use crate::client::Client;
use crate::error::Error;

const ACTION: &str = "upload_file_stream";

/// Bytes per chunk unless set: small enough that a chunk's base64 stays far
/// below NapCat's 50 MiB frame limit and each call is quick.
const DEFAULT_CHUNK_SIZE: usize = 256 * 1024;

/// What [`Client::upload_local_file`] resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct UploadedFile {
    /// Where the file is now on the NapCat host: use it as a media `file`
    /// in a message segment or in `upload_group_file`.
    pub file_path: String,
    /// The file's size in bytes.
    pub file_size: u64,
    /// The file's SHA-256, lowercase hex; NapCat checked the assembled
    /// file against it.
    pub sha256: String,
}

/// An upload of a local file, configured and then `.await`ed; from
/// [`Client::upload_local_file`].
#[must_use = "an UploadLocalFile does nothing until it is `.await`ed"]
pub struct UploadLocalFile {
    client: Client,
    path: PathBuf,
    file_name: Option<String>,
    chunk_size: usize,
    retention: Option<Duration>,
    timeout: Option<Duration>,
}

impl Client {
    /// Uploads the file at `path` (on this machine) to NapCat in chunks
    /// with `upload_file_stream`, and resolves to where NapCat stored it.
    ///
    /// The file's SHA-256 is sent along, so NapCat refuses an upload that
    /// arrived damaged, and the hash NapCat reports back is checked too
    /// ([`Error::ChecksumMismatch`]). Chunks go one at a time, each a
    /// separate call with its own timeout. NapCat deletes the file after
    /// five minutes unless [`retention`](UploadLocalFile::retention) says
    /// otherwise.
    ///
    /// ```no_run
    /// # async fn demo(client: ncat_api::Client) -> Result<(), ncat_api::Error> {
    /// let uploaded = client.upload_local_file("report.pdf").await?;
    /// client
    ///     .call_raw(
    ///         "upload_group_file",
    ///         serde_json::json!({"group_id": "123456", "file": uploaded.file_path, "name": "report.pdf"}),
    ///     )
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn upload_local_file(&self, path: impl Into<PathBuf>) -> UploadLocalFile {
        UploadLocalFile {
            client: self.clone(),
            path: path.into(),
            file_name: None,
            chunk_size: DEFAULT_CHUNK_SIZE,
            retention: None,
            timeout: None,
        }
    }
}

impl UploadLocalFile {
    /// The name NapCat gives the file (default: the local file's name).
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = Some(name.into());
        self
    }

    /// Bytes per chunk (default 256 KiB; at least 1).
    pub fn chunk_size(mut self, bytes: usize) -> Self {
        self.chunk_size = bytes.max(1);
        self
    }

    /// How long NapCat keeps the file (NapCat's default: 5 minutes; zero
    /// keeps it for good).
    pub fn retention(mut self, retention: Duration) -> Self {
        self.retention = Some(retention);
        self
    }

    /// The timeout of each chunk's call (default: the client's).
    pub fn call_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    async fn run(self) -> Result<UploadedFile, Error> {
        let (file_size, sha256) = hash_file(&self.path).await?;
        let file_name = self.file_name.clone().or_else(|| {
            self.path
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
        });
        let total_chunks = u32::try_from(file_size.div_ceil(self.chunk_size as u64).max(1))
            .map_err(|_| {
                local_file_error(
                    &self.path,
                    std::io::Error::other("the file has too many chunks; raise the chunk size"),
                )
            })?;
        let mut chunk = UploadChunk {
            stream_id: stream_id(),
            chunk_data: None,
            chunk_index: None,
            total_chunks: Some(total_chunks),
            file_size: Some(file_size),
            expected_sha256: Some(sha256.clone()),
            filename: file_name,
            file_retention: self
                .retention
                .map(|retention| u64::try_from(retention.as_millis()).unwrap_or(u64::MAX)),
            is_complete: None,
        };

        let mut file = File::open(&self.path)
            .await
            .map_err(|error| local_file_error(&self.path, error))?;
        let mut buffer = vec![0; self.chunk_size];
        for index in 0..total_chunks {
            let filled = read_full(&mut file, &mut buffer)
                .await
                .map_err(|error| local_file_error(&self.path, error))?;
            chunk.chunk_index = Some(index);
            chunk.chunk_data = Some(STANDARD.encode(&buffer[..filled]));
            self.send(chunk.clone()).await?;
        }

        let finish = UploadChunk {
            chunk_data: None,
            chunk_index: None,
            is_complete: Some(true),
            ..chunk
        };
        let done = self.send(finish).await?;
        if let Some(reported) = done
            .sha256
            .filter(|reported| !reported.eq_ignore_ascii_case(&sha256))
        {
            return Err(Error::ChecksumMismatch {
                action: Cow::Borrowed(ACTION),
                expected: sha256,
                actual: reported,
            });
        }
        let file_path = done.file_path.ok_or_else(|| Error::Decode {
            action: Cow::Borrowed(ACTION),
            data: "the completing reply has no `file_path`".to_owned(),
            source: serde::de::Error::missing_field("file_path"),
        })?;
        Ok(UploadedFile {
            file_path,
            file_size,
            sha256,
        })
    }

    async fn send(&self, chunk: UploadChunk) -> Result<UploadStatus, Error> {
        let call = self.client.call(chunk);
        match self.timeout {
            Some(timeout) => call.call_timeout(timeout).await,
            None => call.await,
        }
    }
}

impl IntoFuture for UploadLocalFile {
    type Output = Result<UploadedFile, Error>;
    type IntoFuture = ResponseFuture<UploadedFile>;

    fn into_future(self) -> Self::IntoFuture {
        ResponseFuture::new(self.run())
    }
}

impl fmt::Debug for UploadLocalFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UploadLocalFile")
            .field("path", &self.path)
            .field("file_name", &self.file_name)
            .field("chunk_size", &self.chunk_size)
            .field("retention", &self.retention)
            .field("call_timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

/// One `upload_file_stream` call. Every call repeats the file's details, so
/// whichever chunk NapCat sees first creates the upload.
#[derive(Debug, Clone, Serialize)]
struct UploadChunk {
    stream_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    chunk_data: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    chunk_index: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    total_chunks: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    file_size: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    expected_sha256: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    filename: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    file_retention: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    is_complete: Option<bool>,
}

/// The one frame each `upload_file_stream` call gets back.
#[derive(Debug, Deserialize)]
struct UploadStatus {
    #[serde(default)]
    file_path: Option<String>,
    #[serde(default)]
    sha256: Option<String>,
}

impl Action for UploadChunk {
    const NAME: &'static str = ACTION;
    type Output = UploadStatus;
}

/// The file's size and SHA-256 (lowercase hex), read once before the
/// upload so the first chunk can announce them.
async fn hash_file(path: &Path) -> Result<(u64, String), Error> {
    let mut file = File::open(path)
        .await
        .map_err(|error| local_file_error(path, error))?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0; 64 * 1024];
    let mut size = 0u64;
    loop {
        let read = file
            .read(&mut buffer)
            .await
            .map_err(|error| local_file_error(path, error))?;
        if read == 0 {
            break;
        }
        hasher.update(&buffer[..read]);
        size += read as u64;
    }
    let digest = hasher.finalize();
    Ok((
        size,
        digest.iter().map(|byte| format!("{byte:02x}")).collect(),
    ))
}

/// Fills `buffer` unless the file ends first; returns how much was read.
async fn read_full(file: &mut File, buffer: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        let read = file.read(&mut buffer[filled..]).await?;
        if read == 0 {
            break;
        }
        filled += read;
    }
    Ok(filled)
}

/// A fresh id for one upload; NapCat keys the upload's chunks by it.
fn stream_id() -> String {
    // `RandomState` draws fresh random keys each time; mixing in the clock
    // keeps ids apart even where those keys repeat.
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_nanos());
    let random = RandomState::new().hash_one(nanos);
    format!("ncat-{nanos:x}-{random:016x}")
}

fn local_file_error(path: &Path, source: std::io::Error) -> Error {
    Error::LocalFile {
        action: Cow::Borrowed(ACTION),
        path: path.to_owned(),
        source,
    }
}
