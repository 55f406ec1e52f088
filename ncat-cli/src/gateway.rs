//! `ncat gateway`: NapCat accounts on NATS (crate `ncat-nats`), until
//! interrupted.

use std::time::Duration;

use clap::ArgMatches;
use ncat_api::Client;
use ncat_api::reverse::ReverseServer;
use ncat_nats::{EventStreamOptions, Gateway, NatsOptions, Prefix};

use crate::failure::Failure;

/// Connects to NATS, starts the gateway with every `--forward` URL (and
/// `--url`) and the `--reverse` server, and serves until Ctrl-C.
pub async fn run(matches: &ArgMatches, sub: &ArgMatches) -> Result<(), Failure> {
    let prefix = Prefix::new(string(sub, "prefix").unwrap_or(ncat_nats::DEFAULT_PREFIX))
        .map_err(|error| Failure::Usage(error.to_string()))?;
    let nats = nats_options(sub)?
        .name("ncat-gateway")
        .connect()
        .await
        .map_err(|error| Failure::Unreachable(format!("{error}: {}", source_chain(&error))))?;
    if sub.get_flag("jetstream") {
        let jetstream = ncat_nats::async_nats::jetstream::new(nats.clone());
        ncat_nats::ensure_event_stream(&jetstream, &prefix, &EventStreamOptions::default())
            .await
            .map_err(|error| Failure::Unreachable(format!("{error}: {}", source_chain(&error))))?;
    }
    let mut builder = Gateway::builder(nats).prefix(prefix);
    if let Some(bytes) = sub.get_one::<usize>("max-request-size") {
        builder = builder.max_request_size(*bytes);
    }
    let gateway = builder
        .start()
        .await
        .map_err(|error| Failure::Unreachable(format!("{error}: {}", source_chain(&error))))?;

    let token = matches.get_one::<String>("token");
    let forwards = matches
        .get_one::<String>("url")
        .into_iter()
        .chain(sub.get_many::<String>("forward").into_iter().flatten());
    let mut served = 0;
    for url in forwards {
        // Backpressure: a burst NATS takes slowly waits in NapCat rather
        // than being dropped.
        let mut client = Client::builder()
            .url(url)
            .event_buffer(Gateway::EVENT_BUFFER);
        if let Some(token) = token {
            client = client.token(token);
        }
        if let Some(seconds) = matches.get_one::<u64>("timeout") {
            client = client.timeout(Duration::from_secs(*seconds));
        }
        gateway.add_client(client.build()?);
        served += 1;
    }
    if let Some(addr) = string(sub, "reverse") {
        let mut server = ReverseServer::builder().event_buffer(Gateway::EVENT_BUFFER);
        if let Some(token) = token {
            server = server.token(token);
        }
        let server = server
            .bind(addr)
            .await
            .map_err(|error| Failure::Usage(format!("cannot listen on {addr}: {error}")))?;
        tracing::info!(addr = %server.local_addr(), "waiting for NapCat on the reverse WebSocket server");
        gateway.add_reverse_server(server);
        served += 1;
    }
    if served == 0 {
        return Err(Failure::Usage(
            "no NapCat to serve: give --forward URL (or --url) and/or --reverse ADDR".into(),
        ));
    }
    tokio::signal::ctrl_c()
        .await
        .map_err(|error| Failure::Other(format!("cannot wait for Ctrl-C: {error}")))?;
    tracing::info!("stopping");
    gateway.shutdown().await;
    Ok(())
}

fn string<'a>(matches: &'a ArgMatches, name: &str) -> Option<&'a str> {
    matches.get_one::<String>(name).map(String::as_str)
}

/// The NATS connection options from the `--nats…` flags.
fn nats_options(sub: &ArgMatches) -> Result<NatsOptions, Failure> {
    let urls = string(sub, "nats").unwrap_or("nats://127.0.0.1:4222");
    let mut options = NatsOptions::new(urls).map_err(|error| Failure::Usage(error.to_string()))?;
    match (string(sub, "nats-user"), string(sub, "nats-password")) {
        (Some(user), Some(password)) => options = options.user_and_password(user, password),
        (None, None) => {}
        _ => {
            return Err(Failure::Usage(
                "--nats-user and --nats-password go together".into(),
            ));
        }
    }
    if let Some(token) = string(sub, "nats-token") {
        options = options.token(token);
    }
    if let Some(seed) = string(sub, "nats-nkey") {
        options = options.nkey(seed);
    }
    if let Some(path) = string(sub, "nats-creds") {
        options = options.credentials_file(path);
    }
    if let Some(path) = string(sub, "nats-ca") {
        options = options.root_certificate(path).require_tls(true);
    }
    match (string(sub, "nats-cert"), string(sub, "nats-key")) {
        (Some(cert), Some(key)) => {
            options = options.client_certificate(cert, key).require_tls(true)
        }
        (None, None) => {}
        _ => {
            return Err(Failure::Usage(
                "--nats-cert and --nats-key go together".into(),
            ));
        }
    }
    Ok(options)
}

/// The causes of an error, for a message that says why NATS refused.
fn source_chain(error: &dyn std::error::Error) -> String {
    let mut causes = Vec::new();
    let mut source = error.source();
    while let Some(cause) = source {
        causes.push(cause.to_string());
        source = cause.source();
    }
    causes.join(": ")
}
