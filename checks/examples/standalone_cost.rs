//! Where the time of the lock checks on one big module goes.
use std::time::Instant;
fn main() {
    let source = std::fs::read_to_string(std::env::args().nth(1).unwrap()).unwrap();
    let file: syn::File = syn::parse_str(&source).unwrap();
    let _ = unmixed_checks::known::program();
    let settings = unmixed_checks::locks::Settings::default();
    let rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(3);
    for _ in 0..rounds {
        let start = Instant::now();
        let index = unmixed_checks::program::index_items(
            &file.items,
            "crate",
            Some(unmixed_checks::program::FileId(0)),
            false,
            false,
        );
        let indexed = start.elapsed();
        let program = unmixed_checks::program::Program::build(
            Some(unmixed_checks::known::program()),
            vec![index],
        );
        let built = start.elapsed();
        let unit = unmixed_checks::analysis::Unit {
            file: unmixed_checks::program::FileId(0),
            items: &file.items,
            attrs: &[],
            module: "crate",
            is_test: false,
        };
        let direct = unmixed_checks::analysis::direct_facts(&program, &settings, unit);
        let collected = start.elapsed();
        let facts = unmixed_checks::facts::solve(&program, direct);
        let solved = start.elapsed();
        let mut report = unmixed_checks::Report::new();
        unmixed_checks::locks::check_unit(&program, &facts, &settings, unit, &mut report);
        let checked = start.elapsed();
        println!(
            "index {:?} build {:?} facts {:?} solve {:?} check {:?} ({} findings)",
            indexed,
            built - indexed,
            collected - built,
            solved - collected,
            checked - solved,
            report.findings().len()
        );
    }
}
