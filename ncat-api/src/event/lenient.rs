//! Field readers for values NapCat sends sometimes as a string and
//! sometimes as a number.

use std::fmt;

use serde::Deserializer;
use serde::de::{self, Visitor};

/// A string, or a number kept as its decimal text (so a 19-digit id keeps
/// every digit).
pub(crate) fn string<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    deserializer.deserialize_any(StringOrNumber)
}

/// Like [`string`], for an optional field; `null` is `None`.
pub(crate) fn optional_string<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    deserializer.deserialize_any(OptionalStringOrNumber)
}

struct StringOrNumber;

impl Visitor<'_> for StringOrNumber {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string or a number")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<String, E> {
        Ok(text.to_owned())
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<String, E> {
        Ok(text)
    }

    fn visit_i64<E: de::Error>(self, number: i64) -> Result<String, E> {
        Ok(number.to_string())
    }

    fn visit_u64<E: de::Error>(self, number: u64) -> Result<String, E> {
        Ok(number.to_string())
    }

    fn visit_f64<E: de::Error>(self, number: f64) -> Result<String, E> {
        Ok(number.to_string())
    }
}

struct OptionalStringOrNumber;

impl<'de> Visitor<'de> for OptionalStringOrNumber {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string, a number or null")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        string(deserializer).map(Some)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        StringOrNumber.visit_str(text).map(Some)
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<Self::Value, E> {
        Ok(Some(text))
    }

    fn visit_i64<E: de::Error>(self, number: i64) -> Result<Self::Value, E> {
        StringOrNumber.visit_i64(number).map(Some)
    }

    fn visit_u64<E: de::Error>(self, number: u64) -> Result<Self::Value, E> {
        StringOrNumber.visit_u64(number).map(Some)
    }

    fn visit_f64<E: de::Error>(self, number: f64) -> Result<Self::Value, E> {
        StringOrNumber.visit_f64(number).map(Some)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use serde::Deserialize;

    #[derive(Deserialize)]
    struct Fields {
        #[serde(deserialize_with = "super::string")]
        flag: String,
        #[serde(default, deserialize_with = "super::optional_string")]
        seq: Option<String>,
    }

    #[test]
    fn strings_and_numbers_both_read_as_text() {
        let fields: Fields = serde_json::from_str(r#"{"flag":"1718000000","seq":8841}"#).unwrap();
        assert_eq!(fields.flag, "1718000000");
        assert_eq!(fields.seq.as_deref(), Some("8841"));
        let fields: Fields =
            serde_json::from_str(r#"{"flag":7672696335120716277,"seq":null}"#).unwrap();
        assert_eq!(fields.flag, "7672696335120716277");
        assert_eq!(fields.seq, None);
        let fields: Fields = serde_json::from_str(r#"{"flag":"x"}"#).unwrap();
        assert_eq!(fields.seq, None);
        assert!(serde_json::from_str::<Fields>(r#"{"flag":true}"#).is_err());
    }
}
