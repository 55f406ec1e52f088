//! Shared structs and enums from `types.yaml`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs;
use super::rust_type::field_type;
use super::target::Target;
use crate::model::{EnumValue, Field, SharedType, SharedTypeKind};
use crate::ty::TypeExpr;

pub(super) fn shared_type(shared: &SharedType, target: Target<'_>) -> TokenStream {
    let name = format_ident!("{}", shared.name);
    let doc = docs::attrs(&shared.doc.iter().cloned().collect::<Vec<_>>());
    let serde = target.serde();
    let serde_crate = target.serde_crate_attr();
    match &shared.kind {
        SharedTypeKind::Struct(fields) => {
            let fields = struct_fields(fields, target);
            quote! {
                #doc
                #[derive(Debug, Clone, PartialEq, #serde::Serialize, #serde::Deserialize)]
                #serde_crate
                pub struct #name {
                    #fields
                }
            }
        }
        SharedTypeKind::Enum(values) => string_enum(&name, doc, values, target),
    }
}

/// Fields of a reply or shared struct: optional ones may be absent or
/// `null` on the wire and are left out when serializing.
pub(super) fn struct_fields(fields: &[Field], target: Target<'_>) -> TokenStream {
    let fields = fields.iter().map(|field| {
        let doc = docs::attrs(&docs::field_lines(field));
        let name = format_ident!("{}", field.rust_name);
        let ty = field_type(&field.ty, target);
        let rename = (field.rust_name != field.wire_name).then(|| {
            let wire = &field.wire_name;
            quote!(#[serde(rename = #wire)])
        });
        let lenient = lenient_decoder(&field.ty, field.optional, target)
            .map(|path| quote!(deserialize_with = #path));
        if field.optional {
            let lenient = lenient.map(|lenient| quote!(, #lenient));
            quote! {
                #doc
                #rename
                #[serde(default, skip_serializing_if = "::std::option::Option::is_none" #lenient)]
                pub #name: ::std::option::Option<#ty>,
            }
        } else {
            let lenient = lenient.map(|lenient| quote!(#[serde(#lenient)]));
            quote! { #doc #rename #lenient pub #name: #ty, }
        }
    });
    quote!(#(#fields)*)
}

/// The decoder for integers and strings, which NapCat sends in either form
/// (see `ncat_api::lenient`); `None` for other types.
fn lenient_decoder(ty: &TypeExpr, optional: bool, target: Target<'_>) -> Option<String> {
    let function = match (ty, optional) {
        (TypeExpr::Int(_), false) => "integer",
        (TypeExpr::Int(_), true) => "optional_integer",
        (TypeExpr::String, false) => "string",
        (TypeExpr::String, true) => "optional_string",
        _ => return None,
    };
    Some(format!("{}::lenient::{function}", target.runtime_doc()))
}

fn string_enum(
    name: &proc_macro2::Ident,
    doc: TokenStream,
    values: &[EnumValue],
    target: Target<'_>,
) -> TokenStream {
    let serde = target.serde();
    let serde_crate = target.serde_crate_attr();
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
        quote!(Self::#variant => ::std::option::Option::Some(#wire),)
    });
    quote! {
        #doc
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, #serde::Serialize, #serde::Deserialize)]
        #serde_crate
        pub enum #name {
            #(#variants)*
            /// A value this version of ncat does not know, such as one added by
            /// a newer NapCat: it decodes here instead of failing the whole
            /// reply. It cannot be sent.
            #[serde(other, skip_serializing)]
            Unrecognized,
        }

        impl #name {
            /// The value as NapCat spells it on the wire; `None` for
            /// [`Self::Unrecognized`].
            pub const fn as_str(self) -> ::std::option::Option<&'static str> {
                match self {
                    #(#arms)*
                    Self::Unrecognized => ::std::option::Option::None,
                }
            }
        }
    }
}
