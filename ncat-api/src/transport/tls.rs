//! rustls for `https://` and `wss://`: the crypto provider the features
//! pick (`rustls-ring`, the default, or `rustls-aws-lc-rs`) and the
//! platform's certificate verifier, as reqwest's own `rustls` feature
//! configures it. Built explicitly, for both transports, so that neither a
//! second provider elsewhere in the program nor none at all can make
//! rustls pick none (and panic).

use std::sync::Arc;

use rustls::ClientConfig;
use rustls::crypto::CryptoProvider;
use rustls_platform_verifier::BuilderVerifierExt;

use crate::error::Error;

/// A client configuration offering `alpn` (most preferred first; empty
/// for none). A provider the program installed as the process default is
/// used over the features' choice.
pub(crate) fn client_config(alpn: &[&[u8]]) -> Result<ClientConfig, Error> {
    let provider = CryptoProvider::get_default()
        .cloned()
        .unwrap_or_else(|| Arc::new(provider()));
    let mut config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .and_then(|builder| builder.with_platform_verifier())
        .map_err(|source| Error::config_caused_by("TLS could not be set up", source))?
        .with_no_client_auth();
    config.alpn_protocols = alpn.iter().map(|protocol| protocol.to_vec()).collect();
    Ok(config)
}

#[cfg(feature = "rustls-aws-lc-rs")]
fn provider() -> CryptoProvider {
    rustls::crypto::aws_lc_rs::default_provider()
}

#[cfg(all(feature = "rustls-ring", not(feature = "rustls-aws-lc-rs")))]
fn provider() -> CryptoProvider {
    rustls::crypto::ring::default_provider()
}
