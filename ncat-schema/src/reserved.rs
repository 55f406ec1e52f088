//! The names generated code may not take: the hand-written methods of
//! `ncat_api::Client` and `ncat_api::Call`.

/// Methods of `ncat_api::Client` that no generated method may shadow.
pub const RESERVED_CLIENT_METHODS: &[&str] = &[
    "builder",
    "http",
    "with_transport",
    "call",
    "call_raw",
    "clone",
    "send",
    "events",
    "stream",
    "stream_raw",
    "upload_local_file",
    // ncatbot's conveniences, hand-written in `ncat_api::ncatbot`.
    "post_group_msg",
    "post_private_msg",
    "post_group_file",
    "post_private_file",
    "get_user_card",
    "get_group_card",
];

/// Methods of `ncat_api::Call` that no generated setter may shadow.
pub const RESERVED_CALL_METHODS: &[&str] = &[
    "call_timeout",
    "request",
    "request_mut",
    "into_inner",
    "into_future",
    "new",
    "extra_param",
    "with_data",
];
