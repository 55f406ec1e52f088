//! Choosing our type for a NapCat shape, and fitting NapCat's default to it.
//!
//! The rules, first fit wins; every choice is checked with the same
//! [`Matcher`] that `diff` uses, so an imported entry never shows up as
//! drift against the export it came from:
//!
//! - `user_id`, `group_id`, `message_id` (or lists of them) → `UserId`,
//!   `GroupId`, `MessageId`;
//! - `OB11MessageMixType` → `Message`; `boolean` or `boolean|string` → `bool`;
//! - `number` or `number|string`: for a parameter, `u32` when its default is
//!   a non-negative integer, `f64` when it is fractional, else `i64`; for a
//!   reply field `i64` (which `ncat-api` also reads from numeric strings);
//! - `string` (enums too; the values go into the doc) → `string`;
//! - `array` → `list<…>` of the item's type;
//! - for a parameter, a union mixing an array with other forms (`string |
//!   array<string>`) → the union of each member's type (`string |
//!   list<string>`), so both forms can be sent;
//! - a `$ref` to `OB11Foo` → `Foo` when `types.yaml` has that struct;
//! - anything else (inline objects, mixed unions) → `json`.
//!
//! Integer widths are a guess: NapCat only says `number`.

use ncat_schema::model::SharedTypeKind;
use ncat_schema::{IntType, TypeExpr};
use serde_json::Value;

use crate::mapping::{Matcher, Side};
use crate::openapi::shape::Shape;

/// Our type for a value called `name` with NapCat's `shape`. `default` is
/// NapCat's default (parameters only), which steers the integer type.
pub fn choose(
    matcher: &mut Matcher<'_>,
    name: &str,
    shape: &Shape,
    side: Side,
    default: Option<&Value>,
) -> TypeExpr {
    candidates(matcher, name, shape, side, default)
        .into_iter()
        .find(|candidate| matcher.matches(candidate, shape, side, ""))
        .unwrap_or(TypeExpr::Json)
}

fn candidates(
    matcher: &Matcher<'_>,
    name: &str,
    shape: &Shape,
    side: Side,
    default: Option<&Value>,
) -> Vec<TypeExpr> {
    let mut found = Vec::new();
    match name {
        "user_id" => found.push(TypeExpr::UserId),
        "group_id" => found.push(TypeExpr::GroupId),
        "message_id" => found.push(TypeExpr::MessageId),
        _ => {}
    }
    let members: Vec<&Shape> = match shape {
        Shape::Union(members) => members.iter().filter(|m| **m != Shape::Null).collect(),
        other => vec![other],
    };
    let has = |wanted: &Shape| members.contains(&wanted);
    let only = |allowed: &dyn Fn(&Shape) -> bool| members.iter().all(|member| allowed(member));
    let is_string = |shape: &Shape| matches!(shape, Shape::String(_));
    if members.len() == 1
        || only(&|m| *m == Shape::Bool || is_string(m))
        || only(&|m| *m == Shape::Number || is_string(m))
    {
        if has(&Shape::Message) {
            found.push(TypeExpr::Message);
        }
        if has(&Shape::Bool) {
            found.push(TypeExpr::Bool);
        }
        if has(&Shape::Number) {
            found.push(number_type(side, default));
        }
        if members.iter().any(|member| is_string(member)) {
            found.push(TypeExpr::String);
        }
    }
    if let [Shape::Array(item)] = members.as_slice() {
        let items = candidates(matcher, name, item, side, None);
        found.extend(items.into_iter().map(|item| TypeExpr::List(Box::new(item))));
        found.push(TypeExpr::List(Box::new(TypeExpr::Json)));
    }
    let mixed = members.len() > 1 && members.iter().any(|m| matches!(m, Shape::Array(_)));
    if side == Side::Param && mixed {
        let union: Option<Vec<TypeExpr>> = members
            .iter()
            .map(|member| {
                candidates(matcher, name, member, side, None)
                    .into_iter()
                    .find(|candidate| !candidate.to_string().contains("json"))
            })
            .collect();
        if let Some(union) = union.filter(|union| ncat_schema::union::problem(union).is_none()) {
            found.push(TypeExpr::Union(union));
        }
    }
    if let [Shape::Object(object)] = members.as_slice()
        && let Some(ours) = object
            .name
            .as_deref()
            .map(|name| name.strip_prefix("OB11").unwrap_or(name))
            .filter(|ours| {
                matches!(
                    matcher.shared(ours).map(|shared| &shared.kind),
                    Some(SharedTypeKind::Struct(_))
                )
            })
    {
        found.push(TypeExpr::Named(ours.to_owned()));
    }
    found
}

fn number_type(side: Side, default: Option<&Value>) -> TypeExpr {
    let number = match default {
        Some(Value::Number(number)) => Some(number.as_f64()),
        Some(Value::String(text)) => Some(text.parse::<f64>().ok()),
        _ => None,
    }
    .flatten();
    match (side, number) {
        (Side::Param, Some(value)) if value.fract() != 0.0 => TypeExpr::F64,
        (Side::Param, Some(value)) if (0.0..=f64::from(u32::MAX)).contains(&value) => {
            TypeExpr::Int(IntType::U32)
        }
        _ => TypeExpr::Int(IntType::I64),
    }
}

/// NapCat's `default` as a value of `ty`, converting NapCat's habit of
/// writing numbers and booleans as strings; `None` when it does not fit.
pub fn fit_default(ty: &TypeExpr, default: &Value, matcher: &Matcher<'_>) -> Option<Value> {
    let integer = |value: &Value| -> Option<i128> {
        match value {
            Value::Number(number) => number
                .as_i64()
                .map(i128::from)
                .or_else(|| number.as_u64().map(i128::from)),
            Value::String(text) => text.trim().parse().ok(),
            _ => None,
        }
    };
    match (ty, default) {
        (TypeExpr::Json, value) => Some(value.clone()),
        (TypeExpr::Bool, Value::Bool(_)) | (TypeExpr::String, Value::String(_)) => {
            Some(default.clone())
        }
        (TypeExpr::Bool, Value::String(text)) => text.parse::<bool>().ok().map(Value::Bool),
        (TypeExpr::String, Value::Number(_) | Value::Bool(_)) => {
            Some(Value::String(default.to_string()))
        }
        (TypeExpr::F64, value) => match value {
            Value::Number(_) => Some(value.clone()),
            Value::String(text) => text
                .trim()
                .parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
                .map(Value::Number),
            _ => None,
        },
        (TypeExpr::Int(int), value) => {
            let value = integer(value)?;
            let (min, max) = int.range();
            (min..=max).contains(&value).then(|| number_value(value))?
        }
        (TypeExpr::UserId | TypeExpr::GroupId | TypeExpr::MessageId, value) => integer(value)
            .filter(|value| i64::try_from(*value).is_ok())
            .and_then(number_value),
        (TypeExpr::Named(name), Value::String(text)) => {
            match matcher.shared(name).map(|shared| &shared.kind) {
                Some(SharedTypeKind::Enum(values))
                    if values.iter().any(|value| value.wire_value == *text) =>
                {
                    Some(default.clone())
                }
                _ => None,
            }
        }
        (TypeExpr::List(inner), Value::Array(items)) => items
            .iter()
            .map(|item| fit_default(inner, item, matcher))
            .collect::<Option<Vec<_>>>()
            .map(Value::Array),
        _ => None,
    }
}

fn number_value(value: i128) -> Option<Value> {
    i64::try_from(value)
        .map(Value::from)
        .or_else(|_| u64::try_from(value).map(Value::from))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ncat_schema::model::Schema;
    use ncat_schema::{SourceFile, load_sources};
    use serde_json::json;

    fn schema() -> Schema {
        let types = "types:\n  - name: User\n    fields:\n      - { name: user_id, type: UserId }\n  - name: Sex\n    enum:\n      - { value: male }\n";
        load_sources(&[SourceFile {
            path: "types.yaml".into(),
            text: types.into(),
        }])
        .unwrap()
    }

    fn string() -> Shape {
        Shape::String(Vec::new())
    }

    #[test]
    fn chooses_by_name_then_shape() {
        let schema = schema();
        let mut matcher = Matcher::new(&schema);
        let mut choose = |name: &str, shape: Shape, side, default: Option<Value>| {
            choose(&mut matcher, name, &shape, side, default.as_ref()).to_string()
        };
        let number_or_string = Shape::Union(vec![Shape::Number, string()]);
        assert_eq!(choose("group_id", string(), Side::Param, None), "GroupId");
        assert_eq!(choose("user_id", Shape::Number, Side::Param, None), "i64");
        assert_eq!(
            choose("user_id", Shape::Number, Side::Reply, None),
            "UserId"
        );
        assert_eq!(
            choose("message_id", number_or_string.clone(), Side::Param, None),
            "MessageId"
        );
        assert_eq!(
            choose(
                "times",
                number_or_string.clone(),
                Side::Param,
                Some(json!("1"))
            ),
            "u32"
        );
        assert_eq!(
            choose("times", number_or_string.clone(), Side::Reply, None),
            "json"
        );
        assert_eq!(
            choose("times", number_or_string.clone(), Side::Field, None),
            "i64"
        );
        assert_eq!(
            choose("offset", Shape::Number, Side::Param, Some(json!(-1))),
            "i64"
        );
        assert_eq!(
            choose("ratio", Shape::Number, Side::Param, Some(json!(0.5))),
            "f64"
        );
        assert_eq!(
            choose(
                "flag",
                Shape::Union(vec![Shape::Bool, string()]),
                Side::Param,
                None
            ),
            "bool"
        );
        assert_eq!(
            choose("message", Shape::Message, Side::Param, None),
            "Message"
        );
        // One path or several: a union parameter, either form sendable …
        let mixed = Shape::Union(vec![string(), Shape::Array(Box::new(string()))]);
        assert_eq!(
            choose("files", mixed.clone(), Side::Param, None),
            "string | list<string>"
        );
        // … but a reply field NapCat sends either way stays `json`.
        assert_eq!(choose("files", mixed, Side::Field, None), "json");
        let users = Shape::Array(Box::new(string()));
        assert_eq!(choose("user_id", users, Side::Param, None), "list<UserId>");
        let user = Shape::Object(crate::openapi::shape::Object {
            name: Some("OB11User".into()),
            props: Vec::new(),
        });
        assert_eq!(choose("data", user, Side::Reply, None), "User");
        let inline = Shape::Object(crate::openapi::shape::Object {
            name: None,
            props: Vec::new(),
        });
        assert_eq!(choose("data", inline, Side::Reply, None), "json");
        let nullable = Shape::Union(vec![string(), Shape::Null]);
        assert_eq!(choose("file_id", nullable, Side::Reply, None), "string");
    }

    #[test]
    fn fits_defaults_to_the_chosen_type() {
        let schema = schema();
        let matcher = Matcher::new(&schema);
        let fit = |ty: &str, default: Value| {
            fit_default(&TypeExpr::parse(ty).unwrap(), &default, &matcher)
        };
        assert_eq!(fit("u32", json!("50")), Some(json!(50)));
        assert_eq!(fit("u32", json!(-1)), None);
        assert_eq!(fit("bool", json!("false")), Some(json!(false)));
        assert_eq!(fit("string", json!(" ")), Some(json!(" ")));
        assert_eq!(fit("string", json!(10086)), Some(json!("10086")));
        assert_eq!(fit("UserId", json!("10086")), Some(json!(10086)));
        assert_eq!(fit("Sex", json!("male")), Some(json!("male")));
        assert_eq!(fit("Sex", json!("robot")), None);
        assert_eq!(fit("list<u8>", json!([1, 2])), Some(json!([1, 2])));
        assert_eq!(fit("Message", json!("hi")), None);
    }
}
