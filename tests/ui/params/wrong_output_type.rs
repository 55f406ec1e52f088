//! Awaiting a call yields that action's reply type: `get_login_info` gives a `User`, not members.
use ncat_api::types::GroupMember;

async fn members(client: &ncat_api::Client) -> Result<usize, ncat_api::Error> {
    let members: Vec<GroupMember> = client.get_login_info().await?;
    Ok(members.len())
}

fn main() {}
