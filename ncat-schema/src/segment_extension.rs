//! A bot's own segment kinds: the `segments.yaml` of an extension
//! (`ncat_api::extend!`), checked against the base's kinds and generated
//! in the bot's crate.
//!
//! The file has the format of ncat's `schema/segments.yaml` and is checked
//! by the same validator ([`crate::segment`]); this module adds what only
//! an extension needs: a kind ncat already has, or a data type named like
//! one of ncat's or one the extension generates already, is an error at
//! the `file:line:col` that names it. Its data types come from the
//! built-in generator ([`crate::segment`]), whose paths into ncat-api's
//! `message` module are rewritten to `::ncat_api` ones ([`retarget`]);
//! `ExtensionSegment` reads the kinds that arrive from the
//! `ReceivedSegment::Unknown` ncat delivers them as, and each sendable
//! data type converts into a raw `Segment`.

use proc_macro2::{Group, Literal, TokenStream, TokenTree};
use quote::{format_ident, quote};
use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::base::Base;
use crate::diagnostic::Diagnostic;
use crate::model::Schema;
use crate::reporter::Reporter;
use crate::rustdoc::attrs;
use crate::segment::model::{SegmentKind, Shape};
use crate::source::SourceFile;

/// The enum of an extension's received kinds.
pub const ENUM: &str = "ExtensionSegment";

/// Names `extend!` writes itself, which a segment data type may not take.
const GENERATED_NAMES: &[&str] = &[ENUM, "ExtensionEvent", "ClientExt", "MOCK_REPLIES"];

/// The keys of `segments.yaml` this module reads again, with positions.
/// The file is checked in full by [`crate::segment`]; unknown keys are
/// reported there.
#[derive(Deserialize)]
struct RawFile {
    #[serde(default)]
    segments: Vec<RawKind>,
}

#[derive(Deserialize)]
struct RawKind {
    kind: Spanned<String>,
    rust_type: Option<Spanned<String>>,
    send: Option<RawShape>,
    receive: Option<RawShape>,
}

#[derive(Deserialize)]
struct RawShape {
    rust_type: Spanned<String>,
}

/// Checks an extension's `segments.yaml` against the base it extends and
/// the names the rest of the extension (`schema`: its types, events and
/// actions) generates.
pub(crate) fn check(
    source: &SourceFile,
    base: &Base,
    schema: &Schema,
    diagnostics: &mut Vec<Diagnostic>,
) {
    // Unreadable files are reported by the validator already.
    let Ok(file) = serde_saphyr::from_str::<RawFile>(&source.text) else {
        return;
    };
    let mut report = Reporter {
        source,
        diagnostics,
    };
    let taken = own_names(schema);
    let mut senders: Vec<(&str, &str)> = Vec::new();
    // The validator checked a kind for every entry, in file order.
    for (raw, checked) in file.segments.iter().zip(&schema.segments) {
        let kind = raw.kind.value.as_str();
        if base.segment_kinds.iter().any(|known| known == kind) {
            report.error(
                &raw.kind,
                format!(
                    "segment kind `{kind}` is built into ncat-api (`Segment` / `ReceivedSegment`); remove it from the extension"
                ),
            );
        } else if !kind.starts_with(|c: char| c.is_ascii_lowercase()) {
            // Its `ExtensionSegment` variant is named after it.
            report.error(
                &raw.kind,
                format!("segment kind `{kind}` of an extension starts with a lowercase letter"),
            );
        }
        let written = [
            raw.rust_type.as_ref(),
            raw.send.as_ref().map(|shape| &shape.rust_type),
            raw.receive.as_ref().map(|shape| &shape.rust_type),
        ];
        for rust_type in written.into_iter().flatten() {
            let name = rust_type.value.as_str();
            if base.segment_types.iter().any(|known| known == name) {
                report.error(
                    rust_type,
                    format!(
                        "`{name}` is ncat-api's own segment data type (`ncat_api::segment::{name}`); give the extension's a name of its own"
                    ),
                );
            } else if taken.iter().any(|own| own == name) {
                report.error(
                    rust_type,
                    format!(
                        "`{name}` is already a type this extension generates; give the segment data another name"
                    ),
                );
            }
        }
        // A data type converts into one kind's `Segment`.
        if let Some(send) = &checked.send {
            let at = raw
                .send
                .as_ref()
                .map(|shape| &shape.rust_type)
                .or(raw.rust_type.as_ref())
                .unwrap_or(&raw.kind);
            match senders.iter().find(|(name, _)| *name == send.rust_type) {
                Some((name, first)) => report.error(
                    at,
                    format!(
                        "`{name}` is the send type of segment kind `{first}` already: a data type is sent as one kind"
                    ),
                ),
                None => senders.push((&send.rust_type, &checked.kind)),
            }
        }
    }
}

/// The type names the rest of an extension generates.
fn own_names(schema: &Schema) -> Vec<String> {
    let types = schema.types.iter().map(|ty| ty.name.clone());
    let events = schema
        .events
        .iter()
        .flat_map(crate::event::EventSchema::type_names);
    let actions = schema
        .actions
        .iter()
        .flat_map(|action| [action.request_type_name(), action.reply_type_name()]);
    GENERATED_NAMES
        .iter()
        .map(|name| (*name).to_owned())
        .chain(types)
        .chain(events)
        .chain(actions)
        .collect()
}

/// The Rust items for an extension's segment kinds, in the bot's crate:
/// the data types (the built-in generator's, retargeted), `From` each
/// sendable one into `ncat_api::Segment`, and `ExtensionSegment` with
/// `from_segment`. Nothing without segment kinds.
pub fn generate(schema: &Schema) -> TokenStream {
    if schema.segments.is_empty() {
        return TokenStream::new();
    }
    let structs = retarget(crate::segment::structs::generate_structs(schema));
    let is_hook = |name: &str| schema.segment_hooks.iter().any(|hook| hook.name == name);
    // `check` made each send type one kind's.
    let from_impls = schema
        .segments
        .iter()
        .filter_map(|kind| Some(from_impl(kind, kind.send.as_ref()?)));
    let received: Vec<(&SegmentKind, &Shape)> = schema
        .segments
        .iter()
        .filter_map(|kind| Some((kind, kind.receive.as_ref()?)))
        .collect();
    let segment_enum = (!received.is_empty()).then(|| segment_enum(&received, &is_hook));
    quote! {
        #structs
        #(#from_impls)*
        #segment_enum
    }
}

fn variant(kind: &SegmentKind) -> proc_macro2::Ident {
    format_ident!("{}", crate::naming::pascal_case(&kind.kind))
}

/// `impl From<Data> for ncat_api::Segment`: the kind's raw segment.
fn from_impl(kind: &SegmentKind, shape: &Shape) -> TokenStream {
    let name = format_ident!("{}", shape.rust_type);
    let wire = &kind.kind;
    let doc = format!(
        " A `{wire}` segment (this crate's own kind), sent as ncat sends a kind it does not model: `Segment::Unknown`."
    );
    quote! {
        #[doc = #doc]
        impl ::std::convert::From<#name> for ::ncat_api::Segment {
            fn from(data: #name) -> Self {
                ::ncat_api::extension::__segment::raw(#wire, &data)
            }
        }
    }
}

fn segment_enum(
    received: &[(&SegmentKind, &Shape)],
    is_hook: &dyn Fn(&str) -> bool,
) -> TokenStream {
    let variants = received.iter().map(|(kind, shape)| {
        let variant = variant(kind);
        let ty = format_ident!("{}", shape.rust_type);
        let doc = attrs(&[format!(
            "{} · {} (`{}`).",
            kind.summary_zh, kind.summary_en, kind.kind
        )]);
        quote!(#doc #variant(#ty),)
    });
    let kinds = received.iter().map(|(kind, _)| {
        let variant = variant(kind);
        let wire = &kind.kind;
        quote!(Self::#variant(_) => #wire,)
    });
    let arms = received.iter().map(|(kind, shape)| {
        let variant = variant(kind);
        let wire = &kind.kind;
        let ty = format_ident!("{}", shape.rust_type);
        let decode = quote!(::ncat_api::extension::__segment::decode::<#ty>(#wire, data)?);
        if is_hook(&shape.rust_type) {
            // A hand-written type keeps what it keeps.
            quote!(#wire => Self::#variant(#decode),)
        } else {
            let keys = shape.keys();
            quote! {
                #wire => {
                    let mut typed = #decode;
                    typed.extra = ::ncat_api::extension::__segment::extra(data, &[#(#keys),*]);
                    Self::#variant(typed)
                }
            }
        }
    });
    let enum_name = format_ident!("{}", ENUM);
    quote! {
        /// This crate's own segment kinds (from its `segments.yaml`, by
        /// `ncat_api::extend!`), read from the
        /// [`ReceivedSegment::Unknown`](::ncat_api::ReceivedSegment::Unknown)
        /// that ncat, which does not know them, delivers them as.
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #enum_name {
            #(#variants)*
        }

        impl #enum_name {
            /// The typed segment, if `segment` is of one of this crate's
            /// kinds; `Ok(None)` for every other segment (ncat's own kinds
            /// decode typed already), and an error when the kind is this
            /// crate's but its `data` does not fit the kind's type.
            pub fn from_segment(
                segment: &::ncat_api::ReceivedSegment,
            ) -> ::std::result::Result<::std::option::Option<Self>, ::ncat_api::extension::SegmentDataError> {
                let ::std::option::Option::Some((kind, data)) = ::ncat_api::extension::__segment::unknown(segment) else {
                    return ::std::result::Result::Ok(::std::option::Option::None);
                };
                ::std::result::Result::Ok(::std::option::Option::Some(match kind {
                    #(#arms)*
                    _ => return ::std::result::Result::Ok(::std::option::Option::None),
                }))
            }

            /// The segment's `type` on the wire.
            pub fn kind(&self) -> &'static str {
                match self {
                    #(#kinds)*
                }
            }
        }
    }
}

/// Where the built-in generator's paths, written for ncat-api's `message`
/// module, are from a bot's crate: `(written, there)`, matched on whole
/// path segments, longest first.
const PATHS: &[(&str, &str)] = &[
    ("super::extra::Extra", "::ncat_api::segment::Extra"),
    ("super::wire", "::ncat_api::extension::__segment"),
    ("super::Media", "::ncat_api::Media"),
    ("crate::id::MessageId", "::ncat_api::MessageId"),
    ("crate::IntoMessageId", "::ncat_api::IntoMessageId"),
    ("crate::lenient", "::ncat_api::lenient"),
    ("::serde_json", "::ncat_api::extension::serde_json"),
    ("::serde", "::ncat_api::extension::serde"),
];

/// The built-in generator's tokens, made to compile in a bot's crate: every
/// path of [`PATHS`], in code and in the strings of serde attributes,
/// rewritten; serde's derives told where serde is; the intra-doc link to
/// `Extra` made absolute. A `super::` or `crate::` path the table does not
/// know (the generator changed) becomes a `compile_error!` naming it, so it
/// cannot slip through to the bot's crate as a confusing error.
pub(crate) fn retarget(tokens: TokenStream) -> TokenStream {
    let mut unknown = Vec::new();
    let retargeted = rewrite(tokens, &mut unknown);
    let errors = unknown.iter().map(|path| {
        let message = format!(
            "ncat-schema: the segment generator wrote `{path}`, which `extend!` does not know how to reach from a bot's crate (segment_extension::PATHS)"
        );
        quote!(::std::compile_error!(#message);)
    });
    quote!(#(#errors)* #retargeted)
}

fn rewrite(tokens: TokenStream, unknown: &mut Vec<String>) -> TokenStream {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    let mut out: Vec<TokenTree> = Vec::with_capacity(tokens.len());
    let mut index = 0;
    while index < tokens.len() {
        let token = &tokens[index];
        match token {
            TokenTree::Group(group) => {
                let mut new = Group::new(group.delimiter(), rewrite(group.stream(), unknown));
                new.set_span(group.span());
                out.push(new.into());
                index += 1;
            }
            TokenTree::Literal(literal) => {
                out.push(rewrite_literal(literal, unknown));
                index += 1;
            }
            TokenTree::Ident(ident)
                if ident == "pub" && is_ident(tokens.get(index + 1), "struct") =>
            {
                // serde's derives name `serde` through ncat-api.
                out.extend(quote!(#[serde(crate = "::ncat_api::extension::serde")]));
                out.push(token.clone());
                index += 1;
            }
            TokenTree::Ident(ident) if ident == "super" || ident == "crate" => {
                index = rewrite_path(&tokens, index, false, &mut out, unknown);
            }
            // `::serde…` at the start of a path (not after an identifier).
            TokenTree::Punct(punct)
                if punct.as_char() == ':'
                    && is_path_separator(&tokens, index)
                    && !matches!(out.last(), Some(TokenTree::Ident(_)))
                    && (is_ident(tokens.get(index + 2), "serde")
                        || is_ident(tokens.get(index + 2), "serde_json")) =>
            {
                index = rewrite_path(&tokens, index + 2, true, &mut out, unknown);
            }
            _ => {
                out.push(token.clone());
                index += 1;
            }
        }
    }
    out.into_iter().collect()
}

fn is_ident(token: Option<&TokenTree>, name: &str) -> bool {
    matches!(token, Some(TokenTree::Ident(ident)) if ident == name)
}

/// Whether `tokens[index]` and the next are `::`.
fn is_path_separator(tokens: &[TokenTree], index: usize) -> bool {
    let colon = |token: Option<&TokenTree>| matches!(token, Some(TokenTree::Punct(punct)) if punct.as_char() == ':');
    colon(tokens.get(index)) && colon(tokens.get(index + 1))
}

/// Reads the path starting with the identifier at `start` (after `::` when
/// `leading`), pushes it rewritten, and returns the index after it.
fn rewrite_path(
    tokens: &[TokenTree],
    start: usize,
    leading: bool,
    out: &mut Vec<TokenTree>,
    unknown: &mut Vec<String>,
) -> usize {
    let mut segments = Vec::new();
    let mut index = start;
    while let Some(TokenTree::Ident(ident)) = tokens.get(index) {
        segments.push(ident.to_string());
        index += 1;
        if is_path_separator(tokens, index)
            && matches!(tokens.get(index + 2), Some(TokenTree::Ident(_)))
        {
            index += 2;
        } else {
            break;
        }
    }
    let written = format!("{}{}", if leading { "::" } else { "" }, segments.join("::"));
    match map_path(&written) {
        Some(path) => out.extend(path.parse::<TokenStream>().unwrap_or_default()),
        None => {
            if !unknown.contains(&written) {
                unknown.push(written.clone());
            }
            out.extend(written.parse::<TokenStream>().unwrap_or_default());
        }
    }
    index
}

/// The path `written` as a bot's crate reaches it; `None` when [`PATHS`]
/// has no entry for it.
fn map_path(written: &str) -> Option<String> {
    PATHS.iter().find_map(|(from, to)| {
        let rest = written.strip_prefix(from)?;
        (rest.is_empty() || rest.starts_with("::")).then(|| format!("{to}{rest}"))
    })
}

/// A string naming a function by path (serde's `deserialize_with`) is
/// rewritten like code; a doc string's link to `Extra` made absolute.
fn rewrite_literal(literal: &Literal, unknown: &mut Vec<String>) -> TokenTree {
    let stream = TokenStream::from(TokenTree::Literal(literal.clone()));
    let Ok(text) = syn::parse2::<syn::LitStr>(stream) else {
        return TokenTree::Literal(literal.clone());
    };
    let value = text.value();
    let is_path = |prefix: &str| {
        value.starts_with(prefix)
            && value
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':')
    };
    let new = if is_path("super::") || is_path("crate::") {
        map_path(&value).unwrap_or_else(|| {
            if !unknown.contains(&value) {
                unknown.push(value.clone());
            }
            value.clone()
        })
    } else if value.contains("[`Extra`]") {
        value.replace("[`Extra`]", "[`Extra`](ncat_api::segment::Extra)")
    } else {
        return TokenTree::Literal(literal.clone());
    };
    let mut new = Literal::string(&new);
    new.set_span(literal.span());
    TokenTree::Literal(new)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_paths_are_rewritten_in_code_and_in_serde_strings() {
        let tokens = quote! {
            #[derive(::serde::Serialize)]
            pub struct Gift {
                #[serde(deserialize_with = "crate::lenient::integer", serialize_with = "super::wire::display")]
                pub id: u32,
                pub file: super::Media,
                #[doc = " The rest; see [`Extra`]."]
                pub extra: super::extra::Extra,
            }
            impl Gift {
                pub fn reply(message: impl crate::IntoMessageId) -> crate::id::MessageId {
                    crate::IntoMessageId::into_message_id(message)
                }
                pub fn json() -> ::serde_json::Value { ::serde_json::Value::Null }
            }
        };
        let text = retarget(tokens).to_string();
        for gone in [
            "super ::",
            "crate ::",
            "\"super::",
            "\"crate::",
            "compile_error",
        ] {
            assert!(!text.contains(gone), "`{gone}` left in {text}");
        }
        for expected in [
            "# [serde (crate = \"::ncat_api::extension::serde\")] pub struct Gift",
            "# [derive (:: ncat_api :: extension :: serde :: Serialize)]",
            "\"::ncat_api::lenient::integer\"",
            "\"::ncat_api::extension::__segment::display\"",
            ":: ncat_api :: Media",
            ":: ncat_api :: segment :: Extra",
            "impl :: ncat_api :: IntoMessageId",
            ":: ncat_api :: MessageId",
            ":: ncat_api :: IntoMessageId :: into_message_id",
            ":: ncat_api :: extension :: serde_json :: Value :: Null",
            "[`Extra`](ncat_api::segment::Extra)",
        ] {
            assert!(text.contains(expected), "no `{expected}` in {text}");
        }
    }

    #[test]
    fn an_unknown_path_is_a_compile_error_naming_it() {
        let tokens = quote! {
            pub struct Gift {
                #[serde(with = "super::secret::codec")]
                pub id: super::kinds::Hidden,
            }
        };
        let text = retarget(tokens).to_string();
        assert!(text.contains("`super::kinds::Hidden`"), "{text}");
        assert!(text.contains("`super::secret::codec`"), "{text}");
        assert_eq!(text.matches("compile_error").count(), 2, "{text}");
    }

    #[test]
    fn paths_match_on_whole_segments() {
        assert_eq!(
            map_path("::serde"),
            Some("::ncat_api::extension::serde".into())
        );
        assert_eq!(
            map_path("::serde_json::Value"),
            Some("::ncat_api::extension::serde_json::Value".into())
        );
        assert_eq!(map_path("super::MediaKind"), None);
        assert_eq!(
            map_path("super::wire"),
            Some("::ncat_api::extension::__segment".into())
        );
    }
}
