//! Media sources, and the segments that carry media: images, voice,
//! videos and files.

use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::extra::Extra;
use super::wire;

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

/// An image (`image`) to send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Image {
    /// Where NapCat gets the image.
    pub file: Media,
    /// NapCat: the text shown in previews and notifications (e.g. `[图片]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// NapCat: the picture kind; `0` a normal picture, `1` a sticker (表情包).
    #[serde(
        default,
        deserialize_with = "crate::lenient::optional_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub sub_type: Option<u32>,
    /// The keys of `data` this type has no field for; see [`Extra`].
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

impl Image {
    /// An image from `file`.
    pub fn new(file: impl Into<Media>) -> Self {
        Image {
            file: file.into(),
            summary: None,
            sub_type: None,
            extra: Extra::default(),
        }
    }

    /// Sets the text shown in previews and notifications.
    pub fn summary(mut self, summary: impl Into<String>) -> Self {
        self.summary = Some(summary.into());
        self
    }

    /// Sets the picture kind (`0` normal, `1` sticker).
    pub fn sub_type(mut self, sub_type: u32) -> Self {
        self.sub_type = Some(sub_type);
        self
    }
}

/// A voice message (`record`) to send; NapCat transcodes it to silk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Record {
    /// Where NapCat gets the audio.
    pub file: Media,
    /// The keys of `data` this type has no field for; see [`Extra`].
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

impl Record {
    /// A voice message from `file`.
    pub fn new(file: impl Into<Media>) -> Self {
        Record {
            file: file.into(),
            extra: Extra::default(),
        }
    }
}

/// A video (`video`) to send. NapCat suggests sending videos over about
/// 100 MB as group files instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Video {
    /// Where NapCat gets the video.
    pub file: Media,
    /// NapCat: the file name to give the video.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// NapCat: a custom thumbnail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumb: Option<Media>,
    /// The keys of `data` this type has no field for; see [`Extra`].
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

impl Video {
    /// A video from `file`.
    pub fn new(file: impl Into<Media>) -> Self {
        Video {
            file: file.into(),
            name: None,
            thumb: None,
            extra: Extra::default(),
        }
    }

    /// Sets the file name.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Sets a custom thumbnail.
    pub fn thumb(mut self, thumb: impl Into<Media>) -> Self {
        self.thumb = Some(thumb.into());
        self
    }
}

/// A file (`file`, NapCat) to send in the chat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct File {
    /// Where NapCat gets the file.
    pub file: Media,
    /// The file name recipients see (by default derived from the source).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The keys of `data` this type has no field for; see [`Extra`].
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

impl File {
    /// A file from `file`.
    pub fn new(file: impl Into<Media>) -> Self {
        File {
            file: file.into(),
            name: None,
            extra: Extra::default(),
        }
    }

    /// Sets the file name recipients see.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }
}

/// A received image (`image`), or a market face, which NapCat delivers as
/// an image carrying `key`, `emoji_id` and `emoji_package_id`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ReceivedImage {
    /// The image's file name; a token that `get_image` takes and that a
    /// sent image accepts as its source for about a day. Empty when NapCat
    /// only knows a URL (the images of `get_essence_msg_list`).
    #[serde(default)]
    pub file: String,
    /// The download URL; signed, it expires after about two hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// NapCat: the preview text (`[动画表情]`, a market face's name, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// NapCat: the picture kind; `0` a normal picture, `1` a sticker (表情包).
    #[serde(
        default,
        deserialize_with = "crate::lenient::optional_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub sub_type: Option<u32>,
    /// NapCat: size in bytes.
    #[serde(
        default,
        serialize_with = "wire::display_option",
        deserialize_with = "crate::lenient::optional_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub file_size: Option<u64>,
    /// NapCat, market faces only: the sticker's key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// NapCat, market faces only: the sticker's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emoji_id: Option<String>,
    /// NapCat, market faces only: the sticker package's id.
    #[serde(
        default,
        deserialize_with = "crate::lenient::optional_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub emoji_package_id: Option<u64>,
    /// The keys of `data` this type has no field for; see [`Extra`].
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

/// A received voice message (`record`), raw silk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ReceivedRecord {
    /// An opaque file token; `get_record` converts the voice to a common
    /// format.
    pub file: String,
    /// The download URL when NapCat can resolve one, otherwise a path on
    /// the NapCat host.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// NapCat: the voice file's path on the NapCat host.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// NapCat: size in bytes.
    #[serde(
        default,
        serialize_with = "wire::display_option",
        deserialize_with = "crate::lenient::optional_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub file_size: Option<u64>,
    /// The keys of `data` this type has no field for; see [`Extra`].
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

/// A received video (`video`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ReceivedVideo {
    /// An opaque file token.
    pub file: String,
    /// The download URL (may be a path on the NapCat host).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// NapCat: size in bytes.
    #[serde(
        default,
        serialize_with = "wire::display_option",
        deserialize_with = "crate::lenient::optional_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub file_size: Option<u64>,
    /// The keys of `data` this type has no field for; see [`Extra`].
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

/// A received file (`file`, NapCat).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ReceivedFile {
    /// The original file name.
    pub file: String,
    /// The file's id, for `get_file`, `get_group_file_url` and
    /// `get_private_file_url`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_id: Option<String>,
    /// The download URL, only when NapCat's packet backend is available.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Size in bytes.
    #[serde(
        default,
        serialize_with = "wire::display_option",
        deserialize_with = "crate::lenient::optional_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub file_size: Option<u64>,
    /// The keys of `data` this type has no field for; see [`Extra`].
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}
