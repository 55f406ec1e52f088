//! NapCat's HTTP API: one `POST {base}/{action}` per call.

use std::borrow::Cow;
use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};

use reqwest::header::{
    ACCEPT, AUTHORIZATION, CONTENT_TYPE, HOST, HeaderMap, HeaderValue, USER_AGENT,
};
use reqwest::{Method, StatusCode, Url};
use rustc_hash::FxHashMap;
use serde_json::value::RawValue;

use super::{BoxFuture, ReplyStream, Transport, TransportReply, TransportRequest};
use crate::envelope;
use crate::error::{ActionError, Error};

/// How long a connection stays idle before TCP probes whether the peer is
/// still there.
const TCP_KEEPALIVE: std::time::Duration = std::time::Duration::from_secs(30);

/// How many action URLs are kept ready. More than NapCat has actions, so
/// every typed call hits; raw names past it are built each time instead
/// of growing the cache without bound.
const ACTION_URLS_KEPT: usize = 512;

/// The `user-agent` every request sends.
const USER_AGENT_VALUE: HeaderValue =
    HeaderValue::from_static(concat!("ncat/", env!("CARGO_PKG_VERSION")));

/// How much of a reply's announced length is allocated before any of it
/// arrives: NapCat's replies fit, and a server announcing a huge body
/// it never sends cannot make each call reserve up to the reply limit.
const BODY_PREALLOCATED: usize = 64 * 1024;

/// Calls actions over NapCat's HTTP API server (`network.httpServers`).
#[derive(Clone)]
pub(crate) struct HttpTransport {
    client: reqwest::Client,
    /// The base URL, its path ending in `/` so action names append cleanly.
    base: Url,
    authenticated: bool,
    /// The largest body read for one reply (`ClientBuilder::max_reply_size`).
    max_reply_size: usize,
    /// `{base}/{action}` of the actions called so far: appending a path
    /// segment re-parses the URL's path and percent-encodes the name, which
    /// costs several times a clone of the finished URL. Keyed with FxHash:
    /// the keys are action names, no attacker picks them to collide, and
    /// SipHash cost more than the rest of the lookup.
    action_urls: Arc<Mutex<FxHashMap<Box<str>, Url>>>,
    /// Every header of an action's POST, in the order they go on the wire:
    /// `content-type`, then the client's defaults (`accept`, the token's
    /// `authorization`, `user-agent`), then `host`. Cloned whole into each
    /// request, so reqwest finds its defaults already set instead of
    /// inserting each one into every request's map, and hyper finds `host`
    /// instead of formatting it from the URL for every request.
    post_headers: Arc<HeaderMap>,
}

impl HttpTransport {
    /// `url` is NapCat's HTTP server, e.g. `http://127.0.0.1:3000`; an empty
    /// token means none. Reply bodies over `max_reply_size` bytes fail the
    /// call with [`Error::ReplyTooLarge`].
    pub(crate) fn new(
        url: &str,
        token: Option<&str>,
        max_reply_size: usize,
    ) -> Result<Self, Error> {
        let base = parse_base_url(url)?;
        let token = token.filter(|token| !token.is_empty());
        // NapCat also takes the token as a query parameter.
        let token_in_url = base.query_pairs().any(|(key, _)| key == "access_token");

        let mut headers = HeaderMap::new();
        if let Some(token) = token {
            let mut value =
                HeaderValue::from_str(&format!("Bearer {token}")).map_err(|source| {
                    Error::config_caused_by(
                        "the token contains characters that cannot be sent in an HTTP header",
                        source,
                    )
                })?;
            // Keeps the value out of `Debug` output and HTTP/2 header compression.
            value.set_sensitive(true);
            headers.insert(AUTHORIZATION, value);
        } else if !token_in_url {
            tracing::warn!(
                url = %redacted(&base),
                "connecting to NapCat without an access token; \
                 NapCat instances without a token have been abused, set one in NapCat and in ncat"
            );
        }

        // reqwest's own default, listed so the POST headers below match
        // what the client adds to any other request (the SSE stream's).
        let mut post_headers = HeaderMap::new();
        post_headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        post_headers.insert(ACCEPT, HeaderValue::from_static("*/*"));
        post_headers.extend(headers.clone());
        post_headers.insert(USER_AGENT, USER_AGENT_VALUE);
        if let Some(host) = host_header(&base)? {
            post_headers.insert(HOST, host);
        }

        let builder = reqwest::Client::builder();
        // The features' crypto provider (reqwest is built without one of
        // its own), offering HTTP/2 as reqwest would.
        #[cfg(feature = "__rustls")]
        let builder =
            builder.tls_backend_preconfigured(super::tls::client_config(&[b"h2", b"http/1.1"])?);
        let client = builder
            .default_headers(headers)
            .user_agent(USER_AGENT_VALUE)
            // Requests are small and latency-bound: never wait to coalesce
            // (reqwest's default, stated because it matters).
            .tcp_nodelay(true)
            // An SSE event stream may stay silent for hours (NapCat sends
            // no heartbeat there): let TCP notice a peer that vanished.
            .tcp_keepalive(TCP_KEEPALIVE)
            // NapCat never redirects; following one would re-send the request
            // somewhere unexpected.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|source| {
                Error::config_caused_by("the HTTP client could not be set up", source)
            })?;

        Ok(HttpTransport {
            client,
            base,
            authenticated: token.is_some() || token_in_url,
            max_reply_size,
            action_urls: Arc::default(),
            post_headers: Arc::new(post_headers),
        })
    }

    /// `GET {base}/_events`, with the token: the SSE event stream of an
    /// `httpSseServers` entry.
    pub(crate) fn events_request(&self) -> reqwest::RequestBuilder {
        self.client
            .get(self.action_url("_events"))
            .header(reqwest::header::ACCEPT, "text/event-stream")
    }

    /// `{base}/{action}`, from the cache when the action was called before.
    fn action_url(&self, action: &str) -> Url {
        let mut urls = self
            .action_urls
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(url) = urls.get(action) {
            return url.clone();
        }
        let url = self.build_action_url(action);
        if urls.len() < ACTION_URLS_KEPT {
            urls.insert(action.into(), url.clone());
        }
        url
    }

    /// `{base}/{action}`. The action is appended as one path segment, so
    /// names like `.handle_quick_operation` stay verbatim while `/`, `?` or
    /// `#` in a raw action name are escaped instead of reshaping the URL.
    fn build_action_url(&self, action: &str) -> Url {
        let mut url = self.base.clone();
        if let Ok(mut segments) = url.path_segments_mut() {
            segments.pop_if_empty().push(action);
        }
        url
    }
}

fn parse_base_url(url: &str) -> Result<Url, Error> {
    // The parse error never echoes the input, which may hold `?access_token=`.
    let mut base = Url::parse(url)
        .map_err(|source| Error::config_caused_by("the NapCat URL is not a valid URL", source))?;
    match base.scheme() {
        "http" => {}
        "https" if cfg!(feature = "__rustls") => {}
        "https" => {
            return Err(Error::config(
                "https:// URLs need ncat-api's `rustls` feature",
            ));
        }
        _ => {
            return Err(Error::config(
                "the HTTP transport needs an http:// or https:// URL",
            ));
        }
    }
    if !base.path().ends_with('/') {
        let path = format!("{}/", base.path());
        base.set_path(&path);
    }
    Ok(base)
}

/// The `host` header hyper would write for requests to `base`: its host,
/// and its port unless the scheme's default (which `Url` never keeps).
/// Only for `http://`, always spoken as HTTP/1.1 by this client; over
/// `https://` the connection may turn out to be HTTP/2, which carries the
/// host as `:authority` instead, so hyper is left to decide there.
fn host_header(base: &Url) -> Result<Option<HeaderValue>, Error> {
    if base.scheme() != "http" {
        return Ok(None);
    }
    let Some(host) = base.host_str() else {
        return Ok(None);
    };
    let host = match base.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_owned(),
    };
    HeaderValue::from_str(&host).map(Some).map_err(|source| {
        Error::config_caused_by("the NapCat URL's host cannot be sent as a header", source)
    })
}

/// The URL without credentials or query (which may hold `access_token`).
fn redacted(url: &Url) -> String {
    format!("{}{}", url.origin().ascii_serialization(), url.path())
}

impl HttpTransport {
    /// Starts the POST of `action`, whose parameters become the body as
    /// they are; the response is read by the caller.
    fn post(
        &self,
        action: &str,
        params: Box<RawValue>,
    ) -> impl Future<Output = reqwest::Result<reqwest::Response>> + use<> {
        // Built whole rather than with a `RequestBuilder`, whose `header`
        // converts and inserts one header at a time.
        let mut request = reqwest::Request::new(Method::POST, self.action_url(action));
        *request.headers_mut() = HeaderMap::clone(&self.post_headers);
        *request.body_mut() = Some(String::from(Box::<str>::from(params)).into());
        self.client.execute(request)
    }
}

impl Transport for HttpTransport {
    fn send(&self, request: TransportRequest) -> BoxFuture<'static, Result<TransportReply, Error>> {
        let TransportRequest { action, params, .. } = request;
        let pending = self.post(&action, params);
        let limit = self.max_reply_size;
        Box::pin(async move {
            // `without_url`: reqwest's messages would otherwise quote the
            // URL, query string (and so a possible access_token) included.
            let transport_error =
                |error: reqwest::Error| Error::transport(action.clone(), error.without_url());
            let response = pending.await.map_err(transport_error)?;
            let status = response.status();
            let body = read_body(response, action.clone(), limit).await?;
            reply_for_status(action, status, body)
        })
    }

    fn send_stream(
        &self,
        request: TransportRequest,
    ) -> BoxFuture<'static, Result<ReplyStream, Error>> {
        let TransportRequest { action, params, .. } = request;
        let pending = self.post(&action, params);
        let limit = self.max_reply_size;
        Box::pin(async move {
            let transport_error =
                |error: reqwest::Error| Error::transport(action.clone(), error.without_url());
            let response = pending.await.map_err(transport_error)?;
            let status = response.status();
            if status.is_success() {
                return Ok(crate::stream::http::frames(response, action, limit));
            }
            let body = read_body(response, action.clone(), limit).await?;
            let reply = reply_for_status(action, status, body)?;
            let single: ReplyStream = Box::pin(futures_util::stream::once(async { Ok(reply) }));
            Ok(single)
        })
    }
}

/// Reads the whole body chunk by chunk, failing as soon as it grows past
/// `limit` bytes, so an endless or huge body costs at most `limit` plus
/// one chunk.
async fn read_body(
    mut response: reqwest::Response,
    action: Cow<'static, str>,
    limit: usize,
) -> Result<String, Error> {
    let too_large = || Error::ReplyTooLarge {
        action: action.clone(),
        limit,
    };
    let announced = response.content_length().unwrap_or(0);
    if announced > limit as u64 {
        return Err(too_large());
    }
    let mut body = Vec::with_capacity(
        usize::try_from(announced).map_or(0, |announced| announced.min(BODY_PREALLOCATED)),
    );
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|error| Error::transport(action.clone(), error.without_url()))?
    {
        if body.len() + chunk.len() > limit {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    // NapCat always sends UTF-8. A stray invalid byte becomes U+FFFD
    // instead of failing the call; a body that is no envelope at all
    // still fails, in the envelope parser.
    Ok(String::from_utf8(body)
        .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned()))
}

/// What a response with `status` and `body` means for the call.
fn reply_for_status(
    action: Cow<'static, str>,
    status: StatusCode,
    body: String,
) -> Result<TransportReply, Error> {
    match status {
        status if status.is_success() => Ok(TransportReply::new(body)),
        StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => Err(Error::unauthorized(action)),
        // NapCat rejects a body it cannot parse with a bare
        // `Invalid JSON` page before any action runs; OneBot servers
        // that do send an envelope here get it read as usual.
        StatusCode::BAD_REQUEST if envelope::is_envelope(&body) => Ok(TransportReply::new(body)),
        StatusCode::BAD_REQUEST => Err(Error::Action(ActionError {
            action,
            retcode: 400,
            message: body,
            wording: String::new(),
        })),
        status => Err(Error::HttpStatus {
            action,
            status: status.as_u16(),
            body,
        }),
    }
}

impl fmt::Debug for HttpTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpTransport")
            .field("url", &redacted(&self.base))
            .field("authenticated", &self.authenticated)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use crate::Client;

    use super::*;

    fn action_url(base: &str, action: &str) -> String {
        HttpTransport::new(base, Some("t"), Client::DEFAULT_MAX_REPLY_SIZE)
            .unwrap()
            .action_url(action)
            .to_string()
    }

    #[test]
    fn action_is_appended_with_or_without_trailing_slash() {
        for base in ["http://127.0.0.1:3000", "http://127.0.0.1:3000/"] {
            assert_eq!(
                action_url(base, "send_msg"),
                "http://127.0.0.1:3000/send_msg"
            );
        }
        for base in ["http://host/napcat", "http://host/napcat/"] {
            assert_eq!(
                action_url(base, "get_status"),
                "http://host/napcat/get_status"
            );
        }
    }

    #[test]
    fn action_names_go_into_the_path_verbatim() {
        let base = "http://127.0.0.1:3000";
        assert_eq!(
            action_url(base, ".handle_quick_operation"),
            "http://127.0.0.1:3000/.handle_quick_operation"
        );
        assert_eq!(
            action_url(base, "ArkSharePeer"),
            "http://127.0.0.1:3000/ArkSharePeer"
        );
        assert_eq!(
            action_url(base, "_get_model_show"),
            "http://127.0.0.1:3000/_get_model_show"
        );
    }

    #[test]
    fn cached_action_urls_are_the_built_ones_and_the_cache_is_bounded() {
        let transport = HttpTransport::new(
            "http://127.0.0.1:3000/?access_token=t",
            Some("t"),
            Client::DEFAULT_MAX_REPLY_SIZE,
        )
        .unwrap();
        for _ in 0..2 {
            for action in ["send_msg", "a/b?c#d", ".handle_quick_operation"] {
                assert_eq!(
                    transport.action_url(action),
                    transport.build_action_url(action)
                );
            }
        }
        for i in 0..ACTION_URLS_KEPT + 10 {
            let action = format!("action_{i}");
            assert_eq!(transport.action_url(&action).path(), format!("/{action}"));
        }
        assert_eq!(
            transport.action_urls.lock().unwrap().len(),
            ACTION_URLS_KEPT
        );
    }

    #[test]
    fn raw_action_names_cannot_reshape_the_url() {
        let base = "http://127.0.0.1:3000/?access_token=t";
        assert_eq!(
            action_url(base, "a/b?c#d"),
            "http://127.0.0.1:3000/a%2Fb%3Fc%23d?access_token=t"
        );
    }

    #[test]
    fn host_headers_are_what_hyper_would_write() {
        let host = |url: &str| {
            host_header(&parse_base_url(url).unwrap())
                .unwrap()
                .map(|host| host.to_str().unwrap().to_owned())
        };
        assert_eq!(
            host("http://127.0.0.1:3000").as_deref(),
            Some("127.0.0.1:3000")
        );
        assert_eq!(host("http://napcat:80/api").as_deref(), Some("napcat"));
        assert_eq!(host("http://user:pw@napcat/").as_deref(), Some("napcat"));
        assert_eq!(host("http://[::1]:3000").as_deref(), Some("[::1]:3000"));
        assert_eq!(
            host("http://NapCat.Local:8080").as_deref(),
            Some("napcat.local:8080")
        );
        if cfg!(feature = "__rustls") {
            assert_eq!(host("https://napcat.example"), None);
        }
    }

    #[test]
    fn bad_urls_are_config_errors() {
        for url in [
            "",
            "127.0.0.1:3000",
            "not a url",
            "ws://127.0.0.1:3001",
            "mailto:a@b",
        ] {
            let error =
                HttpTransport::new(url, Some("t"), Client::DEFAULT_MAX_REPLY_SIZE).unwrap_err();
            assert!(matches!(error, Error::Config { .. }), "{url:?}: {error:?}");
        }
    }

    #[test]
    fn https_needs_the_rustls_feature() {
        let result = HttpTransport::new(
            "https://napcat.example",
            Some("t"),
            Client::DEFAULT_MAX_REPLY_SIZE,
        );
        assert_eq!(result.is_ok(), cfg!(feature = "__rustls"), "{result:?}");
    }

    #[test]
    fn tokens_that_cannot_be_a_header_are_config_errors() {
        let error = HttpTransport::new(
            "http://127.0.0.1:3000",
            Some("a\nb"),
            Client::DEFAULT_MAX_REPLY_SIZE,
        )
        .unwrap_err();
        assert!(matches!(error, Error::Config { .. }), "{error:?}");
        assert!(!format!("{error:?} {error}").contains("a\nb"));
    }

    #[test]
    fn debug_hides_token_and_query() {
        let transport = HttpTransport::new(
            "http://user:pw@127.0.0.1:3000/?access_token=qs",
            Some("s3cret"),
            Client::DEFAULT_MAX_REPLY_SIZE,
        )
        .unwrap();
        let debug = format!("{transport:?}");
        for secret in ["s3cret", "qs", "pw"] {
            assert!(!debug.contains(secret), "{debug}");
        }
        assert!(debug.contains("http://127.0.0.1:3000/"), "{debug}");
    }
}
