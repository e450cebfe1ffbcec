//! Recall on real bugs: every case in `tests/bugs/` is a concurrency hazard
//! that shipped in a public project, reconstructed as a tiny crate `before/`
//! the fix and `after/` it (see `tests/bugs/README.md`). The reviewer must
//! report the case's code at the case's line in `before/`, and nothing at all
//! in `after/`.
//!
//! Run with `cargo test -p cargo-unmixed --test bugs -- --nocapture`
//! to see, case by case, what is found and what is missed.

use std::path::{Path, PathBuf};
use std::process::Command;

/// One case, as its `case.toml` describes it.
struct Case {
    name: String,
    dir: PathBuf,
    code: String,
    file: String,
    line: u64,
}

/// One line of the reviewer's JSON report.
#[derive(Debug, PartialEq)]
struct Finding {
    file: String,
    line: u64,
    code: String,
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bugs")
}

fn cases() -> Vec<Case> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(corpus())
        .expect("tests/bugs exists")
        .map(|entry| entry.expect("readable entry").path())
        .filter(|path| path.is_dir())
        .collect();
    dirs.sort();
    dirs.into_iter()
        .map(|dir| {
            let name = dir.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(dir.join("case.toml"))
                .unwrap_or_else(|error| panic!("{name}/case.toml: {error}"));
            let table: toml::Table = text
                .parse()
                .unwrap_or_else(|error| panic!("{name}/case.toml: {error}"));
            let string = |key: &str| {
                table
                    .get(key)
                    .and_then(toml::Value::as_str)
                    .unwrap_or_else(|| panic!("{name}/case.toml has no string `{key}`"))
                    .to_owned()
            };
            for key in ["project", "url", "summary"] {
                assert!(!string(key).is_empty(), "{name}/case.toml: empty `{key}`");
            }
            let line = table
                .get("line")
                .and_then(toml::Value::as_integer)
                .and_then(|line| u64::try_from(line).ok())
                .unwrap_or_else(|| panic!("{name}/case.toml has no positive `line`"));
            Case {
                code: string("code"),
                file: string("file"),
                line,
                name,
                dir,
            }
        })
        .collect()
}

fn review(dir: &Path) -> Vec<Finding> {
    let output = Command::new(env!("CARGO_BIN_EXE_cargo-unmixed"))
        .args(["unmixed", "review", "--format", "json"])
        .current_dir(dir)
        .output()
        .expect("the reviewer runs");
    let stdout = String::from_utf8(output.stdout).expect("utf-8 report");
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "the reviewer failed in {}: {}",
        dir.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
        .lines()
        .map(|line| {
            let value: serde_json::Value =
                serde_json::from_str(line).expect("each line is a JSON object");
            Finding {
                file: value["file"]
                    .as_str()
                    .unwrap_or_default()
                    .replace('\\', "/"),
                line: value["line"].as_u64().unwrap_or_default(),
                code: value["code"].as_str().unwrap_or_default().to_owned(),
            }
        })
        .collect()
}

fn describe(findings: &[Finding]) -> String {
    if findings.is_empty() {
        return "nothing".to_owned();
    }
    findings
        .iter()
        .map(|f| format!("{} at {}:{}", f.code, f.file, f.line))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The corpus itself is well formed: this runs on every `cargo test`, so a
/// broken case is noticed even while the recall test below is ignored.
#[test]
fn every_case_is_well_formed() {
    let cases = cases();
    assert!(cases.len() >= 24, "only {} cases", cases.len());
    for case in &cases {
        for side in ["before", "after"] {
            let manifest = std::fs::read_to_string(case.dir.join(side).join("Cargo.toml"))
                .unwrap_or_else(|error| panic!("{}/{side}/Cargo.toml: {error}", case.name));
            assert!(
                manifest.lines().any(|line| line.trim() == "[workspace]"),
                "{}/{side} is not a workspace of its own",
                case.name
            );
        }
        let source = std::fs::read_to_string(case.dir.join("before").join(&case.file))
            .unwrap_or_else(|error| panic!("{}/before/{}: {error}", case.name, case.file));
        let line_count = u64::try_from(source.lines().count()).unwrap();
        assert!(
            case.line <= line_count,
            "{}: line {} is past the end of before/{}",
            case.name,
            case.line,
            case.file
        );
        assert!(
            unmixed_checks::Code::ALL
                .iter()
                .any(|code| code.as_str() == case.code),
            "{}: `{}` is not a check code",
            case.name,
            case.code
        );
    }
}

#[test]
fn every_before_is_found_and_every_after_is_quiet() {
    let cases = cases();
    let mut failures = Vec::new();
    let mut found = 0;
    let mut quiet = 0;
    for case in &cases {
        let expected = Finding {
            file: case.file.clone(),
            line: case.line,
            code: case.code.clone(),
        };
        let before = review(&case.dir.join("before"));
        let after = review(&case.dir.join("after"));
        let hit = before.contains(&expected);
        let clean = after.is_empty();
        found += usize::from(hit);
        quiet += usize::from(clean);
        println!(
            "{:<44} {:<32} before: {:<6} after: {}",
            case.name,
            case.code,
            if hit { "found" } else { "MISSED" },
            if clean { "quiet" } else { "FLAGGED" },
        );
        if !hit {
            failures.push(format!(
                "{}: expected {} at {}:{} in before/, got {}",
                case.name,
                case.code,
                case.file,
                case.line,
                describe(&before)
            ));
        }
        if !clean {
            failures.push(format!(
                "{}: after/ should be quiet, got {}",
                case.name,
                describe(&after)
            ));
        }
    }
    println!(
        "{found} of {} found, {quiet} of {} fixed versions quiet",
        cases.len(),
        cases.len()
    );
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
