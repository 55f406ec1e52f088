//! The `generate!` macro that turns ncat's YAML schema into `ncat-api`'s
//! typed NapCat actions.
//!
//! This crate is a thin wrapper: loading, validation and generation live in
//! [`ncat_schema`], so that tools and tests see exactly what the macro sees.
//! Use `ncat-api`; this macro is only meaningful inside it, because the code
//! it writes refers to `crate::Client`, `crate::Call` and the id types.
//!
//! [`generate_cli!`] writes the `ncat call` subcommands of the `ncat`
//! command-line tool (`ncat-cli`) from the same schema.

use std::path::{Path, PathBuf};

use proc_macro::TokenStream;
use quote::quote;
use syn::LitStr;
use syn::parse::{Parse, ParseStream};

/// Expands a schema directory into the `types` and `actions` modules.
///
/// ```ignore
/// ncat_codegen::generate!("../schema");                   // relative to CARGO_MANIFEST_DIR
/// ncat_codegen::generate!(relative_to_file = "schema");   // relative to this file, like include_str!
/// ```
///
/// The first form is the normal one: it works the same in every build tool
/// and IDE. The second exists for compile-fail fixtures, which trybuild
/// compiles inside a scratch crate whose `CARGO_MANIFEST_DIR` is elsewhere.
///
/// Every schema problem becomes its own `compile_error!` naming
/// `file:line:col` and quoting the line. Each schema file is also
/// `include_str!`-ed, so cargo rebuilds when one changes.
#[proc_macro]
pub fn generate(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as Input);
    expand(&input, ncat_schema::generate).into()
}

/// Expands a schema directory into the `ncat call` subcommands of the `ncat`
/// command-line tool: `commands()`, one `clap::Command` per action, and
/// `call(…)`, which builds the action's typed request from the parsed flags
/// and sends it.
///
/// ```ignore
/// ncat_codegen::generate_cli!("../schema"); // relative to CARGO_MANIFEST_DIR
/// ```
///
/// Only meaningful inside `ncat-cli`, whose runtime (`crate::flag`,
/// `crate::reply`, `crate::failure`) the code calls. Takes the same
/// arguments and reports schema problems the same way as [`generate!`].
#[proc_macro]
pub fn generate_cli(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as Input);
    expand(&input, ncat_schema::generate_cli).into()
}

/// The macro's argument: a path and how to resolve it.
struct Input {
    path: LitStr,
    relative_to_file: bool,
}

impl Parse for Input {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        if input.peek(LitStr) {
            return Ok(Input {
                path: input.parse()?,
                relative_to_file: false,
            });
        }
        let key: syn::Ident = input.parse()?;
        if key != "relative_to_file" {
            return Err(syn::Error::new(
                key.span(),
                "expected a path string, or `relative_to_file = \"…\"`",
            ));
        }
        input.parse::<syn::Token![=]>()?;
        Ok(Input {
            path: input.parse()?,
            relative_to_file: true,
        })
    }
}

/// Loads the schema and runs `generator` on it, or reports its problems.
fn expand(
    input: &Input,
    generator: fn(&ncat_schema::model::Schema) -> proc_macro2::TokenStream,
) -> proc_macro2::TokenStream {
    let span = input.path.span();
    let dir = match resolve(input) {
        Ok(dir) => dir,
        Err(message) => return syn::Error::new(span, message).to_compile_error(),
    };
    match ncat_schema::load_dir(&dir) {
        Ok(schema) => {
            let tracked = schema.files.iter().map(|file| {
                let file = file.to_string_lossy();
                quote!(
                    const _: &str = include_str!(#file);
                )
            });
            let items = generator(&schema);
            quote! {
                #(#tracked)*
                #items
            }
        }
        Err(diagnostics) => {
            let errors = diagnostics
                .0
                .iter()
                .map(|diagnostic| syn::Error::new(span, diagnostic.to_string()).to_compile_error());
            quote!(#(#errors)*)
        }
    }
}

/// The schema directory as an absolute, normalized path, so diagnostics name
/// files without `..` detours.
fn resolve(input: &Input) -> Result<PathBuf, String> {
    let written = PathBuf::from(input.path.value());
    let base = if input.relative_to_file {
        proc_macro::Span::call_site()
            .local_file()
            .and_then(|file| file.parent().map(Path::to_owned))
            .ok_or("cannot tell which file invoked `generate!`; use a path relative to CARGO_MANIFEST_DIR")?
    } else {
        std::env::var_os("CARGO_MANIFEST_DIR")
            .map(PathBuf::from)
            .ok_or("CARGO_MANIFEST_DIR is not set; build with cargo")?
    };
    let joined = base.join(&written);
    joined
        .canonicalize()
        .map_err(|error| format!("schema directory `{}` not found: {error}", joined.display()))
}
