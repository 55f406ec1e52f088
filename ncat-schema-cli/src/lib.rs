//! The `ncat-schema` tool of the ncat workspace:
//!
//! - `check` loads `schema/` with the loader the `generate!` macro uses and
//!   reports every problem as `file:line:col`;
//! - `diff --openapi FILE` compares the schema with a NapCat OpenAPI export;
//! - `import --openapi FILE ACTION…` (or `--all-new`) writes schema entries
//!   for actions NapCat has and the schema lacks.
//!
//! With `--extends BASE`, the schema directory is a bot's own extension of
//! ncat-api's schema in `BASE` (`ncat_api::extend!`).
//!
//! The binary calls [`run`]; the modules are private to the tool. See
//! "Tracking a new NapCat release" in the workspace README.

mod category;
mod check;
mod cli;
mod diff;
mod drift;
mod extension;
mod import;
mod locate;
mod mapping;
mod names;
mod openapi;
mod report;

/// Parses the command line, runs the command and returns its exit status:
/// 0 = fine (no problems, in sync, imported), 1 = findings (schema problems,
/// drift), 2 = error.
pub fn run() -> std::process::ExitCode {
    use clap::Parser;
    cli::run(cli::Cli::parse())
}
