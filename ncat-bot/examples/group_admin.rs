//! A group-management bot: admins mute, unmute and kick; newcomers are
//! welcomed; anyone can start a quiz (once a minute per group), answered
//! by whoever is first, through a conversation.
//!
//! `NAPCAT_URL=ws://127.0.0.1:3001 NAPCAT_TOKEN=… cargo run -p ncat-bot --example group_admin`

use std::time::Duration;

use ncat_api::event::{GroupIncrease, GroupMessage};
use ncat_api::{Client, Message, UserId};
use ncat_bot::filter::GroupAdmin;
use ncat_bot::{Bot, Cmd, Command, Conversation, Cooldown, Rest, Route, Router, State};

/// Moderation, for group admins.
#[derive(Command, Debug)]
enum Moderate {
    /// Mutes a member for some minutes.
    #[command(aliases("禁言"))]
    Mute { user: UserId, minutes: u32 },
    /// Lifts a mute.
    Unmute { user: UserId },
    /// Removes a member, with an optional reason.
    Kick { user: UserId, reason: Option<Rest> },
}

async fn moderate(
    Cmd(command): Cmd<Moderate>,
    _: GroupAdmin,
    message: GroupMessage,
    client: Client,
) -> Result<(), ncat_api::Error> {
    let group = message.group_id;
    let answer = match command {
        Moderate::Mute { user, minutes } => {
            client
                .set_group_ban(group, user)
                .duration(minutes.saturating_mul(60))
                .await?;
            format!("muted {user} for {minutes} min")
        }
        Moderate::Unmute { user } => {
            client.set_group_ban(group, user).duration(0).await?;
            format!("unmuted {user}")
        }
        Moderate::Kick { user, reason } => {
            client.set_group_kick(group, user).await?;
            match reason {
                Some(Rest(reason)) => format!("kicked {user}: {reason}"),
                None => format!("kicked {user}"),
            }
        }
    };
    message.reply(&client, answer).await?;
    Ok(())
}

async fn welcome(joined: GroupIncrease, client: Client) -> Result<(), ncat_api::Error> {
    let greeting = Message::new()
        .text("welcome, ")
        .at(joined.user_id)
        .text("!");
    client.send_group_msg(joined.group_id, greeting).await?;
    Ok(())
}

/// The quiz's questions and answers.
#[derive(Clone)]
pub struct Questions(pub Vec<(&'static str, &'static str)>);

/// Starts a quiz: the first right answer within 30 seconds wins.
#[derive(Command)]
struct Quiz;

async fn quiz(
    _: Cmd<Quiz>,
    State(questions): State<Questions>,
    message: GroupMessage,
    conversation: Conversation,
) -> Result<(), ncat_api::Error> {
    // Questions take turns by message id, so the bot needs no randomness.
    let turn = usize::try_from(message.message_id.get()).unwrap_or_default();
    let Some(&(question, answer)) = questions.0.get(turn % questions.0.len().max(1)) else {
        return Ok(());
    };
    conversation.send(question).await?;
    let winner = conversation
        .next_message()
        .from_anyone()
        .matching(move |reply| {
            reply
                .message()
                .plain_text()
                .trim()
                .eq_ignore_ascii_case(answer)
        })
        .timeout(Duration::from_secs(30))
        .await;
    match winner {
        Some(reply) => {
            let text = Message::new()
                .at(reply.user_id())
                .text(format!(" got it: {answer}"));
            conversation.send(text).await
        }
        None => conversation.send(format!("time's up: {answer}")).await,
    }
}

/// The bot's handlers (the tests run them on the harness).
pub fn router() -> Router {
    let questions = Questions(vec![
        ("2 + 2 = ?", "4"),
        ("The capital of France?", "Paris"),
    ]);
    Router::new()
        .on(moderate)
        .on(welcome)
        .route(
            Route::new(quiz)
                .cooldown(Cooldown::per_chat(Duration::from_secs(60)).reply("one quiz a minute")),
        )
        .with_state(questions)
}

#[tokio::main]
async fn main() -> Result<(), ncat_api::Error> {
    let url = std::env::var("NAPCAT_URL").unwrap_or_else(|_| "ws://127.0.0.1:3001".to_owned());
    let token = std::env::var("NAPCAT_TOKEN").unwrap_or_default();
    let client = Client::builder().url(url).token(token).build()?;
    Bot::new(router())
        .run_until(client, tokio::signal::ctrl_c())
        .await;
    Ok(())
}
