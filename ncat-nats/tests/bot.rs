//! An ncat-bot bot running unchanged as a NATS worker, on a real
//! nats-server: the router that answers a command on a forward WebSocket
//! client answers it through gateway → NATS → worker (its reply call going
//! back through NATS to NapCat); with JetStream, an event is acked only
//! once its handlers returned, and one whose worker died first is handled
//! by the next worker.

#![cfg(feature = "bot")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::collections::BTreeSet;
use std::time::Duration;

use async_nats::jetstream;
use ncat_api::Client;
use ncat_api::event::GroupMessage;
use ncat_bot::{Bot, Cmd, Command, Router};
use ncat_nats::{DurableOptions, Worker};
use serde_json::json;
use support::*;
use tokio::sync::mpsc;

const TOKEN: &str = "napcat-s3cret";

/// Answers `pong`.
#[derive(Command)]
struct Ping;

async fn ping(_: Cmd<Ping>, message: GroupMessage, client: Client) -> Result<(), ncat_api::Error> {
    message.reply(&client, "pong").await?;
    Ok(())
}

/// The bot under test: one command, the same on every source.
fn router() -> Router {
    Router::new().on(ping)
}

/// A group message of account 10001 saying `text`, with message id `n`.
fn group_message(n: i64, text: &str) -> serde_json::Value {
    json!({
        "time": 1_700_000_000, "self_id": 10001, "post_type": "message",
        "message_type": "group", "sub_type": "normal", "message_id": n,
        "group_id": 123456, "user_id": 42, "message": [{"type": "text", "data": {"text": text}}],
        "raw_message": text, "font": 14,
        "sender": {"user_id": 42, "nickname": "alice", "card": "", "role": "member"}
    })
}

/// The first call the bot made to `mock`: its action and parameters.
async fn first_call(mock: &ncat_mock::MockNapCat) -> (String, serde_json::Value) {
    until("the bot's reply reached NapCat", || {
        !calls_to(mock).is_empty()
    })
    .await;
    let calls = calls_to(mock);
    assert_eq!(calls.len(), 1, "{calls:?}");
    (calls[0].action.clone(), calls[0].params.clone())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_router_that_answers_on_a_client_answers_as_a_nats_worker() {
    // On a forward WebSocket client.
    let direct_napcat = account(10001, TOKEN).await;
    let bot = Bot::new(router());
    let stop_direct = bot.shutdown_handle();
    let direct = tokio::spawn(bot.run(forward_client(&direct_napcat, TOKEN)));
    until("the bot connected", || direct_napcat.websocket_count() == 1).await;
    direct_napcat.push_event(&group_message(1, "/ping"));
    let on_client = first_call(&direct_napcat).await;

    // The same router as a NATS worker, its account behind a gateway.
    let server = nats_server().await;
    let napcat = account(10001, TOKEN).await;
    let gateway = gateway_of(connect(&server).await, &[&napcat], TOKEN, |b| b).await;
    let source = Worker::new(connect(&server).await, id(10001))
        .bot_source(Some("ping-bot"))
        .await
        .unwrap();
    let bot = Bot::new(router());
    let stop_worker = bot.shutdown_handle();
    let worker = tokio::spawn(bot.run(source));
    napcat.push_event(&group_message(1, "/ping"));
    let through_nats = first_call(&napcat).await;

    assert_eq!(through_nats, on_client);
    assert_eq!(through_nats.0, "send_group_msg");
    // A reply quoting the command, exactly as on the client.
    assert_eq!(
        through_nats.1,
        json!({"group_id": "123456", "message": [
            {"type": "reply", "data": {"id": "1"}},
            {"type": "text", "data": {"text": "pong"}}
        ]})
    );
    // The call went through the gateway.
    assert_eq!(gateway.stats().accounts[&10001].calls_answered, 1);

    stop_direct.shutdown();
    stop_worker.shutdown();
    within("the bots stopped", async {
        direct.await.unwrap();
        worker.await.unwrap();
    })
    .await;
    gateway.shutdown().await;
    server.stop().await;
}

/// The durable consumer's count of events delivered and not acked, and of
/// events not delivered yet.
async fn pending(consumer: &mut jetstream::consumer::PullConsumer) -> (usize, u64) {
    let info = consumer.info().await.unwrap();
    (info.num_ack_pending, info.num_pending)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_event_whose_handler_never_returned_goes_to_the_next_worker() {
    const DURABLE: &str = "durable-bot";
    let server = nats_server().await;
    let napcat = account(10001, TOKEN).await;
    let gateway = gateway_of(connect(&server).await, &[&napcat], TOKEN, |b| b).await;
    let options = DurableOptions::default().ack_wait(Duration::from_secs(1));

    // The first worker, on a runtime of its own so that it can die with
    // its connection: it handles messages 0 to 4 and hangs on 5.
    let doomed = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let (first_handled, mut first_seen) = mpsc::unbounded_channel();
    let (ready, started) = tokio::sync::oneshot::channel();
    let url = server.url();
    let first_options = options.clone();
    doomed.spawn(async move {
        let nats = async_nats::connect(url).await.unwrap();
        let source = Worker::new(nats, id(10001))
            .durable_bot_source(DURABLE, &first_options)
            .await
            .unwrap();
        ready.send(()).unwrap();
        let handler = move |message: GroupMessage| {
            let first_handled = first_handled.clone();
            async move {
                let n = message.message_id.get();
                first_handled.send(n).unwrap();
                if n == 5 {
                    std::future::pending::<()>().await;
                }
            }
        };
        Bot::new(Router::new().on(handler)).run(source).await;
    });
    within("the first worker started", started).await.unwrap();
    let mut consumer: jetstream::consumer::PullConsumer = jetstream::new(connect(&server).await)
        .get_stream("NCAT_EVENTS")
        .await
        .unwrap()
        .get_consumer(DURABLE)
        .await
        .unwrap();
    for n in 0..=5 {
        napcat.push_event(&group_message(n, &format!("#{n}")));
    }
    let mut first = BTreeSet::new();
    within("the first worker took every event", async {
        while first.len() < 6 {
            first.insert(first_seen.recv().await.unwrap());
        }
    })
    .await;
    // Acked once their handlers returned: all but the hanging one.
    within("events 0 to 4 acked", async {
        while pending(&mut consumer).await != (1, 0) {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await;
    // The worker dies, its connection with it, event 5 unacked.
    doomed.shutdown_background();

    let (second_handled, mut second_seen) = mpsc::unbounded_channel();
    let handler = move |message: GroupMessage| {
        let second_handled = second_handled.clone();
        async move {
            second_handled.send(message.message_id.get()).unwrap();
        }
    };
    let source = Worker::new(connect(&server).await, id(10001))
        .durable_bot_source(DURABLE, &options)
        .await
        .unwrap();
    let bot = Bot::new(Router::new().on(handler));
    let stop = bot.shutdown_handle();
    let second_worker = tokio::spawn(bot.run(source));
    napcat.push_event(&group_message(6, "#6"));
    let mut second = Vec::new();
    within("the next worker handled 5 again, and 6", async {
        while !(second.contains(&5) && second.contains(&6)) {
            second.push(second_seen.recv().await.unwrap());
        }
    })
    .await;
    // Everything delivered is acked, so the second worker has seen all it
    // will ever see.
    within("every event acked", async {
        while pending(&mut consumer).await != (0, 0) {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await;
    while let Ok(n) = second_seen.try_recv() {
        second.push(n);
    }
    second.sort_unstable();
    assert_eq!(first, (0..=5).collect::<BTreeSet<_>>());
    assert_eq!(second, [5, 6], "acked events came again, or 5 twice");

    stop.shutdown();
    within("the bot stopped", second_worker).await.unwrap();
    gateway.shutdown().await;
    server.stop().await;
}
