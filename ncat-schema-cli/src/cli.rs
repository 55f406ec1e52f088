//! The command line: arguments, dispatch and exit statuses.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::builder::PossibleValuesParser;
use clap::{Parser, Subcommand, ValueEnum};
use ncat_schema::model::Schema;

use crate::category::CATEGORIES;
use crate::check::{Checked, check};
use crate::extension::{Extends, keep_own};
use crate::import::apply::{ApplyError, apply};
use crate::import::{Selection, plan, yaml};
use crate::openapi::Document;
use crate::report::{self, Sources};
use crate::{diff, locate};

/// Check ncat's YAML schema, compare it with NapCat's OpenAPI export, and
/// import the actions it lacks.
#[derive(Debug, Parser)]
#[command(name = "ncat-schema", version)]
pub struct Cli {
    /// The schema directory [default: `schema/` in the current directory or
    /// the nearest parent that has one]
    #[arg(long, global = true, value_name = "DIR")]
    schema: Option<PathBuf>,

    /// The schema that `--schema DIR` extends, when DIR is a bot's own
    /// extension (`ncat_api::extend!`): ncat-api's `schema/`. Checks DIR
    /// against it; `diff` then reports only DIR's actions and NapCat's new
    /// ones, and `import` writes to DIR what neither has
    #[arg(long, global = true, value_name = "BASE", requires = "schema")]
    extends: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Load and validate the schema; report every problem as `file:line:col`,
    /// exactly as the `generate!` macro would. Exit status 0 = no problems,
    /// 1 = problems, 2 = the schema directory cannot be found.
    Check,
    /// Compare the schema with a NapCat OpenAPI export. Exit status 0 = in
    /// sync, 1 = drift, 2 = error (unreadable input, schema problems).
    Diff {
        /// NapCat's OpenAPI export (JSON)
        #[arg(long, value_name = "FILE")]
        openapi: PathBuf,
        /// Output format
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Append schema entries for actions NapCat has and the schema lacks,
    /// each under a `# TODO review` marker. Nothing is written unless the
    /// whole schema still loads.
    Import {
        /// NapCat's OpenAPI export (JSON)
        #[arg(long, value_name = "FILE")]
        openapi: PathBuf,
        /// Actions to import; `ACTION=CATEGORY` files one under CATEGORY
        #[arg(
            value_name = "ACTION[=CATEGORY]",
            required_unless_present = "all_new",
            conflicts_with = "all_new"
        )]
        actions: Vec<String>,
        /// Import every action NapCat has and the schema lacks
        #[arg(long)]
        all_new: bool,
        /// The category for actions whose category neither NapCat's tags nor
        /// the action's name tell
        #[arg(long, value_name = "CATEGORY", value_parser = PossibleValuesParser::new(CATEGORIES))]
        category: Option<String>,
        /// Print the entries instead of writing them
        #[arg(long)]
        dry_run: bool,
    },
}

/// How `diff` prints its report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// For people: grouped, sorted, one line per difference
    Text,
    /// For scripts: the report as one JSON object
    Json,
}

/// The exit statuses.
const OK: u8 = 0;
const FOUND: u8 = 1;
const ERROR: u8 = 2;

/// Runs the command and returns the exit status.
pub fn run(cli: Cli) -> ExitCode {
    let dir = match cli.schema.map_or_else(locate::schema_dir, Ok) {
        Ok(dir) => dir,
        Err(message) => return fail(&message),
    };
    let extends = match cli.extends.as_deref().map(Extends::load).transpose() {
        Ok(extends) => extends,
        Err(diagnostics) => {
            eprintln!("{diagnostics}\n");
            return fail("the schema given to `--extends` has problems");
        }
    };
    let extends = extends.as_ref();
    let status = match cli.command {
        Command::Check => run_check(&dir, extends),
        Command::Diff { openapi, format } => run_diff(&dir, extends, &openapi, format),
        Command::Import {
            openapi,
            actions,
            all_new,
            category,
            dry_run,
        } => {
            let selection = if all_new {
                Selection::AllNew
            } else {
                Selection::named(&actions)
            };
            let options = ImportOptions {
                selection: &selection,
                category: category.as_deref(),
                dry_run,
            };
            run_import(&dir, extends, &openapi, &options)
        }
    };
    ExitCode::from(status)
}

fn fail(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(ERROR)
}

fn run_check(dir: &Path, extends: Option<&Extends>) -> u8 {
    if !dir.is_dir() {
        eprintln!("error: {}: no such schema directory", dir.display());
        return ERROR;
    }
    match check(dir, extends.map(|extends| &extends.base)) {
        Checked::Clean(summary) => {
            println!("{summary}");
            OK
        }
        Checked::Problems(report, count) => {
            eprintln!("{report}\n");
            eprintln!(
                "error: {count} problem{} in {}",
                if count == 1 { "" } else { "s" },
                dir.display()
            );
            FOUND
        }
    }
}

/// The schema as the macro sees it (an extension together with its base),
/// the extension alone, and the export; or the status after reporting why
/// not.
fn inputs(
    dir: &Path,
    extends: Option<&Extends>,
    openapi: &Path,
) -> Result<(Schema, Option<Schema>, Document), u8> {
    let loaded = match extends {
        Some(extends) => extends
            .load_extension(dir)
            .map(|(own, merged)| (merged, Some(own))),
        None => ncat_schema::load_dir(dir).map(|schema| (schema, None)),
    };
    let (schema, own) = loaded.map_err(|diagnostics| {
        eprintln!("{diagnostics}\n");
        eprintln!("error: the schema has problems; fix them first (`ncat-schema check`)");
        ERROR
    })?;
    let text = std::fs::read_to_string(openapi).map_err(|error| {
        eprintln!("error: cannot read {}: {error}", openapi.display());
        ERROR
    })?;
    let document = Document::parse(&text).map_err(|error| {
        eprintln!("error: {}: {error}", openapi.display());
        ERROR
    })?;
    Ok((schema, own, document))
}

fn run_diff(dir: &Path, extends: Option<&Extends>, openapi: &Path, format: Format) -> u8 {
    let (schema, own, document) = match inputs(dir, extends, openapi) {
        Ok(inputs) => inputs,
        Err(status) => return status,
    };
    let mut drift = diff::diff(&schema, &document);
    if let Some(own) = &own {
        keep_own(&mut drift, own);
    }
    let sources = Sources {
        schema: dir,
        openapi,
    };
    let rendered = match format {
        Format::Text => Ok(report::text(&drift, &sources)),
        Format::Json => report::json(&drift, &sources),
    };
    match rendered {
        Ok(text) => print!("{text}"),
        Err(error) => {
            eprintln!("error: cannot render the report: {error}");
            return ERROR;
        }
    }
    if drift.in_sync() { OK } else { FOUND }
}

/// What to import, and whether to write it.
struct ImportOptions<'a> {
    selection: &'a Selection,
    category: Option<&'a str>,
    dry_run: bool,
}

fn run_import(
    dir: &Path,
    extends: Option<&Extends>,
    openapi: &Path,
    options: &ImportOptions<'_>,
) -> u8 {
    let ImportOptions {
        selection,
        category,
        dry_run,
    } = *options;
    let (schema, _, document) = match inputs(dir, extends, openapi) {
        Ok(inputs) => inputs,
        Err(status) => return status,
    };
    let actions = match plan(&schema, &document, selection, category) {
        Ok(actions) => actions,
        Err(problems) => {
            for problem in problems {
                eprintln!("error: {problem}");
            }
            return ERROR;
        }
    };
    if actions.is_empty() {
        println!(
            "nothing to import: the schema has every action of NapCat {}",
            document.version
        );
        return OK;
    }
    let entries: Vec<(String, String)> = actions
        .iter()
        .map(|action| {
            (
                action.category.clone(),
                yaml::entry(action, &document.version),
            )
        })
        .collect();
    match apply(dir, &entries, extends.map(|extends| &extends.base), dry_run) {
        Ok(additions) => {
            for addition in &additions {
                if dry_run {
                    println!("# {}: {} entries", addition.path.display(), addition.count);
                    let appended = entries
                        .iter()
                        .filter(|(category, _)| {
                            addition
                                .path
                                .file_stem()
                                .is_some_and(|stem| stem == category.as_str())
                        })
                        .map(|(_, text)| text.as_str())
                        .collect::<Vec<_>>()
                        .join("\n");
                    println!("{appended}");
                } else {
                    println!(
                        "{}: appended {} entries",
                        addition.path.display(),
                        addition.count
                    );
                }
            }
            if !dry_run {
                println!("review every `# TODO review` entry, then `cargo build -p ncat-api`");
            }
            OK
        }
        Err(ApplyError::Io(message)) => {
            eprintln!("error: {message}");
            ERROR
        }
        Err(ApplyError::Invalid(diagnostics)) => {
            eprintln!("{diagnostics}\n");
            eprintln!(
                "error: the imported entries would not load (a bug in `ncat-schema import`); nothing was written"
            );
            ERROR
        }
    }
}
