//! An optional whole reply is an `Option`: `send_packet` answers `null` when `rsp` is false.
async fn packet(client: &ncat_api::Client) -> Result<String, ncat_api::Error> {
    let response: String = client.send_packet("OidbSvcTrpcTcp.0xfe1_2", "0801").await?;
    Ok(response)
}

fn main() {}
