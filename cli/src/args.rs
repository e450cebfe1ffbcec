use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Review Rust code for concurrency-model hazards, and draw its concurrency design.
#[derive(Debug, Parser)]
#[command(name = "cargo unmixed", bin_name = "cargo unmixed", version)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Runs every check over the given paths (default: the current crate or workspace).
    Review(Review),
    /// Prints the actors, pools and shared state of the code, and the requests between them.
    Map(Map),
}

#[derive(Debug, Args)]
pub struct Review {
    /// Files or directories to review.
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReviewFormat::Text)]
    pub format: ReviewFormat,
    /// Also review test code: test targets, examples and benches,
    /// `#[cfg(test)]` modules, `#[test]` functions, and workspace crates
    /// that are only dev-dependencies.
    #[arg(long)]
    pub tests: bool,
    /// Print the `.rs` files that were not reviewed, and why, to stderr.
    #[arg(long)]
    pub list_skipped: bool,
    #[command(flatten)]
    pub levels: LevelFlags,
}

/// Per-code levels from the command line; they win over `unmixed.toml`.
#[derive(Debug, Args, Default)]
pub struct LevelFlags {
    /// Treat a check as an error (repeatable).
    #[arg(long, value_name = "CODE")]
    pub deny: Vec<String>,
    /// Treat a check as a warning (repeatable).
    #[arg(long, value_name = "CODE")]
    pub warn: Vec<String>,
    /// Do not report a check (repeatable).
    #[arg(long, value_name = "CODE")]
    pub allow: Vec<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ReviewFormat {
    /// `[file:line] CODE — message`, then a summary.
    Text,
    /// One JSON object per finding, one per line.
    Json,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
}

#[derive(Debug, Args)]
pub struct Map {
    /// Files or directories to read.
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = MapFormat::Text)]
    pub format: MapFormat,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum MapFormat {
    /// A plain listing.
    Text,
    /// Graphviz dot.
    Dot,
    /// A mermaid flowchart.
    Mermaid,
}
