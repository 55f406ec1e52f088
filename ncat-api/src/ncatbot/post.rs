//! ncatbot's `post_group_msg` and `post_private_msg`: a message put
//! together from keyword-style parts, then sent.

use std::borrow::Cow;
use std::fmt;
use std::future::{IntoFuture, ready};
use std::time::Duration;

use super::Chat;
use crate::action::Action;
use crate::call::{Call, ResponseFuture};
use crate::client::Client;
use crate::error::Error;
use crate::id::{GroupId, UserId};
use crate::message::segment::{Face, Image, Json, Music};
use crate::message::{Message, Segment};

/// A message being put together by [`Client::post_group_msg`] or
/// [`Client::post_private_msg`]; `.await` it to send it.
///
/// Each method is one of ncatbot's keyword arguments. Parts are sent in the
/// order they are added, except that quotes ([`reply`](Self::reply), and any
/// `reply` segment of [`rtf`](Self::rtf)) always go first. Added in the
/// order of ncatbot's parameter list, the parts make the message ncatbot
/// sends.
///
/// Awaiting it sends NapCat's `send_group_msg` or `send_private_msg` and
/// resolves to its reply. With no part at all it fails with
/// [`Error::EmptyMessage`] and sends nothing.
///
/// ```no_run
/// use ncat_api::segment::{CustomMusic, Music, MusicPlatform};
/// use ncat_api::{Media, Message, MessageId, UserId};
///
/// # async fn demo(client: ncat_api::Client) -> Result<(), ncat_api::Error> {
/// let sent = client
///     .post_group_msg(123456)
///     .text("look: ")
///     .image(Media::path("/data/cat.png"))
///     .at(UserId::new(10001))
///     .reply(MessageId::new(1588762139)) // sent first
///     .await?;
/// println!("sent message {}", sent.message_id);
///
/// // ncatbot's music=["qq", "001"] and music={"url": …, "image": …}
/// client.post_private_msg(10001).music(Music::track(MusicPlatform::Qq, "001")).await?;
/// let card = CustomMusic::new("https://example.com/song", "https://example.com/cover.png");
/// client.post_private_msg(10001).music(card.title("歌")).await?;
/// client.post_private_msg(10001).dice().await?;
/// client.post_private_msg(10001).rtf(Message::new().text("hi").face(14)).await?;
/// # Ok(()) }
/// ```
#[must_use = "a PostMessage sends nothing until it is `.await`ed"]
pub struct PostMessage<C: Chat> {
    client: Client,
    chat: C,
    /// `reply` segments, sent before everything else.
    quotes: Vec<Segment>,
    /// Every other part, in the order added.
    content: Vec<Segment>,
    timeout: Option<Duration>,
}

impl<C: Chat> PostMessage<C> {
    fn new(client: Client, chat: C) -> Self {
        PostMessage {
            client,
            chat,
            quotes: Vec::new(),
            content: Vec::new(),
            timeout: None,
        }
    }

    fn part(mut self, segment: Segment) -> Self {
        self.push(segment);
        self
    }

    fn push(&mut self, segment: Segment) {
        if matches!(segment, Segment::Reply(_)) {
            self.quotes.push(segment);
        } else {
            self.content.push(segment);
        }
    }

    /// ncatbot's `text`: plain text, sent literally.
    pub fn text(self, text: impl Into<String>) -> Self {
        self.part(Segment::text(text))
    }

    /// ncatbot's `face`: a QQ system face, by id (`.face(14)`).
    pub fn face(self, face: impl Into<Face>) -> Self {
        self.part(Segment::face(face))
    }

    /// ncatbot's `json`: an Ark/JSON card, from its JSON text or a
    /// [`serde_json::Value`].
    pub fn json(self, card: impl Into<Json>) -> Self {
        self.part(Segment::json(card))
    }

    /// ncatbot's `markdown`: sent as NapCat's `markdown` segment.
    ///
    /// ncatbot renders the Markdown to an image on the bot's side and sends
    /// that; ncat leaves rendering to NapCat, which documents that a
    /// `markdown` segment only shows inside forwarded nodes.
    pub fn markdown(self, content: impl Into<String>) -> Self {
        self.part(Segment::markdown(content))
    }

    /// ncatbot's `reply`: quotes `message`. The quote is sent first, wherever
    /// it is added.
    pub fn reply(self, message: impl crate::IntoMessageId) -> Self {
        self.part(Segment::reply(message))
    }

    /// ncatbot's `music`: a music card, either a track on a platform
    /// (ncatbot's `[type, id]` list: [`Music::track`]) or a custom card
    /// (ncatbot's dict: a [`CustomMusic`](crate::segment::CustomMusic)).
    pub fn music(self, music: impl Into<Music>) -> Self {
        self.part(Segment::music(music))
    }

    /// ncatbot's `dice=True`: a dice, which QQ rolls.
    pub fn dice(self) -> Self {
        self.part(Segment::dice())
    }

    /// ncatbot's `rps=True`: rock-paper-scissors, whose hand QQ picks.
    pub fn rps(self) -> Self {
        self.part(Segment::rps())
    }

    /// ncatbot's `image`: a URL or other source string NapCat reads, a
    /// [`Media`](crate::Media) (`Media::path`, `Media::url`,
    /// `Media::base64`), or an [`Image`] with its options.
    pub fn image(self, image: impl Into<Image>) -> Self {
        self.part(Segment::image(image))
    }

    /// ncatbot's `rtf` (rich text, a `MessageChain`): every segment of
    /// `message`, after the parts added so far; its `reply` segments go
    /// first, with the other quotes.
    pub fn rtf(mut self, message: impl Into<Message>) -> Self {
        for segment in message.into() {
            self.push(segment);
        }
        self
    }

    /// Overrides the client's default timeout for this call only, as
    /// [`Call::call_timeout`].
    pub fn call_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }
}

/// Parts only a group message has.
impl PostMessage<GroupId> {
    /// ncatbot's `at`: mentions `user` (ncatbot's `post_private_msg` has no
    /// `at`: NapCat drops mentions in private chats).
    pub fn at(self, user: impl crate::IntoUserId) -> Self {
        self.part(Segment::at(user))
    }

    /// ncatbot's `at="all"`: mentions everyone in the group.
    pub fn at_all(self) -> Self {
        self.part(Segment::at_all())
    }
}

impl<C: Chat + fmt::Debug> fmt::Debug for PostMessage<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PostMessage")
            .field("action", &<C::Request as Action>::NAME)
            .field("chat", &self.chat)
            .field("quotes", &self.quotes)
            .field("content", &self.content)
            .field("call_timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl<C: Chat> IntoFuture for PostMessage<C> {
    type Output = Result<<C::Request as Action>::Output, Error>;
    type IntoFuture = ResponseFuture<<C::Request as Action>::Output>;

    fn into_future(self) -> Self::IntoFuture {
        let PostMessage {
            client,
            chat,
            quotes: mut segments,
            content,
            timeout,
        } = self;
        if segments.is_empty() && content.is_empty() {
            return ResponseFuture::new(ready(Err(Error::EmptyMessage {
                action: Cow::Borrowed(<C::Request as Action>::NAME),
            })));
        }
        segments.extend(content);
        let mut call = Call::new(client, chat.request(Message::from(segments)));
        call.timeout = timeout;
        call.into_future()
    }
}

impl Client {
    /// ncatbot's `post_group_msg(group_id, text=…, face=…, …)`: sends a
    /// message put together from parts to a group.
    ///
    /// The keyword arguments are methods of the returned [`PostMessage`]
    /// (`text`, `face`, `json`, `markdown`, `at`, `reply`, `music`, `dice`,
    /// `rps`, `image`, `rtf`); `.await` sends NapCat's `send_group_msg` and
    /// resolves to its reply. Quotes go first; a message without parts fails
    /// with [`Error::EmptyMessage`] before any request.
    ///
    /// ```no_run
    /// # async fn demo(client: ncat_api::Client) -> Result<(), ncat_api::Error> {
    /// client.post_group_msg(123456).text("hello ").at_all().face(14).await?;
    /// # Ok(()) }
    /// ```
    pub fn post_group_msg(&self, group_id: impl crate::IntoGroupId) -> PostMessage<GroupId> {
        PostMessage::new(self.clone(), group_id.into_group_id())
    }

    /// ncatbot's `post_private_msg(user_id, text=…, face=…, …)`: sends a
    /// message put together from parts to a user.
    ///
    /// As [`post_group_msg`](Self::post_group_msg), without `at` (ncatbot's
    /// private variant has none); `.await` sends NapCat's
    /// `send_private_msg`.
    ///
    /// ```no_run
    /// # async fn demo(client: ncat_api::Client) -> Result<(), ncat_api::Error> {
    /// client.post_private_msg(10001).text("hi").rps().await?;
    /// # Ok(()) }
    /// ```
    pub fn post_private_msg(&self, user_id: impl crate::IntoUserId) -> PostMessage<UserId> {
        PostMessage::new(self.clone(), user_id.into_user_id())
    }
}
