//! `post_group_msg` posts to a group: a `UserId` target does not compile
//! (ncatbot takes any number there).
use ncat_api::UserId;

async fn greet(client: &ncat_api::Client, user: UserId) -> Result<(), ncat_api::Error> {
    client.post_group_msg(user).text("hi").await?;
    Ok(())
}

fn main() {}
