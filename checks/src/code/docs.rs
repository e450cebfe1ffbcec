//! What each check code is for, in one place: the README's table of codes
//! and the reference in `docs/diagnostics.md` are generated from these
//! entries (`checks/tests/code_docs.rs` keeps them in step).

use super::Code;

/// The documentation of one check code.
#[derive(Debug, Clone, Copy)]
pub struct CodeDoc {
    /// One line for the table of codes: what it catches.
    pub summary: &'static str,
    /// Where it runs: which attributes check it, and the reviewer.
    pub runs_in: &'static str,
    /// What it catches, precisely.
    pub catches: &'static str,
    /// Why that is a hazard.
    pub why: &'static str,
    /// What it deliberately leaves alone, and what it cannot see.
    pub limits: &'static str,
    /// Code it reports.
    pub example: &'static str,
    /// The same code, fixed.
    pub fix: &'static str,
}

impl Code {
    /// What the check is for.
    pub fn doc(self) -> &'static CodeDoc {
        match self {
            Code::LOCK_ACROSS_AWAIT => &LOCK_ACROSS_AWAIT,
            Code::LOCK_WRAPS_IO => &LOCK_WRAPS_IO,
            Code::LOCK_GUARDS_INDEPENDENT_STATE => &LOCK_GUARDS_INDEPENDENT_STATE,
            Code::UNBOUNDED_WORKER_QUEUE => &UNBOUNDED_WORKER_QUEUE,
            Code::UNBOUNDED_ACTOR_MAILBOX => &UNBOUNDED_ACTOR_MAILBOX,
            Code::WORKER_POOL_BRANCHES_ON_TID => &WORKER_POOL_BRANCHES_ON_TID,
            Code::CONNECTION_POOL_NO_RESET => &CONNECTION_POOL_NO_RESET,
            Code::CONNECTION_POOL_UNDERSIZED => &CONNECTION_POOL_UNDERSIZED,
            Code::ACTOR_HOLDS_AWAIT_ON_SHARED => &ACTOR_HOLDS_AWAIT_ON_SHARED,
            Code::ACTOR_CYCLIC_SEND => &ACTOR_CYCLIC_SEND,
            Code::JOIN_INSTEAD_OF_SPAWN_FOR_PARALLELISM => &JOIN_INSTEAD_OF_SPAWN_FOR_PARALLELISM,
            Code::CHECK_THEN_ACT_ON_LOCKED_MAP => &CHECK_THEN_ACT_ON_LOCKED_MAP,
            Code::CAS_LOOP_FOR_COMMUTATIVE_OP => &CAS_LOOP_FOR_COMMUTATIVE_OP,
            Code::FETCH_UPDATE_AS_FAST_PATH => &FETCH_UPDATE_AS_FAST_PATH,
            Code::CONCURRENCY_DEBUG_VIA_PRINTLN => &CONCURRENCY_DEBUG_VIA_PRINTLN,
            Code::WRONG_MODEL_FOR_WORKLOAD => &WRONG_MODEL_FOR_WORKLOAD,
            Code::MIXED_MODELS => &MIXED_MODELS,
        }
    }
}

/// The README's table of codes, as markdown.
pub fn markdown_table() -> String {
    let mut table =
        String::from("| code | level | what it catches | where it runs |\n|---|---|---|---|\n");
    for code in Code::ALL {
        let doc = code.doc();
        table.push_str(&format!(
            "| `{code}` | {} | {} | {} |\n",
            code.default_level().as_str(),
            doc.summary,
            doc.runs_in
        ));
    }
    table
}

/// The reference of every code, as markdown: what it catches, why, what it
/// leaves alone, and an example with its fix.
pub fn markdown_reference() -> String {
    let mut text = String::new();
    for code in Code::ALL {
        let doc = code.doc();
        text.push_str(&format!(
            "### `{code}` ({})\n\n{}\n\n**Why.** {}\n\n**Left alone.** {}\n\n**Runs in:** {}.\n\n```rust\n{}\n```\n\nFixed:\n\n```rust\n{}\n```\n\n",
            code.default_level().as_str(),
            doc.catches,
            doc.why,
            doc.limits,
            doc.runs_in,
            doc.example.trim(),
            doc.fix.trim(),
        ));
    }
    text
}

const LOCK_ACROSS_AWAIT: CodeDoc = CodeDoc {
    summary: "a guard of a lock that blocks threads (or a `RefCell` borrow) alive at an `.await`",
    runs_in: "`#[shared_state]` modules, the reviewer",
    catches: "A guard whose type is known to be a synchronous lock's (std, parking_lot, `DashMap`'s `Ref`, tokio `watch::Ref`, a `RefCell` borrow, or a type named in `unmixed.toml`) still alive at an `.await`, `select!` or `join!`, tracked the way rustc drops it: bound, wrapped in `Some(..)`, kept by a temporary to the end of its statement, by a `match` scrutinee, or by a closure that a helper of the program runs under its lock. One finding per guard.",
    why: "While the task is suspended the lock stays taken; every thread that wants it blocks, executor workers included, until this task is polled again, which may need one of those very threads.",
    limits: "Guards of async locks (`tokio::sync::Mutex`, taken with `.await`); guards dropped, moved into a call or a method that takes them by value, or reassigned before the await; temporaries of the other side of `&&` or `||`, and borrows a value cannot keep (an owned result of `map`/`and_then`, an `Arc` or `Rc` clone, a value that leaves the block its guard died in); code in closures and `async` blocks that run on their own; and any `.lock()` whose receiver's type cannot be resolved, which is never guessed to be a lock.",
    example: r#"
async fn refresh(state: &std::sync::Mutex<State>, db: &Db) {
    let mut state = state.lock().unwrap();
    state.rows = db.fetch(state.id).await;
}"#,
    fix: r#"
async fn refresh(state: &std::sync::Mutex<State>, db: &Db) {
    let id = state.lock().unwrap().id;
    let rows = db.fetch(id).await;
    state.lock().unwrap().rows = rows;
}"#,
};

const LOCK_WRAPS_IO: CodeDoc = CodeDoc {
    summary: "a lock held while its holder waits on file, network, database or process I/O",
    runs_in: "`#[shared_state]` modules, the reviewer",
    catches: "A call that blocks its thread on I/O (or a sleep, a join, a blocking receive) while a guard is alive, and an `.await` on I/O while an async lock's guard is alive. What a call does comes from the well-known APIs (std, tokio, the database and HTTP clients) and, through the program's own functions, from their facts: the finding names the path, `save` -> `std::fs::write`. A closure run by a helper that holds a lock (`self.with_state(|s| ..)`) counts as under that lock.",
    why: "The lock stays taken for as long as the I/O takes, so every other user of it waits on the disk, the network or the database too.",
    limits: "A lock around an I/O resource (`Mutex<File>`, a child's stdin, a connection, also inside an `Option` or a struct of the program; not a collection of them, such as a pool's idle connections): the lock is there for its I/O; a lock that only serialises a section (`Mutex<()>`, a guard bound to `_name`); a get-or-init from local files, where what the file I/O made is stored into what the lock protects, directly or through variables (a get-or-init over the network, a process or a database is still reported); an async connection stored straight into its slot (`*client = Some(connect().await?)`); an async lock across waits that are not I/O (timers, channels); a call that hands the guard to a guard parameter of the program's own function, which is judged inside that function instead; calls whose effect cannot be known.",
    example: r#"
fn add(names: &std::sync::Mutex<Vec<String>>, name: String) -> std::io::Result<()> {
    let mut names = names.lock().unwrap();
    names.push(name);
    std::fs::write("names.txt", names.join("\n"))
}"#,
    fix: r#"
fn add(names: &std::sync::Mutex<Vec<String>>, name: String) -> std::io::Result<()> {
    let text = {
        let mut names = names.lock().unwrap();
        names.push(name);
        names.join("\n")
    };
    std::fs::write("names.txt", text)
}"#,
};

const LOCK_GUARDS_INDEPENDENT_STATE: CodeDoc = CodeDoc {
    summary: "one lock over a struct whose fields independent code paths use",
    runs_in: "`#[shared_state]` modules, the reviewer",
    catches: "A `Mutex<S>` or `RwLock<S>` whose functions touch the fields of `S` in two or more groups that no function joins: callers of one group wait for callers of the other for nothing.",
    why: "Contention grows with the number of independent users of the lock, not with the work they share.",
    limits: "Locks whose guard is used as a whole anywhere; locks taken by a single function; structs declared outside the checked code.",
    example: r#"
struct Stats { hits: u64, log: Vec<String> }
fn hit(s: &Mutex<Stats>) { s.lock().unwrap().hits += 1; }
fn note(s: &Mutex<Stats>, line: String) { s.lock().unwrap().log.push(line); }"#,
    fix: r#"
#[unmixed::shared_state]
struct Stats { #[counter] hits: u64, log: Vec<String> }"#,
};

const UNBOUNDED_WORKER_QUEUE: CodeDoc = CodeDoc {
    summary: "a worker pool or worker loop fed by a queue without a bound",
    runs_in: "`#[worker_pool]` (a missing `bounded`), the reviewer",
    catches: "A `#[worker_pool]` declared without `bounded = N`, and an unbounded channel (`unbounded_channel()`, std's `channel()`, crossbeam, flume, async-channel, kanal, futures) whose receiver feeds a worker loop or a pool with work.",
    why: "Producers never slow down: whenever they outrun the workers the backlog grows until memory runs out.",
    limits: "Channels whose receiver is not drained by a worker loop: request/reply and one-shot completion channels, shutdown signals, callbacks from threads that cannot wait; and channels whose receiver's fate cannot be followed.",
    example: r#"
let (jobs, queue) = tokio::sync::mpsc::unbounded_channel();
tokio::spawn(async move { while let Some(job) = queue.recv().await { run(job).await } });"#,
    fix: r#"
let (jobs, mut queue) = tokio::sync::mpsc::channel(1024);
tokio::spawn(async move { while let Some(job) = queue.recv().await { run(job).await } });
jobs.send(job).await?; // waits for room instead of piling up"#,
};

const UNBOUNDED_ACTOR_MAILBOX: CodeDoc = CodeDoc {
    summary: "an actor fed by a mailbox without a bound",
    runs_in: "`#[actor]` (an unbounded channel in actor code, `mailbox = unbounded`), the reviewer",
    catches: "An unbounded channel whose receiver is an actor's mailbox: a loop that receives messages and dispatches on them.",
    why: "Senders never feel the actor's pace; a slow actor's queue grows without limit instead of slowing its callers down.",
    limits: "Channels that do not feed a message loop; `#[unmixed::actor]`'s own mailbox, which is always bounded.",
    example: r#"
let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<Command>();
tokio::spawn(async move { while let Some(cmd) = rx.recv().await { match cmd { .. } } });"#,
    fix: r#"
#[unmixed::actor(mailbox = 64)]
impl Session { pub fn handle(&mut self, cmd: Command) { .. } }"#,
};

const WORKER_POOL_BRANCHES_ON_TID: CodeDoc = CodeDoc {
    summary: "pool jobs that behave differently depending on the worker that runs them",
    runs_in: "`#[worker_pool]`, the reviewer",
    catches: "Job code that reads which worker runs it: `thread::current()`, `ThreadId`, rayon's `current_thread_index()`, `thread_local!` state, or a job parameter named as a worker index.",
    why: "A pool's workers are interchangeable; state per worker is an actor per shard in disguise, and breaks when jobs move between workers.",
    limits: "`thread::sleep`, `thread::spawn` and `available_parallelism()`, which say nothing about the current worker; parameters that only mention a worker in a longer name.",
    example: r#"
#[unmixed::worker_pool(bounded = 64)]
fn index(doc: Doc) { SHARDS[thread_index()].lock().unwrap().add(doc) }"#,
    fix: r#"
#[unmixed::actor(mailbox = 64)]
impl Shard { pub fn add(&mut self, doc: Doc) { self.index.add(doc) } }"#,
};

const CONNECTION_POOL_NO_RESET: CodeDoc = CodeDoc {
    summary: "pooled resources lent out again without being reset",
    runs_in: "`#[worker_pool]` with a `resource`, the reviewer",
    catches: "A resource pool whose resource type has no `impl unmixed::Reset` in the crate.",
    why: "A connection goes back with whatever transaction, session variables or cached state the last job left, and the next job inherits it.",
    limits: "Pools that allow it with a reason (resources with no state to leak).",
    example: r#"
#[unmixed::worker_pool(bounded = 64, resource = Db, max_wait = "250ms")]
fn query(db: &mut Db, sql: String) -> Rows { db.run(&sql) }"#,
    fix: r#"
impl unmixed::Reset for Db {
    type Error = DbError;
    fn reset(&mut self) -> Result<(), DbError> { self.rollback() }
}"#,
};

const CONNECTION_POOL_UNDERSIZED: CodeDoc = CodeDoc {
    summary: "a resource pool with no stated wait budget",
    runs_in: "`#[worker_pool]` with a `resource`, the reviewer",
    catches: "A resource pool declared without `max_wait`.",
    why: "A pool of N resources serves more than N callers only by making them wait; how long a caller may wait is a decision to write down, or callers pile up behind a slow resource.",
    limits: "Pools without a resource.",
    example: r#"
#[unmixed::worker_pool(bounded = 64, resource = Db)]
fn query(db: &mut Db, sql: String) -> Rows { db.run(&sql) }"#,
    fix: r#"
#[unmixed::worker_pool(bounded = 64, resource = Db, max_wait = "250ms")]
fn query(db: &mut Db, sql: String) -> Rows { db.run(&sql) }"#,
};

const ACTOR_HOLDS_AWAIT_ON_SHARED: CodeDoc = CodeDoc {
    summary: "an actor awaiting inside a handler while it holds its state",
    runs_in: "`#[actor]`, the reviewer",
    catches: "An `.await` in the body of an `async` handler of an actor.",
    why: "The actor handles one message at a time: while the handler waits, every other message waits too, including the ones that only read state.",
    limits: "`#[detached]` handlers, whose waiting runs on a task of its own; awaits in closures and `async` blocks handed elsewhere.",
    example: r#"
#[unmixed::actor]
impl Cache { pub async fn refresh(&mut self) { self.data = fetch().await } }"#,
    fix: r#"
#[unmixed::actor]
impl Cache {
    #[detached]
    pub fn refresh(&mut self) -> impl Future<Output = Data> + Send + 'static { fetch() }
}"#,
};

const ACTOR_CYCLIC_SEND: CodeDoc = CodeDoc {
    summary: "an actor waiting on a reply from itself, or actors waiting on each other",
    runs_in: "`#[actor]` (itself), the reviewer (cycles across actors)",
    catches: "A handler awaiting a request on its own actor's handle, and a cycle of actors whose handlers await requests to each other.",
    why: "Each handler holds its actor while it waits, so none of them can take the request that would answer.",
    limits: "Fire-and-forget sends (`try_tell_*`), requests awaited in `#[detached]` handlers or spawned tasks.",
    example: r#"
#[unmixed::actor]
impl Account { pub async fn transfer(&mut self, me: AccountHandle) { me.balance().await; } }"#,
    fix: r#"
#[unmixed::actor]
impl Account { pub fn transfer(&mut self) { let balance = self.balance(); } }"#,
};

const JOIN_INSTEAD_OF_SPAWN_FOR_PARALLELISM: CodeDoc = CodeDoc {
    summary: "`join!` over work that cannot overlap, where parallelism was meant",
    runs_in: "`#[worker_pool]`, the reviewer",
    catches: "`join!` and its kin over calls of one function on different data inside a pool job, and over futures of the program's own `async fn`s whose bodies never await or block their thread.",
    why: "`join!` polls every future on the task it is called from: concurrent, never parallel. Futures that never yield run one after another.",
    limits: "Joins of futures that wait on I/O, which is what `join!` is for.",
    example: r#"
let (a, b) = tokio::join!(checksum(left), checksum(right));"#,
    fix: r#"
let (a, b) = tokio::join!(tokio::spawn(checksum(left)), tokio::spawn(checksum(right)));"#,
};

const CHECK_THEN_ACT_ON_LOCKED_MAP: CodeDoc = CodeDoc {
    summary: "a map checked under one guard and changed under another",
    runs_in: "`#[shared_state]` modules, the reviewer",
    catches: "An answer read from a map or set behind a lock (`contains_key`, `get`, `contains`, `len`, `is_empty`, or the old value `insert` returns) under one guard, then an `insert`, `remove` or `get_mut` under another guard of the same lock that depends on it: in a branch the answer decides, or writing a value computed from it. The answer is followed through `let` bindings, blocks, `if let`, `match` and `let .. else` patterns and captured closures; `RwLock` read then write; each call of a `DashMap` (its own shard lock); and helpers of the program that check a map and return the answer, or change it under their own guard.",
    why: "The lock is released in between; another thread can change the map, and the change acts on a stale answer: two threads both insert, a counter counts twice, an update is lost.",
    limits: "Check and change under one guard; `entry(..)`, unless it writes back what the stale answer gave; the double-checked shape, and a change that releases what that second guard claimed; a matched `get_mut` or an `if set.insert(..)`; a set's `insert` or `remove` after a `contains` asked in the condition itself (idempotent: a stale answer leaves the set as a serial order would; an answer kept in a variable may decide more, and counts); another lock held from the check to the change, or a lock taken from the checked answer itself (the per-key mutex a `get` found) and held at the change; an upsert that overwrites what it found with what it would insert; different keys, compared by data flow; changes that do not depend on the check. Variables an `async` block captures, and keys computed by calls, are not followed.",
    example: r#"
let exists = users.read().unwrap().contains_key(&id);
if !exists {
    users.write().unwrap().insert(id, User::new());
}"#,
    fix: r#"
users.write().unwrap().entry(id).or_insert_with(User::new);"#,
};

const CAS_LOOP_FOR_COMMUTATIVE_OP: CodeDoc = CodeDoc {
    summary: "a compare-exchange retry loop for an update one instruction does",
    runs_in: "`#[shared_state]` modules, the reviewer",
    catches: "A loop that retries `compare_exchange(_weak)` to add, subtract, or, and or xor a value into an atomic.",
    why: "Under contention the loop keeps failing and retrying; `fetch_add` and its kin never fail and have dedicated instructions.",
    limits: "Flags and locks built on a CAS, values picked by comparing, updates that have no `fetch_*` form (a saturating add that hands back the loaded value at its cap among them).",
    example: r#"
let mut cur = hits.load(Relaxed);
while let Err(seen) = hits.compare_exchange_weak(cur, cur + 1, Relaxed, Relaxed) { cur = seen; }"#,
    fix: r#"
hits.fetch_add(1, Relaxed);"#,
};

const FETCH_UPDATE_AS_FAST_PATH: CodeDoc = CodeDoc {
    summary: "`fetch_update` used for an update that has a `fetch_*` instruction",
    runs_in: "`#[shared_state]` modules, the reviewer",
    catches: "`fetch_update` whose closure always returns `Some` of an addition, subtraction or bitwise update of the loaded value.",
    why: "`fetch_update` is a compare-exchange loop, not a hardware fast path.",
    limits: "Closures that can return `None`: a conditional update, which `fetch_update` is for.",
    example: r#"
flags.fetch_update(SeqCst, SeqCst, |f| Some(f | DIRTY));"#,
    fix: r#"
flags.fetch_or(DIRTY, SeqCst);"#,
};

const CONCURRENCY_DEBUG_VIA_PRINTLN: CodeDoc = CodeDoc {
    summary: "printing to watch a race: thread ids, guarded state, atomics in concurrent code",
    runs_in: "`#[shared_state]` modules, the reviewer",
    catches: "`println!`, `print!`, `eprintln!`, `eprint!` and `dbg!` in code that runs concurrently (a closure or future handed to a spawning call, or code holding a lock) when the print shows a thread's identity, state read through a guard, or an atomic's value; and `dbg!` there.",
    why: "stdout sits behind a lock and a print takes far longer than a race window: the print serialises the threads it watches and changes the interleaving.",
    limits: "A program's ordinary output: messages, progress, errors, results; `tracing` and `log` events.",
    example: r#"
std::thread::spawn(move || println!("{:?} took {}", std::thread::current().id(), slot.load(SeqCst)));"#,
    fix: r#"
std::thread::spawn(move || tracing::trace!(slot = slot.load(SeqCst), "took a slot"));"#,
};

const WRONG_MODEL_FOR_WORKLOAD: CodeDoc = CodeDoc {
    summary: "shared state whose use calls for another model: a lock around a counter, a locked map used one key at a time",
    runs_in: "the reviewer",
    catches: "A lock around a lone integer or `bool` whose every use reads, adds or stores it; a `Mutex<HashMap>` (or an `RwLock` only ever write-locked) whose every use touches one key; an `RwLock<HashMap>` read one key at a time whose writers also take keys out or change values in place.",
    why: "A counter behind a lock makes every reader and writer queue for what one atomic instruction does; independent entries behind one lock wait for each other for nothing, and each writer of a read-write lock shuts out the readers of every key.",
    limits: "Locks whose guard does more than read, add or store (compare and act, wait on a `Condvar`); maps also iterated, measured, handed on, or given many keys under one guard; `RwLock` maps whose writers only fill them (an insert at set-up or on a miss), since how often those come is not in the code.",
    example: r#"
struct Ids { next: Mutex<u64> }
impl Ids { fn take(&self) -> u64 { let mut n = self.next.lock().unwrap(); *n += 1; *n } }"#,
    fix: r#"
struct Ids { next: AtomicU64 }
impl Ids { fn take(&self) -> u64 { self.next.fetch_add(1, Relaxed) + 1 } }"#,
};

const MIXED_MODELS: CodeDoc = CodeDoc {
    summary: "one subsystem using two models: shared memory inside an actor or a pool job, message passing inside shared state",
    runs_in: "all three attributes; undeclared modules: the reviewer",
    catches: "Locks, atomics and concurrent maps inside code declared as an actor or a worker pool; actors, channels and pools inside a `#[shared_state]` module; and, for code with no declaration: shared memory taken inside a loop that dispatches messages or a job handed to a pool, a hand-written actor whose own field is shared behind an `Arc`, and a lock held while the task waits on a channel.",
    why: "Two models in one design give the same state two ways in; each model's guarantees hold only when it is the only one.",
    limits: "Actors together with pools (an actor is a task on a pool); `spawn_blocking`, which runs one blocking call; a lone worker loop (one worker, nothing to couple); a lock around the channel end itself (a receiver in a static, a sender in an `Option` slot or a struct field) held while waiting on it; a loop in a method that borrows its value (`&self`: a per-request pump, not an actor); nested modules, which are judged on their own; read-only globals (`OnceLock`, `LazyLock`).",
    example: r#"
#[unmixed::actor]
impl Cache { pub fn put(&mut self, k: Key) { self.shared.lock().unwrap().push(k) } }"#,
    fix: r#"
#[unmixed::actor]
impl Cache { pub fn put(&mut self, k: Key) { self.keys.push(k) } }"#,
};
