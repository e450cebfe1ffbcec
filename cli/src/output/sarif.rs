use std::io::{self, Write};

use serde_json::{json, Value};
use unmixed_checks::{Code, Level};

use crate::scan::Reported;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// A SARIF 2.1.0 log with one run, every check as a rule.
pub fn write(out: &mut impl Write, findings: &[Reported]) -> io::Result<()> {
    let rules: Vec<Value> = Code::ALL
        .iter()
        .map(|code| {
            json!({
                "id": code.as_str(),
                "name": code.as_str(),
                "defaultConfiguration": { "level": sarif_level(code.default_level()) },
            })
        })
        .collect();
    let results: Vec<Value> = findings
        .iter()
        .map(|finding| {
            let rule = finding.code.map_or("PARSE_ERROR", |code| code.as_str());
            let text = if finding.help.is_empty() {
                finding.message.clone()
            } else {
                format!("{}\nhelp: {}", finding.message, finding.help)
            };
            json!({
                "ruleId": rule,
                "level": sarif_level(finding.level),
                "message": { "text": text },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": finding.file },
                        "region": {
                            "startLine": finding.line.max(1),
                            "startColumn": finding.column.max(1),
                            "endLine": finding.end_line.max(1),
                            "endColumn": finding.end_column.max(1),
                        }
                    }
                }]
            })
        })
        .collect();
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "cargo-unmixed",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": env!("CARGO_PKG_REPOSITORY"),
                    "rules": rules,
                }
            },
            "results": results,
        }]
    });
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

fn sarif_level(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warning => "warning",
    }
}
