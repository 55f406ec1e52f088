//! ncatbot's `get_user_card` and `get_group_card`: NapCat's `ArkSharePeer`
//! with ncatbot's required arguments.

use crate::actions::ArkSharePeerRequest;
use crate::call::Call;
use crate::client::Client;

impl Client {
    /// ncatbot's `get_user_card(user_id, phone_number)`: the Ark card
    /// recommending a user, from NapCat's `ArkSharePeer`.
    ///
    /// Sends `ArkSharePeer` with `user_id` and `phone_number`, as ncatbot
    /// does (ncatbot spells the second `phoneNumber`, which NapCat does not
    /// read). The card comes back as JSON; send it on as a `json` segment.
    ///
    /// Deprecated like [`ark_share_peer`](Self::ark_share_peer), because
    /// NapCat deprecates the action: `send_ark_share` runs the same code.
    #[deprecated(
        note = "NapCat deprecates `ArkSharePeer`; use `send_ark_share().user_id(…).phone_number(…)`, which runs the same code."
    )]
    pub fn get_user_card(
        &self,
        user_id: impl crate::IntoUserId,
        phone_number: impl Into<String>,
    ) -> Call<ArkSharePeerRequest> {
        self.call(ArkSharePeerRequest {
            user_id: Some(user_id.into_user_id()),
            phone_number: Some(phone_number.into()),
            ..ArkSharePeerRequest::new()
        })
    }

    /// ncatbot's `get_group_card(group_id, phone_number)`: the Ark card
    /// recommending a group, from NapCat's `ArkSharePeer`.
    ///
    /// Sends `ArkSharePeer` with `group_id` and `phone_number`, as ncatbot
    /// does (NapCat only reads the phone number for user cards).
    ///
    /// Deprecated like [`ark_share_peer`](Self::ark_share_peer), because
    /// NapCat deprecates the action: `send_ark_share` runs the same code.
    #[deprecated(
        note = "NapCat deprecates `ArkSharePeer`; use `send_ark_share().group_id(…)`, which runs the same code."
    )]
    pub fn get_group_card(
        &self,
        group_id: impl crate::IntoGroupId,
        phone_number: impl Into<String>,
    ) -> Call<ArkSharePeerRequest> {
        self.call(ArkSharePeerRequest {
            group_id: Some(group_id.into_group_id()),
            phone_number: Some(phone_number.into()),
            ..ArkSharePeerRequest::new()
        })
    }
}
