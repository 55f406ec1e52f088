//! Union parameters: the enum each one gets, and how parameters (union or
//! not) appear as request fields and as arguments.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::docs;
use super::rust_type::{argument, doc_type, field_type};
use super::target::Target;
use crate::model::{Action, Param};
use crate::ty::TypeExpr;
use crate::union::variant_name;

/// The type of a parameter's request field.
pub(super) fn param_field_type(action: &Action, param: &Param, target: Target<'_>) -> TokenStream {
    match &param.ty {
        TypeExpr::Union(_) => {
            let name = format_ident!("{}", action.union_type_name(param));
            if target.is_extension() {
                quote!(#name)
            } else {
                quote!(crate::actions::#name)
            }
        }
        ty => field_type(ty, target),
    }
}

/// A parameter as an argument of a method or setter, and the expression
/// that turns the argument `name` into the field value.
pub(super) fn param_argument(
    action: &Action,
    param: &Param,
    name: &Ident,
    target: Target<'_>,
) -> (TokenStream, TokenStream) {
    match &param.ty {
        TypeExpr::Union(_) => {
            let ty = param_field_type(action, param, target);
            (quote!(impl ::std::convert::Into<#ty>), quote!(#name.into()))
        }
        ty => argument(ty, name, target),
    }
}

/// The enums of an action's union parameters, shared ones and every
/// variant's own.
pub(super) fn enums(action: &Action, target: Target<'_>) -> TokenStream {
    let params = action
        .params
        .iter()
        .chain(action.variants.iter().flat_map(|variant| &variant.params));
    let enums = params.filter_map(|param| match &param.ty {
        TypeExpr::Union(members) => Some(union_enum(action, param, members, target)),
        _ => None,
    });
    quote!(#(#enums)*)
}

fn union_enum(
    action: &Action,
    param: &Param,
    members: &[TypeExpr],
    target: Target<'_>,
) -> TokenStream {
    let name = format_ident!("{}", action.union_type_name(param));
    let doc = docs::attrs(&[
        format!(
            "The forms NapCat accepts for `{}` of its `{}` action: {}.",
            param.wire_name,
            action.wire_name,
            doc_type(&param.ty, target)
        ),
        String::new(),
        "Sent exactly as the form it holds. Convert into it from any form with `.into()`; the method and setter taking it do that for you.".into(),
    ]);
    let variants = members.iter().map(|member| {
        let variant = format_ident!("{}", variant_name(member));
        let ty = field_type(member, target);
        let doc = docs::attrs(&[format!("`{member}`")]);
        quote!(#doc #variant(#ty),)
    });
    let conversions = members
        .iter()
        .map(|member| conversions(&name, member, target));
    let serde = target.serde();
    let serde_crate = target.serde_crate_attr();
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, #serde::Serialize)]
        #serde_crate
        #[serde(untagged)]
        pub enum #name {
            #(#variants)*
        }

        #(#conversions)*
    }
}

/// `From` impls into the enum for one member: the member's own type, `&str`
/// for strings, and any vector or array of convertible items for lists.
fn conversions(name: &Ident, member: &TypeExpr, target: Target<'_>) -> TokenStream {
    let variant = format_ident!("{}", variant_name(member));
    match member {
        TypeExpr::List(inner) => {
            let item = field_type(inner, target);
            quote! {
                impl<T: ::std::convert::Into<#item>> ::std::convert::From<::std::vec::Vec<T>> for #name {
                    fn from(items: ::std::vec::Vec<T>) -> Self {
                        Self::#variant(items.into_iter().map(::std::convert::Into::into).collect())
                    }
                }

                impl<T: ::std::convert::Into<#item>, const N: usize> ::std::convert::From<[T; N]> for #name {
                    fn from(items: [T; N]) -> Self {
                        Self::#variant(items.into_iter().map(::std::convert::Into::into).collect())
                    }
                }
            }
        }
        _ => {
            let ty = field_type(member, target);
            let text = matches!(member, TypeExpr::String).then(|| {
                quote! {
                    impl ::std::convert::From<&str> for #name {
                        fn from(text: &str) -> Self {
                            Self::#variant(text.to_owned())
                        }
                    }
                }
            });
            quote! {
                impl ::std::convert::From<#ty> for #name {
                    fn from(value: #ty) -> Self {
                        Self::#variant(value)
                    }
                }
                #text
            }
        }
    }
}
