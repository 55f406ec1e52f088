//! Building an action's typed request from parsed flags, and sending it.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::super::rust_type::field_type_in;
use super::super::variants::views;
use super::command::item_type;
use crate::model::{Action, Param, Reply};
use crate::ty::TypeExpr;

/// The `match` arm of `call` for one action. An action with request
/// variants sends the first form whose required flags were all given.
pub(super) fn dispatch_arm(action: &Action) -> TokenStream {
    let wire_name = &action.wire_name;
    if action.variants.is_empty() {
        let send = send(action);
        return quote!(#wire_name => #send);
    }
    // The forms' docs are not shown by the tool.
    let forms = views(action, &|method| format!("ncat_api::Client::{method}"));
    let branches = forms.iter().map(|form| {
        let ids: Vec<&String> = form
            .required_params()
            .map(|param| &param.rust_name)
            .collect();
        let condition = if ids.is_empty() {
            quote!(true)
        } else {
            quote!(#(matches.contains_id(#ids))&&*)
        };
        let send = send(form);
        quote!(if #condition #send)
    });
    let names: Vec<String> = forms
        .iter()
        .map(|form| {
            let flags: Vec<String> = form
                .required_params()
                .map(|param| format!("--{}", param.rust_name.replace('_', "-")))
                .collect();
            flags.join(" ")
        })
        .collect();
    let message = format!(
        "`{wire_name}` takes one of these sets of flags: {}",
        names.join("; ")
    );
    quote! {
        #wire_name => {
            #(#branches else)* {
                ::std::result::Result::Err(crate::failure::Failure::Usage(#message.into()))
            }
        }
    }
}

/// Builds `action`'s request (one form's, for a variant view) and sends it.
fn send(action: &Action) -> TokenStream {
    let request = format_ident!("{}", action.request_type_name());
    let fields = action.params.iter().map(field);
    let send = match action.reply {
        Reply::Frames { .. } => quote!(crate::reply::frames(client, request).await),
        _ => quote!(crate::reply::single(client.call(request)).await),
    };
    quote! {
        {
            let request = ::ncat_api::actions::#request {
                #(#fields)*
            };
            #send
        }
    }
}

/// One field initializer: the flag's parsed value, its type inferred from
/// the field.
fn field(param: &Param) -> TokenStream {
    let name = format_ident!("{}", param.rust_name);
    let id = &param.rust_name;
    let reader = match (&param.ty, param.required) {
        (TypeExpr::Union(_), required) => {
            let item = field_type_in(item_type(&param.ty), &quote!(::ncat_api));
            let reader = if required {
                quote!(required_one_or_many)
            } else {
                quote!(one_or_many)
            };
            return quote!(#name: crate::flag::#reader::<#item, _>(matches, #id)?,);
        }
        (TypeExpr::List(_), true) => quote!(list),
        (TypeExpr::List(_), false) => quote!(optional_list),
        (_, true) => quote!(required),
        (_, false) => quote!(optional),
    };
    quote!(#name: crate::flag::#reader(matches, #id)?,)
}
