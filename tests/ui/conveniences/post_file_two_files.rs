//! A file post sends one file (ncatbot silently keeps the first it is
//! given): a second one does not compile.
async fn share(client: &ncat_api::Client) -> Result<(), ncat_api::Error> {
    client
        .post_group_file(123456)
        .image("https://example.com/a.png")
        .record("https://example.com/a.mp3")
        .await?;
    Ok(())
}

fn main() {}
