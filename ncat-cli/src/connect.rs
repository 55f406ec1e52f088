//! The client, from `--url`/`--token`/`--timeout` or `NAPCAT_URL`/`NAPCAT_TOKEN`.

use std::time::Duration;

use clap::ArgMatches;
use ncat_api::Client;

use crate::failure::Failure;

/// The client the top-level options describe. Must run inside the Tokio
/// runtime: a WebSocket client starts connecting at once.
pub fn client(matches: &ArgMatches) -> Result<Client, Failure> {
    let url = url(matches)?;
    let mut builder = Client::builder().url(url);
    if let Some(token) = matches.get_one::<String>("token") {
        builder = builder.token(token);
    }
    if let Some(seconds) = matches.get_one::<u64>("timeout") {
        builder = builder.timeout(Duration::from_secs(*seconds));
    }
    Ok(builder.build()?)
}

/// The URL, which every command that talks to NapCat needs.
pub fn url(matches: &ArgMatches) -> Result<&str, Failure> {
    matches
        .get_one::<String>("url")
        .map(String::as_str)
        .ok_or_else(|| Failure::Usage("no NapCat URL: pass --url or set NAPCAT_URL".into()))
}
