//! Message segments (`segments.yaml`): each kind's `data` as NapCat reads it
//! when sent and writes it when it arrives, read with positions, checked,
//! and turned into the keys each Rust data type reads.
//!
//! Kept apart from actions: the loader hands this module the one file named
//! [`SEGMENTS_FILE`], and [`Schema::segments`](crate::model::Schema::segments)
//! holds the result.
//!
//! One job a module: `model` the checked kinds, `validate` reading and
//! checking the file, `structs` the data types and `enums` the
//! `Segment`/`ReceivedSegment` enums generated from them; this module puts
//! the generated items together.

pub(crate) mod enums;
pub(crate) mod model;
pub(crate) mod structs;
pub(crate) mod validate;

use std::collections::HashSet;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub use self::model::{
    Builder, FIELD_TYPES, RUST_TYPES, SegmentField, SegmentHook, SegmentKind, Shape, TAKES, Takes,
};
pub use self::validate::SEGMENTS_FILE;
use crate::model::Schema;

/// The Rust items for `segments.yaml`, inside `ncat-api`'s `message`
/// module: the data type of every shape whose type is not a hook (struct,
/// serde attributes, and for a shape that can be sent, its constructor and
/// setters); for every shape whose type keeps unknown keys, the keys its
/// fields read (`SegmentData::KEYS`), which decoding leaves out of the
/// type's `extra`; `KINDS`, every kind with its directions; and the
/// module `enums`: the `Segment` and `ReceivedSegment` enums, their
/// dispatch and the builder methods.
pub fn generate(schema: &Schema) -> TokenStream {
    let structs = structs::generate_structs(schema);
    let mut done = HashSet::new();
    let impls = schema
        .segments
        .iter()
        .flat_map(|kind| {
            [&kind.send, &kind.receive]
                .into_iter()
                .flatten()
                .map(move |shape| (kind, shape))
        })
        .filter_map(|(kind, shape)| Some((kind, shape, shape.extra_holder()?)))
        .filter(|(_, _, holder)| done.insert(holder.to_owned()))
        .map(|(kind, shape, holder)| {
            let ty = format_ident!("{}", holder);
            let keys = shape.keys();
            let doc = format!(" The keys of `{}` segment data.", kind.kind);
            quote! {
                impl super::extra::SegmentData for super::segment::#ty {
                    #[doc = #doc]
                    const KEYS: &'static [&'static str] = &[#(#keys),*];

                    fn extra(&self) -> &super::extra::Extra {
                        &self.extra
                    }

                    fn extra_mut(&mut self) -> &mut super::extra::Extra {
                        &mut self.extra
                    }
                }
            }
        });
    let rows = schema.segments.iter().map(|kind| {
        let name = &kind.kind;
        let send = kind.send.is_some();
        let receive = kind.receive.is_some();
        let arrives_as = match &kind.arrives_as {
            Some(other) => quote!(::std::option::Option::Some(#other)),
            None => quote!(::std::option::Option::None),
        };
        quote! {
            super::segment::KindInfo { kind: #name, send: #send, receive: #receive, arrives_as: #arrives_as },
        }
    });
    let enums = enums::generate(schema);
    quote! {
        #structs

        #(#impls)*

        #enums

        /// Every segment kind of `schema/segments.yaml`, in file order:
        /// whether ncat sends it, whether it arrives, and as what.
        pub const KINDS: &[super::segment::KindInfo] = &[#(#rows)*];
    }
}

/// The generated code as its snapshot has it (see [`crate::snapshot`]).
pub fn render(schema: &Schema) -> syn::Result<String> {
    let Some(file) = schema.files.first() else {
        return Err(syn::Error::new(
            proc_macro2::Span::call_site(),
            "the schema has no files",
        ));
    };
    crate::snapshot::render_in(file, &generate(schema))
}
