//! The events snapshot, readable: prettyplease prints the tokens of a macro
//! call as they come, so the `__event_struct!` and `__open_enum!` calls the
//! generator writes would read as run-on lines of `#[doc = "…"]` and
//! `crate ::UserId`. Their bodies are laid out here the way the struct or
//! enum they declare would be (`///` docs, one field or value a line);
//! every other item goes through prettyplease. The tokens stay the same:
//! the snapshot compiles to what the macro generates.

use proc_macro2::TokenTree;
use quote::{ToTokens, quote};
use syn::parse::{Parse, ParseStream};
use syn::{Attribute, Expr, ExprLit, Ident, Item, ItemMacro, Lit, Meta, Token, Type};

/// The macros whose calls are laid out here.
const DECLARING: [&str; 2] = ["__event_struct", "__open_enum"];

/// `file` as source text, a blank line between items.
pub(super) fn unparse(file: &syn::File) -> syn::Result<String> {
    let mut text = String::new();
    for item in &file.items {
        if !text.is_empty() {
            text.push('\n');
        }
        match item {
            Item::Macro(call) if let Some(laid_out) = declaration(call) => {
                text.push_str(&laid_out);
            }
            // prettyplease prints whole files: the item alone makes one.
            other => {
                let single: syn::File = syn::parse2(other.to_token_stream())?;
                text.push_str(&prettyplease::unparse(&single));
            }
        }
    }
    Ok(text)
}

/// The body of a declaring macro call: `#[attr]… pub struct|enum Name {
/// #[attr]… name (: Type)? = how|"wire", … }`.
struct Declaration {
    attrs: Vec<Attribute>,
    keyword: &'static str,
    name: Ident,
    entries: Vec<Entry>,
}

/// A field (`name: Type = how`) or a value (`Variant = "wire"`).
struct Entry {
    attrs: Vec<Attribute>,
    name: Ident,
    ty: Option<Type>,
    value: TokenTree,
}

impl Parse for Declaration {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let attrs = input.call(Attribute::parse_outer)?;
        input.parse::<Token![pub]>()?;
        let keyword = if input.peek(Token![struct]) {
            input.parse::<Token![struct]>()?;
            "struct"
        } else {
            input.parse::<Token![enum]>()?;
            "enum"
        };
        let name = input.parse()?;
        let body;
        syn::braced!(body in input);
        let mut entries = Vec::new();
        while !body.is_empty() {
            let attrs = body.call(Attribute::parse_outer)?;
            let name = body.parse()?;
            let ty = if body.peek(Token![:]) {
                body.parse::<Token![:]>()?;
                Some(body.parse()?)
            } else {
                None
            };
            body.parse::<Token![=]>()?;
            let value = body.parse()?;
            body.parse::<Token![,]>()?;
            entries.push(Entry {
                attrs,
                name,
                ty,
                value,
            });
        }
        Ok(Declaration {
            attrs,
            keyword,
            name,
            entries,
        })
    }
}

/// The call laid out, if it is a call of a declaring macro whose body
/// reads as one.
fn declaration(call: &ItemMacro) -> Option<String> {
    let macro_name = call.mac.path.segments.last()?.ident.to_string();
    if !DECLARING.contains(&macro_name.as_str()) || !call.attrs.is_empty() {
        return None;
    }
    let body: Declaration = syn::parse2(call.mac.tokens.clone()).ok()?;
    let path = &call.mac.path;
    let mut text = format!("{}! {{\n", compact(&quote!(#path).to_string()));
    push_attrs(&mut text, &body.attrs, "    ");
    text.push_str(&format!("    pub {} {} {{\n", body.keyword, body.name));
    for entry in &body.entries {
        push_attrs(&mut text, &entry.attrs, "        ");
        let ty = entry
            .ty
            .as_ref()
            .map(|ty| format!(": {}", type_text(ty)))
            .unwrap_or_default();
        text.push_str(&format!("        {}{ty} = {},\n", entry.name, entry.value));
    }
    text.push_str("    }\n}\n");
    Some(text)
}

/// `#[doc = "…"]` as a `///` line, other attributes as prettyplease
/// prints them.
fn push_attrs(text: &mut String, attrs: &[Attribute], indent: &str) {
    for attr in attrs {
        let doc = match &attr.meta {
            Meta::NameValue(pair) if pair.path.is_ident("doc") => match &pair.value {
                Expr::Lit(ExprLit {
                    lit: Lit::Str(line),
                    ..
                }) => Some(line.value()),
                _ => None,
            },
            _ => None,
        };
        match doc {
            // A line break inside would end the `///` comment early.
            Some(line) if !line.contains(['\n', '\r']) => {
                text.push_str(&format!("{indent}///{line}\n"));
            }
            _ => {
                let printed = prettyplease::unparse(&syn::parse_quote!(#attr struct Attributed;));
                for line in printed.lines().filter(|line| *line != "struct Attributed;") {
                    text.push_str(&format!("{indent}{line}\n"));
                }
            }
        }
    }
}

/// A type as prettyplease prints it (`::std::option::Option<crate::UserId>`).
fn type_text(ty: &Type) -> String {
    let printed = prettyplease::unparse(&syn::parse_quote!(type Printed = #ty;));
    let printed = printed.trim();
    printed
        .strip_prefix("type Printed = ")
        .and_then(|rest| rest.strip_suffix(';'))
        .map_or_else(|| compact(&quote!(#ty).to_string()), str::to_owned)
}

/// A path's tokens without the spaces `to_string` puts between them.
fn compact(tokens: &str) -> String {
    tokens.split_whitespace().collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn a_declaring_call_is_laid_out_like_its_struct_with_the_same_tokens() {
        let file: syn::File = syn::parse_quote! {
            crate::__event_struct! {
                #[doc = " 群 · A group."]
                #[doc = ""]
                #[derive(Eq)]
                pub struct Group {
                    #[doc = " The \"id\"."]
                    group_id: ::std::option::Option<crate::GroupId> = optional_id,
                }
            }
            crate::__open_enum! {
                pub enum Kind { Add = "add", }
            }
            pub struct Plain;
        };
        let text = unparse(&file).unwrap();
        assert_eq!(
            text,
            "crate::__event_struct! {\n    /// 群 · A group.\n    ///\n    #[derive(Eq)]\n    \
             pub struct Group {\n        /// The \"id\".\n        \
             group_id: ::std::option::Option<crate::GroupId> = optional_id,\n    }\n}\n\n\
             crate::__open_enum! {\n    pub enum Kind {\n        Add = \"add\",\n    }\n}\n\n\
             pub struct Plain;\n"
        );
        let reparsed: syn::File = syn::parse_str(&text).unwrap();
        assert_eq!(
            quote!(#reparsed).to_string(),
            quote!(#file).to_string(),
            "the layout changed the tokens"
        );
    }
}
