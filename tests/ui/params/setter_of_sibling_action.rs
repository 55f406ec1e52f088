//! Kick and ban are different actions: `reject_add_request` is `set_group_kick`'s, not `set_group_ban`'s.
async fn mute(client: &ncat_api::Client) -> Result<(), ncat_api::Error> {
    let ban = client.set_group_ban(123456, 10001).duration(600);
    ban.reject_add_request(true).await
}

fn main() {}
