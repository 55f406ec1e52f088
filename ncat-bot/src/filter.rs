//! Filters and permissions: as route options ([`Filter`], composable with
//! `&`, `|` and `!`) or as handler arguments (the marker extractors here).

use std::fmt;
use std::ops::{BitAnd, BitOr, Not};
use std::sync::Arc;

use ncat_api::event::{Event, MessageEvent, Role};
use ncat_api::{GroupId, UserId};

use crate::context::EventContext;
use crate::extract::{FromEvent, Rejection};

/// A condition on the event, for [`Route::filter`](crate::Route::filter).
/// Compose them: `filter::group_only() & (filter::group_admin() | filter::bot_owner())`.
#[derive(Clone)]
pub struct Filter {
    test: Arc<dyn Fn(&EventContext) -> bool + Send + Sync>,
}

impl Filter {
    /// A filter from any test of the event.
    pub fn new(test: impl Fn(&EventContext) -> bool + Send + Sync + 'static) -> Self {
        Filter {
            test: Arc::new(test),
        }
    }

    /// Whether the event passes.
    pub fn allows(&self, cx: &EventContext) -> bool {
        (self.test)(cx)
    }
}

impl fmt::Debug for Filter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Filter").finish_non_exhaustive()
    }
}

impl BitAnd for Filter {
    type Output = Filter;

    fn bitand(self, other: Filter) -> Filter {
        Filter::new(move |cx| self.allows(cx) && other.allows(cx))
    }
}

impl BitOr for Filter {
    type Output = Filter;

    fn bitor(self, other: Filter) -> Filter {
        Filter::new(move |cx| self.allows(cx) || other.allows(cx))
    }
}

impl Not for Filter {
    type Output = Filter;

    fn not(self) -> Filter {
        Filter::new(move |cx| !self.allows(cx))
    }
}

/// Group messages only.
pub fn group_only() -> Filter {
    Filter::new(is_group)
}

/// Private messages only.
pub fn private_only() -> Filter {
    Filter::new(is_private)
}

/// Group messages from the group's admins or owner.
pub fn group_admin() -> Filter {
    Filter::new(is_group_admin)
}

/// Group messages from the group's owner.
pub fn group_owner() -> Filter {
    Filter::new(|cx| sender_role(cx) == Some(Role::Owner))
}

/// Events from the bot's owners ([`Router::owners`](crate::Router::owners)).
pub fn bot_owner() -> Filter {
    Filter::new(EventContext::from_owner)
}

/// Events in these groups.
pub fn in_groups(groups: impl IntoIterator<Item = impl Into<GroupId>>) -> Filter {
    let groups: Vec<GroupId> = groups.into_iter().map(Into::into).collect();
    Filter::new(move |cx| cx.group_id().is_some_and(|group| groups.contains(&group)))
}

/// Events from these users.
pub fn from_users(users: impl IntoIterator<Item = impl Into<UserId>>) -> Filter {
    let users: Vec<UserId> = users.into_iter().map(Into::into).collect();
    Filter::new(move |cx| cx.user_id().is_some_and(|user| users.contains(&user)))
}

fn is_group(cx: &EventContext) -> bool {
    matches!(cx.event(), Event::Message(MessageEvent::Group(_)))
}

fn is_private(cx: &EventContext) -> bool {
    matches!(cx.event(), Event::Message(MessageEvent::Private(_)))
}

fn sender_role(cx: &EventContext) -> Option<Role> {
    match cx.event() {
        Event::Message(MessageEvent::Group(message)) => message.sender.role,
        _ => None,
    }
}

fn is_group_admin(cx: &EventContext) -> bool {
    matches!(sender_role(cx), Some(Role::Admin | Role::Owner))
}

/// Defines a marker extractor: the handler runs only when `test` passes.
macro_rules! marker {
    ($(#[$doc:meta])* $name:ident = $test:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct $name;

        impl<S> FromEvent<S> for $name {
            fn fits(cx: &EventContext, _: &S) -> bool {
                $test(cx)
            }

            fn from_event(cx: &EventContext, state: &S) -> Result<Self, Rejection> {
                if Self::fits(cx, state) { Ok($name) } else { Err(Rejection::Skip) }
            }
        }
    };
}

marker!(
    /// As an argument: the handler runs only for group messages from the
    /// group's admins or owner.
    GroupAdmin = is_group_admin
);
marker!(
    /// As an argument: the handler runs only for group messages from the
    /// group's owner.
    GroupOwner = |cx| sender_role(cx) == Some(Role::Owner)
);
marker!(
    /// As an argument: the handler runs only for events from the bot's
    /// owners ([`Router::owners`](crate::Router::owners)).
    BotOwner = EventContext::from_owner
);
marker!(
    /// As an argument: the handler runs only for private messages.
    Private = is_private
);
marker!(
    /// As an argument: the handler runs only for group messages.
    InGroup = is_group
);
