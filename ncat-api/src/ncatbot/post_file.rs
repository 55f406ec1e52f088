//! ncatbot's `post_group_file` and `post_private_file`: one media segment,
//! sent as a message.

use std::fmt;

use super::Chat;
use crate::action::Action;
use crate::call::Call;
use crate::client::Client;
use crate::id::{GroupId, UserId};
use crate::message::segment::{File, Image, Record, Video};
use crate::message::{Message, Segment};

/// A file post waiting for its file, from [`Client::post_group_file`] or
/// [`Client::post_private_file`].
///
/// ncatbot sends exactly one of its keyword arguments (`image`, `record`,
/// `video`, `file`, `markdown`) and fails when none is given. Here each of
/// them is a method that takes the file and returns the [`Call`] of
/// `send_group_msg` / `send_private_msg` to `.await`: a post without a file,
/// or with two, does not compile.
///
/// ```no_run
/// use ncat_api::Media;
/// use ncat_api::segment::File;
///
/// # async fn demo(client: ncat_api::Client) -> Result<(), ncat_api::Error> {
/// client.post_group_file(123456).image(Media::path("/data/cat.png")).await?;
/// client.post_private_file(10001).record("https://example.com/hello.mp3").await?;
/// client
///     .post_group_file(123456)
///     .file(File::new(Media::url("https://example.com/r.pdf")).name("report.pdf"))
///     .await?;
/// # Ok(()) }
/// ```
#[must_use = "a PostFile sends nothing: give it its file (`.image`, `.record`, `.video`, `.file` or `.markdown`) and `.await` that"]
pub struct PostFile<C: Chat> {
    client: Client,
    chat: C,
}

impl<C: Chat> PostFile<C> {
    fn post(self, segment: Segment) -> Call<C::Request> {
        Call::new(self.client, self.chat.request(Message::from(segment)))
    }

    /// ncatbot's `image`: sends an image (a source string, a
    /// [`Media`](crate::Media) or an [`Image`]).
    pub fn image(self, image: impl Into<Image>) -> Call<C::Request> {
        self.post(Segment::image(image))
    }

    /// ncatbot's `record`: sends a voice message, which NapCat transcodes.
    pub fn record(self, record: impl Into<Record>) -> Call<C::Request> {
        self.post(Segment::record(record))
    }

    /// ncatbot's `video`: sends a video (a source or a [`Video`]).
    pub fn video(self, video: impl Into<Video>) -> Call<C::Request> {
        self.post(Segment::video(video))
    }

    /// ncatbot's `file`: sends a file (a source or a [`File`] with the name
    /// recipients see).
    pub fn file(self, file: impl Into<File>) -> Call<C::Request> {
        self.post(Segment::file(file))
    }

    /// ncatbot's `markdown`: sends Markdown as NapCat's `markdown` segment.
    ///
    /// ncatbot takes the path of a Markdown file on the bot's machine and
    /// sends it rendered as an image; this takes the Markdown itself and
    /// leaves rendering to NapCat (which documents that a `markdown`
    /// segment only shows inside forwarded nodes).
    pub fn markdown(self, content: impl Into<String>) -> Call<C::Request> {
        self.post(Segment::markdown(content))
    }
}

impl<C: Chat + fmt::Debug> fmt::Debug for PostFile<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PostFile")
            .field("action", &<C::Request as Action>::NAME)
            .field("chat", &self.chat)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// ncatbot's `post_group_file(group_id, image=…|record=…|video=…|file=…|markdown=…)`:
    /// sends one image, voice message, video, file or Markdown to a group.
    ///
    /// Give the file with one method of the returned [`PostFile`]; it
    /// returns the `send_group_msg` [`Call`] to `.await`.
    ///
    /// ```no_run
    /// # async fn demo(client: ncat_api::Client) -> Result<(), ncat_api::Error> {
    /// client.post_group_file(123456).video("https://example.com/a.mp4").await?;
    /// # Ok(()) }
    /// ```
    pub fn post_group_file(&self, group_id: impl crate::IntoGroupId) -> PostFile<GroupId> {
        PostFile {
            client: self.clone(),
            chat: group_id.into_group_id(),
        }
    }

    /// ncatbot's `post_private_file(user_id, image=…|record=…|video=…|file=…|markdown=…)`:
    /// sends one image, voice message, video, file or Markdown to a user.
    ///
    /// As [`post_group_file`](Self::post_group_file), with NapCat's
    /// `send_private_msg`.
    ///
    /// ```no_run
    /// # async fn demo(client: ncat_api::Client) -> Result<(), ncat_api::Error> {
    /// client.post_private_file(10001).image("https://example.com/a.png").await?;
    /// # Ok(()) }
    /// ```
    pub fn post_private_file(&self, user_id: impl crate::IntoUserId) -> PostFile<UserId> {
        PostFile {
            client: self.clone(),
            chat: user_id.into_user_id(),
        }
    }
}
