//! Setters take the value itself: an unset parameter is one whose setter is not called.
async fn mute(client: &ncat_api::Client, minutes: Option<u32>) -> Result<(), ncat_api::Error> {
    client
        .set_group_ban(123456, 10001)
        .duration(minutes.map(|m| m * 60))
        .await
}

fn main() {}
