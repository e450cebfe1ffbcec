//! Shapes the lock-hazard checks must not flag: the correct version of
//! each finding, and the known false positives of other tools.
// The advisory checks warn through deprecations: as errors here, staying quiet is tested.
#![deny(deprecated)]
#[unmixed::shared_state]
mod quiet {
    use std::collections::{HashMap, HashSet};
    use std::io::Write;
    use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};
    use std::sync::{Arc, Mutex, RwLock};

    pub struct State {
        pub pending: u64,
        pub id: u64,
    }

    // LOCK_ACROSS_AWAIT: the guard ends with its block.
    pub async fn scoped(state: &Mutex<State>) -> u64 {
        let id = {
            let mut g = state.lock().unwrap();
            g.pending += 1;
            g.id
        };
        load(id).await
    }

    // Used, dropped, then awaited (clippy's `await_holding_lock` flags this).
    pub async fn dropped(state: &Mutex<State>) -> u64 {
        let mut g = state.lock().unwrap();
        g.pending += 1;
        let id = g.id;
        drop(g);
        load(id).await
    }

    // Moved into a function that consumes it.
    pub async fn moved(state: &Mutex<State>) -> u64 {
        let g = state.lock().unwrap();
        let id = finish(g);
        load(id).await
    }

    fn finish(g: std::sync::MutexGuard<'_, State>) -> u64 {
        g.id
    }

    // A temporary that ends with its own statement, or in an `if` condition.
    pub async fn temporaries(state: &Mutex<State>) -> u64 {
        let id = state.lock().unwrap().id;
        if state.lock().unwrap().pending > 10 {
            load(0).await;
        }
        load(id).await
    }

    // Async locks are made to be held across `.await`.
    pub async fn async_lock(state: &tokio::sync::Mutex<State>) -> u64 {
        let g = state.lock().await;
        load(g.id).await
    }

    // A task spawned with its own copy.
    pub async fn spawned(state: Arc<Mutex<State>>) {
        let id = state.lock().unwrap().id;
        tokio::spawn(async move {
            load(id).await;
        });
    }

    // LOCK_WRAPS_IO: copy out, release, then write.
    pub fn save(lines: &Mutex<Vec<String>>, out: &mut impl Write) -> std::io::Result<()> {
        let text = lines.lock().unwrap().join("\n");
        out.write_all(text.as_bytes())
    }

    // CHECK_THEN_ACT_ON_LOCKED_MAP: `entry`, one guard, double-checked.
    pub fn register(names: &Mutex<HashMap<String, u32>>, name: String, id: u32) {
        names.lock().unwrap().entry(name).or_insert(id);
    }

    pub fn book(taken: &Mutex<HashSet<u32>>, seat: u32) -> bool {
        let mut taken = taken.lock().unwrap();
        if taken.contains(&seat) {
            return false;
        }
        taken.insert(seat)
    }

    pub fn intern(names: &RwLock<HashMap<String, u32>>, name: &str) -> u32 {
        if let Some(id) = names.read().unwrap().get(name).copied() {
            return id;
        }
        let mut names = names.write().unwrap();
        if let Some(id) = names.get(name) {
            return *id;
        }
        let id = names.len() as u32;
        names.insert(name.to_owned(), id);
        id
    }

    // CAS_LOOP_FOR_COMMUTATIVE_OP: `fetch_add`; a CAS as a lock; updates
    // no `fetch_*` can make: never from zero, never below zero.
    pub fn hit(count: &AtomicU64) -> u64 {
        count.fetch_add(1, Ordering::AcqRel)
    }

    pub fn try_enter(busy: &AtomicBool) -> bool {
        busy.compare_exchange(false, true, Ordering::Acquire, Ordering::Relaxed)
            .is_ok()
    }

    pub fn upgrade(strong: &AtomicU32) -> bool {
        let mut current = strong.load(Ordering::Relaxed);
        loop {
            if current == 0 {
                return false;
            }
            match strong.compare_exchange_weak(current, current + 1, Ordering::AcqRel, Ordering::Relaxed) {
                Ok(_) => return true,
                Err(actual) => current = actual,
            }
        }
    }

    pub fn take_permits(permits: &AtomicU32, wanted: u32) -> bool {
        let mut current = permits.load(Ordering::Relaxed);
        loop {
            if current < wanted {
                return false;
            }
            match permits.compare_exchange_weak(current, current - wanted, Ordering::AcqRel, Ordering::Relaxed) {
                Ok(_) => return true,
                Err(actual) => current = actual,
            }
        }
    }

    // FETCH_UPDATE_AS_FAST_PATH: an update that can refuse.
    pub fn increment_below(count: &AtomicU64, max: u64) -> bool {
        count
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| (n < max).then_some(n + 1))
            .is_ok()
    }

    // LOCK_GUARDS_INDEPENDENT_STATE: the fields are used together.
    pub struct Stats {
        hits: u64,
        misses: u64,
    }

    pub struct Server {
        stats: Mutex<Stats>,
    }

    impl Server {
        pub fn hit(&self) {
            self.stats.lock().unwrap().hits += 1;
        }

        pub fn miss(&self) {
            let mut stats = self.stats.lock().unwrap();
            stats.misses += 1;
            stats.hits = stats.hits.saturating_sub(0);
        }
    }

    // MIXED_MODELS: running code on other threads is not another model.
    pub fn background(state: Arc<Mutex<State>>) {
        std::thread::spawn(move || state.lock().unwrap().pending += 1);
    }

    // An accepted hazard, with its reason on record.
    #[unmixed::allow(LOCK_ACROSS_AWAIT, reason = "runs on a current-thread runtime with no other task touching the lock")]
    pub async fn accepted(state: &Mutex<State>) -> u64 {
        let g = state.lock().unwrap();
        load(g.id).await
    }

    async fn load(id: u64) -> u64 {
        id
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    use std::sync::Mutex;
    let state = Mutex::new(quiet::State { pending: 0, id: 7 });
    assert_eq!(quiet::scoped(&state).await, 7);
    assert_eq!(quiet::dropped(&state).await, 7);
    assert_eq!(quiet::moved(&state).await, 7);
    assert_eq!(quiet::temporaries(&state).await, 7);
    assert_eq!(quiet::accepted(&state).await, 7);
}

/// Printing after the guard is released, and under a guard that only
/// serialises a section: CONCURRENCY_DEBUG_VIA_PRINTLN stays quiet.
#[unmixed::shared_state]
mod printing {
    use std::sync::Mutex;

    static SERIAL: Mutex<()> = Mutex::new(());

    pub fn record(seen: &Mutex<Vec<u64>>, value: u64) {
        let count = {
            let mut all = seen.lock().unwrap();
            all.push(value);
            all.len()
        };
        println!("recorded {value}, {count} so far");
    }

    pub fn serialised() {
        let _serial = SERIAL.lock().unwrap();
        println!("one at a time");
    }
}
