//! Getting events from a connection to the code that reads them.

use std::fmt;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};

use futures_core::Stream;
use futures_util::StreamExt;
use tokio::sync::broadcast;

use super::Event;

/// How many events wait for a slow reader before the oldest are dropped.
const EVENT_BUFFER: usize = 1024;

/// One event, decoded, with the JSON text NapCat sent.
type Delivered = (Event, Arc<str>);

/// The connection's end: decodes event frames and hands them to every
/// [`Events`] stream.
#[derive(Clone)]
pub(crate) struct EventSink {
    sender: broadcast::Sender<Delivered>,
}

#[cfg_attr(
    not(feature = "ws"),
    expect(dead_code, reason = "only WebSocket transports carry events")
)]
impl EventSink {
    /// Decodes and passes on one event frame, read straight from its text.
    pub(crate) fn publish(&self, json: &str) {
        match Event::from_json(json) {
            Ok(event) => self.send(event, json),
            Err(error) => tracing::warn!(%error, "ignored an event that is not JSON"),
        }
    }

    /// Decodes and passes on `json` if it is an event (an object with a
    /// `post_type`), reading it once; `false`, passing nothing on, if it
    /// is not.
    pub(crate) fn publish_if_event(&self, json: &str) -> bool {
        match Event::from_json_if_event(json) {
            Some(event) => {
                self.send(event, json);
                true
            }
            None => false,
        }
    }

    fn send(&self, event: Event, json: &str) {
        // An error only means no stream is open: nobody wants the event.
        let _ = self.sender.send((event, Arc::from(json)));
    }
}

/// The client's end: hands out [`Events`] streams.
pub(crate) struct EventHub {
    sender: broadcast::WeakSender<Delivered>,
    /// Subscribed when the hub was made, so the first stream handed out
    /// also sees the events that arrived before it was asked for (such as
    /// the lifecycle event right after connecting).
    first: Mutex<Option<broadcast::Receiver<Delivered>>>,
}

impl EventHub {
    /// A hub and the sink that feeds it. The streams end once every clone
    /// of the sink is dropped (the connection is gone for good).
    #[cfg_attr(
        not(feature = "ws"),
        expect(dead_code, reason = "only WebSocket transports carry events")
    )]
    pub(crate) fn new() -> (EventHub, EventSink) {
        let (sender, first) = broadcast::channel(EVENT_BUFFER);
        let hub = EventHub {
            sender: sender.downgrade(),
            first: Mutex::new(Some(first)),
        };
        (hub, EventSink { sender })
    }

    pub(crate) fn subscribe(&self) -> Events {
        let first = self
            .first
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        let receiver = first.or_else(|| self.sender.upgrade().map(|sender| sender.subscribe()));
        match receiver {
            Some(receiver) => Events::from_receiver(receiver),
            None => Events::ended(),
        }
    }
}

/// The events of one client, in arrival order: a
/// [`Stream`](futures_core::Stream) of [`Event`]s, also readable with
/// [`next`](Self::next). From [`Client::events`](crate::Client::events).
///
/// Every stream sees every event (streams are independent), from the
/// moment it was made; the first stream of a client also sees the events
/// that arrived since the client was built. A stream that falls more than
/// 1024 events behind loses the oldest ones, with a warning in the log:
/// read events promptly, and spawn slow work. The stream ends when the
/// client's connection is gone for good (closed without reconnecting, or
/// the token was rejected); a reconnecting client's stream goes on across
/// reconnects.
pub struct Events {
    inner: Pin<Box<dyn Stream<Item = Delivered> + Send>>,
}

impl Events {
    fn from_receiver(receiver: broadcast::Receiver<Delivered>) -> Self {
        let stream = futures_util::stream::unfold(receiver, |mut receiver| async move {
            loop {
                match receiver.recv().await {
                    Ok(event) => return Some((event, receiver)),
                    Err(broadcast::error::RecvError::Lagged(missed)) => {
                        tracing::warn!(
                            missed,
                            "an event stream fell behind; its oldest events were dropped"
                        );
                    }
                    Err(broadcast::error::RecvError::Closed) => return None,
                }
            }
        });
        Events {
            inner: Box::pin(stream),
        }
    }

    /// A stream of events from any source: events read from a broker, a
    /// file or a test, each with the JSON text it was decoded from (what
    /// [`next_with_json`](Self::next_with_json) hands back). Bot code written
    /// against [`Events`] then runs unchanged on that source.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use ncat_api::event::{Event, Events};
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), serde_json::Error> {
    /// let json: Arc<str> = Arc::from(r#"{"time":1,"self_id":10001,"post_type":"meta_event","meta_event_type":"lifecycle","sub_type":"connect"}"#);
    /// let event = Event::from_json(&json)?;
    /// let mut events = Events::from_stream(futures_util::stream::iter([(event, json)]));
    /// assert!(matches!(events.next().await, Some(Event::Meta(_))));
    /// assert!(events.next().await.is_none());
    /// # Ok(()) }
    /// ```
    pub fn from_stream<S>(stream: S) -> Self
    where
        S: Stream<Item = (Event, Arc<str>)> + Send + 'static,
    {
        Events {
            inner: Box::pin(stream),
        }
    }

    /// A stream without events, for clients whose transport has none.
    pub(crate) fn ended() -> Self {
        Events {
            inner: Box::pin(futures_util::stream::empty()),
        }
    }

    /// The next event; `None` once the stream has ended.
    pub async fn next(&mut self) -> Option<Event> {
        self.inner.next().await.map(|(event, _)| event)
    }

    /// The next event with the JSON text NapCat sent for it, for logging
    /// or relaying events as they came; `None` once the stream has ended.
    pub async fn next_with_json(&mut self) -> Option<(Event, Arc<str>)> {
        self.inner.next().await
    }
}

impl Stream for Events {
    type Item = Event;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Event>> {
        self.inner
            .as_mut()
            .poll_next(cx)
            .map(|delivered| delivered.map(|(event, _)| event))
    }
}

impl fmt::Debug for Events {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Events").finish_non_exhaustive()
    }
}
