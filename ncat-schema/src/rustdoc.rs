//! Rustdoc attributes for generated items, shared by every generator.

use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc = "…"]` attributes, one per line of `lines` (a line holding
/// several is split).
pub(crate) fn attrs(lines: &[String]) -> TokenStream {
    let lines = lines.iter().flat_map(|text| text.lines()).map(|line| {
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
