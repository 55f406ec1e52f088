//! Derive macros of [ncat-bot](https://docs.rs/ncat-bot): `#[derive(Command)]`
//! and `#[derive(CommandArg)]`. Use them through `ncat_bot`, which
//! re-exports them and documents them.

use proc_macro::TokenStream;
use proc_macro2::TokenStream as Tokens;
use quote::quote;
use syn::punctuated::Punctuated;
use syn::{Attribute, Data, DeriveInput, Fields, Ident, LitStr, Token};

/// Derives `ncat_bot::Command` for a struct (one command) or an enum (one
/// command per variant). See `ncat_bot::Command`.
#[proc_macro_derive(Command, attributes(command))]
pub fn derive_command(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as DeriveInput);
    command(&input)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// Derives `ncat_bot::Arg` for an enum of unit variants: one of the
/// variants' names (lower case, or `#[arg(name = "…")]`), in any case.
#[proc_macro_derive(CommandArg, attributes(arg))]
pub fn derive_command_arg(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as DeriveInput);
    command_arg(&input)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// What `#[command(…)]` says about a command.
#[derive(Default)]
struct Options {
    name: Option<String>,
    aliases: Vec<String>,
    hide: bool,
}

fn options(attrs: &[Attribute]) -> syn::Result<Options> {
    let mut options = Options::default();
    for attr in attrs.iter().filter(|attr| attr.path().is_ident("command")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("name") {
                options.name = Some(meta.value()?.parse::<LitStr>()?.value());
            } else if meta.path.is_ident("aliases") {
                let content;
                syn::parenthesized!(content in meta.input);
                let aliases = Punctuated::<LitStr, Token![,]>::parse_terminated(&content)?;
                options.aliases.extend(aliases.iter().map(LitStr::value));
            } else if meta.path.is_ident("hide") {
                options.hide = true;
            } else {
                return Err(meta.error(
                    "unknown `command` option; expected `name = \"…\"`, `aliases(\"…\", …)` or `hide`",
                ));
            }
            Ok(())
        })?;
    }
    if let Some(name) = &options.name
        && (name.is_empty() || name.contains(char::is_whitespace))
    {
        return Err(syn::Error::new_spanned(
            attrs
                .iter()
                .find(|attr| attr.path().is_ident("command"))
                .map(|attr| quote!(#attr))
                .unwrap_or_default(),
            "a command name is one word: no spaces, not empty",
        ));
    }
    Ok(options)
}

/// The doc comment's first paragraph, on one line.
fn help(attrs: &[Attribute]) -> String {
    let mut lines = Vec::new();
    for attr in attrs.iter().filter(|attr| attr.path().is_ident("doc")) {
        if let syn::Meta::NameValue(value) = &attr.meta
            && let syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(text),
                ..
            }) = &value.value
        {
            let line = text.value().trim().to_owned();
            if line.is_empty() && !lines.is_empty() {
                break;
            }
            if !line.is_empty() {
                lines.push(line);
            }
        }
    }
    lines.join(" ")
}

/// One command: its spec and how to parse its fields into `constructor`.
fn one_command(
    ident: &Ident,
    attrs: &[Attribute],
    fields: &Fields,
    constructor: Tokens,
) -> syn::Result<(Tokens, Tokens)> {
    let options = options(attrs)?;
    let name = options
        .name
        .unwrap_or_else(|| ident.to_string().to_lowercase());
    let aliases = &options.aliases;
    let hidden = options.hide;
    let help = help(attrs);
    let mut specs = Vec::new();
    let mut parses = Vec::new();
    let mut bindings = Vec::new();
    for (index, field) in fields.iter().enumerate() {
        let ty = &field.ty;
        let arg_name = field
            .ident
            .as_ref()
            .map_or_else(|| format!("arg{}", index + 1), Ident::to_string);
        let binding = Ident::new(&format!("__arg{index}"), proc_macro2::Span::call_site());
        specs.push(quote! {
            ::ncat_bot::ArgSpec {
                name: #arg_name,
                kind: <#ty as ::ncat_bot::Arg>::KIND,
                optional: <#ty as ::ncat_bot::Arg>::OPTIONAL,
            }
        });
        parses.push(quote! { let #binding = args.arg::<#ty>(#arg_name)?; });
        bindings.push((field.ident.clone(), binding));
    }
    let construct = match fields {
        Fields::Named(_) => {
            let fields = bindings
                .iter()
                .map(|(name, binding)| quote! { #name: #binding });
            quote! { #constructor { #(#fields),* } }
        }
        Fields::Unnamed(_) => {
            let fields = bindings.iter().map(|(_, binding)| binding);
            quote! { #constructor ( #(#fields),* ) }
        }
        Fields::Unit => constructor,
    };
    let spec = quote! {
        ::ncat_bot::CommandSpec {
            name: #name,
            aliases: &[#(#aliases),*],
            help: #help,
            args: &[#(#specs),*],
            hidden: #hidden,
        }
    };
    let parse = quote! {
        #(#parses)*
        args.finish()?;
        ::core::result::Result::Ok(#construct)
    };
    Ok((spec, parse))
}

fn command(input: &DeriveInput) -> syn::Result<Tokens> {
    if !input.generics.params.is_empty() {
        return Err(syn::Error::new_spanned(
            &input.generics,
            "`#[derive(Command)]` does not take generic types; name the argument types",
        ));
    }
    let ident = &input.ident;
    let (specs, parses) = match &input.data {
        Data::Struct(data) => {
            let (spec, parse) = one_command(ident, &input.attrs, &data.fields, quote!(Self))?;
            (vec![spec], vec![parse])
        }
        Data::Enum(data) => {
            if data.variants.is_empty() {
                return Err(syn::Error::new_spanned(
                    ident,
                    "an enum without variants has no commands; add a variant per command",
                ));
            }
            let mut specs = Vec::new();
            let mut parses = Vec::new();
            for variant in &data.variants {
                let variant_ident = &variant.ident;
                let mut attrs = input
                    .attrs
                    .iter()
                    .filter(|attr| attr.path().is_ident("command"))
                    .cloned()
                    .collect::<Vec<_>>();
                if !attrs.is_empty() {
                    return Err(syn::Error::new_spanned(
                        &attrs[0],
                        "on an enum, put `#[command(…)]` on each variant: every variant is a command",
                    ));
                }
                attrs.extend(variant.attrs.iter().cloned());
                let (spec, parse) = one_command(
                    variant_ident,
                    &attrs,
                    &variant.fields,
                    quote!(Self::#variant_ident),
                )?;
                specs.push(spec);
                parses.push(parse);
            }
            (specs, parses)
        }
        Data::Union(data) => {
            return Err(syn::Error::new_spanned(
                data.union_token,
                "`#[derive(Command)]` works on a struct (one command) or an enum (one command per \
                 variant), not a union",
            ));
        }
    };
    let last = parses.len() - 1;
    let arms = parses.iter().enumerate().map(|(index, parse)| {
        if index == last {
            quote! { #parse }
        } else {
            quote! { if index == #index { return (|| { #parse })(); } }
        }
    });
    Ok(quote! {
        impl ::ncat_bot::Command for #ident {
            const COMMANDS: &'static [::ncat_bot::CommandSpec] = &[#(#specs),*];

            #[allow(unused_variables)]
            fn parse(
                index: usize,
                args: &mut ::ncat_bot::Args<'_>,
            ) -> ::core::result::Result<Self, ::ncat_bot::CommandError> {
                #(#arms)*
            }
        }
    })
}

fn command_arg(input: &DeriveInput) -> syn::Result<Tokens> {
    let ident = &input.ident;
    let Data::Enum(data) = &input.data else {
        return Err(syn::Error::new_spanned(
            ident,
            "`#[derive(CommandArg)]` works on an enum of unit variants (the choices); for other \
             types implement `ncat_bot::Arg` or use `Parsed<T>` with `FromStr`",
        ));
    };
    let mut names = Vec::new();
    let mut arms = Vec::new();
    for variant in &data.variants {
        if !matches!(variant.fields, Fields::Unit) {
            return Err(syn::Error::new_spanned(
                &variant.fields,
                "`#[derive(CommandArg)]` variants are choices without fields",
            ));
        }
        let mut name = variant.ident.to_string().to_lowercase();
        for attr in variant
            .attrs
            .iter()
            .filter(|attr| attr.path().is_ident("arg"))
        {
            attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("name") {
                    name = meta.value()?.parse::<LitStr>()?.value().to_lowercase();
                    Ok(())
                } else {
                    Err(meta.error("unknown `arg` option; expected `name = \"…\"`"))
                }
            })?;
        }
        let variant_ident = &variant.ident;
        arms.push(quote! { #name => ::core::result::Result::Ok(Self::#variant_ident), });
        names.push(name);
    }
    let kind = names.join("|");
    Ok(quote! {
        impl ::ncat_bot::Arg for #ident {
            const KIND: &'static str = #kind;

            fn parse(
                args: &mut ::ncat_bot::Args<'_>,
            ) -> ::core::result::Result<Self, ::ncat_bot::ArgError> {
                let word = args.word()?;
                match word.to_lowercase().as_str() {
                    #(#arms)*
                    _ => ::core::result::Result::Err(::ncat_bot::ArgError::Invalid(word.to_owned())),
                }
            }
        }
    })
}
