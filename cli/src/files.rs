//! Which files to read: `.rs` files under the given paths, honouring
//! `.gitignore` and skipping `target/`.

use std::path::{Path, PathBuf};

/// The directory whose `unmixed.toml` applies, and against which file names
/// are printed: the nearest ancestor of the first path (or of the current
/// directory) that holds a `Cargo.toml` with `[workspace]`, else the
/// nearest one with a `Cargo.toml`, else the current directory.
pub fn workspace_root(paths: &[PathBuf]) -> Result<PathBuf, String> {
    let current =
        std::env::current_dir().map_err(|error| format!("no current directory: {error}"))?;
    let start = match paths.first() {
        Some(path) => {
            let path = current.join(path);
            if !path.exists() {
                return Err(format!("no such file or directory: {}", path.display()));
            }
            if path.is_dir() {
                path
            } else {
                path.parent().map(Path::to_path_buf).unwrap_or(path)
            }
        }
        None => current.clone(),
    };
    let mut nearest_crate = None;
    for dir in start.ancestors() {
        let manifest = dir.join("Cargo.toml");
        if let Ok(text) = std::fs::read_to_string(&manifest) {
            if text.lines().any(|line| line.trim() == "[workspace]") {
                return Ok(dir.to_path_buf());
            }
            nearest_crate.get_or_insert_with(|| dir.to_path_buf());
        }
    }
    Ok(nearest_crate.unwrap_or(start))
}

/// Directories that hold only test code.
const TEST_DIRS: &[&str] = &["tests", "benches", "examples"];

/// Every `.rs` file under `root` (or `root` itself), sorted, honouring
/// `.gitignore` and skipping `target/`; without `include_tests`, files
/// under `tests/`, `benches/` and `examples/` are left out.
pub fn rust_files_filtered(root: &Path, include_tests: bool) -> Result<Vec<PathBuf>, String> {
    if root.is_file() {
        return Ok(vec![root.to_path_buf()]);
    }
    let mut files = Vec::new();
    let walker = ignore::WalkBuilder::new(root)
        .hidden(true)
        .filter_entry(move |entry| {
            let name = entry.file_name();
            let test_dir = entry.depth() > 0
                && entry.file_type().is_some_and(|kind| kind.is_dir())
                && TEST_DIRS.iter().any(|dir| name == *dir);
            name != "target" && (include_tests || !test_dir)
        })
        .build();
    for entry in walker {
        let entry = entry.map_err(|error| format!("cannot read {}: {error}", root.display()))?;
        let path = entry.path();
        if path.extension().is_some_and(|ext| ext == "rs")
            && entry.file_type().is_some_and(|t| t.is_file())
        {
            files.push(path.to_path_buf());
        }
    }
    files.sort();
    files.dedup();
    Ok(files)
}

/// Every `.rs` file under `root`, test directories included.
pub fn rust_files(root: &Path) -> Result<Vec<PathBuf>, String> {
    rust_files_filtered(root, true)
}
