//! A global allocator that counts the allocations of the threads that ask
//! it to, so the client's allocations are counted and the server's (running
//! on its own thread in the same process) are not. The counts are shared by
//! every counting thread: the client may run on a multi-thread runtime.

#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};

/// The system allocator, counting on the threads that called
/// [`count_this_thread`].
///
/// Install it in the benchmark binary with `#[global_allocator]`.
pub struct CountingAllocator;

thread_local! {
    // `const` initialisers: no lazy initialisation and no destructor, so the
    // allocator may touch them without allocating itself.
    static COUNTING: Cell<bool> = const { Cell::new(false) };
}

static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);
static LIVE_BYTES: AtomicI64 = AtomicI64::new(0);

/// What the counting threads have allocated while counting.
#[derive(Clone, Copy, Debug, Default)]
pub struct AllocStats {
    /// Calls to `alloc`, `alloc_zeroed` and `realloc`.
    pub allocations: u64,
    /// Bytes allocated minus bytes freed on the counting threads.
    pub live_bytes: i64,
}

/// Counts this thread's allocations from now on (for the rest of the
/// thread's life).
pub fn count_this_thread() {
    COUNTING.with(|counting| counting.set(true));
}

/// The counting threads' counters so far.
pub fn stats() -> AllocStats {
    AllocStats {
        allocations: ALLOCATIONS.load(Ordering::Relaxed),
        live_bytes: LIVE_BYTES.load(Ordering::Relaxed),
    }
}

fn record(allocations: u64, bytes: i64) {
    // `try_with`: the thread may be tearing its thread-locals down.
    let _ = COUNTING.try_with(|counting| {
        if counting.get() {
            ALLOCATIONS.fetch_add(allocations, Ordering::Relaxed);
            LIVE_BYTES.fetch_add(bytes, Ordering::Relaxed);
        }
    });
}

fn size(layout: Layout) -> i64 {
    i64::try_from(layout.size()).unwrap_or(i64::MAX)
}

// SAFETY: every method forwards to `System` with the caller's arguments; the
// counting touches only a `const`-initialised thread-local and atomics,
// which never allocate.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        record(1, size(layout));
        // SAFETY: the caller upholds `GlobalAlloc::alloc`'s contract.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        record(1, size(layout));
        // SAFETY: as for `alloc`.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        record(0, -size(layout));
        // SAFETY: `ptr` came from this allocator, i.e. from `System`.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        record(
            1,
            i64::try_from(new_size).unwrap_or(i64::MAX) - size(layout),
        );
        // SAFETY: as for `dealloc`, and `new_size` is the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}
