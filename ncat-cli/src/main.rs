//! `ncat`: every NapCat action from the shell, with typed flags and docs
//! generated from ncat's schema, plus an event tail.
//!
//! ```text
//! ncat --url http://127.0.0.1:3000 call set_group_ban --group-id 1 --user-id 2 --duration 600
//! ncat raw get_status '{}'
//! NAPCAT_URL=ws://127.0.0.1:3001 ncat events --type message
//! ncat events --listen 127.0.0.1:8080 --secret s3cret
//! ncat actions ban
//! ncat completions bash
//! ```
//!
//! The exit status tells failures apart: see [`failure`].

mod actions;
mod cli;
mod connect;
mod events;
mod failure;
mod flag;
mod gateway;
mod list;
mod raw;
mod reply;

use std::process::ExitCode;

use clap::ArgMatches;

use crate::failure::Failure;
use crate::reply::Printer;

fn main() -> ExitCode {
    // Usage errors, `--help` and `--version` exit here, with clap's status 2 or 0.
    let matches = cli::command().get_matches();
    match run(&matches) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("ncat: {failure}");
            failure.exit_code()
        }
    }
}

fn run(matches: &ArgMatches) -> Result<(), Failure> {
    let printer = Printer::new(matches.get_flag("compact"));
    match matches.subcommand() {
        Some(("actions", sub)) => list::run(sub.get_one::<String>("word").map(String::as_str)),
        Some(("completions", sub)) => {
            let shell = sub
                .get_one::<clap_complete::Shell>("shell")
                .copied()
                .ok_or_else(|| Failure::Usage("no shell given".into()))?;
            clap_complete::generate(shell, &mut cli::command(), "ncat", &mut std::io::stdout());
            Ok(())
        }
        Some(("call", sub)) => {
            let (action, flags) = sub
                .subcommand()
                .ok_or_else(|| Failure::Usage("no action given".into()))?;
            block_on(async {
                let client = connect::client(matches)?;
                let reply = actions::call(&client, action, flags).await?;
                printer.print_reply(reply).await
            })
        }
        Some(("raw", sub)) => {
            let action = sub
                .get_one::<String>("action")
                .ok_or_else(|| Failure::Usage("no action given".into()))?;
            let params = sub.get_one::<String>("params").map(String::as_str);
            block_on(async {
                let client = connect::client(matches)?;
                raw::run(&client, action, params, printer).await
            })
        }
        Some(("events", sub)) => {
            let kinds: Vec<events::Kind> = sub
                .get_many::<String>("type")
                .into_iter()
                .flatten()
                .filter_map(|flag| events::Kind::from_flag(flag))
                .collect();
            let json = sub.get_flag("json");
            if let Some(addr) = sub.get_one::<String>("listen") {
                let secret = sub.get_one::<String>("secret").map(String::as_str);
                return block_on(events::run_post(matches, addr, secret, &kinds, json));
            }
            if let Some(addr) = sub.get_one::<String>("reverse") {
                return block_on(events::run_reverse(matches, addr, &kinds, json));
            }
            block_on(async {
                let client = connect::events_client(matches)?;
                events::run(&client, &kinds, json).await
            })
        }
        Some(("gateway", sub)) => {
            log_to_stderr();
            tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()
                .map_err(|error| {
                    Failure::Other(format!("cannot start the async runtime: {error}"))
                })?
                .block_on(gateway::run(matches, sub))
        }
        _ => Err(Failure::Usage("no command given; see `ncat --help`".into())),
    }
}

/// Logs to stderr, filtered by `RUST_LOG` (default `info`): the gateway
/// is a service, and its log is how it is watched.
fn log_to_stderr() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}

/// Runs `task` on a single-threaded Tokio runtime: one command, one
/// connection, no need for more threads.
fn block_on(task: impl Future<Output = Result<(), Failure>>) -> Result<(), Failure> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|error| Failure::Other(format!("cannot start the async runtime: {error}")))?
        .block_on(task)
}
