//! `delete_essence_msg` has one method per form: the sequence form is not setters on the id form.
async fn unessence(client: &ncat_api::Client) -> Result<(), ncat_api::Error> {
    client.delete_essence_msg(1588762139).msg_seq("41007").await?;
    Ok(())
}

fn main() {}
