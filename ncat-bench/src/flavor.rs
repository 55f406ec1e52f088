//! [`Flavor`]: the Tokio runtimes the out-of-process table runs the client
//! on.

use tokio::runtime::Runtime;

use crate::alloc;

/// Which runtime the client runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Flavor {
    /// `Builder::new_current_thread()`: everything on the calling thread.
    CurrentThread,
    /// `Builder::new_multi_thread()` with its defaults, as `#[tokio::main]`
    /// builds it: the calls and ncat's tasks on the workers.
    MultiThread,
}

impl Flavor {
    /// Both, current-thread first.
    pub const ALL: [Flavor; 2] = [Flavor::CurrentThread, Flavor::MultiThread];

    /// The table's label.
    pub fn label(self) -> &'static str {
        match self {
            Flavor::CurrentThread => "current_thread",
            Flavor::MultiThread => "multi-thread",
        }
    }

    /// A new runtime of this flavor, counting its threads' allocations.
    pub fn runtime(self) -> std::io::Result<Runtime> {
        let mut builder = match self {
            Flavor::CurrentThread => tokio::runtime::Builder::new_current_thread(),
            Flavor::MultiThread => tokio::runtime::Builder::new_multi_thread(),
        };
        // The workers' allocations are the client's too.
        builder.on_thread_start(alloc::count_this_thread);
        builder.enable_all().build()
    }
}
