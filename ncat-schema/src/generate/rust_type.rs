//! How schema types appear in Rust: as field types, as arguments, in docs
//! and in examples.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::model::{Schema, SharedTypeKind};
use crate::ty::TypeExpr;

/// The type of a struct field, for code that expands inside `ncat-api`.
pub(super) fn field_type(ty: &TypeExpr) -> TokenStream {
    field_type_in(ty, &quote!(crate))
}

/// The type of a struct field, with `root` the path of `ncat-api` where the
/// code expands (`crate` inside it, `::ncat_api` elsewhere).
pub(super) fn field_type_in(ty: &TypeExpr, root: &TokenStream) -> TokenStream {
    match ty {
        TypeExpr::Bool => quote!(bool),
        TypeExpr::Int(int) => {
            let name = format_ident!("{}", int.name());
            quote!(#name)
        }
        TypeExpr::F64 => quote!(f64),
        TypeExpr::String => quote!(::std::string::String),
        TypeExpr::UserId => quote!(#root::UserId),
        TypeExpr::GroupId => quote!(#root::GroupId),
        TypeExpr::MessageId => quote!(#root::MessageId),
        TypeExpr::Message => quote!(#root::Message),
        TypeExpr::ReceivedMessage => quote!(#root::ReceivedMessage),
        TypeExpr::DownloadFrame => quote!(#root::stream::DownloadFrame),
        TypeExpr::Json => quote!(::serde_json::Value),
        TypeExpr::List(inner) => {
            let inner = field_type_in(inner, root);
            quote!(::std::vec::Vec<#inner>)
        }
        TypeExpr::Named(name) => {
            let name = format_ident!("{}", name);
            quote!(#root::types::#name)
        }
        // The validator allows unions only as parameters, whose enum is
        // named after the action (`super::union`); nothing else reaches here.
        TypeExpr::Union(_) => {
            quote!(::std::compile_error!(
                "ncat-schema: a union type outside a parameter"
            ))
        }
    }
}

/// An argument of a client method or setter, and the expression that turns
/// the argument `name` into the field value.
///
/// Strings, ids and messages take ncat's conversion traits (`IntoText`,
/// `IntoUserId` and the other id traits, `IntoMessage`), so callers can pass `&str` or an integer
/// literal and a mix-up is reported in ncat's words; lists take any
/// iterator of such items.
pub(super) fn argument(ty: &TypeExpr, name: &proc_macro2::Ident) -> (TokenStream, TokenStream) {
    match ty {
        TypeExpr::List(inner) => match conversion(inner) {
            Some((bound, convert)) => (
                quote!(impl ::std::iter::IntoIterator<Item = #bound>),
                quote!(#name.into_iter().map(#convert).collect()),
            ),
            None => {
                let item = field_type(inner);
                (
                    quote!(impl ::std::iter::IntoIterator<Item = #item>),
                    quote!(#name.into_iter().collect()),
                )
            }
        },
        _ => match conversion(ty) {
            Some((bound, convert)) => (bound, quote!(#convert(#name))),
            None => (field_type(ty), quote!(#name)),
        },
    }
}

/// The conversion-trait bound for the types that have convenient
/// conversions, and the path of its conversion function.
fn conversion(ty: &TypeExpr) -> Option<(TokenStream, TokenStream)> {
    let id = |into: &str, method: &str| {
        let into = format_ident!("{}", into);
        let method = format_ident!("{}", method);
        Some((quote!(impl crate::#into), quote!(crate::#into::#method)))
    };
    match ty {
        TypeExpr::String => Some((
            quote!(impl crate::IntoText),
            quote!(crate::IntoText::into_text),
        )),
        TypeExpr::UserId => id("IntoUserId", "into_user_id"),
        TypeExpr::GroupId => id("IntoGroupId", "into_group_id"),
        TypeExpr::MessageId => id("IntoMessageId", "into_message_id"),
        TypeExpr::Message => Some((
            quote!(impl crate::IntoMessage),
            quote!(crate::IntoMessage::into_message),
        )),
        _ => None,
    }
}

/// The type as Markdown for rustdoc, with links to ncat types.
pub(super) fn doc_type(ty: &TypeExpr) -> String {
    match ty {
        TypeExpr::Bool | TypeExpr::Int(_) | TypeExpr::F64 => format!("`{ty}`"),
        TypeExpr::String => "`String`".into(),
        TypeExpr::UserId
        | TypeExpr::GroupId
        | TypeExpr::MessageId
        | TypeExpr::Message
        | TypeExpr::ReceivedMessage => format!("[`{ty}`](crate::{ty})"),
        TypeExpr::Json => "[`serde_json::Value`]".into(),
        TypeExpr::DownloadFrame => "[`DownloadFrame`](crate::stream::DownloadFrame)".into(),
        TypeExpr::List(inner) => format!("list of {}", doc_type(inner)),
        TypeExpr::Named(name) => format!("[`{name}`](crate::types::{name})"),
        TypeExpr::Union(members) => members
            .iter()
            .map(doc_type)
            .collect::<Vec<_>>()
            .join(" or "),
    }
}

/// A value of the type as an argument in a doc example, in the form the
/// argument accepts.
pub(super) fn example_argument(ty: &TypeExpr, schema: &Schema) -> String {
    match ty {
        TypeExpr::Bool => "true".into(),
        TypeExpr::Int(_) => "60".into(),
        // A union enum converts from each member; an integer literal needs
        // its width, since several types could convert.
        TypeExpr::Union(members) => match members.first() {
            Some(TypeExpr::Int(int)) => format!("60{}", int.name()),
            Some(first) => example_argument(first, schema),
            None => String::new(),
        },
        TypeExpr::F64 => "1.5".into(),
        TypeExpr::String => "\"example\"".into(),
        TypeExpr::UserId => "10001".into(),
        TypeExpr::GroupId => "123456".into(),
        TypeExpr::MessageId => "1234".into(),
        TypeExpr::Message => "\"hello\"".into(),
        TypeExpr::ReceivedMessage => "ncat_api::ReceivedMessage::from_cq(\"hello\")".into(),
        TypeExpr::Json => "serde_json::json!({})".into(),
        TypeExpr::DownloadFrame => "todo!(\"a download frame\")".into(),
        TypeExpr::List(inner) => format!("[{}]", example_argument(inner, schema)),
        TypeExpr::Named(name) => {
            let first_variant = schema.types.iter().find_map(|shared| match &shared.kind {
                SharedTypeKind::Enum(values) if shared.name == *name => values.first(),
                _ => None,
            });
            match first_variant {
                Some(value) => format!("ncat_api::types::{name}::{}", value.rust_name),
                None => format!("todo!(\"build a {name}\")"),
            }
        }
    }
}
