//! The mock NapCat answers every action of the schema, unscripted, with
//! data that the action's typed reply decodes (`Action::decode_output`, or
//! a stream action's frame type), over HTTP and over WebSocket; actions
//! NapCat answers with `null` answer `null`; sends number their ids; a
//! scripted reply still wins.

// Deprecated actions are covered too.
#![allow(deprecated)]

use std::path::Path;

use ncat_api::stream::StreamAction;
use ncat_api::{Action, Client, MessageId};
use ncat_mock::{MockNapCat, MockReply};
use ncat_schema::model::Reply;
use ncat_tests::BoxError;
use serde_json::{Value, json};

type TestResult = Result<(), BoxError>;

/// How one action's answer is decoded.
#[derive(Clone, Copy)]
enum Decoder {
    /// A call: the reply's `data` through `Action::decode_output`.
    Call(fn(&str) -> Result<(), serde_json::Error>),
    /// A stream action: each frame's `data` as its `Frame` type.
    Stream(fn(&str) -> Result<(), serde_json::Error>),
}

fn decode_call<A: Action>(data: &str) -> Result<(), serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_str(data);
    A::decode_output(&mut deserializer)?;
    deserializer.end()
}

fn decode_frame<A: StreamAction>(data: &str) -> Result<(), serde_json::Error> {
    serde_json::from_str::<A::Frame>(data).map(drop)
}

/// Declares [`DECODERS`] from the schema's list of actions.
macro_rules! decoders {
    ($(($wire:literal, $request:ident, $kind:ident)),* $(,)?) => {
        /// Every action of the schema, with the decoder of its typed reply.
        const DECODERS: &[(&str, Decoder)] = &[$(($wire, decoders!(@$kind $request))),*];
    };
    (@call $request:ident) => {
        Decoder::Call(decode_call::<ncat_api::actions::$request>)
    };
    (@stream $request:ident) => {
        Decoder::Stream(decode_frame::<ncat_api::actions::$request>)
    };
}

ncat_codegen::for_each_action!("../schema", decoders);

/// Most frames a default stream answer may have (it has one).
const MAX_FRAMES: usize = 8;

/// Calls every action unscripted through `client` and decodes each answer
/// with the action's typed decoder; returns each action's data (a stream's
/// frames as a list), or every failure.
async fn answers(client: &Client) -> Result<Vec<(&'static str, Value)>, BoxError> {
    let mut answers = Vec::with_capacity(DECODERS.len());
    let mut failures = Vec::new();
    for &(action, decoder) in DECODERS {
        let outcome = match decoder {
            Decoder::Call(decode) => match client.call_raw(action, json!({})).await {
                Ok(data) => decode(&data.to_string())
                    .map(|()| data)
                    .map_err(|error| error.to_string()),
                Err(error) => Err(error.to_string()),
            },
            Decoder::Stream(decode) => stream_frames(client, action, decode).await,
        };
        match outcome {
            Ok(data) => answers.push((action, data)),
            Err(error) => failures.push(format!("{action}: {error}")),
        }
    }
    if failures.is_empty() {
        Ok(answers)
    } else {
        Err(failures.join("\n").into())
    }
}

async fn stream_frames(
    client: &Client,
    action: &str,
    decode: fn(&str) -> Result<(), serde_json::Error>,
) -> Result<Value, String> {
    let mut stream = client
        .stream_raw(action, json!({}))
        .await
        .map_err(|error| error.to_string())?;
    let mut frames = Vec::new();
    while let Some(frame) = stream.next().await {
        let frame = frame.map_err(|error| error.to_string())?;
        decode(&frame.to_string()).map_err(|error| error.to_string())?;
        frames.push(frame);
        if frames.len() > MAX_FRAMES {
            return Err(format!("more than {MAX_FRAMES} frames"));
        }
    }
    Ok(Value::Array(frames))
}

/// The schema's actions whose reply NapCat sends as `null` (no reply, or an
/// optional one), sorted.
fn null_actions() -> Result<Vec<String>, BoxError> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema");
    let schema = ncat_schema::load_dir(&dir).map_err(|diagnostics| diagnostics.to_string())?;
    let mut names: Vec<String> = schema
        .actions
        .iter()
        .filter(|action| {
            matches!(
                action.reply,
                Reply::Nothing | Reply::Type { optional: true, .. }
            )
        })
        .map(|action| action.wire_name.clone())
        .collect();
    names.sort();
    Ok(names)
}

/// Every action decodes, and exactly those NapCat answers with `null`
/// answer `null`.
async fn check_every_action(client: &Client) -> TestResult {
    let answers = answers(client).await?;
    assert_eq!(answers.len(), 175);
    let mut null: Vec<String> = answers
        .iter()
        .filter(|(_, data)| data.is_null())
        .map(|(action, _)| (*action).to_owned())
        .collect();
    null.sort();
    assert_eq!(null, null_actions()?);
    // Typed replies are answered, not left `null`.
    let typed = answers
        .iter()
        .find(|(action, _)| *action == "get_login_info");
    assert_eq!(
        typed.map(|(_, data)| data),
        Some(&json!({"user_id": 10001, "nickname": ""}))
    );
    Ok(())
}

#[tokio::test]
async fn every_action_answers_unscripted_with_a_reply_its_type_decodes_over_http() -> TestResult {
    let mock = MockNapCat::start().await?;
    let client = Client::builder().url(mock.url()).build()?;
    check_every_action(&client).await
}

#[tokio::test]
async fn every_action_answers_unscripted_with_a_reply_its_type_decodes_over_websocket() -> TestResult
{
    let mock = MockNapCat::start().await?;
    let client = Client::builder().url(mock.ws_url()).build()?;
    check_every_action(&client).await
}

#[tokio::test]
async fn sends_number_their_message_ids_and_forwards_their_res_ids() -> TestResult {
    let mock = MockNapCat::start().await?;
    let client = Client::builder().url(mock.url()).build()?;

    let first = client.send_group_msg(123456, "one").await?;
    let second = client.send_private_msg(10001, "two").await?;
    let forward = client
        .send_group_forward_msg(123456, ncat_api::Message::new())
        .await?;
    let third = client.send_msg("three").group_id(123456).await?;

    assert_eq!(
        [
            first.message_id,
            second.message_id,
            forward.message_id,
            third.message_id
        ],
        [1, 2, 3, 4].map(MessageId::new)
    );
    assert_eq!((first.res_id, first.forward_id), (None, None));
    assert_eq!(
        (forward.res_id.as_deref(), forward.forward_id.as_deref()),
        (Some("3"), Some("3"))
    );
    Ok(())
}

#[tokio::test]
async fn a_scripted_reply_wins_over_the_default() -> TestResult {
    let mock = MockNapCat::start().await?;
    let client = Client::builder().url(mock.ws_url()).build()?;
    mock.on_once("send_group_msg", MockReply::ok(json!({"message_id": 4242})));
    mock.on_once("get_login_info", MockReply::failed(1400, "no"));

    let scripted = client.send_group_msg(123456, "scripted").await?;
    let unscripted = client.send_group_msg(123456, "default").await?;
    let failure = client.get_login_info().await;
    let default = client.get_login_info().await?;

    assert_eq!(scripted.message_id, MessageId::new(4242));
    assert_eq!(unscripted.message_id, MessageId::new(1));
    assert!(
        matches!(failure, Err(ncat_api::Error::Action(_))),
        "{failure:?}"
    );
    assert_eq!(default.nickname, "");
    Ok(())
}
