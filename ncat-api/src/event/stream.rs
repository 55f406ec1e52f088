//! Getting events from a connection to the code that reads them, and what
//! happens when that code falls behind ([`EventBuffer`]).

use std::any::Any;
use std::fmt;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};

use futures_core::Stream;
use futures_util::StreamExt;
use tokio::sync::{Notify, broadcast};

use super::Event;

/// How many events a stream may fall behind, and what happens beyond that.
///
/// Every event mode has the same two policies, set on its builder
/// ([`ClientBuilder::event_buffer`](crate::ClientBuilder::event_buffer),
/// the reverse WebSocket server's, the HTTP POST receiver's):
///
/// - [`drop_oldest`](Self::drop_oldest) (the default, 1024 events): the
///   connection never waits for the bot. A stream that falls `capacity`
///   events behind loses the oldest ones, and says so: [`Events::lagged`]
///   counts them, [`Events::next_delivery`] hands out a
///   [`Delivery::Lost`] where they were, and a warning is logged.
/// - [`backpressure`](Self::backpressure): nothing is ever dropped. Once
///   the slowest stream has `capacity` unread events, ncat stops reading
///   from NapCat until it catches up, and NapCat waits. The cost depends
///   on the mode: over WebSocket (forward or reverse) and SSE the one
///   connection stops, so **replies to calls wait too** (a handler that
///   calls NapCat while the buffer is full waits for itself, until its
///   call times out); and NapCat's own send queue grows meanwhile. Over
///   HTTP POST, each event is its own request: NapCat's request for it
///   waits (NapCat sets no timeout), up to the receiver's connection cap,
///   and calls, which go over NapCat's HTTP API, are not held up.
///
/// Events that arrive before the first stream is made wait in the buffer
/// for it (under backpressure, a client whose events are never read stops
/// reading NapCat after `capacity` events: use the default policy for a
/// client that only makes calls).
///
/// ```
/// use ncat_api::event::EventBuffer;
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), ncat_api::Error> {
/// let client = ncat_api::Client::builder()
///     .url("ws://127.0.0.1:3001")
///     .event_buffer(EventBuffer::backpressure(256))
///     .build()?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventBuffer {
    capacity: usize,
    backpressure: bool,
}

impl EventBuffer {
    /// The default capacity: 1024 events.
    pub const DEFAULT_CAPACITY: usize = 1024;

    /// The largest capacity; larger requests are lowered to it (a
    /// billion events is far beyond any machine's memory anyway).
    pub const MAX_CAPACITY: usize = 1 << 30;

    /// Keeps up to `capacity` events per stream, rounded up to a power of
    /// two (the ring buffer's size: 1000 keeps 1024, as
    /// [`capacity`](Self::capacity) then says), at least 1 and at most
    /// [`MAX_CAPACITY`](Self::MAX_CAPACITY); a stream further behind loses
    /// its oldest events, counted in [`Events::lagged`].
    pub const fn drop_oldest(capacity: usize) -> Self {
        let capacity = clamp(capacity);
        EventBuffer {
            // Cannot overflow: `clamp` keeps it at most a power of two
            // that fits.
            capacity: match capacity.checked_next_power_of_two() {
                Some(rounded) => rounded,
                None => capacity,
            },
            backpressure: false,
        }
    }

    /// Keeps up to `capacity` events per stream (at least 1, at most
    /// [`MAX_CAPACITY`](Self::MAX_CAPACITY)), then stops reading from
    /// NapCat until the slowest stream catches up: no event is lost, at
    /// the cost described [above](Self).
    pub const fn backpressure(capacity: usize) -> Self {
        EventBuffer {
            capacity: clamp(capacity),
            backpressure: true,
        }
    }

    /// How many unread events a stream may have.
    pub const fn capacity(&self) -> usize {
        self.capacity
    }

    /// Whether a full buffer makes the connection wait (rather than drop).
    pub const fn is_backpressure(&self) -> bool {
        self.backpressure
    }
}

/// `capacity` within `1..=EventBuffer::MAX_CAPACITY`.
const fn clamp(capacity: usize) -> usize {
    if capacity == 0 {
        1
    } else if capacity > EventBuffer::MAX_CAPACITY {
        EventBuffer::MAX_CAPACITY
    } else {
        capacity
    }
}

impl Default for EventBuffer {
    fn default() -> Self {
        EventBuffer::drop_oldest(EventBuffer::DEFAULT_CAPACITY)
    }
}

/// Something a source keeps alive while an event is unread or being
/// handled, such as the HTTP POST receiver's pending response: dropped
/// once every stream has moved past the event (or the holder of
/// [`Delivery::Event`]'s `handled` let go of it).
pub(crate) type Handle = Arc<dyn Any + Send + Sync>;

/// One event, decoded, with the JSON text NapCat sent and the source's
/// handle, if any.
#[derive(Clone)]
struct Delivered {
    event: Event,
    json: Arc<str>,
    handle: Option<Handle>,
}

/// The connection's end: decodes event frames and hands them to every
/// [`Events`] stream.
#[derive(Clone)]
pub(crate) struct EventSink {
    sender: broadcast::Sender<Delivered>,
    /// Set under backpressure: how the sink waits for the slowest stream.
    room: Option<Arc<Room>>,
}

/// What a sink under backpressure waits on.
struct Room {
    capacity: usize,
    /// Notified by every stream after it takes an event.
    taken: Notify,
}

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

    /// Passes on an event decoded by the caller, with a handle kept alive
    /// until every stream has moved past it.
    #[cfg(feature = "post")]
    pub(crate) fn publish_decoded(&self, event: Event, json: Arc<str>, handle: Option<Handle>) {
        // An error only means no stream is open: nobody wants the event,
        // and the handle goes at once.
        let _ = self.sender.send(Delivered {
            event,
            json,
            handle,
        });
    }

    fn send(&self, event: Event, json: &str) {
        // An error only means no stream is open: nobody wants the event.
        let _ = self.sender.send(Delivered {
            event,
            json: Arc::from(json),
            handle: None,
        });
    }

    /// Waits until the slowest stream has room for one more event: at
    /// once without backpressure. A reader calls it before reading the
    /// next event from NapCat. Ends early if every stream is gone.
    pub(crate) async fn room(&self) {
        let Some(room) = &self.room else { return };
        loop {
            let taken = room.taken.notified();
            tokio::pin!(taken);
            // Registered before looking, so a stream taking an event
            // between the look and the wait still wakes us.
            taken.as_mut().enable();
            if self.sender.len() < room.capacity || self.sender.receiver_count() == 0 {
                return;
            }
            taken.await;
        }
    }

    /// Whether [`room`](Self::room) would return at once.
    pub(crate) fn has_room(&self) -> bool {
        match &self.room {
            None => true,
            Some(room) => self.sender.len() < room.capacity || self.sender.receiver_count() == 0,
        }
    }
}

/// The client's end: hands out [`Events`] streams.
pub(crate) struct EventHub {
    sender: broadcast::WeakSender<Delivered>,
    room: Option<Arc<Room>>,
    /// Subscribed when the hub was made, so the first stream handed out
    /// also sees the events that arrived before it was asked for (such as
    /// the lifecycle event right after connecting).
    first: Mutex<Option<broadcast::Receiver<Delivered>>>,
}

impl EventHub {
    /// A hub and the sink that feeds it, buffering as `buffer` says. The
    /// streams end once every clone of the sink is dropped (the connection
    /// is gone for good).
    pub(crate) fn new(buffer: EventBuffer) -> (EventHub, EventSink) {
        // Under backpressure the sink stops at `capacity` unread events;
        // the channel holds one more so a racing publisher never evicts.
        let channel_capacity = if buffer.backpressure {
            buffer.capacity + 1
        } else {
            buffer.capacity
        };
        let (sender, first) = broadcast::channel(channel_capacity);
        let room = buffer.backpressure.then(|| {
            Arc::new(Room {
                capacity: buffer.capacity,
                taken: Notify::new(),
            })
        });
        let hub = EventHub {
            sender: sender.downgrade(),
            room: room.clone(),
            first: Mutex::new(Some(first)),
        };
        (hub, EventSink { sender, room })
    }

    pub(crate) fn subscribe(&self) -> Events {
        let first = self
            .first
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        let receiver = first.or_else(|| self.sender.upgrade().map(|sender| sender.subscribe()));
        match receiver {
            Some(receiver) => Events::from_receiver(receiver, self.room.clone()),
            None => Events::ended(),
        }
    }
}

/// What [`Events::next_delivery`] hands out: the next event, or word that
/// events were lost before it.
#[derive(Debug)]
#[non_exhaustive]
// Handed straight to the reader and matched at once: boxing the event would
// cost an allocation per event to save moving a few hundred bytes.
#[allow(clippy::large_enum_variant)]
pub enum Delivery {
    /// The next event.
    Event {
        /// The event, decoded.
        event: Event,
        /// The JSON text NapCat sent for it.
        json: Arc<str>,
        /// Held while the event is being handled: for events from the HTTP
        /// POST receiver, NapCat's request stays open (for a quick
        /// operation) until every stream has moved past the event and this
        /// is dropped, or the receiver's deadline passes. Hold it in a
        /// spawned handler that answers with a quick operation; drop it as
        /// soon as you know you won't. Nothing for other sources.
        handled: Handled,
    },
    /// This many events were dropped here because the stream fell
    /// [`EventBuffer::capacity`] events behind (never under
    /// [`EventBuffer::backpressure`]).
    Lost(u64),
}

/// Keeps an event's source waiting for its handler: see
/// [`Delivery::Event`]. Dropping it says the handler is done.
#[derive(Clone, Default)]
pub struct Handled {
    handle: Option<Handle>,
}

impl Handled {
    /// Whether a source waits on this event's handler (an HTTP POST
    /// receiver with a quick-operation deadline).
    pub fn is_waiting(&self) -> bool {
        self.handle.is_some()
    }
}

impl fmt::Debug for Handled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Handled")
            .field("waiting", &self.is_waiting())
            .finish()
    }
}

/// What the inner stream yields.
#[allow(clippy::large_enum_variant)] // as for `Delivery`
enum Item {
    Event(Delivered),
    Lost(u64),
}

/// The events of one client, in arrival order: a
/// [`Stream`](futures_core::Stream) of [`Event`]s, also readable with
/// [`next`](Self::next). From [`Client::events`](crate::Client::events).
///
/// Every stream sees every event (streams are independent), from the
/// moment it was made; the first stream of a client also sees the events
/// that arrived since the client was built. A stream that falls behind
/// either loses its oldest events, counted in [`lagged`](Self::lagged) and
/// shown by [`next_delivery`](Self::next_delivery), or holds NapCat up,
/// as the client's [`EventBuffer`] says: read events promptly, and spawn
/// slow work. The stream ends when the client's connection is gone for
/// good (closed without reconnecting, or the token was rejected); a
/// reconnecting client's stream goes on across reconnects.
pub struct Events {
    inner: Pin<Box<dyn Stream<Item = Item> + Send>>,
    /// Events this stream lost, in all.
    lagged: Arc<AtomicU64>,
    /// The handle of the event last handed out by `next` or
    /// `next_with_json`, released when the next one is asked for.
    current: Option<Handle>,
}

impl Events {
    fn from_receiver(receiver: broadcast::Receiver<Delivered>, room: Option<Arc<Room>>) -> Self {
        let lagged = Arc::new(AtomicU64::new(0));
        let counter = Arc::clone(&lagged);
        let stream = futures_util::stream::unfold(
            (receiver, room, counter),
            |(mut receiver, room, counter)| async move {
                let item = match receiver.recv().await {
                    Ok(delivered) => {
                        if let Some(room) = &room {
                            room.taken.notify_waiters();
                        }
                        Item::Event(delivered)
                    }
                    Err(broadcast::error::RecvError::Lagged(missed)) => {
                        counter.fetch_add(missed, Ordering::Relaxed);
                        tracing::warn!(
                            missed,
                            "an event stream fell behind; its oldest events were dropped"
                        );
                        Item::Lost(missed)
                    }
                    Err(broadcast::error::RecvError::Closed) => return None,
                };
                Some((item, (receiver, room, counter)))
            },
        );
        Events {
            inner: Box::pin(stream),
            lagged,
            current: None,
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
        let stream = stream.map(|(event, json)| {
            Item::Event(Delivered {
                event,
                json,
                handle: None,
            })
        });
        Events {
            inner: Box::pin(stream),
            lagged: Arc::new(AtomicU64::new(0)),
            current: None,
        }
    }

    /// A stream without events, for clients whose transport has none.
    pub(crate) fn ended() -> Self {
        Events::from_stream(futures_util::stream::empty())
    }

    /// The next event; `None` once the stream has ended. Events lost
    /// before it are skipped (counted in [`lagged`](Self::lagged)).
    pub async fn next(&mut self) -> Option<Event> {
        self.next_with_json().await.map(|(event, _)| event)
    }

    /// The next event with the JSON text NapCat sent for it, for logging
    /// or relaying events as they came; `None` once the stream has ended.
    pub async fn next_with_json(&mut self) -> Option<(Event, Arc<str>)> {
        std::future::poll_fn(|cx| self.poll_event(cx)).await
    }

    /// The next event, or the number of events lost before it, with the
    /// event's [`Handled`] guard handed over to the caller; `None` once
    /// the stream has ended.
    ///
    /// ```no_run
    /// use ncat_api::event::Delivery;
    ///
    /// # async fn demo(client: ncat_api::Client) {
    /// let mut events = client.events();
    /// while let Some(delivery) = events.next_delivery().await {
    ///     match delivery {
    ///         Delivery::Event { event, .. } => println!("{event:?}"),
    ///         Delivery::Lost(count) => eprintln!("fell behind: lost {count} events"),
    ///         _ => {}
    ///     }
    /// }
    /// # }
    /// ```
    pub async fn next_delivery(&mut self) -> Option<Delivery> {
        self.current = None;
        Some(match self.inner.next().await? {
            Item::Event(delivered) => Delivery::Event {
                event: delivered.event,
                json: delivered.json,
                handled: Handled {
                    handle: delivered.handle,
                },
            },
            Item::Lost(count) => Delivery::Lost(count),
        })
    }

    /// How many events this stream has lost in all because it fell
    /// behind (always 0 under [`EventBuffer::backpressure`]).
    pub fn lagged(&self) -> u64 {
        self.lagged.load(Ordering::Relaxed)
    }

    /// Polls for the next event, skipping word of lost ones, keeping its
    /// handle until the next poll.
    fn poll_event(&mut self, cx: &mut Context<'_>) -> Poll<Option<(Event, Arc<str>)>> {
        // Asking for the next event means the last one was handled.
        self.current = None;
        loop {
            match self.inner.as_mut().poll_next(cx) {
                Poll::Ready(Some(Item::Event(delivered))) => {
                    self.current = delivered.handle;
                    return Poll::Ready(Some((delivered.event, delivered.json)));
                }
                Poll::Ready(Some(Item::Lost(_))) => {}
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Pending => return Poll::Pending,
            }
        }
    }
}

impl Stream for Events {
    type Item = Event;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Event>> {
        self.poll_event(cx)
            .map(|delivered| delivered.map(|(event, _)| event))
    }
}

impl fmt::Debug for Events {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Events")
            .field("lagged", &self.lagged())
            .finish_non_exhaustive()
    }
}
