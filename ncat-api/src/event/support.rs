//! What event structs are made of: the [`event_struct!`](crate::__event_struct)
//! and [`open_enum!`](crate::__open_enum) macros and the runtime they expand
//! to. ncat's own events and the events a bot adds with
//! [`extend!`](crate::extend) are both written with them, so both decode the
//! same way:
//!
//! - a key the struct has a field for is decoded straight into the field,
//!   from the bytes of the frame (no intermediate `serde_json::Value`);
//! - a key that only chose the variant (`post_type`, `notice_type`, …) is
//!   skipped;
//! - any other key is kept, as JSON, in the struct's extra keys, read with
//!   `extra("key")` and written back when the event is serialized. Events
//!   carry none in the common case, which then costs nothing (an empty map
//!   does not allocate); `#[serde(flatten)]` would buffer every key instead.
//!
//! Not part of the public API: only the macros' expansions use it.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Serialize, Serializer};

use crate::id::{GroupId, MessageId, UserId};
use crate::lenient;

pub use serde;
pub use serde_json;

/// The keys of an event that are not fields of its struct, as sent.
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// The keys that choose an event's variant. A struct that has one of them
/// as a field (`sub_type`, mostly) reads it as a field; the others are
/// skipped rather than kept as extra keys, and written back from the
/// variant when the event is serialized.
pub fn is_tag(key: &str) -> bool {
    matches!(
        key,
        "post_type"
            | "message_type"
            | "notice_type"
            | "request_type"
            | "meta_event_type"
            | "sub_type"
    )
}

/// An object key, borrowed from the frame when it has no escapes.
pub struct Key<'de>(pub Cow<'de, str>);

impl Key<'_> {
    /// The key's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The key as an owned string (kept as an extra key).
    pub fn into_owned(self) -> String {
        self.0.into_owned()
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }

    fn visit_borrowed_str<E: de::Error>(self, key: &'de str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Borrowed(key)))
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(key.to_owned())))
    }

    fn visit_string<E: de::Error>(self, key: String) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(key)))
    }
}

/// A field decoded through one of the [`lenient`] functions: NapCat sends
/// these numbers and strings in either form.
pub struct Lenient<T>(pub T);

impl<'de> Deserialize<'de> for Lenient<String> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        lenient::string(deserializer).map(Lenient)
    }
}

impl<'de> Deserialize<'de> for Lenient<Option<String>> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        lenient::optional_string(deserializer).map(Lenient)
    }
}

macro_rules! lenient_integers {
    ($($int:ty),*) => {$(
        impl<'de> Deserialize<'de> for Lenient<$int> {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                lenient::integer(deserializer).map(Lenient)
            }
        }

        impl<'de> Deserialize<'de> for Lenient<Option<$int>> {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                lenient::optional_integer(deserializer).map(Lenient)
            }
        }
    )*};
}

lenient_integers!(i32, i64, u32, u64);

/// Ids in events are JSON numbers, as NapCat sends them (in requests ncat
/// sends user and group ids as strings, the type NapCat declares there).
pub trait WireId: Copy {
    /// The raw number.
    fn number(self) -> i64;
}

impl WireId for UserId {
    fn number(self) -> i64 {
        self.get()
    }
}

impl WireId for GroupId {
    fn number(self) -> i64 {
        self.get()
    }
}

impl WireId for MessageId {
    fn number(self) -> i64 {
        self.get()
    }
}

/// `serialize_with` for an id written as a number.
pub fn id_number<S: Serializer, I: WireId>(id: &I, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_i64(id.number())
}

/// `serialize_with` for an optional id written as a number.
pub fn optional_id_number<S: Serializer, I: WireId>(
    id: &Option<I>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    id.map(WireId::number).serialize(serializer)
}

/// An event struct's fields and extra keys, written into a JSON object
/// whose tags (`post_type`, …) the caller writes.
pub trait EventFields {
    /// Writes every field (absent optional ones left out) and every extra key.
    fn write_fields<M: serde::ser::SerializeMap>(&self, map: &mut M) -> Result<(), M::Error>;
}

/// Writes an event struct as a JSON object: `tags` first, then its fields
/// and extra keys.
pub fn serialize_event<S: Serializer, E: EventFields>(
    event: &E,
    tags: &[(&str, &str)],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut map = serializer.serialize_map(None)?;
    for (key, value) in tags {
        map.serialize_entry(key, value)?;
    }
    event.write_fields(&mut map)?;
    map.end()
}

/// The keys that choose an event's variant, read before the event itself
/// (NapCat writes `post_type` last): what [`Event`](super::Event) decoding
/// reads first. Other values are skipped without being built.
#[derive(Default)]
pub struct Tags<'de> {
    /// `post_type`, if a string.
    pub post_type: Option<Tag<'de>>,
    /// `message_type`, if a string.
    pub message_type: Option<Tag<'de>>,
    /// `notice_type`, if a string.
    pub notice_type: Option<Tag<'de>>,
    /// `request_type`, if a string.
    pub request_type: Option<Tag<'de>>,
    /// `meta_event_type`, if a string.
    pub meta_event_type: Option<Tag<'de>>,
    /// `sub_type`, if a string.
    pub sub_type: Option<Tag<'de>>,
}

/// One tag's value: its text, or `Other` if it is not a string.
pub enum Tag<'de> {
    /// A string.
    Text(Cow<'de, str>),
    /// Anything else (it chooses nothing).
    Other,
}

impl Tag<'_> {
    /// The text of a string tag.
    pub fn text<'a>(tag: &'a Option<Tag<'_>>) -> Option<&'a str> {
        match tag {
            Some(Tag::Text(text)) => Some(text),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for Tags<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(TagsVisitor)
    }
}

struct TagsVisitor;

impl<'de> Visitor<'de> for TagsVisitor {
    type Value = Tags<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an event object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Tags<'de>, A::Error> {
        let mut tags = Tags::default();
        while let Some(key) = map.next_key::<Key<'de>>()? {
            let slot = match key.as_str() {
                "post_type" => &mut tags.post_type,
                "message_type" => &mut tags.message_type,
                "notice_type" => &mut tags.notice_type,
                "request_type" => &mut tags.request_type,
                "meta_event_type" => &mut tags.meta_event_type,
                "sub_type" => &mut tags.sub_type,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
            };
            *slot = Some(map.next_value()?);
        }
        Ok(tags)
    }
}

impl<'de> Deserialize<'de> for Tag<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TagVisitor)
    }
}

struct TagVisitor;

impl<'de> Visitor<'de> for TagVisitor {
    type Value = Tag<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Tag<'de>, E> {
        Ok(Tag::Text(Cow::Borrowed(text)))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Tag<'de>, E> {
        Ok(Tag::Text(Cow::Owned(text.to_owned())))
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<Tag<'de>, E> {
        Ok(Tag::Text(Cow::Owned(text)))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Tag<'de>, E> {
        Ok(Tag::Other)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Tag<'de>, E> {
        Ok(Tag::Other)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Tag<'de>, E> {
        Ok(Tag::Other)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Tag<'de>, E> {
        Ok(Tag::Other)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Tag<'de>, E> {
        Ok(Tag::Other)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Tag<'de>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Tag::Other)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Tag<'de>, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Tag::Other)
    }
}

/// Defines an event struct: the struct (with every field public and its
/// extra keys private), `extra`/`extras` to read the keys it has no field
/// for, its `Deserialize` (one pass, unknown keys kept) and its
/// [`EventFields`] and `Serialize` (fields, then extra keys).
///
/// Each field names how it is read: `required`, `default` (absent: the
/// type's default), `optional` (an `Option`, left out when `None`), the
/// same three prefixed `lenient_` (read with [`lenient`](crate::lenient)),
/// and `id` / `optional_id` (ids, written as numbers).
#[doc(hidden)]
#[macro_export]
macro_rules! __event_struct {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $(
                $(#[$field_meta:meta])*
                $field:ident : $ty:ty = $how:ident,
            )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub struct $name {
            $(
                $(#[$field_meta])*
                pub $field: $ty,
            )*
            extra: $crate::event::__support::Extra,
        }

        impl $name {
            /// A key of the event that this struct has no field for (one
            /// NapCat added after this version of ncat), as NapCat sent it.
            pub fn extra(&self, key: &str) -> ::std::option::Option<&$crate::event::__support::serde_json::Value> {
                self.extra.get(key)
            }

            /// Every key of the event that this struct has no field for.
            pub fn extras(&self) -> &$crate::event::__support::Extra {
                &self.extra
            }
        }

        impl<'de> $crate::event::__support::serde::Deserialize<'de> for $name {
            fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
            where
                D: $crate::event::__support::serde::Deserializer<'de>,
            {
                struct FieldsVisitor;

                impl<'de> $crate::event::__support::serde::de::Visitor<'de> for FieldsVisitor {
                    type Value = $name;

                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(concat!("a ", stringify!($name), " event"))
                    }

                    fn visit_map<A>(self, mut map: A) -> ::std::result::Result<$name, A::Error>
                    where
                        A: $crate::event::__support::serde::de::MapAccess<'de>,
                    {
                        $( let mut $field: ::std::option::Option<$ty> = ::std::option::Option::None; )*
                        let mut extra = $crate::event::__support::Extra::new();
                        while let ::std::option::Option::Some(key) =
                            map.next_key::<$crate::event::__support::Key<'de>>()?
                        {
                            match key.as_str() {
                                $( stringify!($field) => {
                                    $field = ::std::option::Option::Some(
                                        $crate::__event_struct!(@read $how, $ty, map)
                                    );
                                } )*
                                tag if $crate::event::__support::is_tag(tag) => {
                                    map.next_value::<$crate::event::__support::serde::de::IgnoredAny>()?;
                                }
                                _ => {
                                    let value = map.next_value()?;
                                    extra.insert(key.into_owned(), value);
                                }
                            }
                        }
                        ::std::result::Result::Ok($name {
                            $( $field: $crate::__event_struct!(@finish $how, $field, A), )*
                            extra,
                        })
                    }
                }

                deserializer.deserialize_map(FieldsVisitor)
            }
        }

        impl $crate::event::__support::EventFields for $name {
            fn write_fields<M>(&self, map: &mut M) -> ::std::result::Result<(), M::Error>
            where
                M: $crate::event::__support::serde::ser::SerializeMap,
            {
                $( $crate::__event_struct!(@write $how, map, stringify!($field), self.$field); )*
                for (key, value) in &self.extra {
                    map.serialize_entry(key, value)?;
                }
                ::std::result::Result::Ok(())
            }
        }

        impl $crate::event::__support::serde::Serialize for $name {
            fn serialize<S>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error>
            where
                S: $crate::event::__support::serde::Serializer,
            {
                $crate::event::__support::serialize_event(self, &[], serializer)
            }
        }
    };

    (@read required, $ty:ty, $map:ident) => { $map.next_value::<$ty>()? };
    (@read default, $ty:ty, $map:ident) => { $map.next_value::<$ty>()? };
    (@read optional, $ty:ty, $map:ident) => { $map.next_value::<$ty>()? };
    (@read id, $ty:ty, $map:ident) => { $map.next_value::<$ty>()? };
    (@read optional_id, $ty:ty, $map:ident) => { $map.next_value::<$ty>()? };
    (@read lenient, $ty:ty, $map:ident) => {
        $map.next_value::<$crate::event::__support::Lenient<$ty>>()?.0
    };
    (@read lenient_default, $ty:ty, $map:ident) => {
        $map.next_value::<$crate::event::__support::Lenient<$ty>>()?.0
    };
    (@read lenient_optional, $ty:ty, $map:ident) => {
        $map.next_value::<$crate::event::__support::Lenient<$ty>>()?.0
    };

    (@finish required, $field:ident, $A:ident) => { $crate::__event_struct!(@must $field, $A) };
    (@finish id, $field:ident, $A:ident) => { $crate::__event_struct!(@must $field, $A) };
    (@finish lenient, $field:ident, $A:ident) => { $crate::__event_struct!(@must $field, $A) };
    (@finish $how:ident, $field:ident, $A:ident) => { $field.unwrap_or_default() };
    (@must $field:ident, $A:ident) => {
        $field.ok_or_else(|| {
            <$A::Error as $crate::event::__support::serde::de::Error>::missing_field(stringify!($field))
        })?
    };

    (@write id, $map:ident, $key:expr, $value:expr) => {
        $map.serialize_entry($key, &$crate::event::__support::WireId::number($value))?
    };
    (@write optional_id, $map:ident, $key:expr, $value:expr) => {
        if let ::std::option::Option::Some(id) = $value {
            $map.serialize_entry($key, &$crate::event::__support::WireId::number(id))?
        }
    };
    (@write optional, $map:ident, $key:expr, $value:expr) => {
        if let ::std::option::Option::Some(value) = &$value {
            $map.serialize_entry($key, value)?
        }
    };
    (@write lenient_optional, $map:ident, $key:expr, $value:expr) => {
        if let ::std::option::Option::Some(value) = &$value {
            $map.serialize_entry($key, value)?
        }
    };
    (@write $how:ident, $map:ident, $key:expr, $value:expr) => {
        $map.serialize_entry($key, &$value)?
    };
}

/// Defines an open string enum for a `sub_type` (or another string NapCat
/// may extend): one variant per known value and `Unrecognized(String)` for
/// the rest, so a new value never turns a known event into an unknown one.
/// `as_str` gives the wire text back, for either.
#[doc(hidden)]
#[macro_export]
macro_rules! __open_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $(
                $(#[$variant_meta:meta])*
                $variant:ident = $wire:literal,
            )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $(
                $(#[$variant_meta])*
                $variant,
            )*
            /// A value this version of ncat does not know (one a newer
            /// NapCat added), as sent.
            Unrecognized(::std::string::String),
        }

        impl $name {
            /// The value as NapCat writes it.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $wire, )*
                    Self::Unrecognized(other) => other,
                }
            }

            /// The variant for a wire value.
            pub fn from_wire(text: &str) -> Self {
                match text {
                    $( $wire => Self::$variant, )*
                    other => Self::Unrecognized(::std::borrow::ToOwned::to_owned(other)),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl<'de> $crate::event::__support::serde::Deserialize<'de> for $name {
            fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
            where
                D: $crate::event::__support::serde::Deserializer<'de>,
            {
                let key = <$crate::event::__support::Key<'de>>::deserialize(deserializer)?;
                ::std::result::Result::Ok(Self::from_wire(key.as_str()))
            }
        }

        impl $crate::event::__support::serde::Serialize for $name {
            fn serialize<S>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error>
            where
                S: $crate::event::__support::serde::Serializer,
            {
                serializer.serialize_str(self.as_str())
            }
        }
    };
}
