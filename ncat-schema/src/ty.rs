//! The closed type vocabulary of the schema and its parser.

use std::fmt;

/// A parsed type expression such as `u32`, `GroupId` or `list<GroupMember>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeExpr {
    /// `bool`
    Bool,
    /// An explicit-width integer.
    Int(IntType),
    /// `f64`
    F64,
    /// `string`
    String,
    /// `UserId`
    UserId,
    /// `GroupId`
    GroupId,
    /// `MessageId`
    MessageId,
    /// `Message`: an array of segments, as sent.
    Message,
    /// `ReceivedMessage`: a message as NapCat reports it (reply fields).
    ReceivedMessage,
    /// `DownloadFrame`: one frame of a download stream action.
    DownloadFrame,
    /// `json`: any JSON value, the documented escape hatch.
    Json,
    /// `list<T>`
    List(Box<TypeExpr>),
    /// A type from `types.yaml`, resolved by the validator.
    Named(String),
    /// `A | B | …`: any one of these forms (parameters only, top level only;
    /// see [`crate::union`]).
    Union(Vec<TypeExpr>),
}

/// The explicit-width integer types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)] // the names are the Rust types
pub enum IntType {
    I8,
    I16,
    I32,
    I64,
    U8,
    U16,
    U32,
    U64,
}

impl IntType {
    const ALL: [(&'static str, IntType); 8] = [
        ("i8", IntType::I8),
        ("i16", IntType::I16),
        ("i32", IntType::I32),
        ("i64", IntType::I64),
        ("u8", IntType::U8),
        ("u16", IntType::U16),
        ("u32", IntType::U32),
        ("u64", IntType::U64),
    ];

    /// The Rust (and schema) spelling.
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, ty)| *ty == self)
            .map_or("", |(name, _)| name)
    }

    /// The inclusive range of values, as `i128` so every width fits.
    pub fn range(self) -> (i128, i128) {
        match self {
            IntType::I8 => (i8::MIN.into(), i8::MAX.into()),
            IntType::I16 => (i16::MIN.into(), i16::MAX.into()),
            IntType::I32 => (i32::MIN.into(), i32::MAX.into()),
            IntType::I64 => (i64::MIN.into(), i64::MAX.into()),
            IntType::U8 => (0, u8::MAX.into()),
            IntType::U16 => (0, u16::MAX.into()),
            IntType::U32 => (0, u32::MAX.into()),
            IntType::U64 => (0, u64::MAX.into()),
        }
    }
}

/// Every built-in spelling, for error messages.
pub const BUILTIN_TYPES: &str = "bool, i8, i16, i32, i64, u8, u16, u32, u64, f64, string, \
                                 UserId, GroupId, MessageId, Message, ReceivedMessage, DownloadFrame, json, list<T>, A | B";

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
            return crate::union::parse(text);
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

    /// The first named type this expression mentions.
    pub fn named(&self) -> Option<&str> {
        self.names().into_iter().next()
    }

    /// Every named type this expression mentions.
    pub fn names(&self) -> Vec<&str> {
        match self {
            TypeExpr::Named(name) => vec![name],
            TypeExpr::List(inner) => inner.names(),
            TypeExpr::Union(members) => members.iter().flat_map(TypeExpr::names).collect(),
            _ => Vec::new(),
        }
    }
}

impl fmt::Display for TypeExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TypeExpr::Bool => f.write_str("bool"),
            TypeExpr::Int(ty) => f.write_str(ty.name()),
            TypeExpr::F64 => f.write_str("f64"),
            TypeExpr::String => f.write_str("string"),
            TypeExpr::UserId => f.write_str("UserId"),
            TypeExpr::GroupId => f.write_str("GroupId"),
            TypeExpr::MessageId => f.write_str("MessageId"),
            TypeExpr::Message => f.write_str("Message"),
            TypeExpr::ReceivedMessage => f.write_str("ReceivedMessage"),
            TypeExpr::DownloadFrame => f.write_str("DownloadFrame"),
            TypeExpr::Json => f.write_str("json"),
            TypeExpr::List(inner) => write!(f, "list<{inner}>"),
            TypeExpr::Named(name) => f.write_str(name),
            TypeExpr::Union(members) => {
                let members: Vec<String> = members.iter().map(ToString::to_string).collect();
                f.write_str(&members.join(" | "))
            }
        }
    }
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
