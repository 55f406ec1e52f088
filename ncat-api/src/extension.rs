//! Your own actions, before ncat ships them.
//!
//! NapCat ships a release every few days. When a bot needs an action this
//! version of ncat does not have yet, it describes the action in its own
//! YAML, in the format of ncat's schema (`schema/README.md` in this crate),
//! and calls [`extend!`](crate::extend) once:
//!
//! ```yaml
//! # napcat-extra/group.yaml (a directory next to the bot's Cargo.toml)
//! actions:
//!   - action: get_group_member_stats
//!     summary: { zh: 获取群成员统计, en: Count a group's members by role }
//!     params:
//!       - { name: group_id, type: GroupId, required: true }
//!       - { name: count, type: u32, default: 50 }
//!     reply:
//!       type: list<json>
//! ```
//!
//! ```ignore
//! mod extra {
//!     ncat_api::extend!("napcat-extra"); // relative to CARGO_MANIFEST_DIR
//! }
//! use extra::*; // the `ClientExt` trait and the `…Setters` traits
//!
//! let stats = client.get_group_member_stats(123456).count(10).await?;
//! ```
//!
//! The macro writes, where it is called, what `ncat-api` has for its own
//! actions: a request struct implementing [`Action`](crate::Action) (or
//! [`StreamAction`](crate::stream::StreamAction)), an inline reply struct,
//! the types of the extension's own `types.yaml`, one `<Action>Setters`
//! trait per action with optional parameters (implemented for its
//! [`Call`](crate::Call)), and the `ClientExt` trait with one method per
//! action, implemented for [`Client`](crate::Client), all with rustdoc.
//!
//! The extension's YAML may use every type of ncat's own `types.yaml` by
//! name (`User`, `GroupMember`, …) besides the built-in vocabulary (ids,
//! `Message`, `json`, …), and define types of its own. It is checked by the
//! same validator as ncat's schema: a mistake is a compile error naming
//! `file:line:col`. An action ncat already has, or a method or type name
//! ncat already uses, is an error that says so; when ncat catches up,
//! delete the entry and the compiler points at nothing else, since the
//! built-in method has the same shape.
//!
//! # Events
//!
//! An `events.yaml` in the same directory, in the format of ncat's
//! `schema/events.yaml`, adds events NapCat sends that ncat does not know
//! yet. `extend!` writes a struct per event (with the same one-pass decode,
//! open `sub_type` enums and extra keys as ncat's own, through the same
//! macros), and `ExtensionEvent`, one variant per event:
//!
//! ```yaml
//! # napcat-extra/events.yaml
//! enums:
//!   - name: TodoChange
//!     doc: What happened to a group's to-do.
//!     values:
//!       - { value: set, doc: A message became the to-do. }
//!       - { value: clear, rust_name: Cleared, doc: The to-do was removed. }
//! events:
//!   - name: GroupTodo
//!     post_type: notice
//!     kind: group_todo             # the notice_type
//!     summary: { zh: 群待办变更, en: "A group's to-do changed." }
//!     fields:
//!       - { name: sub_type, type: TodoChange, doc: Set or cleared. }
//!       - { name: group_id, type: GroupId, doc: The group. }
//! ```
//!
//! ```ignore
//! use ncat_api::event::Event;
//!
//! while let Some(event) = events.next().await {
//!     // ncat delivers an event it does not know as `Event::Unknown`;
//!     // `from_event` reads the extension's own from it, typed.
//!     if let Some(ExtensionEvent::GroupTodo(todo)) = ExtensionEvent::from_event(&event) {
//!         println!("to-do {} in {}", todo.sub_type, todo.group_id);
//!     }
//! }
//! ```
//!
//! Its fields may use ncat's event types by name (`Sender`, `DecreaseKind`,
//! …); an event type ncat already has is an error that says so. When ncat
//! ships the event, delete the entry: it then arrives as ncat's own variant.
//!
//! # Segments
//!
//! A `segments.yaml` in the same directory, in the format of ncat's
//! `schema/segments.yaml`, adds segment kinds NapCat sends or reads that
//! ncat does not know yet. `extend!` writes each kind's data types, with
//! the generator of ncat's own (struct, serde, [`Extra`](crate::segment::Extra)
//! keys, and for a sendable shape `new` and setters), `From` each send type
//! into [`Segment`](crate::Segment), and `ExtensionSegment`, one variant
//! per kind that arrives:
//!
//! ```yaml
//! # napcat-extra/segments.yaml
//! segments:
//!   - kind: gift
//!     summary: { zh: 礼物, en: A gift card }
//!     send:
//!       rust_type: Gift
//!       fields:
//!         - { name: id, type: int, rust: u32, encoded: string, required: true }
//!         - { name: count, type: int, rust: u32 }
//!     receive:
//!       rust_type: ReceivedGift
//!       fields:
//!         - { name: id, type: int, rust: u32, encoded: string, required: true }
//!         - { name: name, type: string, required: true }
//! ```
//!
//! ```ignore
//! // ncat delivers a kind it does not know as `ReceivedSegment::Unknown`;
//! // `from_segment` reads the extension's own from it, typed.
//! for segment in message.segments() {
//!     if let Some(ExtensionSegment::Gift(gift)) = ExtensionSegment::from_segment(segment)? {
//!         println!("{} × {}", gift.name, gift.id);
//!     }
//! }
//! // And sends them like ncat's own kinds (as `Segment::Unknown`).
//! let thanks = Message::new().text("thanks! ").segment(Gift::new(7).count(1));
//! ```
//!
//! `from_segment` is `Ok(None)` for every segment not of the extension's
//! kinds, and a [`SegmentDataError`] when the kind is one of them but its
//! `data` does not fit. A kind ncat already has, or a data type named like
//! one of ncat's or another of the extension's types, is an error that
//! says so. When ncat ships the kind, delete the entry: it then arrives as
//! ncat's own variant.
//!
//! # Adding to ncat's own actions
//!
//! NapCat also adds parameters to actions ncat already has (the six send
//! actions gained `timeout` in 4.17.49) and fields to their replies. An
//! `extend:` list in the same YAML adds them, without waiting for ncat:
//!
//! ```yaml
//! extend:
//!   - action: send_group_msg
//!     params:
//!       - { name: summary, type: string, doc: The forward card's footer. }
//!   - action: get_msg
//!     reply:
//!       fields:
//!         - { name: real_seq, type: string }
//! ```
//!
//! ```ignore
//! use extra::{GetMsgExtraFields, SendGroupMsgExtraParams};
//!
//! client.send_group_msg(123456, "hi").summary("2 条聊天记录").await?;
//! let message = client.get_msg(42).with_data().await?;
//! println!("{} {}", message.message_id, message.real_seq()?);
//! ```
//!
//! An added parameter is an optional setter (trait `<Action>ExtraParams`,
//! implemented for the action's [`Call`](crate::Call)), sent on the wire
//! after the action's own parameters, through
//! [`Call::extra_param`](crate::Call::extra_param). Added reply fields are
//! read from the reply's `data`, kept by
//! [`Call::with_data`](crate::Call::with_data) only for calls that ask, so
//! every other call decodes exactly as before: trait `<Action>ExtraFields`
//! has one accessor per field on the [`WithData`](crate::WithData) reply,
//! and `<Action>ExtraReply` is the struct of them all. A parameter or field
//! the action already has, a `required` parameter, fields on a reply that
//! is not an object, a stream action and an action ncat does not have are
//! compile errors naming `file:line:col`; when ncat catches up, the error
//! says which entry to delete.
//!
//! The `ncat-schema` tool (crate `ncat-schema-cli`) works on such a
//! directory too: `ncat-schema --schema napcat-extra --extends DIR check`
//! (or `diff`, `import`), where `DIR` is this crate's `schema/`.
//!
//! This module holds what the generated code refers to, so the bot's crate
//! needs no dependency of its own on serde or `ncat-codegen`.

/// What the segment kinds of an extension's `segments.yaml` are read and
/// written with (serde helpers, decoding from `ReceivedSegment::Unknown`).
#[doc(hidden)]
pub use crate::message::extension_segment as __segment;
pub use crate::message::extension_segment::SegmentDataError;
/// The proc-macro behind [`extend!`](crate::extend), which calls it with
/// the names and types of ncat-api's own schema; call `extend!` instead.
#[cfg(feature = "extend")]
pub use ncat_codegen::extend;
/// The serde the generated types derive through.
pub use serde;
/// The serde_json the generated code names (`json` fields, raw replies).
pub use serde_json;
