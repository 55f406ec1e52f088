//! `Call`, `RawCall` and the shared call path, driven through a scripted
//! in-memory transport.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use ncat_api::{
    Action, BoxFuture, Client, Error, GroupId, Transport, TransportReply, TransportRequest, UserId,
};
use serde_json::json;

/// What a scripted transport answers.
#[derive(Debug, Clone)]
enum Script {
    Reply(&'static str),
    Fail,
    Hang,
}

/// Records every request and answers according to its script.
#[derive(Debug, Clone)]
struct Scripted {
    script: Script,
    seen: Arc<Mutex<Vec<TransportRequest>>>,
}

impl Scripted {
    fn new(script: Script) -> Self {
        Scripted {
            script,
            seen: Arc::default(),
        }
    }

    fn client(&self) -> Client {
        Client::with_transport(self.clone())
    }

    fn requests(&self) -> Vec<TransportRequest> {
        self.seen.lock().unwrap().clone()
    }
}

impl Transport for Scripted {
    fn send(&self, request: TransportRequest) -> BoxFuture<'static, Result<TransportReply, Error>> {
        let action = request.action.clone();
        self.seen.lock().unwrap().push(request);
        let script = self.script.clone();
        Box::pin(async move {
            match script {
                Script::Reply(body) => Ok(TransportReply::new(body)),
                Script::Fail => Err(Error::transport(action, "connection refused")),
                Script::Hang => std::future::pending().await,
            }
        })
    }
}

/// A hand-written action shaped like the generated ones.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
struct SetGroupBan {
    group_id: GroupId,
    user_id: UserId,
    #[serde(skip_serializing_if = "Option::is_none")]
    duration: Option<u32>,
}

impl Action for SetGroupBan {
    const NAME: &'static str = "set_group_ban";
    type Output = ();

    fn decode_output<'de, D: serde::Deserializer<'de>>(data: D) -> Result<(), D::Error> {
        <serde::de::IgnoredAny as serde::Deserialize>::deserialize(data).map(|_| ())
    }
}

fn ban() -> SetGroupBan {
    SetGroupBan {
        group_id: GroupId::new(123456),
        user_id: UserId::new(10001),
        duration: Some(60),
    }
}

#[derive(Debug, serde::Serialize)]
struct GetMsg {
    message_id: ncat_api::MessageId,
}

#[derive(Debug, PartialEq, serde::Deserialize)]
struct Msg {
    message_id: ncat_api::MessageId,
    sender: serde_json::Value,
}

impl Action for GetMsg {
    const NAME: &'static str = "get_msg";
    type Output = Msg;
}

#[tokio::test]
async fn typed_call_sends_name_and_params_and_decodes_data() {
    let transport = Scripted::new(Script::Reply(
        r#"{"status":"ok","retcode":0,"data":{"message_id":42,"sender":{"user_id":1}},"message":"","wording":"","echo":"x","stream":"normal-action"}"#,
    ));
    let msg = transport
        .client()
        .call(GetMsg {
            message_id: 42.into(),
        })
        .await
        .unwrap();
    assert_eq!(
        msg,
        Msg {
            message_id: 42.into(),
            sender: json!({"user_id": 1})
        }
    );

    let requests = transport.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].action, "get_msg");
    assert_eq!(requests[0].params.get(), r#"{"message_id":42}"#);
    assert_eq!(requests[0].timeout, Client::DEFAULT_TIMEOUT);
}

#[tokio::test]
async fn ids_go_out_as_strings_and_unset_options_are_omitted() {
    let transport = Scripted::new(Script::Reply(r#"{"status":"ok","retcode":0,"data":null}"#));
    let client = transport.client();
    client.call(ban()).await.unwrap();
    client
        .call(SetGroupBan {
            duration: None,
            ..ban()
        })
        .await
        .unwrap();
    let params: Vec<String> = transport
        .requests()
        .iter()
        .map(|request| request.params.get().to_owned())
        .collect();
    assert_eq!(
        params,
        [
            r#"{"group_id":"123456","user_id":"10001","duration":60}"#,
            r#"{"group_id":"123456","user_id":"10001"}"#,
        ]
    );
}

#[tokio::test]
async fn overridden_decode_output_ignores_filler_data() {
    let transport = Scripted::new(Script::Reply(r#"{"status":"ok","retcode":0,"data":{}}"#));
    transport.client().call(ban()).await.unwrap();
}

#[tokio::test]
async fn default_decode_output_reports_missing_data() {
    let transport = Scripted::new(Script::Reply(r#"{"status":"ok","retcode":0}"#));
    let error = transport
        .client()
        .call(GetMsg {
            message_id: 1.into(),
        })
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Decode { action, data, .. } if action == "get_msg" && data == "null"),
        "{error:?}"
    );
}

#[tokio::test]
async fn failed_envelope_is_an_action_error() {
    let transport = Scripted::new(Script::Reply(
        r#"{"status":"failed","retcode":1200,"data":null,"message":"不在群内","wording":"不在群内","echo":null}"#,
    ));
    match transport.client().call(ban()).await {
        Err(Error::Action(error)) => {
            assert_eq!(error.action, "set_group_ban");
            assert_eq!(error.retcode, 1200);
            assert_eq!(error.message, "不在群内");
            assert_eq!(error.kind(), ncat_api::ActionErrorKind::Failed);
        }
        other => panic!("expected an action error, got {other:?}"),
    }
}

#[tokio::test]
async fn transport_errors_pass_through() {
    let transport = Scripted::new(Script::Fail);
    let error = transport.client().call(ban()).await.unwrap_err();
    assert!(
        matches!(&error, Error::Transport { action, .. } if action == "set_group_ban"),
        "{error:?}"
    );
}

#[tokio::test]
async fn call_timeout_overrides_the_client_default() {
    let transport = Scripted::new(Script::Hang);
    let client = Client::builder()
        .transport(transport.clone())
        .timeout(Duration::from_millis(20))
        .build()
        .unwrap();

    let error = client.call(ban()).await.unwrap_err();
    assert!(
        matches!(&error, Error::Timeout { action, duration, .. }
            if action == "set_group_ban" && *duration == Duration::from_millis(20)),
        "{error:?}"
    );

    let error = client
        .call(ban())
        .call_timeout(Duration::from_millis(50))
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Timeout { duration, .. } if *duration == Duration::from_millis(50)),
        "{error:?}"
    );

    let timeouts: Vec<Duration> = transport.requests().iter().map(|r| r.timeout).collect();
    assert_eq!(
        timeouts,
        [Duration::from_millis(20), Duration::from_millis(50)]
    );
}

#[tokio::test]
async fn calls_can_be_spawned() {
    let transport = Scripted::new(Script::Reply(r#"{"status":"ok","retcode":0}"#));
    let client = transport.client();
    let task = tokio::spawn(client.call(ban()).into_future());
    task.await.unwrap().unwrap();
    let task = tokio::spawn(client.call_raw("get_status", json!({})).into_future());
    assert_eq!(task.await.unwrap().unwrap(), serde_json::Value::Null);
}

#[test]
fn call_exposes_its_request_before_sending() {
    let transport = Scripted::new(Script::Hang);
    let call = transport.client().call(ban());
    assert_eq!(call.request(), &ban());
    let debug = format!("{call:?}");
    assert!(debug.contains("set_group_ban"), "{debug}");
    assert!(debug.contains("123456"), "{debug}");
    assert_eq!(call.into_inner(), ban());
    assert!(transport.requests().is_empty());
}

#[tokio::test]
async fn unserializable_params_fail_before_sending() {
    #[derive(Debug)]
    struct Unserializable;
    impl serde::Serialize for Unserializable {
        fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
            Err(serde::ser::Error::custom("nope"))
        }
    }
    impl Action for Unserializable {
        const NAME: &'static str = "nope";
        type Output = serde_json::Value;
    }

    let transport = Scripted::new(Script::Hang);
    let error = transport.client().call(Unserializable).await.unwrap_err();
    assert!(
        matches!(&error, Error::Encode { action, .. } if action == "nope"),
        "{error:?}"
    );
    assert!(transport.requests().is_empty());
}

#[tokio::test]
async fn raw_call_returns_data_and_sends_params_verbatim() {
    let transport = Scripted::new(Script::Reply(
        r#"{"status":"ok","retcode":0,"data":{"app_name":"NapCat.Onebot","protocol_version":"v11"}}"#,
    ));
    let client = transport.client();
    let data = client
        .call_raw("get_version_info", json!({"a": [1, "2"]}))
        .call_timeout(Duration::from_secs(3))
        .await
        .unwrap();
    assert_eq!(
        data,
        json!({"app_name": "NapCat.Onebot", "protocol_version": "v11"})
    );
    let request = &transport.requests()[0];
    assert_eq!(request.action, "get_version_info");
    assert_eq!(request.params.get(), r#"{"a":[1,"2"]}"#);
    assert_eq!(request.timeout, Duration::from_secs(3));
}

#[tokio::test]
async fn raw_call_sends_null_params_as_an_empty_object() {
    let transport = Scripted::new(Script::Reply(r#"{"status":"ok","retcode":0}"#));
    let data = transport
        .client()
        .call_raw(String::from("send_poke"), serde_json::Value::Null)
        .await
        .unwrap();
    assert_eq!(data, serde_json::Value::Null);
    assert_eq!(transport.requests()[0].params.get(), "{}");
}

#[tokio::test]
async fn raw_call_reports_garbage_as_malformed() {
    let transport = Scripted::new(Script::Reply("<html>nginx</html>"));
    let error = transport
        .client()
        .call_raw("get_status", json!({}))
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::MalformedReply { action, body, .. }
            if action == "get_status" && body == "<html>nginx</html>"),
        "{error:?}"
    );
}

/// Property tests: `PROPTEST_CASES` cases each (default 256).
mod properties {
    use proptest::prelude::*;
    use serde_json::Value;

    use super::*;

    /// Answers every call with the same body.
    #[derive(Debug)]
    struct Canned(String);

    impl Transport for Canned {
        fn send(&self, _: TransportRequest) -> BoxFuture<'static, Result<TransportReply, Error>> {
            let body = self.0.clone();
            Box::pin(async move { Ok(TransportReply::new(body)) })
        }
    }

    /// The reply to `get_login_info` when the server answers `body`.
    fn replies(body: String) -> (Result<Value, Error>, Result<ncat_api::types::User, Error>) {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap();
        let client = Client::with_transport(Canned(body));
        runtime.block_on(async {
            let raw = client.call_raw("get_login_info", json!({})).await;
            (raw, client.get_login_info().await)
        })
    }

    fn json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            ".{0,8}".prop_map(Value::from),
        ];
        leaf.prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                prop::collection::btree_map(
                    prop::sample::select(vec![
                        "user_id", "nickname", "status", "retcode", "data", "x"
                    ]),
                    inner,
                    0..4,
                )
                .prop_map(|map| Value::Object(
                    map.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
                )),
            ]
        })
    }

    proptest! {
        #[test]
        fn any_body_resolves_without_panicking(body in prop_oneof![".{0,64}", json().prop_map(|value| value.to_string())]) {
            let (raw, typed) = replies(body.clone());
            for error in [raw.err(), typed.err()].into_iter().flatten() {
                prop_assert!(
                    matches!(error, Error::MalformedReply { .. } | Error::Action(_) | Error::Decode { .. }),
                    "{}: {:?}", body, error
                );
            }
        }

        #[test]
        fn ok_envelopes_yield_their_data(data in json(), user_id in any::<i64>(), nickname in ".{0,12}") {
            let body = json!({"status": "ok", "retcode": 0, "data": data, "message": "", "wording": ""});
            let (raw, _) = replies(body.to_string());
            prop_assert_eq!(raw.unwrap(), data);

            let user = json!({"user_id": user_id, "nickname": nickname});
            let body = json!({"status": "ok", "retcode": 0, "data": user});
            let (_, typed) = replies(body.to_string());
            let typed = typed.unwrap();
            prop_assert_eq!(typed.user_id, UserId::new(user_id));
            prop_assert_eq!(typed.nickname, nickname);
        }

        #[test]
        fn failed_envelopes_are_action_errors(retcode in any::<i64>(), message in ".{0,16}", wording in ".{0,16}") {
            let body = json!({"status": "failed", "retcode": retcode, "data": null, "message": message, "wording": wording});
            let (raw, typed) = replies(body.to_string());
            for error in [raw.unwrap_err(), typed.unwrap_err()] {
                let Error::Action(error) = error else { panic!("{error:?}") };
                prop_assert_eq!(error.retcode, retcode);
                prop_assert_eq!(&error.message, &message);
                prop_assert_eq!(&error.wording, &wording);
                prop_assert_eq!(error.action, "get_login_info");
            }
        }
    }
}

// ---- what a bot adds to a built-in action (`extend:`, `extra_param`, `with_data`)

#[tokio::test]
async fn extra_params_go_after_the_actions_own_and_the_last_value_wins() {
    let transport = Scripted::new(Script::Reply(r#"{"status":"ok","retcode":0,"data":null}"#));
    transport
        .client()
        .call(ban())
        .extra_param("reason", "spam")
        .extra_param("notify", true)
        .extra_param("reason", "flood")
        .await
        .unwrap();
    let requests = transport.requests();
    assert_eq!(
        requests[0].params.get(),
        r#"{"group_id":"123456","user_id":"10001","duration":60,"reason":"flood","notify":true}"#
    );
}

#[tokio::test]
async fn an_extra_param_that_does_not_serialize_fails_the_call_before_sending() {
    let transport = Scripted::new(Script::Hang);
    // JSON object keys must be strings.
    let bad = std::collections::BTreeMap::from([((1, 2), 3)]);
    let error = transport
        .client()
        .call(ban())
        .extra_param("bad", bad)
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Encode { action, .. } if action == "set_group_ban"),
        "{error:?}"
    );
    assert!(transport.requests().is_empty());
}

#[tokio::test]
async fn with_data_keeps_the_data_beside_the_typed_reply() {
    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Newer {
        real_seq: String,
    }
    let transport = Scripted::new(Script::Reply(
        r#"{"status":"ok","retcode":0,"data":{"message_id":42,"sender":{"user_id":1},"real_seq":"8841"}}"#,
    ));
    let msg = transport
        .client()
        .call(GetMsg {
            message_id: 42.into(),
        })
        .with_data()
        .await
        .unwrap();
    // The typed reply, read as without `with_data`, through `Deref`.
    assert_eq!(msg.message_id, 42.into());
    assert_eq!(
        msg.decode::<Newer>().unwrap(),
        Newer {
            real_seq: "8841".into()
        }
    );
    assert_eq!(
        msg.data().map(|data| data.get()),
        Some(r#"{"message_id":42,"sender":{"user_id":1},"real_seq":"8841"}"#)
    );
    assert!(msg.decode::<Msg>().is_ok());
    assert_eq!(msg.into_reply().sender, json!({"user_id": 1}));
    // Sent exactly as the call without `with_data`.
    assert_eq!(transport.requests()[0].action, "get_msg");
    assert_eq!(transport.requests()[0].params.get(), r#"{"message_id":42}"#);
}

#[tokio::test]
async fn with_data_of_an_action_answering_null() {
    let transport = Scripted::new(Script::Reply(r#"{"status":"ok","retcode":0,"data":null}"#));
    let done = transport.client().call(ban()).with_data().await.unwrap();
    assert!(done.data().is_none());
    assert_eq!(done.decode::<Option<i64>>().unwrap(), None);
}
