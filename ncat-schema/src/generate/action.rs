//! The items generated for one action.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::docs;
use super::rust_type::{argument, field_type};
use super::shared::struct_fields;
use crate::model::{Action, Param, Reply, Schema};
use crate::since::Version;

/// Request struct, `Action` impl, `Call` setters, client methods and the
/// inline reply struct of one action.
pub(super) fn action(action: &Action, schema: &Schema) -> TokenStream {
    let request = format_ident!("{}", action.request_type_name());
    let (output, reply_struct) = output(action);
    let request_struct = request_struct(action, &request);
    let action_impl = action_impl(action, &request, &output);
    let setters = setters(action, &request);
    let methods = client_methods(action, &request, schema);
    quote! {
        #request_struct
        #action_impl
        #setters
        #methods
        #reply_struct
    }
}

/// The `Output` type, and the inline reply struct when there is one.
fn output(action: &Action) -> (TokenStream, TokenStream) {
    match &action.reply {
        Reply::Nothing => (quote!(()), TokenStream::new()),
        Reply::Type { ty, .. } | Reply::Frames { ty, .. } => (field_type(ty), TokenStream::new()),
        Reply::Fields { fields, .. } => {
            let name = format_ident!("{}", action.reply_type_name());
            let doc = docs::attrs(&docs::reply_struct_lines(action));
            let fields = struct_fields(fields);
            let reply = quote! {
                #doc
                #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
                pub struct #name {
                    #fields
                }
            };
            (quote!(#name), reply)
        }
    }
}

fn ident(name: &str) -> Ident {
    format_ident!("{}", name)
}

fn request_struct(action: &Action, request: &Ident) -> TokenStream {
    let doc = docs::attrs(&docs::request_lines(action));
    let fields = action.params.iter().map(|param| {
        let doc = docs::attrs(&docs::param_lines(param));
        let name = ident(&param.rust_name);
        let ty = field_type(&param.ty);
        let rename = (param.rust_name != param.wire_name).then(|| {
            let wire = &param.wire_name;
            quote!(#[serde(rename = #wire)])
        });
        if param.required {
            quote! { #doc #rename pub #name: #ty, }
        } else {
            quote! {
                #doc
                #rename
                #[serde(skip_serializing_if = "::std::option::Option::is_none")]
                pub #name: ::std::option::Option<#ty>,
            }
        }
    });
    let required: Vec<&Param> = action.required_params().collect();
    let arguments = required.iter().map(|param| {
        let name = ident(&param.rust_name);
        let (ty, _) = argument(&param.ty, &name);
        quote!(#name: #ty)
    });
    let initializers = action.params.iter().map(|param| {
        let name = ident(&param.rust_name);
        if param.required {
            let (_, convert) = argument(&param.ty, &name);
            quote!(#name: #convert)
        } else {
            quote!(#name: ::std::option::Option::None)
        }
    });
    // Actions without required parameters can also be built with `Default`.
    let default = required.is_empty().then(|| quote!(Default,));
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, #default ::serde::Serialize)]
        pub struct #request {
            #(#fields)*
        }

        impl #request {
            /// Creates the request from its required parameters; optional ones start unset.
            pub fn new(#(#arguments),*) -> Self {
                Self { #(#initializers),* }
            }
        }
    }
}

fn action_impl(action: &Action, request: &Ident, output: &TokenStream) -> TokenStream {
    let wire_name = &action.wire_name;
    let since = since_consts(action);
    if matches!(action.reply, Reply::Frames { .. }) {
        return quote! {
            impl crate::stream::StreamAction for #request {
                const NAME: &'static str = #wire_name;
                #since
                type Frame = #output;
            }
        };
    }
    // NapCat sends `null`, `{}` or no `data` key for these; none carries meaning.
    let ignore_data = matches!(action.reply, Reply::Nothing).then(|| {
        quote! {
            fn decode_output(
                _data: ::std::option::Option<&::serde_json::value::RawValue>,
            ) -> ::std::result::Result<(), ::serde_json::Error> {
                ::std::result::Result::Ok(())
            }
        }
    });
    quote! {
        impl crate::Action for #request {
            const NAME: &'static str = #wire_name;
            #since
            type Output = #output;
            #ignore_data
        }
    }
}

/// `SINCE` and `PARAM_SINCE` of the action's impl, for the releases the
/// schema knows; both are left at their `None` / empty defaults otherwise.
fn since_consts(action: &Action) -> TokenStream {
    let since = action.since.and_then(|since| since.minimum()).map(|since| {
        let since = version(since);
        quote!(const SINCE: ::std::option::Option<crate::Version> = ::std::option::Option::Some(#since);)
    });
    let params: Vec<TokenStream> = action
        .params
        .iter()
        .filter_map(|param| {
            let since = version(param.since?.minimum()?);
            let name = &param.wire_name;
            Some(quote!((#name, #since)))
        })
        .collect();
    let params = (!params.is_empty()).then(
        || quote!(const PARAM_SINCE: &'static [(&'static str, crate::Version)] = &[#(#params),*];),
    );
    quote!(#since #params)
}

/// A `crate::Version` constant expression.
pub(super) fn version(version: Version) -> TokenStream {
    let [major, minor, patch] =
        [version.major, version.minor, version.patch].map(Literal::u32_unsuffixed);
    quote!(crate::Version::new(#major, #minor, #patch))
}

/// What the client method returns: a `Call`, or a `StreamCall` for actions
/// whose reply is a stream of frames.
fn call_type(action: &Action) -> TokenStream {
    if matches!(action.reply, Reply::Frames { .. }) {
        quote!(crate::stream::StreamCall)
    } else {
        quote!(crate::Call)
    }
}

fn setters(action: &Action, request: &Ident) -> TokenStream {
    let setters: Vec<TokenStream> = action
        .optional_params()
        .map(|param| {
            let doc = docs::attrs(&docs::param_lines(param));
            let name = ident(&param.rust_name);
            let (ty, convert) = argument(&param.ty, &name);
            quote! {
                #doc
                pub fn #name(mut self, #name: #ty) -> Self {
                    self.request.#name = ::std::option::Option::Some(#convert);
                    self
                }
            }
        })
        .collect();
    if setters.is_empty() {
        return TokenStream::new();
    }
    let doc = format!(
        " Optional parameters of NapCat's `{}` action.",
        action.wire_name
    );
    let call = call_type(action);
    quote! {
        #[doc = #doc]
        impl #call<#request> {
            #(#setters)*
        }
    }
}

fn client_methods(action: &Action, request: &Ident, schema: &Schema) -> TokenStream {
    let required: Vec<&Param> = action.required_params().collect();
    let arguments: Vec<TokenStream> = required
        .iter()
        .map(|param| {
            let name = ident(&param.rust_name);
            let (ty, _) = argument(&param.ty, &name);
            quote!(#name: #ty)
        })
        .collect();
    let names: Vec<Ident> = required
        .iter()
        .map(|param| ident(&param.rust_name))
        .collect();
    let deprecated = action
        .deprecated
        .as_ref()
        .map(|note| quote!(#[deprecated(note = #note)]));
    let call = call_type(action);
    let method = |name: &str, doc: TokenStream| {
        let name = ident(name);
        quote! {
            #doc
            #deprecated
            pub fn #name(&self, #(#arguments),*) -> #call<#request> {
                #call::new(self.clone(), #request::new(#(#names),*))
            }
        }
    };
    let main = method(
        &action.rust_name,
        docs::attrs(&docs::method_lines(action, schema)),
    );
    let aliases = action
        .aliases
        .iter()
        .map(|alias| method(alias, docs::attrs(&docs::alias_lines(action, alias))));
    let doc = format!(" NapCat's `{}` action.", action.wire_name);
    quote! {
        #[doc = #doc]
        impl crate::Client {
            #main
            #(#aliases)*
        }
    }
}
