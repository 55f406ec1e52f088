//! The same bot on every event source: a forward WebSocket client, a
//! reverse server with several accounts, a custom source with a
//! completion hook; graceful shutdown and tower layers on a running bot.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use ncat_api::Client;
use ncat_api::event::{Event, Events, GroupMessage};
use ncat_api::reverse::ReverseServer;
use ncat_bot::{Bot, Cmd, Command, Conversation, Delivery, EventSource, Incoming, Router, Tasks};
use ncat_mock::{MockNapCat, MockReply};
use serde_json::{Value, json};
use tokio::sync::mpsc;

fn group_message(self_id: i64, group: i64, text: &str) -> Value {
    json!({
        "time": 1, "self_id": self_id, "post_type": "message", "message_type": "group",
        "sub_type": "normal", "message_id": 1, "group_id": group, "user_id": 7,
        "message": [{"type": "text", "data": {"text": text}}], "raw_message": text, "font": 0,
        "sender": {"user_id": 7, "nickname": "n", "role": "member"}
    })
}

/// Answers with the account that received the message.
async fn whoami(message: GroupMessage, client: Client) -> Result<(), ncat_api::Error> {
    client
        .send_group_msg(
            message.group_id,
            format!("{} got {}", message.self_id, message.message.plain_text()),
        )
        .await?;
    Ok(())
}

async fn mock_for(self_id: i64) -> MockNapCat {
    let Ok(mock) = MockNapCat::builder().self_id(self_id).start().await else {
        panic!("mock did not start");
    };
    mock.on("send_group_msg", MockReply::ok(json!({"message_id": 1})));
    mock
}

/// Waits (at most five seconds) until `mock` got `count` messages; their texts.
async fn sent_texts(mock: &MockNapCat, count: usize) -> Vec<String> {
    for _ in 0..500 {
        let sent = mock.requests_for("send_group_msg");
        if sent.len() >= count {
            return sent
                .iter()
                .map(|request| {
                    request.params["message"][0]["data"]["text"]
                        .as_str()
                        .unwrap_or("")
                        .to_owned()
                })
                .collect();
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!(
        "the bot did not send {count} messages in five seconds: {:?}",
        mock.requests()
            .iter()
            .map(|request| (&request.action, &request.params))
            .collect::<Vec<_>>()
    );
}

/// Waits (at most five seconds) until `mock` has `count` WebSockets.
async fn connected(mock: &MockNapCat, count: usize) {
    for _ in 0..500 {
        if mock.websocket_count() >= count {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("NapCat did not connect in five seconds");
}

#[tokio::test]
async fn a_bot_runs_on_a_forward_websocket_client() {
    let mock = mock_for(10001).await;
    let Ok(client) = Client::builder().url(mock.ws_url()).build() else {
        panic!("no client");
    };
    let bot = Bot::new(Router::new().on(whoami));
    let shutdown = bot.shutdown_handle();
    let running = tokio::spawn(bot.run(client));
    connected(&mock, 1).await;
    assert_eq!(mock.push_event(&group_message(10001, 5, "hi")), 1);
    assert_eq!(sent_texts(&mock, 1).await, ["10001 got hi"]);
    shutdown.shutdown();
    assert!(
        tokio::time::timeout(Duration::from_secs(5), running)
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn a_bot_on_a_reverse_server_answers_each_account_through_its_own_client() {
    let Ok(server) = ReverseServer::builder().bind("127.0.0.1:0").await else {
        panic!("no server");
    };
    let url = format!("ws://{}/onebot", server.local_addr());
    let bot = Bot::new(Router::new().on(whoami));
    let shutdown = bot.shutdown_handle();
    let running = tokio::spawn(bot.run(server));

    let first = mock_for(10001).await;
    let second = mock_for(20002).await;
    for mock in [&first, &second] {
        if let Err(error) = mock.connect_reverse(&url).await {
            panic!("reverse connection failed: {error}");
        }
        connected(mock, 1).await;
    }
    assert_eq!(first.push_event(&group_message(10001, 1, "one")), 1);
    assert_eq!(second.push_event(&group_message(20002, 2, "two")), 1);
    assert_eq!(second.push_event(&group_message(20002, 2, "three")), 1);
    assert_eq!(sent_texts(&first, 1).await, ["10001 got one"]);
    let mut texts = sent_texts(&second, 2).await;
    texts.sort();
    assert_eq!(texts, ["20002 got three", "20002 got two"]);
    assert_eq!(first.requests_for("send_group_msg").len(), 1);

    shutdown.shutdown();
    assert!(
        tokio::time::timeout(Duration::from_secs(5), running)
            .await
            .is_ok()
    );
}

/// A source of pushed events whose completion hook reports what routing did.
struct Pushed {
    events: mpsc::Receiver<Incoming>,
    completed: mpsc::UnboundedSender<(usize, Vec<String>)>,
    log: Arc<Mutex<Vec<String>>>,
}

impl EventSource for Pushed {
    async fn next_delivery(&mut self) -> Option<Delivery> {
        let incoming = self.events.recv().await?;
        let completed = self.completed.clone();
        let log = Arc::clone(&self.log);
        Some(Delivery::with_completion(incoming, move |dispatched| {
            Box::pin(async move {
                let seen = log.lock().unwrap_or_else(|e| e.into_inner()).clone();
                let _ = completed.send((dispatched.handled, seen));
            })
        }))
    }
}

#[tokio::test]
async fn a_custom_source_acks_after_the_handlers_return_and_its_end_stops_the_bot() {
    let mock = mock_for(10001).await;
    let Ok(client) = Client::builder().url(mock.ws_url()).build() else {
        panic!("no client");
    };
    let log = Arc::new(Mutex::new(Vec::new()));
    let handler_log = Arc::clone(&log);
    let router = Router::new().on(move |message: GroupMessage| {
        let log = Arc::clone(&handler_log);
        async move {
            tokio::time::sleep(Duration::from_millis(20)).await;
            log.lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(message.message.plain_text());
        }
    });
    let (push, events) = mpsc::channel(4);
    let (completed, mut completions) = mpsc::unbounded_channel();
    let source = Pushed {
        events,
        completed,
        log,
    };
    let running = tokio::spawn(Bot::new(router).run(source));

    let event = Event::from_value(group_message(10001, 1, "ack me"));
    assert!(
        push.send(Incoming::new(event, client.clone()))
            .await
            .is_ok()
    );
    let completion = tokio::time::timeout(Duration::from_secs(5), completions.recv()).await;
    assert_eq!(
        completion.ok().flatten(),
        Some((1, vec!["ack me".to_owned()]))
    );
    // The source ends: the bot shuts down by itself.
    drop(push);
    assert!(
        tokio::time::timeout(Duration::from_secs(5), running)
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn events_from_a_stream_run_through_client_source() {
    let mock = mock_for(10001).await;
    let Ok(client) = Client::builder().url(mock.ws_url()).build() else {
        panic!("no client");
    };
    let json: Arc<str> = Arc::from(group_message(10001, 3, "from a stream").to_string());
    let event = Event::from_value(group_message(10001, 3, "from a stream"));
    let events = Events::from_stream(futures_util::stream::iter([(event, json)]));
    let source = ncat_bot::ClientSource::with_events(client, events);
    // The stream ends after one event; run returns once it is handled.
    let finished = tokio::time::timeout(
        Duration::from_secs(5),
        Bot::new(Router::new().on(whoami)).run(source),
    )
    .await;
    assert!(finished.is_ok());
    assert_eq!(sent_texts(&mock, 1).await, ["10001 got from a stream"]);
}

/// Starts a background task and a conversation.
#[derive(Command)]
struct Start;

async fn start(
    _: Cmd<Start>,
    tasks: Tasks,
    conversation: Conversation,
    log: ncat_bot::State<Arc<Mutex<Vec<String>>>>,
) -> Result<(), ncat_api::Error> {
    let background = tasks.clone();
    let task_log = Arc::clone(&log.0);
    tasks.spawn(async move {
        background.shutting_down().await;
        // Work after the signal still finishes before `run` returns.
        tokio::time::sleep(Duration::from_millis(20)).await;
        task_log
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push("background stopped".to_owned());
    });
    log.0
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push("waiting".to_owned());
    let answer = conversation
        .next_text()
        .timeout(Duration::from_secs(3600))
        .await;
    log.0
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(format!("conversation ended with {answer:?}"));
    Ok(())
}

#[tokio::test]
async fn shutdown_ends_conversations_and_waits_for_handlers_and_background_tasks() {
    let mock = mock_for(10001).await;
    let Ok(client) = Client::builder().url(mock.ws_url()).build() else {
        panic!("no client");
    };
    let log = Arc::new(Mutex::new(Vec::new()));
    let bot = Bot::new(Router::new().on(start).with_state(Arc::clone(&log)));
    let shutdown = bot.shutdown_handle();
    let running = tokio::spawn(bot.run(client));
    connected(&mock, 1).await;
    mock.push_event(&group_message(10001, 1, "/start"));
    // Bounded wait until the handler waits in its conversation.
    for _ in 0..500 {
        if !log.lock().unwrap_or_else(|e| e.into_inner()).is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    shutdown.shutdown();
    assert!(
        tokio::time::timeout(Duration::from_secs(5), running)
            .await
            .is_ok()
    );
    let log = log.lock().unwrap_or_else(|e| e.into_inner()).clone();
    assert_eq!(
        log,
        [
            "waiting",
            "conversation ended with None",
            "background stopped"
        ]
    );
}

#[tokio::test]
async fn a_tower_layer_wraps_a_running_bot_and_its_errors_reach_the_hook() {
    let mock = mock_for(10001).await;
    let Ok(client) = Client::builder().url(mock.ws_url()).build() else {
        panic!("no client");
    };
    let reports = Arc::new(Mutex::new(Vec::new()));
    let hook_reports = Arc::clone(&reports);
    let router = Router::new()
        .on(|_: GroupMessage| async { tokio::time::sleep(Duration::from_secs(3600)).await })
        .on_error(move |error| {
            hook_reports
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(format!(
                    "{} {} {:?}",
                    error.handler,
                    error.failure,
                    error.event.post_type()
                ));
        });
    let bot = Bot::new(router).layer(tower::timeout::TimeoutLayer::new(Duration::from_millis(50)));
    let shutdown = bot.shutdown_handle();
    let running = tokio::spawn(bot.run(client));
    connected(&mock, 1).await;
    mock.push_event(&group_message(10001, 1, "slow"));
    for _ in 0..500 {
        if !reports.lock().unwrap_or_else(|e| e.into_inner()).is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(
        *reports.lock().unwrap_or_else(|e| e.into_inner()),
        ["router failed: request timed out Some(\"message\")"]
    );
    shutdown.shutdown();
    assert!(
        tokio::time::timeout(Duration::from_secs(5), running)
            .await
            .is_ok()
    );
}
