//! Requests can be built on their own and sent with `Client::call`, setters still apply.
use ncat_api::actions::{GetGroupListRequest, SetGroupBanRequest};
use ncat_api::{Call, Client, GroupId, UserId};

fn main() {
    let client = Client::builder()
        .url("http://127.0.0.1:9")
        .token("t")
        .build()
        .unwrap();

    let call: Call<SetGroupBanRequest> = client.call(SetGroupBanRequest::new(1, 2)).duration(600);
    assert_eq!(call.request().duration, Some(600));

    // Every field public: a request can be written out as a struct literal too.
    let literal = SetGroupBanRequest {
        group_id: GroupId::new(123456),
        user_id: UserId::new(10001),
        duration: Some(60),
    };
    let via_method = client
        .set_group_ban(123456, 10001)
        .duration(60)
        .into_inner();
    assert_eq!(literal, via_method);
    let _ = client.call(literal);

    // Requests without required parameters implement `Default`.
    let _ = client.call(GetGroupListRequest::default()).no_cache(true);
}
