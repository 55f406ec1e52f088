//! `call_timeout` takes a `Duration`, so the unit is never guessed.
async fn mute(client: &ncat_api::Client) -> Result<(), ncat_api::Error> {
    client
        .set_group_ban(123456, 10001)
        .duration(600)
        .call_timeout(30)
        .await
}

fn main() {}
