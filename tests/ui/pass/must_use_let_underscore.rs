//! `Call` is `#[must_use]`, and a deliberate `let _ =` (or `#[allow(deprecated)]`) silences the lints.
#![deny(unused_must_use, deprecated)]

use ncat_api::Client;

fn main() {
    let client = Client::builder()
        .url("http://127.0.0.1:9")
        .token("t")
        .build()
        .unwrap();

    let _ = client.set_group_ban(123456, 10001).duration(600);
    let _ = client.get_group_info(123456);
    #[allow(deprecated)]
    let _ = client.ark_share_peer().group_id(123456);
}
