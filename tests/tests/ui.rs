//! Compile-time behaviour: every diagnostic of the macros (`ui/<macro>/`),
//! and code that must compile cleanly (`ui/pass/`).
//! Regenerate snapshots with `TRYBUILD=overwrite cargo test -p unmixed-tests --test ui`
//! and read every changed `.stderr` before committing it.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.pass("../ui/pass/*.rs");
    cases.compile_fail("../ui/actor/*.rs");
    cases.compile_fail("../ui/allow/*.rs");
    cases.compile_fail("../ui/worker_pool/*.rs");
    cases.compile_fail("../ui/shared_state/*.rs");
}
