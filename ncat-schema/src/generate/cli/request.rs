//! Building an action's typed request from parsed flags, and sending it.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::model::{Action, Param, Reply};
use crate::ty::TypeExpr;

/// The `match` arm of `call` for one action.
pub(super) fn dispatch_arm(action: &Action) -> TokenStream {
    let wire_name = &action.wire_name;
    let request = format_ident!("{}", action.request_type_name());
    let fields = action.params.iter().map(field);
    let send = match action.reply {
        Reply::Frames { .. } => quote!(crate::reply::frames(client, request).await),
        _ => quote!(crate::reply::single(client.call(request)).await),
    };
    quote! {
        #wire_name => {
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
        (TypeExpr::List(_), true) => quote!(list),
        (TypeExpr::List(_), false) => quote!(optional_list),
        (_, true) => quote!(required),
        (_, false) => quote!(optional),
    };
    quote!(#name: crate::flag::#reader(matches, #id)?,)
}
