//! Connecting to NATS with credentials and TLS that stay out of logs.

use std::fmt;
use std::path::PathBuf;

use crate::Error;

/// How to reach NATS: servers, credentials and TLS, passed to async-nats'
/// `ConnectOptions`.
///
/// Credentials are kept apart from the server URLs: async-nats logs server
/// addresses (at `DEBUG`), so a `nats://user:password@host` URL is split
/// here and its user and password (or token) are sent only in the CONNECT
/// message. Nothing of them appears in `Debug` output or any log record.
///
/// ```no_run
/// # async fn demo() -> Result<(), ncat_nats::Error> {
/// let nats = ncat_nats::NatsOptions::new("tls://nats.example.com:4222")?
///     .credentials_file("/etc/ncat/gateway.creds")
///     .root_certificate("/etc/ncat/ca.pem")
///     .connect()
///     .await?;
/// # Ok(()) }
/// ```
#[derive(Clone, Default)]
#[must_use]
pub struct NatsOptions {
    servers: Vec<String>,
    user: Option<(String, String)>,
    token: Option<String>,
    credentials_file: Option<PathBuf>,
    nkey: Option<String>,
    root_certificates: Vec<PathBuf>,
    client_certificate: Option<(PathBuf, PathBuf)>,
    require_tls: bool,
    name: Option<String>,
}

impl NatsOptions {
    /// The server(s) at `urls` (comma-separated, e.g.
    /// `nats://127.0.0.1:4222`); `user:password@` or `token@` in a URL
    /// become the credentials.
    ///
    /// # Errors
    /// If a URL cannot be read.
    pub fn new(urls: &str) -> Result<NatsOptions, Error> {
        let mut options = NatsOptions::default();
        for url in urls.split(',').map(str::trim).filter(|url| !url.is_empty()) {
            let with_scheme = if url.contains("://") {
                url.to_owned()
            } else {
                format!("nats://{url}")
            };
            let mut parsed = url::Url::parse(&with_scheme).map_err(|error| {
                // The URL itself may hold a password: name only the problem.
                Error::Config(format!("a NATS server URL cannot be read: {error}").into())
            })?;
            let user = percent_decoded(parsed.username());
            let password = parsed.password().map(percent_decoded);
            match (user.is_empty(), password) {
                (false, Some(password)) => options.user = Some((user, password)),
                (false, None) => options.token = Some(user),
                (true, _) => {}
            }
            // Cannot fail for a URL with a host, which nats:// URLs have.
            let _ = parsed.set_username("");
            let _ = parsed.set_password(None);
            options.servers.push(parsed.to_string());
        }
        if options.servers.is_empty() {
            return Err(Error::Config("no NATS server URL".into()));
        }
        Ok(options)
    }

    /// Logs in with a user name and password.
    pub fn user_and_password(
        mut self,
        user: impl Into<String>,
        password: impl Into<String>,
    ) -> Self {
        self.user = Some((user.into(), password.into()));
        self
    }

    /// Logs in with a token.
    pub fn token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// Logs in with a credentials file (a user JWT and its NKey seed, as
    /// `nsc` writes them).
    pub fn credentials_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.credentials_file = Some(path.into());
        self
    }

    /// Signs in with an NKey: its seed (`SU…`), which never leaves this
    /// process (the server sends a nonce, the client signs it).
    pub fn nkey(mut self, seed: impl Into<String>) -> Self {
        self.nkey = Some(seed.into());
        self
    }

    /// Trusts the certificate authority in this PEM file for the servers'
    /// TLS certificates (besides the system's).
    pub fn root_certificate(mut self, path: impl Into<PathBuf>) -> Self {
        self.root_certificates.push(path.into());
        self
    }

    /// Presents this client certificate and key (PEM files) for mutual
    /// TLS.
    pub fn client_certificate(
        mut self,
        certificate: impl Into<PathBuf>,
        key: impl Into<PathBuf>,
    ) -> Self {
        self.client_certificate = Some((certificate.into(), key.into()));
        self
    }

    /// Refuses to talk to a server without TLS (implied by `tls://` URLs).
    pub fn require_tls(mut self, required: bool) -> Self {
        self.require_tls = required;
        self
    }

    /// The connection's name, as the server's monitoring shows it.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// The server URLs, without credentials.
    pub fn servers(&self) -> &[String] {
        &self.servers
    }

    /// async-nats' options for these settings.
    ///
    /// # Errors
    /// If the credentials file cannot be read.
    pub async fn to_connect_options(&self) -> Result<async_nats::ConnectOptions, Error> {
        let mut options = async_nats::ConnectOptions::new();
        if let Some(path) = &self.credentials_file {
            options = options.credentials_file(path).await.map_err(|error| {
                Error::Config(
                    format!(
                        "cannot read the NATS credentials file {}: {error}",
                        path.display()
                    )
                    .into(),
                )
            })?;
        }
        if let Some((user, password)) = &self.user {
            options = options.user_and_password(user.clone(), password.clone());
        }
        if let Some(token) = &self.token {
            options = options.token(token.clone());
        }
        if let Some(seed) = &self.nkey {
            options = options.nkey(seed.clone());
        }
        for path in &self.root_certificates {
            options = options.add_root_certificates(path.clone());
        }
        if let Some((certificate, key)) = &self.client_certificate {
            options = options.add_client_certificate(certificate.clone(), key.clone());
        }
        if self.require_tls {
            options = options.require_tls(true);
        }
        if let Some(name) = &self.name {
            options = options.name(name);
        }
        Ok(options)
    }

    /// Connects.
    ///
    /// # Errors
    /// If the credentials file cannot be read, or no server accepts the
    /// connection.
    pub async fn connect(&self) -> Result<async_nats::Client, Error> {
        let servers = self
            .servers
            .iter()
            .map(|server| server.parse::<async_nats::ServerAddr>())
            .collect::<Result<Vec<_>, _>>()
            .map_err(|error| {
                Error::Config(format!("a NATS server URL cannot be used: {error}").into())
            })?;
        use_ring_unless_chosen();
        self.to_connect_options()
            .await?
            .connect(servers)
            .await
            .map_err(|source| Error::nats("connecting", source))
    }
}

/// async-nats builds its TLS configuration from rustls' process-wide
/// crypto provider, which rustls cannot pick by itself once a program's
/// dependencies enable both of its providers (reqwest's `rustls` feature
/// brings aws-lc-rs; ncat uses ring): a TLS connection would then panic.
/// ring, the provider ncat-nats is built with, becomes the default, unless
/// the program installed one of its own.
fn use_ring_unless_chosen() {
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        // Fails only if another thread installed one meanwhile: also fine.
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
}

/// `url` keeps userinfo percent-encoded; NATS wants it as typed.
fn percent_decoded(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

impl fmt::Debug for NatsOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NatsOptions")
            .field("servers", &self.servers)
            .field("user", &self.user.as_ref().map(|(user, _)| user))
            .field("password", &self.user.as_ref().map(|_| "<redacted>"))
            .field("token", &self.token.as_ref().map(|_| "<redacted>"))
            .field("credentials_file", &self.credentials_file)
            .field("nkey", &self.nkey.as_ref().map(|_| "<redacted>"))
            .field("root_certificates", &self.root_certificates)
            .field("client_certificate", &self.client_certificate)
            .field("require_tls", &self.require_tls)
            .field("name", &self.name)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    #[test]
    fn credentials_leave_the_urls() {
        let options =
            NatsOptions::new("nats://bot:p%40ss@127.0.0.1:4222, tok3n@10.0.0.2:4223").unwrap();
        assert_eq!(
            options.servers(),
            ["nats://127.0.0.1:4222", "nats://10.0.0.2:4223"]
        );
        assert_eq!(options.user, Some(("bot".to_owned(), "p@ss".to_owned())));
        assert_eq!(options.token.as_deref(), Some("tok3n"));
        let debug = format!("{options:?}");
        assert!(
            !debug.contains("p@ss") && !debug.contains("p%40ss") && !debug.contains("tok3n"),
            "{debug}"
        );
    }

    #[test]
    fn bad_urls_are_config_errors_without_the_url() {
        let error = NatsOptions::new("nats://user:s3cret@[bad").unwrap_err();
        assert!(matches!(error, Error::Config(_)), "{error:?}");
        assert!(!error.to_string().contains("s3cret"), "{error}");
        assert!(matches!(NatsOptions::new(" , "), Err(Error::Config(_))));
    }
}
