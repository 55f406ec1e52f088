//! The download stream actions and their frames.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::call::{StreamAction, StreamCall};
use crate::client::Client;

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

/// Defines a download action's request, its setters and its `Client`
/// method.
macro_rules! download_action {
    (
        $(#[$doc:meta])*
        $name:ident = $wire:literal, $method:ident;
        $($(#[$extra_doc:meta])* $extra:ident,)*
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
        #[non_exhaustive]
        pub struct $name {
            /// The file: a file token from a received segment, a path on the
            /// NapCat host, or a URL.
            #[serde(skip_serializing_if = "Option::is_none")]
            pub file: Option<String>,
            /// The file by id (a `file_id` from a file segment).
            #[serde(skip_serializing_if = "Option::is_none")]
            pub file_id: Option<String>,
            /// Bytes per chunk (NapCat's default: 65536).
            #[serde(skip_serializing_if = "Option::is_none")]
            pub chunk_size: Option<u32>,
            $(
                $(#[$extra_doc])*
                #[serde(skip_serializing_if = "Option::is_none")]
                pub $extra: Option<String>,
            )*
        }

        impl StreamAction for $name {
            const NAME: &'static str = $wire;
            type Frame = DownloadFrame;
        }

        impl StreamCall<$name> {
            /// The file: a file token from a received segment, a path on the
            /// NapCat host, or a URL. Give this or [`file_id`](Self::file_id).
            pub fn file(mut self, file: impl Into<String>) -> Self {
                self.request.file = Some(file.into());
                self
            }

            /// The file by id (a `file_id` from a file segment).
            pub fn file_id(mut self, file_id: impl Into<String>) -> Self {
                self.request.file_id = Some(file_id.into());
                self
            }

            /// Bytes per chunk (NapCat's default: 65536).
            pub fn chunk_size(mut self, chunk_size: u32) -> Self {
                self.request.chunk_size = Some(chunk_size);
                self
            }

            $(
                $(#[$extra_doc])*
                pub fn $extra(mut self, $extra: impl Into<String>) -> Self {
                    self.request.$extra = Some($extra.into());
                    self
                }
            )*
        }

        impl Client {
            #[doc = concat!("Calls NapCat's `", $wire, "` stream action; `.await` it for its [`DownloadFrame`]s.")]
            ///
            /// Set the file with `.file(…)` or `.file_id(…)`.
            pub fn $method(&self) -> StreamCall<$name> {
                StreamCall::new(self.clone(), $name::default())
            }
        }
    };
}

download_action!(
    /// Parameters of `download_file_stream`: download any file NapCat can
    /// reach, in base64 chunks.
    DownloadFileStream = "download_file_stream", download_file_stream_frames;
);

download_action!(
    /// Parameters of `download_file_image_stream`: like
    /// [`DownloadFileStream`], and the `file_info` frame has the image's
    /// size.
    DownloadFileImageStream = "download_file_image_stream", download_file_image_stream_frames;
);

download_action!(
    /// Parameters of `download_file_record_stream`: a voice file, optionally
    /// converted first.
    DownloadFileRecordStream = "download_file_record_stream", download_file_record_stream_frames;
    /// The audio format to convert to (`mp3`, `amr`, `wma`, `m4a`, `spx`,
    /// `ogg`, `wav` or `flac`).
    out_format,
);

/// Parameters of `test_download_stream`: NapCat's self-test, ten `stream`
/// frames then a final `response` (or a failure, when asked for one).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct TestDownloadStream {
    /// Whether NapCat should fail at the end.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<bool>,
}

impl StreamAction for TestDownloadStream {
    const NAME: &'static str = "test_download_stream";
    /// The frames' `data`, as sent: `{"type", "data_type", "data"}`.
    type Frame = Value;
}

impl StreamCall<TestDownloadStream> {
    /// Makes NapCat end the stream with an error.
    pub fn error(mut self, error: bool) -> Self {
        self.request.error = Some(error);
        self
    }
}

impl Client {
    /// Calls NapCat's `test_download_stream` self-test; `.await` it for its
    /// frames (each frame's `data` as JSON).
    pub fn test_download_stream_frames(&self) -> StreamCall<TestDownloadStream> {
        StreamCall::new(self.clone(), TestDownloadStream::default())
    }
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

    #[test]
    fn unset_parameters_are_left_out() {
        let request = DownloadFileRecordStream {
            file: Some("f".into()),
            out_format: Some("mp3".into()),
            ..DownloadFileRecordStream::default()
        };
        assert_eq!(
            serde_json::to_value(&request).unwrap(),
            json!({"file": "f", "out_format": "mp3"})
        );
    }
}
