//! Media sources, and the segments that carry media: images, voice,
//! videos and files.

use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::segment::{File, Image, Record, Video};

/// Where NapCat gets the media of a segment you send: the `file` field of
/// `image`, `record`, `video` and `file` segments.
///
/// NapCat reads the string as (in its order): a file token from a received
/// segment, a path that exists on the NapCat host, an `http(s)://` URL that
/// it downloads, `base64://…`, a `file://` URI, or a `data:` URI. Build one
/// with the constructor that says what you have:
///
/// ```
/// use ncat_api::Media;
///
/// assert_eq!(Media::url("https://example.com/a.png").as_str(), "https://example.com/a.png");
/// assert_eq!(Media::path("/data/100% cat.png").as_str(), "file:///data/100%25%20cat.png");
/// assert_eq!(Media::base64(b"hi").as_str(), "base64://aGk=");
/// ```
///
/// or convert any string NapCat accepts, such as the `file` token of a
/// received image, with `Media::from`; it is sent as it is.
///
/// Paths are paths **on the NapCat host**. When the bot runs elsewhere, send
/// a URL, base64, or upload the file first (`upload_file_stream`) and use the
/// path NapCat returns.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Media(String);

impl Media {
    /// An `http://` or `https://` URL that NapCat downloads.
    pub fn url(url: impl Into<String>) -> Self {
        Media(url.into())
    }

    /// A file on the NapCat host, as a `file://` URI. The path should be
    /// absolute (a relative one is resolved against NapCat's working
    /// directory).
    ///
    /// NapCat percent-decodes what follows `file://`, so `%` and the
    /// characters a URI cannot hold literally (spaces, `#`, `?`, controls)
    /// are percent-encoded; everything else, including non-ASCII names, is
    /// kept. A path that is not valid UTF-8 is converted lossily: it could
    /// not travel in JSON anyway.
    pub fn path(path: impl AsRef<Path>) -> Self {
        let path = path.as_ref().to_string_lossy();
        let mut uri = String::with_capacity(path.len() + 8);
        uri.push_str("file://");
        // `C:\x.png` becomes `file:///C:\x.png`, the form NapCat on Windows reads.
        if !path.starts_with('/') {
            uri.push('/');
        }
        for character in path.chars() {
            // All of these are ASCII, so one byte each.
            if matches!(character, '%' | ' ' | '#' | '?') || character.is_ascii_control() {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                let byte = character as u8;
                uri.push('%');
                uri.push(char::from(HEX[usize::from(byte >> 4)]));
                uri.push(char::from(HEX[usize::from(byte & 0xf)]));
            } else {
                uri.push(character);
            }
        }
        Media(uri)
    }

    /// The bytes themselves, sent inline as `base64://<standard base64>`.
    /// Fine for images and voice; NapCat's request size limits make a URL
    /// or an upload better for large videos and files.
    pub fn base64(bytes: impl AsRef<[u8]>) -> Self {
        let mut source = String::from("base64://");
        encode_base64(bytes.as_ref(), &mut source);
        Media(source)
    }

    /// The string NapCat receives.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Any source string NapCat accepts (URL, path, `base64://…`, `data:` URI,
/// or a received file token), sent as it is.
impl From<&str> for Media {
    fn from(source: &str) -> Self {
        Media(source.to_owned())
    }
}

/// Any source string NapCat accepts, sent as it is; see `From<&str>`.
impl From<String> for Media {
    fn from(source: String) -> Self {
        Media(source)
    }
}

impl fmt::Display for Media {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Standard base64 with padding (RFC 4648 §4), what NapCat's `base64://`
/// decoder (Node's `Buffer.from(…, 'base64')`) reads.
fn encode_base64(bytes: &[u8], out: &mut String) {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let sextet = |bits: u32, shift: u32| char::from(ALPHABET[((bits >> shift) & 0x3f) as usize]);
    out.reserve(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let bits = chunk.iter().enumerate().fold(0u32, |bits, (i, &byte)| {
            bits | (u32::from(byte) << (16 - 8 * i))
        });
        out.push(sextet(bits, 18));
        out.push(sextet(bits, 12));
        out.push(if chunk.len() > 1 {
            sextet(bits, 6)
        } else {
            '='
        });
        out.push(if chunk.len() > 2 {
            sextet(bits, 0)
        } else {
            '='
        });
    }
}

macro_rules! from_source {
    ($($data:ident),*) => {$(
        impl From<Media> for $data {
            fn from(file: Media) -> Self {
                $data::new(file)
            }
        }

        /// Any source string NapCat accepts; see [`Media`].
        impl From<&str> for $data {
            fn from(file: &str) -> Self {
                $data::new(file)
            }
        }

        /// Any source string NapCat accepts; see [`Media`].
        impl From<String> for $data {
            fn from(file: String) -> Self {
                $data::new(file)
            }
        }
    )*};
}

from_source!(Image, Record, Video, File);
