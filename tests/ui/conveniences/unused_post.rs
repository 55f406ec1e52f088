//! A post that is never awaited is flagged: `PostMessage` is `#[must_use]`.
#![deny(unused_must_use)]

fn greet(client: &ncat_api::Client) {
    client.post_group_msg(123456).text("hi");
}

fn main() {}
