//! An optional parameter keeps its primitive type: `duration` is a `u32`, not a string.
async fn mute(client: &ncat_api::Client) -> Result<(), ncat_api::Error> {
    client.set_group_ban(123456, 10001).duration("600").await
}

fn main() {}
