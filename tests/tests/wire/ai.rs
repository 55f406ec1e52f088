//! Wire cases for sending AI voice.

use serde_json::json;

use super::Wire;

pub(super) async fn cases(w: &mut Wire) {
    let c = w.client.clone();
    w.check(
        c.send_group_ai_record("lucy-voice-female1", 123456, "你好"),
        "/send_group_ai_record",
        json!({"character": "lucy-voice-female1", "group_id": "123456", "text": "你好"}),
    )
    .await;
}
