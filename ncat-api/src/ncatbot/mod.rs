//! Coming from [ncatbot](https://github.com/ncatbot/NcatBot): every method
//! of its `BotAPI`, under its name and with its parameters, on [`Client`].
//!
//! ncatbot's 101 `BotAPI` methods are all [`Client`] methods of the same
//! name. The table "ncatbot method → ncat call" in
//! [`docs/ncatbot.md`](https://github.com/ncat-rs/ncat/blob/main/docs/ncatbot.md)
//! lists each one with the call it becomes, the NapCat action it sends and
//! how the request differs from ncatbot's; a test checks every row against
//! the mock NapCat.
//!
//! - **Same-named NapCat actions** (`get_login_info`, `set_group_ban`, …)
//!   are the generated methods. ncatbot's required parameters are
//!   arguments; its parameters with a default, and those NapCat treats as
//!   optional, are chained setters — the Rust form of a keyword argument:
//!   ncatbot's `set_group_ban(group_id, user_id, duration)` is
//!   `client.set_group_ban(group_id, user_id).duration(duration)`.
//! - **Other names for a NapCat action** (`get_client_key` for
//!   `get_clientkey`, `set_self_long_nick`, `get_model_show`,
//!   `send_group_notice`, …) are names in the schema, so they are
//!   generated too.
//! - **Methods that build a message** are written here:
//!   [`post_group_msg`](Client::post_group_msg) /
//!   [`post_private_msg`](Client::post_private_msg) ([`PostMessage`]),
//!   [`post_group_file`](Client::post_group_file) /
//!   [`post_private_file`](Client::post_private_file) ([`PostFile`]), and
//!   the merged forwards by message id: ncatbot's
//!   `send_group_forward_msg(group_id, messages)` is the generated
//!   [`send_group_forward_msg`](Client::send_group_forward_msg) given a
//!   list of [`MessageId`](crate::MessageId)s, which converts to a message
//!   of `node` segments. [`get_user_card`](Client::get_user_card) and
//!   [`get_group_card`](Client::get_group_card) give NapCat's
//!   `ArkSharePeer` ncatbot's parameters.
//!
//! ```no_run
//! use ncat_api::MessageId;
//!
//! # async fn demo(client: ncat_api::Client) -> Result<(), ncat_api::Error> {
//! // bot.api.post_group_msg(123456, text="hi", reply=1588762139)
//! client.post_group_msg(123456).text("hi").reply(MessageId::new(1588762139)).await?;
//! // bot.api.post_private_file(10001, image="https://example.com/a.png")
//! client.post_private_file(10001).image("https://example.com/a.png").await?;
//! // bot.api.send_group_forward_msg(123456, ["1588762139", "1588762140"])
//! let messages = [MessageId::new(1588762139), MessageId::new(1588762140)];
//! client.send_group_forward_msg(123456, messages).await?;
//! // bot.api.get_group_member_list(123456, no_cache=True)
//! client.get_group_member_list(123456).no_cache(true).await?;
//! # Ok(()) }
//! ```
//!
//! Where ncat sends something other than what ncatbot sends, it is on
//! purpose, and the table says so: ids are typed (user and group ids travel
//! as strings, message ids as numbers), optional parameters left unset are
//! left out rather than sent as ncatbot's defaults, parameters NapCat does
//! not read (`download_file`'s `thread_count`, `get_group_system_msg`'s
//! `group_id`) are not sent, parameters ncatbot names differently
//! (`phoneNumber`, `eventType`, the legacy `reverseOrder`) go under
//! NapCat's current names, merged forwards are sent as
//! nodes by id through the matching group or private action, and Markdown
//! is sent as NapCat's `markdown` segment instead of an image rendered on
//! the bot's machine.

mod cards;
mod chat;
mod forward;
mod post;
mod post_file;

pub use chat::Chat;
pub use post::PostMessage;
pub use post_file::PostFile;

#[cfg(doc)]
use crate::Client;
