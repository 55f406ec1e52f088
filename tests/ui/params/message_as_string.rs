//! A `Message` (segments) is not accepted where NapCat wants plain text, like an announcement.
use ncat_api::Message;

async fn announce(client: &ncat_api::Client) -> Result<(), ncat_api::Error> {
    let text = Message::new().text("meeting at 8").at_all();
    client.send_group_notice(123456, text).await
}

fn main() {}
