//! Checking a reply's `example:` against the reply's type: the example must
//! be data ncat's typed decoder accepts, since the mock NapCat answers with
//! it and rustdoc shows it as NapCat's answer.

use std::collections::HashMap;

use serde_json::Value;

use crate::model::{Field, Reply, SharedType, SharedTypeKind};
use crate::ty::TypeExpr;

/// `Ok` when `example` decodes as the reply `reply`; otherwise where and why
/// not (`$.members[0].user_id: …`).
pub(crate) fn check_reply_example(
    example: &Value,
    reply: &Reply,
    shared: &HashMap<&str, &SharedType>,
) -> Result<(), String> {
    let checker = Checker { shared };
    match reply {
        Reply::Nothing => {
            Err("an action without a `reply` answers no data; it takes no `example`".to_owned())
        }
        Reply::Type {
            optional: true,
            ty: _,
            doc: _,
        } if example.is_null() => Ok(()),
        Reply::Type { ty, .. } => checker.value(example, ty, Leniency::Strict, "$"),
        Reply::Fields { fields, .. } => checker.object(example, fields, "$", "the reply"),
        Reply::Frames { ty, .. } => match example {
            Value::Array(frames) if !frames.is_empty() => {
                frames.iter().enumerate().try_for_each(|(index, frame)| {
                    checker.value(frame, ty, Leniency::Strict, &format!("$[{index}]"))
                })
            }
            _ => Err(
                "the example of a stream action is the list of its frames (at least one)"
                    .to_owned(),
            ),
        },
    }
}

/// Whether a value is read by one of ncat's lenient field decoders
/// (`ncat_api::lenient`): an integer or string field of a struct accepts
/// both forms, a list item or a whole reply only its own.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Leniency {
    Field,
    Strict,
}

struct Checker<'a> {
    shared: &'a HashMap<&'a str, &'a SharedType>,
}

impl Checker<'_> {
    fn value(
        &self,
        value: &Value,
        ty: &TypeExpr,
        leniency: Leniency,
        at: &str,
    ) -> Result<(), String> {
        let fits = match (ty, value) {
            (TypeExpr::Json, _)
            | (TypeExpr::Bool, Value::Bool(_))
            | (TypeExpr::F64, Value::Number(_))
            | (TypeExpr::String, Value::String(_))
            | (TypeExpr::Message | TypeExpr::DownloadFrame, Value::Array(_) | Value::Object(_))
            | (TypeExpr::ReceivedMessage, Value::Array(_) | Value::Object(_) | Value::String(_)) => {
                true
            }
            (TypeExpr::String, Value::Number(_)) => leniency == Leniency::Field,
            (TypeExpr::Int(int), Value::Number(_) | Value::String(_)) => {
                let number = match value {
                    Value::String(text) if leniency == Leniency::Field => text.parse::<i128>().ok(),
                    Value::Number(number) => number
                        .as_i64()
                        .map(i128::from)
                        .or_else(|| number.as_u64().map(i128::from)),
                    _ => None,
                };
                let (min, max) = int.range();
                number.is_some_and(|number| (min..=max).contains(&number))
            }
            (TypeExpr::UserId | TypeExpr::GroupId | TypeExpr::MessageId, Value::Number(number)) => {
                number.is_i64()
            }
            (TypeExpr::UserId | TypeExpr::GroupId | TypeExpr::MessageId, Value::String(text)) => {
                text.parse::<i64>().is_ok()
            }
            (TypeExpr::List(inner), Value::Array(items)) => {
                return items.iter().enumerate().try_for_each(|(index, item)| {
                    self.value(item, inner, Leniency::Strict, &format!("{at}[{index}]"))
                });
            }
            (TypeExpr::Named(name), _) => return self.named(value, name, at),
            _ => false,
        };
        if fits {
            Ok(())
        } else {
            Err(format!("{at}: `{value}` is not a `{ty}`"))
        }
    }

    fn named(&self, value: &Value, name: &str, at: &str) -> Result<(), String> {
        let Some(shared) = self.shared.get(name) else {
            return Err(format!("{at}: unknown type `{name}`"));
        };
        match (&shared.kind, value) {
            (SharedTypeKind::Struct(fields), _) => {
                self.object(value, fields, at, &format!("`{name}`"))
            }
            (SharedTypeKind::Enum(values), Value::String(text)) => {
                if values.iter().any(|known| known.wire_value == *text) {
                    Ok(())
                } else {
                    let known: Vec<&str> = values
                        .iter()
                        .map(|known| known.wire_value.as_str())
                        .collect();
                    Err(format!(
                        "{at}: `{text}` is not a value of `{name}` ({})",
                        known.join(", ")
                    ))
                }
            }
            (SharedTypeKind::Enum(_), _) => Err(format!("{at}: `{value}` is not a `{name}`")),
        }
    }

    /// An object with `fields`: every required one present and not `null`,
    /// no key the schema does not list (so a misspelt field is caught).
    fn object(&self, value: &Value, fields: &[Field], at: &str, what: &str) -> Result<(), String> {
        let Value::Object(object) = value else {
            return Err(format!("{at}: `{value}` is not an object ({what})"));
        };
        if let Some(key) = object
            .keys()
            .find(|key| !fields.iter().any(|field| field.wire_name == **key))
        {
            return Err(format!("{at}: `{key}` is not a field of {what}"));
        }
        fields.iter().try_for_each(|field| {
            let path = format!("{at}.{}", field.wire_name);
            match object.get(&field.wire_name) {
                None | Some(Value::Null) if field.optional => Ok(()),
                None | Some(Value::Null) => {
                    Err(format!("{path}: required field of {what} is missing"))
                }
                Some(value) => self.value(value, &field.ty, Leniency::Field, &path),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EnumValue;
    use crate::ty::IntType;
    use serde_json::json;

    fn field(name: &str, ty: TypeExpr, optional: bool) -> Field {
        Field {
            wire_name: name.into(),
            rust_name: name.into(),
            ty,
            optional,
            doc: None,
            since: None,
        }
    }

    fn check(example: Value, reply: &Reply) -> Result<(), String> {
        let role = SharedType {
            name: "Role".into(),
            doc: None,
            kind: SharedTypeKind::Enum(vec![EnumValue {
                wire_value: "owner".into(),
                rust_name: "Owner".into(),
                doc: None,
            }]),
        };
        let shared = HashMap::from([("Role", &role)]);
        check_reply_example(&example, reply, &shared)
    }

    fn sent() -> Reply {
        Reply::Fields {
            fields: vec![
                field("message_id", TypeExpr::MessageId, false),
                field("count", TypeExpr::Int(IntType::U8), false),
                field("role", TypeExpr::Named("Role".into()), true),
            ],
            doc: None,
        }
    }

    #[test]
    fn accepts_what_the_decoder_accepts() {
        assert_eq!(check(json!({"message_id": 7, "count": 1}), &sent()), Ok(()));
        // Fields read integers leniently, and ids from either form.
        assert_eq!(
            check(
                json!({"message_id": "7", "count": "1", "role": "owner"}),
                &sent()
            ),
            Ok(())
        );
        let optional = Reply::Type {
            ty: TypeExpr::String,
            doc: None,
            optional: true,
        };
        assert_eq!(check(Value::Null, &optional), Ok(()));
    }

    #[test]
    fn says_where_and_why_it_does_not_fit() {
        assert_eq!(
            check(json!({"count": 1}), &sent()),
            Err("$.message_id: required field of the reply is missing".into())
        );
        assert_eq!(
            check(json!({"message_id": 1, "count": 300}), &sent()),
            Err("$.count: `300` is not a `u8`".into())
        );
        assert_eq!(
            check(
                json!({"message_id": 1, "count": 1, "role": "admin"}),
                &sent()
            ),
            Err("$.role: `admin` is not a value of `Role` (owner)".into())
        );
        assert_eq!(
            check(json!({"message_id": 1, "count": 1, "mesage": ""}), &sent()),
            Err("$: `mesage` is not a field of the reply".into())
        );
        let list = Reply::Type {
            ty: TypeExpr::List(Box::new(TypeExpr::Int(IntType::U32))),
            doc: None,
            optional: false,
        };
        // A list item is not a field: no lenient strings.
        assert_eq!(
            check(json!([1, "2"]), &list),
            Err("$[1]: `\"2\"` is not a `u32`".into())
        );
        assert!(check(Value::Null, &Reply::Nothing).is_err());
    }
}
