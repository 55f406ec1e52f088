//! `cargo bench -p ncat-bench`: ncat against raw loops; prints markdown
//! tables. Without `--bench` (as under `cargo test --benches`), a quick smoke
//! run of every measurement.

use ncat_bench::alloc::CountingAllocator;
use ncat_bench::{BoxError, Settings};

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

fn main() -> Result<(), BoxError> {
    let full = std::env::args().any(|arg| arg == "--bench");
    ncat_bench::run(if full {
        &Settings::FULL
    } else {
        &Settings::SMOKE
    })
}
