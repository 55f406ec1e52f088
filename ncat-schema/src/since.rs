//! NapCat release numbers, and the `since` an action, parameter or field
//! carries: the release that introduced it.

use std::fmt;

/// A NapCat release, `major.minor.patch` (`4.17.20`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    /// Major number.
    pub major: u32,
    /// Minor number.
    pub minor: u32,
    /// Patch number.
    pub patch: u32,
}

impl Version {
    /// Reads exactly three dot-separated decimal numbers (`4.17.20`).
    pub fn parse(text: &str) -> Option<Version> {
        let mut parts = text.split('.').map(|part| {
            (!part.is_empty() && part.bytes().all(|byte| byte.is_ascii_digit()))
                .then(|| part.parse::<u32>().ok())
                .flatten()
        });
        let version = Version {
            major: parts.next()??,
            minor: parts.next()??,
            patch: parts.next()??,
        };
        parts.next().is_none().then_some(version)
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// The NapCat release that introduced an action, parameter or field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Since {
    /// First present in this release (written `"4.17.20"`).
    Release(Version),
    /// Present in this release and maybe in older ones: the oldest release
    /// whose API is on record has it (written `"<=4.12.0"`). Every NapCat
    /// ncat tracks supports it.
    AtOrBefore(Version),
}

/// How [`Since::AtOrBefore`] is written.
const AT_OR_BEFORE: &str = "<=";

impl Since {
    /// Reads `"4.17.20"` or `"<=4.12.0"`.
    pub fn parse(text: &str) -> Option<Since> {
        match text.strip_prefix(AT_OR_BEFORE) {
            Some(version) => Version::parse(version).map(Since::AtOrBefore),
            None => Version::parse(text).map(Since::Release),
        }
    }

    /// The release named, with or without "or older".
    pub fn version(self) -> Version {
        match self {
            Since::Release(version) | Since::AtOrBefore(version) => version,
        }
    }

    /// The oldest NapCat that has it, when known: `None` for "or older".
    pub fn minimum(self) -> Option<Version> {
        match self {
            Since::Release(version) => Some(version),
            Since::AtOrBefore(_) => None,
        }
    }
}

impl fmt::Display for Since {
    /// The schema spelling: `4.17.20` or `<=4.12.0`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Since::Release(version) => write!(f, "{version}"),
            Since::AtOrBefore(version) => write!(f, "{AT_OR_BEFORE}{version}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_releases_and_or_older() {
        let v = |major, minor, patch| Version {
            major,
            minor,
            patch,
        };
        assert_eq!(Since::parse("4.17.20"), Some(Since::Release(v(4, 17, 20))));
        assert_eq!(
            Since::parse("<=4.12.0"),
            Some(Since::AtOrBefore(v(4, 12, 0)))
        );
        for bad in [
            "4.17",
            "4.17.20.1",
            "v4.17.20",
            "4.x.1",
            "4..1",
            "",
            "<=",
            " 4.1.1",
            "4.1.+1",
        ] {
            assert_eq!(Since::parse(bad), None, "{bad}");
        }
        assert!(v(4, 9, 99) < v(4, 17, 0));
        assert_eq!(Since::AtOrBefore(v(4, 12, 0)).to_string(), "<=4.12.0");
        assert_eq!(Since::AtOrBefore(v(4, 12, 0)).minimum(), None);
    }
}
