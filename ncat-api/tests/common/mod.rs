//! Helpers the event-stream tests share.

// Each test crate compiles this module on its own and uses part of it.
#![allow(dead_code)]

use std::future::IntoFuture;
use std::time::Duration;

use ncat_api::event::{Event, NoticeEvent};
use serde_json::{Value, json};

/// Awaits `future`, failing the test if it takes more than `seconds`.
pub async fn within<T>(seconds: u64, future: impl IntoFuture<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(seconds), future)
        .await
        .unwrap_or_else(|_| panic!("did not finish within {seconds} s"))
}

/// A `friend_add` notice about `user`, the events these tests count.
pub fn notice(user: i64) -> Value {
    json!({"time":1,"self_id":10001,"post_type":"notice","notice_type":"friend_add","user_id":user})
}

/// The user of a `friend_add` notice made by [`notice`].
pub fn user_of(event: &Event) -> i64 {
    let Event::Notice(NoticeEvent::FriendAdd(added)) = event else {
        panic!("expected a friend_add notice, got {event:?}");
    };
    added.user_id.get()
}
