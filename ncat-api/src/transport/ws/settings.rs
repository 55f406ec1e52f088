//! What every NapCat WebSocket of a client (or of a reverse server) is
//! configured with: size limits, buffers, keep-alive.

use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;

use crate::transport::keep_alive::KeepAlive;

/// How much tungstenite reads from the socket at a time. Each read first
/// zero-fills this much of its buffer, so tungstenite's default (128 KiB)
/// costs a large `memset` per read while NapCat's replies are mostly well
/// under 1 KiB; 16 KiB still takes dozens of replies, or a stream frame, in
/// one read. Larger messages grow the buffer as needed, up to the limit.
const READ_BUFFER_SIZE: usize = 16 * 1024;

/// How many bytes of queued requests tungstenite gathers before writing
/// them out. The session flushes after each batch anyway, so this only
/// splits very large batches into several writes.
const WRITE_BUFFER_SIZE: usize = 64 * 1024;

/// The configuration of the WebSockets of one client or reverse server.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Settings {
    /// The largest message or frame read; a larger one closes the
    /// connection (WebSocket cannot skip it).
    pub(crate) max_reply_size: usize,
    /// How many bytes of stream-action frames may wait for one slow
    /// consumer before its stream fails.
    pub(crate) stream_buffer: usize,
    /// Pings and the silence deadline.
    pub(crate) keep_alive: KeepAlive,
}

impl Settings {
    /// tungstenite's configuration: the buffers above and the size limits.
    /// The write buffer is not capped (tungstenite's default): it only
    /// grows past [`WRITE_BUFFER_SIZE`] while the socket refuses writes,
    /// and the bounded request queue in front of it caps that.
    pub(crate) fn websocket_config(&self) -> WebSocketConfig {
        WebSocketConfig::default()
            .read_buffer_size(READ_BUFFER_SIZE)
            .write_buffer_size(WRITE_BUFFER_SIZE)
            .max_message_size(Some(self.max_reply_size))
            .max_frame_size(Some(self.max_reply_size))
    }
}
