//! Routing: extractors pick the handlers an event fits, state, plugins,
//! the error hook, panics, and the router as a tower `Service`.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use ncat_api::event::{Event, GroupIncrease, GroupMessage, MessageEvent, PrivateMessage};
use ncat_api::{Client, GroupId};
use ncat_bot::testing::TestBot;
use ncat_bot::{Cmd, Command, Failure, FromRef, Plugins, Router, State, filter::GroupAdmin};
use serde_json::json;

/// Which handlers ran, in order.
#[derive(Clone, Default)]
struct Log(Arc<Mutex<Vec<String>>>);

impl Log {
    fn push(&self, entry: impl Into<String>) {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(entry.into());
    }

    fn take(&self) -> Vec<String> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

async fn on_group(message: GroupMessage, State(log): State<Log>) {
    log.push(format!("group {}", message.group_id));
}

async fn on_private(message: PrivateMessage, State(log): State<Log>) {
    log.push(format!("private {}", message.user_id));
}

async fn on_any_message(message: MessageEvent, State(log): State<Log>) {
    log.push(format!("message {}", message.user_id()));
}

async fn on_join(joined: GroupIncrease, State(log): State<Log>) {
    log.push(format!("join {}", joined.user_id));
}

async fn admins_only(_: GroupAdmin, State(log): State<Log>) {
    log.push("admin");
}

async fn maybe_group(message: Option<GroupMessage>, State(log): State<Log>) {
    log.push(format!("maybe {:?}", message.map(|m| m.group_id)));
}

#[tokio::test]
async fn every_handler_whose_arguments_fit_runs_in_order_and_the_rest_are_skipped() {
    let log = Log::default();
    let router = Router::new()
        .on(on_group)
        .on(on_private)
        .on(on_any_message)
        .on(on_join)
        .on(admins_only)
        .on(maybe_group)
        .with_state(log.clone());
    let test = TestBot::start(router).await;

    let sent = test.group(5).user(7).send("hi").await;
    assert_eq!(
        log.take(),
        ["group 5", "message 7", "maybe Some(GroupId(5))"]
    );
    assert_eq!(sent.dispatched().map(|d| d.handled), Some(3));

    test.private(8).send("hi").await;
    assert_eq!(log.take(), ["private 8", "message 8", "maybe None"]);

    test.group(5).user(9).admin().send("hi").await;
    assert_eq!(
        log.take(),
        ["group 5", "message 9", "admin", "maybe Some(GroupId(5))"]
    );

    test.group(5).user(10).joins().await;
    assert_eq!(log.take(), ["join 10", "maybe None"]);

    // A meta event fits only the handler that takes anything.
    test.event(
        json!({"post_type": "meta_event", "meta_event_type": "lifecycle", "sub_type": "connect"}),
    )
    .await;
    assert_eq!(log.take(), ["maybe None"]);
}

/// A state with parts, taken separately through `FromRef`.
#[derive(Clone)]
struct AppState {
    greeting: String,
    log: Log,
}

impl FromRef<AppState> for Log {
    fn from_ref(state: &AppState) -> Log {
        state.log.clone()
    }
}

async fn greet(
    message: GroupMessage,
    State(state): State<AppState>,
    State(log): State<Log>,
    client: Client,
) -> Result<(), ncat_api::Error> {
    log.push("greet");
    message.reply(&client, state.greeting.clone()).await?;
    Ok(())
}

#[tokio::test]
async fn state_and_parts_of_it_reach_handlers() {
    let log = Log::default();
    let router = Router::new().on(greet).with_state(AppState {
        greeting: "hello".into(),
        log: log.clone(),
    });
    let test = TestBot::start(router).await;
    assert_eq!(test.group(1).send("hi").await.replies(), ["hello"]);
    assert_eq!(log.take(), ["greet"]);
}

async fn fails(_: GroupMessage) -> Result<(), std::io::Error> {
    Err(std::io::Error::other("disk on fire"))
}

async fn panics(_: GroupMessage) {
    panic!("handler bug");
}

async fn still_runs(_: GroupMessage, State(log): State<Log>) {
    log.push("after");
}

#[tokio::test]
async fn errors_and_panics_reach_the_hook_with_the_handler_and_event_and_the_bot_goes_on() {
    let log = Log::default();
    let reports = Log::default();
    let hook_reports = reports.clone();
    let router = Router::new()
        .on(fails)
        .on(panics)
        .on(still_runs)
        .with_state(log.clone())
        .on_error(move |error| {
            let Event::Message(message) = error.event else {
                panic!("not the message");
            };
            let failure = match &error.failure {
                Failure::Error(error) => format!("error {error}"),
                Failure::Panic(message) => format!("panic {message}"),
                _ => "other".to_owned(),
            };
            hook_reports.push(format!("{} {} {failure}", error.handler, message.user_id()));
        });
    let test = TestBot::start(router).await;
    let sent = test.group(1).user(4).send("hi").await;
    assert_eq!(
        reports.take(),
        [
            "router::fails 4 error disk on fire",
            "router::panics 4 panic handler bug"
        ]
    );
    assert_eq!(log.take(), ["after"]);
    let dispatched = sent.dispatched().unwrap_or_default();
    assert_eq!((dispatched.handled, dispatched.failed), (3, 2));
    // The next event is routed as usual.
    test.group(1).user(5).send("again").await;
    assert_eq!(reports.take().len(), 2);
    assert_eq!(log.take(), ["after"]);
}

/// Pings.
#[derive(Command)]
struct Ping;

async fn ping(_: Cmd<Ping>, message: GroupMessage, client: Client) -> Result<(), ncat_api::Error> {
    message.reply(&client, "pong").await?;
    Ok(())
}

async fn switch(
    Cmd(command): Cmd<Toggle>,
    plugins: Plugins,
    message: GroupMessage,
    client: Client,
) -> Result<(), ncat_api::Error> {
    let (name, on) = match command {
        Toggle::On(name) => (name, true),
        Toggle::Off(name) => (name, false),
    };
    let found = plugins.set_enabled(&name, on);
    message.reply(&client, format!("{name}: {found}")).await?;
    Ok(())
}

/// Plugin switches.
#[derive(Command)]
enum Toggle {
    On(String),
    Off(String),
}

#[derive(Clone)]
struct Counter(Arc<AtomicUsize>);

async fn count(_: GroupMessage, State(counter): State<Counter>) {
    counter.0.fetch_add(1, Ordering::Relaxed);
}

#[tokio::test]
async fn plugins_merge_with_their_own_state_and_switch_off_and_on_at_run_time() {
    let counter = Counter(Arc::new(AtomicUsize::new(0)));
    let pinger = Router::new().on(ping);
    let counting = Router::new().on(count).with_state(counter.clone());
    let router = Router::new()
        .on(switch)
        .plugin("ping", pinger)
        .plugin("count", counting);
    assert_eq!(
        router.plugins().names().collect::<Vec<_>>(),
        ["ping", "count"]
    );
    let test = TestBot::start(router).await;

    assert_eq!(test.group(1).send("/ping").await.replies(), ["pong"]);
    assert_eq!(counter.0.load(Ordering::Relaxed), 1);

    assert_eq!(
        test.group(1).send("/off ping").await.replies(),
        ["ping: true"]
    );
    assert_eq!(test.router().plugins().is_enabled("ping"), Some(false));
    assert!(test.group(1).send("/ping").await.replies().is_empty());
    // The other plugin goes on.
    assert_eq!(counter.0.load(Ordering::Relaxed), 3);

    assert_eq!(
        test.group(1).send("/on ping").await.replies(),
        ["ping: true"]
    );
    assert_eq!(test.group(1).send("/ping").await.replies(), ["pong"]);
    assert_eq!(
        test.group(1).send("/off nothing").await.replies(),
        ["nothing: false"]
    );
    // A switched-off plugin's commands are still listed.
    assert!(test.group(1).send("/help").await.replies()[0].contains("/ping"));
}

#[tokio::test]
async fn the_router_is_a_tower_service() {
    use tower::{Service, ServiceExt};

    let log = Log::default();
    let mut router = Router::new().on(on_group).with_state(log.clone());
    let test = TestBot::start(Router::new()).await;
    let event = Event::from_value(json!({
        "time": 1, "self_id": 10001, "post_type": "message", "message_type": "group",
        "sub_type": "normal", "message_id": 1, "group_id": 77, "user_id": 3,
        "message": [{"type": "text", "data": {"text": "x"}}], "raw_message": "x", "font": 0,
        "sender": {"user_id": 3, "nickname": "n"}
    }));
    let service = router.ready().await.unwrap_or_else(|never| match never {});
    let dispatched = service
        .call(ncat_bot::Incoming::new(
            event.clone(),
            test.client().clone(),
        ))
        .await
        .unwrap_or_else(|never| match never {});
    assert_eq!(dispatched.handled, 1);
    assert_eq!(log.take(), ["group 77"]);

    // Through a tower layer: a timeout around a slow handler.
    let timed = tower::timeout::Timeout::new(
        Router::new().on(slow).with_state(log.clone()),
        Duration::from_millis(1),
    );
    let error = timed
        .oneshot(ncat_bot::Incoming::new(event, test.client().clone()))
        .await
        .err()
        .map(|error| error.to_string());
    assert_eq!(error.as_deref(), Some("request timed out"));
}

async fn slow(_: GroupMessage, State(log): State<Log>) {
    tokio::time::sleep(Duration::from_secs(3600)).await;
    log.push("never");
}

#[tokio::test]
async fn group_ids_and_user_ids_reach_filters_for_notices_too() {
    use ncat_bot::{Route, filter};

    let log = Log::default();
    let router = Router::new()
        .route(Route::new(on_join).filter(filter::in_groups([GroupId::new(5)])))
        .route(Route::new(on_group).filter(filter::from_users([ncat_api::UserId::new(2)])))
        .with_state(log.clone());
    let test = TestBot::start(router).await;
    test.group(5).user(1).joins().await;
    test.group(6).user(1).joins().await;
    test.group(6).user(2).send("x").await;
    test.group(6).user(3).send("x").await;
    assert_eq!(log.take(), ["join 1", "group 6"]);
}
