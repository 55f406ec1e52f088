//! The frames of one stream call, decoded as they arrive.

use std::borrow::Cow;
use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use futures_core::Stream;
use futures_util::StreamExt;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use crate::envelope;
use crate::error::Error;
use crate::transport::ReplyStream;

/// The frames of a stream action, in order: a
/// [`Stream`](futures_core::Stream) of `Result<F, Error>`, also readable
/// with [`next`](Self::next).
///
/// It ends after the final frame (`data.type` `response`), or after the
/// first error, which is also the last item: NapCat reporting a failure
/// ([`Error::Action`], whether up front or as a final `error` frame), a
/// frame that does not decode, [`Error::Timeout`] when no frame arrived in
/// time, [`Error::Disconnected`] when the connection ended first, or
/// [`Error::StreamOverflow`] when, over WebSocket, it was read so slowly
/// that its buffer ([`ClientBuilder::stream_buffer`](crate::ClientBuilder::stream_buffer))
/// filled up. Dropping it abandons the call.
pub struct FrameStream<F> {
    inner: Pin<Box<dyn Stream<Item = Result<F, Error>> + Send>>,
}

/// Where a frame stream stands between frames.
struct State {
    replies: ReplyStream,
    action: Cow<'static, str>,
    timeout: Duration,
    ended: bool,
}

impl<F: DeserializeOwned + Send + 'static> FrameStream<F> {
    pub(crate) fn new(replies: ReplyStream, action: Cow<'static, str>, timeout: Duration) -> Self {
        let state = State {
            replies,
            action,
            timeout,
            ended: false,
        };
        let frames = futures_util::stream::unfold(state, |mut state| async move {
            if state.ended {
                return None;
            }
            let (frame, ended) = next_frame::<F>(&mut state).await;
            state.ended = ended;
            Some((frame, state))
        });
        FrameStream {
            inner: Box::pin(frames),
        }
    }
}

/// Waits for and decodes the next frame; the flag says whether it ends the
/// stream.
async fn next_frame<F: DeserializeOwned>(state: &mut State) -> (Result<F, Error>, bool) {
    let action = state.action.clone();
    let reply = match tokio::time::timeout(state.timeout, state.replies.next()).await {
        Ok(Some(Ok(reply))) => reply,
        Ok(Some(Err(error))) => return (Err(error), true),
        // The transport ran out of replies before the final frame.
        Ok(None) => return (Err(Error::disconnected(action)), true),
        Err(_elapsed) => {
            let duration = state.timeout;
            return (Err(Error::Timeout { action, duration }), true);
        }
    };
    let decoded = envelope::decode_reply(action, reply.body(), reply.envelope(), |data| {
        let partial = envelope::is_partial_frame(data);
        serde_json::from_str::<F>(data.map_or("null", RawValue::get)).map(|frame| (frame, partial))
    });
    match decoded {
        Ok((frame, partial)) => (Ok(frame), !partial),
        Err(error) => (Err(error), true),
    }
}

impl<F> FrameStream<F> {
    /// The next frame; `None` once the stream has ended.
    pub async fn next(&mut self) -> Option<Result<F, Error>> {
        self.inner.next().await
    }
}

impl<F> Stream for FrameStream<F> {
    type Item = Result<F, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

impl<F> fmt::Debug for FrameStream<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FrameStream").finish_non_exhaustive()
    }
}
