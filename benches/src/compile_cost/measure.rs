//! Runs cargo on the generated workspace: clean rebuilds of one crate timed
//! from the outside, with rustc's own pass timings (`-Z time-passes`,
//! unlocked on stable by `RUSTC_BOOTSTRAP=1`) for the macro expansion.
//!
//! `RUSTC_BOOTSTRAP` must not reach cargo itself: proc-macro2's build script
//! watches it, so cargo would rebuild proc-macro2, syn and everything above
//! them each time it changed. The benchmark's own binary therefore wraps
//! rustc for the workspace members only (`RUSTC_WORKSPACE_WRAPPER`) and sets
//! it there, next to the flag.

use std::ffi::OsString;
use std::io;
use std::path::PathBuf;
use std::process::{Command, ExitStatus};
use std::time::Instant;

/// Cargo pointed at the generated workspace and its own target directory.
pub struct Cargo {
    pub workspace: PathBuf,
    pub target: PathBuf,
    program: OsString,
}

/// How long one cargo command took, in seconds.
#[derive(Clone, Copy, Debug)]
pub struct Times {
    pub wall: f64,
    /// User and system time of cargo and everything it ran (rustc, the
    /// linker): less sensitive than the wall time to other work on the
    /// machine. `None` where `/proc` is missing.
    pub cpu: Option<f64>,
}

/// CPU seconds of the waited-for children of this process, from
/// `/proc/self/stat` (`cutime` and `cstime`, in the kernel's 100 Hz ticks).
fn children_cpu() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name, which may hold spaces, start at
    // field 3; `cutime` and `cstime` are fields 16 and 17.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: u64 = fields.get(13)?.parse::<u64>().ok()? + fields.get(14)?.parse::<u64>().ok()?;
    Some(ticks as f64 / 100.0)
}

/// rustc's timings of one compilation of a crate, in seconds.
#[derive(Clone, Copy, Debug, Default)]
pub struct Passes {
    /// `expand_crate`: name resolution of macros and running every macro,
    /// the proc macros (ours, `#[tokio::main]`) and the built-in ones.
    pub expand: f64,
    /// `total`: the whole rustc invocation.
    pub total: f64,
}

impl Cargo {
    pub fn new(workspace: PathBuf, target: PathBuf) -> Self {
        // `cargo run` tells its program which cargo it is.
        let program = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        Self {
            workspace,
            target,
            program,
        }
    }

    /// Runs `cargo args..`, returns its wall and CPU time and everything it
    /// printed, stdout last; a failure is an error carrying that output.
    pub fn run(&self, args: &[&str]) -> io::Result<(Times, String)> {
        let mut command = Command::new(&self.program);
        command
            .args(args)
            .current_dir(&self.workspace)
            .env("CARGO_TARGET_DIR", &self.target)
            .env("CARGO_TERM_COLOR", "never")
            .env("RUSTC_WORKSPACE_WRAPPER", std::env::current_exe()?)
            .env(WRAPPER, "1")
            .env_remove("RUSTC_BOOTSTRAP");
        let (start, cpu) = (Instant::now(), children_cpu());
        let output = command.output()?;
        let times = Times {
            wall: start.elapsed().as_secs_f64(),
            cpu: children_cpu()
                .zip(cpu)
                .map(|(after, before)| after - before),
        };
        // rustc's timings and diagnostics come through cargo's stderr, the
        // program's output of `cargo run` through stdout.
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stderr),
            String::from_utf8_lossy(&output.stdout)
        );
        if !output.status.success() {
            return Err(io::Error::other(format!(
                "`cargo {}` failed:\n{text}",
                args.join(" ")
            )));
        }
        Ok((times, text))
    }

    /// Removes only `package`'s own artifacts of `profile`, so that the
    /// next build compiles it and nothing else.
    pub fn clean(&self, package: &str, profile: &str) -> io::Result<()> {
        self.run(&["clean", "-q", "-p", package, "--profile", profile])
            .map(drop)
    }

    /// A clean `cargo build` or `cargo check` of `package` in `profile`: its
    /// times and rustc's pass timings.
    pub fn time(
        &self,
        subcommand: &str,
        profile: &str,
        package: &str,
    ) -> io::Result<(Times, Passes)> {
        self.clean(package, profile)?;
        let (times, text) = self.run(&[subcommand, "-q", "-p", package, "--profile", profile])?;
        let passes = parse_passes(&text).ok_or_else(|| {
            io::Error::other(format!(
                "no `expand_crate` and `total` in rustc's output:\n{text}"
            ))
        })?;
        Ok((times, passes))
    }
}

/// Set in cargo's environment, so that our binary knows it runs as the wrapper.
const WRAPPER: &str = "UNMIXED_COMPILE_COST_WRAPPER";

/// When this process is cargo's rustc wrapper: runs rustc (the first
/// argument), with `-Z time-passes` for the generated crates only (not for
/// cargo's probes of rustc), and returns its exit status.
pub fn as_rustc_wrapper() -> Option<io::Result<ExitStatus>> {
    std::env::var_os(WRAPPER)?;
    let mut args = std::env::args_os().skip(1);
    let rustc = args.next()?;
    let args: Vec<OsString> = args.collect();
    let generated = args.windows(2).any(|pair| {
        pair[0] == "--crate-name" && matches!(pair[1].to_str(), Some("gen_macros" | "gen_hand"))
    });
    let mut command = Command::new(rustc);
    command.args(&args);
    if generated {
        command
            .args(["-Z", "time-passes"])
            .env("RUSTC_BOOTSTRAP", "1");
    }
    Some(command.status())
}

/// Reads `time:   0.123; rss: ..  expand_crate` and the `total` line.
fn parse_passes(text: &str) -> Option<Passes> {
    let seconds = |pass: &str| {
        text.lines()
            .rev()
            .filter(|line| line.split_whitespace().next_back() == Some(pass))
            .find_map(|line| {
                line.strip_prefix("time:")?
                    .split(';')
                    .next()?
                    .trim()
                    .parse()
                    .ok()
            })
    };
    Some(Passes {
        expand: seconds("expand_crate")?,
        total: seconds("total")?,
    })
}

/// The median; the mean of the middle two for an even count.
pub fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    match sorted.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_time_passes() {
        let text = "time:   0.007; rss:   42MB ->   52MB (  +10MB)\texpand_crate\n\
                    time:   0.007; rss:   42MB ->   52MB (  +10MB)\tmacro_expand_crate\n\
                    time:   0.126; rss:   28MB ->   70MB (  +42MB)\ttotal\n";
        let passes = parse_passes(text).unwrap();
        assert_eq!((passes.expand, passes.total), (0.007, 0.126));
        assert_eq!(median(&[3.0, 1.0, 2.0, 10.0]), 2.5);
    }
}
