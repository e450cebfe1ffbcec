use std::collections::BTreeMap;
use std::io::{self, Write};

use unmixed_checks::Level;

use crate::scan::{Reported, Scan};

/// `[file:line] CODE — message` per finding, then a summary by code.
pub fn write(out: &mut impl Write, findings: &[Reported], scan: &Scan) -> io::Result<()> {
    let scanned = &scan.files;
    let mut by_code: BTreeMap<&str, usize> = BTreeMap::new();
    let mut unparsed = 0;
    for finding in findings {
        match finding.code {
            Some(code) => {
                writeln!(
                    out,
                    "[{}:{}] {} — {}",
                    finding.file, finding.line, code, finding.message
                )?;
                *by_code.entry(code.as_str()).or_default() += 1;
            }
            None => {
                writeln!(
                    out,
                    "[{}:{}] {}",
                    finding.file, finding.line, finding.message
                )?;
                unparsed += 1;
            }
        }
    }
    let errors = findings
        .iter()
        .filter(|f| f.code.is_some() && f.level == Level::Error)
        .count();
    let warnings = findings
        .iter()
        .filter(|f| f.code.is_some() && f.level == Level::Warning)
        .count();
    let lines: usize = scanned.iter().map(|file| file.lines).sum();
    let codes: Vec<String> = by_code
        .iter()
        .map(|(code, count)| format!("{code} {count}"))
        .collect();
    write!(
        out,
        "{} error{}, {} warning{} in {} file{} ({} lines)",
        errors,
        plural(errors),
        warnings,
        plural(warnings),
        scanned.len(),
        plural(scanned.len()),
        lines
    )?;
    if scan.crates > 0 {
        write!(out, " of {} crate{}", scan.crates, plural(scan.crates))?;
    }
    if !codes.is_empty() {
        write!(out, ": {}", codes.join(", "))?;
    }
    if scan.tests_left_out > 0 {
        write!(
            out,
            "; {} file{} of test code left out (`--tests` reviews {})",
            scan.tests_left_out,
            plural(scan.tests_left_out),
            if scan.tests_left_out == 1 {
                "it"
            } else {
                "them"
            }
        )?;
    }
    if scan.skipped > 0 {
        write!(
            out,
            "; {} file{} no target compiles {} skipped",
            scan.skipped,
            plural(scan.skipped),
            if scan.skipped == 1 { "was" } else { "were" }
        )?;
    }
    if unparsed > 0 {
        write!(
            out,
            "; {unparsed} file{} could not be parsed",
            plural(unparsed)
        )?;
    }
    writeln!(out)
}

fn plural(count: usize) -> &'static str {
    if count == 1 {
        ""
    } else {
        "s"
    }
}
