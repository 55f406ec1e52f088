//! A `UserId` is not a `GroupId`, even though both wrap an `i64`.
use ncat_api::UserId;

async fn group_of(client: &ncat_api::Client, user: UserId) -> Result<(), ncat_api::Error> {
    let group = client.get_group_info(user).await?;
    println!("{}", group.group_name);
    Ok(())
}

fn main() {}
