//! A call must be awaited before its reply can be used.
async fn group_name(client: &ncat_api::Client) -> Result<String, ncat_api::Error> {
    let group = client.get_group_info(123456)?;
    Ok(group.group_name)
}

fn main() {}
