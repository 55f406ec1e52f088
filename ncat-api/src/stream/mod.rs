//! NapCat's stream actions: one request, several reply frames.
//!
//! `download_file_stream` and its siblings answer with a `file_info` frame,
//! then `file_chunk` frames, then a final `file_complete` frame. Over a
//! WebSocket each frame is a message with the request's `echo`; over HTTP
//! they are JSON objects separated by `\r\n\r\n` in one chunked body. ncat
//! hides the difference: `.await` a [`StreamCall`] to send the request and
//! get a [`FrameStream`] of typed frames.
//!
//! ```no_run
//! use ncat_api::stream::DownloadFrame;
//!
//! # async fn demo(client: ncat_api::Client) -> Result<(), ncat_api::Error> {
//! let mut frames = client
//!     .download_file_stream()
//!     .file("D1A9C3F0E2B44D6E8F1A2B3C4D5E6F70.jpg")
//!     .await?;
//! let mut bytes = Vec::new();
//! while let Some(frame) = frames.next().await {
//!     match frame? {
//!         DownloadFrame::Info(info) => println!("{} ({} bytes)", info.file_name, info.file_size),
//!         DownloadFrame::Chunk(chunk) => bytes.extend_from_slice(&chunk.data),
//!         DownloadFrame::Complete(_) => println!("done"),
//!         _ => {}
//!     }
//! }
//! # Ok(()) }
//! ```
//!
//! # Slow consumers and memory
//!
//! No frame is buffered without bound, however fast NapCat sends:
//!
//! - Over HTTP the body is read from the connection only as frames are
//!   asked for: a consumer that falls behind slows NapCat down (TCP flow
//!   control), and ncat holds at most the frame being assembled. A frame
//!   longer than [`ClientBuilder::max_reply_size`](crate::ClientBuilder::max_reply_size)
//!   (delimiter or not) ends the stream with
//!   [`Error::ReplyTooLarge`](crate::Error::ReplyTooLarge).
//! - Over WebSocket each stream's frames wait in a bounded per-stream
//!   buffer, and no frame is larger than `max_reply_size`.
// ws-stream-policy: the WebSocket work states the buffer's size and what
// happens to a stream whose consumer falls behind, above.
//!
//! Uploads go the other way, one call per chunk; [`Client::upload_local_file`](crate::Client::upload_local_file)
//! does all of it for a local file.

mod call;
mod download;
mod frames;
#[cfg(feature = "http")]
pub(crate) mod http;
mod upload;

pub use self::call::{RawStreamCall, StreamAction, StreamCall};
pub use self::download::{DownloadFrame, FileChunk, FileComplete, FileInfo};
pub use self::frames::FrameStream;
pub use self::upload::{UploadLocalFile, UploadedFile};
