//! Awaiting a call gives the reply type the schema declares (never called: no network).
use ncat_api::actions::SendGroupMsgReply;
use ncat_api::types::{AudioFormat, FileInfo, Group, GroupMember, User};
use ncat_api::{Client, Error, MessageId};

#[allow(dead_code)]
async fn bot(client: &Client) -> Result<(), Error> {
    let me: User = client.get_login_info().await?;
    let groups: Vec<Group> = client.get_group_list().await?;
    for group in &groups {
        let members: Vec<GroupMember> = client.get_group_member_list(group.group_id).await?;
        for member in members.iter().filter(|m| m.user_id != me.user_id) {
            let () = client
                .set_group_ban(member.group_id, member.user_id)
                .duration(60)
                .await?;
        }
    }
    let sent: SendGroupMsgReply = client.send_group_msg(123456, "hello").await?;
    let id: MessageId = sent.message_id;
    client.delete_msg(id).await?;
    let voice: FileInfo = client.get_record(AudioFormat::Mp3).file("abc.amr").await?;
    let _ = voice;
    let raw: serde_json::Value = client
        .call_raw("get_status", serde_json::Value::Null)
        .await?;
    let _ = raw;
    Ok(())
}

fn main() {}
