//! Conversations, cooldowns, one-at-a-time routing and shutdown, on the
//! harness's clock.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use ncat_api::event::GroupMessage;
use ncat_api::{Client, UserId};
use ncat_bot::testing::TestBot;
use ncat_bot::{Cmd, Command, Conversation, Cooldown, Per, Route, Router, State, filter};

/// Asks for a name.
#[derive(Command)]
struct Register;

async fn register(_: Cmd<Register>, conversation: Conversation) -> Result<(), ncat_api::Error> {
    conversation.send("name?").await?;
    let name = conversation
        .next_text()
        .matching(|text| !text.trim().is_empty() && !text.starts_with('/'))
        .timeout(Duration::from_secs(30))
        .await;
    match name {
        Some(name) => conversation.send(format!("hello {name}")).await,
        None => conversation.send("too slow").await,
    }
}

async fn chatter(message: GroupMessage, client: Client) -> Result<(), ncat_api::Error> {
    client
        .send_group_msg(
            message.group_id,
            format!("routed: {}", message.message.plain_text()),
        )
        .await?;
    Ok(())
}

fn router() -> Router {
    Router::new().on(register).on(chatter)
}

#[tokio::test]
async fn a_waiting_conversation_takes_the_users_next_message_before_routing() {
    let test = TestBot::start(router()).await;
    let sent = test.group(1).user(7).send("/register").await;
    assert_eq!(sent.replies(), ["name?", "routed: /register"]);
    // The handler waits: routing of its event has not finished.
    assert_eq!(sent.dispatched(), None);

    // Someone else in the group, and the same user elsewhere, are routed.
    assert_eq!(
        test.group(1).user(8).send("Bob").await.replies(),
        ["routed: Bob"]
    );
    assert_eq!(
        test.group(2).user(7).send("Eve").await.replies(),
        ["routed: Eve"]
    );
    // A message the predicate refuses is routed too.
    assert_eq!(
        test.group(1).user(7).send("/other").await.replies(),
        ["routed: /other"]
    );

    let sent = test.group(1).user(7).send("Alice").await;
    assert_eq!(sent.replies(), ["hello Alice"]);
    assert!(sent.dispatched().is_some_and(|d| d.taken_by_conversation));
    // The conversation is over: the next message is routed.
    assert_eq!(
        test.group(1).user(7).send("Alice").await.replies(),
        ["routed: Alice"]
    );
}

#[tokio::test]
async fn a_conversation_times_out_with_none_on_the_bots_clock() {
    let test = TestBot::start(router()).await;
    test.group(1).user(7).send("/register").await;
    assert!(
        test.advance(Duration::from_secs(29))
            .await
            .replies()
            .is_empty()
    );
    assert_eq!(
        test.advance(Duration::from_secs(1)).await.replies(),
        ["too slow"]
    );
    // Late answers are routed, never handed to the ended conversation.
    assert_eq!(
        test.group(1).user(7).send("Alice").await.replies(),
        ["routed: Alice"]
    );
}

#[tokio::test]
async fn private_conversations_and_anyone_in_the_chat() {
    /// A quiz.
    #[derive(Command)]
    struct Quiz;

    async fn quiz(_: Cmd<Quiz>, conversation: Conversation) -> Result<(), ncat_api::Error> {
        conversation.send("2+2?").await?;
        let answer = conversation
            .next_message()
            .from_anyone()
            .matching(|message| message.message().plain_text().trim() == "4")
            .await;
        match answer {
            Some(message) => {
                conversation
                    .send(format!("{} wins", message.user_id()))
                    .await
            }
            None => Ok(()),
        }
    }

    let test = TestBot::start(Router::new().on(quiz).on(register)).await;
    test.group(1).user(7).send("/quiz").await;
    assert!(test.group(1).user(8).send("5").await.replies().is_empty());
    assert_eq!(test.group(1).user(9).send("4").await.replies(), ["9 wins"]);

    test.private(3).send("/register").await;
    // The same user in a group is another chat.
    assert!(test.group(1).user(3).send("Zed").await.replies().is_empty());
    assert_eq!(test.private(3).send("Zed").await.replies(), ["hello Zed"]);
}

/// Rolls a die.
#[derive(Command)]
struct Roll;

async fn roll(_: Cmd<Roll>, message: GroupMessage, client: Client) -> Result<(), ncat_api::Error> {
    message.reply(&client, "rolled").await?;
    Ok(())
}

#[tokio::test]
async fn cooldowns_answer_or_stay_silent_until_the_clock_moves() {
    let router = Router::new().route(
        Route::new(roll).cooldown(Cooldown::per_user(Duration::from_secs(10)).reply("wait")),
    );
    let test = TestBot::start(router).await;
    assert_eq!(
        test.group(1).user(7).send("/roll").await.replies(),
        ["rolled"]
    );
    assert_eq!(
        test.group(1).user(7).send("/roll").await.replies(),
        ["wait"]
    );
    // Per user: another user is not limited.
    assert_eq!(
        test.group(1).user(8).send("/roll").await.replies(),
        ["rolled"]
    );
    test.advance(Duration::from_secs(9)).await;
    assert_eq!(
        test.group(1).user(7).send("/roll").await.replies(),
        ["wait"]
    );
    test.advance(Duration::from_secs(1)).await;
    assert_eq!(
        test.group(1).user(7).send("/roll").await.replies(),
        ["rolled"]
    );

    // Silent, per chat, with a burst of two; other messages do not count.
    let router = Router::new()
        .route(Route::new(roll).cooldown(Cooldown::per_chat(Duration::from_secs(60)).burst(2)));
    let test = TestBot::start(router).await;
    test.group(1).user(7).send("hello").await;
    assert_eq!(
        test.group(1).user(7).send("/roll").await.replies(),
        ["rolled"]
    );
    assert_eq!(
        test.group(1).user(8).send("/roll").await.replies(),
        ["rolled"]
    );
    let sent = test.group(1).user(9).send("/roll").await;
    assert!(sent.requests().is_empty());
    assert_eq!(sent.dispatched().map(|d| d.handled), Some(1));
    assert_eq!(
        test.group(2).user(9).send("/roll").await.replies(),
        ["rolled"]
    );
    // Both uses are taken: the next one comes back a minute later.
    test.advance(Duration::from_secs(59)).await;
    assert!(
        test.group(1)
            .user(9)
            .send("/roll")
            .await
            .replies()
            .is_empty()
    );
    test.advance(Duration::from_secs(1)).await;
    assert_eq!(
        test.group(1).user(9).send("/roll").await.replies(),
        ["rolled"]
    );
}

#[tokio::test]
async fn filters_as_route_options_compose() {
    let owner_or_admin = filter::group_only() & (filter::group_admin() | filter::bot_owner());
    let router = Router::new()
        .owners([UserId::new(42)])
        .route(Route::new(roll).filter(owner_or_admin))
        .route(
            Route::new(roll)
                .filter(!filter::group_only())
                .name("never: roll needs a group"),
        );
    let test = TestBot::start(router).await;
    assert!(
        test.group(1)
            .user(7)
            .send("/roll")
            .await
            .replies()
            .is_empty()
    );
    assert_eq!(
        test.group(1).user(7).admin().send("/roll").await.replies(),
        ["rolled"]
    );
    assert_eq!(
        test.group(1).user(42).send("/roll").await.replies(),
        ["rolled"]
    );
    assert!(test.private(42).send("/roll").await.replies().is_empty());
}

/// The order handlers started and ended in.
#[derive(Clone, Default)]
struct Trace(Arc<Mutex<Vec<String>>>);

impl Trace {
    fn push(&self, entry: String) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push(entry);
    }
}

async fn slow_echo(message: GroupMessage, State(trace): State<Trace>) {
    let text = message.message.plain_text();
    trace.push(format!("start {text}"));
    // Long enough for another event to start meanwhile, if it may.
    for _ in 0..20 {
        tokio::task::yield_now().await;
    }
    trace.push(format!("end {text}"));
}

#[tokio::test]
async fn events_run_concurrently_by_default_and_one_at_a_time_per_user_when_asked() {
    use tower::Service;

    async fn run(router: Router, trace: &Trace) -> Vec<String> {
        let test = TestBot::start(Router::new()).await;
        let mut router = router;
        let mut routed = Vec::new();
        for text in ["a", "b"] {
            let event = ncat_api::event::Event::from_value(serde_json::json!({
                "time": 1, "self_id": 10001, "post_type": "message", "message_type": "group",
                "sub_type": "normal", "message_id": 1, "group_id": 1, "user_id": 7,
                "message": [{"type": "text", "data": {"text": text}}], "raw_message": text,
                "font": 0, "sender": {"user_id": 7, "nickname": "n"}
            }));
            routed.push(tokio::spawn(
                router.call(ncat_bot::Incoming::new(event, test.client().clone())),
            ));
        }
        for handle in routed {
            let _ = handle.await;
        }
        std::mem::take(&mut *trace.0.lock().unwrap_or_else(|e| e.into_inner()))
    }

    let trace = Trace::default();
    let concurrent = run(
        Router::new().on(slow_echo).with_state(trace.clone()),
        &trace,
    )
    .await;
    assert_eq!(concurrent, ["start a", "start b", "end a", "end b"]);
    let serial = run(
        Router::new()
            .on(slow_echo)
            .with_state(trace.clone())
            .one_at_a_time(Per::User),
        &trace,
    )
    .await;
    assert_eq!(serial, ["start a", "end a", "start b", "end b"]);
}
