//! Merged forwards by message id, as ncatbot's
//! `send_group_forward_msg(group_id, messages)` takes them: a list of
//! [`MessageId`]s converts to a [`Message`] of `node` segments.

use crate::id::MessageId;
use crate::message::{Message, Segment};

/// The merged forward of these messages: one `node` segment per id, in
/// order (`[{"type": "node", "data": {"id": "…"}}, …]`).
///
/// NapCat sends a message made only of `node` segments as a merged forward,
/// so ncatbot's `send_group_forward_msg(group_id, messages)` keeps its shape:
///
/// ```no_run
/// use ncat_api::MessageId;
///
/// # async fn demo(client: ncat_api::Client) -> Result<(), ncat_api::Error> {
/// let ids = vec![MessageId::new(1588762139), MessageId::new(1588762140)];
/// let sent = client.send_group_forward_msg(123456, ids).await?;
/// println!("forwarded as message {}", sent.message_id);
/// # Ok(()) }
/// ```
impl From<Vec<MessageId>> for Message {
    fn from(messages: Vec<MessageId>) -> Self {
        messages.into_iter().collect()
    }
}

/// The merged forward of these messages; see `From<Vec<MessageId>>`.
impl<const N: usize> From<[MessageId; N]> for Message {
    fn from(messages: [MessageId; N]) -> Self {
        messages.into_iter().collect()
    }
}

/// The merged forward of these messages; see `From<Vec<MessageId>>`.
impl From<&[MessageId]> for Message {
    fn from(messages: &[MessageId]) -> Self {
        messages.iter().copied().collect()
    }
}

/// The merged forward of these messages, one `node` segment per id; see
/// `From<Vec<MessageId>>`.
impl FromIterator<MessageId> for Message {
    fn from_iter<I: IntoIterator<Item = MessageId>>(messages: I) -> Self {
        messages.into_iter().map(Segment::node).collect()
    }
}
