//! Required parameters are method arguments: leaving `user_id` out does not compile.
async fn mute(client: &ncat_api::Client) -> Result<(), ncat_api::Error> {
    client.set_group_ban(123456).duration(600).await
}

fn main() {}
