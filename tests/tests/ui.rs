//! Compile-time behaviour: every diagnostic of the macros (`ui/<macro>/`),
//! and code that must compile cleanly (`ui/pass/`).
//! Regenerate snapshots with `TRYBUILD=overwrite cargo test -p unmixed-tests --test ui`
//! and read every changed `.stderr` before committing it. To run some cases
//! only: `UNMIXED_UI='shared_state/lock_*' cargo test -p unmixed-tests --test ui`.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    if let Ok(only) = std::env::var("UNMIXED_UI") {
        let glob = format!("../ui/{only}.rs");
        if only.starts_with("pass/") {
            cases.pass(glob);
        } else {
            cases.compile_fail(glob);
        }
        return;
    }
    cases.pass("../ui/pass/*.rs");
    cases.compile_fail("../ui/actor/*.rs");
    cases.compile_fail("../ui/allow/*.rs");
    cases.compile_fail("../ui/worker_pool/*.rs");
    cases.compile_fail("../ui/shared_state/*.rs");
}
