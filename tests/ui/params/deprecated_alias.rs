//! Deprecated aliases are marked `#[deprecated]`, so `deny(deprecated)` catches `ark_share_peer`.
#![deny(deprecated)]

async fn share(client: &ncat_api::Client) -> Result<(), ncat_api::Error> {
    let card = client.ark_share_peer().group_id(123456).await?;
    println!("{card:?}");
    Ok(())
}

fn main() {}
