//! The closed type vocabulary of the schema (`type_parser.rs` reads it).

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
    /// Every width, with its spelling.
    pub(crate) const ALL: [(&'static str, IntType); 8] = [
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

impl TypeExpr {
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
