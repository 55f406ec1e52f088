//! A group id is a number: a string does not convert into `GroupId`.
async fn group_name(client: &ncat_api::Client) -> Result<String, ncat_api::Error> {
    let group = client.get_group_info("123456").await?;
    Ok(group.group_name)
}

fn main() {}
