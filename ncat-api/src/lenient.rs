//! Lenient decoding of values NapCat writes in more than one form.
//!
//! NapCat is written in JavaScript: a field it declares as a number sometimes
//! arrives as a numeric string (`"file_size": "1024"`), a string field as a
//! number, and in CQ-code strings every value is text. Generated reply
//! structs, events and segments decode such fields through these functions,
//! so every form NapCat produces is read; anything else is still an error.
//!
//! Use them in your own types with `#[serde(deserialize_with = "…")]`, as
//! the code [`extend!`](crate::extend) generates does:
//!
//! ```
//! #[derive(serde::Deserialize)]
//! struct FileInfo {
//!     #[serde(deserialize_with = "ncat_api::lenient::integer")]
//!     file_size: u64,
//! }
//! let info: FileInfo = serde_json::from_str(r#"{"file_size": "1024"}"#)?;
//! assert_eq!(info.file_size, 1024);
//! # Ok::<(), serde_json::Error>(())
//! ```

use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use serde::de::{self, Deserialize, Deserializer, Unexpected, Visitor};

/// An integer, from a JSON number or a string holding one.
pub fn integer<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: TryFrom<i64> + TryFrom<u64> + FromStr,
{
    deserializer.deserialize_any(IntegerVisitor(PhantomData))
}

/// [`integer`], for fields that may also be absent, `null` or `""` (NapCat
/// writes an empty string for some unset numbers). Use with
/// `#[serde(default)]`.
pub fn optional_integer<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: TryFrom<i64> + TryFrom<u64> + FromStr,
{
    deserializer.deserialize_any(OptionVisitor(IntegerVisitor(PhantomData)))
}

/// A string, from a JSON string or number (a number keeps its decimal text,
/// so a 19-digit id keeps every digit).
pub fn string<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    deserializer.deserialize_any(StringVisitor)
}

/// [`string`], for fields that may also be absent or `null`.
pub fn optional_string<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    Ok(Option::<Text>::deserialize(deserializer)?.map(|Text(text)| text))
}

/// A finite float (a map coordinate), from a JSON number or a decimal
/// string. `NaN`, `inf` and numbers too large for an `f64` (`1e999`) are
/// refused: they could not be written back as the same value.
pub fn float<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
    deserializer.deserialize_any(FloatVisitor)
}

/// A flag, from `true`/`false` or the strings `"true"`/`"false"`.
pub fn flag<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    deserializer.deserialize_any(FlagVisitor)
}

struct Text(String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        string(deserializer).map(Text)
    }
}

struct IntegerVisitor<T>(PhantomData<T>);

impl<T: TryFrom<i64> + TryFrom<u64> + FromStr> Visitor<'_> for IntegerVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an integer, or a string holding one")
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<T, E> {
        T::try_from(value).map_err(|_| E::invalid_value(Unexpected::Signed(value), &self))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<T, E> {
        T::try_from(value).map_err(|_| E::invalid_value(Unexpected::Unsigned(value), &self))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
        value
            .trim()
            .parse()
            .map_err(|_| E::invalid_value(Unexpected::Str(value), &self))
    }
}

struct StringVisitor;

impl Visitor<'_> for StringVisitor {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string or a number")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<String, E> {
        Ok(value.to_owned())
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<String, E> {
        Ok(value)
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<String, E> {
        Ok(value.to_string())
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<String, E> {
        Ok(value.to_string())
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<String, E> {
        Ok(value.to_string())
    }
}

struct FloatVisitor;

impl Visitor<'_> for FloatVisitor {
    type Value = f64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a finite number or a decimal string holding one")
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<f64, E> {
        if value.is_finite() {
            Ok(value)
        } else {
            Err(E::invalid_value(Unexpected::Float(value), &self))
        }
    }

    // Integral coordinates are exact in an f64 for every value a map uses.
    #[allow(clippy::cast_precision_loss)]
    fn visit_u64<E: de::Error>(self, value: u64) -> Result<f64, E> {
        Ok(value as f64)
    }

    #[allow(clippy::cast_precision_loss)]
    fn visit_i64<E: de::Error>(self, value: i64) -> Result<f64, E> {
        Ok(value as f64)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<f64, E> {
        // Rust's parser is exact, but reads `NaN`, `inf` and, for `1e999`,
        // infinity too.
        value
            .parse::<f64>()
            .ok()
            .filter(|value| value.is_finite())
            .ok_or_else(|| E::invalid_value(Unexpected::Str(value), &self))
    }
}

struct FlagVisitor;

impl Visitor<'_> for FlagVisitor {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a boolean or \"true\"/\"false\"")
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<bool, E> {
        Ok(value)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<bool, E> {
        match value {
            "true" => Ok(true),
            "false" => Ok(false),
            _ => Err(E::invalid_value(Unexpected::Str(value), &self)),
        }
    }
}

/// Reads `null`, absent and `""` as `None` around another visitor.
struct OptionVisitor<V>(V);

impl<'de, V: Visitor<'de>> Visitor<'de> for OptionVisitor<V> {
    type Value = Option<V::Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)?;
        f.write_str(", or null")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        self.0.visit_u64(value).map(Some)
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        self.0.visit_i64(value).map(Some)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
        if value.is_empty() {
            Ok(None)
        } else {
            self.0.visit_str(value).map(Some)
        }
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde_json::json;

    #[derive(Debug, PartialEq, Deserialize)]
    struct Reply {
        #[serde(deserialize_with = "super::integer")]
        count: u32,
        #[serde(default, deserialize_with = "super::optional_integer")]
        size: Option<u64>,
        #[serde(deserialize_with = "super::string")]
        name: String,
        #[serde(default, deserialize_with = "super::optional_string")]
        remark: Option<String>,
    }

    fn decode(value: serde_json::Value) -> Result<Reply, serde_json::Error> {
        serde_json::from_value(value)
    }

    #[test]
    fn reads_numbers_and_numeric_strings_alike() {
        let expected = Reply {
            count: 3,
            size: Some(1024),
            name: "42".into(),
            remark: Some("7".into()),
        };
        let numbers = json!({"count": 3, "size": 1024, "name": 42, "remark": 7});
        let strings = json!({"count": "3", "size": "1024", "name": "42", "remark": "7"});
        assert_eq!(decode(numbers).unwrap(), expected);
        assert_eq!(decode(strings).unwrap(), expected);
    }

    #[test]
    fn optional_fields_may_be_absent_or_null() {
        let expected = Reply {
            count: 0,
            size: None,
            name: String::new(),
            remark: None,
        };
        assert_eq!(decode(json!({"count": 0, "name": ""})).unwrap(), expected);
        let nulls = json!({"count": 0, "name": "", "size": null, "remark": null});
        assert_eq!(decode(nulls).unwrap(), expected);
        let empty = json!({"count": 0, "name": "", "size": ""});
        assert_eq!(
            decode(empty).unwrap(),
            expected,
            "NapCat's empty string for an unset number"
        );
    }

    #[test]
    fn rejects_what_is_not_a_number_or_out_of_range() {
        for bad in [
            json!({"count": "three", "name": ""}),
            json!({"count": -1, "name": ""}),
            json!({"count": 4_294_967_296_u64, "name": ""}),
            json!({"count": true, "name": ""}),
            json!({"count": 1, "name": ["x"]}),
        ] {
            assert!(decode(bad.clone()).is_err(), "{bad} should not decode");
        }
    }
}
