//! [`EventContext`]: one event being routed, and what extractors read.

use std::sync::{Arc, OnceLock};

use ncat_api::event::{Event, MessageEvent, NoticeEvent, RequestEvent};
use ncat_api::{Client, GroupId, UserId};

use crate::command::{Args, Head, Prefix, find_head};
use crate::key::{Key, Per};
use crate::shared::Shared;

/// An event as it arrives at the router: what happened, and the client of
/// the account it happened to (answer through it).
#[derive(Debug, Clone)]
pub struct Incoming {
    /// The event.
    pub event: Event,
    /// The client of the account that received it.
    pub client: Client,
}

impl Incoming {
    /// An event and the client to answer it through.
    pub fn new(event: Event, client: Client) -> Self {
        Incoming { event, client }
    }
}

/// One event being routed: what [extractors](crate::FromEvent) read.
#[derive(Debug)]
pub struct EventContext {
    event: Event,
    client: Client,
    shared: Arc<Shared>,
    /// Where the command is, found on first use and shared by every route.
    head: OnceLock<Option<Head>>,
}

impl EventContext {
    pub(crate) fn new(incoming: Incoming, shared: Arc<Shared>) -> Self {
        EventContext {
            event: incoming.event,
            client: incoming.client,
            shared,
            head: OnceLock::new(),
        }
    }

    /// The event.
    pub fn event(&self) -> &Event {
        &self.event
    }

    /// The client of the account that received the event.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// The message, for message events.
    pub fn message(&self) -> Option<&MessageEvent> {
        match &self.event {
            Event::Message(message) => Some(message),
            _ => None,
        }
    }

    /// Who the event is from: the sender of a message, the member a group
    /// notice is about, the requester of a request.
    pub fn user_id(&self) -> Option<UserId> {
        Some(match &self.event {
            Event::Message(message) => message.user_id(),
            Event::Notice(notice) => match notice {
                NoticeEvent::GroupIncrease(notice) => notice.user_id,
                NoticeEvent::GroupDecrease(notice) => notice.user_id,
                NoticeEvent::GroupBan(notice) => notice.user_id,
                NoticeEvent::GroupAdmin(notice) => notice.user_id,
                NoticeEvent::GroupUpload(notice) => notice.user_id,
                NoticeEvent::GroupRecall(notice) => notice.user_id,
                NoticeEvent::FriendAdd(notice) => notice.user_id,
                NoticeEvent::FriendRecall(notice) => notice.user_id,
                _ => return None,
            },
            Event::Request(RequestEvent::Friend(request)) => request.user_id,
            Event::Request(RequestEvent::Group(request)) => request.user_id,
            _ => return None,
        })
    }

    /// The group the event happened in, if any.
    pub fn group_id(&self) -> Option<GroupId> {
        match &self.event {
            Event::Message(message) => message.group_id(),
            Event::Notice(notice) => match notice {
                NoticeEvent::GroupIncrease(notice) => Some(notice.group_id),
                NoticeEvent::GroupDecrease(notice) => Some(notice.group_id),
                NoticeEvent::GroupBan(notice) => Some(notice.group_id),
                NoticeEvent::GroupAdmin(notice) => Some(notice.group_id),
                NoticeEvent::GroupUpload(notice) => Some(notice.group_id),
                NoticeEvent::GroupRecall(notice) => Some(notice.group_id),
                _ => None,
            },
            Event::Request(RequestEvent::Group(request)) => Some(request.group_id),
            _ => None,
        }
    }

    /// Whether the sender is one of the router's
    /// [owners](crate::Router::owners).
    pub fn from_owner(&self) -> bool {
        self.user_id()
            .is_some_and(|user| self.shared.owners.contains(&user))
    }

    /// The key the event counts against, kept `per` user, chat or bot;
    /// `None` when the event has no such owner (a meta event counted per
    /// user).
    pub(crate) fn key(&self, per: Per) -> Option<Key> {
        match per {
            Per::User => self.user_id().map(|user| Key::User(user.get())),
            Per::Chat => match self.group_id() {
                Some(group) => Some(Key::Group(group.get())),
                None => self.user_id().map(|user| Key::User(user.get())),
            },
            Per::Global => Some(Key::Global),
        }
    }

    pub(crate) fn shared(&self) -> &Arc<Shared> {
        &self.shared
    }

    fn head(&self) -> Option<(Head, &MessageEvent)> {
        let message = self.message()?;
        let head = self
            .head
            .get_or_init(|| find_head(message.message(), &self.shared.prefixes, message.self_id()));
        head.map(|head| (head, message))
    }

    /// The command's name, if the message is a command (starts with a
    /// prefix and a word).
    pub fn command_name(&self) -> Option<&str> {
        self.head()
            .map(|(head, message)| head.name(message.message()))
    }

    /// The command's arguments, if the message is a command.
    pub fn command_args(&self) -> Option<Args<'_>> {
        self.head()
            .map(|(head, message)| head.args(message.message()))
    }

    /// The prefix the command was written with, for usage lines.
    pub(crate) fn command_prefix(&self) -> &str {
        match self.head() {
            Some((head, _)) => head.prefix_shown(&self.shared.prefixes),
            None => self
                .shared
                .prefixes
                .first()
                .map_or("", |prefix| match prefix {
                    Prefix::Text(text) => text.as_str(),
                    Prefix::Mention => "@bot ",
                }),
        }
    }
}
