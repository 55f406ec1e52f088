//! Ids take integer literals, `i64` values and typed ids, and reach the request unchanged.
use ncat_api::actions::{DeleteMsgRequest, GetGroupInfoRequest, SetGroupBanRequest};
use ncat_api::{Client, GroupId, MessageId, UserId};

fn main() {
    let client = Client::builder()
        .url("http://127.0.0.1:9")
        .token("t")
        .build()
        .unwrap();

    let literal = client.set_group_ban(123456, 10001);
    let from_i64_vars = {
        let (group, user): (i64, i64) = (123456, 10001);
        client.set_group_ban(group, user)
    };
    let typed = client.set_group_ban(GroupId::new(123456), UserId::new(10001));
    let parsed = client.set_group_ban(
        "123456".parse::<GroupId>().unwrap(),
        "10001".parse::<UserId>().unwrap(),
    );
    for call in [literal, from_i64_vars, typed, parsed] {
        assert_eq!(
            call.request(),
            &SetGroupBanRequest::new(GroupId::new(123456), UserId::new(10001))
        );
    }

    // An id from a reply converts back into the parameter of the next call.
    let group: GroupId = 987654321.into();
    assert_eq!(
        client.get_group_info(group).into_inner(),
        GetGroupInfoRequest::new(987654321)
    );
    assert_eq!(
        client.delete_msg(-2147483648).into_inner(),
        DeleteMsgRequest::new(MessageId::new(-2147483648))
    );
    // `i64::MAX` fits; ids are never truncated to 32 bits.
    assert_eq!(
        client.get_group_info(i64::MAX).request().group_id.get(),
        i64::MAX
    );
}
