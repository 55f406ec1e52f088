//! One contender in one scenario against the out-of-process server, for
//! profilers that count per process (`valgrind --tool=callgrind`,
//! `strace -c`, `perf stat`): prints how many calls completed, so totals
//! divide into costs per call (run it for two durations and divide the
//! difference, to cancel the setup).
//!
//! ```text
//! ncat-bench-probe raw|typed|call_raw SCENARIO-WORDS… current_thread|multi-thread SECONDS
//! ncat-bench-probe typed "WS, batching server, 1 in flight" current_thread 2
//! ```

fn main() -> Result<(), ncat_bench::BoxError> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [contender, scenario, flavor, seconds] = &args[..] else {
        return Err("usage: ncat-bench-probe CONTENDER SCENARIO FLAVOR SECONDS".into());
    };
    let server = std::env::current_exe()?.with_file_name("ncat-bench-server");
    let calls = ncat_bench::probe(&server, contender, scenario, flavor, seconds.parse()?)?;
    println!("{calls}");
    Ok(())
}
