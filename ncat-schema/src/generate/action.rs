//! The items generated for one action.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::docs;
use super::rust_type::field_type;
use super::shared::struct_fields;
use super::union::{param_argument, param_field_type};
use super::{union, variants};
use crate::model::{Action, GroupKind, Param, Reply, Schema};
use crate::since::Version;

/// Everything one action generates: per request form (one, or one per
/// variant) the request struct, `Action` impl, `Call` setters and client
/// method; then the enums of union parameters and the inline reply struct.
pub(super) fn action(action: &Action, schema: &Schema) -> TokenStream {
    let (output, reply_struct) = output(action);
    let forms = if action.variants.is_empty() {
        vec![form(action, schema, &output)]
    } else {
        variants::views(action)
            .iter()
            .map(|view| form(view, schema, &output))
            .collect()
    };
    let unions = union::enums(action);
    quote! {
        #(#forms)*
        #unions
        #reply_struct
    }
}

/// The items of one request form.
fn form(action: &Action, schema: &Schema, output: &TokenStream) -> TokenStream {
    let request = format_ident!("{}", action.request_type_name());
    let request_struct = request_struct(action, &request);
    let action_impl = action_impl(action, &request, output);
    let setters = setters(action, &request);
    let methods = client_methods(action, &request, schema);
    quote! {
        #request_struct
        #action_impl
        #setters
        #methods
    }
}

/// The `Output` type, and the inline reply struct when there is one.
fn output(action: &Action) -> (TokenStream, TokenStream) {
    match &action.reply {
        Reply::Nothing => (quote!(()), TokenStream::new()),
        Reply::Type {
            ty, optional: true, ..
        } => {
            let ty = field_type(ty);
            (quote!(::std::option::Option<#ty>), TokenStream::new())
        }
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

/// NapCat requires every field of some forms (14 for a custom mini-app
/// card); their constructors take them all, as the schema says.
fn many_arguments(count: usize) -> Option<TokenStream> {
    (count > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]))
}

fn ident(name: &str) -> Ident {
    format_ident!("{}", name)
}

fn request_struct(action: &Action, request: &Ident) -> TokenStream {
    let doc = docs::attrs(&docs::request_lines(action));
    let fields = action.params.iter().map(|param| {
        let doc = docs::attrs(&docs::param_lines(param));
        let name = ident(&param.rust_name);
        let ty = param_field_type(action, param);
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
        let (ty, _) = param_argument(action, param, &name);
        quote!(#name: #ty)
    });
    let initializers = action.params.iter().map(|param| {
        let name = ident(&param.rust_name);
        if param.required {
            let (_, convert) = param_argument(action, param, &name);
            quote!(#name: #convert)
        } else {
            quote!(#name: ::std::option::Option::None)
        }
    });
    // Actions without required parameters can also be built with `Default`.
    let default = required.is_empty().then(|| quote!(Default,));
    let allow = many_arguments(required.len());
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, #default ::serde::Serialize)]
        pub struct #request {
            #(#fields)*
        }

        impl #request {
            /// Creates the request from its required parameters; optional ones start unset.
            #allow
            pub fn new(#(#arguments),*) -> Self {
                Self { #(#initializers),* }
            }
        }
    }
}

fn action_impl(action: &Action, request: &Ident, output: &TokenStream) -> TokenStream {
    let wire_name = &action.wire_name;
    let check_params = check_params(action);
    let since = since_consts(action);
    if matches!(action.reply, Reply::Frames { .. }) {
        return quote! {
            impl crate::stream::StreamAction for #request {
                const NAME: &'static str = #wire_name;
                #since
                type Frame = #output;
                #check_params
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
            #check_params
        }
    }
}

/// `Action::check_params` for an action with parameter groups: each group's
/// rule over which of its parameters are set.
fn check_params(action: &Action) -> Option<TokenStream> {
    if action.groups.is_empty() {
        return None;
    }
    let checks = action.groups.iter().map(|group| {
        let rule = match group.kind {
            GroupKind::ExactlyOne => quote!(crate::ParamRule::ExactlyOne),
            GroupKind::AtLeastOne => quote!(crate::ParamRule::AtLeastOne),
        };
        let names = &group.params;
        let set = group.params.iter().filter_map(|wire| {
            let param = action
                .params
                .iter()
                .find(|param| param.wire_name == *wire)?;
            let field = ident(&param.rust_name);
            Some(quote!(self.#field.is_some()))
        });
        quote!(crate::ParamGroupError::check(Self::NAME, #rule, &[#(#names),*], &[#(#set),*])?;)
    });
    Some(quote! {
        fn check_params(&self) -> ::std::result::Result<(), crate::ParamGroupError> {
            #(#checks)*
            ::std::result::Result::Ok(())
        }
    })
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
            let (ty, convert) = param_argument(action, param, &name);
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
            let (ty, _) = param_argument(action, param, &name);
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
    let allow = many_arguments(required.len());
    let method = |name: &str, doc: TokenStream| {
        let name = ident(name);
        quote! {
            #doc
            #deprecated
            #allow
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
