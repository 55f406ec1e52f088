//! Wire cases for the guild stubs beyond `get_guild_list`.

use serde_json::json;

use super::Wire;

pub(super) async fn cases(w: &mut Wire) {
    let c = w.client.clone();
    w.check(
        c.get_guild_service_profile(),
        "/get_guild_service_profile",
        json!({}),
    )
    .await;
}
