//! Reply fields are typed: a field the reply does not have is a compile error.
async fn send(client: &ncat_api::Client) -> Result<(), ncat_api::Error> {
    let reply = client.send_group_msg(123456, "hello").await?;
    println!("sent {}", reply.msg_id);
    Ok(())
}

fn main() {}
