//! A misspelt optional parameter is an error (with the right name suggested), not silently ignored.
async fn mute(client: &ncat_api::Client) -> Result<(), ncat_api::Error> {
    client.set_group_ban(123456, 10001).duraton(600).await
}

fn main() {}
