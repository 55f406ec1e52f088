//! What `ncat_codegen::generate!` expands to inside `ncat-api`: the actions
//! and types generated from the schema, and `ncat_api::extend!`, which
//! carries the table of that schema to a bot's extensions. The snapshot
//! holds both, so a build that `include!`s it needs nothing else from the
//! schema.

use proc_macro2::{Span, TokenStream};
use quote::quote;

use crate::base::Base;
use crate::generate::generate;
use crate::model::Schema;
use crate::snapshot;
use crate::source::SourceFile;

/// The whole expansion of `generate!` for `schema`.
pub fn generate_api(schema: &Schema) -> TokenStream {
    let items = generate(schema);
    let extend = extend_macro(schema);
    quote! {
        #items
        #extend
    }
}

/// The snapshot of what `generate!` expands to for `schema` (see
/// [`snapshot`](crate::snapshot)): the header, the fingerprint of the
/// schema's files (read again from disk), and [`generate_api`]
/// formatted.
pub fn render(schema: &Schema) -> syn::Result<String> {
    let Some(file) = schema.files.first() else {
        return Err(syn::Error::new(
            Span::call_site(),
            "the schema has no files",
        ));
    };
    snapshot::render_in(file, &generate_api(schema))
}

/// `ncat_api::extend!`: forwards a bot's schema directory to
/// `ncat_codegen::extend!` together with the table of `ncat-api`'s own
/// schema, so the bot's build checks against exactly the `ncat-api` it
/// compiles with (and the macro crate needs no copy of the schema).
fn extend_macro(schema: &Schema) -> TokenStream {
    // The files were just read to load `schema`; the bot's build loads
    // them again, to check an extension against the actions they describe.
    let sources: Vec<SourceFile> = schema
        .files
        .iter()
        .filter_map(|file| {
            Some(SourceFile {
                path: file.clone(),
                text: std::fs::read_to_string(file).ok()?,
            })
        })
        .collect();
    let table = Base::table(&sources);
    quote! {
        /// Generates typed calls for a bot's own NapCat actions, and typed
        /// events for its own events (`events.yaml`, read with
        /// `ExtensionEvent::from_event`), from YAML in the format of ncat's
        /// schema; see [the guide](crate::extension).
        ///
        /// ```ignore
        /// mod extra {
        ///     ncat_api::extend!("napcat-extra");                 // relative to CARGO_MANIFEST_DIR
        ///     // ncat_api::extend!(relative_to_file = "extra");   // relative to this file
        /// }
        /// use extra::*;
        /// ```
        ///
        /// A mistake in the YAML, or an action, method, type or event type
        /// name `ncat-api` already has, is a compile error naming
        /// `file:line:col`.
        ///
        /// Needs the `extend` feature (on by default), which brings the
        /// proc-macro crate `ncat-codegen`.
        #[cfg(feature = "extend")]
        #[macro_export]
        macro_rules! extend {
            ($($input:tt)*) => {
                $crate::extension::extend! { base = #table, $($input)* }
            };
        }
    }
}
