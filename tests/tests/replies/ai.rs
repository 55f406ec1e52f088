//! Reply tests for sending AI voice.

use ncat_api::actions::SendGroupAiRecordReply;
use ncat_mock::MockReply;
use serde_json::json;

use super::{TestResult, answering_fixture, decode_error};

#[tokio::test]
async fn send_group_ai_record_message_id_is_zero() -> TestResult {
    let (mock, client) = answering_fixture("send_group_ai_record").await?;
    assert_eq!(
        client
            .send_group_ai_record("lucy-voice-female1", 123456, "你好")
            .await?,
        SendGroupAiRecordReply { message_id: 0 }
    );
    // NapCat's documented example is `{}`, which its handler never sends.
    mock.on("send_group_ai_record", MockReply::ok(json!({})));
    let (action, data, _) = decode_error(
        client
            .send_group_ai_record("lucy-voice-female1", 123456, "你好")
            .await,
    );
    assert_eq!(
        (action.as_str(), data.as_str()),
        ("send_group_ai_record", "{}")
    );
    Ok(())
}
