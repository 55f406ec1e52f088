//! The call-throughput scenarios: protocol, server behaviour, calls in flight.

use std::net::SocketAddr;

use crate::client::Protocol;
use crate::server::Endpoints;

/// Which server answers.
#[derive(Clone, Copy, Debug)]
pub enum Server {
    /// WebSocket, flushing once per batch of replies.
    WsBatched,
    /// WebSocket, flushing after every reply.
    WsEveryReply,
    /// HTTP.
    Http,
}

/// One row of the table.
#[derive(Clone, Copy, Debug)]
pub struct Scenario {
    /// The row's label.
    pub name: &'static str,
    /// Which server answers.
    pub server: Server,
    /// Calls outstanding at any time.
    pub in_flight: usize,
}

impl Scenario {
    /// Every scenario, in table order.
    pub const ALL: [Scenario; 6] = [
        Scenario::new("WS, batching server, 1 in flight", Server::WsBatched, 1),
        Scenario::new("WS, batching server, 64 in flight", Server::WsBatched, 64),
        Scenario::new(
            "WS, flush-per-reply server, 1 in flight",
            Server::WsEveryReply,
            1,
        ),
        Scenario::new(
            "WS, flush-per-reply server, 64 in flight",
            Server::WsEveryReply,
            64,
        ),
        Scenario::new("HTTP, 1 in flight", Server::Http, 1),
        Scenario::new("HTTP, 64 in flight", Server::Http, 64),
    ];

    const fn new(name: &'static str, server: Server, in_flight: usize) -> Scenario {
        Scenario {
            name,
            server,
            in_flight,
        }
    }

    /// The protocol the calls use.
    pub fn protocol(&self) -> Protocol {
        match self.server {
            Server::WsBatched | Server::WsEveryReply => Protocol::WebSocket,
            Server::Http => Protocol::Http,
        }
    }

    /// Where the calls go.
    pub fn addr(&self, endpoints: &Endpoints) -> SocketAddr {
        match self.server {
            Server::WsBatched => endpoints.ws_batched,
            Server::WsEveryReply => endpoints.ws_every_reply,
            Server::Http => endpoints.http,
        }
    }
}
