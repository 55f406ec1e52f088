//! Ids convert only from `i64` (NapCat's own range); a `u64` needs an explicit, checked conversion.
async fn group_name(client: &ncat_api::Client, group: u64) -> Result<String, ncat_api::Error> {
    let group = client.get_group_info(group).await?;
    Ok(group.group_name)
}

fn main() {}
