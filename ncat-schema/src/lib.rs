//! The ncat schema: model, loader, validator and Rust generator.
//!
//! `ncat-codegen`'s `generate!` macro is a thin wrapper around this crate, so
//! tools (schema checks, release diffs, the expansion snapshot) see exactly
//! what the macro sees:
//!
//! ```no_run
//! let schema = ncat_schema::load_dir(std::path::Path::new("schema"))
//!     .map_err(|diagnostics| diagnostics.to_string())?;
//! let tokens = ncat_schema::generate(&schema);
//! # let _ = tokens;
//! # Ok::<(), String>(())
//! ```
//!
//! [`generate_cli`] is the generator's second output, for the same schema:
//! the `ncat call` subcommands of the `ncat` command-line tool (`ncat-cli`,
//! through `ncat_codegen::generate_cli!`).
//!
//! [`mock`] decides what the mock NapCat (`ncat-mock`) answers to calls a
//! test did not script, from the same schema ([`generate_mock_replies`]).
//!
//! [`snapshot`] is the checked-in, formatted copy of the expansion, which
//! the macro compiles instead of its own tokens while the two are the same.
//!
//! The YAML format is documented in `schema/README.md`.

mod api;
mod base;
mod builtin_extension;
mod default;
mod diagnostic;
pub mod event;
mod example;
mod extension;
mod fields;
mod generate;
mod load;
mod members;
pub mod mock;
pub mod model;
mod naming;
mod params;
mod raw;
mod reporter;
mod reserved;
mod rustdoc;
pub mod segment;
mod segment_extension;
mod since;
mod since_check;
pub mod snapshot;
mod source;
mod ty;
mod type_parser;
pub mod union;
mod validate;
mod variants;

pub use api::{generate_api, render};
pub use base::{Base, BaseAction};
pub use diagnostic::{Diagnostic, Diagnostics};
pub use event::{generate_schema as generate_events, render_schema as render_events};
pub use extension::{load_extension, load_extension_sources};
pub use generate::cli::generate as generate_cli;
pub use generate::{generate, generate_extension, generate_mock_replies};
pub use load::{TYPES_FILE, load_dir, load_sources};
pub use segment::{SEGMENTS_FILE, generate as generate_segments, render as render_segments};
pub use since::{Since, Version};
pub use source::{SourceFile, read_dir as read_sources};
// The identifier rules the validator applies to wire and Rust names, for
// tools that write schema entries (`ncat-schema import`).
pub use naming::{is_keyword, is_snake_case};
pub use reserved::{RESERVED_CALL_METHODS, RESERVED_CLIENT_METHODS};
pub use ty::{BUILTIN_TYPES, IntType, TypeExpr};
pub use type_parser::TypeError;
