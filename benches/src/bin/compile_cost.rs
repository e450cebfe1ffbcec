//! Compile-time cost of the macros: writes a crate of 50 actors, 20 worker
//! pools and 20 shared-state structs through the macros and the same crate
//! by hand, then times clean rebuilds of each crate alone and rustc's macro
//! expansion in them.
//!
//! ```text
//! cargo run --release -p unmixed-benches --bin compile_cost -- [--runs N]
//! ```
//!
//! The crates go to `<target dir>/compile-cost/`, with their own target
//! directory there; dependencies are built once, before the timed runs, and
//! kept for the next invocation.

use std::io;
use std::path::PathBuf;

use unmixed_benches::compile_cost::measure::{as_rustc_wrapper, median, Cargo, Passes, Times};
use unmixed_benches::compile_cost::{contents, write_workspace, CRATES, MODES};

/// One crate's samples in one mode: cargo's times, rustc's timings.
type Samples = (Vec<Times>, Vec<Passes>);

fn main() {
    if let Some(status) = as_rustc_wrapper() {
        std::process::exit(status.map_or(1, |status| status.code().unwrap_or(1)));
    }
    if let Err(error) = measure() {
        eprintln!("{error}");
        std::process::exit(1);
    }
}

fn measure() -> io::Result<()> {
    let runs = runs();
    let dir = target_dir()?.join("compile-cost");
    let cargo = Cargo::new(dir.clone(), dir.join("target"));
    write_workspace(&cargo.workspace)?;
    eprintln!("crates written to {}", cargo.workspace.display());
    prepare(&cargo)?;

    // samples[mode][crate]
    let mut samples: Vec<[Samples; 2]> = MODES.iter().map(|_| Default::default()).collect();
    for run in 1..=runs {
        eprintln!("run {run} of {runs}");
        // Alternating the crates spreads any drift of the machine over both.
        for (mode, (_, subcommand, profile)) in MODES.iter().enumerate() {
            for (i, package) in CRATES.iter().enumerate() {
                let (times, passes) = cargo.time(subcommand, profile, package)?;
                samples[mode][i].0.push(times);
                samples[mode][i].1.push(passes);
            }
        }
    }
    report(runs, &samples);
    Ok(())
}

fn runs() -> usize {
    let mut args = std::env::args().skip(1);
    let mut runs = 5;
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next().and_then(|n| n.parse().ok())) {
            ("--runs", Some(n)) if n > 0 => runs = n,
            _ => {
                eprintln!("usage: compile_cost [--runs N]   (default 5)");
                std::process::exit(2);
            }
        }
    }
    runs
}

/// `<target>/release/compile_cost` lives two levels below the target dir.
fn target_dir() -> io::Result<PathBuf> {
    let exe = std::env::current_exe()?;
    exe.ancestors()
        .nth(2)
        .map(PathBuf::from)
        .ok_or_else(|| io::Error::other("cannot place the target directory"))
}

/// Builds the dependencies once, and checks that both crates compile
/// without a warning and that their binaries print the same sum: the two
/// crates do the same work.
fn prepare(cargo: &Cargo) -> io::Result<()> {
    eprintln!("building the dependencies (once; kept for later invocations)");
    for (_, subcommand, profile) in MODES {
        cargo.run(&[subcommand, "--workspace", "--profile", profile])?;
    }
    let mut sums = Vec::new();
    for package in CRATES {
        cargo.clean(package, "dev")?;
        let (_, text) = cargo.run(&["build", "-p", package])?;
        if text.contains("warning") {
            return Err(io::Error::other(format!("{package} has warnings:\n{text}")));
        }
        let (_, sum) = cargo.run(&["run", "-q", "-p", package])?;
        sums.push(sum.lines().last().unwrap_or_default().to_owned());
    }
    if sums[0] != sums[1] {
        return Err(io::Error::other(format!("the crates disagree: {sums:?}")));
    }
    Ok(())
}

fn report(runs: usize, samples: &[[Samples; 2]]) {
    println!(
        "compile-time cost of {}\n(debug profile; median of {runs} clean rebuilds of the crate alone, \
         dependencies already built; wall time, and CPU time of cargo and rustc in brackets)\n",
        contents()
    );
    println!("| | macros | by hand | macros / by hand |");
    println!("|---|---|---|---|");
    let of = |s: &Samples, f: fn(&Times) -> Option<f64>| -> f64 {
        median(&s.0.iter().filter_map(f).collect::<Vec<_>>())
    };
    let (wall, cpu) = (|t: &Times| Some(t.wall), |t: &Times| t.cpu);
    for ((label, ..), [macros, hand]) in MODES.iter().zip(samples) {
        println!(
            "| {label} | {:.2} s ({:.1} s) | {:.2} s ({:.1} s) | {:.2}x ({:.2}x) |",
            of(macros, wall),
            of(macros, cpu),
            of(hand, wall),
            of(hand, cpu),
            of(macros, wall) / of(hand, wall),
            of(macros, cpu) / of(hand, cpu),
        );
    }
    let expand = |s: &Samples| median(&s.1.iter().map(|p| p.expand).collect::<Vec<_>>());
    let share = |s: &Samples| {
        median(
            &s.1.iter()
                .map(|p| 100.0 * p.expand / p.total)
                .collect::<Vec<_>>(),
        )
    };
    for ((label, ..), [macros, hand]) in MODES.iter().zip(samples) {
        println!(
            "| macro expansion in {label} (share of rustc's time) | {:.2} s ({:.1} %) | {:.2} s ({:.1} %) | |",
            expand(macros),
            share(macros),
            expand(hand),
            share(hand)
        );
    }
    let [build, check] = [&samples[0][0], &samples[1][0]].map(share);
    let verdict = |share: f64| if share < 5.0 { "within" } else { "over" };
    println!(
        "\nmacro expansion of the macro crate: {build:.1} % of its build ({} the 5 % target), \
         {check:.1} % of its check ({})",
        verdict(build),
        verdict(check)
    );
}
