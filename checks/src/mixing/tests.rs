use crate::review::review;
use crate::Code;

/// `(line, message)` of each MIXED_MODELS finding in `source`.
fn mixes(source: &str) -> Vec<(usize, String)> {
    // On the first line, so that the sources' line numbers stay as written.
    let source = format!("{IMPORTS}{source}");
    let file: syn::File = syn::parse_str(&source).unwrap();
    review(&file)
        .into_iter()
        .filter(|finding| finding.code == Code::MIXED_MODELS)
        .map(|finding| (finding.location.start.start().line, finding.message))
        .collect()
}

/// What the sources below name, resolved as rustc would.
const IMPORTS: &str = "use tokio::sync::mpsc::Receiver; use std::sync::{Arc, Mutex}; \
    use std::sync::atomic::{AtomicU64, Ordering}; use threadpool::ThreadPool;";

const LOOP_AND_LOCK: &str = "
    async fn run(mut rx: Receiver<Msg>) {
        while let Some(msg) = rx.recv().await {
            match msg { Msg::Tick => {} }
        }
    }
    fn peek(shared: &Mutex<u64>) -> u64 { *shared.lock().unwrap() }
";

#[test]
fn an_inferred_loop_beside_unrelated_shared_memory_is_left_alone() {
    // A module may run a worker loop and keep a lock for something else.
    assert_eq!(mixes(LOOP_AND_LOCK), []);
}

#[test]
fn a_declared_actor_beside_a_lock_is_one_finding_at_the_first_shared_use() {
    let found = mixes(
        "
        pub struct Counter { n: u64 }
        #[unmixed::actor]
        impl Counter { pub fn add(&mut self) { self.n += 1; } }
        fn peek(shared: &Mutex<u64>) -> u64 { *shared.lock().unwrap() }
    ",
    );
    assert_eq!(found.len(), 1, "{found:?}");
    let (line, message) = &found[0];
    assert_eq!(*line, 5);
    assert_eq!(
        message,
        "this file uses two models: it passes messages (the actor `Counter`) \
         and shares memory: `Mutex` is a shared-memory lock"
    );
}

#[test]
fn an_actor_whose_own_field_is_shared_memory_is_reported_at_its_loop() {
    let found = mixes(
        "
        pub enum Cmd { Add(u64), Reset }
        pub struct Tally { inbox: Receiver<Cmd>, total: Arc<Mutex<u64>> }
        impl Tally {
            pub async fn run(mut self) {
                while let Some(cmd) = self.inbox.recv().await {
                    match cmd {
                        Cmd::Add(n) => self.bump(n),
                        Cmd::Reset => {}
                    }
                }
            }
            fn bump(&mut self, _n: u64) {}
        }
    ",
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, 6);
    assert!(
        found[0]
            .1
            .contains("field `total` is shared memory (`Mutex`)"),
        "{found:?}"
    );
}

#[test]
fn a_loop_in_a_shared_method_does_not_make_its_type_an_actor() {
    // A service shared by every request pumps a pipe of its own per call;
    // its shutdown flag is not state the loop owns.
    let source = "
        pub enum Chunk { Data(Vec<u8>), End }
        pub struct Proxy { stopping: Arc<AtomicU64> }
        impl Proxy {
            pub async fn pump(&self, mut rx: Receiver<Chunk>) {
                loop {
                    tokio::select! {
                        chunk = rx.recv() => match chunk {
                            Some(Chunk::Data(bytes)) => drop(bytes),
                            Some(Chunk::End) | None => break,
                        },
                        _ = tokio::time::sleep(std::time::Duration::from_secs(1)) => {}
                    }
                }
            }
            pub async fn shared_pump(self: Arc<Self>, mut rx: Receiver<Chunk>) {
                while let Some(chunk) = rx.recv().await {
                    match chunk { Chunk::Data(bytes) => drop(bytes), Chunk::End => break }
                }
            }
            pub fn stop(&self) { self.stopping.store(1, Ordering::Release); }
        }
    ";
    assert_eq!(mixes(source), []);
    // The same loop owning the value (`&mut self`) is an actor's.
    let owned = mixes(&source.replace("pump(&self", "pump(&mut self"));
    assert_eq!(owned.len(), 1, "{owned:?}");
}

#[test]
fn nested_modules_are_judged_on_their_own() {
    let split = "
        mod actor {
            async fn run(mut rx: Receiver<Msg>) {
                while let Some(msg) = rx.recv().await { match msg { Msg::Tick => {} } }
            }
        }
        mod shared {
            fn peek(shared: &Mutex<u64>) -> u64 { *shared.lock().unwrap() }
        }";
    assert_eq!(
        mixes(split),
        [],
        "the loop and the lock live in different modules"
    );
}

#[test]
fn an_allow_on_the_module_or_on_the_shared_code_silences_it() {
    let on_module = format!(
        "#[unmixed::allow(MIXED_MODELS, reason = \"migrating\")] mod m {{ {LOOP_AND_LOCK} }}"
    );
    assert_eq!(mixes(&on_module), []);
    let on_function = LOOP_AND_LOCK.replace(
        "fn peek",
        "#[unmixed::allow(MIXED_MODELS, reason = \"read by the health check\")] fn peek",
    );
    assert_eq!(mixes(&on_function), []);
}

#[test]
fn actors_with_pools_and_spawn_blocking_are_not_mixes() {
    let source = "
        async fn run(mut rx: Receiver<Msg>, pool: ThreadPool) {
            while let Some(msg) = rx.recv().await {
                match msg { Msg::Work(job) => pool.execute(move || job.run()) }
            }
        }
        async fn load(cache: &Mutex<Vec<u8>>) {
            let bytes = tokio::task::spawn_blocking(|| std::fs::read(\"f\")).await;
            cache.lock().unwrap().extend(bytes.unwrap().unwrap());
        }
        mod only_shared {
            async fn load(cache: &Mutex<Vec<u8>>) {
                let bytes = tokio::task::spawn_blocking(|| std::fs::read(\"f\")).await;
                cache.lock().unwrap().extend(bytes.unwrap().unwrap());
            }
        }";
    // Neither the loop beside a lock nor `spawn_blocking` is a mix.
    assert_eq!(mixes(source), []);
}

#[test]
fn a_trait_named_actor_is_not_a_declaration() {
    let source = "
        struct Tally { seen: Arc<AtomicU64> }
        impl kameo::Actor for Tally { type Args = Self; type Error = (); }";
    // The trait's name says nothing the program knows.
    assert_eq!(mixes(source), []);
}

#[test]
fn a_function_local_id_counter_is_not_shared_state() {
    let source = "
        fn next_id() -> u64 {
            static NEXT: AtomicU64 = AtomicU64::new(0);
            NEXT.fetch_add(1, Ordering::Relaxed)
        }
        async fn run(mut rx: Receiver<Msg>) {
            while let Some(msg) = rx.recv().await { match msg { _ => {} } }
        }";
    assert_eq!(mixes(source), []);
}

#[test]
fn shared_memory_inside_the_loop_is_reported_there_and_not_again_for_the_module() {
    let source = "
        struct Totals { sum: Mutex<u64> }
        enum Msg { Add(u64), Reset }
        async fn run(mut rx: Receiver<Msg>, totals: Arc<Totals>) {
            while let Some(msg) = rx.recv().await {
                match msg {
                    Msg::Add(n) => *totals.sum.lock().unwrap() += n,
                    Msg::Reset => *totals.sum.lock().unwrap() = 0,
                }
            }
        }";
    let found = mixes(source);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, 7);
    assert!(found[0].1.contains("message loop"), "{found:?}");
}

#[test]
fn a_lone_worker_is_not_a_pool() {
    // One loop taking work is one worker: nothing it shares couples it to
    // other workers.
    let source = "
        struct Totals { sum: Mutex<u64> }
        async fn run(mut rx: Receiver<u64>, totals: Arc<Totals>) {
            while let Some(n) = rx.recv().await {
                match n { n => *totals.sum.lock().unwrap() += n }
            }
        }";
    assert_eq!(mixes(source), []);
}

/// `(line, message)` of each MIXED_MODELS finding in `source`, which imports what it names.
fn mixes_as_written(source: &str) -> Vec<(usize, String)> {
    let file: syn::File = syn::parse_str(source).unwrap();
    review(&file)
        .into_iter()
        .filter(|finding| finding.code == Code::MIXED_MODELS)
        .map(|finding| (finding.location.start.start().line, finding.message))
        .collect()
}

#[test]
fn a_lock_held_while_waiting_on_a_channel_mixes_models() {
    let found = mixes_as_written(
        "
        use tokio::sync::{mpsc, Mutex};
        pub struct Engine { requests: Mutex<Vec<mpsc::Sender<String>>> }
        impl Engine {
            async fn step(&self) {
                let requests = self.requests.lock().await;
                for tx in requests.iter() {
                    let _ = tx.send(String::new()).await;
                }
            }
        }
        ",
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, 6);
    assert!(
        found[0].1.contains("waits on a channel's sender at line 8"),
        "{found:?}"
    );
}

#[test]
fn a_lock_released_before_the_send_or_an_unbounded_send_stays_quiet() {
    let found = mixes_as_written(
        "
        use tokio::sync::{mpsc, Mutex};
        pub struct Engine {
            requests: Mutex<Vec<mpsc::Sender<String>>>,
            events: Mutex<Vec<mpsc::UnboundedSender<String>>>,
        }
        impl Engine {
            async fn step(&self) {
                let senders: Vec<mpsc::Sender<String>> = self.requests.lock().await.clone();
                for tx in senders.iter() {
                    let _ = tx.send(String::new()).await;
                }
                let events = self.events.lock().await;
                for tx in events.iter() {
                    let _ = tx.send(String::new());
                }
            }
        }
        ",
    );
    assert_eq!(found, []);
}

#[test]
fn pool_jobs_are_known_by_what_the_call_resolves_to() {
    let found = mixes_as_written(
        "
        use std::sync::{Arc, Mutex};
        pub struct Plan;
        impl Plan {
            pub fn execute<F: FnOnce()>(&self, step: F) { step(); }
        }
        pub async fn offload(cache: Arc<Mutex<Vec<u8>>>, plan: &Plan) {
            let shared = Arc::clone(&cache);
            let _ = tokio::task::spawn_blocking(move || shared.lock().unwrap().push(1)).await;
            plan.execute(|| cache.lock().unwrap().push(2));
        }
        pub fn pooled(cache: Arc<Mutex<Vec<u8>>>, pool: &threadpool::ThreadPool) {
            pool.execute(move || cache.lock().unwrap().push(3));
        }
        ",
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, 13);
    assert!(found[0].1.contains("pool job"), "{found:?}");
}

#[test]
fn a_lock_around_the_channel_end_is_for_the_channel() {
    // A sender kept in a slot or a struct: the lock is how tasks take turns
    // at it. A map of senders is bookkeeping: waiting under it still mixes.
    let source = "
        use tokio::sync::{mpsc, RwLock};
        use std::collections::HashMap;
        struct Hub { tx: mpsc::Sender<u8> }
        async fn slot(frames: &RwLock<Option<mpsc::Sender<u8>>>) {
            let guard = frames.read().await;
            if let Some(tx) = guard.as_ref() {
                let _ = tx.send(1).await;
            }
        }
        async fn hub(hub: &RwLock<Hub>) {
            let guard = hub.read().await;
            let _ = guard.tx.send(1).await;
        }
        async fn routed(routes: &RwLock<HashMap<u8, mpsc::Sender<u8>>>) {
            let guard = routes.read().await;
            if let Some(tx) = guard.get(&1) {
                let _ = tx.send(1).await;
            }
        }";
    let found = mixes_as_written(source);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, 16);
}

#[test]
fn a_loop_in_a_method_that_borrows_its_value_is_not_an_actor_for_its_locks() {
    // The thread pool of the Rust book: every worker runs `work(&self)` on
    // a shared queue behind a mutex.
    let source = "
        enum Msg { Run(Box<dyn FnOnce() + Send>), Close }
        struct Pool { rx: Mutex<Receiver<Msg>>, done: Mutex<u64> }
        impl Pool {
            fn work(&self) {
                loop {
                    match self.rx.lock().unwrap().recv().unwrap() {
                        Msg::Run(job) => { job(); *self.done.lock().unwrap() += 1; }
                        Msg::Close => break,
                    }
                }
            }
        }";
    assert_eq!(mixes(source), []);
}
