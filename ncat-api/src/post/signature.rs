//! NapCat's signature on every post: `x-signature: sha1=<hex>`, the
//! HMAC-SHA1 of the exact body keyed with the `token` of its `httpClients`
//! entry.

use std::fmt;

use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;

/// The length of an HMAC-SHA1, in bytes.
const SIGNATURE_LEN: usize = 20;

/// The shared secret; shown as `<redacted>` by `Debug`.
#[derive(Clone)]
pub(super) struct Secret(Vec<u8>);

impl Secret {
    pub(super) fn new(secret: String) -> Self {
        Secret(secret.into_bytes())
    }

    /// Whether `body` carries the signature `claimed` (already read from
    /// the header with [`parse_header`]), compared in constant time.
    pub(super) fn signed(&self, body: &[u8], claimed: &[u8; SIGNATURE_LEN]) -> bool {
        // HMAC takes a key of any length; the error cannot happen.
        let Ok(mut mac) = <Hmac<Sha1> as KeyInit>::new_from_slice(&self.0) else {
            return false;
        };
        mac.update(body);
        mac.verify_slice(claimed).is_ok()
    }

    /// The header value NapCat would send for `body`.
    #[cfg(test)]
    pub(super) fn header_for(&self, body: &[u8]) -> String {
        let Ok(mut mac) = <Hmac<Sha1> as KeyInit>::new_from_slice(&self.0) else {
            return String::new();
        };
        mac.update(body);
        let digest = mac.finalize().into_bytes();
        let hex: String = digest.iter().map(|byte| format!("{byte:02x}")).collect();
        format!("sha1={hex}")
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// The signature in an `x-signature` header value, `sha1=` and 40 hex
/// digits (either case); `None` for anything else.
pub(super) fn parse_header(value: &[u8]) -> Option<[u8; SIGNATURE_LEN]> {
    let hex = value.strip_prefix(b"sha1=")?;
    if hex.len() != 2 * SIGNATURE_LEN {
        return None;
    }
    let mut signature = [0; SIGNATURE_LEN];
    for (byte, pair) in signature.iter_mut().zip(hex.chunks_exact(2)) {
        *byte = (hex_digit(pair[0])? << 4) | hex_digit(pair[1])?;
    }
    Some(signature)
}

fn hex_digit(digit: u8) -> Option<u8> {
    char::from(digit)
        .to_digit(16)
        .and_then(|value| u8::try_from(value).ok())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    /// The test vector of the protocol notes, computed with NapCat's own
    /// code (`createHmac('sha1', token).update(body).digest('hex')`).
    const BODY: &str = r#"{"time":1718000000,"self_id":10001,"post_type":"notice","notice_type":"friend_add","user_id":10002}"#;
    const HEADER: &str = "sha1=f0bab3f6a8422d0467180d5d9eb84bd2d45ce22c";

    #[test]
    fn napcats_signature_is_accepted() {
        let secret = Secret::new("sekrit".into());
        assert_eq!(secret.header_for(BODY.as_bytes()), HEADER);
        let claimed = parse_header(HEADER.as_bytes()).unwrap();
        assert!(secret.signed(BODY.as_bytes(), &claimed));
        let upper = HEADER.to_ascii_uppercase().replace("SHA1=", "sha1=");
        assert!(secret.signed(BODY.as_bytes(), &parse_header(upper.as_bytes()).unwrap()));
    }

    #[test]
    fn another_body_key_or_shape_is_refused() {
        let secret = Secret::new("sekrit".into());
        let claimed = parse_header(HEADER.as_bytes()).unwrap();
        assert!(!secret.signed(b"{}", &claimed));
        assert!(!Secret::new("other".into()).signed(BODY.as_bytes(), &claimed));
        for bad in [
            "",
            "sha1=",
            "f0bab3f6a8422d0467180d5d9eb84bd2d45ce22c",
            "sha256=f0bab3f6a8422d0467180d5d9eb84bd2d45ce22c",
            "sha1=f0bab3f6a8422d0467180d5d9eb84bd2d45ce22",
            "sha1=f0bab3f6a8422d0467180d5d9eb84bd2d45ce22cc",
            "sha1=z0bab3f6a8422d0467180d5d9eb84bd2d45ce22c",
        ] {
            assert_eq!(parse_header(bad.as_bytes()), None, "{bad}");
        }
    }

    #[test]
    fn debug_hides_the_secret() {
        assert_eq!(format!("{:?}", Secret::new("sekrit".into())), "<redacted>");
    }
}
