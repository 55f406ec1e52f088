//! The Rust of `ncat_api::event` from the checked events: one struct per
//! event (through `ncat_api::__event_struct!`, which writes its one-pass
//! `Deserialize`, its extra keys and its `Serialize`), one open enum per
//! `sub_type` enum (`ncat_api::__open_enum!`), and for ncat's own schema
//! the family enums (`MessageEvent`, `NoticeEvent`, …) with their dispatch.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{EventDef, EventField, EventSchema, OpenEnum, PostType};
use crate::model::Schema;
use crate::rustdoc::attrs;
use crate::since::Since;
use crate::ty::TypeExpr;

/// Where the code is compiled: inside ncat-api's `event` module, or in a
/// bot's crate (`extend!`).
#[derive(Clone, Copy)]
struct Target<'a> {
    schema: &'a EventSchema,
    extension: bool,
}

impl Target<'_> {
    fn runtime(self) -> TokenStream {
        if self.extension {
            quote!(::ncat_api)
        } else {
            quote!(crate)
        }
    }

    fn is_own(self, name: &str) -> bool {
        self.schema.enums.iter().any(|own| own.name == name)
            || self.schema.events.iter().any(|own| own.name == name)
            || self.schema.hooks.iter().any(|hook| hook == name)
    }
}

/// ncat's own events: every item of `ncat_api::event` that the schema
/// describes.
pub fn generate(schema: &EventSchema) -> TokenStream {
    let target = Target {
        schema,
        extension: false,
    };
    let enums = schema.enums.iter().map(|open| open_enum(open, target));
    let structs = schema
        .events
        .iter()
        .map(|event| event_struct(event, target));
    let families = PostType::ALL
        .iter()
        .map(|(_, post_type)| family(schema, *post_type));
    quote! {
        #(#enums)*
        #(#structs)*
        #(#families)*
    }
}

/// A bot's own events (`extend!`): their structs and enums, and
/// `ExtensionEvent`, which reads them from the [`Event::Unknown`] ncat
/// delivers them as.
///
/// [`Event::Unknown`]: https://docs.rs/ncat-api/latest/ncat_api/event/enum.Event.html
pub fn generate_extension(schema: &EventSchema) -> TokenStream {
    let target = Target {
        schema,
        extension: true,
    };
    let enums = schema.enums.iter().map(|open| open_enum(open, target));
    let structs = schema
        .events
        .iter()
        .map(|event| event_struct(event, target));
    let variants = schema.events.iter().map(|event| {
        let variant = format_ident!("{}", event.variant);
        let name = format_ident!("{}", event.name);
        let doc = attrs(&[format!("{} · {}", event.summary_zh, event.summary_en)]);
        quote!(#doc #variant(#name),)
    });
    let arms = schema.events.iter().map(|event| {
        let variant = format_ident!("{}", event.variant);
        let post_type = event.post_type.wire();
        let kind = &event.kind;
        let sub_type = match &event.sub_type {
            Some(sub_type) => quote!(::std::option::Option::Some(#sub_type)),
            None => quote!(_),
        };
        quote! {
            (::std::option::Option::Some(#post_type), ::std::option::Option::Some(#kind), #sub_type) => {
                ::ncat_api::event::__support::serde::Deserialize::deserialize(value)
                    .ok()
                    .map(Self::#variant)
            }
        }
    });
    let kind_of = quote! {
        let post_type = field("post_type");
        let kind = match post_type {
            ::std::option::Option::Some("message" | "message_sent") => field("message_type"),
            ::std::option::Option::Some("notice") => field("notice_type"),
            ::std::option::Option::Some("request") => field("request_type"),
            ::std::option::Option::Some("meta_event") => field("meta_event_type"),
            _ => ::std::option::Option::None,
        };
        let post_type = post_type.map(|post_type| if post_type == "message_sent" { "message" } else { post_type });
    };
    quote! {
        #(#enums)*
        #(#structs)*

        /// This crate's own events (from its `events.yaml`, by
        /// `ncat_api::extend!`), read from the [`Event::Unknown`](::ncat_api::event::Event::Unknown)
        /// that ncat, which does not know them, delivers them as.
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum ExtensionEvent {
            #(#variants)*
        }

        impl ExtensionEvent {
            /// The typed event, if `event` is one of this crate's; `None`
            /// for every other event (ncat's own decode typed already).
            pub fn from_event(event: &::ncat_api::event::Event) -> ::std::option::Option<Self> {
                let ::ncat_api::event::Event::Unknown(value) = event else {
                    return ::std::option::Option::None;
                };
                let field = |key: &str| value.get(key).and_then(|text| text.as_str());
                #kind_of
                match (post_type, kind, field("sub_type")) {
                    #(#arms)*
                    _ => ::std::option::Option::None,
                }
            }
        }
    }
}

/// The generated code as the checked-in snapshot has it: the snapshot
/// header, the fingerprint of the directory holding `events.yaml` (read
/// again from disk, as the macro reads it), and the items, with the
/// declaring macro calls laid out readably (see `pretty`).
pub fn render(schema: &EventSchema) -> syn::Result<String> {
    let file: syn::File = syn::parse2(generate(schema))?;
    let dir = schema.file.parent().unwrap_or(std::path::Path::new("."));
    let sources = crate::source::read_dir(dir).map_err(|diagnostics| {
        syn::Error::new(proc_macro2::Span::call_site(), diagnostics.to_string())
    })?;
    Ok(format!(
        "{}{}{}\n\n{}",
        crate::snapshot::HEADER,
        crate::snapshot::FINGERPRINT,
        crate::snapshot::fingerprint(&sources),
        super::pretty::unparse(&file)?
    ))
}

/// What `ncat_codegen::generate_events!` expands to for a schema
/// directory: [`generate`] of its `events.yaml`, nothing without one.
pub fn generate_schema(schema: &Schema) -> TokenStream {
    schema.events.as_ref().map(generate).unwrap_or_default()
}

/// [`render`] of a schema directory's `events.yaml`; an error without one.
pub fn render_schema(schema: &Schema) -> syn::Result<String> {
    let events = schema.events.as_ref().ok_or_else(|| {
        syn::Error::new(
            proc_macro2::Span::call_site(),
            "the schema has no `events.yaml`",
        )
    })?;
    render(events)
}

fn since_line(since: Option<Since>) -> Option<String> {
    since.map(|since| match since {
        Since::Release(version) => format!("Since NapCat {version}."),
        Since::AtOrBefore(version) => format!("Since NapCat {version} or older."),
    })
}

fn open_enum(open: &OpenEnum, target: Target<'_>) -> TokenStream {
    let runtime = target.runtime();
    let name = format_ident!("{}", open.name);
    let doc = attrs(&open.doc.iter().cloned().collect::<Vec<_>>());
    let values = open.values.iter().map(|(wire, rust, doc)| {
        let variant = format_ident!("{}", rust);
        let doc = attrs(&[doc.clone().unwrap_or_else(|| format!("`{wire}`"))]);
        quote!(#doc #variant = #wire,)
    });
    quote! {
        #runtime::__open_enum! {
            #doc
            pub enum #name {
                #(#values)*
            }
        }
    }
}

fn event_struct(event: &EventDef, target: Target<'_>) -> TokenStream {
    let runtime = target.runtime();
    let name = format_ident!("{}", event.name);
    let mut lines = vec![format!("{} · {}", event.summary_zh, event.summary_en)];
    let chosen = match &event.sub_type {
        Some(sub_type) => format!(
            "`post_type: {}`, `{}: {}`, `sub_type: {sub_type}`.",
            event.post_type.wire(),
            event.post_type.kind_key(),
            event.kind
        ),
        None => format!(
            "`post_type: {}`, `{}: {}`.",
            event.post_type.wire(),
            event.post_type.kind_key(),
            event.kind
        ),
    };
    lines.push(String::new());
    lines.push(chosen);
    if let Some(since) = since_line(event.since) {
        lines.push(String::new());
        lines.push(since);
    }
    let doc = attrs(&lines);
    let eq = event
        .fields
        .iter()
        .all(|field| is_eq(&field.ty, target))
        .then(|| quote!(#[derive(Eq)]));
    let fields = event.fields.iter().map(|field| event_field(field, target));
    quote! {
        #runtime::__event_struct! {
            #doc
            #eq
            pub struct #name {
                #(#fields)*
            }
        }
    }
}

fn event_field(field: &EventField, target: Target<'_>) -> TokenStream {
    let name = format_ident!("{}", field.name);
    let mut lines: Vec<String> = field.doc.iter().cloned().collect();
    if let Some(since) = since_line(field.since) {
        lines.push(String::new());
        lines.push(since);
    }
    let doc = attrs(&lines);
    let inner = rust_type(&field.ty, target);
    let ty = if field.optional {
        quote!(::std::option::Option<#inner>)
    } else {
        inner
    };
    let how = format_ident!("{}", how(field));
    quote!(#doc #name: #ty = #how,)
}

/// How `__event_struct!` reads and writes the field.
fn how(field: &EventField) -> &'static str {
    let id = matches!(
        field.ty,
        TypeExpr::UserId | TypeExpr::GroupId | TypeExpr::MessageId
    );
    // NapCat sends numbers as strings and strings as numbers now and then.
    let lenient = matches!(field.ty, TypeExpr::Int(_) | TypeExpr::String);
    match (id, lenient, field.optional, field.default) {
        (true, _, true, _) => "optional_id",
        (true, _, false, _) => "id",
        (_, true, true, _) => "lenient_optional",
        (_, true, _, true) => "lenient_default",
        (_, true, _, _) => "lenient",
        (_, _, true, _) => "optional",
        (_, _, _, true) => "default",
        _ => "required",
    }
}

fn rust_type(ty: &TypeExpr, target: Target<'_>) -> TokenStream {
    let runtime = target.runtime();
    match ty {
        TypeExpr::Bool => quote!(bool),
        TypeExpr::Int(int) => {
            let int = format_ident!("{}", int.name());
            quote!(#int)
        }
        TypeExpr::F64 => quote!(f64),
        TypeExpr::String => quote!(::std::string::String),
        TypeExpr::UserId => quote!(#runtime::UserId),
        TypeExpr::GroupId => quote!(#runtime::GroupId),
        TypeExpr::MessageId => quote!(#runtime::MessageId),
        TypeExpr::ReceivedMessage => quote!(#runtime::ReceivedMessage),
        TypeExpr::Json => quote!(#runtime::event::__support::serde_json::Value),
        TypeExpr::List(inner) => {
            let inner = rust_type(inner, target);
            quote!(::std::vec::Vec<#inner>)
        }
        TypeExpr::Named(name) => named(name, target),
        // The validator refuses these for events.
        TypeExpr::Message | TypeExpr::DownloadFrame | TypeExpr::Union(_) => {
            quote!(::std::compile_error!(
                "ncat-schema: not an event field type"
            ))
        }
    }
}

fn named(name: &str, target: Target<'_>) -> TokenStream {
    let ident = format_ident!("{}", name);
    if target.is_own(name) {
        quote!(#ident)
    } else {
        quote!(::ncat_api::event::#ident)
    }
}

/// Whether the type is `Eq` (so the struct can derive it): not with floats,
/// nor with a received message (its segments may hold coordinates).
fn is_eq(ty: &TypeExpr, target: Target<'_>) -> bool {
    match ty {
        TypeExpr::F64 | TypeExpr::ReceivedMessage => false,
        TypeExpr::List(inner) => is_eq(inner, target),
        // ncat's hand-written types are all `Eq`; a bot's may not be.
        TypeExpr::Named(name) => {
            !target.extension || target.schema.enums.iter().any(|own| own.name == *name)
        }
        _ => true,
    }
}

/// A family enum (`NoticeEvent`, …): its variants, the keys of each variant's
/// struct that ncat has no field for, how it is written back, and the
/// dispatch that reads it.
fn family(schema: &EventSchema, post_type: PostType) -> TokenStream {
    let events: Vec<&EventDef> = schema
        .events
        .iter()
        .filter(|event| event.post_type == post_type)
        .collect();
    let enum_name = format_ident!("{}", post_type.enum_name());
    let wire = post_type.wire();
    let kind_key = post_type.kind_key();
    let variant = |event: &EventDef| format_ident!("{}", event.variant);
    let variants = events.iter().map(|event| {
        let variant = variant(event);
        let name = format_ident!("{}", event.name);
        let chosen = match &event.sub_type {
            Some(sub_type) => format!("`{}` / `{sub_type}`", event.kind),
            None => format!("`{}`", event.kind),
        };
        let doc = attrs(&[format!("{chosen}: {}", event.summary_en)]);
        quote!(#doc #variant(#name),)
    });
    let extras = events.iter().map(|event| {
        let variant = variant(event);
        quote!(Self::#variant(event) => event.extras(),)
    });
    let writes = events.iter().map(|event| {
        let variant = variant(event);
        let kind = &event.kind;
        let sub_type = event
            .sub_type
            .as_ref()
            .map(|sub_type| quote!(, ("sub_type", #sub_type)));
        quote! {
            Self::#variant(event) => __support::serialize_event(
                event,
                &[("post_type", post_type), (#kind_key, #kind) #sub_type],
                serializer,
            ),
        }
    });
    let arms = events.iter().map(|event| {
        let variant = variant(event);
        let kind = &event.kind;
        let sub_type = match &event.sub_type {
            Some(sub_type) => quote!(::std::option::Option::Some(#sub_type)),
            None => quote!(_),
        };
        quote!((#kind, #sub_type) => Self::#variant(typed(source)?),)
    });
    let doc = match post_type {
        PostType::Message => {
            "消息事件 · A chat message, received (`post_type: \"message\"`) or sent by the bot \
             account itself (`message_sent`, only with NapCat's `reportSelfMessage`), one variant \
             per `message_type`."
                .to_owned()
        }
        PostType::Notice => {
            "通知事件 · A notice (`post_type: \"notice\"`), one variant per `notice_type` \
             (and per `sub_type` of `notify`) that NapCat sends."
                .to_owned()
        }
        PostType::Request => {
            "请求事件 · A request (`post_type: \"request\"`) waiting for the bot's answer; \
             answer it with `approve` / `reject`, which pass its `flag` back to NapCat."
                .to_owned()
        }
        PostType::Meta => {
            "元事件 · A meta event (`post_type: \"meta_event\"`), about the connection itself."
                .to_owned()
        }
    };
    let doc = attrs(&[doc]);
    let serialize = (post_type != PostType::Message).then(|| {
        quote! {
            impl ::serde::Serialize for #enum_name {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    self.serialize_tagged(#wire, serializer)
                }
            }
        }
    });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #enum_name {
            #(#variants)*
        }

        impl #enum_name {
            /// The keys of the event that ncat has no field for (see `extra`).
            pub fn extras(&self) -> &__support::Extra {
                match self {
                    #(#extras)*
                }
            }

            /// Writes the event back as NapCat sent it, under `post_type`.
            pub(crate) fn serialize_tagged<S: ::serde::Serializer>(
                &self,
                post_type: &str,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                match self {
                    #(#writes)*
                }
            }

            /// The event of this family chosen by its `kind` (and
            /// `sub_type`), read from `source`; `None` when the kind is
            /// unknown or the fields do not fit.
            pub(crate) fn decode(
                kind: &str,
                sub_type: ::std::option::Option<&str>,
                source: &impl Source,
            ) -> ::std::option::Option<Self> {
                ::std::option::Option::Some(match (kind, sub_type) {
                    #(#arms)*
                    _ => return ::std::option::Option::None,
                })
            }
        }

        #serialize
    }
}
