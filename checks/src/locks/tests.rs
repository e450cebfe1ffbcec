//! Guard liveness, case by case: each test names the line a finding must
//! point at, or asserts that none fires.

use crate::{Code, Report};

fn check(file: &syn::File, report: &mut Report) {
    super::check_items(&file.items, "crate", &super::Settings::default(), report);
}

/// Imports every test source gets unless it brings its own, all on the
/// first line so that line numbers stay those of the source.
const HEADER: &str = "use std::sync::{Arc, Barrier, Mutex, RwLock}; \
    use std::sync::mpsc::{self, Receiver, Sender}; use std::collections::{HashMap, HashSet}; \
    use std::cell::RefCell; use std::fs::File; use std::io::{self, Write}; \
    use std::time::Duration; use parking_lot::{MutexGuard, ReentrantMutex, RwLockUpgradableReadGuard}; \
    use tokio::net::TcpStream; use tokio::io::AsyncWriteExt; use tokio::sync::mpsc::UnboundedSender; \
    const D: Duration = Duration::from_millis(1); ";

/// `(code, line)` of every finding in `source`, with [`HEADER`]'s imports.
fn findings(source: &str) -> Vec<(Code, usize)> {
    own_findings(&format!("{HEADER}{source}"))
}

/// `(code, line)` of every finding in `source`, which brings its own imports.
fn own_findings(source: &str) -> Vec<(Code, usize)> {
    let file: syn::File = syn::parse_str(source).expect("test source parses");
    let mut report = Report::new();
    check(&file, &mut report);
    report
        .into_findings()
        .into_iter()
        .map(|finding| (finding.code, finding.location.start.start().line))
        .collect()
}

fn messages(source: &str) -> Vec<String> {
    let file: syn::File = syn::parse_str(&format!("{HEADER}{source}")).expect("test source parses");
    let mut report = Report::new();
    check(&file, &mut report);
    report
        .into_findings()
        .into_iter()
        .map(|finding| format!("{}\nhelp: {}", finding.headline(), finding.help))
        .collect()
}

const AWAIT: Code = Code::LOCK_ACROSS_AWAIT;
const IO: Code = Code::LOCK_WRAPS_IO;
const MAP: Code = Code::CHECK_THEN_ACT_ON_LOCKED_MAP;

#[test]
fn bound_guard_alive_at_await() {
    let found = findings(
        "async fn f(state: &std::sync::Mutex<State>) {
            let mut g = state.lock().unwrap();
            g.pending += 1;
            fetch(g.id).await;
        }",
    );
    assert_eq!(found, [(AWAIT, 4)]);
    let text = messages("async fn f(m: &Mutex<u8>) { let g = m.lock().unwrap(); x().await; }");
    assert!(
        text[0].starts_with(
            "LOCK_ACROSS_AWAIT: `g` (from `m.lock()`) is still alive at this `.await`"
        ),
        "{}",
        text[0]
    );
    assert!(text[0].contains("drop(g);"), "{}", text[0]);
}

#[test]
fn scoped_dropped_moved_or_reassigned_guards_are_not_alive() {
    let found = findings(
        "async fn scoped(m: &Mutex<S>) {
            let id = { let g = m.lock().unwrap(); g.id };
            fetch(id).await;
        }
        async fn dropped(m: &Mutex<S>) {
            let g = m.lock().unwrap();
            let id = g.id;
            drop(g);
            fetch(id).await;
        }
        async fn mem_dropped(m: &Mutex<S>) {
            let g = m.lock().unwrap();
            std::mem::drop(g);
            fetch().await;
        }
        async fn moved(m: &Mutex<S>) {
            let g = m.lock().unwrap();
            consume(g);
            fetch().await;
        }
        async fn reassigned(m: &Mutex<S>, n: &Mutex<S>) {
            let mut g = Some(m.lock().unwrap());
            g = None;
            fetch().await;
        }
        async fn discarded(m: &Mutex<S>) {
            let _ = m.lock().unwrap();
            fetch().await;
        }
        async fn value_copied_out(m: &Mutex<S>) {
            let n = m.lock().unwrap().len();
            let v = m.lock().unwrap().clone();
            fetch(n, v).await;
        }
        async fn condition_ends_the_temporary(m: &Mutex<Vec<u8>>) {
            if m.lock().unwrap().is_empty() {
                fetch().await;
            }
            while m.lock().unwrap().len() < 3 {
                fetch().await;
            }
        }",
    );
    assert_eq!(found, []);
}

#[test]
fn clippy_false_positive_used_then_dropped_then_await() {
    // clippy's `await_holding_lock` reports this; the guard is gone.
    let found = findings(
        "async fn f(m: &std::sync::Mutex<Vec<u8>>) {
            let mut guard = m.lock().unwrap();
            guard.push(1);
            drop(guard);
            tokio::time::sleep(D).await;
        }",
    );
    assert_eq!(found, []);
}

#[test]
fn clippy_false_negatives_wrapped_mapped_reentrant_upgradable() {
    let found = findings(
        "async fn wrapped(m: &Mutex<u8>) {
            let held = Some(m.lock().unwrap());
            x().await;
        }
        async fn tupled(m: &Mutex<u8>) {
            let pair = (m.lock().unwrap(), 1);
            x().await;
        }
        async fn in_struct(m: &Mutex<u8>) {
            let holder = Holder { guard: m.lock().unwrap(), n: 1 };
            x().await;
        }
        async fn mapped(m: &parking_lot::Mutex<S>) {
            let field = MutexGuard::map(m.lock(), |s| &mut s.field);
            x().await;
        }
        async fn reentrant(m: &parking_lot::ReentrantMutex<u8>) {
            let g = m.lock();
            x().await;
        }
        async fn upgradable(m: &parking_lot::RwLock<u8>) {
            let up = m.upgradable_read();
            let w = RwLockUpgradableReadGuard::upgrade(up);
            x().await;
        }",
    );
    assert_eq!(
        found,
        [
            (AWAIT, 3),
            (AWAIT, 7),
            (AWAIT, 11),
            (AWAIT, 15),
            (AWAIT, 19),
            (AWAIT, 24)
        ]
    );
}

#[test]
fn temporaries_live_to_the_end_of_their_statement() {
    let found = findings(
        "async fn f(m: &Mutex<Vec<u8>>, tx: Sender<Vec<u8>>) {
            tx.send(m.lock().unwrap().clone()).await;
        }
        async fn g(m: &Mutex<Vec<u8>>) {
            m.lock().unwrap().push(make().await);
        }",
    );
    assert_eq!(found, [(AWAIT, 2), (AWAIT, 5)]);
    let text = messages("async fn f(m: &Mutex<u8>, tx: S) { tx.send(*m.lock().unwrap()).await; }");
    assert!(
        text[0].contains("the temporary guard of `m.lock()`"),
        "{}",
        text[0]
    );
}

#[test]
fn scrutinees_hold_their_temporaries() {
    let found = findings(
        "async fn matched(m: &Mutex<HashMap<u8, u8>>) {
            match m.lock().unwrap().get(&1) {
                Some(v) => x(*v).await,
                None => {}
            }
        }
        async fn if_let(m: &Mutex<HashMap<u8, u8>>) {
            if let Some(v) = m.lock().unwrap().get(&1) {
                x(*v).await;
            }
        }
        async fn for_loop(m: &Mutex<Vec<u8>>) {
            for v in m.lock().unwrap().iter() {
                x(*v).await;
            }
        }
        async fn while_let(m: &Mutex<Vec<u8>>) {
            while let Some(v) = m.lock().unwrap().pop() {
                x(v).await;
            }
        }",
    );
    assert_eq!(found, [(AWAIT, 3), (AWAIT, 9), (AWAIT, 14), (AWAIT, 19)]);
}

#[test]
fn borrowed_from_a_temporary_extends_it() {
    let found = findings(
        "async fn f(m: &Mutex<S>) {
            let name = &m.lock().unwrap().name;
            x(name).await;
        }",
    );
    assert_eq!(found, [(AWAIT, 3)]);
}

#[test]
fn branches_merge_and_diverging_paths_do_not() {
    let found = findings(
        "async fn dropped_on_one_path(m: &Mutex<u8>, c: bool) {
            let g = m.lock().unwrap();
            if c { drop(g); }
            x().await;
        }
        async fn dropped_or_returned(m: &Mutex<u8>, c: bool) {
            let g = m.lock().unwrap();
            if c {
                drop(g);
            } else {
                return;
            }
            x().await;
        }
        async fn loop_then_break(m: &Mutex<u8>) {
            let g = m.lock().unwrap();
            loop {
                drop(g);
                break;
            }
            x().await;
        }",
    );
    assert_eq!(found, [(AWAIT, 4)]);
}

#[test]
fn shadowing_does_not_drop() {
    let found = findings(
        "async fn f(m: &Mutex<u8>) {
            let g = m.lock().unwrap();
            let g = 5;
            x(g).await;
        }",
    );
    assert_eq!(found, [(AWAIT, 4)]);
}

#[test]
fn loops_see_guards_of_the_previous_iteration() {
    let found = findings(
        "async fn f(m: &Mutex<u8>) {
            let mut g = None;
            loop {
                tick().await;
                g = Some(m.lock().unwrap());
            }
        }",
    );
    assert_eq!(found, [(AWAIT, 4)]);
}

#[test]
fn async_locks_and_later_code_are_not_flagged() {
    let found = own_findings(
        "use tokio::sync::Mutex; use std::sync::Arc;
        struct Shared { state: Mutex<u8> }
        async fn awaited(m: &tokio::sync::Mutex<u8>) {
            let g = m.lock().await;
            x().await;
        }
        async fn declared_async(shared: &Shared) {
            let g = shared.state.try_lock().unwrap();
            x().await;
        }
        async fn spawned(m: &std::sync::Mutex<u8>) {
            let g = m.lock().unwrap();
            let n = *g;
            drop(g);
            tokio::spawn(async move { x(n).await; });
            let f = || { let h = m.lock().unwrap(); *h };
        }
        async fn spawned_task_has_its_own(m: Arc<std::sync::Mutex<u8>>) {
            tokio::spawn(async move {
                let n = { *m.lock().unwrap() };
                x(n).await;
            });
        }",
    );
    assert_eq!(found, []);
}

#[test]
fn refcell_borrows_across_await() {
    let found = findings(
        "struct Local { cache: RefCell<Vec<u8>> }
        async fn f(local: &Local) {
            let c = local.cache.borrow_mut();
            x().await;
        }
        async fn not_a_cell(s: &String) {
            let b: &str = s.borrow();
            x().await;
        }",
    );
    assert_eq!(found, [(AWAIT, 4)]);
}

#[test]
fn guard_returning_helpers_and_select() {
    let found = findings(
        "struct Server { state: parking_lot::Mutex<State> } struct State;
        impl Server {
            fn state(&self) -> MutexGuard<'_, State> { self.state.lock() }
            async fn f(&self) {
                let s = self.state();
                x().await;
            }
            async fn g(&self) {
                let s = self.state.lock();
                tokio::select! { _ = a() => {}, _ = b() => {} }
            }
        }",
    );
    assert_eq!(found, [(AWAIT, 6), (AWAIT, 10)]);
}

#[test]
fn allow_on_the_guard_or_the_await() {
    let found = findings(
        "async fn on_let(m: &Mutex<u8>) {
            #[unmixed::allow(LOCK_ACROSS_AWAIT, reason = \"single-threaded runtime, tested\")]
            let g = m.lock().unwrap();
            x().await;
        }
        #[unmixed::allow(LOCK_ACROSS_AWAIT, reason = \"whole function reviewed\")]
        async fn on_fn(m: &Mutex<u8>) {
            let g = m.lock().unwrap();
            x().await;
        }",
    );
    assert_eq!(found, []);
}

#[test]
fn io_under_a_lock() {
    let found = findings(
        "fn write_log(log: &Mutex<File>, cache: &Mutex<String>) {
            let text = cache.lock().unwrap();
            std::fs::write(\"out.txt\", text.as_bytes());
        }
        fn temp(cache: &Mutex<Vec<u8>>, file: &mut File) {
            file.write_all(&cache.lock().unwrap());
        }
        fn sleepy(m: &Mutex<u8>) {
            let g = m.lock().unwrap();
            std::thread::sleep(D);
        }
        fn channel(m: &Mutex<u8>, rx: &Receiver<u8>) {
            let mut g = m.lock().unwrap();
            *g = rx.recv().unwrap();
        }
        async fn async_lock_wraps_io(m: &tokio::sync::Mutex<u8>, stream: &mut TcpStream) {
            let g = m.lock().await;
            stream.write_all(&[*g]).await;
        }",
    );
    assert_eq!(found, [(IO, 3), (IO, 6), (IO, 10), (IO, 14), (IO, 18)]);
}

#[test]
fn io_outside_the_lock_or_in_memory_is_fine() {
    let found = findings(
        "fn f(cache: &Mutex<String>) {
            let text = cache.lock().unwrap().clone();
            std::fs::write(\"out.txt\", text.as_bytes());
            let n = { let g = cache.lock().unwrap(); g.len() };
            std::thread::sleep(D);
            let mut out = std::io::stdout().lock();
            out.write_all(b\"x\");
            let joined = parts.join(\",\");
        }
        fn in_memory(cache: &Mutex<String>, events: UnboundedSender<u8>) {
            let text = cache.lock().unwrap();
            let mut buffer = Vec::new();
            buffer.write_all(text.as_bytes());
            let mut copy: Vec<u8> = vec![];
            copy.flush();
            let (tx, rx) = tokio::sync::broadcast::channel(8);
            tx.send(1);
            events.send(2);
        }
        fn blocking_sender(cache: &Mutex<String>, jobs: std::sync::mpsc::SyncSender<u8>) {
            let text = cache.lock().unwrap();
            jobs.send(1);
        }",
    );
    assert_eq!(found, [(IO, 22)]);
}

#[test]
fn check_then_act() {
    let found = findings(
        "fn direct(m: &Mutex<HashMap<String, u8>>, k: String) {
            if !m.lock().unwrap().contains_key(&k) {
                m.lock().unwrap().insert(k, 1);
            }
        }
        fn bound(m: &RwLock<HashMap<String, u8>>, k: String) {
            let present = m.read().unwrap().contains_key(&k);
            if !present {
                m.write().unwrap().insert(k, 1);
            }
        }
        fn early_return(m: &Mutex<HashMap<u8, u8>>, k: u8) {
            if m.lock().unwrap().contains_key(&k) {
                return;
            }
            m.lock().unwrap().insert(k, 0);
        }
        fn get_then_get_mut(m: &Mutex<HashMap<u8, u8>>, k: u8) {
            if m.lock().unwrap().get(&k).is_some() {
                *m.lock().unwrap().get_mut(&k).unwrap() += 1;
            }
        }",
    );
    assert_eq!(found, [(MAP, 3), (MAP, 9), (MAP, 16), (MAP, 20)]);
}

#[test]
fn check_and_act_under_one_guard_is_fine() {
    let found = findings(
        "fn one_guard(m: &Mutex<HashMap<String, u8>>, k: String) {
            let mut map = m.lock().unwrap();
            if !map.contains_key(&k) {
                map.insert(k, 1);
            }
        }
        fn entry(m: &Mutex<HashMap<String, u8>>, k: String) {
            if !m.lock().unwrap().contains_key(&k) {
                m.lock().unwrap().entry(k).or_insert(1);
            }
        }
        fn double_checked(m: &RwLock<HashMap<String, u8>>, k: String) {
            if !m.read().unwrap().contains_key(&k) {
                let mut w = m.write().unwrap();
                if !w.contains_key(&k) {
                    w.insert(k, 1);
                }
            }
        }
        fn other_key(m: &Mutex<HashMap<String, u8>>, k: String, j: String) {
            if m.lock().unwrap().contains_key(&k) {
                m.lock().unwrap().remove(&j);
            }
        }
        fn independent(m: &Mutex<HashMap<String, u8>>, k: String) {
            let n = m.lock().unwrap().len();
            log(n);
            m.lock().unwrap().insert(k, 1);
        }
        // Found in cc: the second guard's `get_mut` is matched, a re-check.
        fn matched_get_mut(m: &RwLock<HashMap<String, Vec<u8>>>, k: String) {
            if m.read().unwrap().get(&k).is_none() {
                let mut w = m.write().unwrap();
                match w.get_mut(&k) {
                    Some(v) => v.push(1),
                    None => {
                        w.insert(k, vec![1]);
                    }
                }
            }
        }
        fn if_let_get_mut(m: &Mutex<HashMap<String, u8>>, k: String) {
            if m.lock().unwrap().contains_key(&k) {
                if let Some(n) = m.lock().unwrap().get_mut(&k) {
                    *n += 1;
                }
            }
        }",
    );
    assert_eq!(found, []);
}

#[test]
fn one_finding_per_spot_and_unbounded_senders_do_not_block() {
    let found = findings(
        "fn two_guards(m1: &ReentrantMutex<()>, b: &Barrier) {
            let _g = m1.lock();
            let _g = m1.lock();
            b.wait();
        }
        fn unbounded(m: &Mutex<u8>) {
            let (tx, rx) = std::sync::mpsc::channel();
            let g = m.lock().unwrap();
            tx.send(*g).unwrap();
        }
        struct Pool { tx: Mutex<mpsc::Sender<u8>> }
        impl Pool {
            fn submit(&self, job: u8) {
                self.tx.lock().unwrap().send(job).unwrap();
            }
        }",
    );
    assert_eq!(found, [(IO, 4)]);
}

#[test]
fn std_stream_locks_held_for_their_own_io_are_quiet() {
    let found = findings(
        "fn copy() -> std::io::Result<()> {
            let stdin = std::io::stdin();
            let mut stdin = stdin.lock();
            let stdout = io::stdout();
            let mut out = stdout.lock();
            let mut line = String::new();
            while stdin.read_line(&mut line)? > 0 {
                out.write_all(line.as_bytes())?;
            }
            Ok(())
        }",
    );
    assert_eq!(found, []);
    // Another lock held across the same I/O is still reported.
    let found = findings(
        "fn log(state: &Mutex<u8>) {
            let g = state.lock().unwrap();
            let stdout = io::stdout();
            stdout.lock().write_all(b\"x\").unwrap();
            drop(g);
        }",
    );
    assert_eq!(found, [(IO, 4)]);
}

#[test]
fn sending_on_an_imported_std_sender_under_a_lock_is_quiet() {
    // Found in `cc`: `Mutex<Sender<T>>` with `use std::sync::mpsc::{self, Sender}`.
    let source = "use std::sync::{mpsc::{self, Sender}, Mutex, PoisonError};
        struct Collector { sender: Mutex<Sender<u8>> }
        impl Collector {
            fn log(&self, value: u8) {
                let _ = self.sender.lock().unwrap().send(value);
            }
        }";
    assert_eq!(own_findings(source), []);
    // A bounded `SyncSender` can wait, but the lock protects the sender
    // itself: it serialises the sends, which is its purpose.
    let bounded = source
        .replace("Sender}", "SyncSender}")
        .replace("Mutex<Sender<u8>>", "Mutex<SyncSender<u8>>");
    assert_eq!(own_findings(&bounded), []);
    // However the poisoned case is handled, it is the same sender (cc again).
    for unwrap in [
        "unwrap_or_else(PoisonError::into_inner)",
        "expect(\"collector lock\")",
    ] {
        let peeled = source.replace("unwrap()", unwrap);
        assert_eq!(own_findings(&peeled), [], "{unwrap}");
    }
}

#[test]
fn project_settings_add_guard_functions_guard_types_and_blocking_calls() {
    let source = "struct Store { inner: Inner, mailer: Mailer }
        impl Store {
            fn state(&self) -> Held<'_> { self.inner.enter() }
            fn save(&self) {
                let g = self.state();
                db::query(\"UPDATE\");
                drop(g);
            }
            fn notify(&self) {
                let g = self.state();
                self.mailer.send_email(g.id);
            }
        }";
    let file: syn::File = syn::parse_str(source).unwrap();
    let mut report = Report::new();
    check(&file, &mut report);
    assert!(
        report.findings().is_empty(),
        "unknown names are not guessed at"
    );
    let blocking_calls = vec!["db::query".into(), "send_email".into()];
    let by_function = super::Settings {
        guard_functions: vec!["state".into()],
        blocking_calls: blocking_calls.clone(),
        ..Default::default()
    };
    // Naming the guard type makes `state`, which returns it, a guard function.
    let by_type = super::Settings {
        guard_types: vec!["Held".into()],
        blocking_calls: blocking_calls.clone(),
        ..Default::default()
    };
    // Blocking calls alone do not make `state()` a lock.
    let calls_only = super::Settings {
        blocking_calls,
        ..Default::default()
    };
    let found = |settings: &super::Settings| {
        let mut report = Report::new();
        super::check_items(&file.items, "crate", settings, &mut report);
        report
            .into_findings()
            .into_iter()
            .map(|finding| (finding.code, finding.location.start.start().line))
            .collect::<Vec<_>>()
    };
    assert_eq!(found(&by_function), [(IO, 6), (IO, 11)]);
    assert_eq!(found(&by_type), [(IO, 6), (IO, 11)]);
    assert_eq!(found(&calls_only), []);
}

#[test]
fn a_parameter_of_a_project_guard_type_holds_its_lock() {
    let source = "async fn flush(g: SpinGuard<'_, Log>, sink: Sink) {
            sink.write(&g.lines).await;
        }";
    let file: syn::File = syn::parse_str(source).unwrap();
    let mut report = Report::new();
    check(&file, &mut report);
    assert!(
        report.findings().is_empty(),
        "an unknown type is not a guard"
    );
    let settings = super::Settings {
        guard_types: vec!["SpinGuard".into()],
        ..Default::default()
    };
    let mut report = Report::new();
    super::check_items(&file.items, "crate", &settings, &mut report);
    let codes: Vec<_> = report.into_findings().iter().map(|f| f.code).collect();
    assert_eq!(codes, [Code::LOCK_ACROSS_AWAIT]);
}

#[test]
fn printing_while_a_lock_is_held_is_debugging_by_println() {
    let source = "use std::sync::Mutex; struct State { count: u64 } fn step(state: &Mutex<State>) {
            let mut g = state.lock().unwrap();
            g.count += 1;
            println!(\"count is now {}\", g.count);
            drop(g);
            println!(\"done\");
        }
        fn serialised_test() {
            let _guard = ENV_LOCK.lock().unwrap();
            println!(\"result: {:?}\", run());
        }";
    let file: syn::File = syn::parse_str(source).unwrap();
    let mut report = Report::new();
    check(&file, &mut report);
    let found: Vec<_> = report
        .into_findings()
        .into_iter()
        .map(|finding| {
            (
                finding.code,
                finding.location.start.start().line,
                finding.level,
            )
        })
        .collect();
    assert_eq!(
        found,
        [(
            Code::CONCURRENCY_DEBUG_VIA_PRINTLN,
            4,
            crate::Level::Warning
        )],
        "only the print under the lock"
    );
}

#[test]
fn let_else_temporaries_end_before_else_runs() {
    // The initializer's temporaries are dropped before the `else` block
    // runs (in both editions), and the value that did not match with them.
    let found = findings(
        "async fn f(m: &Mutex<HashMap<u8, u8>>) {
            let Some(v) = m.lock().unwrap().get(&1).copied() else {
                fetch().await;
                return;
            };
            use_it(v);
        }
        async fn g(m: &Mutex<u8>) {
            let Ok(guard) = m.try_lock() else {
                fetch().await;
                return;
            };
            use_it(*guard);
        }",
    );
    assert_eq!(found, []);
}

#[test]
fn option_combinators_consume_or_hand_on_what_they_are_given() {
    let found = findings(
        "async fn cloned_out(m: &dashmap::DashMap<u8, String>) {
            let name = m.get(&1).map(|entry| entry.value().clone());
            fetch(name).await;
        }
        async fn answer_built_under_the_borrow(cell: &RefCell<HashMap<u8, Vec<u8>>>) {
            let reply = {
                let mut offers = cell.borrow_mut();
                offers.get_mut(&1).map_or(None, |bytes| Some(bytes.len()))
            };
            match reply {
                Some(n) => fetch(n).await,
                None => {}
            }
        }
        async fn guard_kept(m: &Mutex<u8>) {
            let g = Some(m).map(|m: &Mutex<u8>| m.lock().unwrap());
            fetch().await;
            use_it(g);
        }",
    );
    assert_eq!(found, [(AWAIT, 17)]);
}

#[test]
fn a_lock_around_an_io_resource_is_for_its_io() {
    // The file sits in a struct of the program, inside an `Option`, and
    // the write happens in a helper: the lock is how writers take turns.
    let found = findings(
        "struct Log { file: std::fs::File, written: u64 }
        fn append(log: &mut Log, line: &[u8]) {
            use std::io::Write;
            log.file.write_all(line).unwrap();
            log.written += 1;
        }
        fn record(state: &Mutex<Option<Log>>, line: &[u8]) {
            let mut g = state.lock().unwrap();
            if let Some(log) = g.as_mut() {
                append(log, line);
            }
        }
        fn napping(state: &Mutex<Option<Log>>) {
            let g = state.lock().unwrap();
            std::thread::sleep(std::time::Duration::from_millis(5));
            drop(g);
        }
        fn fetching(state: &Mutex<Vec<u8>>) {
            let g = state.lock().unwrap();
            let _ = std::fs::read(\"/etc/hosts\");
            drop(g);
        }",
    );
    assert_eq!(found, [(IO, 15), (IO, 20)]);
}

#[test]
fn each_side_of_a_lazy_operator_ends_its_temporaries() {
    let found = findings(
        "async fn either(a: &RwLock<Vec<u8>>, b: &tokio::sync::RwLock<Vec<u8>>) -> bool {
            !a.read().unwrap().is_empty() || !b.read().await.is_empty()
        }
        async fn both(a: &Mutex<HashMap<u8, u8>>, b: &Mutex<u8>) {
            if a.lock().unwrap().get_mut(&1).is_some_and(|v| *v > 0) && fetch().await {
                use_it(b);
            }
        }",
    );
    assert_eq!(found, []);
}

#[test]
fn owned_results_of_combinators_end_the_borrow() {
    let found = findings(
        "struct Served { nonce: u8, idle: u8, offer: std::rc::Rc<Vec<u8>> }
        async fn cached(offers: &RefCell<HashMap<u8, Served>>, nonce: u8) {
            let cached = offers
                .borrow_mut()
                .get_mut(&1)
                .filter(|served| served.nonce == nonce)
                .and_then(|served| {
                    served.idle = 0;
                    Some(std::rc::Rc::clone(&served.offer))
                });
            fetch().await;
            use_it(cached);
        }
        async fn copied(rx: &mut tokio::sync::watch::Receiver<usize>) {
            let seen = *rx.borrow_and_update();
            rx.changed().await.unwrap();
            use_it(seen);
        }",
    );
    assert_eq!(found, []);
}

#[test]
fn a_clone_out_of_a_borrowed_variant_is_owned() {
    let found = findings(
        "enum Offer { Part(std::rc::Rc<Vec<u8>>), Meta }
        struct Served { nonce: u8, idle: u8, offer: Offer }
        async fn cached(offers: &RefCell<HashMap<u8, Served>>, nonce: u8) {
            let cached = offers
                .borrow_mut()
                .get_mut(&1)
                .filter(|served| served.nonce == nonce)
                .and_then(|served| {
                    let Offer::Part(offer) = &served.offer else {
                        return None;
                    };
                    served.idle = 0;
                    Some(std::rc::Rc::clone(offer))
                });
            let offer = match cached {
                Some(offer) => Some(offer),
                None => None,
            };
            let Some(offer) = offer else { return; };
            fetch().await;
            use_it(offer);
        }",
    );
    assert_eq!(found, []);
}

#[test]
fn a_value_that_leaves_a_block_cannot_borrow_its_guards() {
    let found = findings(
        "enum Reply { Chunk(Vec<u8>), Gone { transient: bool } }
        async fn serve(offers: &RefCell<HashMap<u8, Vec<u8>>>) {
            let reply = {
                let mut offers = offers.borrow_mut();
                let served = offers.get_mut(&1);
                served.map_or(Some(Reply::Gone { transient: true }), |bytes| {
                    Some(Reply::Chunk(bytes.clone()))
                })
            };
            match reply {
                Some(Reply::Chunk(chunk)) => fetch(chunk).await,
                _ => {}
            }
        }",
    );
    assert_eq!(found, []);
}

#[test]
fn what_the_io_made_stored_under_the_lock_is_a_get_or_init() {
    let found = findings(
        "struct Config { text: String }
        fn load() -> io::Result<Config> {
            Ok(Config { text: std::fs::read_to_string(\"app.toml\")? })
        }
        fn cached(slot: &Mutex<Option<Config>>) -> io::Result<()> {
            let mut cached = slot.lock().unwrap();
            if cached.is_none() {
                let cfg = load()?;
                *cached = Some(cfg);
            }
            Ok(())
        }
        fn opened(files: &Mutex<HashMap<String, Vec<u8>>>, name: String) {
            let mut files = files.lock().unwrap();
            if !files.contains_key(&name) {
                let bytes = std::fs::read(&name).unwrap();
                let trimmed = bytes.clone();
                files.insert(name, trimmed);
            }
        }
        fn unrelated(slot: &Mutex<Option<Config>>) {
            let mut cached = slot.lock().unwrap();
            let _other = std::fs::read(\"other\");
            *cached = None;
        }",
    );
    assert_eq!(found, [(IO, 23)]);
}

#[test]
fn locks_inside_a_serialised_section_are_part_of_it() {
    let found = findings(
        "fn rebuild(gate: &RwLock<()>, pool: &RwLock<HashMap<u8, String>>) {
            let _access = gate.write().unwrap();
            if let Some(path) = pool.read().unwrap().get(&1) {
                std::fs::write(path, b\"\").unwrap();
            }
        }
        fn unguarded(pool: &RwLock<HashMap<u8, String>>) {
            if let Some(path) = pool.read().unwrap().get(&1) {
                std::fs::write(path, b\"\").unwrap();
            }
        }",
    );
    assert_eq!(found, [(IO, 9)]);
}

#[test]
fn a_guard_handed_to_a_helper_is_reported_there_once() {
    let found = findings(
        "async fn index(guard: &mut tokio::sync::MutexGuard<'_, Vec<u8>>) {
            tokio::fs::write(\"events\", guard.as_slice()).await.unwrap();
            guard.clear();
        }
        async fn run(index_lock: &tokio::sync::Mutex<Vec<u8>>) {
            let mut guard = index_lock.lock().await;
            index(&mut guard).await;
        }",
    );
    assert_eq!(found, [(IO, 2)]);
}
