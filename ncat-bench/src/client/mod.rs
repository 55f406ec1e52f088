//! The clients being compared: ncat (typed calls and `call_raw`) and the
//! hand-written raw loops that set the baseline.

mod ncat;
mod raw_http;
mod raw_ws;

use std::future::Future;
use std::net::SocketAddr;
use std::time::Instant;

use tokio::task::JoinSet;

use crate::error::BoxError;

pub use ncat::{raw_call, typed_call};

/// How many completed calls a caller makes between looks at the clock.
const CALLS_PER_CLOCK_CHECK: u64 = 16;

/// Which client makes the calls.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Contender {
    /// The hand-written baseline: a tokio-tungstenite loop or a reqwest loop.
    Raw,
    /// `client.get_stranger_info(UserId::new(…))`.
    Typed,
    /// `client.call_raw("get_stranger_info", json!({…}))`.
    CallRaw,
}

impl Contender {
    /// Every contender, baseline first.
    pub const ALL: [Contender; 3] = [Contender::Raw, Contender::Typed, Contender::CallRaw];
}

/// Which protocol the calls use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Protocol {
    /// NapCat's WebSocket server: one connection, replies matched by `echo`.
    WebSocket,
    /// NapCat's HTTP server: one POST per call.
    Http,
}

/// A connected client, ready to make calls.
pub enum Driver {
    /// The raw WebSocket loop (boxed: it holds the whole socket).
    RawWs(Box<raw_ws::RawWs>),
    /// The raw reqwest loop.
    RawHttp(raw_http::RawHttp),
    /// ncat, over either protocol.
    Ncat(ncat::Ncat),
}

impl Driver {
    /// Connects `contender` to the server at `addr`.
    pub async fn connect(
        contender: Contender,
        protocol: Protocol,
        addr: SocketAddr,
    ) -> Result<Driver, BoxError> {
        Ok(match (contender, protocol) {
            (Contender::Raw, Protocol::WebSocket) => {
                Driver::RawWs(Box::new(raw_ws::RawWs::connect(addr).await?))
            }
            (Contender::Raw, Protocol::Http) => Driver::RawHttp(raw_http::RawHttp::new(addr)?),
            (Contender::Typed | Contender::CallRaw, _) => {
                Driver::Ncat(ncat::Ncat::new(contender, protocol, addr)?)
            }
        })
    }

    /// Makes calls with `in_flight` outstanding at a time until `until`,
    /// then waits for the outstanding ones; returns how many completed.
    pub async fn run(&mut self, in_flight: usize, until: Instant) -> Result<u64, BoxError> {
        match self {
            Driver::RawWs(raw) => raw.run(in_flight, until).await,
            Driver::RawHttp(raw) => raw.run(in_flight, until).await,
            Driver::Ncat(ncat) => ncat.run(in_flight, until).await,
        }
    }
}

/// `in_flight` tasks, each making one call after the other until `until`;
/// returns how many calls completed.
///
/// Tasks rather than a `FuturesUnordered`, so the driver adds no allocation
/// per call to the client's count.
async fn call_concurrently<F, Fut, E>(
    in_flight: usize,
    until: Instant,
    call: F,
) -> Result<u64, BoxError>
where
    F: Fn() -> Fut + Clone + Send + 'static,
    Fut: Future<Output = Result<(), E>> + Send,
    E: Into<BoxError>,
{
    let mut callers = JoinSet::new();
    for _ in 0..in_flight {
        let call = call.clone();
        callers.spawn(async move {
            let mut done = 0;
            loop {
                call().await.map_err(Into::into)?;
                done += 1;
                if done % CALLS_PER_CLOCK_CHECK == 0 && Instant::now() >= until {
                    return Ok::<u64, BoxError>(done);
                }
            }
        });
    }
    let mut done = 0;
    while let Some(caller) = callers.join_next().await {
        done += caller??;
    }
    Ok(done)
}
