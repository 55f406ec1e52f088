//! The macros that turn YAML schemas into typed NapCat actions: `generate!`
//! for `ncat-api`'s own schema, and `extend!` for a bot's own actions on top
//! of it.
//!
//! This crate is a thin wrapper: loading, validation and generation live in
//! [`ncat_schema`], so that tools and tests see exactly what the macros see.
//! Use `ncat-api`: `generate!` is only meaningful inside it, because the
//! code it writes refers to `crate::Client`, `crate::Call` and the id types,
//! and bots call `extend!` as `ncat_api::extend!`, which hands it
//! `ncat-api`'s own types and action names.
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
/// ```ignore
/// ncat_codegen::generate!("schema", snapshot = "generated/actions.rs");
/// ```
///
/// names the checked-in snapshot of the expansion (resolved like the schema
/// path): when the fingerprint it records is that of the schema files and
/// of this generator, the macro `include!`s it without generating
/// anything, so builds are cheap and compiler messages and IDEs point at
/// its readable lines instead of the macro call; see
/// `ncat_schema::snapshot`.
///
/// Every schema problem becomes its own `compile_error!` naming
/// `file:line:col` and quoting the line. Each schema file is also
/// `include_str!`-ed, so cargo rebuilds when one changes.
#[proc_macro]
pub fn generate(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as Input);
    expand(&input, ncat_schema::generate_api).into()
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

/// Expands the schema directory's `segments.yaml` into the keys each
/// segment data type of `ncat-api` reads and the table of segment kinds
/// (see `ncat_schema::segment`). Takes the same arguments as [`generate!`],
/// with a snapshot of its own, and reports problems the same way.
///
/// ```ignore
/// ncat_codegen::generate_segments!("schema", snapshot = "generated/segments.rs");
/// ```
#[proc_macro]
pub fn generate_segments(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as Input);
    expand(&input, ncat_schema::generate_segments).into()
}

/// Expands the schema directory's `events.yaml` into `ncat_api::event`'s
/// types: a struct per event (through `ncat_api::__event_struct!`), an
/// open enum per `sub_type` enum (`__open_enum!`), and the family enums
/// (`MessageEvent`, `NoticeEvent`, `RequestEvent`, `MetaEvent`) with the
/// dispatch that reads them (see `ncat_schema::event`). Nothing without an
/// `events.yaml`. Takes the same arguments as [`generate!`], with a
/// snapshot of its own, and reports problems the same way.
///
/// ```ignore
/// ncat_codegen::generate_events!("schema", snapshot = "generated/events.rs");
/// ```
///
/// Only meaningful inside `ncat-api`'s `event` module: the code calls its
/// decoding runtime (`Source`, `typed`, `__support`) and names its
/// hand-written hook types (`Sender`, …) unqualified.
#[proc_macro]
pub fn generate_events(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as Input);
    expand(&input, ncat_schema::generate_events).into()
}

/// The mock NapCat's answers to calls a test did not script, for every
/// action of a schema directory: a `&[(&str, &str)]` expression of wire
/// names and answers as JSON (see `ncat_schema::mock`).
///
/// ```ignore
/// const ANSWERS: &[(&str, &str)] = ncat_codegen::mock_replies!("schema"); // relative to CARGO_MANIFEST_DIR
/// ```
///
/// `ncat-mock` bakes ncat's schema in with it; bots get the table of their
/// own actions from `ncat_api::extend!` (`MOCK_REPLIES`). Takes the same
/// arguments and reports schema problems the same way as [`generate!`].
#[proc_macro]
pub fn mock_replies(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as Input);
    let table = expand(&input, ncat_schema::generate_mock_replies);
    // The expansion holds items (the tracked files) before the expression.
    quote!({ #table }).into()
}

/// Calls `callback!` with every action of a schema directory, for code that
/// must cover each one (tests, tables):
///
/// ```ignore
/// macro_rules! list {
///     ($(($wire:literal, $request:ident, $kind:ident)),* $(,)?) => { /* … */ };
/// }
/// ncat_codegen::for_each_action!("../schema", list);
/// ```
///
/// Each entry is the wire name, the request type in `ncat_api::actions`
/// (the first form's, for an action with variants) and `call` for an
/// [`Action`](https://docs.rs/ncat-api/latest/ncat_api/trait.Action.html)
/// or `stream` for a `StreamAction`, in schema order.
#[proc_macro]
pub fn for_each_action(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as ForEachInput);
    let span = input.schema.path.span();
    let dir = match resolve(&input.schema) {
        Ok((dir, _)) => dir,
        Err(message) => return syn::Error::new(span, message).to_compile_error().into(),
    };
    let schema = match ncat_schema::load_dir(&dir) {
        Ok(schema) => schema,
        Err(diagnostics) => return compile_errors(&diagnostics, span).into(),
    };
    let tracked = tracked_paths(&schema.files);
    let entries = schema.actions.iter().map(|action| {
        let wire = &action.wire_name;
        // An action with variants has a request type per form, named
        // after the form's method.
        let first_form = action
            .variants
            .first()
            .map(|form| ncat_schema::model::Action {
                rust_name: form.rust_name.clone(),
                ..action.clone()
            });
        let request = first_form.as_ref().unwrap_or(action).request_type_name();
        let request = quote::format_ident!("{}", request);
        let kind = match action.reply {
            ncat_schema::model::Reply::Frames { .. } => quote!(stream),
            _ => quote!(call),
        };
        quote!((#wire, #request, #kind))
    });
    let callback = &input.callback;
    quote! {
        #tracked
        #callback! { #(#entries),* }
    }
    .into()
}

/// `"dir", callback`.
struct ForEachInput {
    schema: Input,
    callback: syn::Path,
}

impl Parse for ForEachInput {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let path = input.parse()?;
        input.parse::<syn::Token![,]>()?;
        Ok(ForEachInput {
            schema: Input {
                path,
                relative_to_file: false,
                snapshot: None,
            },
            callback: input.parse()?,
        })
    }
}

/// The macro's argument: a path and how to resolve it, and optionally the
/// expansion's snapshot.
struct Input {
    path: LitStr,
    relative_to_file: bool,
    snapshot: Option<LitStr>,
}

impl Parse for Input {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let relative_to_file = !input.peek(LitStr);
        if relative_to_file {
            key(
                input,
                "relative_to_file",
                "expected a path string, or `relative_to_file = \"…\"`",
            )?;
        }
        let path = input.parse()?;
        let mut snapshot = None;
        if !input.is_empty() {
            input.parse::<syn::Token![,]>()?;
            key(input, "snapshot", "expected `snapshot = \"…\"`")?;
            snapshot = Some(input.parse()?);
        }
        Ok(Input {
            path,
            relative_to_file,
            snapshot,
        })
    }
}

/// `name =`, or `message` where the name should be.
fn key(input: ParseStream<'_>, name: &str, message: &str) -> syn::Result<()> {
    let key: syn::Ident = input.parse()?;
    if key != name {
        return Err(syn::Error::new(key.span(), message));
    }
    input.parse::<syn::Token![=]>()?;
    Ok(())
}

/// Reads the schema; includes the snapshot if the input names one whose
/// fingerprint is current, else loads the schema and runs `generator` on
/// it, or reports its problems.
fn expand(
    input: &Input,
    generator: fn(&ncat_schema::model::Schema) -> proc_macro2::TokenStream,
) -> proc_macro2::TokenStream {
    let span = input.path.span();
    let (dir, snapshot) = match resolve(input) {
        Ok(paths) => paths,
        Err(message) => return syn::Error::new(span, message).to_compile_error(),
    };
    let sources = match ncat_schema::read_sources(&dir) {
        Ok(sources) => sources,
        Err(diagnostics) => return compile_errors(&diagnostics, span),
    };
    let tracked = tracked(&sources);
    let Some(snapshot) = snapshot else {
        return match ncat_schema::load_sources(&sources) {
            Ok(schema) => {
                let items = generator(&schema);
                quote!(#tracked #items)
            }
            Err(diagnostics) => compile_errors(&diagnostics, span),
        };
    };
    let current = ncat_schema::snapshot::recorded_fingerprint(&snapshot)
        .is_some_and(|recorded| recorded == ncat_schema::snapshot::fingerprint(&sources));
    let mut errors = None;
    let items = ncat_schema::snapshot::expansion(&snapshot, current, || {
        match ncat_schema::load_sources(&sources) {
            Ok(schema) => generator(&schema),
            Err(diagnostics) => {
                errors = Some(compile_errors(&diagnostics, span));
                quote!()
            }
        }
    });
    if let Some(errors) = errors {
        return errors;
    }
    quote! {
        #tracked
        #items
    }
}

/// Each schema file `include_str!`-ed, so cargo rebuilds when one changes.
fn tracked(sources: &[ncat_schema::SourceFile]) -> proc_macro2::TokenStream {
    let paths: Vec<PathBuf> = sources.iter().map(|file| file.path.clone()).collect();
    tracked_paths(&paths)
}

/// Each file `include_str!`-ed, so cargo rebuilds when one changes.
fn tracked_paths(files: &[PathBuf]) -> proc_macro2::TokenStream {
    let files = files.iter().map(|file| file.to_string_lossy());
    quote!(#(const _: &str = include_str!(#files);)*)
}

fn compile_errors(
    diagnostics: &ncat_schema::Diagnostics,
    span: proc_macro2::Span,
) -> proc_macro2::TokenStream {
    let errors = diagnostics
        .0
        .iter()
        .map(|diagnostic| syn::Error::new(span, diagnostic.to_string()).to_compile_error());
    quote!(#(#errors)*)
}

/// Expands a bot's extension schema; called by `ncat_api::extend!`, which
/// passes `base = "…"`, the table of `ncat-api`'s own schema.
///
/// ```ignore
/// ncat_api::extend!("napcat-extra");                 // relative to CARGO_MANIFEST_DIR
/// ncat_api::extend!(relative_to_file = "extra");     // relative to this file
/// ```
///
/// Writes, where it is called, the extension's own types, a request struct
/// (and inline reply struct) per action, a `<Action>Setters` trait per
/// action with optional parameters, and the `ClientExt` trait implemented
/// for `ncat_api::Client`. Every problem becomes a `compile_error!` naming
/// `file:line:col`, like `generate!`'s.
#[proc_macro]
pub fn extend(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as ExtendInput);
    expand_extension(&input).into()
}

/// `base = "<table>", <Input>`.
struct ExtendInput {
    base: LitStr,
    schema: Input,
}

impl Parse for ExtendInput {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let key: syn::Ident = input.parse()?;
        if key != "base" {
            return Err(syn::Error::new(
                key.span(),
                "call this macro as `ncat_api::extend!(\"dir\")`",
            ));
        }
        input.parse::<syn::Token![=]>()?;
        let base = input.parse()?;
        input.parse::<syn::Token![,]>()?;
        Ok(ExtendInput {
            base,
            schema: input.parse()?,
        })
    }
}

fn expand_extension(input: &ExtendInput) -> proc_macro2::TokenStream {
    let span = input.schema.path.span();
    let base = match ncat_schema::Base::from_table(&input.base.value()) {
        Ok(base) => base,
        Err(diagnostics) => return compile_errors(&diagnostics, span),
    };
    if let Some(snapshot) = &input.schema.snapshot {
        let message = "`extend!` takes no snapshot";
        return syn::Error::new(snapshot.span(), message).to_compile_error();
    }
    let dir = match resolve(&input.schema) {
        Ok((dir, _)) => dir,
        Err(message) => return syn::Error::new(span, message).to_compile_error(),
    };
    match ncat_schema::load_extension(&dir, &base) {
        Ok(schema) => {
            let tracked = tracked_paths(&schema.files);
            let items = ncat_schema::generate_extension(&schema, &base);
            quote! {
                #tracked
                #items
            }
        }
        Err(diagnostics) => compile_errors(&diagnostics, span),
    }
}

/// The schema directory as an absolute, normalized path, so diagnostics name
/// files without `..` detours, and the snapshot's path (absolute, for
/// `include!`) if the input names one.
fn resolve(input: &Input) -> Result<(PathBuf, Option<PathBuf>), String> {
    let written = PathBuf::from(input.path.value());
    let base = if input.relative_to_file {
        // The literal's own span: through `ncat_api::extend!` the call site
        // is that macro's definition in ncat-api, the literal the bot's file.
        input
            .path
            .span()
            .unwrap()
            .local_file()
            .and_then(|file| file.parent().map(Path::to_owned))
            .ok_or("cannot tell which file invoked `generate!`; use a path relative to CARGO_MANIFEST_DIR")?
    } else {
        std::env::var_os("CARGO_MANIFEST_DIR")
            .map(PathBuf::from)
            .ok_or("CARGO_MANIFEST_DIR is not set; build with cargo")?
    };
    let joined = base.join(&written);
    let dir = joined
        .canonicalize()
        .map_err(|error| format!("schema directory `{}` not found: {error}", joined.display()))?;
    let snapshot = input.snapshot.as_ref().map(|snapshot| {
        let joined = base.join(snapshot.value());
        // A missing snapshot is not an error: the macro expands the schema.
        joined.canonicalize().unwrap_or(joined)
    });
    Ok((dir, snapshot))
}
