//! Checking a call against the release of the NapCat it goes to, per the
//! client's [`VersionPolicy`] (the policy and what the client learned live
//! in `version_policy`, below the client; this check calls through it).
//!
//! The schema's `since` becomes [`Action::SINCE`] and
//! [`Action::PARAM_SINCE`]. Before a call that needs a release newer than
//! the oldest one on record, the client asks NapCat `get_version_info`, once
//! per connection (the transport tells when it connected anew), and
//! compares.

use std::borrow::Cow;
use std::collections::HashMap;
use std::time::Duration;

use serde::de::IgnoredAny;
use serde_json::value::RawValue;

use crate::action::Action;
use crate::actions::{GetVersionInfoReply, GetVersionInfoRequest};
use crate::client::Client;
use crate::envelope;
use crate::error::Error;
use crate::stream::StreamAction;
use crate::version::Version;
use crate::version_policy::VersionPolicy;

/// The releases one call needs: its action's, and those of the parameters
/// that may be set.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Requirement {
    since: Option<Version>,
    params: &'static [(&'static str, Version)],
}

impl Requirement {
    /// Nothing known: the call is always sent.
    pub(crate) const NONE: Requirement = Requirement {
        since: None,
        params: &[],
    };

    pub(crate) fn of<A: Action>() -> Self {
        Requirement {
            since: A::SINCE,
            params: A::PARAM_SINCE,
        }
    }

    pub(crate) fn of_stream<A: StreamAction>() -> Self {
        Requirement {
            since: A::SINCE,
            params: A::PARAM_SINCE,
        }
    }

    /// What this call needs: the action's release, then the release of each
    /// versioned parameter present in `params` (unset optional parameters
    /// are not serialized, so presence means the setter was used).
    fn needed(self, params: &RawValue) -> Vec<(Option<&'static str>, Version)> {
        let mut needed: Vec<_> = self.since.map(|since| (None, since)).into_iter().collect();
        if !self.params.is_empty() {
            let sent: HashMap<String, IgnoredAny> =
                serde_json::from_str(params.get()).unwrap_or_default();
            needed.extend(
                self.params
                    .iter()
                    .filter(|(name, _)| sent.contains_key(*name))
                    .map(|&(name, since)| (Some(name), since)),
            );
        }
        needed
    }
}

/// What a call needs that the connected NapCat lacks, under
/// [`VersionPolicy::Strict`].
#[derive(Debug)]
pub(crate) struct TooOld {
    parameter: Option<&'static str>,
    since: Version,
    connected: Version,
}

impl TooOld {
    /// The error the call of `action` fails with.
    pub(crate) fn into_error(self, action: Cow<'static, str>) -> Error {
        Error::Unsupported {
            action,
            parameter: self.parameter.map(Cow::Borrowed),
            since: self.since,
            connected: self.connected,
        }
    }
}

/// Checks a call of `action` with `params` against the connected NapCat
/// before it is sent, per the client's policy. `Ok` means: send it.
pub(crate) async fn check(
    client: &Client,
    action: &str,
    requirement: Requirement,
    params: &RawValue,
    timeout: Option<Duration>,
) -> Result<(), TooOld> {
    let policy = client.versions().policy();
    if policy == VersionPolicy::Off {
        return Ok(());
    }
    let needed = requirement.needed(params);
    if needed.is_empty() {
        return Ok(());
    }
    let Some(connected) = napcat_version(client, timeout).await else {
        return Ok(());
    };
    let Some((parameter, since)) = needed.into_iter().find(|(_, since)| connected < *since) else {
        return Ok(());
    };
    if policy == VersionPolicy::Strict {
        return Err(TooOld {
            parameter,
            since,
            connected,
        });
    }
    match parameter {
        Some(parameter) => tracing::warn!(
            %action, parameter, %since, %connected,
            "parameter `{parameter}` of `{action}` needs NapCat {since}, but NapCat {connected} is connected; sending it anyway"
        ),
        None => tracing::warn!(
            %action, %since, %connected,
            "`{action}` needs NapCat {since}, but NapCat {connected} is connected; sending it anyway"
        ),
    }
    Ok(())
}

/// The connected NapCat's release, asked once per connection. `None` when
/// it cannot be told: the check is then skipped.
async fn napcat_version(client: &Client, timeout: Option<Duration>) -> Option<Version> {
    let versions = client.versions();
    let connection = || client.transport().connection();
    if let Some(version) = versions.learned(connection()) {
        return version;
    }
    let _asking = versions.asking().await;
    // Another call may have asked while this one waited.
    if let Some(version) = versions.learned(connection()) {
        return version;
    }
    let answer = ask(client, timeout).await;
    let version = match answer {
        Ok(info) => {
            let version = napcat_release(&info);
            if version.is_none() {
                tracing::warn!(
                    app_name = %info.app_name,
                    app_version = %info.app_version,
                    "`get_version_info` names no NapCat release; not checking calls against NapCat's version on this connection"
                );
            }
            version
        }
        // An answer, but not one to read a release from.
        Err(
            error @ (Error::Action(_)
            | Error::Decode { .. }
            | Error::MalformedReply { .. }
            | Error::HttpStatus { .. }),
        ) => {
            tracing::warn!(%error, "`get_version_info` failed; not checking calls against NapCat's version on this connection");
            None
        }
        // No answer: the call itself will meet the same trouble; ask again
        // next time.
        Err(error) => {
            tracing::debug!(%error, "could not ask NapCat its version; sending the call unchecked");
            return None;
        }
    };
    // The connection the answer came over; while reconnecting there is
    // none, and the next call asks again.
    if let Some(connection) = connection() {
        versions.remember(connection, version);
    }
    version
}

async fn ask(client: &Client, timeout: Option<Duration>) -> Result<GetVersionInfoReply, Error> {
    let action = Cow::Borrowed(GetVersionInfoRequest::NAME);
    let params =
        serde_json::value::to_raw_value(&GetVersionInfoRequest::new()).map_err(|source| {
            Error::Encode {
                action: action.clone(),
                source,
            }
        })?;
    let reply = client.send(action.clone(), params, timeout).await?;
    envelope::decode_reply(
        action,
        reply.body(),
        reply.envelope(),
        GetVersionInfoRequest::decode_output,
    )
}

/// The release a `get_version_info` answer names, if it comes from NapCat.
fn napcat_release(info: &GetVersionInfoReply) -> Option<Version> {
    let is_napcat = info
        .app_name
        .get(..6)
        .is_some_and(|prefix| prefix.eq_ignore_ascii_case("napcat"));
    is_napcat
        .then(|| Version::parse(&info.app_version))
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(app_name: &str, app_version: &str) -> GetVersionInfoReply {
        GetVersionInfoReply {
            app_name: app_name.into(),
            protocol_version: "v11".into(),
            app_version: app_version.into(),
        }
    }

    #[test]
    fn only_napcat_names_a_release() {
        assert_eq!(
            napcat_release(&info("NapCat.Onebot", "4.18.19")),
            Some(Version::new(4, 18, 19))
        );
        assert_eq!(
            napcat_release(&info("napcat", "v4.15.13")),
            Some(Version::new(4, 15, 13))
        );
        assert_eq!(napcat_release(&info("go-cqhttp", "4.18.19")), None);
        assert_eq!(napcat_release(&info("Lagrange.OneBot", "1.0.0")), None);
        assert_eq!(napcat_release(&info("NapCat.Onebot", "dev")), None);
        assert_eq!(napcat_release(&info("Nap", "4.1.1")), None);
    }

    #[test]
    fn only_parameters_sent_count() {
        const PARAMS: &[(&str, Version)] = &[("timeout", Version::new(4, 17, 49))];
        let requirement = Requirement {
            since: Some(Version::new(4, 18, 0)),
            params: PARAMS,
        };
        let raw =
            |text: &str| RawValue::from_string(text.to_owned()).unwrap_or_else(|_| unreachable!());
        assert_eq!(
            requirement.needed(&raw(r#"{"group_id":"1","timeout":5}"#)),
            [
                (None, Version::new(4, 18, 0)),
                (Some("timeout"), Version::new(4, 17, 49))
            ]
        );
        assert_eq!(
            requirement.needed(&raw(r#"{"group_id":"1"}"#)),
            [(None, Version::new(4, 18, 0))]
        );
        assert!(Requirement::NONE.needed(&raw("{}")).is_empty());
    }
}
