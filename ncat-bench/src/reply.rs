//! The one request every benchmark makes and the reply the server gives it.

/// The action every call invokes.
pub const ACTION: &str = "get_stranger_info";

/// The user every call asks about.
pub const USER_ID: i64 = 10001;

/// `params` of every request, as ncat sends it (user ids as strings).
pub const PARAMS: &str = r#"{"user_id":"10001"}"#;

/// A NapCat-shaped `get_stranger_info` reply, up to the `echo` value.
macro_rules! reply_head {
    () => {
        concat!(
            r#"{"status":"ok","retcode":0,"data":{"user_id":10001,"uid":"u_4H1xGq3qmP0Mf3Yq8Hh5Aw","#,
            r#""nickname":"小明","age":21,"qid":"","qqLevel":34,"sex":"male","long_nick":"hello","#,
            r#""reg_time":1367219413,"is_vip":false,"is_years_vip":false,"vip_level":0,"remark":"","#,
            r#""status":20,"login_days":0},"message":"","wording":"","echo":"#
        )
    };
}

/// What NapCat writes after the `echo` value.
const REPLY_TAIL: &str = r#","stream":"normal-action"}"#;

/// The HTTP reply: the same envelope, whose `echo` is `null` over HTTP.
pub const HTTP_REPLY: &str = concat!(reply_head!(), r#"null,"stream":"normal-action"}"#);

/// The WebSocket reply to the request whose `echo` is `echo` (raw JSON).
pub fn ws_reply(echo: &str) -> String {
    const HEAD: &str = reply_head!();
    let mut reply = String::with_capacity(HEAD.len() + echo.len() + REPLY_TAIL.len());
    reply.push_str(HEAD);
    reply.push_str(echo);
    reply.push_str(REPLY_TAIL);
    reply
}
