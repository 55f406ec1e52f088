//! A call that is never awaited is flagged: `Call` is `#[must_use]`.
#![deny(unused_must_use)]

fn mute(client: &ncat_api::Client) {
    client.set_group_ban(123456, 10001).duration(600);
}

fn main() {}
