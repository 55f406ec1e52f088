//! Stream replies over HTTP: every frame is a JSON object followed by
//! `\r\n\r\n`, all in one chunked response body.

use std::borrow::Cow;

use crate::error::Error;
use crate::transport::{ReplyStream, TransportReply};

const DELIMITER: &[u8] = b"\r\n\r\n";

/// The frames of a successful stream response, as they arrive.
pub(crate) fn frames(response: reqwest::Response, action: Cow<'static, str>) -> ReplyStream {
    let state = Some((response, Splitter::default(), action));
    Box::pin(futures_util::stream::unfold(state, |state| async move {
        let (mut response, mut splitter, action) = state?;
        loop {
            if let Some(frame) = splitter.next_frame() {
                return Some((
                    Ok(TransportReply::new(frame)),
                    Some((response, splitter, action)),
                ));
            }
            match response.chunk().await {
                Ok(Some(chunk)) => splitter.push(&chunk),
                // The body is complete: a last frame may lack its delimiter.
                Ok(None) => {
                    let rest = splitter.finish()?;
                    return Some((Ok(TransportReply::new(rest)), None));
                }
                Err(error) => {
                    let error = Error::transport(action, error.without_url());
                    return Some((Err(error), None));
                }
            }
        }
    }))
}

/// Cuts a byte stream into `\r\n\r\n`-terminated frames.
#[derive(Default)]
struct Splitter {
    buffer: Vec<u8>,
    /// How far `buffer` is known to hold no delimiter, so a large frame
    /// arriving in many small chunks is scanned once.
    scanned: usize,
}

impl Splitter {
    fn push(&mut self, bytes: &[u8]) {
        self.buffer.extend_from_slice(bytes);
    }

    fn next_frame(&mut self) -> Option<String> {
        loop {
            let start = self.scanned.saturating_sub(DELIMITER.len() - 1);
            let Some(at) = self.buffer[start..]
                .windows(DELIMITER.len())
                .position(|window| window == DELIMITER)
            else {
                self.scanned = self.buffer.len();
                return None;
            };
            let end = start + at;
            let frame: Vec<u8> = self
                .buffer
                .drain(..end + DELIMITER.len())
                .take(end)
                .collect();
            self.scanned = 0;
            if let Some(frame) = text(frame) {
                return Some(frame);
            }
        }
    }

    /// What is left after the body ended, unless it is only whitespace.
    fn finish(self) -> Option<String> {
        text(self.buffer)
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

    fn split(pieces: &[&str]) -> Vec<String> {
        let mut splitter = Splitter::default();
        let mut frames = Vec::new();
        for piece in pieces {
            splitter.push(piece.as_bytes());
            while let Some(frame) = splitter.next_frame() {
                frames.push(frame);
            }
        }
        frames.extend(splitter.finish());
        frames
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
}
