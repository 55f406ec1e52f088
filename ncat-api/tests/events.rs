//! Event fixtures (one per event NapCat sends, modelled on NapCat v4.18's event classes) decode
//! into their typed variants; unknown events arrive as `Event::Unknown` with the raw JSON; quick
//! operations send the right actions.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::Path;
use std::time::Duration;

use ncat_api::event::{
    AdminChange, BanKind, DecreaseKind, Event, GroupRequestKind, MessageEvent, MetaEvent,
    NoticeEvent, PrivateMessageKind, RequestEvent, Role,
};
use ncat_api::{Client, GroupId, MessageId, ReceivedSegment, UserId};
use ncat_mock::{MockNapCat, MockReply};
use serde_json::{Value, json};

/// `post_type.kind` of a decoded event, matching the fixture file names.
fn label(event: &Event) -> String {
    let label = match event {
        Event::Message(MessageEvent::Private(_)) => "message.private",
        Event::Message(MessageEvent::Group(_)) => "message.group",
        Event::MessageSent(MessageEvent::Group(_)) => "message_sent.group",
        Event::MessageSent(MessageEvent::Private(_)) => "message_sent.private",
        Event::Notice(notice) => match notice {
            NoticeEvent::GroupUpload(_) => "notice.group_upload",
            NoticeEvent::GroupAdmin(_) => "notice.group_admin",
            NoticeEvent::GroupDecrease(_) => "notice.group_decrease",
            NoticeEvent::GroupIncrease(_) => "notice.group_increase",
            NoticeEvent::GroupBan(_) => "notice.group_ban",
            NoticeEvent::FriendAdd(_) => "notice.friend_add",
            NoticeEvent::GroupRecall(_) => "notice.group_recall",
            NoticeEvent::FriendRecall(_) => "notice.friend_recall",
            NoticeEvent::Poke(_) => "notice.poke",
            NoticeEvent::LuckyKing(_) => "notice.lucky_king",
            NoticeEvent::Honor(_) => "notice.honor",
            NoticeEvent::GroupName(_) => "notice.group_name",
            NoticeEvent::Title(_) => "notice.title",
            NoticeEvent::ProfileLike(_) => "notice.profile_like",
            NoticeEvent::InputStatus(_) => "notice.input_status",
            NoticeEvent::GrayTip(_) => "notice.gray_tip",
            NoticeEvent::GroupCard(_) => "notice.group_card",
            NoticeEvent::Essence(_) => "notice.essence",
            NoticeEvent::EmojiLike(_) => "notice.emoji_like",
            NoticeEvent::BotOffline(_) => "notice.bot_offline",
            NoticeEvent::OnlineFileReceive(_) => "notice.online_file_receive",
            NoticeEvent::OnlineFileSend(_) => "notice.online_file_send",
            other => panic!("no label for {other:?}"),
        },
        Event::Request(RequestEvent::Friend(_)) => "request.friend",
        Event::Request(RequestEvent::Group(_)) => "request.group",
        Event::Meta(MetaEvent::Lifecycle(_)) => "meta_event.lifecycle",
        Event::Meta(MetaEvent::Heartbeat(_)) => "meta_event.heartbeat",
        Event::Unknown(_) => "unknown",
        other => panic!("no label for {other:?}"),
    };
    label.to_owned()
}

/// Every fixture: `(name, json)`, where the name up to a `+` is the expected label.
fn fixtures() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/events");
    let mut fixtures: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            let name = path.file_stem().unwrap().to_str().unwrap().to_owned();
            (name, fs::read_to_string(&path).unwrap())
        })
        .collect();
    fixtures.sort();
    fixtures
}

fn fixture(name: &str) -> Event {
    let (_, json) = fixtures()
        .into_iter()
        .find(|(fixture, _)| fixture == name)
        .unwrap_or_else(|| panic!("no fixture {name}"));
    Event::from_json(&json).unwrap()
}

#[test]
fn every_fixture_decodes_into_its_variant() {
    let fixtures = fixtures();
    assert!(fixtures.len() >= 40, "{} fixtures", fixtures.len());
    for (name, json) in &fixtures {
        let expected = name.split('+').next().unwrap();
        let event = Event::from_json(json).unwrap();
        assert_eq!(label(&event), expected, "{name}: {event:#?}");
    }
}

#[test]
fn every_notice_and_event_kind_has_a_fixture() {
    let labels: std::collections::BTreeSet<String> = fixtures()
        .iter()
        .map(|(name, _)| name.split('+').next().unwrap().to_owned())
        .collect();
    for expected in [
        "message.private",
        "message.group",
        "message_sent.group",
        "notice.group_upload",
        "notice.group_admin",
        "notice.group_decrease",
        "notice.group_increase",
        "notice.group_ban",
        "notice.friend_add",
        "notice.group_recall",
        "notice.friend_recall",
        "notice.poke",
        "notice.lucky_king",
        "notice.honor",
        "notice.group_name",
        "notice.title",
        "notice.profile_like",
        "notice.input_status",
        "notice.gray_tip",
        "notice.group_card",
        "notice.essence",
        "notice.emoji_like",
        "notice.bot_offline",
        "notice.online_file_receive",
        "notice.online_file_send",
        "request.friend",
        "request.group",
        "meta_event.lifecycle",
        "meta_event.heartbeat",
        "unknown",
    ] {
        assert!(labels.contains(expected), "no fixture for {expected}");
    }
}

#[test]
fn message_fields_are_typed() {
    let Event::Message(MessageEvent::Group(group)) = fixture("message.group") else {
        panic!("not a group message");
    };
    assert_eq!(group.group_id, GroupId::new(123456));
    assert_eq!(group.user_id, UserId::new(10002));
    assert_eq!(group.message_id, MessageId::new(1588762139));
    assert_eq!(group.group_name.as_deref(), Some("Test group"));
    assert_eq!(group.sender.role, Some(Role::Member));
    assert_eq!(group.real_seq.as_deref(), Some("8841"));
    assert_eq!(group.message_seq, Some(1588762139));
    assert_eq!(group.message.plain_text(), " hi");
    let ReceivedSegment::At(at) = &group.message.segments()[0] else {
        panic!("not a mention");
    };
    assert_eq!(at.name.as_deref(), Some("ncat-bot"));

    // `message_seq` is read from a numeric string too, and may be absent.
    let (_, private) = fixtures()
        .into_iter()
        .find(|(name, _)| name == "message.private")
        .unwrap();
    let mut private: Value = serde_json::from_str(&private).unwrap();
    for (seq, expected) in [(json!("8841"), Some(8841)), (json!(null), None)] {
        private["message_seq"] = seq;
        let Ok(Event::Message(MessageEvent::Private(message))) =
            serde_json::from_value::<Event>(private.clone())
        else {
            panic!("not a private message");
        };
        assert_eq!(message.message_seq, expected);
    }

    let Event::Message(MessageEvent::Private(temp)) = fixture("message.private+temp") else {
        panic!("not a private message");
    };
    assert_eq!(temp.sub_type, PrivateMessageKind::Group);
    assert_eq!(temp.group_id, Some(GroupId::new(123456)));

    // NapCat's `messagePostFormat: "string"` sends CQ codes; they are parsed.
    let Event::Message(cq) = fixture("message.private+cq_string") else {
        panic!("not a message");
    };
    assert_eq!(cq.message().plain_text(), "hi");
    assert_eq!(cq.message().segments().len(), 2);

    // An unknown segment kind does not make the event unknown.
    let Event::Message(unknown_segment) = fixture("message.group+unknown_segment") else {
        panic!("not a message");
    };
    assert_eq!(unknown_segment.message().segments().len(), 2);
    assert_eq!(unknown_segment.group_id(), Some(GroupId::new(123456)));
}

#[test]
fn notice_fields_are_typed() {
    let Event::Notice(NoticeEvent::GroupBan(ban)) = fixture("notice.group_ban+whole_group") else {
        panic!("not a ban");
    };
    assert_eq!(ban.sub_type, BanKind::Ban);
    assert_eq!(ban.user_id, UserId::new(0));
    assert_eq!(ban.duration, -1);

    let Event::Notice(NoticeEvent::GroupDecrease(gone)) = fixture("notice.group_decrease+disband")
    else {
        panic!("not a decrease");
    };
    assert_eq!(gone.sub_type, DecreaseKind::Disband);

    let Event::Notice(NoticeEvent::Poke(poke)) = fixture("notice.poke+friend") else {
        panic!("not a poke");
    };
    assert_eq!(poke.group_id, None);
    assert_eq!(poke.sender_id, Some(UserId::new(10002)));

    let Event::Notice(NoticeEvent::EmojiLike(like)) = fixture("notice.emoji_like") else {
        panic!("not an emoji like");
    };
    assert_eq!(like.likes[0].emoji_id, "76");
    assert_eq!(like.is_add, Some(true));

    let Event::Notice(NoticeEvent::GroupUpload(upload)) = fixture("notice.group_upload") else {
        panic!("not an upload");
    };
    assert_eq!(upload.file.name, "report.pdf");
    assert_eq!(upload.file.size, 48213);
}

#[test]
fn unknown_events_keep_their_raw_json() {
    for (name, json) in fixtures() {
        if !name.starts_with("unknown") {
            continue;
        }
        let raw: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(
            Event::from_json(&json).unwrap(),
            Event::Unknown(raw),
            "{name}"
        );
    }
    let event = fixture("unknown+post_type");
    assert_eq!(event.post_type(), Some("message_reaction"));
}

#[test]
fn events_decode_through_serde_and_only_non_json_fails() {
    let event: Event = serde_json::from_value(json!({"post_type": "meta_event", "meta_event_type": "lifecycle", "time": 1, "self_id": 1, "sub_type": "connect"})).unwrap();
    assert_eq!(label(&event), "meta_event.lifecycle");
    assert_eq!(event.post_type(), Some("meta_event"));
    assert!(Event::from_json("not json").is_err());
    assert_eq!(
        Event::from_json("[1,2]").unwrap(),
        Event::Unknown(json!([1, 2]))
    );
}

// ---- quick operations --------------------------------------------------------------------------

async fn mock_and_client() -> (MockNapCat, Client) {
    let mock = MockNapCat::start().await.unwrap();
    let client = Client::builder()
        .url(mock.url())
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    (mock, client)
}

#[tokio::test]
async fn a_group_reply_quotes_the_message_and_a_ban_mutes_the_sender() {
    let (mock, client) = mock_and_client().await;
    mock.on("send_group_msg", MockReply::ok(json!({"message_id": 5})));
    let Event::Message(MessageEvent::Group(message)) = fixture("message.group") else {
        panic!("not a group message");
    };

    let sent = message.reply(&client, "pong").await.unwrap();
    assert_eq!(sent.message_id, MessageId::new(5));
    let request = mock.last_request().unwrap();
    assert_eq!(request.action, "send_group_msg");
    assert_eq!(request.params["group_id"], "123456");
    assert_eq!(
        request.params["message"],
        json!([
            {"type": "reply", "data": {"id": "1588762139"}},
            {"type": "text", "data": {"text": "pong"}},
        ])
    );

    message
        .ban(&client, Duration::from_secs(600))
        .await
        .unwrap();
    let request = mock.last_request().unwrap();
    assert_eq!(request.action, "set_group_ban");
    assert_eq!(request.params["user_id"], "10002");
    assert_eq!(request.params["duration"], 600);
}

#[tokio::test]
async fn a_private_reply_in_a_temporary_chat_goes_through_its_group() {
    let (mock, client) = mock_and_client().await;
    mock.on("send_private_msg", MockReply::ok(json!({"message_id": 6})));
    let Event::Message(MessageEvent::Private(message)) = fixture("message.private+temp") else {
        panic!("not a private message");
    };
    message.reply(&client, "hi").await.unwrap();
    let request = mock.last_request().unwrap();
    assert_eq!(request.action, "send_private_msg");
    assert_eq!(request.params["user_id"], "10003");
    assert_eq!(request.params["group_id"], "123456");
}

#[tokio::test]
async fn quick_operations_send_the_event_as_context() {
    let (mock, client) = mock_and_client().await;
    mock.on(".handle_quick_operation", MockReply::ok_without_data());

    let Event::Request(RequestEvent::Group(request)) = fixture("request.group") else {
        panic!("not a group request");
    };
    assert_eq!(request.sub_type, GroupRequestKind::Add);
    request.reject(&client, "full").await.unwrap();
    let sent = mock.last_request().unwrap();
    assert_eq!(sent.action, ".handle_quick_operation");
    assert_eq!(sent.params["context"]["flag"], "1718000002");
    assert_eq!(sent.params["context"]["sub_type"], "add");
    assert_eq!(sent.params["context"]["request_type"], "group");
    assert_eq!(
        sent.params["operation"],
        json!({"approve": false, "reason": "full"})
    );

    let Event::Request(RequestEvent::Friend(friend)) = fixture("request.friend") else {
        panic!("not a friend request");
    };
    friend.approve(&client).await.unwrap();
    let sent = mock.last_request().unwrap();
    assert_eq!(sent.params["context"]["flag"], "1718000001");
    assert_eq!(sent.params["operation"], json!({"approve": true}));

    let Event::Message(message) = fixture("message.group") else {
        panic!("not a message");
    };
    message.quick_reply(&client, "ok", true).await.unwrap();
    let sent = mock.last_request().unwrap();
    assert_eq!(sent.params["context"]["message_type"], "group");
    assert_eq!(sent.params["context"]["message_id"], 1588762139);
    assert_eq!(sent.params["operation"]["at_sender"], true);
    assert_eq!(
        sent.params["operation"]["reply"],
        json!([{"type": "text", "data": {"text": "ok"}}])
    );
}

/// Property tests: `PROPTEST_CASES` cases each (default 256).
mod properties {
    use proptest::prelude::*;
    use serde_json::{Map, Value};

    use super::*;

    /// Field names events and segments use, so mutations hit real fields.
    const KEYS: &[&str] = &[
        "post_type",
        "message_type",
        "notice_type",
        "request_type",
        "meta_event_type",
        "sub_type",
        "self_id",
        "user_id",
        "group_id",
        "operator_id",
        "target_id",
        "time",
        "message_id",
        "message",
        "raw_message",
        "sender",
        "font",
        "duration",
        "comment",
        "flag",
        "status",
        "interval",
        "type",
        "data",
        "text",
        "qq",
        "id",
        "file",
        "lat",
        "lon",
        "content",
        "nickname",
        "role",
    ];

    /// Strings NapCat puts in those fields, and some it does not.
    const WORDS: &[&str] = &[
        "",
        "message",
        "message_sent",
        "notice",
        "request",
        "meta_event",
        "private",
        "group",
        "friend",
        "normal",
        "notify",
        "poke",
        "lifecycle",
        "heartbeat",
        "connect",
        "at",
        "text",
        "face",
        "image",
        "location",
        "node",
        "10001",
        "-1",
        "1.5",
        "NaN",
        "1e999",
        "all",
        "[CQ:face,id=14]",
        "é",
    ];

    fn leaf() -> impl Strategy<Value = Value> {
        prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            prop::sample::select(WORDS).prop_map(Value::from),
        ]
    }

    fn object(values: impl Strategy<Value = Value>) -> impl Strategy<Value = Value> {
        prop::collection::vec((prop::sample::select(KEYS), values), 0..5).prop_map(|entries| {
            let map: Map<String, Value> = entries
                .into_iter()
                .map(|(key, value)| (key.to_owned(), value))
                .collect();
            Value::Object(map)
        })
    }

    fn json() -> impl Strategy<Value = Value> {
        leaf().prop_recursive(3, 24, 5, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
                object(inner),
            ]
        })
    }

    /// A message in array form: segments of known and unknown types with
    /// random data.
    fn segments() -> impl Strategy<Value = Value> {
        let segment = (prop::sample::select(WORDS), object(json()))
            .prop_map(|(kind, data)| json!({"type": kind, "data": data}));
        prop::collection::vec(segment, 0..5).prop_map(Value::Array)
    }

    /// A fixture event with some fields replaced, added or removed.
    fn mutated_event() -> impl Strategy<Value = Value> {
        let events: Vec<Value> = fixtures()
            .into_iter()
            .map(|(_, json)| serde_json::from_str(&json).unwrap())
            .collect();
        let change = (
            prop::sample::select(KEYS),
            prop::option::weighted(0.9, prop_oneof![json(), segments()]),
        );
        (
            prop::sample::select(events),
            prop::collection::vec(change, 0..4),
        )
            .prop_map(|(mut event, changes)| {
                let object = event.as_object_mut().unwrap();
                for (key, value) in changes {
                    match value {
                        Some(value) => object.insert(key.to_owned(), value),
                        None => object.remove(key),
                    };
                }
                event
            })
    }

    proptest! {
        #[test]
        fn decoding_never_panics_and_keeps_what_it_does_not_know(value in prop_oneof![mutated_event(), json()]) {
            let event = Event::from_value(value.clone());
            // Decoding the text gives the same event, floats included.
            prop_assert_eq!(&Event::from_json(&value.to_string()).unwrap(), &event);
            match &event {
                Event::Unknown(raw) => prop_assert_eq!(raw, &value),
                Event::Message(MessageEvent::Private(message)) => {
                    let again = serde_json::to_value(&message.message).unwrap();
                    prop_assert_eq!(&serde_json::from_value::<ncat_api::ReceivedMessage>(again).unwrap(), &message.message);
                }
                Event::Message(MessageEvent::Group(message)) => {
                    let again = serde_json::to_value(&message.message).unwrap();
                    prop_assert_eq!(&serde_json::from_value::<ncat_api::ReceivedMessage>(again).unwrap(), &message.message);
                }
                _ => {}
            }
        }
    }
}

// ---- forward compatibility ---------------------------------------------------------------------

#[test]
fn an_unseen_sub_type_keeps_the_event_typed() {
    let Event::Notice(NoticeEvent::GroupAdmin(admin)) =
        fixture("notice.group_admin+unseen_sub_type")
    else {
        panic!("not a group_admin notice");
    };
    assert_eq!(admin.sub_type, AdminChange::Unrecognized("transfer".into()));
    assert_eq!(admin.sub_type.as_str(), "transfer");
    assert_eq!(admin.group_id, GroupId::new(123456));

    let Event::Notice(NoticeEvent::GroupDecrease(gone)) =
        fixture("notice.group_decrease+unseen_sub_type_and_field")
    else {
        panic!("not a group_decrease notice");
    };
    assert_eq!(
        gone.sub_type,
        DecreaseKind::Unrecognized("kick_by_robot".into())
    );
    assert_eq!(gone.operator_id, Some(UserId::new(10003)));

    // Known values still decode to their variants, and write back the same.
    for (wire, kind) in [
        ("leave", DecreaseKind::Leave),
        ("kick_me", DecreaseKind::KickMe),
    ] {
        assert_eq!(
            serde_json::from_value::<DecreaseKind>(json!(wire)).unwrap(),
            kind
        );
        assert_eq!(serde_json::to_value(&kind).unwrap(), json!(wire));
    }
    let request: Value = serde_json::from_str(
        r#"{"time":1,"self_id":1,"post_type":"request","request_type":"group","sub_type":"invite_via_link","group_id":2,"user_id":3,"comment":"","flag":"f"}"#,
    )
    .unwrap();
    let Event::Request(RequestEvent::Group(request)) = Event::from_value(request) else {
        panic!("not a group request");
    };
    assert_eq!(
        request.sub_type,
        GroupRequestKind::Unrecognized("invite_via_link".into())
    );
}

#[test]
fn keys_without_a_field_are_kept_readable_and_written_back() {
    let (_, json) = fixtures()
        .into_iter()
        .find(|(name, _)| name == "notice.group_decrease+unseen_sub_type_and_field")
        .unwrap();
    let event = Event::from_json(&json).unwrap();
    let reason = json!({"code": 7, "text": "spam"});
    assert_eq!(event.extra("reason"), Some(&reason));
    assert_eq!(event.extra("group_id"), None, "a typed field is not extra");
    assert_eq!(event.extra("post_type"), None, "a tag is not extra");
    let Event::Notice(NoticeEvent::GroupDecrease(gone)) = &event else {
        panic!("not a group_decrease notice");
    };
    assert_eq!(gone.extra("reason"), Some(&reason));
    assert_eq!(gone.extras().len(), 1);
    // Written back, the event is the JSON NapCat sent, extra key included.
    let original: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(serde_json::to_value(&event).unwrap(), original);
    // And decoding from a `Value` keeps it the same way.
    assert_eq!(Event::from_value(original), event);
}

#[test]
fn every_typed_fixture_is_written_back_as_received() {
    for (name, json) in fixtures() {
        let event = Event::from_json(&json).unwrap();
        let original: Value = serde_json::from_str(&json).unwrap();
        let written = serde_json::to_value(&event).unwrap();
        // A CQ-code message is written back as segments.
        if name != "message.private+cq_string" {
            assert_eq!(written, original, "{name}");
        }
        assert_eq!(Event::from_value(written), event, "{name}");
    }
}

#[test]
fn napcat_gap_fields_decode() {
    let Event::Notice(NoticeEvent::Essence(essence)) = fixture("notice.essence+no_message_id")
    else {
        panic!("an essence notice without message_id is still typed");
    };
    assert_eq!(essence.message_id, None);
    assert_eq!(essence.user_id, Some(UserId::new(10002)));
    let Event::Notice(NoticeEvent::Essence(essence)) = fixture("notice.essence") else {
        panic!("not an essence notice");
    };
    assert_eq!(essence.message_id, Some(MessageId::new(1588762139)));

    let Event::Message(MessageEvent::Group(group)) = fixture("message.group") else {
        panic!("not a group message");
    };
    assert_eq!(group.real_id, Some(MessageId::new(1588762139)));
    assert_eq!(group.font, Some(14));
    assert_eq!(group.message_format.as_deref(), Some("array"));
    assert!(group.extras().is_empty(), "{:?}", group.extras());

    let Event::MessageSent(MessageEvent::Group(own)) = fixture("message_sent.group") else {
        panic!("not an own group message");
    };
    assert_eq!(own.message_sent_type.as_deref(), Some("self"));
    assert_eq!(own.target_id, Some(GroupId::new(123456)));

    let Event::Message(MessageEvent::Private(temp)) = fixture("message.private+temp") else {
        panic!("not a private message");
    };
    assert_eq!(temp.temp_source, Some(0));
}
