//! Group and user ids cannot be swapped: `set_group_ban` takes the group first.
use ncat_api::{GroupId, UserId};

async fn mute(
    client: &ncat_api::Client,
    group: GroupId,
    user: UserId,
) -> Result<(), ncat_api::Error> {
    client.set_group_ban(user, group).duration(600).await
}

fn main() {}
