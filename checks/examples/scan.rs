//! Runs the shared-state checks over ordinary source files and prints every
//! finding as a report line: a way to see how often the checks fire on real
//! code, and the seed of the command-line reviewer.
//!
//! ```text
//! cargo run -p unmixed-checks --release --example scan -- $(find some/crate -name '*.rs')
//! ```

use unmixed_checks::{atomics, locks, Report};

fn main() {
    let mut files = 0;
    let mut lines = 0;
    let mut total = 0;
    for path in std::env::args().skip(1) {
        let Ok(source) = std::fs::read_to_string(&path) else {
            continue;
        };
        let Ok(file) = syn::parse_file(&source) else {
            continue;
        };
        files += 1;
        lines += source.lines().count();
        let mut report = Report::new();
        locks::check(&file, &mut report);
        locks::check_independent_state(&file.items, &mut report);
        atomics::check(&file, &mut report);
        for finding in report.into_findings() {
            total += 1;
            let line = finding.location.start.start().line;
            println!("[{path}:{line}] {} — {}", finding.code, finding.message);
        }
    }
    eprintln!("{total} findings in {files} files ({lines} lines)");
}
