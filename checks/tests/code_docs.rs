//! The README's table of check codes and the reference in
//! `docs/diagnostics.md` are generated from each code's documentation
//! (`Code::doc`). Regenerate with `UNMIXED_BLESS=1 cargo test -p unmixed-checks --test code_docs`.

use std::path::{Path, PathBuf};

fn workspace(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(file)
}

/// Replaces what sits between the two markers of `name` in `text`.
fn splice(text: &str, name: &str, generated: &str) -> String {
    let start = format!("<!-- {name}:start -->\n");
    let end = format!("<!-- {name}:end -->");
    let from = text
        .find(&start)
        .unwrap_or_else(|| panic!("no {start:?} marker"))
        + start.len();
    let to = text
        .find(&end)
        .unwrap_or_else(|| panic!("no {end:?} marker"));
    format!("{}{generated}{}", &text[..from], &text[to..])
}

fn check(file: &str, name: &str, generated: &str) {
    let path = workspace(file);
    let text = std::fs::read_to_string(&path).expect("the document exists");
    let expected = splice(&text, name, generated);
    if std::env::var_os("UNMIXED_BLESS").is_some() {
        std::fs::write(&path, &expected).expect("writes the document");
        return;
    }
    assert!(
        text == expected,
        "{file} is out of step with the codes' documentation; run `UNMIXED_BLESS=1 cargo test -p unmixed-checks --test code_docs`"
    );
}

#[test]
fn the_readme_table_is_generated_from_the_codes() {
    check("README.md", "codes", &unmixed_checks::markdown_table());
}

#[test]
fn the_reference_is_generated_from_the_codes() {
    check(
        "docs/diagnostics.md",
        "code-reference",
        &unmixed_checks::markdown_reference(),
    );
}

#[test]
fn every_code_is_documented_whole() {
    for code in unmixed_checks::Code::ALL {
        let doc = code.doc();
        for (part, text) in [
            ("summary", doc.summary),
            ("runs_in", doc.runs_in),
            ("catches", doc.catches),
            ("why", doc.why),
            ("limits", doc.limits),
            ("example", doc.example),
            ("fix", doc.fix),
        ] {
            assert!(!text.trim().is_empty(), "{code}: empty {part}");
        }
    }
}
