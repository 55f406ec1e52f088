//! `cargo bench -p ncat-bench`: ncat against raw loops; prints markdown
//! tables. Without `--bench` (as under `cargo test --benches`), a quick smoke
//! run of every measurement. `cargo bench -p ncat-bench -- WORDS` runs only
//! the call scenarios whose name contains every word (for profiling one),
//! e.g. `-- out-of-process current_thread "1 in flight"`.

use ncat_bench::alloc::CountingAllocator;
use ncat_bench::{BoxError, Settings};

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

fn main() -> Result<(), BoxError> {
    let (flags, words): (Vec<String>, Vec<String>) = std::env::args()
        .skip(1)
        .partition(|arg| arg.starts_with("--"));
    let full = flags.iter().any(|flag| flag == "--bench");
    let settings = if full {
        &Settings::FULL
    } else {
        &Settings::SMOKE
    };
    let server = std::path::Path::new(env!("CARGO_BIN_EXE_ncat-bench-server"));
    ncat_bench::run(settings, &words, server)
}
