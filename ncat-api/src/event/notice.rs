//! `notice` events: things that happened in a group or to a friend.

use serde::{Deserialize, Serialize, Serializer};

use super::__support::{Extra, serialize_event};

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

impl NoticeEvent {
    /// The keys of the notice that ncat has no field for.
    pub fn extras(&self) -> &Extra {
        match self {
            NoticeEvent::GroupUpload(notice) => notice.extras(),
            NoticeEvent::GroupAdmin(notice) => notice.extras(),
            NoticeEvent::GroupDecrease(notice) => notice.extras(),
            NoticeEvent::GroupIncrease(notice) => notice.extras(),
            NoticeEvent::GroupBan(notice) => notice.extras(),
            NoticeEvent::FriendAdd(notice) => notice.extras(),
            NoticeEvent::GroupRecall(notice) => notice.extras(),
            NoticeEvent::FriendRecall(notice) => notice.extras(),
            NoticeEvent::Poke(notice) => notice.extras(),
            NoticeEvent::LuckyKing(notice) => notice.extras(),
            NoticeEvent::Honor(notice) => notice.extras(),
            NoticeEvent::GroupName(notice) => notice.extras(),
            NoticeEvent::Title(notice) => notice.extras(),
            NoticeEvent::ProfileLike(notice) => notice.extras(),
            NoticeEvent::InputStatus(notice) => notice.extras(),
            NoticeEvent::GrayTip(notice) => notice.extras(),
            NoticeEvent::GroupCard(notice) => notice.extras(),
            NoticeEvent::Essence(notice) => notice.extras(),
            NoticeEvent::EmojiLike(notice) => notice.extras(),
            NoticeEvent::BotOffline(notice) => notice.extras(),
            NoticeEvent::OnlineFileReceive(notice) => notice.extras(),
            NoticeEvent::OnlineFileSend(notice) => notice.extras(),
        }
    }
}

impl Serialize for NoticeEvent {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            NoticeEvent::GroupUpload(notice) => serialize_event(
                notice,
                &[("post_type", "notice"), ("notice_type", "group_upload")],
                serializer,
            ),
            NoticeEvent::GroupAdmin(notice) => serialize_event(
                notice,
                &[("post_type", "notice"), ("notice_type", "group_admin")],
                serializer,
            ),
            NoticeEvent::GroupDecrease(notice) => serialize_event(
                notice,
                &[("post_type", "notice"), ("notice_type", "group_decrease")],
                serializer,
            ),
            NoticeEvent::GroupIncrease(notice) => serialize_event(
                notice,
                &[("post_type", "notice"), ("notice_type", "group_increase")],
                serializer,
            ),
            NoticeEvent::GroupBan(notice) => serialize_event(
                notice,
                &[("post_type", "notice"), ("notice_type", "group_ban")],
                serializer,
            ),
            NoticeEvent::FriendAdd(notice) => serialize_event(
                notice,
                &[("post_type", "notice"), ("notice_type", "friend_add")],
                serializer,
            ),
            NoticeEvent::GroupRecall(notice) => serialize_event(
                notice,
                &[("post_type", "notice"), ("notice_type", "group_recall")],
                serializer,
            ),
            NoticeEvent::FriendRecall(notice) => serialize_event(
                notice,
                &[("post_type", "notice"), ("notice_type", "friend_recall")],
                serializer,
            ),
            NoticeEvent::Poke(notice) => serialize_event(
                notice,
                &[
                    ("post_type", "notice"),
                    ("notice_type", "notify"),
                    ("sub_type", "poke"),
                ],
                serializer,
            ),
            NoticeEvent::LuckyKing(notice) => serialize_event(
                notice,
                &[
                    ("post_type", "notice"),
                    ("notice_type", "notify"),
                    ("sub_type", "lucky_king"),
                ],
                serializer,
            ),
            NoticeEvent::Honor(notice) => serialize_event(
                notice,
                &[
                    ("post_type", "notice"),
                    ("notice_type", "notify"),
                    ("sub_type", "honor"),
                ],
                serializer,
            ),
            NoticeEvent::GroupName(notice) => serialize_event(
                notice,
                &[
                    ("post_type", "notice"),
                    ("notice_type", "notify"),
                    ("sub_type", "group_name"),
                ],
                serializer,
            ),
            NoticeEvent::Title(notice) => serialize_event(
                notice,
                &[
                    ("post_type", "notice"),
                    ("notice_type", "notify"),
                    ("sub_type", "title"),
                ],
                serializer,
            ),
            NoticeEvent::ProfileLike(notice) => serialize_event(
                notice,
                &[
                    ("post_type", "notice"),
                    ("notice_type", "notify"),
                    ("sub_type", "profile_like"),
                ],
                serializer,
            ),
            NoticeEvent::InputStatus(notice) => serialize_event(
                notice,
                &[
                    ("post_type", "notice"),
                    ("notice_type", "notify"),
                    ("sub_type", "input_status"),
                ],
                serializer,
            ),
            NoticeEvent::GrayTip(notice) => serialize_event(
                notice,
                &[
                    ("post_type", "notice"),
                    ("notice_type", "notify"),
                    ("sub_type", "gray_tip"),
                ],
                serializer,
            ),
            NoticeEvent::GroupCard(notice) => serialize_event(
                notice,
                &[("post_type", "notice"), ("notice_type", "group_card")],
                serializer,
            ),
            NoticeEvent::Essence(notice) => serialize_event(
                notice,
                &[("post_type", "notice"), ("notice_type", "essence")],
                serializer,
            ),
            NoticeEvent::EmojiLike(notice) => serialize_event(
                notice,
                &[
                    ("post_type", "notice"),
                    ("notice_type", "group_msg_emoji_like"),
                ],
                serializer,
            ),
            NoticeEvent::BotOffline(notice) => serialize_event(
                notice,
                &[("post_type", "notice"), ("notice_type", "bot_offline")],
                serializer,
            ),
            NoticeEvent::OnlineFileReceive(notice) => serialize_event(
                notice,
                &[
                    ("post_type", "notice"),
                    ("notice_type", "online_file_receive"),
                ],
                serializer,
            ),
            NoticeEvent::OnlineFileSend(notice) => serialize_event(
                notice,
                &[("post_type", "notice"), ("notice_type", "online_file_send")],
                serializer,
            ),
        }
    }
}

crate::__event_struct! {
    /// A file uploaded to a group.
    pub struct GroupUpload {
        /// When it happened, in Unix seconds.
        time: i64 = required,
        /// The bot account that got the notice.
        self_id: UserId = id,
        /// The group.
        group_id: GroupId = id,
        /// Who uploaded it.
        user_id: UserId = id,
        /// The file.
        file: UploadedFile = required,
    }
}

/// The file of a [`GroupUpload`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
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

crate::__event_struct! {
    /// A member became or stopped being an admin.
    pub struct GroupAdmin {
        /// When it happened, in Unix seconds.
        time: i64 = required,
        /// The bot account that got the notice.
        self_id: UserId = id,
        /// Set or unset.
        sub_type: AdminChange = required,
        /// The group.
        group_id: GroupId = id,
        /// The member.
        user_id: UserId = id,
    }
}

crate::__open_enum! {
    /// What happened in a [`GroupAdmin`] notice.
    pub enum AdminChange {
        /// The member became an admin.
        Set = "set",
        /// The member is no longer an admin.
        Unset = "unset",
    }
}

crate::__event_struct! {
    /// A member left or was removed.
    pub struct GroupDecrease {
        /// When it happened, in Unix seconds.
        time: i64 = required,
        /// The bot account that got the notice.
        self_id: UserId = id,
        /// How.
        sub_type: DecreaseKind = required,
        /// The group.
        group_id: GroupId = id,
        /// Who left.
        user_id: UserId = id,
        /// Who removed them (NapCat sends 0 when unknown).
        operator_id: Option<UserId> = optional_id,
    }
}

crate::__open_enum! {
    /// How a member left, in a [`GroupDecrease`] notice.
    pub enum DecreaseKind {
        /// They left.
        Leave = "leave",
        /// They were removed.
        Kick = "kick",
        /// The bot was removed.
        KickMe = "kick_me",
        /// The group was disbanded.
        Disband = "disband",
    }
}

crate::__event_struct! {
    /// A member joined.
    pub struct GroupIncrease {
        /// When it happened, in Unix seconds.
        time: i64 = required,
        /// The bot account that got the notice.
        self_id: UserId = id,
        /// How.
        sub_type: IncreaseKind = required,
        /// The group.
        group_id: GroupId = id,
        /// Who joined.
        user_id: UserId = id,
        /// Who let them in (NapCat sends 0 when unknown).
        operator_id: Option<UserId> = optional_id,
    }
}

crate::__open_enum! {
    /// How a member joined, in a [`GroupIncrease`] notice.
    pub enum IncreaseKind {
        /// An admin approved their request.
        Approve = "approve",
        /// A member invited them.
        Invite = "invite",
    }
}

crate::__event_struct! {
    /// A member, or the whole group, was muted or unmuted.
    pub struct GroupBan {
        /// When it happened, in Unix seconds.
        time: i64 = required,
        /// The bot account that got the notice.
        self_id: UserId = id,
        /// Muted or unmuted.
        sub_type: BanKind = required,
        /// The group.
        group_id: GroupId = id,
        /// The member; 0 for the whole group.
        user_id: UserId = id,
        /// Who did it.
        operator_id: Option<UserId> = optional_id,
        /// The mute length in seconds; -1 for a whole-group mute.
        duration: i64 = default,
    }
}

crate::__open_enum! {
    /// What happened in a [`GroupBan`] notice.
    pub enum BanKind {
        /// Muted.
        Ban = "ban",
        /// Unmuted.
        LiftBan = "lift_ban",
    }
}

crate::__event_struct! {
    /// A new friend.
    pub struct FriendAdd {
        /// When it happened, in Unix seconds.
        time: i64 = required,
        /// The bot account that got the notice.
        self_id: UserId = id,
        /// The friend.
        user_id: UserId = id,
    }
}

crate::__event_struct! {
    /// A group message was recalled.
    pub struct GroupRecall {
        /// When it happened, in Unix seconds.
        time: i64 = required,
        /// The bot account that got the notice.
        self_id: UserId = id,
        /// The group.
        group_id: GroupId = id,
        /// Who wrote the message.
        user_id: UserId = id,
        /// Who recalled it.
        operator_id: Option<UserId> = optional_id,
        /// The message.
        message_id: MessageId = id,
    }
}

crate::__event_struct! {
    /// A private message was recalled.
    pub struct FriendRecall {
        /// When it happened, in Unix seconds.
        time: i64 = required,
        /// The bot account that got the notice.
        self_id: UserId = id,
        /// The friend.
        user_id: UserId = id,
        /// The message.
        message_id: MessageId = id,
    }
}

crate::__event_struct! {
    /// Someone poked someone.
    pub struct Poke {
        /// When it happened, in Unix seconds.
        time: i64 = required,
        /// The bot account that got the notice.
        self_id: UserId = id,
        /// The group, for a poke in a group; `None` in a private chat.
        group_id: Option<GroupId> = optional_id,
        /// In a group, who poked; in a private chat, the friend.
        user_id: UserId = id,
        /// In a private chat, who poked.
        sender_id: Option<UserId> = optional_id,
        /// Who was poked.
        target_id: UserId = id,
        /// NapCat's description of the poke (texts and icons), as sent.
        raw_info: Option<serde_json::Value> = optional,
    }
}

crate::__event_struct! {
    /// The lucky king of a group red packet.
    pub struct LuckyKing {
        /// When it happened, in Unix seconds.
        time: i64 = required,
        /// The bot account that got the notice.
        self_id: UserId = id,
        /// The group.
        group_id: GroupId = id,
        /// Who sent the red packet.
        user_id: UserId = id,
        /// The lucky king.
        target_id: UserId = id,
    }
}

crate::__event_struct! {
    /// A group honor changed hands.
    pub struct Honor {
        /// When it happened, in Unix seconds.
        time: i64 = required,
        /// The bot account that got the notice.
        self_id: UserId = id,
        /// The group.
        group_id: GroupId = id,
        /// The new holder.
        user_id: UserId = id,
        /// `talkative`, `performer` or `emotion`.
        honor_type: String = required,
    }
}

crate::__event_struct! {
    /// A group was renamed.
    pub struct GroupName {
        /// When it happened, in Unix seconds.
        time: i64 = required,
        /// The bot account that got the notice.
        self_id: UserId = id,
        /// The group.
        group_id: GroupId = id,
        /// Who renamed it.
        user_id: UserId = id,
        /// The new name.
        name_new: String = required,
    }
}

crate::__event_struct! {
    /// A member got a special title.
    pub struct Title {
        /// When it happened, in Unix seconds.
        time: i64 = required,
        /// The bot account that got the notice.
        self_id: UserId = id,
        /// The group.
        group_id: GroupId = id,
        /// The member.
        user_id: UserId = id,
        /// The title.
        title: String = required,
    }
}

crate::__event_struct! {
    /// Someone liked the bot's profile.
    pub struct ProfileLike {
        /// When it happened, in Unix seconds.
        time: i64 = required,
        /// The bot account that got the notice.
        self_id: UserId = id,
        /// Who.
        operator_id: Option<UserId> = optional_id,
        /// Their nickname.
        operator_nick: String = default,
        /// How many likes.
        times: u32 = default,
    }
}

crate::__event_struct! {
    /// A friend started or stopped typing.
    pub struct InputStatus {
        /// When it happened, in Unix seconds.
        time: i64 = required,
        /// The bot account that got the notice.
        self_id: UserId = id,
        /// The friend.
        user_id: UserId = id,
        /// Always 0 from NapCat.
        group_id: Option<GroupId> = optional_id,
        /// NapCat's status code.
        event_type: i64 = default,
        /// The status text QQ shows (empty when they stopped).
        status_text: String = default,
    }
}

crate::__event_struct! {
    /// A grey system line in a group that NapCat could not classify (for
    /// example a forged one).
    pub struct GrayTip {
        /// When it happened, in Unix seconds.
        time: i64 = required,
        /// The bot account that got the notice.
        self_id: UserId = id,
        /// The group.
        group_id: GroupId = id,
        /// The real sender.
        user_id: UserId = id,
        /// The message carrying it.
        message_id: MessageId = id,
        /// QQ's business id.
        busi_id: String = lenient_default,
        /// The line's content, a JSON string.
        content: String = default,
        /// NapCat's raw description, as sent.
        raw_info: Option<serde_json::Value> = optional,
    }
}

crate::__event_struct! {
    /// A member's group card changed.
    pub struct GroupCard {
        /// When it happened, in Unix seconds.
        time: i64 = required,
        /// The bot account that got the notice.
        self_id: UserId = id,
        /// The group.
        group_id: GroupId = id,
        /// The member.
        user_id: UserId = id,
        /// The new card.
        card_new: String = default,
        /// The old card.
        card_old: String = default,
    }
}

crate::__event_struct! {
    /// A message was set as (or removed from) essence.
    pub struct Essence {
        /// When it happened, in Unix seconds.
        time: i64 = required,
        /// The bot account that got the notice.
        self_id: UserId = id,
        /// Added or removed.
        sub_type: EssenceChange = required,
        /// The group.
        group_id: GroupId = id,
        /// Who wrote the message (NapCat also sends it as `user_id`).
        user_id: Option<UserId> = optional_id,
        /// Who wrote the message.
        sender_id: Option<UserId> = optional_id,
        /// Who changed it.
        operator_id: Option<UserId> = optional_id,
        /// The message; `None` when NapCat could not find its short id (it
        /// looks it up in a cache that may not have it).
        message_id: Option<MessageId> = optional_id,
    }
}

crate::__open_enum! {
    /// What happened in an [`Essence`] notice.
    pub enum EssenceChange {
        /// Set as essence.
        Add = "add",
        /// No longer essence (declared by NapCat, not sent).
        Delete = "delete",
    }
}

crate::__event_struct! {
    /// Emoji reactions on a group message.
    pub struct EmojiLike {
        /// When it happened, in Unix seconds.
        time: i64 = required,
        /// The bot account that got the notice.
        self_id: UserId = id,
        /// The group.
        group_id: GroupId = id,
        /// Who reacted.
        user_id: UserId = id,
        /// The message.
        message_id: MessageId = id,
        /// The reactions.
        likes: Vec<EmojiCount> = default,
        /// Whether the reaction was added (`false`: removed).
        is_add: Option<bool> = optional,
    }
}

/// One emoji of an [`EmojiLike`] notice.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct EmojiCount {
    /// The emoji (a QQ face id).
    #[serde(deserialize_with = "lenient::string")]
    pub emoji_id: String,
    /// How many.
    #[serde(default)]
    pub count: u32,
}

crate::__event_struct! {
    /// The bot account went offline.
    pub struct BotOffline {
        /// When it happened, in Unix seconds.
        time: i64 = required,
        /// The bot account that got the notice.
        self_id: UserId = id,
        /// The bot account.
        user_id: UserId = id,
        /// QQ's reason tag.
        tag: String = default,
        /// QQ's explanation.
        message: String = default,
    }
}

crate::__event_struct! {
    /// An online file transfer to the bot changed.
    pub struct OnlineFileReceive {
        /// When it happened, in Unix seconds.
        time: i64 = required,
        /// The bot account that got the notice.
        self_id: UserId = id,
        /// What happened.
        sub_type: OnlineFileReceiveKind = required,
        /// The other side.
        peer_id: UserId = id,
    }
}

crate::__open_enum! {
    /// What happened in an [`OnlineFileReceive`] notice.
    pub enum OnlineFileReceiveKind {
        /// The sender cancelled.
        Cancel = "cancel",
    }
}

crate::__event_struct! {
    /// An online file transfer from the bot changed.
    pub struct OnlineFileSend {
        /// When it happened, in Unix seconds.
        time: i64 = required,
        /// The bot account that got the notice.
        self_id: UserId = id,
        /// What happened.
        sub_type: OnlineFileSendKind = required,
        /// The other side.
        peer_id: UserId = id,
    }
}

crate::__open_enum! {
    /// What happened in an [`OnlineFileSend`] notice.
    pub enum OnlineFileSendKind {
        /// The peer accepted.
        Receive = "receive",
        /// The peer refused.
        Refuse = "refuse",
    }
}
