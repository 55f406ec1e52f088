//! Quick operations as a typed builder: NapCat's answer to a message or a
//! request, carried out by NapCat on the event's behalf.

use serde_json::{Map, Value};

use super::Event;
use super::{FriendRequest, GroupRequest, RequestEvent};
use super::{GroupMessage, MessageEvent, PrivateMessage};
use crate::Call;
use crate::actions::HandleQuickOperationRequest;
use crate::client::Client;
use crate::message::Message;

/// A quick operation on one event: a reply to a message, an answer to a
/// friend or group request. Made by `quick()` on the event, sent with
/// [`send`](Self::send):
///
/// ```no_run
/// use ncat_api::event::{Event, MessageEvent, RequestEvent};
///
/// # async fn demo(client: ncat_api::Client, event: Event) -> Result<(), ncat_api::Error> {
/// match &event {
///     Event::Message(MessageEvent::Group(message)) => {
///         message.quick().reply("pong").at_sender(false).send(&client).await?;
///     }
///     Event::Request(RequestEvent::Friend(request)) => {
///         request.quick().approve(true).send(&client).await?;
///     }
///     _ => {}
/// }
/// # Ok(()) }
/// ```
///
/// Over WebSocket and NapCat's HTTP API this is the `.handle_quick_operation`
/// action. For an event from the [HTTP POST receiver](crate::post), it is
/// NapCat's own way: the answer goes back in the HTTP response to NapCat's
/// post of the event, without a call, while NapCat still waits for it (see
/// [`PostServerBuilder::quick_deadline`](crate::post::PostServerBuilder::quick_deadline));
/// later it falls back to the action.
///
/// NapCat (v4.18) carries out `reply` (with `at_sender` and `auto_escape`)
/// for messages and `approve` (with `reason`, for groups) for requests; it
/// ignores the other quick operations of OneBot 11 (`delete`, `kick`,
/// `ban`), so they are not offered here: use the actions
/// (`delete_msg`, `set_group_kick`, `set_group_ban`).
#[derive(Debug, Clone, PartialEq)]
#[must_use = "a quick operation does nothing until `.send(&client)` is awaited"]
pub struct QuickOperation {
    context: Value,
    operation: Map<String, Value>,
}

impl QuickOperation {
    fn on(context: Value) -> Self {
        QuickOperation {
            context,
            operation: Map::new(),
        }
    }

    fn set(mut self, key: &str, value: impl Into<Value>) -> Self {
        self.operation.insert(key.to_owned(), value.into());
        self
    }

    /// Sends `message` to the chat the message came from; in a group,
    /// NapCat quotes the message.
    pub fn reply(self, message: impl Into<Message>) -> Self {
        // Cannot fail: a message is an array of objects with string keys.
        let message = serde_json::to_value(message.into()).unwrap_or(Value::Null);
        self.set("reply", message)
    }

    /// In a group, whether the reply also mentions the sender (NapCat's
    /// default: no).
    pub fn at_sender(self, at_sender: bool) -> Self {
        self.set("at_sender", at_sender)
    }

    /// Whether a reply given as text is sent as is, CQ codes and all,
    /// rather than read as CQ codes.
    pub fn auto_escape(self, auto_escape: bool) -> Self {
        self.set("auto_escape", auto_escape)
    }

    /// Accepts (`true`) or declines (`false`) the request.
    pub fn approve(self, approve: bool) -> Self {
        self.set("approve", approve)
    }

    /// Why a group request is declined, shown to the applicant.
    pub fn reason(self, reason: impl Into<String>) -> Self {
        self.set("reason", reason.into())
    }

    /// The event, as NapCat reads it back (`context`).
    pub fn context(&self) -> &Value {
        &self.context
    }

    /// The operation's JSON, as NapCat gets it (`operation`, or the body
    /// of the HTTP POST receiver's response).
    pub fn operation(&self) -> &Map<String, Value> {
        &self.operation
    }

    /// Sends the operation; `.await` the returned call.
    pub fn send(self, client: &Client) -> Call<HandleQuickOperationRequest> {
        client.handle_quick_operation(self.context, Value::Object(self.operation))
    }
}

impl MessageEvent {
    /// A quick operation on this message (a reply).
    pub fn quick(&self) -> QuickOperation {
        QuickOperation::on(self.context())
    }
}

impl GroupMessage {
    /// A quick operation on this message (a reply).
    pub fn quick(&self) -> QuickOperation {
        QuickOperation::on(self.context())
    }
}

impl PrivateMessage {
    /// A quick operation on this message (a reply).
    pub fn quick(&self) -> QuickOperation {
        QuickOperation::on(self.context())
    }
}

impl RequestEvent {
    /// A quick operation on this request (an approval or a refusal).
    pub fn quick(&self) -> QuickOperation {
        match self {
            RequestEvent::Friend(request) => request.quick(),
            RequestEvent::Group(request) => request.quick(),
        }
    }
}

impl FriendRequest {
    /// A quick operation on this request (an approval or a refusal).
    pub fn quick(&self) -> QuickOperation {
        QuickOperation::on(self.context())
    }
}

impl GroupRequest {
    /// A quick operation on this request (an approval or a refusal).
    pub fn quick(&self) -> QuickOperation {
        QuickOperation::on(self.context())
    }
}

impl Event {
    /// A quick operation on this event: `Some` for messages and requests,
    /// the events NapCat answers quick operations for.
    pub fn quick(&self) -> Option<QuickOperation> {
        match self {
            Event::Message(message) => Some(message.quick()),
            Event::Request(request) => Some(request.quick()),
            _ => None,
        }
    }
}
