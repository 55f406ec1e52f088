//! A `bool` parameter takes `true` / `false`, not C-style `1`.
async fn fresh_groups(client: &ncat_api::Client) -> Result<usize, ncat_api::Error> {
    let groups = client.get_group_list().no_cache(1).await?;
    Ok(groups.len())
}

fn main() {}
