//! CHECK_THEN_ACT_ON_LOCKED_MAP by data flow: each test names the lines a
//! finding must point at, or asserts that none fires.

use crate::{Code, Report};

/// Imports every source gets, all on the first line so that line numbers
/// stay those of the source.
const HEADER: &str = "use std::sync::{Arc, Mutex, RwLock, LazyLock}; \
    use std::collections::{HashMap, HashSet}; use dashmap::{DashMap, DashSet}; ";

fn report(source: &str) -> Vec<crate::Finding> {
    let source = format!("{HEADER}{source}");
    let file: syn::File = syn::parse_str(&source).expect("test source parses");
    let mut report = Report::new();
    super::super::check_items(
        &file.items,
        "app",
        &super::super::Settings::default(),
        &mut report,
    );
    report.into_findings()
}

/// The lines of every CHECK_THEN_ACT_ON_LOCKED_MAP finding in `source`.
fn lines(source: &str) -> Vec<usize> {
    report(source)
        .into_iter()
        .filter(|finding| finding.code == Code::CHECK_THEN_ACT_ON_LOCKED_MAP)
        .map(|finding| finding.location.start.start().line)
        .collect()
}

fn messages(source: &str) -> Vec<String> {
    report(source)
        .into_iter()
        .map(|finding| format!("{}\nhelp: {}", finding.headline(), finding.help))
        .collect()
}

#[test]
fn the_answer_travels_through_bindings_blocks_and_patterns() {
    let found = lines(
        "fn block(m: &Mutex<HashMap<String, u8>>, k: String) {
            let exists = { let map = m.lock().unwrap(); map.contains_key(&k) };
            if !exists {
                m.lock().unwrap().insert(k, 1);
            }
        }
        fn if_let(m: &Mutex<HashMap<String, u8>>, k: String) {
            if let Some(v) = m.lock().unwrap().get(&k).copied() {
                drop(v);
            } else {
                m.lock().unwrap().insert(k, 1);
            }
        }
        fn matched(m: &Mutex<HashMap<String, u8>>, k: String) {
            let found = m.lock().unwrap().get(&k).copied();
            match found {
                Some(_) => {}
                None => {
                    m.lock().unwrap().insert(k, 1);
                }
            }
        }
        fn let_else(m: &Mutex<HashMap<String, u8>>, k: String) -> u8 {
            let Some(v) = m.lock().unwrap().get(&k).copied() else {
                return 0;
            };
            m.lock().unwrap().remove(&k);
            v
        }
        fn read_then_write(m: &RwLock<HashMap<String, u8>>, k: String) {
            let r = m.read().unwrap();
            let has = r.contains_key(&k);
            drop(r);
            if !has {
                m.write().unwrap().insert(k, 0);
            }
        }
        fn idempotent(m: &RwLock<HashSet<String>>, k: String) {
            if !m.read().unwrap().contains(&k) {
                // Whoever wins, the set ends holding `k`.
                m.write().unwrap().insert(k);
            }
        }",
    );
    assert_eq!(found, [4, 11, 19, 27, 35]);
}

#[test]
fn a_value_computed_from_the_answer_is_a_lost_update() {
    let found = lines(
        "fn bump(m: &Mutex<HashMap<String, u64>>, k: String) {
            let n = m.lock().unwrap().get(&k).copied().unwrap_or(0);
            m.lock().unwrap().insert(k, n + 1);
        }
        fn next_id(m: &RwLock<HashMap<u64, String>>, name: String) -> u64 {
            let id = m.read().unwrap().len() as u64;
            m.write().unwrap().insert(id, name);
            id
        }
        fn raise(offsets: &DashMap<u32, u64>, partition: u32, offset: u64) {
            let stored = offsets.get(&partition).map(|e| *e).unwrap_or(0);
            if offset <= stored {
                return;
            }
            offsets.insert(partition, offset);
        }",
    );
    assert_eq!(found, [3, 7, 15]);
    let text = messages(
        "fn bump(m: &Mutex<HashMap<String, u64>>, k: String) {
            let n = m.lock().unwrap().get(&k).copied().unwrap_or(0);
            m.lock().unwrap().insert(k, n + 1);
        }",
    );
    assert!(
        text[0].contains("writes a value computed from a stale answer"),
        "{text:?}"
    );
}

#[test]
fn keys_are_compared_by_data_flow() {
    let found = lines(
        "struct Req { id: String, other: String }
        fn same(m: &Mutex<HashMap<String, u8>>, req: Req) {
            let key = req.id.clone();
            if !m.lock().unwrap().contains_key(&key) {
                m.lock().unwrap().insert(req.id.clone(), 1);
            }
        }
        fn different(m: &Mutex<HashMap<String, u8>>, req: Req) {
            let key = req.id.clone();
            if m.lock().unwrap().contains_key(&key) {
                m.lock().unwrap().remove(&req.other);
            }
        }
        fn literals(m: &Mutex<HashMap<&'static str, u8>>) {
            if m.lock().unwrap().contains_key(\"a\") {
                m.lock().unwrap().remove(\"b\");
            }
        }",
    );
    assert_eq!(found, [5]);
}

#[test]
fn helpers_that_check_and_helpers_that_change() {
    let source = "pub struct Registry { peers: Mutex<HashMap<String, u8>> }
        impl Registry {
            fn has(&self, name: &str) -> bool {
                self.peers.lock().unwrap().contains_key(name)
            }
            fn add(&self, name: String, id: u8) {
                self.peers.lock().unwrap().insert(name, id);
            }
            pub fn join(&self, name: String) {
                if !self.has(&name) {
                    self.add(name, 1);
                }
            }
            pub fn join_direct_check(&self, name: String) {
                if !self.peers.lock().unwrap().contains_key(&name) {
                    self.add(name, 1);
                }
            }
            pub fn join_direct_change(&self, name: String) {
                if !self.has(&name) {
                    self.peers.lock().unwrap().insert(name, 1);
                }
            }
        }";
    assert_eq!(lines(source), [11, 16, 21]);
    let text = messages(source);
    assert!(
        text[0].starts_with(
            "CHECK_THEN_ACT_ON_LOCKED_MAP: `self.peers` is checked with `contains_key` (in `has`) \
             under one lock and changed with `insert` (in `add`) under another"
        ),
        "{text:?}"
    );
}

#[test]
fn helpers_on_parameters_and_statics() {
    let found = lines(
        "fn has(m: &Mutex<HashSet<u32>>, seat: u32) -> bool {
            m.lock().unwrap().contains(&seat)
        }
        fn take(m: &Mutex<HashSet<u32>>, seat: u32) {
            m.lock().unwrap().insert(seat);
        }
        fn book(seats: &Mutex<HashSet<u32>>, seat: u32) {
            if !has(seats, seat) {
                take(seats, seat);
            }
        }
        static NAMES: LazyLock<Mutex<HashMap<String, u32>>> = LazyLock::new(Default::default);
        fn known(name: &str) -> bool {
            NAMES.lock().unwrap().contains_key(name)
        }
        fn register(name: String, id: u32) {
            if !known(&name) {
                NAMES.lock().unwrap().insert(name, id);
            }
        }",
    );
    assert_eq!(found, [9, 18]);
}

#[test]
fn dashmap_calls_each_take_their_own_shard_lock() {
    let found = lines(
        "pub struct Actors { active: Arc<DashMap<u64, String>> }
        impl Actors {
            pub async fn submit(&self, id: u64) {
                if !self.active.contains_key(&id) {
                    let name = spawn_actor().await;
                    self.active.insert(id, name);
                }
            }
        }
        async fn spawn_actor() -> String { String::new() }
        pub struct Tracker { in_flight: DashMap<u64, String> }
        impl Tracker {
            pub fn register(&self, id: u64, waiter: String) -> bool {
                let existing = self.in_flight.insert(id, waiter);
                if existing.is_some() {
                    self.in_flight
                        .entry(id)
                        .and_modify(|old| *old = existing.unwrap());
                    return false;
                }
                true
            }
        }",
    );
    assert_eq!(found, [6, 18]);
}

#[test]
fn one_guard_entries_rechecks_and_claims_stay_quiet() {
    let found = lines(
        "pub struct Registry { peers: Mutex<HashMap<String, u8>> }
        impl Registry {
            fn has(&self, name: &str) -> bool {
                self.peers.lock().unwrap().contains_key(name)
            }
            fn add_if_absent(&self, name: String, id: u8) {
                let mut peers = self.peers.lock().unwrap();
                if !peers.contains_key(&name) {
                    peers.insert(name, id);
                }
            }
            fn add(&self, name: String, id: u8) {
                self.peers.lock().unwrap().insert(name, id);
            }
            fn touch(&self, name: &str) {
                let _ = self.peers.lock().unwrap().contains_key(name);
            }
            pub fn join(&self, name: String) {
                if !self.has(&name) {
                    self.add_if_absent(name, 1);
                }
            }
            pub fn other_registry(&self, other: &Registry, name: String) {
                if !self.has(&name) {
                    other.add(name, 1);
                }
            }
            pub fn after_touch(&self, name: String) {
                self.touch(&name);
                self.add(name, 1);
            }
        }
        fn in_flight(set: &Mutex<HashSet<u64>>, id: u64) {
            if !set.lock().unwrap().insert(id) {
                return;
            }
            work(id);
            set.lock().unwrap().remove(&id);
        }
        fn work(_: u64) {}
        // Found in iggy: the helper's `insert` decides by its own answer.
        pub struct Seen { ids: DashSet<u64>, count: std::sync::atomic::AtomicU64 }
        impl Seen {
            pub fn present(&self, id: u64) -> bool { self.ids.contains(&id) }
            pub fn add(&self, id: u64) {
                if self.ids.insert(id) {
                    self.count.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                }
            }
            pub fn visit(&self, id: u64) {
                if self.present(id) {
                    return;
                }
                self.add(id);
            }
        }
        fn twice(m: &RwLock<HashSet<u64>>, id: u64) -> bool {
            if m.read().unwrap().contains(&id) {
                return false;
            }
            if m.write().unwrap().insert(id) {
                return true;
            }
            false
        }
        fn dash_entry(map: &DashMap<u64, String>, id: u64) -> String {
            if let Some(found) = map.get(&id) {
                return found.clone();
            }
            let made = String::from(\"new\");
            map.entry(id).or_insert(made).clone()
        }
        fn dash_set(set: &DashSet<u64>, id: u64) -> bool {
            set.insert(id)
        }
        fn dash_independent(map: &DashMap<u64, String>, id: u64) {
            let n = map.len();
            log(n);
            map.insert(id, String::new());
        }
        fn log(_: usize) {}",
    );
    assert_eq!(found, Vec::<usize>::new());
}

#[test]
fn initialising_a_missing_entry_under_another_guard_is_flagged() {
    // Found in iggy: the `else` puts a fresh counter in, over any counter
    // another thread put in (and stored into) meanwhile.
    let found = lines(
        "use std::sync::atomic::{AtomicU64, Ordering};
        fn stored(offsets: &DashMap<u32, AtomicU64>, partition: u32) -> u64 {
            if let Some(entry) = offsets.get(&partition) {
                entry.load(Ordering::SeqCst)
            } else {
                offsets.insert(partition, AtomicU64::new(0));
                0
            }
        }",
    );
    assert_eq!(found, [6]);
}

#[test]
fn serialised_claimed_upserted_or_rechecked_answers_stay_quiet() {
    let found = lines(
        "use std::sync::atomic::{AtomicU64, Ordering};
        // Found in matrix-rust-sdk and sccache: another lock is held from the
        // check to the change.
        pub struct Hook { outer: tokio::sync::Mutex<()>, pending: Mutex<HashMap<u64, u8>> }
        impl Hook {
            pub async fn on_event(&self, id: u64) {
                let _serial = self.outer.lock().await;
                if self.pending.lock().unwrap().contains_key(&id) {
                    return;
                }
                tick().await;
                self.pending.lock().unwrap().insert(id, 1);
            }
        }
        async fn tick() {}
        // Found in iggy: a per-issuer async lock, reached through a
        // `DashMap` entry, serialises the refresh.
        pub struct Keys { cache: DashMap<String, u8>, guards: DashMap<String, Arc<tokio::sync::Mutex<u8>>> }
        impl Keys {
            pub async fn get(&self, issuer: String, kid: String) -> Option<u8> {
                if let Some(key) = self.cache.get(&kid) {
                    return Some(*key);
                }
                let entry = self.guards.entry(issuer).or_default();
                let guard = entry.value().clone();
                drop(entry);
                let _serial = guard.lock().await;
                if let Some(key) = self.cache.get(&kid) {
                    return Some(*key);
                }
                tick().await;
                self.cache.insert(kid, 1);
                None
            }
        }
        // Found in pingora: double-checked under the write guard, which
        // inserts; the later `remove` releases this code's own claim.
        pub struct Lookups { lockers: RwLock<HashMap<u64, Arc<u8>>> }
        impl Lookups {
            pub fn lookup(&self, key: u64) {
                let found = self.lockers.read().unwrap().get(&key).cloned();
                let mine = match found {
                    Some(_) => None,
                    None => {
                        let mut lockers = self.lockers.write().unwrap();
                        match lockers.get(&key) {
                            Some(_) => None,
                            None => {
                                let lock = Arc::new(1);
                                lockers.insert(key, lock.clone());
                                Some(lock)
                            }
                        }
                    }
                };
                if mine.is_some() {
                    self.lockers.write().unwrap().remove(&key);
                }
            }
        }
        // Found in iggy: found, the value is overwritten with what the
        // other branch inserts; either way the map ends with it.
        fn upsert(offsets: &DashMap<u32, AtomicU64>, partition: u32, offset: u64) {
            if let Some(entry) = offsets.get(&partition) {
                entry.store(offset, Ordering::SeqCst);
            } else {
                offsets.insert(partition, AtomicU64::new(offset));
            }
        }
        fn upsert_through_a_reference(m: &Mutex<HashMap<u32, String>>, k: u32, v: String) {
            let found = m.lock().unwrap().get(&k).is_some();
            if found {
                if let Some(slot) = m.lock().unwrap().get_mut(&k) {
                    *slot = v;
                }
            } else {
                m.lock().unwrap().insert(k, v);
            }
        }
        // Found in iggy: the helper decides by its own answer, not its caller's.
        fn store(offsets: &DashMap<u32, AtomicU64>, partition: u32, offset: u64) {
            if let Some(entry) = offsets.get(&partition) {
                entry.store(offset, Ordering::SeqCst);
            } else {
                offsets.insert(partition, AtomicU64::new(offset));
            }
        }
        fn flush(offsets: &DashMap<u32, AtomicU64>, partition: u32, consumed: u64) {
            let stored = offsets.get(&partition).map(|e| e.load(Ordering::SeqCst)).unwrap_or(0);
            if consumed > stored {
                store(offsets, partition, consumed);
            }
        }",
    );
    assert_eq!(found, Vec::<usize>::new());
}

#[test]
fn an_insert_on_a_stale_answer_says_what_it_overwrites() {
    // A fill after a miss: another thread may have filled the key meanwhile,
    // and this insert replaces its value; a set's insert only adds.
    let found = messages(
        "fn connection(m: &RwLock<HashMap<u32, u64>>, seats: &Mutex<HashSet<u32>>, addr: u32, fresh: u64) -> u64 {
            if let Some(id) = m.read().unwrap().get(&addr) {
                return *id;
            }
            m.write().unwrap().insert(addr, fresh);
            if !seats.lock().unwrap().contains(&addr) {
                seats.lock().unwrap().insert(addr);
            }
            fresh
        }",
    );
    // The set's insert after `contains` ends as a serial order would: quiet.
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains(
            "so another thread can store or remove that key meanwhile, and this `insert` \
             overwrites what it stored or puts the key back"
        ),
        "{}",
        found[0]
    );
}

#[test]
fn a_per_key_lock_taken_from_the_answer_serialises_the_change() {
    // A deduplicating handler: the entry's own mutex is held from the
    // answer to the removal, and every remover takes it first.
    let found = lines(
        "enum State { Done, Cancelled }
        async fn run(inflight: &tokio::sync::Mutex<HashMap<u8, Arc<tokio::sync::Mutex<State>>>>, key: u8) {
            let map = inflight.lock().await;
            if let Some(request) = map.get(&key).cloned() {
                drop(map);
                let guard = request.lock().await;
                if let State::Cancelled = *guard {
                    inflight.lock().await.remove(&key);
                }
                drop(guard);
            }
        }
        async fn unserialised(inflight: &tokio::sync::Mutex<HashMap<u8, Arc<tokio::sync::Mutex<State>>>>, key: u8) {
            let map = inflight.lock().await;
            if let Some(request) = map.get(&key).cloned() {
                drop(map);
                let cancelled = matches!(*request.lock().await, State::Cancelled);
                if cancelled {
                    inflight.lock().await.remove(&key);
                }
            }
        }",
    );
    assert_eq!(found, [19]);
}
