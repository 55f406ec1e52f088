//! [`Activity`]: how busy a router is, for the test harness to know when a
//! bot is idle.

/// How many events are being routed and how many handlers wait in a
/// conversation: the test harness waits until every running event waits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Activity {
    pub(crate) running: usize,
    pub(crate) waiting: usize,
}
