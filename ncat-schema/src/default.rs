//! Checking a parameter's `default` against its type.

use std::collections::HashMap;

use serde_json::Value;

use crate::model::{SharedType, SharedTypeKind};
use crate::ty::TypeExpr;

/// `Ok` when `value` is a valid wire value of `ty`; otherwise why not.
pub(crate) fn check_default(
    value: &Value,
    ty: &TypeExpr,
    shared: &HashMap<&str, &SharedType>,
) -> Result<(), String> {
    match (ty, value) {
        (TypeExpr::Bool, Value::Bool(_)) | (TypeExpr::String, Value::String(_)) => Ok(()),
        (TypeExpr::F64, Value::Number(_)) | (TypeExpr::Json, _) => Ok(()),
        (TypeExpr::Int(int), Value::Number(number)) => {
            let parsed = number
                .as_i64()
                .map(i128::from)
                .or_else(|| number.as_u64().map(i128::from))
                .ok_or_else(|| format!("`{number}` is not an integer"))?;
            let (min, max) = int.range();
            if (min..=max).contains(&parsed) {
                Ok(())
            } else {
                Err(format!("`{parsed}` is out of range for `{}`", int.name()))
            }
        }
        (TypeExpr::UserId | TypeExpr::GroupId | TypeExpr::MessageId, Value::Number(number))
            if number.is_i64() =>
        {
            Ok(())
        }
        (TypeExpr::List(inner), Value::Array(items)) => items
            .iter()
            .try_for_each(|item| check_default(item, inner, shared)),
        (TypeExpr::Named(name), Value::String(text)) => match shared.get(name.as_str()) {
            Some(SharedType {
                kind: SharedTypeKind::Enum(values),
                ..
            }) => {
                if values.iter().any(|value| value.wire_value == *text) {
                    Ok(())
                } else {
                    let known: Vec<&str> = values
                        .iter()
                        .map(|value| value.wire_value.as_str())
                        .collect();
                    Err(format!(
                        "`{text}` is not a value of `{name}` ({})",
                        known.join(", ")
                    ))
                }
            }
            _ => Err(format!(
                "`{name}` is not an enum; only scalars, ids, enums and lists take defaults"
            )),
        },
        (TypeExpr::Message, _) => Err("`Message` parameters take no default".into()),
        (_, value) => Err(format!("`{value}` is not a `{ty}`")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EnumValue;
    use crate::ty::IntType;
    use serde_json::json;

    fn with_enum<R>(check: impl FnOnce(&HashMap<&str, &SharedType>) -> R) -> R {
        let format = SharedType {
            name: "AudioFormat".into(),
            doc: None,
            kind: SharedTypeKind::Enum(vec![EnumValue {
                wire_value: "mp3".into(),
                rust_name: "Mp3".into(),
                doc: None,
            }]),
        };
        let shared = HashMap::from([("AudioFormat", &format)]);
        check(&shared)
    }

    #[test]
    fn accepts_matching_defaults() {
        with_enum(|shared| {
            let named = TypeExpr::Named("AudioFormat".into());
            assert_eq!(
                check_default(&json!(0), &TypeExpr::Int(IntType::U32), shared),
                Ok(())
            );
            assert_eq!(check_default(&json!(true), &TypeExpr::Bool, shared), Ok(()));
            assert_eq!(check_default(&json!("mp3"), &named, shared), Ok(()));
            let list = TypeExpr::List(Box::new(TypeExpr::String));
            assert_eq!(check_default(&json!(["a"]), &list, shared), Ok(()));
        });
    }

    #[test]
    fn rejects_wrong_defaults_with_a_reason() {
        with_enum(|shared| {
            let named = TypeExpr::Named("AudioFormat".into());
            let u8_ty = TypeExpr::Int(IntType::U8);
            assert_eq!(
                check_default(&json!(300), &u8_ty, shared),
                Err("`300` is out of range for `u8`".into())
            );
            assert_eq!(
                check_default(&json!(-1), &TypeExpr::Int(IntType::U32), shared),
                Err("`-1` is out of range for `u32`".into())
            );
            assert_eq!(
                check_default(&json!("yes"), &TypeExpr::Bool, shared),
                Err("`\"yes\"` is not a `bool`".into())
            );
            assert_eq!(
                check_default(&json!("mp5"), &named, shared),
                Err("`mp5` is not a value of `AudioFormat` (mp3)".into())
            );
            assert_eq!(
                check_default(&json!(1.5), &u8_ty, shared),
                Err("`1.5` is not an integer".into())
            );
        });
    }
}
