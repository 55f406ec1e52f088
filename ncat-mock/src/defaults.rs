//! What the mock answers to calls nobody scripted: for every action of ncat's schema (and those
//! a bot adds with `ncat_api::extend!`), a reply that decodes into the action's typed reply.

use std::collections::HashMap;
use std::io;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::Deserialize;
use serde_json::Value;

use crate::reply::MockReply;

/// ncat's schema, baked in: every action's wire name and its answer as JSON, generated from
/// the reply's type (or the schema's `example:`) by `ncat_schema::mock`.
const BUILT_IN: &[(&str, &str)] = ncat_codegen::mock_replies!("schema");

/// The action that says which account NapCat is logged in as.
const GET_LOGIN_INFO: &str = "get_login_info";

/// The default answer of every known action, and the counter sends number their ids with.
#[derive(Debug)]
pub(crate) struct Defaults {
    answers: HashMap<String, DefaultAnswer>,
    /// The last number handed out; the first send gets 1.
    sent: AtomicU64,
}

/// One entry of a table, as `ncat_schema::mock::MockAnswer::to_json` writes it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    #[serde(default)]
    data: Value,
    #[serde(default)]
    count: Vec<String>,
    frames: Option<Vec<Value>>,
}

#[derive(Debug)]
enum DefaultAnswer {
    /// `ok` with `data`, whose top-level `counted` keys take the next number.
    Data { data: Value, counted: Vec<String> },
    /// A stream action's frames.
    Frames(Vec<Value>),
}

impl Defaults {
    /// ncat's defaults, then `extra` (a bot's own actions), which win for the actions both have.
    /// The account's own identity answers as `self_id`, the account the mock plays, so that
    /// `get_login_info` agrees with its events.
    pub(crate) fn new(extra: &[(String, String)], self_id: i64) -> io::Result<Self> {
        let built_in = BUILT_IN.iter().map(|(action, entry)| (*action, *entry));
        let extra = extra
            .iter()
            .map(|(action, entry)| (action.as_str(), entry.as_str()));
        let mut answers = HashMap::new();
        for (action, entry) in built_in.chain(extra) {
            let entry: Entry = serde_json::from_str(entry).map_err(|error| {
                io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!("the default reply of `{action}` is not one `extend!` writes: {error}"),
                )
            })?;
            let answer = match entry.frames {
                Some(frames) => DefaultAnswer::Frames(frames),
                None => DefaultAnswer::Data {
                    data: entry.data,
                    counted: entry.count,
                },
            };
            answers.insert(action.to_owned(), answer);
        }
        if let Some(DefaultAnswer::Data {
            data: Value::Object(login),
            ..
        }) = answers.get_mut(GET_LOGIN_INFO)
        {
            login.insert("user_id".to_owned(), Value::from(self_id));
        }
        Ok(Self {
            answers,
            sent: AtomicU64::new(0),
        })
    }

    /// The answer to an unscripted call of `action`; `None` for an action no table has.
    pub(crate) fn reply(&self, action: &str) -> Option<MockReply> {
        Some(match self.answers.get(action)? {
            DefaultAnswer::Frames(frames) => MockReply::stream(frames.iter().cloned()),
            DefaultAnswer::Data { data, counted } if counted.is_empty() => {
                MockReply::ok(data.clone())
            }
            DefaultAnswer::Data { data, counted } => {
                let number = self.sent.fetch_add(1, Ordering::Relaxed) + 1;
                let mut data = data.clone();
                if let Value::Object(object) = &mut data {
                    for key in counted {
                        if let Some(value) = object.get_mut(key) {
                            *value = match value {
                                Value::String(_) => Value::String(number.to_string()),
                                _ => Value::from(number),
                            };
                        }
                    }
                }
                MockReply::ok(data)
            }
        })
    }
}
