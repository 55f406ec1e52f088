//! The NapCat release the mock plays, and which actions that release lacks.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use serde_json::{Value, json};

use crate::frames::Adapter;
use crate::reply::MockReply;

/// What `get_version_info` reports unless told otherwise: the release the mock imitates.
pub(crate) const DEFAULT_NAPCAT_VERSION: &str = "4.18.19";

/// The release played and the release that introduced each action.
#[derive(Debug)]
pub(crate) struct Versions {
    current: Mutex<String>,
    since: HashMap<String, String>,
}

impl Versions {
    pub(crate) fn new(current: String, since: HashMap<String, String>) -> Self {
        Self {
            current: Mutex::new(current),
            since,
        }
    }

    pub(crate) fn current(&self) -> String {
        self.current
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    pub(crate) fn set_current(&self, version: String) {
        *self.current.lock().unwrap_or_else(PoisonError::into_inner) = version;
    }

    /// NapCat's answer to `get_version_info`.
    pub(crate) fn info(&self) -> MockReply {
        MockReply::ok(json!({
            "app_name": "NapCat.Onebot",
            "protocol_version": "v11",
            "app_version": Value::String(self.current()),
        }))
    }

    /// The answer of a release older than `action`: NapCat's unknown-action failure. `None`
    /// when the release played has it (or either release is not `major.minor.patch`).
    pub(crate) fn too_new(&self, action: &str, adapter: Adapter) -> Option<MockReply> {
        let since = release(self.since.get(action)?)?;
        let current = release(&self.current())?;
        (current.cmp(&since) == Ordering::Less).then(|| match adapter {
            Adapter::Http => MockReply::failed(200, format!("不支持的Api {action}")),
            Adapter::WebSocket => MockReply::failed(1404, format!("不支持的API {action}")),
        })
    }
}

/// `4.17.20` as numbers, ordered by release.
fn release(text: &str) -> Option<[u32; 3]> {
    let mut parts = text.trim().trim_start_matches('v').split('.');
    let mut next = || parts.next()?.parse::<u32>().ok();
    let release = [next()?, next()?, next()?];
    parts.next().is_none().then_some(release)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_older_release_lacks_newer_actions_only() {
        let since = HashMap::from([("set_group_todo".to_owned(), "4.17.20".to_owned())]);
        let versions = Versions::new("4.15.13".to_owned(), since);
        assert!(versions.too_new("set_group_todo", Adapter::Http).is_some());
        assert!(versions.too_new("get_status", Adapter::Http).is_none());
        versions.set_current("4.17.20".to_owned());
        assert!(
            versions
                .too_new("set_group_todo", Adapter::WebSocket)
                .is_none()
        );
        versions.set_current("4.9.1".to_owned());
        assert!(
            versions
                .too_new("set_group_todo", Adapter::WebSocket)
                .is_some()
        );
        assert_eq!(release("v4.18.19"), Some([4, 18, 19]));
        assert_eq!(release("4.18"), None);
    }
}
