//! No log record, at any level, ncat's or async-nats', carries the NapCat
//! token or the NATS password, token or NKey seed, through whole gateway
//! and worker sessions on real nats-servers that require them (one over
//! TLS, with certificates made by the test); nor does any `Debug` output
//! or error.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::fmt;
use std::sync::{Arc, Mutex};

use ncat_nats::testing::{NatsServer, NatsServerBuilder};
use ncat_nats::{NatsOptions, Worker};
use serde_json::json;
use support::*;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

const NAPCAT_TOKEN: &str = "napcat-T0KEN-xyz";
const NATS_PASSWORD: &str = "nats-Pa55w0rd-xyz";

/// Every event and span field, as `target LEVEL name field=value …`.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<String>>>);

struct Line(String);

impl Visit for Line {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0.push_str(&format!(" {}={value:?}", field.name()));
    }
}

impl Capture {
    fn push(&self, metadata: &Metadata<'_>, record: impl FnOnce(&mut Line)) {
        let mut line = Line(format!(
            "{} {} {}",
            metadata.target(),
            metadata.level(),
            metadata.name()
        ));
        record(&mut line);
        self.0.lock().unwrap().push(line.0);
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, attributes: &Attributes<'_>) -> Id {
        self.push(attributes.metadata(), |line| attributes.record(line));
        Id::from_u64(1)
    }
    fn record(&self, _: &Id, values: &Record<'_>) {
        let mut line = Line("span record".to_owned());
        values.record(&mut line);
        self.0.lock().unwrap().push(line.0);
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        self.push(event.metadata(), |line| event.record(line));
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

#[test]
fn neither_the_napcat_token_nor_the_nats_password_is_ever_logged() {
    let capture = Capture::default();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    // The runtime runs on this thread, inside the capturing subscriber, so
    // every background task (the NATS connection's too) logs into it.
    tracing::subscriber::with_default(capture.clone(), || {
        runtime.block_on(async {
            let server = within(
                "nats-server",
                NatsServer::builder()
                    .user_and_password("ncat", NATS_PASSWORD)
                    .start(),
            )
            .await
            .unwrap();
            let url = format!("nats://ncat:{NATS_PASSWORD}@{}", server.addr());
            let options = NatsOptions::new(&url).unwrap();
            assert!(!format!("{options:?}").contains(NATS_PASSWORD));

            let alice = account(10001, NAPCAT_TOKEN).await;
            let nats = within("connect", options.connect()).await.unwrap();
            let gateway = gateway_of(nats, &[&alice], NAPCAT_TOKEN, |b| b).await;
            let worker_nats = within("connect", options.connect()).await.unwrap();
            let worker = Worker::new(worker_nats, id(10001));
            let mut events = worker.events(None).await.unwrap();
            within("call", worker.client().get_status()).await.unwrap();
            within("failing call", worker.client().call_raw("", json!({})))
                .await
                .unwrap_err();
            worker.client().call_raw("x", json!({})).await.unwrap();
            alice.push_event(
                &json!({"time": 1, "self_id": 10001, "post_type": "notice", "notice_type": "x"}),
            );
            within("event", events.next()).await.unwrap();
            // A wrong password is refused, and its error is logged safely too.
            let wrong = NatsOptions::new(&format!(
                "nats://ncat:wrong-{NATS_PASSWORD}@{}",
                server.addr()
            ))
            .unwrap();
            assert!(within("refused", wrong.connect()).await.is_err());
            gateway.shutdown().await;
            alice.shutdown().await;
            server.stop().await;
        });
    });
    drop(runtime);
    let lines = capture.0.lock().unwrap().clone();
    // The capture saw the connections being made, so it would have seen a leak.
    assert!(
        lines.iter().any(|line| line.starts_with("async_nats")),
        "{lines:#?}"
    );
    assert!(
        lines.iter().any(|line| line.contains("gateway started")),
        "{lines:#?}"
    );
    assert!(
        lines.iter().any(|line| line.contains("gateway_call")),
        "{lines:#?}"
    );
    for line in &lines {
        assert!(!line.contains(NAPCAT_TOKEN), "{line}");
        assert!(!line.contains(NATS_PASSWORD), "{line}");
    }
    assert!(lines.len() > 20, "{}", lines.len());
}

/// Runs `session` on a runtime of its own inside a capturing subscriber;
/// every log record it made.
fn captured(session: impl std::future::Future<Output = ()>) -> Vec<String> {
    let capture = Capture::default();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    tracing::subscriber::with_default(capture.clone(), || runtime.block_on(session));
    drop(runtime);
    let lines = capture.0.lock().unwrap().clone();
    assert!(
        lines.iter().any(|line| line.starts_with("async_nats")),
        "{lines:#?}"
    );
    lines
}

/// A gateway and a worker on `options`: a call and an event go through.
async fn session(options: &NatsOptions) {
    let alice = account(10001, NAPCAT_TOKEN).await;
    let nats = within("gateway connects", options.connect()).await.unwrap();
    let gateway = gateway_of(nats, &[&alice], NAPCAT_TOKEN, |b| b).await;
    let worker_nats = within("worker connects", options.connect()).await.unwrap();
    let worker = Worker::new(worker_nats, id(10001));
    let mut events = worker.events(None).await.unwrap();
    within("call", worker.client().get_status()).await.unwrap();
    alice.push_event(
        &json!({"time": 1, "self_id": 10001, "post_type": "notice", "notice_type": "x"}),
    );
    within("event", events.next()).await.unwrap();
    gateway.shutdown().await;
    alice.shutdown().await;
}

/// A certificate authority and a server certificate for 127.0.0.1 signed
/// by it, as PEM files in `dir`: (CA, server certificate, server key).
fn certificates(
    dir: &std::path::Path,
) -> (std::path::PathBuf, std::path::PathBuf, std::path::PathBuf) {
    let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    let ca = rcgen::CertifiedIssuer::self_signed(ca_params, rcgen::KeyPair::generate().unwrap())
        .unwrap();
    let server_key = rcgen::KeyPair::generate().unwrap();
    let server_cert =
        rcgen::CertificateParams::new(vec!["127.0.0.1".to_owned(), "localhost".to_owned()])
            .unwrap()
            .signed_by(&server_key, &ca)
            .unwrap();
    let paths = (
        dir.join("ca.pem"),
        dir.join("server.pem"),
        dir.join("server-key.pem"),
    );
    std::fs::write(&paths.0, ca.pem()).unwrap();
    std::fs::write(&paths.1, server_cert.pem()).unwrap();
    std::fs::write(&paths.2, server_key.serialize_pem()).unwrap();
    paths
}

async fn start(builder: NatsServerBuilder) -> NatsServer {
    within("nats-server", builder.start()).await.unwrap()
}

#[test]
fn over_tls_with_an_nkey_the_seed_is_never_logged_shown_or_in_an_error() {
    let user = nkeys::KeyPair::new_user();
    let seed = user.seed().unwrap();
    let certs = tempfile::tempdir().unwrap();
    let (ca, cert, key) = certificates(certs.path());
    let mut texts = Vec::new();
    let lines = captured(async {
        let server = start(
            NatsServer::builder()
                .tls(&cert, &key)
                .nkey(user.public_key()),
        )
        .await;
        let url = format!("tls://{}", server.addr());
        let options = NatsOptions::new(&url)
            .unwrap()
            .root_certificate(&ca)
            .nkey(&seed);
        texts.push(format!("{options:?}"));
        session(&options).await;

        // Without the CA the server's certificate is not trusted; without
        // the NKey, or with another one, the server refuses.
        let untrusted = NatsOptions::new(&url).unwrap().nkey(&seed);
        let anonymous = NatsOptions::new(&url).unwrap().root_certificate(&ca);
        let stranger = NatsOptions::new(&url)
            .unwrap()
            .root_certificate(&ca)
            .nkey(nkeys::KeyPair::new_user().seed().unwrap());
        for refused in [untrusted, anonymous, stranger] {
            let error = within("refused", refused.connect()).await.unwrap_err();
            texts.push(format!("{error} {error:?}"));
        }
        // A plain connection to a TLS-only server is refused too.
        let plain = NatsOptions::new(&format!("nats://{}", server.addr()))
            .unwrap()
            .nkey(&seed);
        assert!(within("plain", plain.connect()).await.is_err());
        server.stop().await;
    });
    assert_eq!(texts.len(), 4);
    assert!(
        lines.iter().any(|line| line.contains("gateway started")),
        "{lines:#?}"
    );
    let key_pem = std::fs::read_to_string(&key).unwrap();
    let key_body = key_pem.lines().nth(1).unwrap();
    for line in lines.iter().chain(&texts) {
        assert!(!line.contains(&seed), "{line}");
        assert!(!line.contains(NAPCAT_TOKEN), "{line}");
        assert!(!line.contains(key_body), "{line}");
    }
}

#[test]
fn a_nats_token_is_never_logged_shown_or_in_an_error() {
    const NATS_TOKEN: &str = "nats-T0ken-xyz";
    let mut texts = Vec::new();
    let lines = captured(async {
        let server = start(NatsServer::builder().token(NATS_TOKEN)).await;
        // The token in the URL, as `ncat gateway --nats` takes it.
        let options = NatsOptions::new(&format!("nats://{NATS_TOKEN}@{}", server.addr())).unwrap();
        texts.push(format!("{options:?}"));
        session(&options).await;
        let wrong =
            NatsOptions::new(&format!("nats://wrong-{NATS_TOKEN}@{}", server.addr())).unwrap();
        let error = within("refused", wrong.connect()).await.unwrap_err();
        texts.push(format!("{error} {error:?}"));
        server.stop().await;
    });
    for line in lines.iter().chain(&texts) {
        assert!(!line.contains(NATS_TOKEN), "{line}");
        assert!(!line.contains(NAPCAT_TOKEN), "{line}");
    }
}
