//! Compile-time guarantees, checked with trybuild:
//! - a schema mistake is a compile error naming `file:line:col` (`ui/schema`);
//! - a call with wrong parameter types does not compile (`ui/params`), with
//!   a message that says why, while correct calls do (`ui/pass`).
//!
//! Regenerate the expected `.stderr` files after an intended change with
//! `TRYBUILD=overwrite cargo test -p ncat-tests --test compile_fail`.

#[test]
fn compile_time_checks() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/schema/*.rs");
}
