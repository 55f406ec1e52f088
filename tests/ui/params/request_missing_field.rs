//! A request struct cannot be built without its required fields.
use ncat_api::actions::SetGroupBanRequest;

async fn mute(client: &ncat_api::Client) -> Result<(), ncat_api::Error> {
    let request = SetGroupBanRequest {
        group_id: 123456.into(),
        duration: Some(600),
    };
    client.call(request).await
}

fn main() {}
