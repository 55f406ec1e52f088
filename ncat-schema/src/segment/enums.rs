//! The segment enums of `segments.yaml`: `Segment` (a variant for every
//! kind that can be sent) and `ReceivedSegment` (every kind that arrives),
//! each with its `Unknown` fallback, the wire dispatch on `type` in both
//! directions (which is also the CQ-code mapping: a code's type is read and
//! written through it), `From` each data type to send, and the `Segment`
//! constructors and `Message` builder methods of the kinds with data.
//!
//! The expansion sits in a module of its own inside `ncat-api`'s `segment`
//! module, so the data types are `super::…` and the message module's
//! helpers `super::super::…`; `ncat-api` re-exports the two enums.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::model::{Builder, SegmentKind, Shape, Takes};
use super::structs::field_type;
use crate::model::Schema;

/// The module holding the enums, their impls and the builder methods.
pub(crate) fn generate(schema: &Schema) -> TokenStream {
    let send: Vec<Variant<'_>> = variants(schema, |kind| kind.send.as_ref());
    let receive: Vec<Variant<'_>> = variants(schema, |kind| kind.receive.as_ref());
    let segment = enum_items(&Side::SEND, &send);
    let received = enum_items(&Side::RECEIVE, &receive);
    let constructors = send.iter().map(constructor);
    let builders = send.iter().map(builder_method);
    let froms = send
        .iter()
        .filter(|variant| !variant.shape.is_unit())
        .map(|variant| {
            let name = variant.name();
            let data = variant.data();
            quote! {
                impl From<#data> for Segment {
                    fn from(data: #data) -> Self {
                        Segment::#name(data)
                    }
                }
            }
        });
    quote! {
        /// The segment enums, generated from `schema/segments.yaml`.
        pub(in crate::message) mod enums {
            use super::super::{extra, wire};

            #segment

            impl Segment {
                #(#constructors)*

                /// A segment of any `kind` with any `data`, sent exactly as
                /// given: `Segment::unknown("poke", json!({"type": "1", "id": "1"}))`.
                /// NapCat fails the whole request on a kind it does not know
                /// (`未知的消息类型`).
                pub fn unknown(kind: impl Into<String>, data: ::serde_json::Value) -> Self {
                    Segment::Unknown {
                        kind: kind.into(),
                        data,
                    }
                }
            }

            #(#froms)*

            impl super::super::Message {
                #(#builders)*
            }

            #received
        }
    }
}

/// One kind in one direction.
struct Variant<'a> {
    kind: &'a SegmentKind,
    shape: &'a Shape,
}

impl Variant<'_> {
    fn name(&self) -> proc_macro2::Ident {
        format_ident!("{}", self.kind.variant)
    }

    fn data(&self) -> TokenStream {
        let ty = format_ident!("{}", self.shape.rust_type);
        quote!(super::#ty)
    }

    /// `Enum::Variant(data)`, or `Enum::Variant` for a unit variant.
    fn pattern(&self, enum_name: &proc_macro2::Ident, data: TokenStream) -> TokenStream {
        let name = self.name();
        if self.shape.is_unit() {
            quote!(#enum_name::#name)
        } else {
            quote!(#enum_name::#name(#data))
        }
    }

    /// `纯文本 · Plain text (`text`).`
    fn summary(&self) -> String {
        format!(
            "{} · {} (`{}`).",
            self.kind.summary_zh, self.kind.summary_en, self.kind.kind
        )
    }
}

fn variants<'a>(
    schema: &'a Schema,
    shape: impl Fn(&'a SegmentKind) -> Option<&'a Shape>,
) -> Vec<Variant<'a>> {
    schema
        .segments
        .iter()
        .filter_map(|kind| {
            Some(Variant {
                kind,
                shape: shape(kind)?,
            })
        })
        .collect()
}

/// What differs between the two enums.
struct Side {
    name: &'static str,
    doc: &'static [&'static str],
    unknown_data_doc: &'static str,
}

impl Side {
    const SEND: Side = Side {
        name: "Segment",
        doc: &[
            "One part of a [`Message`](crate::Message) you send, on the wire",
            "`{\"type\": \"<kind>\", \"data\": {…}}`.",
            "",
            "There is a variant for every kind of `schema/segments.yaml` NapCat",
            "can send. Kinds it cannot send have none, so they do not compile in a",
            "message: receive-only kinds (`onlinefile`, `flashtransfer`, a received",
            "`forward`, `poke`) and the OneBot 11 kinds NapCat rejects or drops.",
            "See the [module table](crate::segment) for where each kind lives.",
            "",
            "Build segments with the constructors ([`Segment::text`], [`Segment::image`],",
            "…, the same names as the [`Message`](crate::Message) builder methods) or",
            "from their [data](crate::segment) (`Segment::from(Image::new(…))`).",
        ],
        unknown_data_doc: "The segment's `data`.",
    };

    const RECEIVE: Side = Side {
        name: "ReceivedSegment",
        doc: &[
            "One part of a [`ReceivedMessage`](crate::ReceivedMessage), on the wire",
            "`{\"type\": \"<kind>\", \"data\": {…}}`.",
            "",
            "There is a variant for every kind of `schema/segments.yaml` NapCat or",
            "a OneBot 11 server may report, including the OneBot 11 kinds NapCat",
            "delivers as `json` cards instead (`share`, `location`, `contact`) or",
            "never (`xml`, `node`). Anything else, and a known kind whose data has",
            "an unexpected shape, is [`ReceivedSegment::Unknown`] instead of an error.",
        ],
        unknown_data_doc: "The segment's `data` (`null` when it had none).",
    };
}

/// An enum, its inherent methods and its serde impls.
fn enum_items(side: &Side, variants: &[Variant<'_>]) -> TokenStream {
    let name = format_ident!("{}", side.name);
    let name_text = side.name;
    let doc = crate::rustdoc::attrs(
        &side
            .doc
            .iter()
            .map(|line| (*line).to_owned())
            .collect::<Vec<_>>(),
    );
    // `f64` is not `Eq`; hand-written data types are all `Eq`.
    let floats = variants.iter().any(|variant| {
        variant
            .shape
            .fields
            .iter()
            .any(|field| field_type(field) == "f64")
    });
    let eq = if floats { quote!() } else { quote!(Eq,) };
    let arms = variants.iter().map(|variant| {
        let variant_name = variant.name();
        let doc = crate::rustdoc::attrs(&[variant.summary()]);
        if variant.shape.is_unit() {
            quote!(#doc #variant_name,)
        } else {
            let data = variant.data();
            quote!(#doc #variant_name(#data),)
        }
    });
    let unknown_data_doc = format!(" {}", side.unknown_data_doc);
    let kinds = variants.iter().map(|variant| {
        let pattern = variant.pattern(&name, quote!(_));
        let kind = &variant.kind.kind;
        quote!(#pattern => #kind,)
    });
    let extras = variants.iter().map(|variant| {
        let shape = variant.shape;
        let (data, extras) = if shape.keeps_extra {
            (quote!(data), quote!(Some(extra::SegmentData::extra(data))))
        } else if shape.extra_type.is_some() {
            (quote!(data), quote!(extra::MaybeExtra::extras(data)))
        } else {
            (quote!(_), quote!(None))
        };
        let pattern = variant.pattern(&name, data);
        quote!(#pattern => #extras,)
    });
    let decodes = variants.iter().map(|variant| decode_arm(&name, variant));
    let serializes = variants.iter().map(|variant| {
        if variant.shape.is_unit() {
            let pattern = variant.pattern(&name, quote!());
            quote!(#pattern => segment.serialize_field("data", &wire::NoData {})?,)
        } else {
            let pattern = variant.pattern(&name, quote!(data));
            quote!(#pattern => segment.serialize_field("data", data)?,)
        }
    });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, #eq)]
        #[non_exhaustive]
        pub enum #name {
            #(#arms)*
            /// A segment of a kind ncat does not model, or of a known kind
            /// with data of an unexpected shape, kept as it arrived and sent
            /// exactly as it stands.
            Unknown {
                /// The segment's `type`.
                kind: String,
                #[doc = #unknown_data_doc]
                data: ::serde_json::Value,
            },
        }

        impl #name {
            /// The segment's `type` on the wire (`"text"`, `"image"`, …).
            pub fn kind(&self) -> &str {
                match self {
                    #(#kinds)*
                    #name::Unknown { kind, .. } => kind,
                }
            }

            /// A key of the segment's `data` that its type has no field for
            /// (see [`Extra`](crate::segment::Extra)): a field NapCat added
            /// after this ncat was written. `None` for a typed field's key,
            /// for the kinds whose data is an enum or nothing, and for
            /// unknown segments (read their `data`).
            pub fn extra(&self, key: &str) -> Option<&::serde_json::Value> {
                self.extras().and_then(|extra| extra.get(key))
            }

            /// Every key of the segment's `data` that its type has no field
            /// for; `None` for the kinds with no place for them (see
            /// [`extra`](Self::extra)) and unknown segments (their `data`
            /// has everything).
            pub fn extras(&self) -> Option<&extra::Extra> {
                match self {
                    #(#extras)*
                    #name::Unknown { .. } => None,
                }
            }

            /// Decodes a segment from its `type` and `data`; anything that
            /// does not fit a typed variant is kept as `Unknown`.
            pub(in crate::message) fn from_wire(kind: String, data: ::serde_json::Value) -> Self {
                let decoded = match kind.as_str() {
                    #(#decodes)*
                    _ => Err(data),
                };
                decoded.unwrap_or_else(|data| #name::Unknown { kind, data })
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeStruct as _;
                let mut segment = serializer.serialize_struct(#name_text, 2)?;
                segment.serialize_field("type", self.kind())?;
                match self {
                    #(#serializes)*
                    #name::Unknown { data, .. } => segment.serialize_field("data", data)?,
                }
                segment.end()
            }
        }

        /// Reads one segment from its wire form. A kind ncat does not
        /// model, or a known kind with unexpected data, becomes `Unknown`;
        /// only a segment without a string `type` is an error.
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let raw = <wire::RawSegment as ::serde::Deserialize>::deserialize(deserializer)?;
                Ok(#name::from_wire(raw.kind, raw.data))
            }
        }
    }
}

/// The `match` arm decoding one kind's `data`: a unit kind reads any
/// object as nothing, a type that keeps unknown keys reads them into its
/// `extra`, any other (an enum) reads `data` whole.
fn decode_arm(enum_name: &proc_macro2::Ident, variant: &Variant<'_>) -> TokenStream {
    let kind = &variant.kind.kind;
    let name = variant.name();
    let shape = variant.shape;
    let guard = shape
        .needs_any
        .iter()
        .map(|key| quote!(wire::has_value(&data, #key)))
        .reduce(|any, next| quote!(#any || #next))
        .map(|any| quote!(if #any));
    let decode = if shape.is_unit() {
        quote! {
            wire::decode_whole::<wire::NoData>(data)
                .map(|_| #enum_name::#name)
        }
    } else if shape.keeps_extra {
        quote!(wire::decode_keeping(data).map(#enum_name::#name))
    } else {
        quote!(wire::decode_whole(data).map(#enum_name::#name))
    };
    quote!(#kind #guard => #decode,)
}

/// The one argument of a kind's constructor and builder method: its name,
/// its type, and the expression making the variant's data from it.
fn argument(variant: &Variant<'_>) -> Option<(proc_macro2::Ident, TokenStream, TokenStream)> {
    if variant.shape.is_unit() {
        return None;
    }
    let Builder { takes, arg, .. } = &variant.kind.builder;
    let data = variant.data();
    let named = |default: &str| format_ident!("{}", arg.as_deref().unwrap_or(default));
    let kind = variant.kind.kind.as_str();
    Some(match takes {
        Takes::Into => {
            let ident = named(kind);
            let value = quote!(#ident.into());
            (ident, quote!(impl Into<#data>), value)
        }
        Takes::Media => {
            let ident = named(kind);
            let value = quote!(crate::IntoMedia::into_media(#ident));
            (ident, quote!(impl crate::IntoMedia<#data>), value)
        }
        Takes::UserId => {
            let ident = named("user");
            let value = quote!(<#data>::from(crate::IntoUserId::into_user_id(#ident)));
            (ident, quote!(impl crate::IntoUserId), value)
        }
        Takes::MessageId => {
            let ident = named("message");
            let value = quote!(<#data>::from(crate::IntoMessageId::into_message_id(#ident)));
            (ident, quote!(impl crate::IntoMessageId), value)
        }
        Takes::New => {
            // Checked: one argument.
            let field = variant.shape.constructor_arguments().into_iter().next()?;
            let ident = named(field.rust_name());
            let ty = match field_type(field) {
                "String" => quote!(impl Into<String>),
                "Media" => quote!(impl Into<super::super::Media>),
                "MessageId" => quote!(impl crate::IntoMessageId),
                "json" => quote!(::serde_json::Value),
                number => {
                    let number = format_ident!("{}", number);
                    quote!(#number)
                }
            };
            let value = quote!(<#data>::new(#ident));
            (ident, ty, value)
        }
    })
}

/// The lines of a builder method's rustdoc: the kind's summary and the
/// builder's `doc`.
fn builder_doc(variant: &Variant<'_>, first: String) -> TokenStream {
    let mut lines = vec![first];
    if let Some(doc) = &variant.kind.builder.doc {
        lines.push(String::new());
        lines.extend(doc.trim_end().lines().map(str::to_owned));
    }
    crate::rustdoc::attrs(&lines)
}

/// `Segment::image(image)`, or `Segment::dice()` for a unit kind.
fn constructor(variant: &Variant<'_>) -> TokenStream {
    let method = format_ident!("{}", variant.kind.kind);
    let name = variant.name();
    let doc = builder_doc(variant, variant.summary());
    match argument(variant) {
        Some((ident, ty, value)) => quote! {
            #doc
            pub fn #method(#ident: #ty) -> Self {
                Segment::#name(#value)
            }
        },
        None => quote! {
            #doc
            pub fn #method() -> Self {
                Segment::#name
            }
        },
    }
}

/// `Message::image(image)`: appends [`constructor`]'s segment.
fn builder_method(variant: &Variant<'_>) -> TokenStream {
    let method = format_ident!("{}", variant.kind.kind);
    let first = format!(
        "Appends {} · {} (`{}`, [`Segment::{method}`](Segment::{method})).",
        variant.kind.summary_zh, variant.kind.summary_en, variant.kind.kind
    );
    let doc = builder_doc(variant, first);
    match argument(variant) {
        Some((ident, ty, _)) => quote! {
            #doc
            pub fn #method(self, #ident: #ty) -> Self {
                self.segment(Segment::#method(#ident))
            }
        },
        None => quote! {
            #doc
            pub fn #method(self) -> Self {
                self.segment(Segment::#method())
            }
        },
    }
}
