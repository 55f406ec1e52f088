//! The `clap::Command` of one action: its names, help text and one flag per
//! parameter, each parsed into the Rust type of its request field.

use proc_macro2::TokenStream;
use quote::quote;

use super::super::rust_type::field_type_in;
use crate::model::{Action, Param, Reply, Schema, SharedTypeKind};
use crate::since::Since;
use crate::ty::TypeExpr;

/// `::clap::Command::new(…)…` for one action.
pub(super) fn command(action: &Action, schema: &Schema) -> TokenStream {
    let name = &action.wire_name;
    let about = about(action);
    let long_about = long_about(action);
    let aliases = command_aliases(action);
    let params = action.merged_params();
    let args = params.iter().map(|param| arg(param, schema));
    quote! {
        ::clap::Command::new(#name)
            .about(#about)
            .long_about(#long_about)
            #(.alias(#aliases))*
            #(.arg(#args))*
    }
}

/// The one-line summary, Chinese then English, as in rustdoc.
fn about(action: &Action) -> String {
    let deprecated = if action.deprecated.is_some() {
        "[deprecated] "
    } else {
        ""
    };
    let since = since_text(action.since.as_ref());
    format!(
        "{deprecated}{} · {}{since}",
        action.summary_zh, action.summary_en
    )
}

/// ` [since NapCat 4.17.20]`, when the schema says; empty otherwise.
fn since_text(since: Option<&Since>) -> String {
    since.map_or_else(String::new, |since| format!(" [since NapCat {since}]"))
}

/// The `--help` text: summary, description, deprecation, other names and
/// what is printed.
fn long_about(action: &Action) -> String {
    let mut paragraphs = vec![about(action)];
    paragraphs.extend(action.description.clone());
    paragraphs.extend(
        action
            .deprecated
            .as_ref()
            .map(|note| format!("Deprecated: {note}")),
    );
    let aliases = command_aliases(action);
    if !aliases.is_empty() {
        paragraphs.push(format!("Also callable as: {}.", aliases.join(", ")));
    }
    paragraphs.push(reply_text(&action.reply));
    paragraphs.join("\n\n")
}

fn reply_text(reply: &Reply) -> String {
    match reply {
        Reply::Nothing => "Reply: none (prints `null`).".into(),
        Reply::Type { ty, doc, .. } => with_doc(format!("Reply: `{ty}`, printed as JSON."), doc),
        Reply::Fields { fields, doc } => {
            let names: Vec<&str> = fields
                .iter()
                .map(|field| field.wire_name.as_str())
                .collect();
            with_doc(
                format!(
                    "Reply: an object with {}, printed as JSON.",
                    names.join(", ")
                ),
                doc,
            )
        }
        Reply::Frames { ty, doc } => with_doc(
            format!("Reply: a stream of `{ty}` frames, printed one JSON object per line."),
            doc,
        ),
    }
}

fn with_doc(text: String, doc: &Option<String>) -> String {
    match doc {
        Some(doc) => format!("{text} {doc}"),
        None => text,
    }
}

/// The Rust name (when it differs from the wire name) and the aliases.
fn command_aliases(action: &Action) -> Vec<String> {
    let rust_name = (action.rust_name != action.wire_name).then(|| action.rust_name.clone());
    rust_name
        .into_iter()
        .chain(action.aliases.iter().cloned())
        .collect()
}

/// `::clap::Arg::new(…)…` for one parameter.
fn arg(param: &Param, schema: &Schema) -> TokenStream {
    let id = &param.rust_name;
    let long = param.rust_name.replace('_', "-");
    // The wire and Rust spellings work too, for people copying from NapCat's docs.
    let mut aliases: Vec<&str> = Vec::new();
    for alias in [param.wire_name.as_str(), param.rust_name.as_str()] {
        if alias != long && !aliases.contains(&alias) {
            aliases.push(alias);
        }
    }
    let required = param.required;
    let item = item_type(&param.ty);
    let value_name = item.to_string();
    let parser = value_parser(item, schema);
    let help = help(param, item, schema);
    // `--duration -1` is a (rejected) value, not an unknown flag `-1`.
    let numeric = matches!(item, TypeExpr::Int(_) | TypeExpr::F64)
        .then(|| quote!(.allow_negative_numbers(true)));
    let shape = match &param.ty {
        // `T | list<T>`: one value is a `T`, several a list.
        TypeExpr::Union(_) => quote!(.action(::clap::ArgAction::Append)),
        TypeExpr::List(inner) if delimited(inner) => {
            quote!(.action(::clap::ArgAction::Append).value_delimiter(','))
        }
        TypeExpr::List(_) => quote!(.action(::clap::ArgAction::Append)),
        // `--no-cache` alone means `true`; `--enable false` says no.
        TypeExpr::Bool => quote!(.num_args(0..=1).default_missing_value("true")),
        _ => TokenStream::new(),
    };
    quote! {
        ::clap::Arg::new(#id)
            .long(#long)
            #(.alias(#aliases))*
            .value_name(#value_name)
            .required(#required)
            .help(#help)
            .value_parser(#parser)
            #numeric
            #shape
    }
}

/// The type of one flag value: a list's item, a union's non-list member.
pub(super) fn item_type(ty: &TypeExpr) -> &TypeExpr {
    match ty {
        TypeExpr::List(inner) => inner,
        TypeExpr::Union(members) => members
            .iter()
            .find(|member| !matches!(member, TypeExpr::List(_)))
            .unwrap_or(ty),
        ty => ty,
    }
}

/// Whether list items may also be given comma-separated (numbers and ids,
/// which never contain a comma).
fn delimited(item: &TypeExpr) -> bool {
    matches!(
        item,
        TypeExpr::Int(_) | TypeExpr::UserId | TypeExpr::GroupId | TypeExpr::MessageId
    )
}

/// The parser that turns one flag value into the request field's type (the
/// item type for lists).
fn value_parser(ty: &TypeExpr, schema: &Schema) -> TokenStream {
    let rust = field_type_in(ty, &quote!(::ncat_api));
    match ty {
        // Ids parse with their `FromStr` (a decimal integer).
        TypeExpr::Bool
        | TypeExpr::Int(_)
        | TypeExpr::F64
        | TypeExpr::String
        | TypeExpr::UserId
        | TypeExpr::GroupId
        | TypeExpr::MessageId => quote!(::clap::value_parser!(#rust)),
        TypeExpr::Message => quote!(crate::flag::message()),
        TypeExpr::Named(name) => match enum_values(name, schema) {
            Some(values) => quote!(crate::flag::choice::<#rust>(&[#(#values),*])),
            None => quote!(crate::flag::json::<#rust>()),
        },
        TypeExpr::Json
        | TypeExpr::Union(_)
        | TypeExpr::ReceivedMessage
        | TypeExpr::DownloadFrame
        | TypeExpr::List(_) => quote!(crate::flag::json::<#rust>()),
    }
}

/// The wire values of a string enum from `types.yaml`; `None` for a struct.
fn enum_values<'a>(name: &str, schema: &'a Schema) -> Option<Vec<&'a str>> {
    schema
        .types
        .iter()
        .find(|shared| shared.name == name)
        .and_then(|shared| match &shared.kind {
            SharedTypeKind::Enum(values) => Some(
                values
                    .iter()
                    .map(|value| value.wire_value.as_str())
                    .collect(),
            ),
            SharedTypeKind::Struct(_) => None,
        })
}

/// The flag's help: the schema's doc, how to write the value, NapCat's
/// default.
fn help(param: &Param, item: &TypeExpr, schema: &Schema) -> String {
    let mut parts: Vec<String> = param.doc.iter().cloned().collect();
    let how = match item {
        TypeExpr::Message => Some("plain text, CQ code, or a JSON segment array".to_owned()),
        TypeExpr::Bool => Some("the flag alone means true".to_owned()),
        TypeExpr::Json => Some("JSON".to_owned()),
        TypeExpr::Named(name) if enum_values(name, schema).is_none() => {
            Some(format!("a JSON `{name}` object"))
        }
        _ => None,
    };
    let repeat = match &param.ty {
        TypeExpr::List(inner) if delimited(inner) => {
            Some("repeat the flag or separate with commas")
        }
        TypeExpr::List(_) => Some("repeat the flag for each item"),
        TypeExpr::Union(_) => Some("repeat the flag for a list"),
        _ => None,
    };
    let hints: Vec<String> = how.into_iter().chain(repeat.map(str::to_owned)).collect();
    if !hints.is_empty() {
        parts.push(format!("({})", hints.join("; ")));
    }
    if let Some(default) = &param.default {
        parts.push(format!("[NapCat's default: {default}]"));
    }
    parts.join(" ") + &since_text(param.since.as_ref())
}
