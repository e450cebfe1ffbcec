//! What is compiled, and as what: the targets `cargo metadata` lists for
//! the packages under the given paths, each a crate root from which the
//! module tree is followed. Test targets, examples, benches and workspace
//! crates that other members only use as dev-dependencies are test code.
//! A path outside any package is read file by file.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use cargo_metadata::{DependencyKind, Metadata, MetadataCommand, Package, TargetKind};

/// A crate to read: a target's root file and what it is.
#[derive(Debug, Clone)]
pub struct CrateRoot {
    /// The crate's name in paths: the library's name for a lib target
    /// (other targets `use` it by that name); a name of its own otherwise.
    pub name: String,
    pub root: PathBuf,
    pub is_test: bool,
}

/// One workspace: its crates are read as one program.
#[derive(Debug, Default)]
pub struct Workspace {
    pub crates: Vec<CrateRoot>,
    /// Renamed dependencies: the name code uses -> the crate's name.
    pub renames: Vec<(String, String)>,
}

/// Everything one review reads.
#[derive(Debug, Default)]
pub struct Plan {
    /// Each workspace is its own program (two versions of one crate in a
    /// vendor directory must not meet).
    pub workspaces: Vec<Workspace>,
    /// Files reviewed on their own: given paths outside any package, and
    /// packages `cargo metadata` could not read.
    pub loose: Vec<PathBuf>,
    /// Only findings in files under these paths are reported.
    pub scope: Vec<PathBuf>,
    /// Why packages were read file by file, for the summary.
    pub notes: Vec<String>,
    /// Test code left out (without `--tests`): the roots of test targets,
    /// examples and benches, and the directories of dev-only crates.
    pub test_roots: Vec<PathBuf>,
    pub test_dirs: Vec<PathBuf>,
}

/// Finds the crates to read for `paths` (the current directory if none).
pub fn plan(paths: &[PathBuf], include_tests: bool) -> Result<Plan, String> {
    let current =
        std::env::current_dir().map_err(|error| format!("no current directory: {error}"))?;
    let paths: Vec<PathBuf> = if paths.is_empty() {
        vec![current.clone()]
    } else {
        paths.iter().map(|path| current.join(path)).collect()
    };
    let mut plan = Plan::default();
    let mut manifests: BTreeSet<PathBuf> = BTreeSet::new();
    for path in &paths {
        if !path.exists() {
            return Err(format!("no such file or directory: {}", path.display()));
        }
        let path = path.canonicalize().unwrap_or_else(|_| path.clone());
        plan.scope.push(path.clone());
        match enclosing_manifest(&path) {
            Some(manifest) => {
                manifests.insert(manifest);
            }
            None if path.is_dir() => {
                // A directory of packages (a vendor or registry directory).
                let found = manifests_under(&path);
                if found.is_empty() {
                    plan.loose.extend(crate::files::rust_files(&path)?);
                }
                manifests.extend(found);
            }
            None => plan.loose.push(path),
        }
    }
    let mut seen_workspaces = BTreeSet::new();
    let mut read = Vec::new();
    for (manifest, found) in metadata_of_all(manifests.into_iter().collect()) {
        match found {
            Ok(metadata) => {
                if seen_workspaces.insert(metadata.workspace_root.clone().into_std_path_buf()) {
                    read.push(metadata);
                }
            }
            Err(error) => {
                let dir = manifest.parent().unwrap_or(&manifest).to_path_buf();
                plan.notes.push(format!(
                    "{}: `cargo metadata` failed ({error}); its files were read one by one",
                    dir.display()
                ));
                plan.loose.extend(crate::files::rust_files(&dir)?);
            }
        }
    }
    for metadata in &read {
        add_workspace(metadata, include_tests, &mut plan);
    }
    Ok(plan)
}

/// `cargo metadata` for every manifest, several at a time (each is a
/// process that mostly waits), skipping manifests a workspace read earlier
/// in the list already covers.
fn metadata_of_all(manifests: Vec<PathBuf>) -> Vec<(PathBuf, Result<Metadata, String>)> {
    const AT_ONCE: usize = 8;
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..AT_ONCE.min(manifests.len()) {
            scope.spawn(|| loop {
                let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(manifest) = manifests.get(index) else {
                    break;
                };
                let found = metadata(manifest);
                results
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .push((index, manifest.clone(), found));
            });
        }
    });
    let mut results = results
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    results.sort_by_key(|(index, _, _)| *index);
    let mut kept: Vec<(PathBuf, Result<Metadata, String>)> = Vec::new();
    for (_, manifest, found) in results {
        let covered = kept.iter().any(|(_, earlier)| {
            earlier
                .as_ref()
                .is_ok_and(|metadata| covers(metadata, &manifest))
        });
        if !covered {
            kept.push((manifest, found));
        }
    }
    kept
}

fn metadata(manifest: &Path) -> Result<Metadata, String> {
    MetadataCommand::new()
        .manifest_path(manifest)
        .no_deps()
        .other_options(vec!["--offline".to_owned()])
        .exec()
        .map_err(|error| first_line(&error.to_string()))
}

fn first_line(text: &str) -> String {
    text.lines()
        .find(|line| !line.trim().is_empty())
        .unwrap_or(text)
        .trim()
        .to_owned()
}

/// Whether `manifest` is one of the packages `metadata` already read.
fn covers(metadata: &Metadata, manifest: &Path) -> bool {
    metadata
        .packages
        .iter()
        .any(|package| package.manifest_path.as_std_path() == manifest)
}

/// The `Cargo.toml` of the package a path is in.
fn enclosing_manifest(path: &Path) -> Option<PathBuf> {
    let start = if path.is_dir() { path } else { path.parent()? };
    start
        .ancestors()
        .map(|dir| dir.join("Cargo.toml"))
        .find(|manifest| manifest.is_file())
}

/// The top-most `Cargo.toml` files under a directory that is in no package.
fn manifests_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    let mut entries: Vec<PathBuf> = entries.flatten().map(|entry| entry.path()).collect();
    entries.sort();
    for entry in entries {
        if !entry.is_dir() || is_hidden_or_target(&entry) {
            continue;
        }
        let manifest = entry.join("Cargo.toml");
        if manifest.is_file() {
            found.push(manifest);
        } else {
            found.extend(manifests_under(&entry));
        }
    }
    found
}

fn is_hidden_or_target(dir: &Path) -> bool {
    dir.file_name()
        .and_then(|name| name.to_str())
        .is_some_and(|name| name.starts_with('.') || name == "target")
}

fn add_workspace(metadata: &Metadata, include_tests: bool, plan: &mut Plan) {
    let mut workspace = Workspace::default();
    add_members(metadata, include_tests, plan, &mut workspace);
    if !workspace.crates.is_empty() {
        plan.workspaces.push(workspace);
    }
}

fn add_members(
    metadata: &Metadata,
    include_tests: bool,
    plan: &mut Plan,
    workspace: &mut Workspace,
) {
    let members: Vec<&Package> = metadata.workspace_packages();
    let dev_only = dev_only_members(&members);
    for package in &members {
        let lib_name = package
            .targets
            .iter()
            .find(|target| is_library(&target.kind))
            .map(|target| crate_name(&target.name));
        for dependency in &package.dependencies {
            if let Some(rename) = &dependency.rename {
                workspace
                    .renames
                    .push((crate_name(rename), crate_name(&dependency.name)));
            }
        }
        let package_is_test = dev_only.contains(package.name.as_str());
        for target in &package.targets {
            let kind = &target.kind;
            let is_test = package_is_test
                || kind.iter().any(|kind| {
                    matches!(
                        kind,
                        TargetKind::Test | TargetKind::Bench | TargetKind::Example
                    )
                });
            if is_test && !include_tests {
                let root = target.src_path.clone().into_std_path_buf();
                if package_is_test {
                    if let Some(dir) = package.manifest_path.parent() {
                        plan.test_dirs.push(dir.as_std_path().to_path_buf());
                    }
                } else if let Some(dir) = root.parent().filter(|_| {
                    kind.iter().any(|kind| {
                        matches!(
                            kind,
                            TargetKind::Test | TargetKind::Bench | TargetKind::Example
                        )
                    })
                }) {
                    // `tests/common/mod.rs` and the like belong to the target.
                    plan.test_dirs.push(dir.to_path_buf());
                }
                plan.test_roots.push(root);
                continue;
            }
            let name = if is_library(kind) {
                crate_name(&target.name)
            } else {
                // Not a name any code can `use`: only `crate::` reaches it.
                format!(
                    "{}#{}",
                    lib_name.as_deref().unwrap_or(&crate_name(&package.name)),
                    crate_name(&target.name)
                )
            };
            workspace.crates.push(CrateRoot {
                name,
                root: target.src_path.clone().into_std_path_buf(),
                is_test,
            });
        }
    }
}

fn is_library(kinds: &[TargetKind]) -> bool {
    kinds.iter().any(|kind| {
        matches!(
            kind,
            TargetKind::Lib
                | TargetKind::RLib
                | TargetKind::DyLib
                | TargetKind::CDyLib
                | TargetKind::StaticLib
                | TargetKind::ProcMacro
        )
    })
}

/// Workspace members that other members use only as dev-dependencies:
/// test support, not part of what ships.
fn dev_only_members<'a>(members: &[&'a Package]) -> BTreeSet<&'a str> {
    let mut uses: HashMap<&str, Vec<DependencyKind>> = HashMap::new();
    for package in members {
        for dependency in &package.dependencies {
            uses.entry(dependency.name.as_str())
                .or_default()
                .push(dependency.kind);
        }
    }
    members
        .iter()
        .map(|package| package.name.as_str())
        .filter(|name| {
            uses.get(name).is_some_and(|kinds| {
                kinds
                    .iter()
                    .all(|kind| *kind == DependencyKind::Development)
            })
        })
        .collect()
}

/// How a package or target name reads in paths: `my-crate` is `my_crate`.
pub fn crate_name(name: &str) -> String {
    name.replace('-', "_")
}
