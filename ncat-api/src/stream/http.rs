//! Stream replies over HTTP: every frame is a JSON object followed by
//! `\r\n\r\n`, all in one chunked response body.
//!
//! The body is pulled from the connection only as the caller asks for
//! frames, so a consumer slower than NapCat slows NapCat down (TCP flow
//! control) instead of frames piling up in memory: what is held is the
//! frame being assembled, at most `max_reply_size` bytes plus one chunk.

use std::borrow::Cow;

use crate::error::Error;
use crate::transport::{ReplyStream, TransportReply};

const DELIMITER: &[u8] = b"\r\n\r\n";

/// The frames of a successful stream response, as they are read. A frame
/// longer than `limit` bytes ends the stream with [`Error::ReplyTooLarge`].
pub(crate) fn frames(
    response: reqwest::Response,
    action: Cow<'static, str>,
    limit: usize,
) -> ReplyStream {
    let state = Some((response, Splitter::new(limit), action));
    Box::pin(futures_util::stream::unfold(
        state,
        move |state| async move {
            let (mut response, mut splitter, action) = state?;
            loop {
                match splitter.next_frame() {
                    Ok(Some(frame)) => {
                        let state = Some((response, splitter, action));
                        return Some((Ok(TransportReply::new(frame)), state));
                    }
                    Ok(None) => {}
                    Err(TooLarge) => {
                        return Some((Err(Error::ReplyTooLarge { action, limit }), None));
                    }
                }
                match response.chunk().await {
                    Ok(Some(chunk)) => splitter.push(&chunk),
                    // The body is complete: a last frame may lack its delimiter.
                    Ok(None) => {
                        return match splitter.finish() {
                            Ok(rest) => Some((Ok(TransportReply::new(rest?)), None)),
                            Err(TooLarge) => {
                                Some((Err(Error::ReplyTooLarge { action, limit }), None))
                            }
                        };
                    }
                    Err(error) => {
                        let error = Error::transport(action, error.without_url());
                        return Some((Err(error), None));
                    }
                }
            }
        },
    ))
}

/// A frame grew past the limit.
#[derive(Debug, PartialEq, Eq)]
struct TooLarge;

/// Cuts a byte stream into `\r\n\r\n`-terminated frames of at most
/// `limit` bytes.
struct Splitter {
    buffer: Vec<u8>,
    /// How far `buffer` is known to hold no delimiter, so a large frame
    /// arriving in many small chunks is scanned once.
    scanned: usize,
    limit: usize,
}

impl Splitter {
    fn new(limit: usize) -> Self {
        Splitter {
            buffer: Vec::new(),
            scanned: 0,
            limit,
        }
    }

    fn push(&mut self, bytes: &[u8]) {
        self.buffer.extend_from_slice(bytes);
    }

    fn next_frame(&mut self) -> Result<Option<String>, TooLarge> {
        loop {
            let start = self.scanned.saturating_sub(DELIMITER.len() - 1);
            let Some(at) = self.buffer[start..]
                .windows(DELIMITER.len())
                .position(|window| window == DELIMITER)
            else {
                self.scanned = self.buffer.len();
                // Checked before the next chunk is read, so the buffer never
                // holds more than the limit, a partial delimiter and one chunk.
                if self.buffer.len() > self.limit + DELIMITER.len() - 1 {
                    return Err(TooLarge);
                }
                return Ok(None);
            };
            let end = start + at;
            if end > self.limit {
                return Err(TooLarge);
            }
            let frame: Vec<u8> = self
                .buffer
                .drain(..end + DELIMITER.len())
                .take(end)
                .collect();
            self.scanned = 0;
            if let Some(frame) = text(frame) {
                return Ok(Some(frame));
            }
        }
    }

    /// What is left after the body ended, unless it is only whitespace.
    fn finish(self) -> Result<Option<String>, TooLarge> {
        if self.buffer.len() > self.limit {
            return Err(TooLarge);
        }
        Ok(text(self.buffer))
    }
}

/// The frame as text, or `None` for an empty piece (two delimiters in a
/// row, trailing whitespace). Invalid UTF-8 becomes U+FFFD, like the HTTP
/// transport's single replies.
fn text(bytes: Vec<u8>) -> Option<String> {
    let text = String::from_utf8(bytes)
        .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned());
    (!text.trim().is_empty()).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split_within(limit: usize, pieces: &[&str]) -> Result<Vec<String>, TooLarge> {
        let mut splitter = Splitter::new(limit);
        let mut frames = Vec::new();
        for piece in pieces {
            splitter.push(piece.as_bytes());
            while let Some(frame) = splitter.next_frame()? {
                frames.push(frame);
            }
        }
        frames.extend(splitter.finish()?);
        Ok(frames)
    }

    fn split(pieces: &[&str]) -> Vec<String> {
        split_within(usize::MAX / 2, pieces).unwrap()
    }

    #[test]
    fn frames_split_on_the_delimiter_wherever_chunks_end() {
        let body = "{\"a\":1}\r\n\r\n{\"b\":2}\r\n\r\n{\"c\":3}\r\n\r\n";
        let expected = ["{\"a\":1}", "{\"b\":2}", "{\"c\":3}"];
        assert_eq!(split(&[body]), expected);
        let bytes: Vec<String> = body.chars().map(String::from).collect();
        let pieces: Vec<&str> = bytes.iter().map(String::as_str).collect();
        assert_eq!(split(&pieces), expected);
        assert_eq!(
            split(&[
                "{\"a\":1}\r\n",
                "\r\n{\"b\"",
                ":2}\r",
                "\n\r\n{\"c\":3}\r\n\r\n"
            ]),
            expected
        );
    }

    #[test]
    fn a_last_frame_without_delimiter_and_empty_pieces() {
        assert_eq!(split(&["{\"a\":1}"]), ["{\"a\":1}"]);
        assert_eq!(split(&["{\"a\":1}\r\n\r\n\r\n\r\n  "]), ["{\"a\":1}"]);
        assert!(split(&[""]).is_empty());
    }

    #[test]
    fn frames_longer_than_the_limit_are_refused() {
        assert_eq!(
            split_within(7, &["{\"a\":1}\r\n\r\n{\"b\":2}"]).unwrap(),
            ["{\"a\":1}", "{\"b\":2}"]
        );
        // With a delimiter, without one at the end, and without one yet.
        assert_eq!(split_within(6, &["{\"a\":1}\r\n\r\n"]), Err(TooLarge));
        assert_eq!(split_within(6, &["{\"a\":1}"]), Err(TooLarge));
        let mut splitter = Splitter::new(7);
        splitter.push(b"{\"a\":1}\r\n\r");
        assert_eq!(splitter.next_frame(), Ok(None), "the delimiter may follow");
        splitter.push(b"x");
        assert_eq!(splitter.next_frame(), Err(TooLarge));
        let mut splitter = Splitter::new(7);
        splitter.push(b"{\"a\":1}\r\n\r");
        assert_eq!(splitter.next_frame(), Ok(None));
        splitter.push(b"\n");
        assert_eq!(splitter.next_frame(), Ok(Some("{\"a\":1}".to_owned())));
    }
}
