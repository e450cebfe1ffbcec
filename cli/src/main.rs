//! `cargo unmixed`: the checks of `unmixed`, run over code that is not
//! annotated, and a map of the crate's concurrency design.
#![forbid(unsafe_code)]

mod args;
mod config;
mod crates;
mod engine;
mod files;
mod map;
mod modules;
mod output;
mod parse_error;
mod scan;

use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command};

fn main() -> ExitCode {
    // As a cargo subcommand the binary is called as `cargo-unmixed unmixed ..`.
    let mut argv: Vec<String> = std::env::args().collect();
    if argv.get(1).map(String::as_str) == Some("unmixed") {
        argv.remove(1);
    }
    let cli = Cli::parse_from(argv);
    let outcome = match cli.command {
        Command::Review(review) => run_review(review),
        Command::Map(map) => run_map(map),
    };
    match outcome {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn run_review(args: args::Review) -> Result<ExitCode, String> {
    let root = files::workspace_root(&args.paths)?;
    let config = config::Config::load(&root, &args.levels)?;
    let options = scan::Options {
        include_tests: args.tests,
        locks: config.locks.clone(),
    };
    let scan = scan::scan(&args.paths, &root, &options)?;
    let findings = scan::review(&scan.files, &config);
    for note in &scan.notes {
        eprintln!("note: {note}");
    }
    if args.list_skipped {
        for (path, why) in &scan.not_reviewed {
            eprintln!("not reviewed ({why}): {}", path.display());
        }
    }
    let mut stdout = std::io::stdout().lock();
    let written = match args.format {
        args::ReviewFormat::Text => output::text::write(&mut stdout, &findings, &scan),
        args::ReviewFormat::Json => output::json::write(&mut stdout, &findings),
        args::ReviewFormat::Sarif => output::sarif::write(&mut stdout, &findings),
    };
    written.map_err(|error| format!("cannot write the report: {error}"))?;
    let failed = findings
        .iter()
        .any(|finding| finding.level == unmixed_checks::Level::Error);
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn run_map(args: args::Map) -> Result<ExitCode, String> {
    let root = files::workspace_root(&args.paths)?;
    let options = scan::Options {
        include_tests: true,
        ..scan::Options::default()
    };
    let scan = scan::scan(&args.paths, &root, &options)?;
    let design = map::Design::read(&scan.files);
    let mut stdout = std::io::stdout().lock();
    let written = match args.format {
        args::MapFormat::Text => map::write_text(&mut stdout, &design),
        args::MapFormat::Dot => map::write_dot(&mut stdout, &design),
        args::MapFormat::Mermaid => map::write_mermaid(&mut stdout, &design),
    };
    written.map_err(|error| format!("cannot write the map: {error}"))?;
    Ok(ExitCode::SUCCESS)
}
