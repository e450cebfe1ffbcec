use std::io::{self, Write};

use serde_json::json;

use crate::scan::Reported;

/// One JSON object per finding, one per line, like cargo's `--message-format json`.
pub fn write(out: &mut impl Write, findings: &[Reported]) -> io::Result<()> {
    for finding in findings {
        let object = json!({
            "file": finding.file,
            "line": finding.line,
            "column": finding.column,
            "end": { "line": finding.end_line, "column": finding.end_column },
            "code": finding.code.map(|code| code.as_str()),
            "level": finding.level.as_str(),
            "message": finding.message,
            "help": finding.help,
        });
        writeln!(out, "{object}")?;
    }
    Ok(())
}
