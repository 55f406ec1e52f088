//! A typed reply kept together with the `data` it was decoded from, so fields
//! this version of ncat does not know (an extension's, NapCat's newest) can
//! be read from it on demand; from [`Call::with_data`](crate::Call::with_data).

use std::fmt;
use std::ops::Deref;

use serde::de::DeserializeOwned;
use serde::de::value::UnitDeserializer;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::value::RawValue;

use crate::action::Action;

/// An action whose typed reply comes with its raw `data`: the request of a
/// [`Call::with_data`](crate::Call::with_data). It is sent exactly as the
/// request it wraps.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct KeepData<A>(pub A);

impl<A: Action> Action for KeepData<A> {
    const NAME: &'static str = A::NAME;
    const SINCE: Option<crate::Version> = A::SINCE;
    const PARAM_SINCE: &'static [(&'static str, crate::Version)] = A::PARAM_SINCE;
    type Output = WithData<A::Output>;

    fn decode_output<'de, D: Deserializer<'de>>(data: D) -> Result<Self::Output, D::Error> {
        let data = Option::<Box<RawValue>>::deserialize(data)?;
        // The action's own decoding, on the text just kept.
        let reply = match &data {
            Some(data) => A::decode_output(&mut serde_json::Deserializer::from_str(data.get())),
            None => A::decode_output(UnitDeserializer::<serde_json::Error>::new()),
        };
        reply
            .map(|reply| WithData { reply, data })
            .map_err(serde::de::Error::custom)
    }

    fn check_params(&self) -> Result<(), crate::ParamGroupError> {
        self.0.check_params()
    }
}

/// A typed reply and the `data` it was decoded from.
///
/// Dereferences to the typed reply. [`decode`](Self::decode) reads the
/// data again as another type, such as the struct of the reply fields an
/// extension adds to a built-in action (`ncat_api::extend!` writes a trait
/// with one method per field for it), or fields NapCat added last week:
///
/// ```no_run
/// # async fn demo(client: ncat_api::Client) -> Result<(), Box<dyn std::error::Error>> {
/// #[derive(serde::Deserialize)]
/// struct Newer {
///     sent_at: Option<i64>,
/// }
///
/// let sent = client.send_group_msg(123456, "hi").with_data().await?;
/// println!("message {} sent at {:?}", sent.message_id, sent.decode::<Newer>()?.sent_at);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct WithData<T> {
    reply: T,
    data: Option<Box<RawValue>>,
}

impl<T> WithData<T> {
    /// The typed reply.
    pub fn reply(&self) -> &T {
        &self.reply
    }

    /// The typed reply, without the data.
    pub fn into_reply(self) -> T {
        self.reply
    }

    /// The reply's `data` as NapCat sent it; `None` when it sent none.
    pub fn data(&self) -> Option<&RawValue> {
        self.data.as_deref()
    }

    /// Decodes the reply's `data` (`null` when NapCat sent none) as `F`.
    ///
    /// # Errors
    /// When the data is not an `F`.
    pub fn decode<F: DeserializeOwned>(&self) -> Result<F, serde_json::Error> {
        match &self.data {
            Some(data) => serde_json::from_str(data.get()),
            None => F::deserialize(UnitDeserializer::<serde_json::Error>::new()),
        }
    }
}

impl<T> Deref for WithData<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.reply
    }
}

impl<T: fmt::Debug> fmt::Debug for WithData<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WithData")
            .field("reply", &self.reply)
            .field("data", &self.data.as_deref().map(RawValue::get))
            .finish()
    }
}

/// Reads `data` with `T`'s own `Deserialize` (for [`Action::Output`]'s
/// bound); calls read it with [`KeepData`]'s decoding, which is the
/// action's.
impl<'de, T: DeserializeOwned> Deserialize<'de> for WithData<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let data = Option::<Box<RawValue>>::deserialize(deserializer)?;
        let reply = match &data {
            Some(data) => serde_json::from_str(data.get()),
            None => T::deserialize(UnitDeserializer::<serde_json::Error>::new()),
        };
        reply
            .map(|reply| WithData { reply, data })
            .map_err(serde::de::Error::custom)
    }
}
