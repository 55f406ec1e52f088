//! NapCat release numbers: what the schema's `since` names and what
//! `get_version_info` reports.

use std::fmt;

/// A NapCat release, `major.minor.patch` (`4.17.20`), ordered by release.
///
/// The schema's `since` values are [`Action::SINCE`](crate::Action::SINCE)
/// constants of this type, and [`Client::napcat_version`](crate::Client::napcat_version)
/// reports the connected NapCat's as one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    major: u32,
    minor: u32,
    patch: u32,
}

impl Version {
    /// The release `major.minor.patch`.
    pub const fn new(major: u32, minor: u32, patch: u32) -> Self {
        Version {
            major,
            minor,
            patch,
        }
    }

    /// Reads a version the way NapCat reports it in `get_version_info`'s
    /// `app_version`: `4.17.20`, also with a leading `v` or a pre-release or
    /// build suffix (`v4.18.0-beta.1`, `4.18.0+abc`), which is ignored.
    /// `None` for anything else.
    pub fn parse(text: &str) -> Option<Version> {
        let text = text.trim();
        let text = text
            .strip_prefix(['v', 'V'])
            .unwrap_or(text)
            .split(['-', '+'])
            .next()?;
        let mut parts = text.split('.').map(|part| {
            if part.is_empty() || !part.bytes().all(|byte| byte.is_ascii_digit()) {
                return None;
            }
            part.parse::<u32>().ok()
        });
        let version = Version::new(parts.next()??, parts.next()??, parts.next()??);
        parts.next().is_none().then_some(version)
    }

    /// The major number (`4` in `4.17.20`).
    pub const fn major(self) -> u32 {
        self.major
    }

    /// The minor number (`17` in `4.17.20`).
    pub const fn minor(self) -> u32 {
        self.minor
    }

    /// The patch number (`20` in `4.17.20`).
    pub const fn patch(self) -> u32 {
        self.patch
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_napcat_reports() {
        assert_eq!(Version::parse("4.18.19"), Some(Version::new(4, 18, 19)));
        assert_eq!(Version::parse("v4.17.20"), Some(Version::new(4, 17, 20)));
        assert_eq!(
            Version::parse(" 4.18.0-beta.1 "),
            Some(Version::new(4, 18, 0))
        );
        assert_eq!(Version::parse("4.18.0+build"), Some(Version::new(4, 18, 0)));
        for bad in [
            "", "4.18", "4.18.1.2", "four", "4.x.1", "4..1", "-4.1.1", "v",
        ] {
            assert_eq!(Version::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn orders_by_release_not_by_text() {
        assert!(Version::new(4, 9, 0) < Version::new(4, 17, 0));
        assert!(Version::new(4, 17, 20) < Version::new(4, 17, 49));
        assert!(Version::new(4, 18, 0) > Version::new(4, 17, 55));
        assert_eq!(Version::new(4, 17, 20).to_string(), "4.17.20");
    }
}
