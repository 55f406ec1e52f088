//! Reading a whole reply envelope in one pass, decoding `data` on the way.
//!
//! The common case (a well-formed envelope whose `data` decodes) then costs
//! one parse of the reply. Anything unexpected is left to the two-step
//! reading in the parent module, which says precisely what is wrong.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::value::UnitDeserializer;
use serde::de::{DeserializeSeed, Deserializer, Error as _, IgnoredAny, MapAccess, Visitor};

use super::{Failure, ReadData};

/// Reads the envelope `body` and decodes its `data` with `R`: the output
/// of a success, or what a failure says. Any error (a malformed envelope,
/// `data` that does not decode) means the caller must read it the careful
/// way.
pub(super) fn read<R: ReadData>(
    body: &str,
) -> Result<Result<R::Output, Failure>, serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_str(body);
    let read = deserializer.deserialize_map(EnvelopeVisitor::<R>(PhantomData))?;
    deserializer.end()?;
    Ok(read)
}

struct EnvelopeVisitor<R>(PhantomData<R>);

impl<'de, R: ReadData> Visitor<'de> for EnvelopeVisitor<R> {
    type Value = Result<R::Output, Failure>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a reply envelope")
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
        let mut status: Option<Status> = None;
        let mut retcode: Option<i64> = None;
        let mut data: Option<R::Output> = None;
        let mut message: Option<Option<String>> = None;
        let mut wording: Option<Option<String>> = None;
        while let Some(member) = map.next_key()? {
            match member {
                Member::Status => once(&mut status, map.next_value()?, "status")?,
                Member::Retcode => once(&mut retcode, map.next_value()?, "retcode")?,
                Member::Data => {
                    let output = map.next_value_seed(Data::<R>(PhantomData))?;
                    once(&mut data, output, "data")?;
                }
                Member::Message => once(&mut message, map.next_value()?, "message")?,
                Member::Wording => once(&mut wording, map.next_value()?, "wording")?,
                Member::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let status = status.ok_or_else(|| M::Error::missing_field("status"))?;
        let retcode = retcode.ok_or_else(|| M::Error::missing_field("retcode"))?;
        if status != Status::Ok {
            return Ok(Err(Failure {
                retcode,
                message: message.flatten().unwrap_or_default(),
                wording: wording.flatten().unwrap_or_default(),
            }));
        }
        // No `data` reads like `data: null`.
        let output = match data {
            Some(output) => output,
            None => R::read(UnitDeserializer::new())?,
        };
        Ok(Ok(output))
    }
}

/// The envelope's members, told apart without copying their names.
#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "lowercase")]
enum Member {
    Status,
    Retcode,
    Data,
    Message,
    Wording,
    #[serde(other)]
    Other,
}

/// `status`: `"ok"` or anything else, read without copying it.
#[derive(Deserialize, PartialEq)]
#[serde(field_identifier, rename_all = "lowercase")]
enum Status {
    Ok,
    #[serde(other)]
    Other,
}

/// Stores the first value of a member, refusing a second (the careful
/// reading refuses duplicates too).
fn once<T, E: serde::de::Error>(
    slot: &mut Option<T>,
    value: T,
    name: &'static str,
) -> Result<(), E> {
    if slot.is_some() {
        return Err(E::duplicate_field(name));
    }
    *slot = Some(value);
    Ok(())
}

/// Decodes `data` where it stands in the envelope.
struct Data<R>(PhantomData<R>);

impl<'de, R: ReadData> DeserializeSeed<'de> for Data<R> {
    type Value = R::Output;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        R::read(deserializer)
    }
}
