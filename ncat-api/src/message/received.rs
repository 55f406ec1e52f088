//! [`ReceivedMessage`] and [`ReceivedSegment`]: messages as NapCat reports
//! them, in events and in replies such as `get_msg`.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::segment::{CustomNode, Face, File, Image, Mface, Node, Record, Text, Video};
use super::{Media, Message, ReceivedSegment, Segment, cq, wire};

/// A message NapCat reports: the `message` of a message event or of a
/// `get_msg` reply.
///
/// It reads both forms NapCat sends, chosen by the adapter's
/// `messagePostFormat`: an array of segments, or a CQ-code string (which is
/// parsed, see [`ReceivedMessage::from_cq`]). It is written as an array.
///
/// It is a different type from [`Message`], the message you send, because
/// the two hold different things (a received image has a URL and a file
/// token, a sent one a [`Media`] source; some kinds only ever arrive). To
/// send received content on, convert it: `Message::try_from(received)?`;
/// see [`NotSendable`] for what cannot be.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReceivedMessage(Vec<ReceivedSegment>);

impl ReceivedMessage {
    /// The segments, in order.
    pub fn segments(&self) -> &[ReceivedSegment] {
        &self.0
    }

    /// Whether the message has no segments.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The text of the message: its text segments joined, everything else
    /// left out. Prefer it to the event's `raw_message`, which is a trimmed
    /// CQ string with every segment's data in it.
    pub fn plain_text(&self) -> String {
        self.0
            .iter()
            .filter_map(|segment| match segment {
                ReceivedSegment::Text(text) => Some(text.text.as_str()),
                _ => None,
            })
            .collect()
    }

    /// Parses a CQ-code string, the form NapCat reports messages in when
    /// `messagePostFormat` is `string`. Like NapCat's parser it never fails:
    /// anything that is not a well-formed code is text.
    ///
    /// ```
    /// use ncat_api::{ReceivedMessage, ReceivedSegment};
    ///
    /// let message = ReceivedMessage::from_cq("[CQ:at,qq=10001] 1 &#91;x&#93;");
    /// assert!(matches!(message.segments()[0], ReceivedSegment::At(_)));
    /// assert_eq!(message.plain_text(), " 1 [x]");
    /// ```
    pub fn from_cq(cq: &str) -> Self {
        ReceivedMessage(cq::parse(
            cq,
            |text| ReceivedSegment::Text(Text::new(text)),
            |kind, data| ReceivedSegment::from_wire(kind, serde_json::Value::Object(data)),
        ))
    }

    /// The message as a CQ-code string; the same as `to_string()`.
    /// [`ReceivedMessage::from_cq`] reads it back to an equal message,
    /// except for the data of unknown segments that are not strings.
    pub fn to_cq(&self) -> String {
        self.to_string()
    }
}

/// The CQ-code string, as [`ReceivedMessage::to_cq`].
impl fmt::Display for ReceivedMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        cq::write(f, &self.0)
    }
}

impl Serialize for ReceivedMessage {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(&self.0)
    }
}

/// Reads an array of segments, a single segment object, or a CQ-code
/// string. Unknown kinds and unexpected data become
/// [`ReceivedSegment::Unknown`]; only a segment without a string `type` is
/// an error.
impl<'de> Deserialize<'de> for ReceivedMessage {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match wire::RawMessage::deserialize(deserializer)? {
            wire::RawMessage::Segments(segments) => segments
                .into_iter()
                .map(|raw| ReceivedSegment::from_wire(raw.kind, raw.data))
                .collect(),
            wire::RawMessage::Cq(cq) => ReceivedMessage::from_cq(&cq),
        })
    }
}

impl From<Vec<ReceivedSegment>> for ReceivedMessage {
    fn from(segments: Vec<ReceivedSegment>) -> Self {
        ReceivedMessage(segments)
    }
}

impl FromIterator<ReceivedSegment> for ReceivedMessage {
    fn from_iter<I: IntoIterator<Item = ReceivedSegment>>(segments: I) -> Self {
        ReceivedMessage(segments.into_iter().collect())
    }
}

impl IntoIterator for ReceivedMessage {
    type Item = ReceivedSegment;
    type IntoIter = std::vec::IntoIter<ReceivedSegment>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a ReceivedMessage {
    type Item = &'a ReceivedSegment;
    type IntoIter = std::slice::Iter<'a, ReceivedSegment>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl cq::CqSegment for ReceivedSegment {
    fn kind(&self) -> &str {
        ReceivedSegment::kind(self)
    }

    fn text(&self) -> Option<&str> {
        match self {
            ReceivedSegment::Text(text) => Some(&text.text),
            _ => None,
        }
    }

    fn nested_message(&self) -> Option<String> {
        match self {
            ReceivedSegment::Node(node) => Some(node.content.to_cq()),
            _ => None,
        }
    }
}

/// Why a received segment cannot be sent on.
///
/// Returned by the conversions from [`ReceivedSegment`] to [`Segment`] and
/// from [`ReceivedMessage`] to [`Message`] (the first segment that cannot be
/// sent). [`ReceivedSegment::Unknown`] is passed through as it is, as ncat
/// cannot tell.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a received `{kind}` segment cannot be sent: {reason}")]
pub struct NotSendable {
    kind: &'static str,
    reason: &'static str,
}

impl NotSendable {
    /// The segment's kind (`"onlinefile"`, `"forward"`, …).
    pub fn kind(&self) -> &'static str {
        self.kind
    }

    /// Why it cannot be sent, and what to do instead.
    pub fn reason(&self) -> &'static str {
        self.reason
    }
}

/// Turns received content into content to send, such as to forward or
/// repeat a message:
///
/// - media are sent again from their file token, not from their URL,
///   which NapCat would prefer and which expires (an image without a token
///   uses its URL); a market face becomes an [`Mface`];
/// - a dice or rock-paper-scissors is thrown again, so its outcome changes;
/// - the keys a segment's type has no field for ([`Extra`](super::segment::Extra)) go out again
///   as they came (except on a mention, a dice and rock-paper-scissors,
///   whose sent forms carry nothing but their kind and target);
/// - NapCat-only received kinds (`onlinefile`, `flashtransfer`), a received
///   `forward` (its id is not a `res_id`), and kinds NapCat cannot send
///   (`poke`, `share`, `location`, `xml`) fail with [`NotSendable`].
///
/// ```
/// use ncat_api::{Message, ReceivedMessage};
///
/// let received: ReceivedMessage = serde_json::from_str(
///     r#"[{"type":"text","data":{"text":"look "}},
///         {"type":"image","data":{"file":"A1B2.jpg","url":"https://multimedia.nt.qq.com.cn/x","file_size":"48213"}}]"#,
/// )?;
/// let echo = Message::try_from(received)?;
/// assert_eq!(
///     serde_json::to_string(&echo)?,
///     r#"[{"type":"text","data":{"text":"look "}},{"type":"image","data":{"file":"A1B2.jpg"}}]"#
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
impl TryFrom<ReceivedSegment> for Segment {
    type Error = NotSendable;

    fn try_from(received: ReceivedSegment) -> Result<Self, NotSendable> {
        let refuse = |kind, reason| Err(NotSendable { kind, reason });
        Ok(match received {
            ReceivedSegment::Text(text) => Segment::Text(text),
            ReceivedSegment::Face(face) => Segment::Face(Face {
                id: face.id,
                result_id: face.result_id,
                chain_count: face.chain_count,
                extra: face.extra,
            }),
            ReceivedSegment::Image(image) => {
                match (image.key, image.emoji_id, image.emoji_package_id) {
                    (Some(key), Some(emoji_id), Some(emoji_package_id)) => Segment::Mface(Mface {
                        emoji_package_id,
                        emoji_id,
                        key,
                        summary: image.summary.unwrap_or_default(),
                        extra: image.extra,
                    }),
                    _ => Segment::Image(Image {
                        // The URL only when there is no token: it expires.
                        file: match (image.file.is_empty(), image.url) {
                            (true, Some(url)) => Media::url(url),
                            _ => Media::from(image.file),
                        },
                        summary: image.summary,
                        sub_type: image.sub_type,
                        extra: image.extra,
                    }),
                }
            }
            ReceivedSegment::Record(record) => Segment::Record(Record {
                extra: record.extra,
                ..Record::new(record.file)
            }),
            ReceivedSegment::Video(video) => Segment::Video(Video {
                extra: video.extra,
                ..Video::new(video.file)
            }),
            // NapCat registers both the id and the name as tokens; the id is
            // unique, and the name keeps what recipients see.
            ReceivedSegment::File(file) => Segment::File(File {
                extra: file.extra,
                ..File::new(file.file_id.unwrap_or_else(|| file.file.clone())).name(file.file)
            }),
            // A mention to send has no place for unknown keys: `name` and
            // anything else NapCat adds describe the received mention.
            ReceivedSegment::At(at) => Segment::At(at.target),
            ReceivedSegment::Reply(reply) => Segment::Reply(reply.into()),
            ReceivedSegment::Dice(_) => Segment::Dice,
            ReceivedSegment::Rps(_) => Segment::Rps,
            ReceivedSegment::Json(json) => Segment::Json(json),
            ReceivedSegment::Markdown(markdown) => Segment::Markdown(markdown),
            ReceivedSegment::Contact(contact) => Segment::Contact(contact),
            ReceivedSegment::Node(node) => Segment::Node(Node::Custom(CustomNode {
                extra: node.extra,
                ..CustomNode::new(
                    node.user_id,
                    node.nickname,
                    Message::try_from(node.content)?,
                )
            })),
            ReceivedSegment::Unknown { kind, data } => Segment::Unknown { kind, data },
            ReceivedSegment::Forward(_) => {
                return refuse(
                    "forward",
                    "its id names the message holding the forward, not a res_id; \
                     forward that message with a node by its message id",
                );
            }
            ReceivedSegment::OnlineFile(_) => {
                return refuse(
                    "onlinefile",
                    "online file offers only arrive; answer with receive_online_file",
                );
            }
            ReceivedSegment::FlashTransfer(_) => {
                return refuse("flashtransfer", "send flash transfers with send_flash_msg");
            }
            ReceivedSegment::Poke(_) => {
                return refuse("poke", "NapCat drops poke segments; use send_poke");
            }
            ReceivedSegment::Share(_) => {
                return refuse("share", "NapCat rejects share segments; send a json card");
            }
            ReceivedSegment::Location(_) => {
                return refuse(
                    "location",
                    "NapCat sends a placeholder for location segments; send a json card",
                );
            }
            ReceivedSegment::Xml(_) => {
                return refuse("xml", "NapCat drops xml segments; send a json card");
            }
        })
    }
}

/// Converts every segment as [`Segment::try_from`] does, failing on the
/// first one that cannot be sent.
impl TryFrom<ReceivedMessage> for Message {
    type Error = NotSendable;

    fn try_from(received: ReceivedMessage) -> Result<Self, NotSendable> {
        received.into_iter().map(Segment::try_from).collect()
    }
}
