//! What a review found, in plain data: per file, its findings and the
//! actors, pools and shared state it declares; and the whole-crate checks
//! over those. Reading and reviewing happen in [`crate::engine`].

use std::path::{Path, PathBuf};

use unmixed_checks::design::{self, ActorDesign, FieldHandles, RequestKind, Target};
use unmixed_checks::{review, whole_crate};

/// What to read, and what the project's configuration says about its code.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Also read test code.
    pub include_tests: bool,
    /// Guard functions and blocking calls from `unmixed.toml`.
    pub locks: unmixed_checks::locks::Settings,
}
use unmixed_checks::{Code, Finding, Level};

use crate::config::Config;

/// A finding, located in a file, in plain data.
#[derive(Debug, Clone)]
pub struct Reported {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    /// `None` for a file that could not be parsed.
    pub code: Option<Code>,
    pub level: Level,
    pub message: String,
    pub help: String,
}

/// One file, read and reviewed.
#[derive(Debug)]
pub struct Scanned {
    pub file: String,
    pub lines: usize,
    pub findings: Vec<Reported>,
    pub actors: Vec<ActorSummary>,
    pub pools: Vec<PoolSummary>,
    pub shared: Vec<SharedSummary>,
    pub fields: FieldHandles,
    /// Types this file implements `unmixed::Reset` for.
    pub reset_impls: Vec<String>,
}

/// A worker pool, in plain data.
#[derive(Debug, Clone)]
pub struct PoolSummary {
    pub name: String,
    pub file: String,
    pub line: usize,
    pub bounded: Option<String>,
    pub workers: Option<String>,
    pub resource: Option<String>,
    pub resource_type: Option<String>,
    pub reset_allowed: bool,
}

/// A shared-state struct, in plain data.
#[derive(Debug, Clone)]
pub struct SharedSummary {
    pub name: String,
    pub file: String,
    pub line: usize,
    pub fields: Vec<(String, &'static str)>,
}

/// An actor, in plain data.
#[derive(Debug, Clone)]
pub struct ActorSummary {
    pub name: String,
    pub file: String,
    pub line: usize,
    pub mailbox: Option<String>,
    pub messages: Vec<String>,
    pub requests: Vec<RequestSummary>,
}

#[derive(Debug, Clone)]
pub struct RequestSummary {
    pub handler: String,
    pub target: Target,
    pub method: String,
    pub kind: RequestKind,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    /// `#[unmixed::allow(ACTOR_CYCLIC_SEND, ..)]` is in force where it is made.
    pub allowed: bool,
}

/// What a review read: every file with its findings, and what was left out.
pub struct Scan {
    pub files: Vec<Scanned>,
    pub crates: usize,
    /// `.rs` files under the given paths that no target compiles.
    pub skipped: usize,
    /// `.rs` files of test code under the given paths, left out without `--tests`.
    pub tests_left_out: usize,
    /// The files not reviewed, each with why.
    pub not_reviewed: Vec<(PathBuf, &'static str)>,
    /// Packages read file by file, and why.
    pub notes: Vec<String>,
}

/// Reads and reviews what `paths` hold: every crate whose package they are
/// in (as `cargo metadata` describes it), or file by file outside any.
pub fn scan(paths: &[PathBuf], root: &Path, options: &Options) -> Result<Scan, String> {
    let plan = crate::crates::plan(paths, options.include_tests)?;
    let outcome = crate::engine::run(&plan, root, options);
    let in_scope = |path: &Path| plan.scope.iter().any(|scope| path.starts_with(scope));
    let reviewed: std::collections::HashSet<PathBuf> =
        outcome.files.iter().map(|(path, _)| path.clone()).collect();
    let test_files: std::collections::HashSet<&PathBuf> = outcome.test_files.iter().collect();
    let is_test = |path: &PathBuf| {
        test_files.contains(path)
            || outcome.test_files.iter().any(|dir| path.starts_with(dir))
            || plan.test_roots.iter().any(|root| root == path)
            || plan.test_dirs.iter().any(|dir| path.starts_with(dir))
    };
    let (mut skipped, mut tests_left_out) = (0, 0);
    let mut not_reviewed = Vec::new();
    for scope in &plan.scope {
        if scope.is_dir() {
            for path in crate::files::rust_files(scope)? {
                let path = path.canonicalize().unwrap_or(path);
                if reviewed.contains(&path) {
                    continue;
                }
                if is_test(&path) {
                    tests_left_out += 1;
                    not_reviewed.push((path, "test code"));
                } else {
                    skipped += 1;
                    not_reviewed.push((path, "no target compiles it"));
                }
            }
        }
    }
    let mut files: Vec<Scanned> = outcome
        .files
        .into_iter()
        .filter(|(path, _)| in_scope(path))
        .map(|(_, scanned)| scanned)
        .collect();
    files.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(Scan {
        files,
        crates: outcome.crates,
        skipped,
        tests_left_out,
        not_reviewed,
        notes: plan.notes,
    })
}

/// How a file is named in reports: relative to the workspace root.
pub fn display_name(path: &Path, root: &Path) -> String {
    let absolute = std::env::current_dir()
        .map(|dir| dir.join(path))
        .unwrap_or_else(|_| path.to_path_buf());
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    absolute
        .strip_prefix(&root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// A file outside any crate, read and reviewed on its own.
pub fn scan_file(path: &Path, root: &Path, options: &Options) -> Scanned {
    let file = display_name(path, root);
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) => {
            return failed(file, 0, 1, 1, format!("could not read the file: {error}"));
        }
    };
    let lines = text.lines().count();
    let mut parsed = match syn::parse_file(&text) {
        Ok(parsed) => parsed,
        Err(error) => {
            let failure = crate::parse_error::describe(&text, &error);
            return failed(file, lines, failure.line, failure.column, failure.message);
        }
    };
    unmixed_checks::syntax_expand(&mut parsed.items);
    if !options.include_tests {
        review::strip_tests(&mut parsed);
    }
    let findings = review::review_with(&parsed, &options.locks);
    summarise(file, lines, &parsed, &findings)
}

/// A reviewed file in plain data: its findings and its design.
pub fn summarise(file: String, lines: usize, parsed: &syn::File, findings: &[Finding]) -> Scanned {
    let findings = findings
        .iter()
        .map(|finding| located(&file, finding))
        .collect();
    let mut fields = FieldHandles::new();
    design::field_handles(parsed, &mut fields);
    let actors = design::actors(parsed)
        .iter()
        .map(|actor| summary(&file, actor))
        .collect();
    let (pools, shared) = design::pools_and_shared(parsed);
    let pools = pools
        .into_iter()
        .map(|pool| PoolSummary {
            name: pool.name,
            file: file.clone(),
            line: pool.location.start.start().line,
            bounded: pool.bounded,
            workers: pool.workers,
            resource: pool.resource,
            resource_type: pool.resource_type,
            reset_allowed: pool.reset_allowed,
        })
        .collect();
    let shared = shared
        .into_iter()
        .map(|state| SharedSummary {
            name: state.name,
            file: file.clone(),
            line: state.location.start.start().line,
            fields: state.fields,
        })
        .collect();
    Scanned {
        file,
        lines,
        findings,
        actors,
        pools,
        shared,
        fields,
        reset_impls: design::reset_impls(parsed),
    }
}

pub fn failed(file: String, lines: usize, line: usize, column: usize, message: String) -> Scanned {
    let reported = Reported {
        file: file.clone(),
        line,
        column,
        end_line: line,
        end_column: column,
        code: None,
        level: Level::Warning,
        message,
        help: String::new(),
    };
    Scanned {
        file,
        lines,
        findings: vec![reported],
        actors: Vec::new(),
        pools: Vec::new(),
        shared: Vec::new(),
        fields: FieldHandles::new(),
        reset_impls: Vec::new(),
    }
}

fn located(file: &str, finding: &Finding) -> Reported {
    let start = finding.location.start.start();
    let end = finding.location.end.end();
    Reported {
        file: file.to_owned(),
        line: start.line,
        column: start.column + 1,
        end_line: end.line,
        end_column: end.column + 1,
        code: Some(finding.code),
        level: finding.level,
        message: finding.message.clone(),
        help: finding.help.clone(),
    }
}

fn summary(file: &str, actor: &ActorDesign) -> ActorSummary {
    ActorSummary {
        name: actor.name.clone(),
        file: file.to_owned(),
        line: actor.location.start.start().line,
        mailbox: actor.mailbox.clone(),
        messages: actor.messages.clone(),
        requests: actor
            .requests
            .iter()
            .map(|request| {
                let start = request.location.start.start();
                let end = request.location.end.end();
                RequestSummary {
                    handler: request.handler.clone(),
                    target: request.target.clone(),
                    method: request.method.clone(),
                    kind: request.kind,
                    line: start.line,
                    column: start.column + 1,
                    end_line: end.line,
                    end_column: end.column + 1,
                    allowed: request.allowed,
                }
            })
            .collect(),
    }
}

/// The actors of the whole crate, with requests through fields resolved.
pub fn crate_actors(scanned: &[Scanned]) -> Vec<ActorSummary> {
    let mut fields = FieldHandles::new();
    for file in scanned {
        for (name, known) in &file.fields {
            fields
                .entry(name.clone())
                .or_default()
                .extend(known.clone());
        }
    }
    let mut actors: Vec<ActorSummary> = scanned
        .iter()
        .flat_map(|file| file.actors.clone())
        .collect();
    for actor in &mut actors {
        let known = fields.get(&actor.name);
        if let Some(known) = known {
            for request in &mut actor.requests {
                design::resolve_target(&mut request.target, known);
            }
        }
        actor
            .requests
            .retain(|request| matches!(request.target, Target::Actor(_)));
    }
    actors
}

/// Every finding of the crate, whole-crate checks included, at the
/// configured levels, sorted by file and line.
pub fn review(scanned: &[Scanned], config: &Config) -> Vec<Reported> {
    let mut all: Vec<Reported> = scanned
        .iter()
        .flat_map(|file| file.findings.clone())
        .collect();
    all.extend(cyclic_sends(&crate_actors(scanned)));
    all.extend(unreset_resources(scanned));
    let mut kept: Vec<Reported> = all
        .into_iter()
        .filter_map(|mut finding| {
            if let Some(code) = finding.code {
                finding.level = config.level(code, finding.level)?;
            }
            Some(finding)
        })
        .collect();
    kept.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    kept
}

/// ACTOR_CYCLIC_SEND between the crate's actors
/// ([`whole_crate::actor_cycles`]).
fn cyclic_sends(actors: &[ActorSummary]) -> Vec<Reported> {
    let actors: Vec<whole_crate::CrateActor> = actors
        .iter()
        .map(|actor| whole_crate::CrateActor {
            name: actor.name.clone(),
            requests: actor
                .requests
                .iter()
                .map(|request| whole_crate::CrateRequest {
                    handler: request.handler.clone(),
                    target: request.target.clone(),
                    method: request.method.clone(),
                    kind: request.kind,
                    place: whole_crate::Place {
                        file: actor.file.clone(),
                        line: request.line,
                        column: request.column,
                        end_line: request.end_line,
                        end_column: request.end_column,
                    },
                    allowed: request.allowed,
                })
                .collect(),
        })
        .collect();
    whole_crate::actor_cycles(&actors)
        .into_iter()
        .map(reported)
        .collect()
}

/// CONNECTION_POOL_NO_RESET over the crate's pools
/// ([`whole_crate::unreset_resources`]).
fn unreset_resources(scanned: &[Scanned]) -> Vec<Reported> {
    let resettable: Vec<String> = scanned
        .iter()
        .flat_map(|file| file.reset_impls.iter().cloned())
        .collect();
    let pools: Vec<whole_crate::CratePool> = scanned
        .iter()
        .flat_map(|file| &file.pools)
        .map(|pool| whole_crate::CratePool {
            name: pool.name.clone(),
            place: whole_crate::Place {
                file: pool.file.clone(),
                line: pool.line,
                column: 1,
                end_line: pool.line,
                end_column: 1,
            },
            resource_type: pool.resource_type.clone(),
            reset_allowed: pool.reset_allowed,
        })
        .collect();
    whole_crate::unreset_resources(&pools, &resettable)
        .into_iter()
        .map(reported)
        .collect()
}

fn reported(finding: whole_crate::CrateFinding) -> Reported {
    Reported {
        file: finding.place.file,
        line: finding.place.line,
        column: finding.place.column,
        end_line: finding.place.end_line,
        end_column: finding.place.end_column,
        code: Some(finding.code),
        level: finding.code.default_level(),
        message: finding.message,
        help: finding.help,
    }
}
