//! The items generated for one action.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::docs;
use super::rust_type::field_type;
use super::shared::struct_fields;
use super::target::Target;
use super::union::{param_argument, param_field_type};
use super::{union, variants};
use crate::model::{Action, GroupKind, Param, Reply};
use crate::since::Version;

/// Everything one action generates: per request form (one, or one per
/// variant) the request struct, `Action` impl, `Call` setters and client
/// method; then the enums of union parameters and the inline reply struct.
///
/// In ncat-api the client methods are inherent methods of `Client`, among
/// the items; for an extension they are returned apart, for the caller to
/// put in the extension trait.
pub(super) fn action(action: &Action, target: Target<'_>) -> (TokenStream, Vec<Method>) {
    let (output, reply_struct) = output(action, target);
    let forms = if action.variants.is_empty() {
        vec![form(action, target, &output)]
    } else {
        variants::views(action, &|method| target.method_doc(method))
            .iter()
            .map(|view| form(view, target, &output))
            .collect()
    };
    let (forms, methods): (Vec<TokenStream>, Vec<Vec<Method>>) = forms.into_iter().unzip();
    let unions = union::enums(action, target);
    let items = quote! {
        #(#forms)*
        #unions
        #reply_struct
    };
    (items, methods.into_iter().flatten().collect())
}

/// One generated client method: its attributes and signature, and its body.
pub(super) struct Method {
    pub attrs: TokenStream,
    pub signature: TokenStream,
    pub body: TokenStream,
}

impl Method {
    /// As an inherent method (in ncat-api).
    fn inherent(&self) -> TokenStream {
        let Method {
            attrs,
            signature,
            body,
        } = self;
        quote!(#attrs pub #signature { #body })
    }

    /// As a trait method's declaration, documented.
    pub fn declaration(&self) -> TokenStream {
        let Method {
            attrs, signature, ..
        } = self;
        quote!(#attrs #signature;)
    }

    /// As the trait method's implementation.
    pub fn definition(&self) -> TokenStream {
        let Method {
            signature, body, ..
        } = self;
        quote!(#signature { #body })
    }
}

/// The items of one request form, and its client methods when they go in
/// an extension trait.
fn form(action: &Action, target: Target<'_>, output: &TokenStream) -> (TokenStream, Vec<Method>) {
    let request = format_ident!("{}", action.request_type_name());
    let request_struct = request_struct(action, &request, target);
    let action_impl = action_impl(action, &request, output, target);
    let setters = setters(action, &request, target);
    let methods = client_methods(action, &request, target);
    let items = quote! {
        #request_struct
        #action_impl
        #setters
    };
    if target.is_extension() {
        return (items, methods);
    }
    let methods = methods.iter().map(Method::inherent);
    let doc = format!(" NapCat's `{}` action.", action.wire_name);
    let items = quote! {
        #items
        #[doc = #doc]
        impl crate::Client {
            #(#methods)*
        }
    };
    (items, Vec::new())
}

/// The `Output` type, and the inline reply struct when there is one.
fn output(action: &Action, target: Target<'_>) -> (TokenStream, TokenStream) {
    match &action.reply {
        Reply::Nothing => (quote!(()), TokenStream::new()),
        Reply::Type {
            ty, optional: true, ..
        } => {
            let ty = field_type(ty, target);
            (quote!(::std::option::Option<#ty>), TokenStream::new())
        }
        Reply::Type { ty, .. } | Reply::Frames { ty, .. } => {
            (field_type(ty, target), TokenStream::new())
        }
        Reply::Fields { fields, .. } => {
            let name = format_ident!("{}", action.reply_type_name());
            let doc = docs::attrs(&docs::reply_struct_lines(action));
            let fields = struct_fields(fields, target);
            let serde = target.serde();
            let serde_crate = target.serde_crate_attr();
            let reply = quote! {
                #doc
                #[derive(Debug, Clone, PartialEq, #serde::Serialize, #serde::Deserialize)]
                #serde_crate
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

/// `name: value`, or the shorthand `name` when the value is the argument of
/// that name itself: ncat-api compiles the snapshot, which clippy reads.
fn field_init(name: &Ident, value: TokenStream) -> TokenStream {
    if syn::parse2::<Ident>(value.clone()).is_ok_and(|value| value == *name) {
        quote!(#name)
    } else {
        quote!(#name: #value)
    }
}

fn ident(name: &str) -> Ident {
    format_ident!("{}", name)
}

fn request_struct(action: &Action, request: &Ident, target: Target<'_>) -> TokenStream {
    let doc = docs::attrs(&docs::request_lines(action, target));
    let fields = action.params.iter().map(|param| {
        let doc = docs::attrs(&docs::param_lines(param));
        let name = ident(&param.rust_name);
        let ty = param_field_type(action, param, target);
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
        let (ty, _) = param_argument(action, param, &name, target);
        quote!(#name: #ty)
    });
    let initializers = action.params.iter().map(|param| {
        let name = ident(&param.rust_name);
        if param.required {
            let (_, convert) = param_argument(action, param, &name, target);
            field_init(&name, convert)
        } else {
            quote!(#name: ::std::option::Option::None)
        }
    });
    // Actions without required parameters can also be built with `Default`.
    let default = required.is_empty().then(|| quote!(Default,));
    let allow = many_arguments(required.len());
    let serde = target.serde();
    let serde_crate = target.serde_crate_attr();
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, #default #serde::Serialize)]
        #serde_crate
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

fn action_impl(
    action: &Action,
    request: &Ident,
    output: &TokenStream,
    target: Target<'_>,
) -> TokenStream {
    let wire_name = &action.wire_name;
    let runtime = target.runtime();
    let check_params = check_params(action, &runtime);
    let since = since_consts(action, &runtime);
    if matches!(action.reply, Reply::Frames { .. }) {
        return quote! {
            impl #runtime::stream::StreamAction for #request {
                const NAME: &'static str = #wire_name;
                #since
                type Frame = #output;
                #check_params
            }
        };
    }
    // NapCat sends `null`, `{}` or no `data` key for these; none carries
    // meaning. Read whole all the same: the envelope is read in one pass.
    let serde = target.serde();
    let ignore_data = matches!(action.reply, Reply::Nothing).then(|| {
        quote! {
            fn decode_output<'de, D: #serde::Deserializer<'de>>(
                data: D,
            ) -> ::std::result::Result<(), D::Error> {
                <#serde::de::IgnoredAny as #serde::Deserialize<'de>>::deserialize(data)
                    .map(|_| ())
            }
        }
    });
    quote! {
        impl #runtime::Action for #request {
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
fn check_params(action: &Action, runtime: &TokenStream) -> Option<TokenStream> {
    if action.groups.is_empty() {
        return None;
    }
    let checks = action.groups.iter().map(|group| {
        let rule = match group.kind {
            GroupKind::ExactlyOne => quote!(#runtime::ParamRule::ExactlyOne),
            GroupKind::AtLeastOne => quote!(#runtime::ParamRule::AtLeastOne),
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
        quote!(#runtime::ParamGroupError::check(Self::NAME, #rule, &[#(#names),*], &[#(#set),*])?;)
    });
    Some(quote! {
        fn check_params(&self) -> ::std::result::Result<(), #runtime::ParamGroupError> {
            #(#checks)*
            ::std::result::Result::Ok(())
        }
    })
}

/// `SINCE` and `PARAM_SINCE` of the action's impl, for the releases the
/// schema knows; both are left at their `None` / empty defaults otherwise.
fn since_consts(action: &Action, runtime: &TokenStream) -> TokenStream {
    let since = action.since.and_then(|since| since.minimum()).map(|since| {
        let since = version(since, runtime);
        quote!(const SINCE: ::std::option::Option<#runtime::Version> = ::std::option::Option::Some(#since);)
    });
    let params: Vec<TokenStream> = action
        .params
        .iter()
        .filter_map(|param| {
            let since = version(param.since?.minimum()?, runtime);
            let name = &param.wire_name;
            Some(quote!((#name, #since)))
        })
        .collect();
    let params = (!params.is_empty()).then(
        || quote!(const PARAM_SINCE: &'static [(&'static str, #runtime::Version)] = &[#(#params),*];),
    );
    quote!(#since #params)
}

/// A `Version` constant expression (`runtime` is ncat-api's path).
pub(super) fn version(version: Version, runtime: &TokenStream) -> TokenStream {
    let [major, minor, patch] =
        [version.major, version.minor, version.patch].map(Literal::u32_unsuffixed);
    quote!(#runtime::Version::new(#major, #minor, #patch))
}

/// What the client method returns: a `Call`, or a `StreamCall` for actions
/// whose reply is a stream of frames.
fn call_type(action: &Action, target: Target<'_>) -> TokenStream {
    let runtime = target.runtime();
    if matches!(action.reply, Reply::Frames { .. }) {
        quote!(#runtime::stream::StreamCall)
    } else {
        quote!(#runtime::Call)
    }
}

/// One setter per optional parameter: inherent methods of `Call` in
/// ncat-api; in a bot's crate, which cannot add those, a trait
/// (`<Stem>Setters`) implemented for the action's `Call`.
fn setters(action: &Action, request: &Ident, target: Target<'_>) -> TokenStream {
    let setters: Vec<Method> = action
        .optional_params()
        .map(|param| {
            let name = ident(&param.rust_name);
            let (ty, convert) = param_argument(action, param, &name, target);
            Method {
                attrs: docs::attrs(&docs::param_lines(param)),
                signature: quote!(fn #name(self, #name: #ty) -> Self),
                body: quote! {
                    let mut call = self;
                    call.request_mut().#name = ::std::option::Option::Some(#convert);
                    call
                },
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
    let call = call_type(action, target);
    if !target.is_extension() {
        let setters = setters.iter().map(Method::inherent);
        return quote! {
            #[doc = #doc]
            impl #call<#request> {
                #(#setters)*
            }
        };
    }
    let declarations = setters.iter().map(Method::declaration);
    let definitions = setters.iter().map(Method::definition);
    let setters = format_ident!("{}Setters", action.type_stem());
    quote! {
        #[doc = #doc]
        pub trait #setters {
            #(#declarations)*
        }

        impl #setters for #call<#request> {
            #(#definitions)*
        }
    }
}

fn client_methods(action: &Action, request: &Ident, target: Target<'_>) -> Vec<Method> {
    let required: Vec<&Param> = action.required_params().collect();
    let arguments: Vec<TokenStream> = required
        .iter()
        .map(|param| {
            let name = ident(&param.rust_name);
            let (ty, _) = param_argument(action, param, &name, target);
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
    let call = call_type(action, target);
    let allow = many_arguments(required.len());
    let send = if matches!(action.reply, Reply::Frames { .. }) {
        quote!(stream)
    } else {
        quote!(call)
    };
    let method = |name: &str, doc: TokenStream| {
        let name = ident(name);
        Method {
            attrs: quote!(#doc #deprecated #allow),
            signature: quote!(fn #name(&self, #(#arguments),*) -> #call<#request>),
            body: quote!(self.#send(#request::new(#(#names),*))),
        }
    };
    let main = method(
        &action.rust_name,
        docs::attrs(&docs::method_lines(action, target)),
    );
    let aliases = action.aliases.iter().map(|alias| {
        method(
            alias,
            docs::attrs(&docs::alias_lines(action, alias, target)),
        )
    });
    std::iter::once(main).chain(aliases).collect()
}
