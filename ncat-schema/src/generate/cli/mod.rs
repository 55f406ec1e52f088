//! The generator's second output: the `ncat call` subcommands of the `ncat`
//! command-line tool (crate `ncat-cli`), one per action.
//!
//! The code expands inside `ncat-cli`. It names the client as `::ncat_api`
//! and the tool's hand-written runtime as `crate::flag` (value parsers and
//! reading parsed flags), `crate::reply` (sending a typed request, printing
//! its reply) and `crate::failure` (errors and exit codes). Requests go
//! through the same typed request structs as `ncat-api`'s methods, so the
//! tool sends exactly what the library sends.

mod command;
mod request;

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::Schema;

/// The `commands()` and `call(…)` functions of `ncat call`.
pub fn generate(schema: &Schema) -> TokenStream {
    let commands = schema
        .actions
        .iter()
        .map(|action| command::command(action, schema));
    let arms = schema.actions.iter().map(request::dispatch_arm);
    quote! {
        /// One subcommand per NapCat action, named by its wire name, with
        /// its Rust name and aliases as aliases and one flag per parameter.
        ///
        /// Generated from the category files in `schema/`.
        pub fn commands() -> ::std::vec::Vec<::clap::Command> {
            ::std::vec![#(#commands),*]
        }

        /// Sends `action` (a wire name from [`commands`]) with the flags
        /// parsed into `matches`, as the typed request `ncat-api` sends,
        /// and returns the typed reply.
        pub async fn call(
            client: &::ncat_api::Client,
            action: &str,
            matches: &::clap::ArgMatches,
        ) -> ::std::result::Result<crate::reply::Reply, crate::failure::Failure> {
            match action {
                #(#arms)*
                _ => ::std::result::Result::Err(crate::failure::Failure::unknown_action(action)),
            }
        }
    }
}
