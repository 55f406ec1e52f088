//! The frames of the download stream actions (`download_file_stream`,
//! `download_file_image_stream`, `download_file_record_stream`), whose
//! requests and `Client` methods are generated from the schema.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::Deserialize;
use serde::de::{self, Deserializer};
use serde_json::Value;

/// One frame of a file download (`download_file_stream`,
/// `download_file_image_stream`, `download_file_record_stream`), told
/// apart by `data_type`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum DownloadFrame {
    /// `file_info`, first: what is coming.
    Info(FileInfo),
    /// `file_chunk`: the next piece of the file.
    Chunk(FileChunk),
    /// `file_complete`, last: the download is done.
    Complete(FileComplete),
    /// A frame ncat does not know, as sent.
    Other(Value),
}

/// The `file_info` frame.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct FileInfo {
    /// The file's name.
    #[serde(default)]
    pub file_name: String,
    /// The file's size in bytes.
    #[serde(default)]
    pub file_size: u64,
    /// The size of each chunk in bytes.
    #[serde(default)]
    pub chunk_size: u64,
    /// Image width in pixels (`download_file_image_stream` only).
    #[serde(default)]
    pub width: Option<u32>,
    /// Image height in pixels (`download_file_image_stream` only).
    #[serde(default)]
    pub height: Option<u32>,
    /// The audio format it was converted to (`download_file_record_stream`
    /// only).
    #[serde(default)]
    pub out_format: Option<String>,
}

/// A `file_chunk` frame.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct FileChunk {
    /// The chunk's position, from 0.
    pub index: u64,
    /// The chunk's bytes (decoded from NapCat's base64).
    #[serde(deserialize_with = "from_base64")]
    pub data: Vec<u8>,
    /// How much of the file has been sent, in percent.
    #[serde(default)]
    pub progress: Option<f64>,
}

/// The final `file_complete` frame.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct FileComplete {
    /// How many chunks were sent.
    #[serde(default)]
    pub total_chunks: u64,
    /// How many bytes were sent.
    #[serde(default)]
    pub total_bytes: u64,
    /// NapCat's summary, e.g. `Download completed`.
    #[serde(default)]
    pub message: String,
}

impl<'de> Deserialize<'de> for DownloadFrame {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        let frame = match value.get("data_type").and_then(Value::as_str) {
            Some("file_info") => FileInfo::deserialize(&value).map(DownloadFrame::Info),
            Some("file_chunk") => FileChunk::deserialize(&value).map(DownloadFrame::Chunk),
            Some("file_complete") => FileComplete::deserialize(&value).map(DownloadFrame::Complete),
            _ => return Ok(DownloadFrame::Other(value)),
        };
        frame.map_err(de::Error::custom)
    }
}

fn from_base64<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
    let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
    STANDARD.decode(text.as_bytes()).map_err(de::Error::custom)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use serde_json::json;

    use super::*;

    fn frame(value: Value) -> DownloadFrame {
        DownloadFrame::deserialize(&value).unwrap()
    }

    #[test]
    fn frames_are_told_apart_by_data_type() {
        let info = frame(
            json!({"type":"stream","data_type":"file_info","file_name":"a.zip","file_size":123456,"chunk_size":65536}),
        );
        assert!(
            matches!(&info, DownloadFrame::Info(info) if info.file_name == "a.zip" && info.file_size == 123456)
        );
        let chunk = frame(
            json!({"type":"stream","data_type":"file_chunk","index":0,"data":"aGk=","size":2,"progress":53,"base64_size":4}),
        );
        assert!(
            matches!(&chunk, DownloadFrame::Chunk(chunk) if chunk.data == b"hi" && chunk.progress == Some(53.0))
        );
        let complete = frame(
            json!({"type":"response","data_type":"file_complete","total_chunks":2,"total_bytes":123456,"message":"Download completed"}),
        );
        assert!(matches!(&complete, DownloadFrame::Complete(done) if done.total_chunks == 2));
        let other = json!({"type":"stream","data_type":"something_new"});
        assert_eq!(frame(other.clone()), DownloadFrame::Other(other));
    }

    #[test]
    fn a_chunk_that_is_not_base64_does_not_decode() {
        let value =
            json!({"type":"stream","data_type":"file_chunk","index":0,"data":"not base64!"});
        assert!(DownloadFrame::deserialize(&value).is_err());
    }
}
