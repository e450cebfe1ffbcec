//! Declare a concurrency model, and let the compiler hold you to it.
//!
//! `unmixed` turns "this subsystem is an actor" (or a worker pool, or shared
//! state) from a comment into an attribute. The attribute writes the model's
//! boilerplate for you and rejects, during `cargo build`, the code that does
//! not belong in that model: a `Mutex` inside an actor, an unbounded mailbox,
//! a handler that waits on its own mailbox, and the rest. Every rejection
//! starts with a stable check code (`MIXED_MODELS`, `ACTOR_CYCLIC_SEND`, ...)
//! and ends with the fix.
//!
//! # Actors
//!
//! ```
//! pub struct Counter {
//!     n: u64,
//! }
//!
//! #[unmixed::actor(mailbox = 16)]
//! impl Counter {
//!     pub fn add(&mut self, by: u64) -> u64 {
//!         self.n += by;
//!         self.n
//!     }
//!
//!     pub fn get(&self) -> u64 {
//!         self.n
//!     }
//! }
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), unmixed::ActorError> {
//! let counter: CounterHandle = Counter { n: 0 }.spawn();
//! assert_eq!(counter.add(2).await?, 2);
//! counter.tell_add(3).await?; // fire and forget: no reply channel at all
//! assert_eq!(counter.get().await?, 5);
//! let last_state: Counter = counter.shutdown().await?;
//! assert_eq!(last_state.n, 5);
//! # Ok(())
//! # }
//! ```
//!
//! See [`actor`] for everything the attribute generates and checks.
//!
//! # Worker pools
//!
//! ```
//! #[unmixed::worker_pool(bounded = 64, workers = 4)]
//! pub fn checksum(data: Vec<u8>) -> u32 {
//!     data.iter().map(|&b| u32::from(b)).sum()
//! }
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), unmixed::PoolError> {
//! let pool = ChecksumPool::start();
//! assert_eq!(pool.run(vec![1, 2, 3]).await?, 6); // waits for queue space, then for the result
//! pool.shutdown().await;
//! # Ok(())
//! # }
//! ```
//!
//! See [`worker_pool`] for resource pools, the module form and the checks.
//!
//! # Shared state
//!
//! ```
//! use std::collections::HashMap;
//! use std::sync::Arc;
//!
//! #[unmixed::shared_state]
//! pub struct Inventory {
//!     pub items: HashMap<String, u32>, // its own lock
//!     pub log: Vec<String>,            // another lock: unrelated state never contends
//!     #[counter]
//!     pub sold: u64, // an atomic, not a lock
//!     #[snapshot]
//!     pub prices: Vec<u32>, // readers get an `Arc`, writers swap the whole value
//! }
//!
//! let inv: InventoryHandle = Inventory {
//!     items: HashMap::new(),
//!     log: vec![],
//!     sold: 0,
//!     prices: vec![3, 5],
//! }
//! .share();
//! inv.items_mut(|m| *m.entry("apple".to_owned()).or_insert(0) += 1); // check and act, one lock
//! assert_eq!(inv.items(|m| m.len()), 1);
//! inv.add_sold(2);
//! assert_eq!(inv.sold(), 2);
//! let before: Arc<Vec<u32>> = inv.prices();
//! inv.update_prices(|p| p.push(8)); // copy-on-write
//! assert_eq!((before.len(), inv.prices().len()), (2, 3));
//! ```
//!
//! See [`shared_state`] for the accessors, the multi-field `update`, the
//! `max_hold` budget and the lock-hazard checks of the module form.
#![forbid(unsafe_code)]
#![warn(missing_docs, missing_debug_implementations)]

mod error;
mod pool;

#[doc(hidden)]
pub mod __private;

pub use error::{ActorError, PoolError};
pub use pool::{Job, Rejected, Reset};

/// Mailbox capacity of an actor declared with a bare `#[actor]`.
///
/// 64 queued messages absorb short bursts without letting a slow actor
/// accumulate an unbounded backlog; pick your own bound with
/// `#[actor(mailbox = N)]` once you have measured the workload.
pub const DEFAULT_MAILBOX: usize = 64;

#[doc = include_str!("../docs/actor.md")]
pub use unmixed_macros::actor;

/// Suppresses one or more checks at one spot, with the reason as the record:
/// `#[unmixed::allow(LOCK_ACROSS_AWAIT, reason = "...")]`.
///
/// Inside annotated code (`#[actor]` and the other model attributes) it
/// applies to the method, function, statement or item it sits on, and is
/// removed before the compiler sees it. Elsewhere it is a valid attribute
/// that changes nothing, so code can carry its design record before it adopts
/// a model attribute. The reason is required; unknown codes are errors.
///
/// ```
/// use std::sync::Mutex;
///
/// #[unmixed::allow(LOCK_ACROSS_AWAIT, reason = "the guard is dropped before any await")]
/// fn read(counter: &Mutex<u64>) -> u64 {
///     *counter.lock().unwrap()
/// }
/// # assert_eq!(read(&Mutex::new(1)), 1);
/// ```
pub use unmixed_macros::allow;

/// Declares a worker pool: the function becomes the job, and the attribute
/// writes `{Name}Pool`, a handle to a bounded queue and a fixed set of
/// workers that run it. The function itself stays callable as before.
///
/// ```
/// #[unmixed::worker_pool(bounded = 64, workers = 4)]
/// pub fn checksum(data: Vec<u8>) -> u32 {
///     data.iter().map(|&b| u32::from(b)).sum()
/// }
///
/// # fn main() -> Result<(), unmixed::PoolError> {
/// // A sync pool runs on its own OS threads: no tokio runtime needed.
/// let pool: ChecksumPool = ChecksumPool::start();
/// assert_eq!(pool.run_blocking(vec![1, 2, 3])?, 6);
///
/// // `try_submit` never waits: a full queue hands the arguments back.
/// match pool.try_submit(vec![4, 5]) {
///     Ok(job) => assert_eq!(job.wait()?, 9),
///     Err(rejected) => {
///         let data: Vec<u8> = rejected.into_inner();
///         assert_eq!(checksum(data), 9); // or retry, or queue elsewhere
///     }
/// }
/// pool.shutdown_blocking(); // finishes every queued job, joins the workers
/// # Ok(())
/// # }
/// ```
///
/// From async code, `run` and `submit` wait for queue space without
/// blocking the executor. An `async fn` job runs as tokio tasks, at most
/// `workers` at a time:
///
/// ```
/// #[unmixed::worker_pool(bounded = 256, workers = 16)]
/// pub async fn fetch_len(url: String) -> Result<usize, std::io::Error> {
///     tokio::task::yield_now().await; // stands in for a request
///     Ok(url.len())
/// }
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let pool = FetchLenPool::start();
/// let len: usize = pool.run("https://example.com".into()).await??;
/// assert_eq!(len, 19);
/// let job: unmixed::Job<_> = pool.submit("b".into()).await?; // queued, running or done
/// assert_eq!(job.await??, 1);
/// pool.shutdown().await;
/// assert_eq!(pool.run("c".into()).await.unwrap_err(), unmixed::PoolError::Closed);
/// # Ok(())
/// # }
/// ```
///
/// # Resource pools
///
/// With `resource = Db`, each worker owns one `Db`, made up front by the
/// factory given to `start_with`; the job's first parameter borrows it, and
/// callers leave it out. After every job, whether it succeeded, failed or
/// panicked, the worker calls [`Reset::reset`] on it, and replaces it through
/// the factory if that fails.
///
/// ```
/// #[derive(Default)]
/// pub struct Db {
///     in_transaction: bool,
/// }
///
/// impl unmixed::Reset for Db {
///     type Error = std::convert::Infallible;
///
///     fn reset(&mut self) -> Result<(), Self::Error> {
///         self.in_transaction = false; // a real one would roll back
///         Ok(())
///     }
/// }
///
/// #[unmixed::worker_pool(bounded = 64, workers = 4, resource = Db, max_wait = "250ms")]
/// pub fn insert_row(db: &mut Db, row: String) -> Result<usize, String> {
///     assert!(!db.in_transaction, "the last job's transaction was reset");
///     db.in_transaction = true;
///     if row.is_empty() {
///         return Err("empty row".into()); // leaves the transaction open...
///     }
///     db.in_transaction = false;
///     Ok(row.len())
/// }
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let pool = InsertRowPool::start_with(|| Ok::<_, std::io::Error>(Db::default()))?;
/// assert_eq!(pool.run_blocking(String::new())?, Err("empty row".into()));
/// assert_eq!(pool.run_blocking("row".into())?, Ok(3)); // ...which the reset closed
/// # Ok(())
/// # }
/// ```
///
/// # The module form
///
/// On an inline module, the job is the module's only `pub fn`, or the one
/// named by `job = name`; the pool is generated inside the module, and the
/// whole module is checked.
///
/// ```
/// #[unmixed::worker_pool(bounded = 16, workers = 2)]
/// mod thumbnails {
///     fn shrink(side: u32) -> u32 {
///         side / 4
///     }
///
///     pub fn make(width: u32, height: u32) -> (u32, u32) {
///         (shrink(width), shrink(height))
///     }
/// }
///
/// let pool = thumbnails::MakePool::start();
/// assert_eq!(pool.run_blocking(400, 300), Ok((100, 75)));
/// ```
///
/// # Options
///
/// | option | meaning |
/// |---|---|
/// | `bounded = N` | required: how many jobs may wait in the queue (running jobs do not count) |
/// | `workers = N` | how many jobs run at once; defaults to the number of CPUs for a sync job, required for an `async fn` |
/// | `resource = Type` | each worker owns one `Type` (which must implement [`Reset`]) and lends it to the job's first parameter |
/// | `max_wait = "250ms"` | how long `run`/`submit` wait for queue space before [`PoolError::Timeout`]; `ns`, `us`, `ms` or `s`. Async callers need a runtime with its timer enabled (as `#[tokio::main]` builds it) |
/// | `job = name` | the module form's job function |
///
/// # The generated handle
///
/// `{Name}Pool` is `Clone + Send + Sync` and has the job function's
/// visibility. Arguments are taken as the function takes them:
///
/// - `start()` (or `start_with(factory)` for resource pools) starts the
///   workers; async pools also have `start_on(&Handle)` / `start_with_on`.
/// - `run(args).await`: queue (waiting for space) and wait for the result.
/// - `submit(args).await`: queue (waiting for space) and get a [`Job`]. A
///   dropped `Job` still runs.
/// - `try_submit(args)`: queue only if there is space now, else a
///   [`Rejected`] whose `into_inner()` gives the arguments back (a tuple
///   when there are several).
/// - Sync jobs only: `run_blocking`, `submit_blocking` and
///   `shutdown_blocking`, for threads outside async code.
/// - `shutdown().await`: stop intake, run every queued job, wait for the
///   workers to exit. Later submissions get [`PoolError::Closed`].
/// - `queued()`, `capacity()`, `workers()`, `live_workers()` (the workers
///   that have not exited: all of them until the pool closes), `is_closed()`.
///
/// A job that panics resolves its own `Job` with [`PoolError::Panicked`];
/// its worker carries on. With the `tracing` feature, every job runs in a
/// `unmixed::job` span that records the pool and the worker.
///
/// # What it rejects
///
/// Each at compile time, with its code and the fix:
///
/// - no `bounded` (or `bounded = unbounded`): `UNBOUNDED_WORKER_QUEUE`;
///   `bounded = 0`, `workers = 0`, a `max_wait` that is not a duration, and
///   unknown options are errors too;
/// - a job that can tell which worker runs it (`thread::current()`,
///   `thread_local!`, `rayon::current_thread_index()`, a `worker_id`
///   parameter): `WORKER_POOL_BRANCHES_ON_TID`, since that design is an actor;
/// - a resource type without [`Reset`]: `CONNECTION_POOL_NO_RESET`;
/// - a resource pool without `max_wait`: `CONNECTION_POOL_UNDERSIZED`;
/// - job arguments that borrow (other than the resource): jobs own their data;
/// - locks, atomics or `static mut` in the job: `MIXED_MODELS`;
/// - an unbounded channel made in the job: `UNBOUNDED_WORKER_QUEUE`;
/// - in async jobs and pool modules, `join!` over calls of one function on
///   different data: `JOIN_INSTEAD_OF_SPAWN_FOR_PARALLELISM` (a warning).
///
/// ```compile_fail
/// #[unmixed::worker_pool(workers = 4)] // UNBOUNDED_WORKER_QUEUE: needs `bounded = N`
/// pub fn checksum(data: Vec<u8>) -> u32 {
///     data.len() as u32
/// }
/// # fn main() {}
/// ```
///
/// Allow a finding where it is a deliberate decision, with the reason on
/// record: `#[unmixed::allow(CONNECTION_POOL_UNDERSIZED, reason = "..")]` on
/// the function or module.
#[doc(inline)]
pub use unmixed_macros::worker_pool;

/// Shares a struct between threads with one lock per field, and checks
/// shared-memory code for the lock hazards that compile but bite later.
///
/// # On a struct
///
/// ```
/// use std::collections::HashMap;
/// use std::sync::Arc;
///
/// #[derive(Clone, Default)]
/// pub struct Prices {
///     pub per_item: HashMap<String, u32>,
/// }
///
/// #[unmixed::shared_state(max_hold = "100us")]
/// pub struct Inventory {
///     pub items: HashMap<String, u32>,
///     pub log: Vec<String>,
///     #[rw]
///     pub config: String,
///     #[counter]
///     pub sold: u64,
///     #[snapshot]
///     pub prices: Prices,
/// }
///
/// let inv = Inventory {
///     items: HashMap::new(),
///     log: Vec::new(),
///     config: "eu".to_owned(),
///     sold: 0,
///     prices: Prices::default(),
/// }
/// .share();
///
/// // Plain fields: `field(|&T| ..)` and `field_mut(|&mut T| ..)`, each under the field's own lock.
/// inv.items_mut(|items| *items.entry("pear".to_owned()).or_insert(0) += 3);
/// let pears = inv.items(|items| items.get("pear").copied());
/// assert_eq!(pears, Some(3));
///
/// // `#[rw]`: `field(..)` takes the read lock, readers run side by side.
/// assert_eq!(inv.config(|c| c.len()), 2);
///
/// // `#[counter]`: one `fetch_add`/`fetch_sub`, returning the previous value.
/// assert_eq!(inv.add_sold(5), 0);
/// inv.sub_sold(1);
/// assert_eq!(inv.sold(), 4);
///
/// // `#[snapshot]`: readers never wait; writers swap whole values.
/// let old: Arc<Prices> = inv.prices();
/// inv.update_prices(|p| {
///     p.per_item.insert("pear".to_owned(), 7);
/// });
/// assert!(old.per_item.is_empty());
/// assert_eq!(inv.prices().per_item["pear"], 7);
///
/// // Several fields at once: every lock, taken in declaration order.
/// inv.update(|view| {
///     let n = view.items.remove("pear").unwrap_or(0);
///     view.log.push(format!("sold out {n} pears"));
///     view.config.push_str("-closed");
/// });
///
/// // Handles are cheap to clone and `Send + Sync` when the fields are.
/// let other = inv.clone();
/// std::thread::spawn(move || other.add_sold(1)).join().unwrap();
/// assert_eq!(inv.sold(), 5);
/// ```
///
/// `share(self)` (or `InventoryHandle::from(value)`) moves the plain value
/// behind its locks; the struct itself stays an ordinary struct that you
/// build with plain values. The handle gets, per field, accessors with the
/// field's own visibility:
///
/// | field | accessors |
/// |---|---|
/// | plain `items: T` | `items(\|&T\| -> R) -> R`, `items_mut(\|&mut T\| -> R) -> R`, under a mutex of its own |
/// | `#[rw] items: T` | the same, `items` under the read lock, `items_mut` under the write lock |
/// | `#[counter] sold: u64` | `sold() -> u64`, `add_sold(n) -> u64`, `sub_sold(n) -> u64` (previous value; wrapping) |
/// | `#[snapshot] prices: T` | `prices() -> Arc<T>`, `set_prices(T)`, `update_prices(\|&mut T\| -> R) -> R` (copy-on-write, needs `T: Clone`) |
///
/// and, for the struct as a whole:
///
/// - `update(|view| ..)`: runs the closure with `InventoryView`, whose fields
///   are `&mut` to every plain and `#[rw]` field. It takes the locks in
///   declaration order, so two `update`s can never deadlock each other,
///   whatever order their callers run in. It holds all of them while the
///   closure runs: keep it for changes that must stay consistent across
///   fields, and use `field_mut` for the rest.
/// - `try_unwrap(self) -> Result<Inventory, Self>` gives the plain struct
///   back from the last handle (not generated when a field is
///   `#[snapshot]`, whose readers may still hold the value).
///
/// Every accessor takes a synchronous closure, so a guard can be neither
/// held across an `.await` nor returned: the closure's result cannot borrow
/// from the field (`inv.items(|m| m.get("k"))` does not compile; copy the
/// value out with `.copied()` or `.cloned()`). Do not call an accessor of
/// the same field from inside its own closure: the lock is not reentrant
/// (debug builds panic with an explanation instead of deadlocking).
/// Nesting accessors of different fields (`items_mut(|_| log_mut(..))`)
/// takes two locks in the order of the calls, and two threads nesting them
/// in opposite orders can deadlock; `update` takes them in one order.
///
/// ## Why these primitives
///
/// Plain and `#[rw]` fields use `parking_lot`'s `Mutex` and `RwLock`: one
/// word each, an uncontended lock and unlock in a single atomic operation
/// each, adaptive spinning before parking under contention, and no
/// poisoning. A panic inside an accessor's closure unlocks the field and
/// propagates; the next caller sees whatever the closure left, instead of a
/// `PoisonError` that every later call would have to unwrap. Each field's
/// cell is aligned to 128 bytes, so that two fields written by different
/// threads never share a cache line. `#[counter]` fields are the matching
/// `Atomic*` (read with `Acquire`, changed with `AcqRel` `fetch_add` and
/// `fetch_sub`: one instruction, never a retry loop). `#[snapshot]` fields
/// are an `arc_swap::ArcSwap`: readers load the current `Arc` without taking
/// any lock, and writers of the field take turns on a lock of their own, so
/// that a copy-on-write `update_*` is never lost.
///
/// ## `max_hold`
///
/// `#[shared_state(max_hold = "100us")]` times every critical section (the
/// closure of an accessor or of `update`, after the lock is taken) and, when
/// one runs longer than the budget, emits a `tracing` warning with target
/// `unmixed::max_hold` and the fields `state`, `field`, `held_ns` and
/// `budget_ns`, after the lock is released. Units: `ns`, `us`, `ms`, `s`.
/// Timing is on in debug builds with the default feature `max-hold`, and
/// in every build with the feature `max-hold-release`; without the
/// `max-hold` feature (`default-features = false`), `max_hold` is accepted
/// and costs nothing.
///
/// ## Rejected at compile time
///
/// - a field that already is a lock, an atomic or a channel
///   (`Mutex<T>`, `AtomicU64`, `mpsc::Sender<T>`, anywhere in its type):
///   `MIXED_MODELS`, since the field would be locked twice or mix a second
///   model in;
/// - `#[counter]` on anything but `u8`..`u64`, `usize`, `i8`..`i64`, `isize`;
/// - two of `#[rw]`, `#[counter]`, `#[snapshot]` on one field; unknown
///   options (the error lists the valid ones); tuple structs; lifetimes.
///
/// # On a module: the lock-hazard analysis
///
/// `#[unmixed::shared_state] mod cache { .. }` declares the module as
/// shared-memory code and checks every function in it; with
/// `state = Inventory`, that struct of the module also gets the generated
/// handle. Without `state`, code that manages its own locks adopts the
/// checks:
///
/// | code | what it catches |
/// |---|---|
/// | `LOCK_ACROSS_AWAIT` | a `std`/`parking_lot` guard or a `RefCell` borrow alive at an `.await`, bound, wrapped (`Some(g)`, tuples, structs), mapped, as a temporary to the end of its statement, or in a `match`/`if let`/`for` scrutinee; guards end at their block, `drop(g)`, a move or a reassignment; async locks (`.lock().await`) are fine |
/// | `LOCK_WRAPS_IO` | file, network, process, sleep, `Read`/`Write` and blocking channel calls while a guard is alive, and awaited I/O under an async lock |
/// | `CHECK_THEN_ACT_ON_LOCKED_MAP` | `contains_key`/`get`/`is_empty` under one guard, then `insert`/`remove`/`get_mut` under another |
/// | `CAS_LOOP_FOR_COMMUTATIVE_OP` | a `compare_exchange` retry loop computing `+`, `-`, `\|`, `&` or `^` of the loaded value |
/// | `FETCH_UPDATE_AS_FAST_PATH` (warning) | `fetch_update` whose closure always returns `Some(x + n)` and the like |
/// | `LOCK_GUARDS_INDEPENDENT_STATE` | one `Mutex<S>` whose users touch disjoint groups of `S`'s fields |
/// | `MIXED_MODELS` | actors, channels or worker pools created inside the module |
///
/// ```
/// #[unmixed::shared_state]
/// mod cache {
///     use std::collections::HashMap;
///     use std::sync::Mutex;
///
///     pub struct Cache {
///         map: Mutex<HashMap<String, String>>,
///     }
///
///     impl Cache {
///         pub async fn refresh(&self, key: String) {
///             // The guard ends with its block, before the `.await`.
///             let known = { self.map.lock().unwrap().contains_key(&key) };
///             if !known {
///                 let value = fetch(&key).await;
///                 // Check and insert under one guard: `entry`.
///                 self.map.lock().unwrap().entry(key).or_insert(value);
///             }
///         }
///     }
///
///     async fn fetch(key: &str) -> String {
///         key.to_uppercase()
///     }
/// }
/// ```
///
/// Accept a finding where it is right by design, with the reason on record:
/// `#[unmixed::allow(LOCK_ACROSS_AWAIT, reason = "..")]` on the function,
/// statement or expression.
pub use unmixed_macros::shared_state;
