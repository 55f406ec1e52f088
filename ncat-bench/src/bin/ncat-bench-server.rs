//! The benchmark's servers in a process of their own (started by
//! `cargo bench -p ncat-bench`, which finds it through
//! `CARGO_BIN_EXE_ncat-bench-server`): prints where they listen, serves
//! until its standard input ends.

fn main() -> Result<(), ncat_bench::BoxError> {
    ncat_bench::server::serve_standalone()
}
