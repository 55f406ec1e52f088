//! The subjects the gateway and the workers agree on.
//!
//! - `<prefix>.<self_id>.call`: requests to the account's NapCat.
//! - `<prefix>.<self_id>.event.<post_type>.<detail>`: its events, where
//!   `<detail>` is the `message_type`, `notice_type`, `request_type` or
//!   `meta_event_type` (`message.group`, `notice.group_increase`,
//!   `meta_event.heartbeat`).

use std::borrow::Cow;
use std::fmt;

use ncat_api::UserId;
use serde::Deserialize;

/// The subject prefix unless configured otherwise: `napcat`.
pub const DEFAULT_PREFIX: &str = "napcat";

/// The first token(s) of every subject, e.g. `napcat` or `prod.napcat`.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Prefix(String);

impl Prefix {
    /// A prefix of one or more dot-separated tokens.
    ///
    /// # Errors
    /// If it is empty, has an empty token, whitespace or a wildcard
    /// (`*`, `>`).
    pub fn new(prefix: impl Into<String>) -> Result<Prefix, InvalidPrefix> {
        let prefix = prefix.into();
        let valid = !prefix.is_empty()
            && prefix
                .split('.')
                .all(|token| !token.is_empty() && token.chars().all(is_token_char));
        if valid {
            Ok(Prefix(prefix))
        } else {
            Err(InvalidPrefix(prefix))
        }
    }

    /// The prefix as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Where calls to account `self_id` go: `<prefix>.<self_id>.call`.
    pub fn call(&self, self_id: UserId) -> String {
        format!("{}.{}.call", self.0, self_id.get())
    }

    /// Every event of account `self_id`: `<prefix>.<self_id>.event.>`.
    pub fn events_of(&self, self_id: UserId) -> String {
        format!("{}.{}.event.>", self.0, self_id.get())
    }

    /// Every event of every account: `<prefix>.*.event.>`.
    pub fn all_events(&self) -> String {
        format!("{}.*.event.>", self.0)
    }

    /// The subject of one event of account `self_id`, from the event's
    /// JSON: `<prefix>.<self_id>.event.<post_type>.<detail>`. Missing or
    /// unreadable fields become `unknown`; characters a subject token
    /// cannot hold (`.`, `*`, `>`, whitespace) become `_`.
    pub fn event(&self, self_id: UserId, json: &str) -> String {
        let head: EventHead<'_> = serde_json::from_str(json).unwrap_or_default();
        let post_type = head.post_type.as_deref().unwrap_or("unknown");
        let detail = match post_type {
            "message" | "message_sent" => head.message_type,
            "notice" => head.notice_type,
            "request" => head.request_type,
            "meta_event" => head.meta_event_type,
            _ => None,
        };
        let detail = detail.as_deref().unwrap_or("unknown");
        format!(
            "{}.{}.event.{}.{}",
            self.0,
            self_id.get(),
            token(post_type),
            token(detail)
        )
    }

    /// The account an event's JSON names in its `self_id`, if it names one.
    pub(crate) fn self_id_of(json: &str) -> Option<UserId> {
        let head: EventHead<'_> = serde_json::from_str(json).ok()?;
        head.self_id.map(UserId::new)
    }

    /// The account a subject under this prefix is about, if it is one.
    pub fn account_of(&self, subject: &str) -> Option<UserId> {
        let rest = subject.strip_prefix(self.0.as_str())?.strip_prefix('.')?;
        let id = rest.split('.').next()?;
        id.parse::<i64>().ok().map(UserId::new)
    }
}

impl Default for Prefix {
    fn default() -> Self {
        Prefix(DEFAULT_PREFIX.to_owned())
    }
}

impl fmt::Debug for Prefix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for Prefix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A subject prefix that NATS cannot use.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{0}` is not a subject prefix: it needs dot-separated tokens without whitespace, `*` or `>`"
)]
pub struct InvalidPrefix(String);

/// The fields of an event that name its subject.
#[derive(Deserialize, Default)]
struct EventHead<'a> {
    self_id: Option<i64>,
    #[serde(borrow)]
    post_type: Option<Cow<'a, str>>,
    #[serde(borrow)]
    message_type: Option<Cow<'a, str>>,
    #[serde(borrow)]
    notice_type: Option<Cow<'a, str>>,
    #[serde(borrow)]
    request_type: Option<Cow<'a, str>>,
    #[serde(borrow)]
    meta_event_type: Option<Cow<'a, str>>,
}

fn is_token_char(c: char) -> bool {
    !(c.is_whitespace() || matches!(c, '.' | '*' | '>'))
}

/// `text` as one subject token.
fn token(text: &str) -> Cow<'_, str> {
    if text.is_empty() {
        Cow::Borrowed("unknown")
    } else if text.chars().all(is_token_char) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(
            text.chars()
                .map(|c| if is_token_char(c) { c } else { '_' })
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    #[test]
    fn events_go_to_a_subject_per_account_and_kind() {
        let prefix = Prefix::default();
        let id = UserId::new(10001);
        let cases = [
            (
                r#"{"post_type":"message","message_type":"group"}"#,
                "napcat.10001.event.message.group",
            ),
            (
                r#"{"post_type":"message_sent","message_type":"private"}"#,
                "napcat.10001.event.message_sent.private",
            ),
            (
                r#"{"post_type":"notice","notice_type":"group_increase"}"#,
                "napcat.10001.event.notice.group_increase",
            ),
            (
                r#"{"post_type":"request","request_type":"friend"}"#,
                "napcat.10001.event.request.friend",
            ),
            (
                r#"{"post_type":"meta_event","meta_event_type":"heartbeat"}"#,
                "napcat.10001.event.meta_event.heartbeat",
            ),
            (
                r#"{"post_type":"new_kind","x":1}"#,
                "napcat.10001.event.new_kind.unknown",
            ),
            (
                r#"{"post_type":"notice","notice_type":"a.b *>c"}"#,
                "napcat.10001.event.notice.a_b___c",
            ),
            (r#"{"post_type":""}"#, "napcat.10001.event.unknown.unknown"),
            ("not json", "napcat.10001.event.unknown.unknown"),
        ];
        for (json, subject) in cases {
            assert_eq!(prefix.event(id, json), subject, "{json}");
        }
    }

    #[test]
    fn escaped_field_values_are_read() {
        let subject = Prefix::default().event(
            UserId::new(1),
            r#"{"post_type":"n\u006ftice","notice_type":"poke"}"#,
        );
        assert_eq!(subject, "napcat.1.event.notice.poke");
    }

    #[test]
    fn an_event_names_its_account() {
        assert_eq!(
            Prefix::self_id_of(r#"{"time":1,"self_id":10001,"post_type":"meta_event"}"#),
            Some(UserId::new(10001))
        );
        assert_eq!(Prefix::self_id_of(r#"{"post_type":"notice"}"#), None);
        assert_eq!(Prefix::self_id_of(r#"{"self_id":"x"}"#), None);
        assert_eq!(Prefix::self_id_of("not json"), None);
    }

    #[test]
    fn prefixes_are_checked() {
        assert_eq!(
            Prefix::new("prod.napcat").unwrap().call(UserId::new(7)),
            "prod.napcat.7.call"
        );
        for bad in ["", ".", "a..b", "a.*", "a b", ">", "a."] {
            assert!(Prefix::new(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn the_account_is_read_back_from_a_subject() {
        let prefix = Prefix::new("prod.napcat").unwrap();
        assert_eq!(
            prefix.account_of("prod.napcat.42.event.message.group"),
            Some(UserId::new(42))
        );
        assert_eq!(prefix.account_of("prod.napcat.x.call"), None);
        assert_eq!(prefix.account_of("other.42.call"), None);
        assert_eq!(prefix.account_of("prod.napcatx.42.call"), None);
    }
}
