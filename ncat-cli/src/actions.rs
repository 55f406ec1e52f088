//! The `ncat call` subcommands, generated from `schema/` by the same
//! generator as `ncat-api`'s methods: `commands()` and `call(…)`.
//!
//! `ncat-cli/schema` is a symlink to the workspace's `schema/`, so the
//! packaged crate carries the schema it is built from.

ncat_codegen::generate_cli!("schema");
