//! The `ncat call` subcommands, generated from `schema/` by the same
//! generator as `ncat-api`'s methods: `commands()` and `call(…)`.

ncat_codegen::generate_cli!("../schema");
