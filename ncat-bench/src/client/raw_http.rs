//! The HTTP baseline: plain reqwest, one POST per call.

use std::net::SocketAddr;
use std::time::Instant;

use reqwest::Url;
use reqwest::header::CONTENT_TYPE;
use serde::Deserialize;

use super::call_concurrently;
use crate::error::BoxError;
use crate::reply::{ACTION, PARAMS};

/// A reqwest client and the action's URL.
pub struct RawHttp {
    client: reqwest::Client,
    url: Url,
}

/// What the baseline reads of a reply. serde_json still checks the rest
/// (`data`) is valid JSON while skipping it.
#[derive(Deserialize)]
struct Reply {
    retcode: i64,
}

impl RawHttp {
    /// A client for the server at `addr`.
    pub fn new(addr: SocketAddr) -> Result<RawHttp, BoxError> {
        Ok(RawHttp {
            client: reqwest::Client::new(),
            url: Url::parse(&format!("http://{addr}/{ACTION}"))?,
        })
    }

    /// See [`Driver::run`](super::Driver::run).
    pub async fn run(&self, in_flight: usize, until: Instant) -> Result<u64, BoxError> {
        let (client, url) = (self.client.clone(), self.url.clone());
        call_concurrently(in_flight, until, move || call(client.clone(), url.clone())).await
    }
}

async fn call(client: reqwest::Client, url: Url) -> Result<(), BoxError> {
    let response = client
        .post(url)
        .header(CONTENT_TYPE, "application/json")
        .body(PARAMS)
        .send()
        .await?
        .error_for_status()?;
    let body = response.bytes().await?;
    let reply: Reply = serde_json::from_slice(&body)?;
    if reply.retcode != 0 {
        return Err(format!("retcode {}", reply.retcode).into());
    }
    Ok(())
}
