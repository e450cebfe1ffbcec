//! The review reads attributes as written, which may be anything.

#[test]
fn a_state_option_that_is_not_a_name_does_not_panic() {
    // Found by the mutation test in `unmixed-macros`.
    for state in ["1 + 2", "self", "Session ,", "\"S\""] {
        let source = format!(
            "#[unmixed::actor(state = {state})] mod m {{ pub struct S; impl S {{ pub fn a(&self) {{}} }} }}"
        );
        let file = syn::parse_file(&source).expect("the sample parses");
        let findings = unmixed_checks::review::review(&file);
        assert!(findings.is_empty(), "{state}: {findings:?}");
    }
}
