//! What the mock NapCat (`ncat-mock`) answers to a call nobody scripted: a
//! reply that decodes into the action's typed reply, generated from the
//! reply's type, or the `example:` the schema gives.
//!
//! The generated data fills every required field and leaves the optional
//! ones out; lists are empty, enums their first value, strings empty.
//! Numbers are `0` except where NapCat never sends zero: ids (`UserId`
//! 10001, `GroupId` 123456, `MessageId` and integer `…_id` / `…seq` fields
//! 1; string ids `"1"`) and times (`time`, `…_time`, `…Time`: 1700000000,
//! where the width allows). An action whose reply NapCat sends as `null`
//! (no `reply`, or an `optional` one) answers `null`.
//!
//! The six actions that send a message (those with a `Message` parameter)
//! count: each unscripted answer's `…_id` fields (`message_id`, and
//! `res_id`/`forward_id` where the example has them) carry the next number
//! of a counter the mock keeps, so a test can tell replies apart.
//!
//! [`table`] is the form the mock takes: one entry per action, its wire name
//! and the answer as JSON (see [`MockAnswer::to_json`]).

use std::collections::HashMap;

use serde_json::{Map, Value, json};

use crate::base::Base;
use crate::model::{Action, Field, Reply, Schema, SharedType, SharedTypeKind};
use crate::ty::TypeExpr;

/// What the mock answers to an unscripted call of one action.
#[derive(Debug, Clone, PartialEq)]
pub enum MockAnswer {
    /// `status: "ok"` with this `data`; the top-level keys in `counted`
    /// take the next value of the mock's counter on every answer.
    Data {
        /// The reply's `data`.
        data: Value,
        /// Keys of `data` (an object) that count up.
        counted: Vec<String>,
    },
    /// A stream action's frames, the last one final (`type: "response"`).
    Frames(Vec<Value>),
}

impl MockAnswer {
    /// The answer as the mock's table holds it:
    /// `{"data": …, "count": [keys…]}` (`count` left out when empty) or
    /// `{"frames": […]}`.
    pub fn to_json(&self) -> String {
        let answer = match self {
            MockAnswer::Data { data, counted } if counted.is_empty() => json!({"data": data}),
            MockAnswer::Data { data, counted } => json!({"data": data, "count": counted}),
            MockAnswer::Frames(frames) => json!({"frames": frames}),
        };
        answer.to_string()
    }
}

/// The answer to an unscripted call of `action`, whose named types are
/// looked up in `types`.
pub fn answer<'a>(action: &Action, types: &dyn Fn(&str) -> Option<&'a SharedType>) -> MockAnswer {
    let defaults = Defaults { types };
    if let Reply::Frames { ty, .. } = &action.reply {
        let frames = match &action.reply_example {
            Some(Value::Array(frames)) => frames.clone(),
            _ => vec![defaults.final_frame(ty)],
        };
        return MockAnswer::Frames(frames);
    }
    let data = match &action.reply_example {
        Some(example) => example.clone(),
        None => defaults.reply(&action.reply),
    };
    let counted = if sends_a_message(action) {
        data.as_object()
            .map(|object| {
                object
                    .keys()
                    .filter(|key| key.ends_with("_id"))
                    .cloned()
                    .collect()
            })
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    MockAnswer::Data { data, counted }
}

/// `(wire name, answer as JSON)` for every action of `schema`, whose named
/// types are its own or, for an extension, `base`'s.
pub fn table(schema: &Schema, base: Option<&Base>) -> Vec<(String, String)> {
    let own: HashMap<&str, &SharedType> = schema
        .types
        .iter()
        .map(|ty| (ty.name.as_str(), ty))
        .collect();
    let types = |name: &str| {
        own.get(name)
            .copied()
            .or_else(|| base.and_then(|base| base.shared_type(name)))
    };
    let own_actions = schema
        .actions
        .iter()
        .map(|action| (action.wire_name.clone(), answer(action, &types).to_json()));
    let extended = schema
        .extended
        .iter()
        .filter(|extension| !extension.reply_fields.is_empty())
        .map(|extension| {
            let answer = extended_answer(&extension.action, &extension.reply_fields, &types);
            (extension.action.wire_name.clone(), answer.to_json())
        });
    own_actions.chain(extended).collect()
}

/// The answer of a built-in `action` whose reply an extension gives the
/// fields `added`: the built-in answer, with the required ones filled.
fn extended_answer<'a>(
    action: &Action,
    added: &[Field],
    types: &dyn Fn(&str) -> Option<&'a SharedType>,
) -> MockAnswer {
    let mut answer = answer(action, types);
    if let MockAnswer::Data {
        data: Value::Object(object),
        ..
    } = &mut answer
        && let Value::Object(added) = (Defaults { types }).object(added, 0)
    {
        object.extend(added);
    }
    answer
}

/// Whether the action sends a message: it takes a `Message` in some form.
fn sends_a_message(action: &Action) -> bool {
    let variant_params = action.variants.iter().flat_map(|variant| &variant.params);
    action
        .params
        .iter()
        .chain(variant_params)
        .any(|param| param.ty == TypeExpr::Message)
}

/// How deep generated data nests before a struct is written as `{}`: the
/// schema allows a struct that requires itself, which no finite JSON fills.
const MAX_DEPTH: usize = 16;

/// A time NapCat could send (2023-11-14), for `time` fields.
const A_TIME: i128 = 1_700_000_000;

struct Defaults<'a, 't> {
    types: &'t dyn Fn(&str) -> Option<&'a SharedType>,
}

impl Defaults<'_, '_> {
    fn reply(&self, reply: &Reply) -> Value {
        match reply {
            Reply::Nothing | Reply::Type { optional: true, .. } => Value::Null,
            Reply::Type { ty, .. } | Reply::Frames { ty, .. } => self.value(ty, "", 0),
            Reply::Fields { fields, .. } => self.object(fields, 0),
        }
    }

    /// The last frame of a stream: NapCat ends one with `type: "response"`.
    fn final_frame(&self, ty: &TypeExpr) -> Value {
        let mut frame = match ty {
            TypeExpr::DownloadFrame => json!({
                "data_type": "file_complete",
                "total_chunks": 0,
                "total_bytes": 0,
                "message": "Download completed",
            }),
            _ => self.value(ty, "", 0),
        };
        if let Value::Object(object) = &mut frame {
            object.insert("type".to_owned(), json!("response"));
        } else {
            frame = json!({"type": "response"});
        }
        frame
    }

    /// Data of type `ty` for a field called `name` (`""` when not a field).
    fn value(&self, ty: &TypeExpr, name: &str, depth: usize) -> Value {
        match ty {
            TypeExpr::Bool => json!(false),
            TypeExpr::Int(int) => {
                let (_, max) = int.range();
                let number = if is_time(name) && A_TIME <= max {
                    A_TIME
                } else if is_id(name) {
                    1
                } else {
                    0
                };
                // Every value picked fits an `i64`.
                json!(i64::try_from(number).unwrap_or(1))
            }
            TypeExpr::F64 => json!(0.0),
            TypeExpr::String if is_id(name) => json!("1"),
            TypeExpr::String => json!(""),
            TypeExpr::UserId => json!(10001),
            TypeExpr::GroupId => json!(123456),
            TypeExpr::MessageId => json!(1),
            TypeExpr::Message | TypeExpr::ReceivedMessage | TypeExpr::List(_) => json!([]),
            TypeExpr::DownloadFrame => self.final_frame(ty),
            TypeExpr::Json => json!({}),
            TypeExpr::Named(name) => match (self.types)(name).map(|shared| &shared.kind) {
                Some(SharedTypeKind::Struct(fields)) if depth < MAX_DEPTH => {
                    self.object(fields, depth + 1)
                }
                Some(SharedTypeKind::Enum(values)) => values
                    .first()
                    .map_or(Value::Null, |value| json!(value.wire_value)),
                _ => json!({}),
            },
            // Unions are parameters only; a reply never has one.
            TypeExpr::Union(members) => members
                .first()
                .map_or(Value::Null, |first| self.value(first, name, depth)),
        }
    }

    /// An object with every required field of `fields`.
    fn object(&self, fields: &[Field], depth: usize) -> Value {
        let object: Map<String, Value> = fields
            .iter()
            .filter(|field| !field.optional)
            .map(|field| {
                let value = self.value(&field.ty, &field.wire_name, depth);
                (field.wire_name.clone(), value)
            })
            .collect();
        Value::Object(object)
    }
}

/// An id or sequence number, which NapCat never sends as zero.
fn is_id(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower == "id" || lower.ends_with("_id") || name.ends_with("Id") || lower.ends_with("seq")
}

/// A Unix time.
fn is_time(name: &str) -> bool {
    name == "time" || name.ends_with("_time") || name.ends_with("Time")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_sources;
    use crate::source::SourceFile;

    fn schema(actions: &str) -> Schema {
        let types = SourceFile {
            path: "types.yaml".into(),
            text: "types:
  - name: Role
    enum: [{ value: owner }, { value: admin }]
  - name: Member
    fields:
      - { name: user_id, type: UserId }
      - { name: join_time, type: i64 }
      - { name: level, type: u8 }
      - { name: role, type: Role }
      - { name: card, type: string, optional: true }
"
            .into(),
        };
        let actions = SourceFile {
            path: "message.yaml".into(),
            text: format!("actions:\n{actions}"),
        };
        match load_sources(&[types, actions]) {
            Ok(schema) => schema,
            Err(diagnostics) => panic!("{diagnostics}"),
        }
    }

    fn answers(actions: &str) -> Vec<(String, Value)> {
        table(&schema(actions), None)
            .into_iter()
            .map(|(action, answer)| match serde_json::from_str(&answer) {
                Ok(answer) => (action, answer),
                Err(error) => panic!("{answer}: {error}"),
            })
            .collect()
    }

    #[test]
    fn required_fields_are_filled_and_optional_ones_left_out() {
        let answers = answers(
            "  - action: get_member
    summary: { zh: 取, en: Get }
    reply: { type: Member }
  - action: list_members
    summary: { zh: 列, en: List }
    reply: { type: list<Member> }
  - action: kick
    summary: { zh: 踢, en: Kick }
  - action: maybe
    summary: { zh: 或, en: Maybe }
    reply: { type: string, optional: true }
",
        );
        assert_eq!(
            answers,
            [
                (
                    "get_member".to_owned(),
                    json!({"data": {"user_id": 10001, "join_time": 1_700_000_000, "level": 0, "role": "owner"}})
                ),
                ("list_members".to_owned(), json!({"data": []})),
                ("kick".to_owned(), json!({"data": null})),
                ("maybe".to_owned(), json!({"data": null})),
            ]
        );
    }

    #[test]
    fn sends_count_their_ids_and_an_example_wins() {
        let answers = answers(
            "  - action: send_it
    summary: { zh: 发, en: Send }
    params:
      - { name: message, type: Message, required: true }
    reply:
      fields:
        - { name: message_id, type: MessageId }
        - { name: res_id, type: string, optional: true }
      example: { message_id: 5, res_id: \"abc\" }
",
        );
        assert_eq!(
            answers,
            [(
                "send_it".to_owned(),
                json!({"data": {"message_id": 5, "res_id": "abc"}, "count": ["message_id", "res_id"]})
            )]
        );
    }

    #[test]
    fn a_stream_ends_with_a_final_frame() {
        let answers = answers(
            "  - action: download
    summary: { zh: 下, en: Download }
    reply: { frames: DownloadFrame }
  - action: test_stream
    summary: { zh: 测, en: Test }
    reply: { frames: json }
",
        );
        assert_eq!(
            answers,
            [
                (
                    "download".to_owned(),
                    json!({"frames": [{"type": "response", "data_type": "file_complete",
                        "total_chunks": 0, "total_bytes": 0, "message": "Download completed"}]})
                ),
                (
                    "test_stream".to_owned(),
                    json!({"frames": [{"type": "response"}]})
                ),
            ]
        );
    }
}
