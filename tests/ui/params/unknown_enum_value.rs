//! Enum parameters only take the values NapCat supports: there is no `AudioFormat::Mp5`.
use ncat_api::types::AudioFormat;

async fn voice(client: &ncat_api::Client) -> Result<(), ncat_api::Error> {
    let file = client.get_record(AudioFormat::Mp5).file("abc.amr").await?;
    println!("{file:?}");
    Ok(())
}

fn main() {}
