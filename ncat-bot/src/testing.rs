//! A test harness: drive a bot with made-up events and check the calls and
//! replies it made.
//!
//! [`TestBot`] runs a [`Router`] against an in-process mock NapCat
//! ([`ncat_mock::MockNapCat`] on `127.0.0.1`): handlers' calls go over a
//! real WebSocket to the mock, which records them. Events are handed to
//! the router directly, and each `send` returns once the bot is idle
//! again (every event handled, or waiting in a conversation), with the
//! calls made meanwhile.
//!
//! ```
//! use ncat_api::{Client, UserId, actions::SetGroupBanRequest, event::GroupMessage};
//! use ncat_bot::{Cmd, Command, Router, testing::TestBot};
//!
//! /// Mutes a member.
//! #[derive(Command)]
//! struct Mute { user: UserId, seconds: u32 }
//!
//! async fn mute(Cmd(mute): Cmd<Mute>, message: GroupMessage, client: Client) -> Result<(), ncat_api::Error> {
//!     client.set_group_ban(message.group_id, mute.user).duration(mute.seconds).await?;
//!     message.reply(&client, "done").await?;
//!     Ok(())
//! }
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! let test = TestBot::start(Router::new().on(mute)).await;
//! let sent = test.group(123).user(7).send("/mute @9 60").await;
//! let mut expected = SetGroupBanRequest::new(123, 9);
//! expected.duration = Some(60);
//! sent.assert_called(&expected);
//! assert_eq!(sent.replies(), ["done"]);
//!
//! let sent = test.group(123).user(7).send("/mute @9 soon").await;
//! assert_eq!(sent.replies(), ["expected number for <seconds>, got `soon`\nusage: /mute <user: @user> <seconds: number>"]);
//! # }
//! ```
//!
//! Cooldowns and conversation timeouts run on the harness's own clock,
//! which moves only with [`TestBot::advance`]. (Tokio's paused clock
//! cannot be used: while a call waits on the mock's socket the runtime is
//! idle, and a paused clock would jump ahead and time the call out.)
//!
//! The harness panics, like `assert!`, when something is wrong: the mock
//! cannot start, or the bot does not become idle within ten seconds.

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

use ncat_api::event::{Event, Role};
use ncat_api::{Action, Client, GroupId, ReceivedMessage, UserId};
use ncat_mock::{MockNapCat, MockReply, RecordedRequest};
use serde_json::{Value, json};
use tower::Service;

use crate::clock::{BotClock, ManualClock};
use crate::context::Incoming;
use crate::router::{Dispatched, Router};

/// How long the bot may take to become idle before the harness gives up.
const SETTLE_LIMIT: Duration = Duration::from_secs(10);

/// The actions that send messages, whose `message` is a reply.
const SEND_ACTIONS: [&str; 3] = ["send_group_msg", "send_private_msg", "send_msg"];

/// A bot under test; see the [module docs](self).
#[derive(Debug)]
pub struct TestBot {
    mock: MockNapCat,
    client: Client,
    router: Router,
    clock: ManualClock,
    self_id: UserId,
    next_message_id: AtomicI64,
}

impl TestBot {
    /// Starts a mock NapCat (bot account 10001) and connects `router` to it.
    ///
    /// # Panics
    /// If the mock cannot listen on `127.0.0.1` or the client cannot be built.
    pub async fn start(router: Router) -> TestBot {
        let mock = match MockNapCat::start().await {
            Ok(mock) => mock,
            Err(error) => panic!("the mock NapCat could not start: {error}"),
        };
        // Until the mock answers every action with a typed default, the
        // send actions need a `message_id` to decode.
        for action in SEND_ACTIONS {
            mock.on(action, MockReply::ok(json!({ "message_id": 1 })));
        }
        let client = match Client::builder().url(mock.ws_url()).build() {
            Ok(client) => client,
            Err(error) => panic!("no client for the mock NapCat: {error}"),
        };
        let clock = ManualClock::default();
        let router = router.clock(BotClock::Manual(clock.clone()));
        TestBot {
            mock,
            client,
            router,
            clock,
            self_id: UserId::new(10001),
            next_message_id: AtomicI64::new(1),
        }
    }

    /// The mock NapCat: script replies ([`MockNapCat::on`]), read requests.
    pub fn mock(&self) -> &MockNapCat {
        &self.mock
    }

    /// The client handlers get.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// The router under test (e.g. its [`plugins`](Router::plugins)).
    pub fn router(&self) -> &Router {
        &self.router
    }

    /// The bot account events are sent to.
    pub fn self_id(&self) -> UserId {
        self.self_id
    }

    /// Messages in group `group` (from user 1 unless [`Chat::user`] says
    /// otherwise).
    pub fn group(&self, group: impl Into<GroupId>) -> Chat<'_> {
        Chat {
            test: self,
            group: Some(group.into()),
            user: UserId::new(1),
            role: Role::Member,
        }
    }

    /// Private messages from `user`.
    pub fn private(&self, user: impl Into<UserId>) -> Chat<'_> {
        Chat {
            test: self,
            group: None,
            user: user.into(),
            role: Role::Member,
        }
    }

    /// Routes any event, given as NapCat's JSON (`self_id` and `time` are
    /// filled in when missing), and returns once the bot is idle.
    pub async fn event(&self, mut event: Value) -> Sent {
        if let Some(object) = event.as_object_mut() {
            object.entry("self_id").or_insert(json!(self.self_id.get()));
            object.entry("time").or_insert(json!(1_700_000_000));
        }
        self.route(Event::from_value(event)).await
    }

    /// Routes `event` and waits until the bot is idle.
    pub async fn route(&self, event: Event) -> Sent {
        let before = self.mock.requests().len();
        // Called here, not in the task: the event counts as routing from
        // now on, so `settle` cannot find the bot idle before it started.
        // (A router is always ready.)
        let routed = self
            .router
            .clone()
            .call(Incoming::new(event, self.client.clone()));
        let handle = self.router.shared().runtime.tasks.spawn(routed);
        self.settle().await;
        let dispatched = if handle.is_finished() {
            match handle.await {
                Ok(Ok(dispatched)) => Some(dispatched),
                Ok(Err(never)) => match never {},
                Err(error) => panic!("routing the event failed: {error}"),
            }
        } else {
            None
        };
        Sent {
            requests: self.mock.requests().split_off(before),
            dispatched,
        }
    }

    /// Moves the bot's clock forward (cooldowns, conversation timeouts) and
    /// waits until the bot is idle; returns the calls made meanwhile.
    pub async fn advance(&self, by: Duration) -> Sent {
        let before = self.mock.requests().len();
        self.clock.advance(by);
        self.router
            .shared()
            .runtime
            .waiters
            .expire(self.clock.elapsed());
        self.settle().await;
        Sent {
            requests: self.mock.requests().split_off(before),
            dispatched: None,
        }
    }

    /// Waits until every event is handled or waits in a conversation.
    ///
    /// # Panics
    /// If that takes more than ten seconds.
    pub async fn settle(&self) {
        let mut activity = self.router.shared().runtime.activity.subscribe();
        let idle = activity.wait_for(|activity| activity.running <= activity.waiting);
        match tokio::time::timeout(SETTLE_LIMIT, idle).await {
            Ok(Ok(_)) => {}
            Ok(Err(_)) => panic!("the router was dropped while the harness waited"),
            Err(_) => {
                let activity = *self.router.shared().runtime.activity.borrow();
                panic!(
                    "the bot did not become idle within {SETTLE_LIMIT:?}: {} events routing, \
                     {} handlers waiting in a conversation (a handler is stuck?)",
                    activity.running, activity.waiting
                )
            }
        }
    }

    /// Every request the bot made since it started.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.mock.requests()
    }

    fn message_id(&self) -> i64 {
        self.next_message_id.fetch_add(1, Ordering::Relaxed)
    }
}

/// A chat to send test messages in; from [`TestBot::group`] or
/// [`TestBot::private`].
#[derive(Debug, Clone, Copy)]
pub struct Chat<'a> {
    test: &'a TestBot,
    group: Option<GroupId>,
    user: UserId,
    role: Role,
}

impl<'a> Chat<'a> {
    /// Messages come from `user`.
    #[must_use]
    pub fn user(mut self, user: impl Into<UserId>) -> Self {
        self.user = user.into();
        self
    }

    /// The sender's role in the group (default member).
    #[must_use]
    pub fn role(mut self, role: Role) -> Self {
        self.role = role;
        self
    }

    /// The sender is a group admin.
    #[must_use]
    pub fn admin(self) -> Self {
        self.role(Role::Admin)
    }

    /// Sends `text` as the user: `@<QQ number>` (and `@all`) at the start
    /// of a word becomes a mention segment and CQ codes become segments,
    /// so `"/mute @9 60"` arrives as QQ sends it: text, mention, text.
    pub async fn send(self, text: &str) -> Sent {
        let segments = segments(text);
        self.send_segments(segments, text).await
    }

    /// Sends a message given as NapCat's segment array.
    pub async fn send_segments(self, segments: Value, raw_message: &str) -> Sent {
        let test = self.test;
        let role = match self.role {
            Role::Owner => "owner",
            Role::Admin => "admin",
            _ => "member",
        };
        let mut event = json!({
            "time": 1_700_000_000,
            "self_id": test.self_id.get(),
            "post_type": "message",
            "message_id": test.message_id(),
            "user_id": self.user.get(),
            "message": segments,
            "raw_message": raw_message,
            "font": 0,
            "sender": { "user_id": self.user.get(), "nickname": format!("user{}", self.user), "card": "" },
        });
        match self.group {
            Some(group) => {
                event["message_type"] = json!("group");
                event["sub_type"] = json!("normal");
                event["group_id"] = json!(group.get());
                event["sender"]["role"] = json!(role);
            }
            None => {
                event["message_type"] = json!("private");
                event["sub_type"] = json!("friend");
                event["target_id"] = json!(test.self_id.get());
            }
        }
        let event = Event::from_value(event);
        if let Event::Unknown(raw) = &event {
            panic!("the harness made a message event ncat cannot read: {raw}");
        }
        test.route(event).await
    }

    /// The user joins the group (a `group_increase` notice).
    pub async fn joins(self) -> Sent {
        let Some(group) = self.group else {
            panic!("`joins` needs a group chat: test.group(…).user(…).joins()");
        };
        self.test
            .event(json!({
                "post_type": "notice",
                "notice_type": "group_increase",
                "sub_type": "approve",
                "group_id": group.get(),
                "user_id": self.user.get(),
                "operator_id": 0,
            }))
            .await
    }
}

/// `text` as a segment array: CQ codes read, `@123` and `@all` at the start
/// of a word made mentions.
fn segments(text: &str) -> Value {
    let received = ReceivedMessage::from_cq(text);
    let mut segments = Vec::new();
    for segment in serde_json::to_value(&received)
        .ok()
        .and_then(|value| value.as_array().cloned())
        .unwrap_or_default()
    {
        match segment["data"]["text"].as_str() {
            Some(text) if segment["type"] == "text" => split_mentions(text, &mut segments),
            _ => segments.push(segment),
        }
    }
    Value::Array(segments)
}

fn split_mentions(text: &str, segments: &mut Vec<Value>) {
    let mut plain = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('@') {
        let (before, after) = rest.split_at(at);
        plain.push_str(before);
        let after = &after[1..];
        let starts_word = plain.is_empty() || plain.ends_with(char::is_whitespace);
        let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let target = if after.starts_with("all") {
            Some(("all", 3))
        } else if digits > 0 {
            Some((&after[..digits], digits))
        } else {
            None
        };
        match target {
            Some((target, len)) if starts_word => {
                if !plain.is_empty() {
                    segments.push(json!({"type": "text", "data": {"text": plain}}));
                    plain = String::new();
                }
                segments.push(json!({"type": "at", "data": {"qq": target}}));
                rest = &after[len..];
            }
            _ => {
                plain.push('@');
                rest = after;
            }
        }
    }
    plain.push_str(rest);
    if !plain.is_empty() {
        segments.push(json!({"type": "text", "data": {"text": plain}}));
    }
}

/// What the bot did for one event (or one clock advance): the requests it
/// made to NapCat.
#[derive(Debug, Clone)]
pub struct Sent {
    requests: Vec<RecordedRequest>,
    dispatched: Option<Dispatched>,
}

impl Sent {
    /// Every request, in order.
    pub fn requests(&self) -> &[RecordedRequest] {
        &self.requests
    }

    /// What routing did; `None` while a handler still waits in a
    /// conversation.
    pub fn dispatched(&self) -> Option<Dispatched> {
        self.dispatched
    }

    /// The parameters of every call of `action`, in order.
    pub fn calls(&self, action: &str) -> Vec<Value> {
        self.requests
            .iter()
            .filter(|request| request.action == action)
            .map(|request| request.params.clone())
            .collect()
    }

    /// Whether the bot called `A` with exactly these parameters.
    pub fn called<A: Action>(&self, expected: &A) -> bool {
        let expected = serde_json::to_value(expected).unwrap_or(Value::Null);
        self.calls(A::NAME).contains(&expected)
    }

    /// Panics unless the bot called `A` with exactly these parameters,
    /// listing the calls it made.
    #[track_caller]
    pub fn assert_called<A: Action>(&self, expected: &A) {
        if !self.called(expected) {
            let expected = serde_json::to_value(expected).unwrap_or(Value::Null);
            let made: Vec<String> = self
                .requests
                .iter()
                .map(|request| format!("{} {}", request.action, request.params))
                .collect();
            panic!(
                "expected a call of {} with {expected}; the bot made:\n{}",
                A::NAME,
                made.join("\n")
            );
        }
    }

    /// The text of every message the bot sent, in order (quotes and other
    /// non-text segments left out).
    pub fn replies(&self) -> Vec<String> {
        self.requests
            .iter()
            .filter(|request| SEND_ACTIONS.contains(&request.action.as_str()))
            .map(|request| message_text(&request.params["message"]))
            .collect()
    }
}

/// The text of a sent message (a segment array or a plain string).
fn message_text(message: &Value) -> String {
    match message {
        Value::String(text) => text.clone(),
        Value::Array(segments) => segments
            .iter()
            .filter(|segment| segment["type"] == "text")
            .filter_map(|segment| segment["data"]["text"].as_str())
            .collect(),
        _ => String::new(),
    }
}
