//! The client, from `--url`/`--token`/`--timeout` or `NAPCAT_URL`/`NAPCAT_TOKEN`.

use std::time::Duration;

use clap::ArgMatches;
use ncat_api::{Client, ClientBuilder};

use crate::failure::Failure;

/// The client the top-level options describe. Must run inside the Tokio
/// runtime: a WebSocket client starts connecting at once.
pub fn client(matches: &ArgMatches) -> Result<Client, Failure> {
    Ok(builder(matches)?.build()?)
}

/// The client for `ncat events`: as [`client`], with an `http://` URL
/// reading NapCat's SSE event stream.
pub fn events_client(matches: &ArgMatches) -> Result<Client, Failure> {
    Ok(builder(matches)?.sse_events(true).build()?)
}

fn builder(matches: &ArgMatches) -> Result<ClientBuilder, Failure> {
    let url = url(matches)?;
    let mut builder = Client::builder().url(url);
    if let Some(token) = token(matches) {
        builder = builder.token(token);
    }
    if let Some(timeout) = timeout(matches) {
        builder = builder.timeout(timeout);
    }
    Ok(builder)
}

/// `--token` / `NAPCAT_TOKEN`.
pub fn token(matches: &ArgMatches) -> Option<&str> {
    matches.get_one::<String>("token").map(String::as_str)
}

/// `--timeout`.
pub fn timeout(matches: &ArgMatches) -> Option<Duration> {
    matches
        .get_one::<u64>("timeout")
        .map(|seconds| Duration::from_secs(*seconds))
}

/// The URL, which every command that talks to NapCat needs.
pub fn url(matches: &ArgMatches) -> Result<&str, Failure> {
    matches
        .get_one::<String>("url")
        .map(String::as_str)
        .ok_or_else(|| Failure::Usage("no NapCat URL: pass --url or set NAPCAT_URL".into()))
}
