//! The data type of every generated segment shape: its struct, serde
//! attributes, and for a shape that can be sent, its constructor and
//! setters.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::model::{SegmentField, SegmentKind, Shape};
use crate::model::Schema;

/// One generated data type: the first shape naming it, the kind it is of,
/// and whether any kind sends it (then it gets a constructor and setters).
struct Generated<'a> {
    kind: &'a SegmentKind,
    shape: &'a Shape,
    sent: bool,
    received: bool,
}

/// The data types of every shape whose `rust_type` is not a hook, in file
/// order, each once (`Outcome` serves `dice` and `rps`).
pub(crate) fn generate_structs(schema: &Schema) -> TokenStream {
    let mut types: Vec<Generated<'_>> = Vec::new();
    for kind in &schema.segments {
        for (shape, sent) in [(&kind.send, true), (&kind.receive, false)] {
            let Some(shape) = shape else { continue };
            if schema
                .segment_hooks
                .iter()
                .any(|hook| hook.name == shape.rust_type)
            {
                continue;
            }
            match types
                .iter_mut()
                .find(|seen| seen.shape.rust_type == shape.rust_type)
            {
                Some(seen) => {
                    seen.sent |= sent;
                    seen.received |= !sent;
                }
                None => types.push(Generated {
                    kind,
                    shape,
                    sent,
                    received: !sent,
                }),
            }
        }
    }
    let items = types.iter().map(generate_struct);
    quote!(#(#items)*)
}

fn generate_struct(generated: &Generated<'_>) -> TokenStream {
    let Generated {
        kind,
        shape,
        sent,
        received,
    } = generated;
    let name = format_ident!("{}", shape.rust_type);
    let direction = match (sent, received) {
        (true, true) => "",
        (true, false) => ", to send",
        _ => ", received",
    };
    let mut lines = vec![format!(
        "{} · {} (`{}`{direction}).",
        kind.summary_zh, kind.summary_en, kind.kind
    )];
    if let Some(doc) = &shape.doc {
        lines.push(String::new());
        lines.extend(doc.trim_end().lines().map(str::to_owned));
    }
    if let Some(since) = kind.since.filter(|since| since.minimum().is_some()) {
        lines.push(String::new());
        lines.push(format!("Since NapCat {since}."));
    }
    let doc = crate::rustdoc::attrs(&lines);
    // `f64` is not `Eq`.
    let eq = if shape.fields.iter().any(|field| field_type(field) == "f64") {
        quote!()
    } else {
        quote!(Eq,)
    };
    let fields = shape.fields.iter().map(|field| {
        let ident = format_ident!("{}", field.rust_name());
        let ty = value_type(field);
        let ty = if is_optional(field) {
            quote!(Option<#ty>)
        } else {
            ty
        };
        let doc = crate::rustdoc::attrs(&field_lines(field));
        let serde = serde_attrs(field);
        quote! {
            #doc
            #serde
            pub #ident: #ty,
        }
    });
    let builders = sent.then(|| builders(kind, shape));
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, #eq ::serde::Serialize, ::serde::Deserialize)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            /// The keys of `data` this type has no field for; see [`Extra`].
            #[serde(flatten, skip_deserializing)]
            pub extra: super::extra::Extra,
        }

        #builders
    }
}

/// A sendable type's constructor, taking its required fields, and a
/// setter for each other field.
fn builders(kind: &SegmentKind, shape: &Shape) -> TokenStream {
    let name = format_ident!("{}", shape.rust_type);
    let (arguments, rest): (Vec<_>, Vec<_>) = shape
        .fields
        .iter()
        .partition(|field| field.required && !field.default);
    let params = arguments.iter().map(|field| {
        let ident = format_ident!("{}", field.rust_name());
        let ty = argument_type(field);
        quote!(#ident: #ty)
    });
    let inits = shape.fields.iter().map(|field| {
        let ident = format_ident!("{}", field.rust_name());
        if field.required && !field.default {
            match field_type(field) {
                "String" | "Media" | "MessageId" => {
                    let value = argument_value(field, &ident);
                    quote!(#ident: #value)
                }
                // Taken as it is: the field init shorthand.
                _ => quote!(#ident),
            }
        } else {
            quote!(#ident: Default::default())
        }
    });
    let names: Vec<String> = arguments
        .iter()
        .map(|field| format!("`{}`", field.rust_name()))
        .collect();
    let new_doc = match names.as_slice() {
        [] => format!(" A `{}` segment.", kind.kind),
        [one] => format!(" A `{}` segment with {one}.", kind.kind),
        [init @ .., last] => format!(
            " A `{}` segment with {} and {last}.",
            kind.kind,
            init.join(", ")
        ),
    };
    let setters = rest.iter().map(|field| {
        let ident = format_ident!("{}", field.rust_name());
        let ty = argument_type(field);
        let value = argument_value(field, &ident);
        let value = if is_optional(field) {
            quote!(Some(#value))
        } else {
            value
        };
        let mut lines = vec![format!("Sets `{}`.", field.rust_name())];
        if let Some(doc) = &field.doc {
            lines.push(String::new());
            lines.extend(doc.trim_end().lines().map(str::to_owned));
        }
        let doc = crate::rustdoc::attrs(&lines);
        quote! {
            #doc
            pub fn #ident(mut self, #ident: #ty) -> Self {
                self.#ident = #value;
                self
            }
        }
    });
    quote! {
        impl #name {
            #[doc = #new_doc]
            pub fn new(#(#params),*) -> Self {
                #name {
                    #(#inits,)*
                    extra: super::extra::Extra::default(),
                }
            }

            #(#setters)*
        }
    }
}

/// Whether the field is an `Option`: not required, and not defaulted.
fn is_optional(field: &SegmentField) -> bool {
    !field.required
}

/// The Rust type name of a field's value (`rust:`, else its shape's default).
pub(crate) fn field_type(field: &SegmentField) -> &str {
    match (&field.rust, field.ty.as_str()) {
        (Some(rust), _) => rust,
        (None, "string") => "String",
        (None, "int") => "i64",
        (None, "float") => "f64",
        (None, "bool") => "bool",
        // `json`; `message` and `list` are hooks' (checked).
        (None, _) => "json",
    }
}

fn value_type(field: &SegmentField) -> TokenStream {
    match field_type(field) {
        "String" => quote!(String),
        "Media" => quote!(super::Media),
        "MessageId" => quote!(crate::id::MessageId),
        "json" => quote!(::serde_json::Value),
        number => {
            let ident = format_ident!("{}", number);
            quote!(#ident)
        }
    }
}

/// What a constructor or setter takes for the field.
fn argument_type(field: &SegmentField) -> TokenStream {
    match field_type(field) {
        "String" => quote!(impl Into<String>),
        "Media" => quote!(impl Into<super::Media>),
        "MessageId" => quote!(impl crate::IntoMessageId),
        _ => value_type(field),
    }
}

fn argument_value(field: &SegmentField, ident: &proc_macro2::Ident) -> TokenStream {
    match field_type(field) {
        "String" | "Media" => quote!(#ident.into()),
        "MessageId" => quote!(crate::IntoMessageId::into_message_id(#ident)),
        _ => quote!(#ident),
    }
}

/// The serde attributes of a field: its key, how it is read (leniently:
/// NapCat and CQ codes write numbers as strings and the other way round),
/// how it is written, and that an absent optional field is left out.
fn serde_attrs(field: &SegmentField) -> TokenStream {
    let mut parts = Vec::new();
    if field.rust_name() != field.wire_name {
        let key = &field.wire_name;
        parts.push(quote!(rename = #key));
    }
    for alias in &field.aliases {
        parts.push(quote!(alias = #alias));
    }
    let optional = is_optional(field);
    if optional || field.default {
        parts.push(quote!(default));
    }
    if field.encoded_as_string || field_type(field) == "MessageId" {
        parts.push(if optional {
            quote!(serialize_with = "super::wire::display_option")
        } else {
            quote!(serialize_with = "super::wire::display")
        });
    }
    let reader = match (field_type(field), field.ty.as_str(), optional) {
        ("String", "json", false) => Some("super::wire::text_or_json"),
        ("json", _, true) => Some("super::wire::json_option"),
        ("u8" | "u16" | "u32" | "u64" | "i32" | "i64", _, false) => Some("crate::lenient::integer"),
        ("u8" | "u16" | "u32" | "u64" | "i32" | "i64", _, true) => {
            Some("crate::lenient::optional_integer")
        }
        ("f64", _, false) => Some("crate::lenient::float"),
        ("bool", _, false) => Some("crate::lenient::flag"),
        // Optional `float` and `bool` fields are rejected by `check_generated`.
        _ => None,
    };
    if let Some(reader) = reader {
        parts.push(quote!(deserialize_with = #reader));
    }
    if optional {
        parts.push(quote!(skip_serializing_if = "Option::is_none"));
    }
    if parts.is_empty() {
        quote!()
    } else {
        quote!(#[serde(#(#parts),*)])
    }
}

/// A field's rustdoc: its doc, its key when the Rust name differs, and the
/// release that added it.
fn field_lines(field: &SegmentField) -> Vec<String> {
    let mut lines: Vec<String> = match &field.doc {
        Some(doc) => doc.trim_end().lines().map(str::to_owned).collect(),
        None => vec![format!("`{}`.", field.wire_name)],
    };
    if field.rust_name() != field.wire_name {
        lines.push(String::new());
        lines.push(format!("Key: `{}`.", field.wire_name));
    }
    if let Some(since) = field.since.filter(|since| since.minimum().is_some()) {
        lines.push(String::new());
        lines.push(format!("Since NapCat {since}."));
    }
    lines
}
