use super::*;
use syn::parse_quote;

fn run(file: syn::File) -> Vec<Finding> {
    let mut report = Report::new();
    check(&file, &mut report);
    report.into_findings()
}

fn lines(file: syn::File) -> Vec<String> {
    run(file)
        .iter()
        .map(|finding| format!("{}: {}", finding.code.as_str(), finding.message))
        .collect()
}

#[test]
fn counters_behind_any_lock_whose_every_use_an_atomic_does() {
    let found = run(parse_quote! {
        use std::sync::{Arc, Mutex};
        pub type Id = u64;
        pub struct Client {
            next_id: Arc<Mutex<Id>>,
            sent: parking_lot::Mutex<usize>,
            peak: tokio::sync::Mutex<u32>,
        }
        impl Client {
            fn call(&self) -> Result<u64, String> {
                let id = {
                    let mut id = self.next_id.lock().map_err(|err| format!("poisoned: {err}"))?;
                    *id += 1;
                    *id
                };
                *self.sent.lock() += 1;
                Ok(id)
            }
            fn sent(&self) -> usize {
                *self.sent.lock()
            }
            async fn observe(&self, depth: u32) {
                let mut peak = self.peak.lock().await;
                *peak = std::cmp::max(*peak, depth);
            }
        }
    });
    let messages: Vec<&str> = found
        .iter()
        .map(|finding| finding.message.as_str())
        .collect();
    assert_eq!(found.len(), 3, "{messages:#?}");
    assert!(messages[0].starts_with("`Mutex<Id>` around a lone `u64`: every use in the program (one section, in `Client::call`) only reads it or adds to it"), "{}", messages[0]);
    assert!(
        found[0].help.starts_with(
            "make `next_id` an `AtomicU64` and use `next_id.fetch_add(n, Ordering::Relaxed)`"
        ),
        "{}",
        found[0].help
    );
    assert!(found[0].help.ends_with(
        "or declare it `#[counter] next_id: u64` in a `#[unmixed::shared_state]` struct"
    ));
    assert!(
        messages[1].contains("(2 sections, in `Client::call`, `Client::sent`)"),
        "{}",
        messages[1]
    );
    assert!(
        messages[2].contains("raises it to a running maximum"),
        "{}",
        messages[2]
    );
    assert!(found[2]
        .help
        .contains("`peak.fetch_max(x, Ordering::Relaxed)`"));
}

#[test]
fn a_lock_given_to_a_function_counts_there() {
    // fluvio's correlation ids: the field is cloned into a helper that locks it.
    let found = lines(parse_quote! {
        use std::sync::Arc;
        use async_lock::Mutex;
        async fn correlation_id(counter: Arc<Mutex<i32>>) -> i32 {
            let mut guard = counter.lock().await;
            let current = *guard;
            *guard = current + 1;
            current
        }
        pub struct Socket {
            counter: Arc<Mutex<i32>>,
        }
        impl Socket {
            async fn next(&self) -> i32 {
                correlation_id(self.counter.clone()).await
            }
        }
    });
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains("(one section, in `correlation_id`) only reads it or adds to it"),
        "{}",
        found[0]
    );
}

#[test]
fn statics_and_running_extremes_written_out() {
    let found = lines(parse_quote! {
        use std::sync::Mutex;
        static LOWEST: Mutex<i64> = Mutex::new(i64::MAX);
        static READY: Mutex<bool> = Mutex::new(false);
        fn seen(value: i64) {
            let mut lowest = LOWEST.lock().unwrap();
            if value < *lowest {
                *lowest = value;
            }
        }
        fn lowest() -> i64 {
            *LOWEST.lock().unwrap()
        }
        fn ready() {
            *READY.lock().unwrap() = true;
        }
        fn is_ready() -> bool {
            *READY.lock().unwrap()
        }
    });
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found[0].contains("lowers it to a running minimum"),
        "{}",
        found[0]
    );
    assert!(
        found[1].contains("`Mutex<bool>` around a lone `bool`"),
        "{}",
        found[1]
    );
}

#[test]
fn locks_that_do_more_than_an_atomic_are_left_alone() {
    assert_eq!(
        lines(parse_quote! {
            use std::sync::{Condvar, Mutex};
            pub struct Limits {
                // Compared and acted upon: a bounded counter.
                active: Mutex<u32>,
                // Held across other work: the lock orders the writes.
                seq: tokio::sync::Mutex<u64>,
                // Waited on with a condition variable.
                pending: Mutex<usize>,
                done: Condvar,
                // Handed out as a guard.
                epoch: Mutex<u64>,
                // Only read: never written anywhere the program shows.
                fixed: Mutex<u8>,
                // Matched on while the guard is held.
                state: Mutex<u8>,
            }
            impl Limits {
                fn enter(&self, max: u32) -> bool {
                    let mut active = self.active.lock().unwrap();
                    if *active >= max {
                        return false;
                    }
                    *active += 1;
                    true
                }
                fn leave(&self) {
                    *self.active.lock().unwrap() -= 1;
                }
                async fn write(&self, line: &str) {
                    let mut seq = self.seq.lock().await;
                    *seq += 1;
                    send(*seq, line).await;
                }
                fn wait(&self) {
                    let mut pending = self.pending.lock().unwrap();
                    while *pending > 0 {
                        pending = self.done.wait(pending).unwrap();
                    }
                }
                fn finish(&self) {
                    *self.pending.lock().unwrap() -= 1;
                    self.done.notify_all();
                }
                fn epoch(&self) -> std::sync::MutexGuard<'_, u64> {
                    self.epoch.lock().unwrap()
                }
                fn bump(&self) {
                    *self.epoch.lock().unwrap() += 1;
                }
                fn fixed(&self) -> u8 {
                    *self.fixed.lock().unwrap()
                }
                fn step(&self) {
                    match *self.state.lock().unwrap() {
                        0 => start(),
                        _ => stop(),
                    }
                }
                fn reset(&self) {
                    *self.state.lock().unwrap() = 0;
                }
            }
            async fn send(_seq: u64, _line: &str) {}
            fn start() {}
            fn stop() {}
            fn local() {
                let counter = std::sync::Arc::new(Mutex::new(0u64));
                *counter.lock().unwrap() += 1;
            }
        }),
        Vec::<String>::new()
    );
}

#[test]
fn maps_whose_every_lock_touches_one_key() {
    // docs.rs's recent releases: one key per page view, a `retain` sweep
    // through a helper for the metrics.
    let found = lines(parse_quote! {
        use std::collections::HashMap;
        use std::sync::Mutex;
        use std::time::Instant;
        pub struct Recent {
            krates: Mutex<HashMap<String, Instant>>,
        }
        fn count(map: &mut HashMap<String, Instant>) -> usize {
            let mut n = 0;
            map.retain(|_, at| {
                n += 1;
                at.elapsed().as_secs() < 3600
            });
            n
        }
        impl Recent {
            fn record(&self, krate: &str) {
                self.krates.lock().unwrap().insert(krate.to_owned(), Instant::now());
            }
            fn gather(&self) -> usize {
                count(&mut self.krates.lock().unwrap())
            }
        }
    });
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains("every lock of `krates` (2 sections, in `Recent::gather`, `Recent::record`) touches a single key or judges each entry on its own"),
        "{}",
        found[0]
    );
}

#[test]
fn maps_used_as_a_whole_are_left_alone() {
    assert_eq!(
        lines(parse_quote! {
            use std::collections::HashMap;
            use std::sync::Mutex;
            pub struct Registry {
                // Iterated.
                peers: Mutex<HashMap<u64, String>>,
                // Two keys under one guard.
                links: Mutex<HashMap<u64, u64>>,
                // Locked in one place only.
                once: Mutex<HashMap<u64, u64>>,
            }
            impl Registry {
                fn add(&self, id: u64, name: String) {
                    self.peers.lock().unwrap().insert(id, name);
                }
                fn names(&self) -> Vec<String> {
                    self.peers.lock().unwrap().values().cloned().collect()
                }
                fn link(&self, a: u64, b: u64) {
                    let mut links = self.links.lock().unwrap();
                    links.insert(a, b);
                    links.insert(b, a);
                }
                fn peer_of(&self, a: u64) -> Option<u64> {
                    self.links.lock().unwrap().get(&a).copied()
                }
                fn note(&self, a: u64) {
                    self.once.lock().unwrap().insert(a, a);
                }
            }
        }),
        Vec::<String>::new()
    );
}

#[test]
fn allow_on_the_field_silences_it() {
    assert!(lines(parse_quote! {
        use std::sync::Mutex;
        pub struct Client {
            #[unmixed::allow(WRONG_MODEL_FOR_WORKLOAD, reason = "measured: uncontended")]
            next_id: Mutex<u64>,
        }
        impl Client {
            fn next(&self) -> u64 {
                let mut id = self.next_id.lock().unwrap();
                *id += 1;
                *id
            }
        }
    })
    .is_empty());
}

#[test]
fn locks_handed_down_through_parameters_and_spawned_tasks_count_there() {
    // rathole's services: cloned into a spawned task inside a `select!`,
    // handed from one function's parameter to the next, read one key at a
    // time there.
    let found = lines(parse_quote! {
        use std::collections::HashMap;
        use std::sync::Arc;
        use tokio::sync::RwLock;
        type Services = Arc<RwLock<HashMap<u64, String>>>;
        pub struct Server {
            services: Services,
        }
        impl Server {
            async fn run(&self, mut accepted: tokio::sync::mpsc::Receiver<u64>) {
                loop {
                    tokio::select! {
                        key = accepted.recv() => {
                            let services = self.services.clone();
                            tokio::spawn(async move {
                                let _ = handle(services, key.unwrap_or_default()).await;
                            });
                        }
                    }
                }
            }
            async fn reload(&mut self, key: u64, name: Option<String>) {
                match name {
                    Some(name) => {
                        self.services.write().await.insert(key, name);
                    }
                    None => {
                        self.services.write().await.remove(&key);
                    }
                }
            }
        }
        async fn handle(services: Services, key: u64) -> Option<String> {
            handshake(services, key).await
        }
        async fn handshake(services: Services, key: u64) -> Option<String> {
            services.read().await.get(&key).cloned()
        }
    });
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains("every lock of `services` (3 sections, in `Server::reload`, `handshake`) touches a single key: the entries are independent, yet its writes (one section, in `Server::reload`) take keys out under the write guard of the whole `Services`, which every reader of every key waits for"),
        "{}",
        found[0]
    );
}

#[test]
fn read_mostly_maps_that_only_fill_are_left_alone() {
    // A registry filled at set-up and a cache filled on a miss: readers
    // share the lock, and each key is written once.
    assert_eq!(
        lines(parse_quote! {
            use std::collections::HashMap;
            use std::sync::RwLock;
            pub struct Registry {
                codecs: RwLock<HashMap<String, u32>>,
                sizes: tokio::sync::RwLock<HashMap<u64, usize>>,
            }
            impl Registry {
                fn register(&self, name: &str, id: u32) {
                    self.codecs.write().unwrap().insert(name.to_owned(), id);
                }
                fn codec(&self, name: &str) -> Option<u32> {
                    self.codecs.read().unwrap().get(name).copied()
                }
                async fn size(&self, file: u64) -> usize {
                    if let Some(size) = self.sizes.read().await.get(&file) {
                        return *size;
                    }
                    let size = measure(file).await;
                    self.sizes.write().await.entry(file).or_insert(size);
                    size
                }
            }
            async fn measure(file: u64) -> usize {
                file as usize
            }
        }),
        Vec::<String>::new()
    );
}

#[test]
fn rw_maps_written_like_a_mutex_are_judged_like_one() {
    // Every section takes the write guard: an `RwLock` in name only.
    let found = lines(parse_quote! {
        use std::collections::HashMap;
        use parking_lot::RwLock;
        pub struct Subscriptions {
            subs: RwLock<HashMap<String, u64>>,
        }
        impl Subscriptions {
            fn add(&self, id: String) {
                self.subs.write().insert(id, 0);
            }
            fn timeout(&self, id: &str) -> Option<u64> {
                self.subs.write().get(id).copied()
            }
        }
    });
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].ends_with(
            "yet one `RwLock<HashMap<String, u64>>` makes every access wait for every other"
        ),
        "{}",
        found[0]
    );
}

#[test]
fn many_keys_in_one_section_use_the_map_as_a_whole() {
    // One key per round of a loop (or of a closure) under one guard: the
    // section spans the keys, which are not independent there.
    assert_eq!(
        lines(parse_quote! {
            use std::collections::HashMap;
            use std::sync::Mutex;
            pub struct Waiters {
                waiting: Mutex<HashMap<String, Vec<u64>>>,
                seen: Mutex<HashMap<String, u64>>,
            }
            impl Waiters {
                fn register(&self, names: &[String], ticket: u64) {
                    let mut waiting = self.waiting.lock().unwrap();
                    for name in names {
                        waiting.entry(name.clone()).or_default().push(ticket);
                    }
                }
                fn notify(&self, name: &str) -> Option<Vec<u64>> {
                    self.waiting.lock().unwrap().remove(name)
                }
                fn mark(&self, names: &[String]) {
                    let mut seen = self.seen.lock().unwrap();
                    names.iter().for_each(|name| {
                        seen.insert(name.clone(), 1);
                    });
                }
                fn seen(&self, name: &str) -> Option<u64> {
                    self.seen.lock().unwrap().get(name).copied()
                }
            }
        }),
        Vec::<String>::new()
    );
}

#[test]
fn one_lock_shared_by_two_fields_is_one_finding() {
    // A handler given a clone of its owner's lock: the sections through
    // both fields are the one lock's, reported once, at the owner's field.
    let found = lines(parse_quote! {
        use std::collections::HashMap;
        use std::sync::{Arc, Mutex};
        pub struct Store {
            pending: Arc<Mutex<HashMap<u64, String>>>,
        }
        pub struct Writer {
            id: u64,
            pending: Arc<Mutex<HashMap<u64, String>>>,
        }
        impl Store {
            fn new() -> Self {
                Store { pending: Arc::new(Mutex::new(HashMap::new())) }
            }
            fn writer(&self, id: u64) -> Writer {
                self.pending.lock().unwrap().insert(id, String::new());
                Writer { id, pending: self.pending.clone() }
            }
        }
        impl Writer {
            fn finish(self) -> Option<String> {
                self.pending.lock().unwrap().remove(&self.id)
            }
        }
    });
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0]
            .contains("every lock of `pending` (2 sections, in `Store::writer`, `Writer::finish`)"),
        "{}",
        found[0]
    );
}
