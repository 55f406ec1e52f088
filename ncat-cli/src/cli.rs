//! The command line: global connection options and the subcommands.

use clap::{Arg, ArgAction, Command, value_parser};

/// The whole `ncat` command.
pub fn command() -> Command {
    Command::new("ncat")
        .version(env!("CARGO_PKG_VERSION"))
        .about("Call any NapCat action from the shell, typed and documented; watch its events")
        .after_help(EXIT_STATUS)
        .subcommand_required(true)
        .arg_required_else_help(true)
        .arg(
            Arg::new("url")
                .long("url")
                .env("NAPCAT_URL")
                // A URL may carry `?access_token=`.
                .hide_env_values(true)
                .value_name("URL")
                .help("NapCat's HTTP server (http://127.0.0.1:3000) or WebSocket server (ws://127.0.0.1:3001)"),
        )
        .arg(
            Arg::new("token")
                .long("token")
                .env("NAPCAT_TOKEN")
                // Never show the token, not even in `--help`.
                .hide_env_values(true)
                .value_name("TOKEN")
                .help("NapCat's access token"),
        )
        .arg(
            Arg::new("timeout")
                .long("timeout")
                .value_name("SECONDS")
                .value_parser(value_parser!(u64).range(1..))
                .help("Per-call timeout [default: 30]"),
        )
        .arg(
            Arg::new("compact")
                .long("compact")
                .global(true)
                .action(ArgAction::SetTrue)
                .help("Print JSON on one line (the default when not on a terminal)"),
        )
        .subcommand(
            Command::new("call")
                .about("Call an action with typed flags; prints its typed reply as JSON")
                .long_about(
                    "Call an action with typed flags; prints its typed reply as JSON.\n\n\
                     One subcommand per NapCat action in ncat's schema, by wire name (also by \
                     its Rust name and aliases). `ncat call ACTION --help` shows its parameters \
                     and docs; `ncat actions WORD` searches them.",
                )
                .subcommand_required(true)
                .subcommand_value_name("ACTION")
                .subcommands(crate::actions::commands()),
        )
        .subcommand(
            Command::new("raw")
                .about("Call any action by name with JSON parameters; prints the reply's data")
                .arg(Arg::new("action").required(true).help("The wire name, e.g. get_status"))
                .arg(
                    Arg::new("params")
                        .value_name("JSON")
                        .help("Parameters as a JSON object; `-` or none reads standard input (none on a terminal means `{}`)"),
                ),
        )
        .subcommand(
            Command::new("events")
                .about("Print NapCat's events, one per line, until interrupted, from any mode")
                .long_about(
                    "Print NapCat's events, one per line, until interrupted.\n\n\
                     Every NapCat network mode works: a ws:// URL (websocketServers), an http:// \
                     URL (httpSseServers: events from GET /_events), --reverse ADDR \
                     (websocketClients: NapCat connects to ncat) or --listen ADDR \
                     (httpClients: NapCat posts each event to ncat; --secret checks its signature).",
                )
                .arg(
                    Arg::new("listen")
                        .long("listen")
                        .value_name("ADDR")
                        .conflicts_with("reverse")
                        .help("Receive NapCat's HTTP POSTs on ADDR, e.g. 127.0.0.1:8080 (httpClients)"),
                )
                .arg(
                    Arg::new("secret")
                        .long("secret")
                        .env("NAPCAT_POST_SECRET")
                        .hide_env_values(true)
                        .value_name("SECRET")
                        .requires("listen")
                        .help("With --listen: the token of NapCat's httpClients entry, to check each post's signature"),
                )
                .arg(
                    Arg::new("reverse")
                        .long("reverse")
                        .value_name("ADDR")
                        .help("Accept NapCat's reverse WebSocket on ADDR, e.g. 127.0.0.1:8082 (websocketClients; --token checks it)"),
                )
                .arg(
                    Arg::new("type")
                        .long("type")
                        .value_name("TYPE")
                        .value_parser(["message", "notice", "request", "meta"])
                        .action(ArgAction::Append)
                        .help("Only events of this type (repeatable); `message` includes the bot's own"),
                )
                .arg(
                    Arg::new("json")
                        .long("json")
                        .action(ArgAction::SetTrue)
                        .help("Print each event as NapCat sent it, one JSON object per line"),
                ),
        )
        .subcommand(gateway())
        .subcommand(
            Command::new("actions")
                .about("List the actions, or those whose name or summary contains WORD")
                .arg(Arg::new("word").value_name("WORD")),
        )
        .subcommand(
            Command::new("completions")
                .about("Print a shell completion script")
                .arg(
                    Arg::new("shell")
                        .required(true)
                        .value_parser(value_parser!(clap_complete::Shell)),
                ),
        )
}

/// `ncat gateway`: its flags; `--url`, `--token` and `--timeout` apply
/// to the NapCat connections.
fn gateway() -> Command {
    let flag = |name: &'static str, value: &'static str, help: &'static str| {
        Arg::new(name).long(name).value_name(value).help(help)
    };
    Command::new("gateway")
        .about("Put NapCat accounts on NATS: publish their events, serve calls from workers (until interrupted)")
        .long_about(
            "Put NapCat accounts on NATS until interrupted: every event is published to \
             <prefix>.<self_id>.event.<post_type>.<detail> as NapCat sent it, and requests on \
             <prefix>.<self_id>.call go to that account's NapCat. Workers use the `ncat-nats` \
             crate. NapCat connections: --forward (NapCat's WebSocket servers; also --url) \
             and/or --reverse (NapCat dials in), all with --token. Logs go to stderr \
             (RUST_LOG, default info).",
        )
        .arg(
            flag("nats", "URLS", "NATS server(s), comma-separated [default: nats://127.0.0.1:4222]")
                .env("NATS_URL")
                .hide_env_values(true),
        )
        .arg(flag("prefix", "PREFIX", "Subject prefix [default: napcat]"))
        .arg(
            flag("forward", "URL", "A NapCat WebSocket server to connect to (ws://…, repeatable)")
                .action(ArgAction::Append),
        )
        .arg(flag("reverse", "ADDR", "Listen for NapCat's reverse WebSocket on ADDR (e.g. 0.0.0.0:8082)"))
        .arg(
            flag("max-request-size", "BYTES", "Largest call request passed to NapCat [default: 1048576]")
                .value_parser(value_parser!(usize)),
        )
        .arg(
            Arg::new("jetstream")
                .long("jetstream")
                .action(ArgAction::SetTrue)
                .help("Create the JetStream stream NCAT_EVENTS keeping the events (for durable workers)"),
        )
        .arg(flag("nats-user", "USER", "NATS user name").env("NATS_USER"))
        .arg(
            flag("nats-password", "PASSWORD", "NATS password")
                .env("NATS_PASSWORD")
                .hide_env_values(true),
        )
        .arg(
            flag("nats-token", "TOKEN", "NATS token")
                .env("NATS_TOKEN")
                .hide_env_values(true),
        )
        .arg(flag("nats-creds", "FILE", "NATS credentials file (user JWT and NKey seed)").env("NATS_CREDS"))
        .arg(
            flag("nats-nkey", "SEED", "NATS NKey seed (SU…); the server is sent only its signature of a nonce")
                .env("NATS_NKEY")
                .hide_env_values(true),
        )
        .arg(flag("nats-ca", "FILE", "PEM certificate authority for NATS' TLS (requires TLS)"))
        .arg(flag("nats-cert", "FILE", "PEM client certificate for NATS' mutual TLS"))
        .arg(flag("nats-key", "FILE", "PEM key of --nats-cert"))
}

const EXIT_STATUS: &str = "\
Exit status: 0 success, 1 a reply ncat cannot read, 2 usage error, 3 the action failed, \
4 unauthorized (wrong token), 5 NapCat unreachable or timed out.";
