//! Reading type expressions: `u32`, `list<GroupMember>`, `string | list<string>`.

use std::fmt;

use crate::ty::{BUILTIN_TYPES, IntType, TypeExpr};

/// Why a type expression did not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeError {
    /// Not a built-in and not shaped like a shared type name.
    Unknown(String),
    /// `list<` without a matching `>`, or an empty element type.
    Malformed(String),
    /// A `|` inside `list<…>`, or an empty member such as `string |`.
    MisplacedUnion(String),
}

impl fmt::Display for TypeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TypeError::Unknown(name) => write!(
                f,
                "unknown type `{name}`; expected one of {BUILTIN_TYPES}, or a PascalCase type from types.yaml"
            ),
            TypeError::Malformed(text) => {
                write!(f, "malformed type `{text}`; write lists as `list<T>`")
            }
            TypeError::MisplacedUnion(text) => write!(
                f,
                "malformed union `{text}`: write `A | B` with a type on each side, at the top level (`list<A> | B`, not `list<A | B>`)"
            ),
        }
    }
}

impl TypeExpr {
    /// Parses a type expression. Named types are accepted by shape here
    /// (PascalCase); whether they exist is the validator's concern.
    pub fn parse(text: &str) -> Result<TypeExpr, TypeError> {
        let text = text.trim();
        if text.contains('|') {
            return parse_union(text);
        }
        if let Some(rest) = text.strip_prefix("list<") {
            let inner = rest
                .strip_suffix('>')
                .filter(|inner| !inner.trim().is_empty())
                .ok_or_else(|| TypeError::Malformed(text.to_owned()))?;
            return Ok(TypeExpr::List(Box::new(TypeExpr::parse(inner)?)));
        }
        if let Some((_, ty)) = IntType::ALL.iter().find(|(name, _)| *name == text) {
            return Ok(TypeExpr::Int(*ty));
        }
        Ok(match text {
            "bool" => TypeExpr::Bool,
            "f64" => TypeExpr::F64,
            "string" => TypeExpr::String,
            "UserId" => TypeExpr::UserId,
            "GroupId" => TypeExpr::GroupId,
            "MessageId" => TypeExpr::MessageId,
            "Message" => TypeExpr::Message,
            "ReceivedMessage" => TypeExpr::ReceivedMessage,
            "DownloadFrame" => TypeExpr::DownloadFrame,
            "json" => TypeExpr::Json,
            _ if crate::naming::is_pascal_case(text) => TypeExpr::Named(text.to_owned()),
            _ => return Err(TypeError::Unknown(text.to_owned())),
        })
    }
}

/// Parses `A | B | …` (the caller saw a `|`).
fn parse_union(text: &str) -> Result<TypeExpr, TypeError> {
    let misplaced = || TypeError::MisplacedUnion(text.to_owned());
    let mut members = Vec::new();
    for member in text.split('|') {
        let member = member.trim();
        // A `|` inside `list<…>` leaves an unbalanced `<` on one side.
        if member.is_empty() || member.matches('<').count() != member.matches('>').count() {
            return Err(misplaced());
        }
        members.push(TypeExpr::parse(member)?);
    }
    Ok(TypeExpr::Union(members))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_builtin_and_nesting() {
        assert_eq!(TypeExpr::parse("u32"), Ok(TypeExpr::Int(IntType::U32)));
        assert_eq!(TypeExpr::parse("GroupId"), Ok(TypeExpr::GroupId));
        assert_eq!(
            TypeExpr::parse("list<list<UserId>>"),
            Ok(TypeExpr::List(Box::new(TypeExpr::List(Box::new(
                TypeExpr::UserId
            )))))
        );
        assert_eq!(
            TypeExpr::parse("GroupMember"),
            Ok(TypeExpr::Named("GroupMember".into()))
        );
    }

    #[test]
    fn rejects_unknown_and_malformed() {
        assert_eq!(
            TypeExpr::parse("u33"),
            Err(TypeError::Unknown("u33".into()))
        );
        assert_eq!(
            TypeExpr::parse("number"),
            Err(TypeError::Unknown("number".into()))
        );
        assert_eq!(
            TypeExpr::parse("list<u8"),
            Err(TypeError::Malformed("list<u8".into()))
        );
        assert_eq!(
            TypeExpr::parse("list<>"),
            Err(TypeError::Malformed("list<>".into()))
        );
    }

    #[test]
    fn parses_members_and_rejects_misplaced_bars() {
        assert_eq!(
            TypeExpr::parse("u32 | string"),
            Ok(TypeExpr::Union(vec![
                TypeExpr::Int(IntType::U32),
                TypeExpr::String
            ]))
        );
        assert_eq!(
            TypeExpr::parse("list<string | u8>"),
            Err(TypeError::MisplacedUnion("list<string | u8>".into()))
        );
        assert_eq!(
            TypeExpr::parse("string |"),
            Err(TypeError::MisplacedUnion("string |".into()))
        );
    }

    #[test]
    fn display_round_trips() {
        for text in [
            "bool",
            "list<GroupMember>",
            "i64",
            "json",
            "MessageId",
            "string | list<string>",
        ] {
            assert_eq!(
                TypeExpr::parse(text).map(|ty| ty.to_string()),
                Ok(text.into())
            );
        }
    }
}
