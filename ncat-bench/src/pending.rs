//! Memory per pending call: many calls in flight to a server that reads
//! every request and never answers.

use std::future::Future;
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use futures_util::stream::FuturesUnordered;
use ncat_api::Client;

use crate::alloc;
use crate::error::BoxError;
use crate::server::Servers;

/// How long the silent server may take to read every request.
const SETTLE_TIMEOUT: Duration = Duration::from_secs(20);

/// Bytes the client thread holds per pending call, with `calls` calls made
/// by `call` in flight. Counts everything the calls keep alive: each call's
/// future (as a `FuturesUnordered` holds it), its entry in ncat's pending
/// table, timers and buffers. Must run on the thread that counts
/// allocations.
pub async fn bytes_per_pending_call<Fut: Future>(
    servers: &Servers,
    calls: u64,
    call: impl Fn(&Client) -> Fut,
) -> Result<f64, BoxError> {
    let client = Client::builder()
        .url(format!("ws://{}", servers.ws_silent))
        .build()?;
    let mut pending = FuturesUnordered::new();
    // One call first: the baseline then includes the open connection.
    let already_read = servers.received_silently();
    pending.push(call(&client));
    settle(servers, &mut pending, already_read + 1).await?;
    let before = alloc::stats().live_bytes;
    for _ in 0..calls {
        pending.push(call(&client));
    }
    settle(servers, &mut pending, already_read + 1 + calls).await?;
    let after = alloc::stats().live_bytes;
    Ok((after - before) as f64 / calls as f64)
}

/// Polls the calls until the server has read `received` requests in all.
async fn settle<Fut: Future>(
    servers: &Servers,
    pending: &mut FuturesUnordered<Fut>,
    received: u64,
) -> Result<(), BoxError> {
    let deadline = Instant::now() + SETTLE_TIMEOUT;
    while servers.received_silently() < received {
        if Instant::now() >= deadline {
            return Err("the silent server did not receive every request in time".into());
        }
        tokio::select! {
            _ = pending.next() => return Err("a call to the silent server completed".into()),
            () = tokio::time::sleep(Duration::from_millis(1)) => {}
        }
    }
    Ok(())
}
