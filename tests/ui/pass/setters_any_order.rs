//! Optional setters and `call_timeout` chain in any order and give the same call.
use std::time::Duration;

use ncat_api::Client;

fn main() {
    let client = Client::builder()
        .url("http://127.0.0.1:9")
        .token("t")
        .build()
        .unwrap();

    let a = client
        .send_private_msg(10001, "hi")
        .group_id(123456)
        .auto_escape(true)
        .timeout(5000)
        .call_timeout(Duration::from_secs(60));
    let b = client
        .send_private_msg(10001, "hi")
        .call_timeout(Duration::from_secs(60))
        .timeout(5000)
        .group_id(123456)
        .auto_escape(true);
    assert_eq!(a.request(), b.request());
    assert_eq!(format!("{a:?}"), format!("{b:?}"));

    let history = client
        .get_group_msg_history(123456)
        .reverse_order(true)
        .count(50)
        .parse_mult_msg(false);
    assert_eq!(history.request().count, Some(50));
    assert_eq!(history.request().reverse_order, Some(true));

    // Optional parameters left alone stay unset (NapCat applies its default).
    let ban = client.set_group_ban(123456, 10001);
    assert_eq!(ban.request().duration, None);
}
