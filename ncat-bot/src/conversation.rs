//! [`Conversation`]: wait, inside a handler, for the next message of the
//! same user (or of anyone in the same chat).

use std::future::IntoFuture;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use ncat_api::event::MessageEvent;
use ncat_api::{Client, Error, GroupId, Message, UserId};
use tokio::sync::oneshot;

use crate::context::EventContext;
use crate::extract::{FromEvent, Rejection};
use crate::shared::Shared;
use crate::waiters::{Accept, Waiter, Waiters};

/// How long a wait lasts unless [`Wait::timeout`] says otherwise.
pub const DEFAULT_WAIT: Duration = Duration::from_secs(60);

/// A test of what a wait takes, on the value it hands back.
type Predicate<T> = Box<dyn Fn(&T) -> bool + Send + Sync>;

/// The chat of the message being handled, to wait for what is said next.
///
/// ```
/// use std::time::Duration;
/// use ncat_bot::{Conversation, Cmd, Command};
///
/// /// Asks for a name.
/// #[derive(Command)]
/// struct Register;
///
/// async fn register(_: Cmd<Register>, conversation: Conversation) -> Result<(), ncat_api::Error> {
///     conversation.send("What is your name?").await?;
///     match conversation.next_text().timeout(Duration::from_secs(30)).await {
///         Some(name) => conversation.send(format!("Hello, {name}!")).await,
///         None => conversation.send("Too slow.").await,
///     }
/// }
/// ```
#[derive(Debug, Clone)]
pub struct Conversation {
    cx: Arc<Shared>,
    client: Client,
    self_id: UserId,
    group: Option<GroupId>,
    user: UserId,
}

impl<S> FromEvent<S> for Conversation {
    fn fits(cx: &EventContext, _: &S) -> bool {
        cx.message().is_some()
    }

    fn from_event(cx: &EventContext, _: &S) -> Result<Self, Rejection> {
        let message = cx.message().ok_or(Rejection::Skip)?;
        Ok(Conversation {
            cx: Arc::clone(cx.shared()),
            client: cx.client().clone(),
            self_id: message.self_id(),
            group: message.group_id(),
            user: message.user_id(),
        })
    }
}

impl Conversation {
    /// The sender's next message in this chat.
    pub fn next_message(&self) -> Wait<'_, MessageEvent> {
        Wait::new(self, MessageEvent::clone)
    }

    /// The text of the sender's next message in this chat.
    pub fn next_text(&self) -> Wait<'_, String> {
        Wait::new(self, |message| message.message().plain_text())
    }

    /// Sends `message` to this chat (the group, or the private chat).
    pub async fn send(&self, message: impl Into<Message>) -> Result<(), Error> {
        match self.group {
            Some(group) => self
                .client
                .send_group_msg(group, message.into())
                .await
                .map(drop),
            None => self
                .client
                .send_private_msg(self.user, message.into())
                .await
                .map(drop),
        }
    }

    /// The user the conversation is with.
    pub fn user_id(&self) -> UserId {
        self.user
    }

    /// The group it happens in; `None` in a private chat.
    pub fn group_id(&self) -> Option<GroupId> {
        self.group
    }
}

/// A wait for the next message; `.await` it for `Some(value)`, or `None`
/// when the timeout passes or the bot shuts down first.
#[must_use = "a Wait does nothing until awaited"]
pub struct Wait<'a, T> {
    conversation: &'a Conversation,
    timeout: Duration,
    anyone: bool,
    project: fn(&MessageEvent) -> T,
    accept: Option<Predicate<T>>,
}

impl<T> std::fmt::Debug for Wait<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Wait")
            .field("timeout", &self.timeout)
            .field("anyone", &self.anyone)
            .finish_non_exhaustive()
    }
}

impl<'a, T: Send + 'static> Wait<'a, T> {
    fn new(conversation: &'a Conversation, project: fn(&MessageEvent) -> T) -> Self {
        Wait {
            conversation,
            timeout: DEFAULT_WAIT,
            anyone: false,
            project,
            accept: None,
        }
    }

    /// Gives up after `timeout` on the bot's clock (default one minute).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Takes only a message for which `accept` is true; others are routed
    /// as usual.
    pub fn matching(mut self, accept: impl Fn(&T) -> bool + Send + Sync + 'static) -> Self {
        self.accept = Some(Box::new(accept));
        self
    }

    /// Takes the next message of anyone in the chat, not only the sender's
    /// (a quiz: the first right answer).
    pub fn from_anyone(mut self) -> Self {
        self.anyone = true;
        self
    }
}

impl<'a, T: Send + 'static> IntoFuture for Wait<'a, T> {
    type Output = Option<T>;
    type IntoFuture = Pin<Box<dyn Future<Output = Option<T>> + Send + 'a>>;

    fn into_future(self) -> Self::IntoFuture {
        let conversation = self.conversation;
        let shared = &conversation.cx;
        let clock = shared.clock.clone();
        let deadline = clock.elapsed() + self.timeout;
        let project = self.project;
        let (deliver, delivered) = oneshot::channel();
        let accept = self
            .accept
            .map(|accept| -> Accept { Box::new(move |message| accept(&project(message))) });
        let waiters = Arc::clone(&shared.runtime.waiters);
        let id = waiters.add(|id| Waiter {
            id,
            self_id: conversation.self_id,
            group: conversation.group,
            user: (!self.anyone).then_some(conversation.user),
            chat_user: conversation.user,
            accept,
            deadline,
            deliver,
        });
        let shutdown = shared.runtime.shutdown.clone();
        Box::pin(async move {
            let _remove = RemoveOnDrop { waiters, id };
            tokio::select! {
                message = delivered => message.ok().map(|message| project(&message)),
                () = clock.sleep_until(deadline) => None,
                () = shutdown.cancelled() => None,
            }
        })
    }
}

/// Takes a wait off the list when it ends, however it ends.
struct RemoveOnDrop {
    waiters: Arc<Waiters>,
    id: u64,
}

impl Drop for RemoveOnDrop {
    fn drop(&mut self) {
        self.waiters.remove(self.id);
    }
}
