//! A `GroupId` cannot be used where a message is identified by its `MessageId`.
use ncat_api::GroupId;

async fn recall(client: &ncat_api::Client, group: GroupId) -> Result<(), ncat_api::Error> {
    client.delete_msg(group).await
}

fn main() {}
