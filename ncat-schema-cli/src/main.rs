//! `ncat-schema`: check ncat's YAML schema, diff it against NapCat's OpenAPI
//! export, import the actions it lacks. All of it lives in the
//! `ncat_schema_cli` library.

fn main() -> std::process::ExitCode {
    ncat_schema_cli::run()
}
