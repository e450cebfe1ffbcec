//! What the shared-state analysis costs on a large module: a generated
//! module of about 5,000 lines (guards, awaits, maps, atomics, I/O), with a
//! known number of hazards planted in it. Asserts that exactly those are
//! found, and prints how long parsing and checking took.
//!
//! ```text
//! cargo test -p unmixed-checks --release --test analysis_cost -- --nocapture
//! ```

use std::fmt::Write;
use std::time::Instant;

use unmixed_checks::{atomics, locks, messaging, Code, Declared, Model, Report};

/// Functions of each shape; every shape is 10 lines or more.
const PER_SHAPE: usize = 90;

fn module() -> (String, usize) {
    let mut source = String::from(
        "mod big {\n    use std::collections::HashMap;\n    use std::sync::{Mutex, RwLock};\n    use std::sync::atomic::{AtomicU64, Ordering};\n\n    pub struct Stats { hits: u64, misses: u64 }\n    pub struct Server { stats: Mutex<Stats> }\n\n",
    );
    let mut planted = 0;
    for i in 0..PER_SHAPE {
        // Correct: guard scoped before the await.
        writeln!(
            source,
            "    pub async fn scoped_{i}(m: &Mutex<HashMap<String, u64>>, key: String) -> u64 {{
        let value = {{
            let map = m.lock().unwrap();
            map.get(&key).copied().unwrap_or(0)
        }};
        let doubled = value * 2;
        load(doubled).await;
        let mut map = m.lock().unwrap();
        *map.entry(key).or_insert(0) += 1;
        doubled
    }}\n"
        )
        .unwrap();
        // Correct: branches, loops and matches without hazards.
        writeln!(
            source,
            "    pub fn loops_{i}(m: &RwLock<Vec<u64>>, n: &AtomicU64) -> u64 {{
        let mut total = 0;
        for round in 0..10 {{
            if round % 2 == 0 {{
                total += m.read().unwrap().iter().sum::<u64>();
            }} else {{
                m.write().unwrap().push(round);
            }}
        }}
        match total {{ 0 => n.fetch_add(1, Ordering::AcqRel), other => other }}
    }}\n"
        )
        .unwrap();
        // Planted: a guard alive at an await (one finding).
        writeln!(
            source,
            "    pub async fn held_{i}(m: &Mutex<HashMap<String, u64>>) -> u64 {{
        let map = m.lock().unwrap();
        let n = map.len() as u64;
        if n > 3 {{
            log(n);
        }}
        load(n).await;
        let m = map.get(\"x\").copied();
        m.unwrap_or(0)
    }}\n"
        )
        .unwrap();
        planted += 1;
        // Planted: check-then-act and a CAS loop (two findings).
        writeln!(
            source,
            "    pub fn racy_{i}(m: &Mutex<HashMap<String, u64>>, n: &AtomicU64, key: String) {{
        if !m.lock().unwrap().contains_key(&key) {{
            m.lock().unwrap().insert(key, 1);
        }}
        let mut seen = n.load(Ordering::Relaxed);
        while let Err(actual) = n.compare_exchange_weak(seen, seen + 1, Ordering::AcqRel, Ordering::Relaxed) {{
            seen = actual;
        }}
        log(seen);
    }}\n"
        )
        .unwrap();
        planted += 2;
        // Correct: methods on the server use both fields together.
        writeln!(
            source,
            "    impl Server {{
        pub fn hit_{i}(&self) -> f64 {{
            let mut stats = self.stats.lock().unwrap();
            stats.hits += 1;
            let ratio = stats.hits as f64 / (stats.hits + stats.misses) as f64;
            drop(stats);
            ratio
        }}
    }}
"
        )
        .unwrap();
    }
    source.push_str("    async fn load(n: u64) -> u64 { n }\n    fn log(_n: u64) {}\n}\n");
    (source, planted)
}

#[test]
fn five_thousand_lines() {
    let (source, planted) = module();
    if let Some(path) = std::env::var_os("UNMIXED_DUMP_MODULE") {
        std::fs::write(path, &source).expect("writes the module");
    }
    let lines = source.lines().count();
    assert!(lines >= 5_000, "only {lines} lines");

    let start = Instant::now();
    let file: syn::File = syn::parse_str(&source).expect("the generated module parses");
    let parsed = start.elapsed();
    let syn::Item::Mod(module) = &file.items[0] else {
        panic!("a module");
    };
    let warm = Instant::now();
    let _ = unmixed_checks::known::program();
    println!(
        "well-known APIs indexed in {:.1} ms (once per process)",
        warm.elapsed().as_secs_f64() * 1e3
    );
    let start = Instant::now();
    let mut report = Report::new();
    let declared = Declared {
        model: Model::SharedState,
        name: "big",
    };
    messaging::check(module, declared, &mut report);
    let after_messaging = start.elapsed();
    let (_, items) = module.content.as_ref().expect("an inline module");
    // As the macro runs them: one model of the module for both.
    let settings = locks::Settings::default();
    let (program, facts) = unmixed_checks::analysis::standalone(items, "crate::big", &settings);
    let unit = unmixed_checks::analysis::Unit {
        file: unmixed_checks::program::FileId(0),
        items,
        attrs: &[],
        module: "crate::big",
        is_test: false,
    };
    locks::check_unit(&program, &facts, &settings, unit, &mut report);
    let after_locks = start.elapsed();
    locks::check_independent_unit(&program, &facts, unit, &mut report);
    let after_independent = start.elapsed();
    atomics::check(module, &mut report);
    let checked = start.elapsed();
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
    println!(
        "messaging {:.1} ms, locks and maps {:.1} ms, independent state {:.1} ms, atomics {:.1} ms",
        ms(after_messaging),
        ms(after_locks - after_messaging),
        ms(after_independent - after_locks),
        ms(checked - after_independent)
    );
    let findings = report.into_findings();

    let count = |code: Code| findings.iter().filter(|f| f.code == code).count();
    assert_eq!(count(Code::LOCK_ACROSS_AWAIT), PER_SHAPE);
    assert_eq!(count(Code::CHECK_THEN_ACT_ON_LOCKED_MAP), PER_SHAPE);
    assert_eq!(count(Code::CAS_LOOP_FOR_COMMUTATIVE_OP), PER_SHAPE);
    assert_eq!(
        findings.len(),
        planted,
        "no finding besides the planted ones"
    );
    println!(
        "analysis of {lines} lines: parse {:.1} ms, checks {:.1} ms, {} findings",
        parsed.as_secs_f64() * 1e3,
        checked.as_secs_f64() * 1e3,
        findings.len()
    );
}
