//! `notice` events: things that happened in a group or to a friend.

use serde::Deserialize;

use crate::id::{GroupId, MessageId, UserId};
use crate::lenient;

/// A notice (`post_type: "notice"`), one variant per `notice_type` (and per
/// `sub_type` of `notify`) that NapCat sends.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum NoticeEvent {
    /// `group_upload`: a file was uploaded to a group.
    GroupUpload(GroupUpload),
    /// `group_admin`: a member became or stopped being an admin.
    GroupAdmin(GroupAdmin),
    /// `group_decrease`: a member left or was removed.
    GroupDecrease(GroupDecrease),
    /// `group_increase`: a member joined.
    GroupIncrease(GroupIncrease),
    /// `group_ban`: a member (or the whole group) was muted or unmuted.
    GroupBan(GroupBan),
    /// `friend_add`: a new friend.
    FriendAdd(FriendAdd),
    /// `group_recall`: a group message was recalled.
    GroupRecall(GroupRecall),
    /// `friend_recall`: a private message was recalled.
    FriendRecall(FriendRecall),
    /// `notify` / `poke`: someone poked someone (in a group or a private chat).
    Poke(Poke),
    /// `notify` / `lucky_king`: the lucky king of a red packet (OneBot 11;
    /// NapCat does not send it).
    LuckyKing(LuckyKing),
    /// `notify` / `honor`: a group honor changed hands (OneBot 11; NapCat
    /// does not send it).
    Honor(Honor),
    /// `notify` / `group_name`: a group was renamed.
    GroupName(GroupName),
    /// `notify` / `title`: a member got a special title.
    Title(Title),
    /// `notify` / `profile_like`: someone liked the bot's profile.
    ProfileLike(ProfileLike),
    /// `notify` / `input_status`: a friend started or stopped typing.
    InputStatus(InputStatus),
    /// `notify` / `gray_tip`: a grey system line NapCat could not classify.
    GrayTip(GrayTip),
    /// `group_card`: a member's group card changed.
    GroupCard(GroupCard),
    /// `essence`: a message was set as essence.
    Essence(Essence),
    /// `group_msg_emoji_like`: emoji reactions on a group message.
    EmojiLike(EmojiLike),
    /// `bot_offline`: the bot account went offline.
    BotOffline(BotOffline),
    /// `online_file_receive`: an online file transfer to the bot changed.
    OnlineFileReceive(OnlineFileReceive),
    /// `online_file_send`: an online file transfer from the bot changed.
    OnlineFileSend(OnlineFileSend),
}

/// Defines a notice struct with the fields every event has.
macro_rules! notice {
    ($(#[$doc:meta])* $name:ident { $($(#[$field_meta:meta])* $field:ident: $ty:ty,)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Deserialize)]
        #[non_exhaustive]
        pub struct $name {
            /// When it happened, in Unix seconds.
            pub time: i64,
            /// The bot account that got the notice.
            pub self_id: UserId,
            $($(#[$field_meta])* pub $field: $ty,)*
        }
    };
}

notice!(
    /// A file uploaded to a group.
    GroupUpload {
        /// The group.
        group_id: GroupId,
        /// Who uploaded it.
        user_id: UserId,
        /// The file.
        file: UploadedFile,
    }
);

/// The file of a [`GroupUpload`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct UploadedFile {
    /// A file token: pass it as a media `file` or to `get_file`.
    #[serde(deserialize_with = "lenient::string")]
    pub id: String,
    /// The file name.
    pub name: String,
    /// Its size in bytes.
    pub size: u64,
    /// The group file bus id.
    #[serde(default)]
    pub busid: i64,
}

notice!(
    /// A member became or stopped being an admin.
    GroupAdmin {
        /// Set or unset.
        sub_type: AdminChange,
        /// The group.
        group_id: GroupId,
        /// The member.
        user_id: UserId,
    }
);

/// What happened in a [`GroupAdmin`] notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AdminChange {
    /// The member became an admin.
    Set,
    /// The member is no longer an admin.
    Unset,
}

notice!(
    /// A member left or was removed.
    GroupDecrease {
        /// How.
        sub_type: DecreaseKind,
        /// The group.
        group_id: GroupId,
        /// Who left.
        user_id: UserId,
        /// Who removed them (NapCat sends 0 when unknown).
        #[serde(default)]
        operator_id: Option<UserId>,
    }
);

/// How a member left, in a [`GroupDecrease`] notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DecreaseKind {
    /// They left.
    Leave,
    /// They were removed.
    Kick,
    /// The bot was removed.
    KickMe,
    /// The group was disbanded.
    Disband,
}

notice!(
    /// A member joined.
    GroupIncrease {
        /// How.
        sub_type: IncreaseKind,
        /// The group.
        group_id: GroupId,
        /// Who joined.
        user_id: UserId,
        /// Who let them in (NapCat sends 0 when unknown).
        #[serde(default)]
        operator_id: Option<UserId>,
    }
);

/// How a member joined, in a [`GroupIncrease`] notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum IncreaseKind {
    /// An admin approved their request.
    Approve,
    /// A member invited them.
    Invite,
}

notice!(
    /// A member, or the whole group, was muted or unmuted.
    GroupBan {
        /// Muted or unmuted.
        sub_type: BanKind,
        /// The group.
        group_id: GroupId,
        /// The member; 0 for the whole group.
        user_id: UserId,
        /// Who did it.
        #[serde(default)]
        operator_id: Option<UserId>,
        /// The mute length in seconds; -1 for a whole-group mute.
        #[serde(default)]
        duration: i64,
    }
);

/// What happened in a [`GroupBan`] notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum BanKind {
    /// Muted.
    Ban,
    /// Unmuted.
    LiftBan,
}

notice!(
    /// A new friend.
    FriendAdd {
        /// The friend.
        user_id: UserId,
    }
);

notice!(
    /// A group message was recalled.
    GroupRecall {
        /// The group.
        group_id: GroupId,
        /// Who wrote the message.
        user_id: UserId,
        /// Who recalled it.
        #[serde(default)]
        operator_id: Option<UserId>,
        /// The message.
        message_id: MessageId,
    }
);

notice!(
    /// A private message was recalled.
    FriendRecall {
        /// The friend.
        user_id: UserId,
        /// The message.
        message_id: MessageId,
    }
);

notice!(
    /// Someone poked someone.
    Poke {
        /// The group, for a poke in a group; `None` in a private chat.
        #[serde(default)]
        group_id: Option<GroupId>,
        /// In a group, who poked; in a private chat, the friend.
        user_id: UserId,
        /// In a private chat, who poked.
        #[serde(default)]
        sender_id: Option<UserId>,
        /// Who was poked.
        target_id: UserId,
        /// NapCat's description of the poke (texts and icons), as sent.
        #[serde(default)]
        raw_info: Option<serde_json::Value>,
    }
);

notice!(
    /// The lucky king of a group red packet.
    LuckyKing {
        /// The group.
        group_id: GroupId,
        /// Who sent the red packet.
        user_id: UserId,
        /// The lucky king.
        target_id: UserId,
    }
);

notice!(
    /// A group honor changed hands.
    Honor {
        /// The group.
        group_id: GroupId,
        /// The new holder.
        user_id: UserId,
        /// `talkative`, `performer` or `emotion`.
        honor_type: String,
    }
);

notice!(
    /// A group was renamed.
    GroupName {
        /// The group.
        group_id: GroupId,
        /// Who renamed it.
        user_id: UserId,
        /// The new name.
        name_new: String,
    }
);

notice!(
    /// A member got a special title.
    Title {
        /// The group.
        group_id: GroupId,
        /// The member.
        user_id: UserId,
        /// The title.
        title: String,
    }
);

notice!(
    /// Someone liked the bot's profile.
    ProfileLike {
        /// Who.
        operator_id: Option<UserId>,
        /// Their nickname.
        #[serde(default)]
        operator_nick: String,
        /// How many likes.
        #[serde(default)]
        times: u32,
    }
);

notice!(
    /// A friend started or stopped typing.
    InputStatus {
        /// The friend.
        user_id: UserId,
        /// Always 0 from NapCat.
        #[serde(default)]
        group_id: Option<GroupId>,
        /// NapCat's status code.
        #[serde(default)]
        event_type: i64,
        /// The status text QQ shows (empty when they stopped).
        #[serde(default)]
        status_text: String,
    }
);

notice!(
    /// A grey system line in a group that NapCat could not classify (for
    /// example a forged one).
    GrayTip {
        /// The group.
        group_id: GroupId,
        /// The real sender.
        user_id: UserId,
        /// The message carrying it.
        message_id: MessageId,
        /// QQ's business id.
        #[serde(default, deserialize_with = "lenient::string")]
        busi_id: String,
        /// The line's content, a JSON string.
        #[serde(default)]
        content: String,
        /// NapCat's raw description, as sent.
        #[serde(default)]
        raw_info: Option<serde_json::Value>,
    }
);

notice!(
    /// A member's group card changed.
    GroupCard {
        /// The group.
        group_id: GroupId,
        /// The member.
        user_id: UserId,
        /// The new card.
        #[serde(default)]
        card_new: String,
        /// The old card.
        #[serde(default)]
        card_old: String,
    }
);

notice!(
    /// A message was set as (or removed from) essence.
    Essence {
        /// Added or removed.
        sub_type: EssenceChange,
        /// The group.
        group_id: GroupId,
        /// Who wrote the message.
        #[serde(default)]
        sender_id: Option<UserId>,
        /// Who changed it.
        #[serde(default)]
        operator_id: Option<UserId>,
        /// The message.
        message_id: MessageId,
    }
);

/// What happened in an [`Essence`] notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EssenceChange {
    /// Set as essence.
    Add,
    /// No longer essence (declared by NapCat, not sent).
    Delete,
}

notice!(
    /// Emoji reactions on a group message.
    EmojiLike {
        /// The group.
        group_id: GroupId,
        /// Who reacted.
        user_id: UserId,
        /// The message.
        message_id: MessageId,
        /// The reactions.
        #[serde(default)]
        likes: Vec<EmojiCount>,
        /// Whether the reaction was added (`false`: removed).
        #[serde(default)]
        is_add: Option<bool>,
    }
);

/// One emoji of an [`EmojiLike`] notice.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct EmojiCount {
    /// The emoji (a QQ face id).
    #[serde(deserialize_with = "lenient::string")]
    pub emoji_id: String,
    /// How many.
    #[serde(default)]
    pub count: u32,
}

notice!(
    /// The bot account went offline.
    BotOffline {
        /// The bot account.
        user_id: UserId,
        /// QQ's reason tag.
        #[serde(default)]
        tag: String,
        /// QQ's explanation.
        #[serde(default)]
        message: String,
    }
);

notice!(
    /// An online file transfer to the bot changed.
    OnlineFileReceive {
        /// What happened.
        sub_type: OnlineFileReceiveKind,
        /// The other side.
        peer_id: UserId,
    }
);

/// What happened in an [`OnlineFileReceive`] notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum OnlineFileReceiveKind {
    /// The sender cancelled.
    Cancel,
}

notice!(
    /// An online file transfer from the bot changed.
    OnlineFileSend {
        /// What happened.
        sub_type: OnlineFileSendKind,
        /// The other side.
        peer_id: UserId,
    }
);

/// What happened in an [`OnlineFileSend`] notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum OnlineFileSendKind {
    /// The peer accepted.
    Receive,
    /// The peer refused.
    Refuse,
}
