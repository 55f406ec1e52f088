//! How schema types appear in Rust: as field types, as arguments, in docs
//! and in examples.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::target::Target;
use crate::model::SharedTypeKind;
use crate::ty::TypeExpr;

/// The type of a struct field.
pub(super) fn field_type(ty: &TypeExpr, target: Target<'_>) -> TokenStream {
    let paths = Paths {
        runtime: target.runtime(),
        serde_json: target.serde_json(),
        named: &|name| target.named_type(name),
    };
    paths.field_type(ty)
}

/// The type of a struct field in code outside `ncat-api` that names only
/// its built-in types (the `ncat` tool), with `root` the path of
/// `ncat-api`.
pub(super) fn field_type_in(ty: &TypeExpr, root: &TokenStream) -> TokenStream {
    let paths = Paths {
        runtime: root.clone(),
        serde_json: quote!(::serde_json),
        named: &|name| {
            let name = format_ident!("{}", name);
            quote!(#root::types::#name)
        },
    };
    paths.field_type(ty)
}

/// How generated code names ncat-api, `serde_json` and the shared types.
struct Paths<'a> {
    runtime: TokenStream,
    serde_json: TokenStream,
    named: &'a dyn Fn(&str) -> TokenStream,
}

impl Paths<'_> {
    fn field_type(&self, ty: &TypeExpr) -> TokenStream {
        let runtime = &self.runtime;
        match ty {
            TypeExpr::Bool => quote!(bool),
            TypeExpr::Int(int) => {
                let name = format_ident!("{}", int.name());
                quote!(#name)
            }
            TypeExpr::F64 => quote!(f64),
            TypeExpr::String => quote!(::std::string::String),
            TypeExpr::UserId => quote!(#runtime::UserId),
            TypeExpr::GroupId => quote!(#runtime::GroupId),
            TypeExpr::MessageId => quote!(#runtime::MessageId),
            TypeExpr::Message => quote!(#runtime::Message),
            TypeExpr::ReceivedMessage => quote!(#runtime::ReceivedMessage),
            TypeExpr::DownloadFrame => quote!(#runtime::stream::DownloadFrame),
            TypeExpr::Json => {
                let serde_json = &self.serde_json;
                quote!(#serde_json::Value)
            }
            TypeExpr::List(inner) => {
                let inner = self.field_type(inner);
                quote!(::std::vec::Vec<#inner>)
            }
            TypeExpr::Named(name) => (self.named)(name),
            // The validator allows unions only as parameters, whose enum is
            // named after the action (`super::union`); nothing else reaches here.
            TypeExpr::Union(_) => {
                quote!(::std::compile_error!(
                    "ncat-schema: a union type outside a parameter"
                ))
            }
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
pub(super) fn argument(
    ty: &TypeExpr,
    name: &proc_macro2::Ident,
    target: Target<'_>,
) -> (TokenStream, TokenStream) {
    match ty {
        TypeExpr::List(inner) => match conversion(inner, target) {
            Some((bound, convert)) => (
                quote!(impl ::std::iter::IntoIterator<Item = #bound>),
                quote!(#name.into_iter().map(#convert).collect()),
            ),
            None => {
                let item = field_type(inner, target);
                (
                    quote!(impl ::std::iter::IntoIterator<Item = #item>),
                    quote!(#name.into_iter().collect()),
                )
            }
        },
        _ => match conversion(ty, target) {
            Some((bound, convert)) => (bound, quote!(#convert(#name))),
            None => (field_type(ty, target), quote!(#name)),
        },
    }
}

/// The conversion-trait bound for the types that have convenient
/// conversions, and the path of its conversion function.
fn conversion(ty: &TypeExpr, target: Target<'_>) -> Option<(TokenStream, TokenStream)> {
    let runtime = target.runtime();
    let id = |into: &str, method: &str| {
        let into = format_ident!("{}", into);
        let method = format_ident!("{}", method);
        Some((
            quote!(impl #runtime::#into),
            quote!(#runtime::#into::#method),
        ))
    };
    match ty {
        TypeExpr::String => Some((
            quote!(impl #runtime::IntoText),
            quote!(#runtime::IntoText::into_text),
        )),
        TypeExpr::UserId => id("IntoUserId", "into_user_id"),
        TypeExpr::GroupId => id("IntoGroupId", "into_group_id"),
        TypeExpr::MessageId => id("IntoMessageId", "into_message_id"),
        TypeExpr::Message => Some((
            quote!(impl #runtime::IntoMessage),
            quote!(#runtime::IntoMessage::into_message),
        )),
        _ => None,
    }
}

/// The type as Markdown for rustdoc, with links to ncat types.
pub(super) fn doc_type(ty: &TypeExpr, target: Target<'_>) -> String {
    match ty {
        TypeExpr::Bool | TypeExpr::Int(_) | TypeExpr::F64 => format!("`{ty}`"),
        TypeExpr::String => "`String`".into(),
        TypeExpr::UserId
        | TypeExpr::GroupId
        | TypeExpr::MessageId
        | TypeExpr::Message
        | TypeExpr::ReceivedMessage => {
            format!("[`{ty}`]({})", target.runtime_item_doc(&ty.to_string()))
        }
        TypeExpr::Json => "[`serde_json::Value`]".into(),
        TypeExpr::DownloadFrame => format!(
            "[`DownloadFrame`]({})",
            target.runtime_item_doc("stream::DownloadFrame")
        ),
        TypeExpr::List(inner) => format!("list of {}", doc_type(inner, target)),
        TypeExpr::Named(name) => format!("[`{name}`]({})", target.named_type_doc(name)),
        TypeExpr::Union(members) => members
            .iter()
            .map(|member| doc_type(member, target))
            .collect::<Vec<_>>()
            .join(" or "),
    }
}

/// A value of the type as an argument in a doc example, in the form the
/// argument accepts.
pub(super) fn example_argument(ty: &TypeExpr, target: Target<'_>) -> String {
    match ty {
        TypeExpr::Bool => "true".into(),
        TypeExpr::Int(_) => "60".into(),
        // A union enum converts from each member; an integer literal needs
        // its width, since several types could convert.
        TypeExpr::Union(members) => match members.first() {
            Some(TypeExpr::Int(int)) => format!("60{}", int.name()),
            Some(first) => example_argument(first, target),
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
        TypeExpr::List(inner) => format!("[{}]", example_argument(inner, target)),
        TypeExpr::Named(name) => {
            let first_variant = target
                .shared_type(name)
                .and_then(|shared| match &shared.kind {
                    SharedTypeKind::Enum(values) => values.first(),
                    SharedTypeKind::Struct(_) => None,
                });
            match first_variant {
                // Doc examples are compiled as crates of their own.
                Some(value) if target.is_extension() && target.is_own(name) => {
                    format!("{name}::{}", value.rust_name)
                }
                Some(value) => format!("ncat_api::types::{name}::{}", value.rust_name),
                None => format!("todo!(\"build a {name}\")"),
            }
        }
    }
}
