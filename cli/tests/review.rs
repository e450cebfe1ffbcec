//! The reviewer run as a user runs it, on fixture crates in `tests/fixtures/`:
//! one positive and one negative crate per family of checks. Each fixture's
//! `expected.txt` is the exact output; regenerate with
//! `UNMIXED_BLESS=1 cargo test -p cargo-unmixed --test review` and read the diff.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn cargo_unmixed(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cargo-unmixed"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the reviewer runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("utf-8 output")
}

#[test]
fn every_fixture_produces_its_expected_report() {
    let bless = std::env::var_os("UNMIXED_BLESS").is_some();
    let mut checked = 0;
    let mut entries: Vec<_> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for fixture in entries {
        let output = cargo_unmixed(&fixture, &["unmixed", "review"]);
        let actual = stdout(&output);
        let expected_path = fixture.join("expected.txt");
        if bless {
            std::fs::write(&expected_path, &actual).unwrap();
        }
        let expected = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|_| panic!("{} has no expected.txt", fixture.display()));
        assert_eq!(actual, expected, "report of {}", fixture.display());
        let has_errors = !actual.lines().last().unwrap_or("").starts_with("0 errors");
        assert_eq!(
            output.status.code(),
            Some(i32::from(has_errors)),
            "exit status of {}",
            fixture.display()
        );
        checked += 1;
    }
    assert!(checked >= 18, "only {checked} fixtures found");
}

#[test]
fn negative_fixtures_report_nothing() {
    for name in [
        "mixed_models_negative",
        "unbounded_negative",
        "cyclic_send_negative",
        "actor_hazards_negative",
        "debug_println_negative",
        "wrong_model_negative",
        "allow_honoured",
        "pool_hazards_negative",
        "locks_negative",
        "check_then_act_negative",
        "join_negative",
    ] {
        let output = cargo_unmixed(&fixtures().join(name), &["review"]);
        let report = stdout(&output);
        assert_eq!(report.lines().count(), 1, "{name} reported:\n{report}");
        assert!(
            report.starts_with("0 errors, 0 warnings"),
            "{name}: {report}"
        );
        assert_eq!(output.status.code(), Some(0), "{name}");
    }
}

#[test]
fn test_code_is_reviewed_on_request() {
    let dir = fixtures().join("unbounded_negative");
    let output = cargo_unmixed(&dir, &["review", "--tests"]);
    assert!(
        stdout(&output).contains("UNBOUNDED_WORKER_QUEUE"),
        "{}",
        stdout(&output)
    );
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn json_has_one_object_per_finding() {
    let output = cargo_unmixed(
        &fixtures().join("unbounded_positive"),
        &["review", "--format", "json"],
    );
    let lines: Vec<serde_json::Value> = stdout(&output)
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is a JSON object"))
        .collect();
    assert_eq!(lines.len(), 4);
    let first = &lines[0];
    assert_eq!(first["file"], "src/lib.rs");
    assert_eq!(first["code"], "UNBOUNDED_ACTOR_MAILBOX");
    assert_eq!(first["level"], "error");
    assert_eq!(first["line"], 10);
    assert!(first["column"].as_u64().unwrap() > 1);
    assert!(first["end"]["line"].as_u64().unwrap() >= 10);
    assert!(first["help"].as_str().unwrap().contains("channel(N)"));
    assert_eq!(lines[1]["code"], "UNBOUNDED_WORKER_QUEUE");
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn sarif_is_a_2_1_0_log_with_rules_and_results() {
    let output = cargo_unmixed(
        &fixtures().join("wrong_model_positive"),
        &["review", "--format", "sarif"],
    );
    let log: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "cargo-unmixed");
    assert_eq!(run["tool"]["driver"]["rules"].as_array().unwrap().len(), 17);
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 4);
    assert_eq!(results[0]["ruleId"], "WRONG_MODEL_FOR_WORKLOAD");
    assert_eq!(results[0]["level"], "warning");
    let region = &results[0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 7);
    assert_eq!(output.status.code(), Some(0), "warnings alone do not fail");
}

#[test]
fn levels_come_from_flags_and_unmixed_toml() {
    let dir = fixtures().join("wrong_model_positive");
    let denied = cargo_unmixed(&dir, &["review", "--deny", "WRONG_MODEL_FOR_WORKLOAD"]);
    assert!(stdout(&denied).starts_with("[src/lib.rs:7] WRONG_MODEL_FOR_WORKLOAD"));
    assert!(stdout(&denied).contains("4 errors, 0 warnings"));
    assert_eq!(denied.status.code(), Some(1));
    let allowed = cargo_unmixed(&dir, &["review", "--allow", "WRONG_MODEL_FOR_WORKLOAD"]);
    assert!(stdout(&allowed).starts_with("0 errors, 0 warnings"));

    let configured = tempdir("levels");
    copy_dir(&dir, &configured);
    std::fs::write(
        configured.join("unmixed.toml"),
        "[levels]\nWRONG_MODEL_FOR_WORKLOAD = \"deny\"\n",
    )
    .unwrap();
    let output = cargo_unmixed(&configured, &["review"]);
    assert!(
        stdout(&output).contains("4 errors, 0 warnings"),
        "{}",
        stdout(&output)
    );
    // The command line wins over the file.
    let output = cargo_unmixed(
        &configured,
        &["review", "--warn", "WRONG_MODEL_FOR_WORKLOAD"],
    );
    assert!(stdout(&output).contains("0 errors, 4 warnings"));
}

#[test]
fn unknown_codes_and_bad_paths_exit_2() {
    let dir = fixtures().join("wrong_model_positive");
    let output = cargo_unmixed(&dir, &["review", "--deny", "LOCK_ACROS_AWAIT"]);
    assert_eq!(output.status.code(), Some(2));
    let error = String::from_utf8(output.stderr).unwrap();
    assert!(
        error.contains("did you mean `LOCK_ACROSS_AWAIT`?"),
        "{error}"
    );
    assert!(
        error.contains("`MIXED_MODELS`"),
        "lists the valid codes: {error}"
    );

    let output = cargo_unmixed(&dir, &["review", "no/such/dir"]);
    assert_eq!(output.status.code(), Some(2));

    let output = cargo_unmixed(&dir, &["review", "--format", "xml"]);
    assert_eq!(output.status.code(), Some(2));

    let configured = tempdir("bad-config");
    copy_dir(&dir, &configured);
    std::fs::write(
        configured.join("unmixed.toml"),
        "[levels]\nNOT_A_CODE = \"deny\"\n",
    )
    .unwrap();
    let output = cargo_unmixed(&configured, &["review"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8(output.stderr)
        .unwrap()
        .contains("unknown check code `NOT_A_CODE`"));
}

#[test]
fn the_map_draws_actors_and_their_requests() {
    let dir = fixtures().join("cyclic_send_positive");
    let text = stdout(&cargo_unmixed(&dir, &["map"]));
    assert_eq!(
        text,
        "actors\n  Ping (mailbox default) [src/ping.rs:9]: seen, serve\n  Pong (mailbox default) [src/pong.rs:8]: volley\n\
         requests\n  Ping --[serve → volley, waits]--> Pong\n  Pong --[volley → serve, waits]--> Ping\n"
    );
    let dot = stdout(&cargo_unmixed(&dir, &["map", "--format", "dot"]));
    assert!(dot.starts_with("digraph unmixed {"));
    assert!(dot.contains("Ping -> Pong [label=\"serve → volley (waits)\", style=solid];"));
    let mermaid = stdout(&cargo_unmixed(&dir, &["map", "--format", "mermaid"]));
    assert!(mermaid.starts_with("flowchart LR\n"));
    assert!(mermaid.contains("Pong -->|\"volley → serve (waits)\"| Ping"));

    let one_way = stdout(&cargo_unmixed(
        &fixtures().join("cyclic_send_negative"),
        &["map"],
    ));
    assert!(
        one_way.contains("Pong --[nudge → try_tell_serve, tell]--> Ping"),
        "{one_way}"
    );
}

#[test]
fn an_allowed_cycle_between_actors_is_not_reported() {
    let dir = tempdir("allowed-cycle");
    copy_dir(&fixtures().join("cyclic_send_positive"), &dir);
    let pong = dir.join("src/pong.rs");
    let source = std::fs::read_to_string(&pong).unwrap().replace(
        "    pub async fn volley",
        "    #[unmixed::allow(ACTOR_CYCLIC_SEND, reason = \"the peer answers from a detached handler\")]\n    pub async fn volley",
    );
    std::fs::write(&pong, source).unwrap();
    let report = stdout(&cargo_unmixed(&dir, &["review"]));
    assert!(!report.contains("actors wait on each other"), "{report}");
    // The hand-written actor in the same crate is still reported.
    assert!(
        report.contains("[src/heartbeat.rs:28] ACTOR_CYCLIC_SEND"),
        "{report}"
    );
}

fn tempdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("unmixed-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn unmixed_toml_names_guard_functions_guard_types_and_blocking_calls() {
    let dir = tempdir("lock-settings");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        "[package]\nname = \"x\"\nversion = \"0.1.0\"\n\n[workspace]\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("src/lib.rs"),
        "impl Store {\n    fn state(&self) -> Held<'_> { self.inner.enter() }\n    fn save(&self) {\n        let g = self.state();\n        db::query(\"UPDATE\");\n        drop(g);\n    }\n}\n",
    )
    .unwrap();
    let quiet = cargo_unmixed(&dir, &["review"]);
    assert!(stdout(&quiet).starts_with("0 errors"), "{}", stdout(&quiet));
    std::fs::write(
        dir.join("unmixed.toml"),
        "[locks]\nguard_functions = [\"state\"]\nblocking_calls = [\"db::query\"]\n",
    )
    .unwrap();
    let output = cargo_unmixed(&dir, &["review"]);
    assert!(
        stdout(&output).starts_with(
            "[src/lib.rs:5] LOCK_WRAPS_IO — a call listed as blocking in unmixed.toml (`db::query`) while `g`"
        ),
        "{}",
        stdout(&output)
    );
    assert_eq!(output.status.code(), Some(1));

    // Naming the guard type instead makes every function returning it a guard function.
    std::fs::write(
        dir.join("unmixed.toml"),
        "[locks]\nguard_types = [\"Held\"]\nblocking_calls = [\"db::query\"]\n",
    )
    .unwrap();
    let output = cargo_unmixed(&dir, &["review"]);
    assert!(
        stdout(&output).starts_with("[src/lib.rs:5] LOCK_WRAPS_IO"),
        "{}",
        stdout(&output)
    );

    std::fs::write(
        dir.join("unmixed.toml"),
        "[locks]\nguard_type = [\"Held\"]\n",
    )
    .unwrap();
    let output = cargo_unmixed(&dir, &["review"]);
    assert_eq!(output.status.code(), Some(2));
    let error = String::from_utf8(output.stderr).unwrap();
    assert!(
        error.contains("unknown key `locks.guard_type`; expected `guard_functions`, `guard_types` or `blocking_calls`"),
        "{error}"
    );
}

#[test]
fn the_map_lists_pools_and_shared_state() {
    let text = stdout(&cargo_unmixed(
        &fixtures().join("pool_hazards_negative"),
        &["map"],
    ));
    assert_eq!(
        text,
        "pools\n  checksum (queue 64, 4 workers) [src/lib.rs:12]\n  \
         insert_row (queue 16, 2 workers, resource Db) [src/lib.rs:17]\n  \
         render (queue 16, workers = CPUs) [src/lib.rs:23]\n"
    );
    let dot = stdout(&cargo_unmixed(
        &fixtures().join("pool_hazards_negative"),
        &["map", "--format", "dot"],
    ));
    assert!(dot.contains("insert_row [label=\"insert_row\\nworker pool · queue 16, 2 workers, resource Db\", shape=box3d];"), "{dot}");
}
