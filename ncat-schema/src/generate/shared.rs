//! Shared structs and enums from `types.yaml`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs;
use super::rust_type::field_type;
use crate::model::{EnumValue, Field, SharedType, SharedTypeKind};

pub(super) fn shared_type(shared: &SharedType) -> TokenStream {
    let name = format_ident!("{}", shared.name);
    let doc = docs::attrs(&shared.doc.iter().cloned().collect::<Vec<_>>());
    match &shared.kind {
        SharedTypeKind::Struct(fields) => {
            let fields = struct_fields(fields);
            quote! {
                #doc
                #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
                pub struct #name {
                    #fields
                }
            }
        }
        SharedTypeKind::Enum(values) => string_enum(&name, doc, values),
    }
}

/// Fields of a reply or shared struct: optional ones may be absent or
/// `null` on the wire and are left out when serializing.
pub(super) fn struct_fields(fields: &[Field]) -> TokenStream {
    let fields = fields.iter().map(|field| {
        let doc = docs::attrs(&docs::field_lines(field));
        let name = format_ident!("{}", field.rust_name);
        let ty = field_type(&field.ty);
        let rename = (field.rust_name != field.wire_name).then(|| {
            let wire = &field.wire_name;
            quote!(#[serde(rename = #wire)])
        });
        if field.optional {
            quote! {
                #doc
                #rename
                #[serde(default, skip_serializing_if = "::std::option::Option::is_none")]
                pub #name: ::std::option::Option<#ty>,
            }
        } else {
            quote! { #doc #rename pub #name: #ty, }
        }
    });
    quote!(#(#fields)*)
}

fn string_enum(name: &proc_macro2::Ident, doc: TokenStream, values: &[EnumValue]) -> TokenStream {
    let variants = values.iter().map(|value| {
        let variant = format_ident!("{}", value.rust_name);
        let wire = &value.wire_value;
        let text = value.doc.clone().unwrap_or_else(|| format!("`{wire}`"));
        let doc = docs::attrs(&[text]);
        quote! { #doc #[serde(rename = #wire)] #variant, }
    });
    let arms = values.iter().map(|value| {
        let variant = format_ident!("{}", value.rust_name);
        let wire = &value.wire_value;
        quote!(Self::#variant => #wire,)
    });
    quote! {
        #doc
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize)]
        pub enum #name {
            #(#variants)*
        }

        impl #name {
            /// The value as NapCat spells it on the wire.
            pub const fn as_str(self) -> &'static str {
                match self {
                    #(#arms)*
                }
            }
        }
    }
}
