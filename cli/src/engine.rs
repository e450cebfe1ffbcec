//! Reads a whole program on every core, in phases: parse the module tree
//! level by level and index each file; link the indexes into one
//! [`Program`]; compute the direct facts of every function; solve them
//! across the call graph; review every file.
//!
//! syn's trees cannot leave the thread that parsed them, so each worker
//! keeps the files it parsed for the whole run and sends back only plain
//! data (indexes, facts, findings); the coordinator links and solves.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::Arc;

use unmixed_checks::analysis::{self, Unit};
use unmixed_checks::facts::{self, Direct, Facts};
use unmixed_checks::program::{FileId, FileIndex, FnId, ModDecl, Program};
use unmixed_checks::{known, review};

use crate::crates::{Plan, Workspace};
use crate::scan::{self, Options, Scanned};

/// A file to parse, and where it sits in its crate.
#[derive(Debug, Clone)]
struct ParseJob {
    file: FileId,
    path: PathBuf,
    /// The module's absolute path: `app::net::tcp`.
    module: String,
    is_test: bool,
    is_mod_rs: bool,
}

enum Job {
    Parse(Vec<ParseJob>),
    Facts(Arc<Program>),
    Review(Arc<Program>, Arc<Facts>),
    Loose(Vec<(FileId, PathBuf)>),
    /// The workspace is done: drop its trees.
    Clear,
}

/// What parsing one file gave.
struct Parsed {
    job: ParseJob,
    index: Option<FileIndex>,
    decls: Vec<ModDecl>,
    /// `#[cfg(test)] mod name;` declarations stripped before indexing.
    test_decls: Vec<ModDecl>,
    /// The file, when it does not parse: its report line.
    failure: Option<Scanned>,
}

enum Reply {
    Parsed(Vec<Parsed>),
    Facts(HashMap<FnId, Direct>),
    Reviewed(Vec<(FileId, Scanned)>),
    Cleared,
}

/// What a whole run read and found.
pub struct Outcome {
    /// Every file reviewed, by its path.
    pub files: Vec<(PathBuf, Scanned)>,
    pub crates: usize,
    /// Files of `#[cfg(test)]` modules left out (without `--tests`), and
    /// the directories of their submodules.
    pub test_files: Vec<PathBuf>,
}

/// Reads and reviews the program `plan` describes.
pub fn run(plan: &Plan, root: &Path, options: &Options) -> Outcome {
    let cores = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .max(1);
    // Many small workspaces (a registry, a directory of separate crates):
    // a group of workspaces per core, each read by one worker, keeps every
    // core busy, where the phases of a small workspace, each waiting for
    // the slowest file, would leave them idle. One workspace, or a few:
    // every worker on each in turn.
    let groups = if cores > 1 && plan.workspaces.len() >= 2 * cores {
        cores
    } else {
        1
    };
    let mut dealt: Vec<Vec<&Workspace>> = (0..groups).map(|_| Vec::new()).collect();
    let mut sizes = vec![0usize; groups];
    let mut largest_first: Vec<&Workspace> = plan.workspaces.iter().collect();
    largest_first.sort_by_key(|workspace| std::cmp::Reverse(workspace.crates.len()));
    for workspace in largest_first {
        let lightest = (0..groups).min_by_key(|group| sizes[*group]).unwrap_or(0);
        sizes[lightest] += workspace.crates.len();
        dealt[lightest].push(workspace);
    }
    let outcomes: Vec<Outcome> = std::thread::scope(|scope| {
        let running: Vec<_> = dealt
            .iter()
            .enumerate()
            .map(|(index, workspaces)| {
                let loose: &[PathBuf] = if index == 0 { &plan.loose } else { &[] };
                scope.spawn(move || run_group(workspaces, loose, root, options, cores / groups))
            })
            .collect();
        running
            .into_iter()
            .map(|group| {
                group
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    let mut merged = Outcome {
        files: Vec::new(),
        crates: plan
            .workspaces
            .iter()
            .map(|workspace| workspace.crates.len())
            .sum(),
        test_files: Vec::new(),
    };
    let mut seen = HashSet::new();
    for outcome in outcomes {
        // A file two workspaces reach is reviewed once.
        merged.files.extend(
            outcome
                .files
                .into_iter()
                .filter(|(path, _)| seen.insert(path.clone())),
        );
        merged.test_files.extend(outcome.test_files);
    }
    merged
}

/// Reads and reviews `workspaces` and `loose` files with `workers` threads.
fn run_group(
    workspaces: &[&Workspace],
    loose: &[PathBuf],
    root: &Path,
    options: &Options,
    workers: usize,
) -> Outcome {
    let workers = workers.max(1);
    std::thread::scope(|scope| {
        // Bounded by the protocol: the coordinator hands each worker one job
        // per phase and takes every reply before the next phase.
        let (reply_tx, reply_rx) = mpsc::sync_channel::<Reply>(workers);
        let mut inboxes = Vec::new();
        for _ in 0..workers {
            let (job_tx, job_rx) = mpsc::sync_channel::<Job>(1);
            inboxes.push(job_tx);
            let reply_tx = reply_tx.clone();
            scope.spawn(move || worker(job_rx, reply_tx, root, options));
        }
        drop(reply_tx);
        coordinate(workspaces, loose, &inboxes, &reply_rx)
    })
}

fn coordinate(
    workspaces: &[&Workspace],
    loose: &[PathBuf],
    inboxes: &[mpsc::SyncSender<Job>],
    replies: &mpsc::Receiver<Reply>,
) -> Outcome {
    let mut files = Files::default();
    let mut reviewed: Vec<(FileId, Scanned)> = Vec::new();
    let mut test_files = Vec::new();
    for workspace in workspaces {
        reviewed.extend(review_workspace(
            workspace,
            inboxes,
            replies,
            &mut files,
            &mut test_files,
        ));
    }
    let loose: Vec<(FileId, PathBuf)> = loose.iter().filter_map(|path| files.add(path)).collect();
    reviewed.extend(spread(
        inboxes,
        replies,
        loose,
        Job::Loose,
        |reply| match reply {
            Reply::Reviewed(found) => found,
            _ => Vec::new(),
        },
    ));
    Outcome {
        files: reviewed
            .into_iter()
            .map(|(file, scanned)| (files.paths[file.0 as usize].clone(), scanned))
            .collect(),
        crates: workspaces
            .iter()
            .map(|workspace| workspace.crates.len())
            .sum(),
        test_files,
    }
}

/// Every file of the run, numbered once (a file two crates reach is read once).
#[derive(Default)]
struct Files {
    paths: Vec<PathBuf>,
    seen: HashSet<PathBuf>,
}

impl Files {
    fn add(&mut self, path: &Path) -> Option<(FileId, PathBuf)> {
        let path = canonical(path);
        if !self.seen.insert(path.clone()) {
            return None;
        }
        self.paths.push(path.clone());
        Some((FileId(self.paths.len() as u32 - 1), path))
    }
}

/// Reads one workspace as one program: its module trees level by level,
/// then links, solves and reviews; its trees are dropped at the end.
fn review_workspace(
    workspace: &crate::crates::Workspace,
    inboxes: &[mpsc::SyncSender<Job>],
    replies: &mpsc::Receiver<Reply>,
    files: &mut Files,
    test_files: &mut Vec<PathBuf>,
) -> Vec<(FileId, Scanned)> {
    let mut level: Vec<ParseJob> = workspace
        .crates
        .iter()
        .filter_map(|root| {
            let (file, path) = files.add(&root.root)?;
            Some(ParseJob {
                file,
                path,
                module: root.name.clone(),
                is_test: root.is_test,
                is_mod_rs: true,
            })
        })
        .collect();
    let mut indexes = Vec::new();
    let mut reviewed: Vec<(FileId, Scanned)> = Vec::new();
    while !level.is_empty() {
        let parsed: Vec<Parsed> =
            spread(inboxes, replies, level, Job::Parse, |reply| match reply {
                Reply::Parsed(parsed) => parsed,
                _ => Vec::new(),
            });
        let mut children = Vec::new();
        for done in parsed {
            if let Some(failure) = done.failure {
                reviewed.push((done.job.file, failure));
            }
            if let Some(index) = done.index {
                indexes.push(index);
            }
            for decl in &done.test_decls {
                if let Some((path, is_mod_rs)) =
                    crate::modules::module_file(&done.job.path, done.job.is_mod_rs, decl)
                {
                    let path = canonical(&path);
                    // The module's own directory holds its submodules.
                    let dir = if is_mod_rs {
                        path.parent().map(Path::to_path_buf)
                    } else {
                        path.parent()
                            .zip(path.file_stem())
                            .map(|(dir, stem)| dir.join(stem))
                    };
                    test_files.extend(dir);
                    test_files.push(path);
                }
            }
            for decl in &done.decls {
                let Some((path, is_mod_rs)) =
                    crate::modules::module_file(&done.job.path, done.job.is_mod_rs, decl)
                else {
                    continue;
                };
                let Some((file, path)) = files.add(&path) else {
                    continue;
                };
                children.push(ParseJob {
                    file,
                    path,
                    module: format!("{}::{}", decl.parent, decl.name),
                    is_test: done.job.is_test || decl.is_test,
                    is_mod_rs,
                });
            }
        }
        level = children;
    }
    // Link, then solve the facts.
    let mut program = Program::build(Some(known::program()), indexes);
    for (alias, real) in &workspace.renames {
        program.alias_crate(alias, real);
    }
    let program = Arc::new(program);
    let direct = everyone(inboxes, replies, || Job::Facts(program.clone()))
        .into_iter()
        .flat_map(|reply| match reply {
            Reply::Facts(found) => found,
            _ => HashMap::new(),
        })
        .collect();
    let facts = Arc::new(facts::solve(&program, direct));
    for reply in everyone(inboxes, replies, || {
        Job::Review(program.clone(), facts.clone())
    }) {
        if let Reply::Reviewed(found) = reply {
            reviewed.extend(found);
        }
    }
    everyone(inboxes, replies, || Job::Clear);
    reviewed
}

/// Sends one job to every worker and gathers their replies.
fn everyone(
    inboxes: &[mpsc::SyncSender<Job>],
    replies: &mpsc::Receiver<Reply>,
    job: impl Fn() -> Job,
) -> Vec<Reply> {
    let sent = inboxes
        .iter()
        .filter(|inbox| inbox.send(job()).is_ok())
        .count();
    (0..sent).filter_map(|_| replies.recv().ok()).collect()
}

/// Hands `jobs` out to the workers in equal shares and gathers what they send back.
fn spread<J, R>(
    inboxes: &[mpsc::SyncSender<Job>],
    replies: &mpsc::Receiver<Reply>,
    jobs: Vec<J>,
    wrap: impl Fn(Vec<J>) -> Job,
    unwrap: impl Fn(Reply) -> Vec<R>,
) -> Vec<R> {
    let mut shares: Vec<Vec<J>> = (0..inboxes.len()).map(|_| Vec::new()).collect();
    for (index, job) in jobs.into_iter().enumerate() {
        shares[index % inboxes.len()].push(job);
    }
    let mut sent = 0;
    for (inbox, share) in inboxes.iter().zip(shares) {
        if share.is_empty() {
            continue;
        }
        if inbox.send(wrap(share)).is_ok() {
            sent += 1;
        }
    }
    let mut results = Vec::new();
    for _ in 0..sent {
        if let Ok(reply) = replies.recv() {
            results.extend(unwrap(reply));
        }
    }
    results
}

fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

/// A file a worker parsed and keeps.
struct Held {
    job: ParseJob,
    file: syn::File,
    lines: usize,
}

fn worker(
    jobs: mpsc::Receiver<Job>,
    replies: mpsc::SyncSender<Reply>,
    root: &Path,
    options: &Options,
) {
    let mut held: Vec<Held> = Vec::new();
    for job in jobs {
        let reply = match job {
            Job::Parse(batch) => Reply::Parsed(
                batch
                    .into_iter()
                    .map(|job| parse(job, root, options, &mut held))
                    .collect(),
            ),
            Job::Facts(program) => {
                let mut found = HashMap::new();
                for file in &held {
                    found.extend(analysis::direct_facts(&program, &options.locks, unit(file)));
                }
                Reply::Facts(found)
            }
            Job::Review(program, facts) => Reply::Reviewed(
                held.iter()
                    .map(|file| {
                        let findings =
                            review::review_unit(&program, &facts, &options.locks, unit(file));
                        let name = scan::display_name(&file.job.path, root);
                        (
                            file.job.file,
                            scan::summarise(name, file.lines, &file.file, &findings),
                        )
                    })
                    .collect(),
            ),
            Job::Clear => {
                held.clear();
                Reply::Cleared
            }
            Job::Loose(files) => Reply::Reviewed(
                files
                    .into_iter()
                    .map(|(id, path)| (id, scan::scan_file(&path, root, options)))
                    .collect(),
            ),
        };
        if replies.send(reply).is_err() {
            return;
        }
    }
}

fn unit(held: &Held) -> Unit<'_> {
    Unit {
        file: held.job.file,
        items: &held.file.items,
        attrs: &held.file.attrs,
        module: &held.job.module,
        is_test: held.job.is_test,
    }
}

fn parse(job: ParseJob, root: &Path, options: &Options, held: &mut Vec<Held>) -> Parsed {
    let name = scan::display_name(&job.path, root);
    let text = match std::fs::read_to_string(&job.path) {
        Ok(text) => text,
        Err(error) => {
            let failure = scan::failed(name, 0, 1, 1, format!("could not read the file: {error}"));
            return Parsed {
                job,
                index: None,
                decls: Vec::new(),
                test_decls: Vec::new(),
                failure: Some(failure),
            };
        }
    };
    let lines = text.lines().count();
    let mut file = match syn::parse_file(&text) {
        Ok(file) => file,
        Err(error) => {
            let failure = crate::parse_error::describe(&text, &error);
            return Parsed {
                job,
                index: None,
                decls: Vec::new(),
                test_decls: Vec::new(),
                failure: Some(scan::failed(
                    name,
                    lines,
                    failure.line,
                    failure.column,
                    failure.message,
                )),
            };
        }
    };
    unmixed_checks::syntax_expand(&mut file.items);
    let mut test_decls = Vec::new();
    if !options.include_tests {
        // What stripping leaves out, to count its files as test code.
        let all = unmixed_checks::program::index_items(
            &file.items,
            &job.module,
            None,
            job.is_test,
            false,
        );
        test_decls = all
            .mod_decls
            .into_iter()
            .filter(|decl| decl.is_test)
            .collect();
        review::strip_tests(&mut file);
    }
    let index = unmixed_checks::program::index_items(
        &file.items,
        &job.module,
        Some(job.file),
        job.is_test,
        false,
    );
    let decls = index.mod_decls.clone();
    held.push(Held {
        job: job.clone(),
        file,
        lines,
    });
    Parsed {
        job,
        index: Some(index),
        decls,
        test_decls,
        failure: None,
    }
}
