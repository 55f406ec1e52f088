//! Setters belong to one action: `no_cache` exists for the `get_*` actions, not for `set_group_ban`.
async fn mute(client: &ncat_api::Client) -> Result<(), ncat_api::Error> {
    client
        .set_group_ban(123456, 10001)
        .duration(600)
        .no_cache(true)
        .await
}

fn main() {}
