//! A forward WebSocket's address: a `ws://` or `wss://` URL read with
//! `http::Uri`, which tungstenite already brings.
//!
//! The `url` crate would also do, but it brings IDNA and its Unicode tables
//! (about 25 crates) into every WebSocket-only build; a NapCat address is a
//! host, a port and a path, and hosts are ASCII names or IP addresses.

use std::net::IpAddr;

use tokio_tungstenite::tungstenite::http::Uri;

use crate::error::Error;

/// The host to dial: a name to resolve, or an IP address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Host {
    /// A DNS name (or anything else that is not an IP address).
    Domain(String),
    /// An IPv4 or IPv6 address (`[…]` in the URL).
    Ip(IpAddr),
}

/// A checked `ws://` or `wss://` URL, in the pieces the dialer uses.
#[derive(Clone)]
pub(crate) struct Address {
    /// `wss://`.
    secure: bool,
    host: Host,
    port: u16,
    /// The `Host` header: host and port as the URL has them, without
    /// credentials.
    authority: String,
    /// The request target: path and query (which may hold `access_token`).
    target: String,
}

impl Address {
    /// Reads `url`; a URL that is not `ws://` or `wss://` with a host is a
    /// configuration error. The error never echoes the input, which may
    /// hold `?access_token=`.
    pub(crate) fn parse(url: &str) -> Result<Self, Error> {
        let uri: Uri = url.parse().map_err(|source| {
            Error::config_caused_by("the NapCat URL is not a valid URL", source)
        })?;
        let secure = match uri.scheme_str() {
            Some(scheme) if scheme.eq_ignore_ascii_case("ws") => false,
            Some(scheme) if scheme.eq_ignore_ascii_case("wss") => true,
            _ => {
                return Err(Error::config(
                    "the WebSocket transport needs a ws:// or wss:// URL",
                ));
            }
        };
        let written_host = uri
            .host()
            .filter(|host| !host.is_empty())
            .ok_or_else(|| Error::config("the NapCat URL has no host"))?;
        let host = match written_host
            .strip_prefix('[')
            .and_then(|host| host.strip_suffix(']'))
            .unwrap_or(written_host)
            .parse::<IpAddr>()
        {
            Ok(ip) => Host::Ip(ip),
            Err(_) => Host::Domain(written_host.to_ascii_lowercase()),
        };
        // `Uri::port` reads a port that is no `u16` as none: read it here.
        let host_and_port = uri
            .authority()
            .map(|authority| authority.as_str())
            .map(|authority| {
                authority
                    .rsplit_once('@')
                    .map_or(authority, |(_, rest)| rest)
            })
            .unwrap_or(written_host);
        let written_port = host_and_port
            .strip_prefix(written_host)
            .and_then(|rest| rest.strip_prefix(':'))
            .filter(|port| !port.is_empty());
        let port = match written_port {
            Some(port) => port
                .parse()
                .map_err(|_| Error::config("the NapCat URL's port is not a port number"))?,
            None if secure => 443,
            None => 80,
        };
        let authority = match written_port {
            Some(port) => format!("{written_host}:{port}"),
            None => written_host.to_owned(),
        };
        let target = match uri.query() {
            Some(query) => format!("{}?{query}", uri.path()),
            None => uri.path().to_owned(),
        };
        Ok(Address {
            secure,
            host,
            port,
            authority,
            target,
        })
    }

    /// Whether this is a `wss://` URL.
    pub(crate) fn is_secure(&self) -> bool {
        self.secure
    }

    /// The host to dial.
    pub(crate) fn host(&self) -> &Host {
        &self.host
    }

    /// The port to dial: the URL's, or 80 (`ws://`) or 443 (`wss://`).
    pub(crate) fn port(&self) -> u16 {
        self.port
    }

    /// The `Host` header's value.
    pub(crate) fn authority(&self) -> &str {
        &self.authority
    }

    /// The request target: path, and query when there is one.
    pub(crate) fn target(&self) -> &str {
        &self.target
    }

    /// Whether the query names `key` (as in `?access_token=…`).
    pub(crate) fn query_has(&self, key: &str) -> bool {
        self.target.split_once('?').is_some_and(|(_, query)| {
            query
                .split('&')
                .any(|pair| pair.split_once('=').map_or(pair, |(name, _)| name) == key)
        })
    }

    /// The URL without credentials or query (which may hold `access_token`),
    /// for logs.
    pub(crate) fn redacted(&self) -> String {
        let scheme = if self.secure { "wss" } else { "ws" };
        let path = self
            .target
            .split_once('?')
            .map_or(&*self.target, |(path, _)| path);
        format!("{scheme}://{}{path}", self.authority)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    #[test]
    fn a_url_gives_what_the_handshake_sends() {
        let address = Address::parse("ws://user:pw@127.0.0.1:3001/api?access_token=t&x=1").unwrap();
        assert!(!address.is_secure());
        assert_eq!(address.host(), &Host::Ip("127.0.0.1".parse().unwrap()));
        assert_eq!(address.port(), 3001);
        assert_eq!(address.authority(), "127.0.0.1:3001");
        assert_eq!(address.target(), "/api?access_token=t&x=1");
        assert!(address.query_has("access_token"));
        assert!(!address.query_has("t"));
        assert_eq!(address.redacted(), "ws://127.0.0.1:3001/api");
    }

    #[test]
    fn default_ports_paths_and_hosts() {
        let address = Address::parse("WSS://NapCat.Example").unwrap();
        assert!(address.is_secure());
        assert_eq!(address.host(), &Host::Domain("napcat.example".to_owned()));
        assert_eq!(address.port(), 443);
        assert_eq!(address.authority(), "NapCat.Example");
        assert_eq!(address.target(), "/");
        assert!(!address.query_has("access_token"));

        let address = Address::parse("ws://[::1]/?access_token").unwrap();
        assert_eq!(address.host(), &Host::Ip("::1".parse().unwrap()));
        assert_eq!(address.port(), 80);
        assert_eq!(address.authority(), "[::1]");
        assert!(address.query_has("access_token"));
        assert_eq!(address.redacted(), "ws://[::1]/");
    }

    #[test]
    fn anything_but_a_websocket_url_with_a_host_is_refused() {
        for url in [
            "http://127.0.0.1:3001",
            "127.0.0.1:3001",
            "",
            "mailto:a@b",
            "ws://",
            "ws:///path",
            "ws://host:99999",
        ] {
            let error = Address::parse(url)
                .err()
                .unwrap_or_else(|| panic!("{url:?} accepted"));
            assert!(matches!(error, Error::Config { .. }), "{url:?}: {error:?}");
        }
    }
}
