//! Typed commands: parsing segments into fields, usage on errors, `/help`,
//! aliases, enums and prefixes.

use ncat_api::segment::ReceivedImage;
use ncat_api::{Client, UserId, event::MessageEvent};
use ncat_bot::testing::TestBot;
use ncat_bot::{Cmd, Command, CommandArg, Prefix, Rest, Router};
use serde_json::json;

/// Mutes a member for some seconds.
///
/// Only the first paragraph is help.
#[derive(Command, Debug, PartialEq)]
#[command(aliases("m", "禁言"))]
struct Mute {
    user: UserId,
    seconds: u32,
}

#[derive(CommandArg, Debug, PartialEq, Clone, Copy)]
enum Level {
    Low,
    #[arg(name = "hi")]
    High,
}

/// Moderation.
#[derive(Command, Debug, PartialEq)]
enum Admin {
    /// Sets the level.
    Level(Level),
    /// Says something.
    #[command(name = "say")]
    Speak { text: Rest },
    /// Shows an image again.
    Show(ReceivedImage),
    /// Counts to n, or to three.
    Count(Option<u8>),
    #[command(hide)]
    Secret,
}

/// Replies with what was parsed, so tests read it from the reply.
async fn echo_mute(
    Cmd(mute): Cmd<Mute>,
    message: MessageEvent,
    client: Client,
) -> Result<(), ncat_api::Error> {
    reply(
        &message,
        &client,
        format!("mute {} {}", mute.user, mute.seconds),
    )
    .await
}

async fn echo_admin(
    Cmd(admin): Cmd<Admin>,
    message: MessageEvent,
    client: Client,
) -> Result<(), ncat_api::Error> {
    let text = match admin {
        Admin::Level(level) => format!("level {level:?}"),
        Admin::Speak { text } => format!("say {}", text.0),
        Admin::Show(image) => format!("image {}", image.file),
        Admin::Count(n) => format!("count {n:?}"),
        Admin::Secret => "secret".to_owned(),
    };
    reply(&message, &client, text).await
}

async fn reply(
    message: &MessageEvent,
    client: &Client,
    text: String,
) -> Result<(), ncat_api::Error> {
    match message {
        MessageEvent::Group(group) => group.reply(client, text).await.map(drop),
        MessageEvent::Private(private) => private.reply(client, text).await.map(drop),
        _ => Ok(()),
    }
}

fn router() -> Router {
    Router::new().on(echo_mute).on(echo_admin)
}

#[tokio::test]
async fn a_mention_becomes_a_user_id_and_words_become_numbers() {
    let test = TestBot::start(router()).await;
    let sent = test.group(123).user(7).send("/mute @9 60").await;
    assert_eq!(sent.replies(), ["mute 9 60"]);
    // A QQ number typed out works too, and so do the aliases.
    let sent = test.group(123).user(7).send("/m 10002 5").await;
    assert_eq!(sent.replies(), ["mute 10002 5"]);
    let sent = test.private(7).send("/禁言 @10003 1").await;
    assert_eq!(sent.replies(), ["mute 10003 1"]);
    // The reply quotes the command: NapCat's reply segment comes first.
    let request = &sent.requests()[0];
    assert_eq!(request.action, "send_private_msg");
    assert_eq!(request.params["user_id"], json!("7"));
}

#[tokio::test]
async fn a_parse_error_answers_with_the_error_and_the_usage_line() {
    let test = TestBot::start(router()).await;
    let cases = [
        ("/mute @9 soon", "expected number for <seconds>, got `soon`"),
        ("/mute @9", "missing <seconds> (number)"),
        ("/mute nobody 5", "expected @user for <user>, got `nobody`"),
        ("/mute @9 5 extra", "unexpected `extra`"),
        ("/mute @all 5", "expected @user for <user>, got `@all`"),
    ];
    for (command, error) in cases {
        let sent = test.group(1).send(command).await;
        assert_eq!(
            sent.replies(),
            [format!(
                "{error}\nusage: /mute <user: @user> <seconds: number>"
            )],
            "{command}"
        );
        assert_eq!(sent.calls("set_group_ban"), Vec::<serde_json::Value>::new());
    }
}

#[tokio::test]
async fn enum_variants_are_commands_with_their_own_arguments() {
    let test = TestBot::start(router()).await;
    let cases = [
        ("/level LOW", "level Low"),
        ("/level hi", "level High"),
        ("/say hello   @42 world", "say hello   @42 world"),
        (
            "/show [CQ:image,file=abc.jpg,url=http://127.0.0.1/x]",
            "image abc.jpg",
        ),
        ("/count", "count None"),
        ("/count 5", "count Some(5)"),
        ("/secret", "secret"),
    ];
    for (command, reply) in cases {
        let sent = test.private(5).send(command).await;
        assert_eq!(sent.replies(), [reply], "{command}");
    }
    let sent = test.private(5).send("/level medium").await;
    assert_eq!(
        sent.replies(),
        ["expected low|hi for <arg1>, got `medium`\nusage: /level <arg1: low|hi>"]
    );
    let sent = test.private(5).send("/count 300").await;
    assert_eq!(
        sent.replies(),
        ["expected number for <arg1>, got `300`\nusage: /count [arg1: number]"]
    );
}

#[tokio::test]
async fn help_lists_visible_commands_with_usage_help_and_aliases() {
    let test = TestBot::start(router()).await;
    let sent = test.group(1).send("/help").await;
    assert_eq!(
        sent.replies(),
        ["commands:\n\
          /mute <user: @user> <seconds: number> — Mutes a member for some seconds. (also: m, 禁言)\n\
          /level <arg1: low|hi> — Sets the level.\n\
          /say <text: text> — Says something.\n\
          /show <arg1: image> — Shows an image again.\n\
          /count [arg1: number] — Counts to n, or to three."]
    );
    // Without the built-in help, nothing answers.
    let test = TestBot::start(router().without_help()).await;
    assert_eq!(
        test.group(1).send("/help").await.replies(),
        Vec::<String>::new()
    );
}

#[tokio::test]
async fn messages_that_are_not_commands_skip_command_handlers() {
    let test = TestBot::start(router()).await;
    for text in [
        "mute @9 60",
        "/",
        "/ mute @9 60",
        "hello /mute @9 60",
        "/unknown 1",
    ] {
        let sent = test.group(1).send(text).await;
        assert!(sent.requests().is_empty(), "{text}: {:?}", sent.requests());
        assert_eq!(sent.dispatched().map(|d| d.handled), Some(0), "{text}");
    }
}

#[tokio::test]
async fn prefixes_are_configurable_including_none_and_a_mention() {
    let test = TestBot::start(router().prefixes(["!", "#"])).await;
    assert_eq!(
        test.group(1).send("!mute @9 1").await.replies(),
        ["mute 9 1"]
    );
    assert_eq!(
        test.group(1).send("  #mute @9 2").await.replies(),
        ["mute 9 2"]
    );
    assert!(test.group(1).send("/mute @9 3").await.replies().is_empty());
    // Usage lines show the prefix the user typed.
    assert_eq!(
        test.group(1).send("#mute").await.replies(),
        ["missing <user> (@user)\nusage: #mute <user: @user> <seconds: number>"]
    );

    let test = TestBot::start(router().prefixes([""])).await;
    assert_eq!(
        test.group(1).send("mute @9 4").await.replies(),
        ["mute 9 4"]
    );

    let test = TestBot::start(router().prefixes([Prefix::Mention])).await;
    assert_eq!(
        test.group(1).send("@10001 mute @9 5").await.replies(),
        ["mute 9 5"]
    );
    // A mention of someone else is not a command for this bot.
    assert!(
        test.group(1)
            .send("@10002 mute @9 5")
            .await
            .replies()
            .is_empty()
    );
    assert!(test.group(1).send("mute @9 5").await.replies().is_empty());
}

#[tokio::test]
async fn a_quoted_command_still_parses() {
    let test = TestBot::start(router()).await;
    let sent = test.group(1).send("[CQ:reply,id=55]/mute @9 6").await;
    assert_eq!(sent.replies(), ["mute 9 6"]);
}

#[test]
fn derived_specs_carry_names_aliases_help_and_arguments() {
    let spec = &Mute::COMMANDS[0];
    assert_eq!(spec.name, "mute");
    assert_eq!(spec.aliases, ["m", "禁言"]);
    assert_eq!(spec.help, "Mutes a member for some seconds.");
    assert_eq!(spec.usage("/"), "/mute <user: @user> <seconds: number>");
    assert!(Admin::COMMANDS[4].hidden);
    assert_eq!(Admin::COMMANDS[1].name, "say");
    assert_eq!(router().commands().len(), 6);
}
