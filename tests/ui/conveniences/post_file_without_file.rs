//! A file post without its file cannot be sent (ncatbot fails at run
//! time with "请至少选择一种文件").
async fn share(client: &ncat_api::Client) -> Result<(), ncat_api::Error> {
    client.post_private_file(10001).await?;
    Ok(())
}

fn main() {}
