//! An extension's calls have the shape of built-in ones: required
//! parameters as arguments (ids from integers, strings from `&str`),
//! optional ones as setters in any order, ncat-api's and its own types in
//! replies, `Client::call` with the request struct, spawnable futures.
//! Its segment kinds' data types go into messages and are read from
//! received segments.
#![deny(warnings)]

mod extra {
    ncat_api::extend!(relative_to_file = "../extension/pass");
}

use extra::*;
use ncat_api::Client;

async fn calls(client: Client) -> Result<(), ncat_api::Error> {
    let stats: MemberStats = client
        .get_group_member_stats(123456)
        .no_cache(true)
        .role(ncat_api::types::GroupRole::Admin)
        .call_timeout(std::time::Duration::from_secs(5))
        .await?;
    let _: Option<Vec<ncat_api::types::GroupMember>> = stats.newest;
    let _: Option<Period> = stats.period;
    let sent: SendGroupPokeReply = client.send_group_poke(123456, 10001).await?;
    let _: ncat_api::MessageId = sent.message_id;
    let _: () = client
        .call(SetGroupMottoRequest::new(123456, "be kind"))
        .await?;
    tokio::spawn(client.get_group_member_stats(1).into_future());
    Ok(())
}

use std::future::IntoFuture;

fn segments(received: &ncat_api::ReceivedSegment) -> Result<(), ncat_api::extension::SegmentDataError> {
    let pack = StickerPack::new(7, "https://example.com/p.png", 42, 1.5, true, "{}")
        .reply_to(41)
        .meta(serde_json::json!({"a": 1}))
        .title("t")
        .size(3)
        .hint("h");
    let _: ncat_api::Message = ncat_api::Message::new().segment(pack).segment(Cheer::new(1, 0.5));
    if let Some(ExtensionSegment::Cheer(cheer)) = ExtensionSegment::from_segment(received)? {
        let _: (u8, f64, Option<serde_json::Value>) = (cheer.level, cheer.score, cheer.tags);
        let _: &ncat_api::segment::Extra = &cheer.extra;
    }
    Ok(())
}

fn main() {
    let _ = calls;
    let _ = segments;
}
