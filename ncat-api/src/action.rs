//! The trait that ties a request type to its action name and reply type.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};

use crate::version::Version;

/// A NapCat action: its parameters (the implementing type), its wire name and
/// the type of its reply `data`.
///
/// Every request struct of the generated API implements this trait; you
/// normally call actions through [`Client`](crate::Client) methods rather than
/// naming it. Implement it yourself for an action ncat does not cover yet,
/// then send it with [`Client::call`](crate::Client::call):
///
/// ```no_run
/// # async fn demo(client: ncat_api::Client) -> Result<(), ncat_api::Error> {
/// #[derive(serde::Serialize)]
/// struct GetRobotUinRange {}
///
/// impl ncat_api::Action for GetRobotUinRange {
///     const NAME: &'static str = "get_robot_uin_range";
///     type Output = Vec<serde_json::Value>;
/// }
///
/// let ranges = client.call(GetRobotUinRange {}).await?;
/// # Ok(()) }
/// ```
///
/// The struct is serialized once as the action's parameters, so it must
/// serialize to a JSON object.
pub trait Action: serde::Serialize + Send + Sync + 'static {
    /// The wire name, exactly as NapCat registers it (`send_group_msg`,
    /// `.handle_quick_operation`, `ArkSharePeer`).
    const NAME: &'static str;

    /// The NapCat release that introduced the action (the schema's
    /// `since`), or `None` when every NapCat ncat tracks has it or the
    /// release is unknown. A call of an action the connected NapCat
    /// predates is handled by the client's
    /// [`VersionPolicy`](crate::VersionPolicy); with `None` it is always
    /// sent.
    const SINCE: Option<Version> = None;

    /// The parameters added after the action, by wire name, with the
    /// release that added each: a call that sets one is checked like
    /// [`SINCE`](Self::SINCE).
    const PARAM_SINCE: &'static [(&'static str, Version)] = &[];

    /// What a successful call returns.
    type Output: DeserializeOwned + Send + 'static;

    /// Decodes the reply's `data` (`null` when NapCat sent none).
    ///
    /// The default deserializes the output from it, so `Option<T>` outputs
    /// become `None` and other outputs report a
    /// [`Decode`](crate::Error::Decode) error when there is no data.
    /// Actions whose reply carries nothing useful override it to ignore
    /// `data`, because NapCat sometimes sends `{}` or other filler there:
    ///
    /// ```
    /// # struct SetGroupBan;
    /// # impl serde::Serialize for SetGroupBan {
    /// #     fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> { s.serialize_unit() }
    /// # }
    /// # impl ncat_api::Action for SetGroupBan {
    /// #     const NAME: &'static str = "set_group_ban";
    /// #     type Output = ();
    /// fn decode_output<'de, D: serde::Deserializer<'de>>(data: D) -> Result<(), D::Error> {
    ///     // Read it whole, even to ignore it: the reply is read in one pass.
    ///     serde::de::IgnoredAny::deserialize(data).map(|_| ())
    /// }
    /// # }
    /// # use serde::Deserialize;
    /// ```
    fn decode_output<'de, D: Deserializer<'de>>(data: D) -> Result<Self::Output, D::Error> {
        Self::Output::deserialize(data)
    }

    /// Checks the rules over the request's parameters that types cannot
    /// express ("exactly one of `file`, `file_id`"), before it is sent; a
    /// broken rule fails the call with
    /// [`Error::InvalidParams`](crate::Error::InvalidParams).
    ///
    /// The default accepts everything; generated requests of actions with
    /// parameter groups override it.
    fn check_params(&self) -> Result<(), crate::ParamGroupError> {
        Ok(())
    }
}
