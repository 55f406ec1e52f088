//! Like ncatbot's, `post_private_msg` has no `at`: NapCat drops mentions in
//! private chats.
async fn poke(client: &ncat_api::Client) -> Result<(), ncat_api::Error> {
    client.post_private_msg(10001).at(10001).text(" hi").await?;
    Ok(())
}

fn main() {}
