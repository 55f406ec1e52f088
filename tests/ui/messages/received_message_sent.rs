//! A `ReceivedMessage` is not sent as it is: convert it with `Message::try_from`.
use ncat_api::{Client, ReceivedMessage};

async fn repeat(client: &Client, received: ReceivedMessage) -> Result<(), ncat_api::Error> {
    client.send_group_msg(123456, received).await?;
    Ok(())
}

fn main() {}
