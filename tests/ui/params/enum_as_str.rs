//! An enum parameter does not take its wire string: `"mp3"` is not an `AudioFormat`.
async fn voice(client: &ncat_api::Client) -> Result<(), ncat_api::Error> {
    let file = client.get_record("mp3").file("abc.amr").await?;
    println!("{file:?}");
    Ok(())
}

fn main() {}
