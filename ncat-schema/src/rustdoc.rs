//! Rustdoc attributes for generated items, shared by every generator.

use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc = "…"]` attributes, one per line of `lines` (a line holding
/// several is split; an empty one, a paragraph break, is kept).
pub(crate) fn attrs(lines: &[String]) -> TokenStream {
    let lines = lines.iter().flat_map(|text| split(text)).map(|line| {
        // rustdoc strips one leading space from each `///` line; match it.
        let line = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote!(#[doc = #line])
    });
    quote!(#(#lines)*)
}

/// The lines of `text`; an empty text is one empty line.
fn split(text: &str) -> Vec<&str> {
    if text.is_empty() {
        vec![""]
    } else {
        text.lines().collect()
    }
}
