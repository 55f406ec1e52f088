//! Typed QQ ids, so a group number cannot be passed where a user is meant.

use std::fmt;
use std::num::ParseIntError;
use std::str::FromStr;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// Defines an `i64` id newtype.
///
/// `wire = string` serializes the id as a decimal string, `wire = number` as
/// a JSON number. Both deserialize from either form, since NapCat is not
/// consistent about which one it sends.
///
/// Only `From<i64>` is implemented: with a second integer impl, a literal
/// passed as `impl Into<GroupId>` would no longer infer its type.
macro_rules! define_id {
    ($(#[$doc:meta])* $name:ident, wire = $wire:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(i64);

        impl $name {
            #[doc = concat!("Wraps a raw number as a `", stringify!($name), "`.")]
            pub const fn new(id: i64) -> Self {
                $name(id)
            }

            /// The raw number.
            pub const fn get(self) -> i64 {
                self.0
            }
        }

        impl From<i64> for $name {
            fn from(id: i64) -> Self {
                $name(id)
            }
        }

        impl From<$name> for i64 {
            fn from(id: $name) -> i64 {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }

        impl FromStr for $name {
            type Err = ParseIntError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.parse().map($name)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                define_id!(@serialize $wire, self.0, serializer)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer
                    .deserialize_any(IdVisitor(stringify!($name)))
                    .map($name)
            }
        }
    };
    (@serialize string, $id:expr, $serializer:ident) => {
        $serializer.serialize_str(itoa::Buffer::new().format($id))
    };
    (@serialize number, $id:expr, $serializer:ident) => {
        $serializer.serialize_i64($id)
    };
}

define_id! {
    /// A QQ account number (`user_id`, `operator_id`, `self_id`, …).
    ///
    /// Sent as a decimal string, the type NapCat declares for it in
    /// requests; read from a number or a numeric string.
    UserId, wire = string
}

define_id! {
    /// A QQ group number (`group_id`).
    ///
    /// Sent as a decimal string, the type NapCat declares for it in
    /// requests; read from a number or a numeric string.
    GroupId, wire = string
}

define_id! {
    /// NapCat's short id of a message (`message_id`), as returned by the
    /// send actions and carried by message events.
    ///
    /// NapCat keeps it in an in-memory cache: ids of old messages, or from
    /// before a NapCat restart, no longer resolve. Sent as a JSON number;
    /// read from a number or a numeric string.
    MessageId, wire = number
}

/// Reads an id from a JSON integer or a string holding one.
struct IdVisitor(&'static str);

impl Visitor<'_> for IdVisitor {
    type Value = i64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} as an integer or a numeric string", self.0)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<i64, E> {
        Ok(v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<i64, E> {
        i64::try_from(v).map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<i64, E> {
        v.parse()
            .map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use std::collections::HashSet;

    use serde_json::json;

    use super::*;

    #[test]
    fn user_and_group_ids_serialize_as_strings() {
        assert_eq!(
            serde_json::to_value(UserId::new(10001)).unwrap(),
            json!("10001")
        );
        assert_eq!(
            serde_json::to_value(GroupId::new(123456789012)).unwrap(),
            json!("123456789012")
        );
        assert_eq!(serde_json::to_value(UserId::new(-5)).unwrap(), json!("-5"));
    }

    #[test]
    fn message_ids_serialize_as_numbers() {
        assert_eq!(
            serde_json::to_value(MessageId::new(1588762139)).unwrap(),
            json!(1588762139)
        );
    }

    #[test]
    fn ids_deserialize_from_numbers_and_numeric_strings() {
        for input in [json!(123), json!("123")] {
            assert_eq!(
                serde_json::from_value::<UserId>(input.clone())
                    .unwrap()
                    .get(),
                123
            );
            assert_eq!(
                serde_json::from_value::<GroupId>(input.clone())
                    .unwrap()
                    .get(),
                123
            );
            assert_eq!(
                serde_json::from_value::<MessageId>(input).unwrap().get(),
                123
            );
        }
        assert_eq!(
            serde_json::from_str::<MessageId>("-7").unwrap(),
            MessageId::new(-7)
        );
        assert_eq!(
            serde_json::from_str::<UserId>(r#""9223372036854775807""#).unwrap(),
            UserId::new(i64::MAX)
        );
    }

    #[test]
    fn ids_reject_anything_else() {
        let bad = [
            r#""abc""#,
            r#""""#,
            r#"" 123""#,
            r#""12.5""#,
            "12.5",
            "18446744073709551615",
            "null",
            "true",
            "[1]",
            r#"{"id":1}"#,
        ];
        for input in bad {
            assert!(serde_json::from_str::<UserId>(input).is_err(), "{input}");
            assert!(serde_json::from_str::<GroupId>(input).is_err(), "{input}");
            assert!(serde_json::from_str::<MessageId>(input).is_err(), "{input}");
        }
        let error = serde_json::from_str::<GroupId>(r#""abc""#).unwrap_err();
        assert!(error.to_string().contains("GroupId"), "{error}");
    }

    #[test]
    fn ids_round_trip_through_serde() {
        let user = UserId::new(10001);
        let text = serde_json::to_string(&user).unwrap();
        assert_eq!(serde_json::from_str::<UserId>(&text).unwrap(), user);
        let message = MessageId::new(42);
        let text = serde_json::to_string(&message).unwrap();
        assert_eq!(serde_json::from_str::<MessageId>(&text).unwrap(), message);
    }

    #[test]
    fn ids_deserialize_inside_structs() {
        #[derive(Deserialize)]
        struct Member {
            group_id: GroupId,
            user_id: UserId,
        }
        let member: Member =
            serde_json::from_str(r#"{"group_id":"123456","user_id":10002}"#).unwrap();
        assert_eq!(member.group_id, GroupId::new(123456));
        assert_eq!(member.user_id, UserId::new(10002));
    }

    #[test]
    fn display_and_from_str_use_decimal() {
        assert_eq!(UserId::new(10001).to_string(), "10001");
        assert_eq!(format!("{:>7}", GroupId::new(42)), "     42");
        assert_eq!("10001".parse::<UserId>().unwrap(), UserId::new(10001));
        assert_eq!("-1".parse::<MessageId>().unwrap(), MessageId::new(-1));
        assert!("abc".parse::<GroupId>().is_err());
        assert!("".parse::<UserId>().is_err());
    }

    #[test]
    fn ids_convert_to_and_from_i64() {
        fn group(id: impl Into<GroupId>) -> GroupId {
            id.into()
        }
        // An untyped literal must infer as i64 through `impl Into<GroupId>`.
        assert_eq!(group(123456), GroupId::new(123456));
        assert_eq!(group(GroupId::new(7)).get(), 7);
        assert_eq!(i64::from(UserId::from(10001)), 10001);
        let raw: i64 = MessageId::new(5).into();
        assert_eq!(raw, 5);
    }

    #[test]
    fn ids_are_ordered_hashable_copy_values() {
        let a = UserId::new(1);
        let b = a;
        assert_eq!(a, b);
        assert!(UserId::new(1) < UserId::new(2));
        let set: HashSet<_> = [GroupId::new(1), GroupId::new(1), GroupId::new(2)].into();
        assert_eq!(set.len(), 2);
    }
}
