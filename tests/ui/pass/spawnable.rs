//! A call's future is `Send + 'static` with the action's typed output, so it can be spawned.
use std::future::IntoFuture;

use ncat_api::actions::SendGroupMsgReply;
use ncat_api::types::{Group, GroupMember, User};
use ncat_api::{Client, Error};

fn assert_send<T: Send + 'static>(_: T) {}

fn assert_output<T, F: IntoFuture<Output = Result<T, Error>>>(_: &F) {}

fn main() {
    let client = Client::builder()
        .url("http://127.0.0.1:9")
        .token("t")
        .build()
        .unwrap();

    let call = client.send_group_msg(123456, "hello");
    assert_output::<SendGroupMsgReply, _>(&call);
    assert_send(call.into_future());
    let call = client.get_group_member_list(123456).no_cache(true);
    assert_output::<Vec<GroupMember>, _>(&call);
    assert_send(call);
    let call = client.get_login_info();
    assert_output::<User, _>(&call);
    assert_send(call.into_future());
    let call = client.set_group_ban(123456, 10001).duration(60);
    assert_output::<(), _>(&call);
    assert_send(call.into_future());
    assert_send(
        client
            .call_raw("get_status", serde_json::json!({}))
            .into_future(),
    );
}

/// Never called: proves `tokio::spawn` accepts a call that borrows nothing.
#[allow(dead_code)]
async fn spawn_from(client: &Client) -> Result<Vec<Group>, Error> {
    let call = client.get_group_list().no_cache(true);
    tokio::spawn(call.into_future()).await.unwrap()
}
