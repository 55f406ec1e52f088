//! Quick operations through the HTTP response: NapCat's post of a message
//! or request waits (up to a deadline) for the bot's answer, which the
//! account's client hands over instead of calling `.handle_quick_operation`.

use std::collections::HashMap;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use serde::Deserialize;
use serde_json::Value;
use serde_json::value::RawValue;
use tokio::sync::oneshot;

use crate::error::Error;
use crate::transport::http::HttpTransport;
use crate::transport::{BoxFuture, Transport, TransportReply, TransportRequest};

/// The action a quick operation is, when it is not answered in a response.
const QUICK_OPERATION: &str = ".handle_quick_operation";

/// What NapCat gets back when a quick operation went into a response: the
/// action succeeded, with no data (as NapCat answers the action).
const ANSWERED: &str = r#"{"status":"ok","retcode":0,"message":"","wording":"","echo":null}"#;

/// What a waiting response learns.
pub(super) enum Answer {
    /// The operation's JSON object, for the response body.
    Operation(String),
    /// Nobody will answer: every stream moved past the event.
    Unanswered,
}

/// Which event a quick operation is for: `m<message_id>` or `r<flag>`.
type Key = String;

/// The posts of one account waiting for an answer.
#[derive(Default)]
pub(super) struct QuickSlots {
    open: Mutex<HashMap<Key, (u64, oneshot::Sender<Answer>)>>,
    next_id: AtomicU64,
}

impl QuickSlots {
    /// Opens a slot for `event` if NapCat would carry out a quick operation
    /// on it (a message or a request): the ticket to keep alive while the
    /// event is unread or handled, and where the answer arrives.
    pub(super) fn open(self: &Arc<Self>, event: &Value) -> Option<(Arc<Ticket>, Waiting)> {
        let key = key_of(event)?;
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let (sender, receiver) = oneshot::channel();
        self.lock().insert(key.clone(), (id, sender));
        let ticket = Arc::new(Ticket {
            slots: Arc::clone(self),
            key: key.clone(),
            id,
        });
        let waiting = Waiting {
            slots: Arc::clone(self),
            key,
            id,
            answer: receiver,
        };
        Some((ticket, waiting))
    }

    /// Hands `operation` to the response waiting for `context`'s event;
    /// `false` if none waits (not posted here, or answered, released or
    /// past its deadline).
    fn answer(&self, context: &Value, operation: &RawValue) -> bool {
        let Some(key) = key_of(context) else {
            return false;
        };
        let Some((_, sender)) = self.lock().remove(&key) else {
            return false;
        };
        sender
            .send(Answer::Operation(operation.get().to_owned()))
            .is_ok()
    }

    /// Forgets the slot `id` of `key`, if it is still open.
    fn close(&self, key: &str, id: u64) -> Option<oneshot::Sender<Answer>> {
        let mut open = self.lock();
        match open.get(key) {
            Some((open_id, _)) if *open_id == id => open.remove(key).map(|(_, sender)| sender),
            _ => None,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Key, (u64, oneshot::Sender<Answer>)>> {
        self.open.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Kept alive by the event streams while an event is unread or handled;
/// dropping it tells the waiting response nobody will answer.
pub(super) struct Ticket {
    slots: Arc<QuickSlots>,
    key: Key,
    id: u64,
}

/// The response's end of a slot: the answer arrives here; dropping it
/// (the response is done) closes the slot.
pub(super) struct Waiting {
    slots: Arc<QuickSlots>,
    key: Key,
    id: u64,
    pub(super) answer: oneshot::Receiver<Answer>,
}

impl Drop for Waiting {
    fn drop(&mut self) {
        self.slots.close(&self.key, self.id);
    }
}

impl Drop for Ticket {
    fn drop(&mut self) {
        if let Some(sender) = self.slots.close(&self.key, self.id) {
            // The response may be gone already (deadline): nothing to tell.
            let _ = sender.send(Answer::Unanswered);
        }
    }
}

/// The key of a message (`message_id`) or request (`flag`) event or
/// context; `None` for other events.
fn key_of(event: &Value) -> Option<Key> {
    let text = |value: &Value| match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    };
    match event.get("post_type")?.as_str()? {
        "message" => Some(format!("m{}", text(event.get("message_id")?)?)),
        "request" => Some(format!("r{}", text(event.get("flag")?)?)),
        _ => None,
    }
}

/// The parameters of `.handle_quick_operation`.
#[derive(Deserialize)]
struct QuickParams<'a> {
    context: Value,
    #[serde(borrow)]
    operation: &'a RawValue,
}

/// The transport of one account's client: quick operations go into the
/// waiting response when there is one; every call goes to NapCat's HTTP
/// API, when the receiver was given its URL.
pub(super) struct PostTransport {
    pub(super) quick: Arc<QuickSlots>,
    pub(super) api: Option<HttpTransport>,
}

impl PostTransport {
    /// Answers `request` through a waiting response, if it is a quick
    /// operation one waits for.
    fn answered(&self, request: &TransportRequest) -> bool {
        if request.action != QUICK_OPERATION {
            return false;
        }
        serde_json::from_str::<QuickParams<'_>>(request.params.get())
            .is_ok_and(|params| self.quick.answer(&params.context, params.operation))
    }
}

impl Transport for PostTransport {
    fn send(&self, request: TransportRequest) -> BoxFuture<'static, Result<TransportReply, Error>> {
        if self.answered(&request) {
            return Box::pin(async { Ok(TransportReply::new(ANSWERED)) });
        }
        if let Some(api) = &self.api {
            return api.send(request);
        }
        Box::pin(async move {
            Err(Error::transport(
                request.action,
                "this HTTP POST receiver has no NapCat HTTP API to call \
                 (set `PostServerBuilder::api_url`)",
            ))
        })
    }
}

impl fmt::Debug for PostTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PostTransport")
            .field("api", &self.api)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use serde_json::json;

    use super::*;

    #[test]
    fn messages_and_requests_have_keys_other_events_none() {
        assert_eq!(
            key_of(&json!({"post_type":"message","message_id":7})),
            Some("m7".into())
        );
        assert_eq!(
            key_of(&json!({"post_type":"message","message_id":"7"})),
            Some("m7".into())
        );
        assert_eq!(
            key_of(&json!({"post_type":"request","flag":"abc"})),
            Some("rabc".into())
        );
        assert_eq!(key_of(&json!({"post_type":"notice","message_id":7})), None);
        assert_eq!(
            key_of(&json!({"post_type":"message_sent","message_id":7})),
            None
        );
    }

    #[test]
    fn a_dropped_ticket_releases_its_response_and_an_answer_fills_it() {
        let slots = Arc::new(QuickSlots::default());
        let event = json!({"post_type":"message","message_id":7});
        let (ticket, mut waiting) = slots.open(&event).unwrap();
        drop(ticket);
        assert!(matches!(waiting.answer.try_recv(), Ok(Answer::Unanswered)));

        let (_ticket, mut waiting) = slots.open(&event).unwrap();
        let operation = RawValue::from_string(r#"{"reply":"hi"}"#.into()).unwrap();
        assert!(slots.answer(&event, &operation));
        assert!(
            matches!(waiting.answer.try_recv(), Ok(Answer::Operation(body)) if body == r#"{"reply":"hi"}"#)
        );
        assert!(!slots.answer(&event, &operation), "answered once only");

        // A response past its deadline closes its slot: a late answer finds none.
        let (_ticket, waiting) = slots.open(&event).unwrap();
        drop(waiting);
        assert!(!slots.answer(&event, &operation));
    }
}
