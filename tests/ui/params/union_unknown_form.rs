//! A union parameter takes only the forms NapCat accepts (`string | list<string>`), not a number.
async fn upload(client: &ncat_api::Client) -> Result<(), ncat_api::Error> {
    client.create_flash_task(42u32).await?;
    Ok(())
}

fn main() {}
