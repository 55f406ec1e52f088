//! Wiring mistakes are compile errors whose messages say what to do.

#[test]
fn wiring_mistakes_do_not_compile() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
}
