//! Turns a checked [`Schema`] into the Rust items of `ncat-api`.
//!
//! The output is two modules, `types` (shared types) and `actions` (request
//! and reply types, `Call` setters and `Client` methods). Paths into the
//! runtime are written as `crate::…`: the macro expands inside `ncat-api`.

mod action;
pub(crate) mod cli;
mod docs;
mod rust_type;
mod shared;
mod union;
mod variants;

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::Schema;

/// The Rust items for a whole schema.
pub fn generate(schema: &Schema) -> TokenStream {
    let shared_types = schema.types.iter().map(shared::shared_type);
    let actions = schema
        .actions
        .iter()
        .map(|action| action::action(action, schema));
    let since_table = since_table(schema);
    quote! {
        /// Shared types of the NapCat schema: structs and enums that several
        /// actions take or return.
        ///
        /// Generated from `schema/types.yaml`.
        pub mod types {
            #(#shared_types)*
        }

        /// Request and reply types of every NapCat action.
        ///
        /// Each action has a `…Request` struct implementing
        /// [`Action`](crate::Action), so it can be sent with
        /// [`Client::call`](crate::Client::call); most code uses the
        /// matching [`Client`](crate::Client) method instead, which returns a
        /// [`Call`](crate::Call) with one setter per optional parameter.
        ///
        /// Generated from the category files in `schema/`.
        pub mod actions {
            #since_table
            #(#actions)*
        }
    }
}

/// `actions::SINCE`: every action whose schema names the release that
/// introduced it, for tools such as the mock NapCat's old-version mode.
fn since_table(schema: &Schema) -> TokenStream {
    let entries = schema.actions.iter().filter_map(|action| {
        let since = action::version(action.since?.minimum()?);
        let name = &action.wire_name;
        Some(quote!((#name, #since)))
    });
    quote! {
        /// Every action that needs a NapCat newer than the oldest release
        /// on record, with the release that introduced it (the `SINCE` of
        /// its request type), in schema order. Actions not listed work
        /// with every NapCat ncat tracks.
        pub const SINCE: &[(&str, crate::Version)] = &[#(#entries),*];
    }
}

/// The generated code as formatted source, the way reviewers and IDE users
/// read it in the checked-in snapshot.
#[cfg(feature = "pretty")]
pub fn render(schema: &Schema) -> syn::Result<String> {
    let file: syn::File = syn::parse2(generate(schema))?;
    Ok(prettyplease::unparse(&file))
}
