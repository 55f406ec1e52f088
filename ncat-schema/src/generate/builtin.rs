//! What an extension generates for its `extend:` entries: typed setters for
//! the parameters it adds to a built-in action, and typed accessors for the
//! reply fields it adds, read on demand from the reply's data.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs;
use super::rust_type::{argument, field_type};
use super::shared::struct_fields;
use super::target::Target;
use super::variants;
use crate::model::BuiltInExtension;

/// The setter trait, reply struct and accessor trait of one `extend:` entry.
pub(super) fn items(extension: &BuiltInExtension, target: Target<'_>) -> TokenStream {
    let setters = setters(extension, target);
    let fields = fields(extension, target);
    quote!(#setters #fields)
}

/// The request types of the built-in action: one, or one per form.
fn request_types(extension: &BuiltInExtension) -> Vec<proc_macro2::Ident> {
    let action = &extension.action;
    let names = if action.variants.is_empty() {
        vec![action.request_type_name()]
    } else {
        variants::views(action, &|method| method.to_owned())
            .iter()
            .map(crate::model::Action::request_type_name)
            .collect()
    };
    names.iter().map(|name| format_ident!("{}", name)).collect()
}

fn setters(extension: &BuiltInExtension, target: Target<'_>) -> TokenStream {
    if extension.params.is_empty() {
        return TokenStream::new();
    }
    let action = &extension.action;
    let name = format_ident!("{}", BuiltInExtension::params_trait(action));
    let doc = format!(
        " Parameters this crate adds to ncat's `{}` action (`ncat_api::extend!`): setters on its [`Call`](::ncat_api::Call), sent like its own.",
        action.wire_name
    );
    let mut declarations = Vec::new();
    let mut definitions = Vec::new();
    for param in &extension.params {
        let setter = format_ident!("{}", param.rust_name);
        let (ty, convert) = argument(&param.ty, &setter, target);
        let wire = &param.wire_name;
        let attrs = docs::attrs(&docs::param_lines(param));
        declarations.push(quote!(#attrs fn #setter(self, #setter: #ty) -> Self;));
        definitions.push(quote! {
            fn #setter(self, #setter: #ty) -> Self {
                self.extra_param(#wire, #convert)
            }
        });
    }
    let impls = request_types(extension).into_iter().map(|request| {
        quote! {
            impl #name for ::ncat_api::Call<::ncat_api::actions::#request> {
                #(#definitions)*
            }
        }
    });
    quote! {
        #[doc = #doc]
        pub trait #name {
            #(#declarations)*
        }
        #(#impls)*
    }
}

fn fields(extension: &BuiltInExtension, target: Target<'_>) -> TokenStream {
    if extension.reply_fields.is_empty() {
        return TokenStream::new();
    }
    let action = &extension.action;
    let reply = format_ident!("{}", BuiltInExtension::reply_struct(action));
    let accessors = format_ident!("{}", BuiltInExtension::fields_trait(action));
    let struct_doc = format!(
        " The reply fields this crate adds to ncat's `{}` action, decoded from the reply's data (see [`{accessors}`]).",
        action.wire_name
    );
    let trait_doc = format!(
        " Reply fields this crate adds to ncat's `{0}` action (`ncat_api::extend!`): make the call with [`.with_data()`](::ncat_api::Call::with_data) and read them from its reply, each decoded on demand.",
        action.wire_name
    );
    let serde = target.serde();
    let serde_json = target.serde_json();
    let serde_crate = target.serde_crate_attr();
    let body = struct_fields(&extension.reply_fields, target);
    let mut declarations = Vec::new();
    let mut definitions = Vec::new();
    for field in &extension.reply_fields {
        let name = format_ident!("{}", field.rust_name);
        let ty = field_type(&field.ty, target);
        let ty = if field.optional {
            quote!(::std::option::Option<#ty>)
        } else {
            ty
        };
        let attrs = docs::attrs(&docs::field_lines(field));
        let signature = quote!(fn #name(&self) -> ::std::result::Result<#ty, #serde_json::Error>);
        declarations.push(quote!(#attrs #signature;));
        definitions.push(quote! {
            #signature {
                self.decode::<#reply>().map(|reply| reply.#name)
            }
        });
    }
    // Every form of an action shares its reply type.
    let request = request_types(extension).into_iter().next();
    quote! {
        #[doc = #struct_doc]
        #[derive(Debug, Clone, PartialEq, #serde::Serialize, #serde::Deserialize)]
        #serde_crate
        pub struct #reply {
            #body
        }

        #[doc = #trait_doc]
        pub trait #accessors {
            #(#declarations)*
        }

        impl #accessors for ::ncat_api::WithData<<::ncat_api::actions::#request as ::ncat_api::Action>::Output> {
            #(#definitions)*
        }
    }
}
