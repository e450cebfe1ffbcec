//! The generic half of every `#[shared_state]` handle: one cell per field,
//! each padded to its own cache line so that threads working on different
//! fields never contend, not even through false sharing. The macro writes
//! only the typed half (the handle, its accessors and the view of `update`).
//!
//! Every accessor takes a synchronous closure: the guard lives inside these
//! functions and can be neither held across an `.await` nor returned.

use std::fmt;
use std::sync::atomic::{
    AtomicI16, AtomicI32, AtomicI64, AtomicI8, AtomicIsize, AtomicU16, AtomicU32, AtomicU64,
    AtomicU8, AtomicUsize, Ordering,
};
use std::sync::Arc;
use std::time::{Duration, Instant};

use arc_swap::ArcSwap;
use parking_lot::{Mutex, MutexGuard, RwLock, RwLockWriteGuard};

/// Aligns its value to 128 bytes: two adjacent prefetched cache lines on
/// x86-64, one line on Apple silicon. Fields of a shared state are written
/// by different threads; without this, two locks in one line would make
/// their owners contend although they never share data.
#[repr(align(128))]
#[derive(Default)]
pub struct Padded<T>(pub T);

/// How long a critical section may last before it is reported.
#[derive(Debug, Clone, Copy)]
pub struct Hold {
    /// The struct, for the report.
    pub state: &'static str,
    /// The field (or `update`), for the report.
    pub field: &'static str,
    /// The budget of `max_hold`, in nanoseconds.
    pub budget_ns: u64,
}

/// Whether critical sections are timed at all in this build: in debug builds
/// with the default `max-hold` feature, and in every build with
/// `max-hold-release`.
pub const TIMING: bool = cfg!(all(
    feature = "max-hold",
    any(debug_assertions, feature = "max-hold-release")
));

impl Hold {
    /// Starts timing, when timing is on.
    #[inline]
    pub fn start(self) -> Option<Instant> {
        TIMING.then(Instant::now)
    }

    /// How long since `start`, when timing is on.
    #[inline]
    pub fn held(self, start: Option<Instant>) -> Option<Duration> {
        start.map(|start| start.elapsed())
    }

    /// Reports `held` if it is over budget. Called after the lock is
    /// released, so the report itself never lengthens the critical section.
    #[inline]
    pub fn check(self, held: Option<Duration>) {
        if let Some(held) = held {
            if held > Duration::from_nanos(self.budget_ns) {
                self.over_budget(held);
            }
        }
    }

    #[cold]
    #[inline(never)]
    fn over_budget(self, held: Duration) {
        #[cfg(feature = "max-hold")]
        tracing::warn!(
            target: "unmixed::max_hold",
            state = self.state,
            field = self.field,
            held_ns = u64::try_from(held.as_nanos()).unwrap_or(u64::MAX),
            budget_ns = self.budget_ns,
            "critical section of `{}.{}` held its lock for {:?}, over its max_hold budget of {:?}",
            self.state,
            self.field,
            held,
            Duration::from_nanos(self.budget_ns),
        );
        #[cfg(not(feature = "max-hold"))]
        let _ = held;
    }
}

#[cfg(debug_assertions)]
thread_local! {
    /// The cells whose lock this thread holds through an accessor.
    static HELD: std::cell::RefCell<Vec<usize>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// In debug builds, turns the one certain deadlock of the accessors (an
/// accessor of a field called from inside that same field's closure, on
/// the same thread) into a panic that says so. Free in release builds.
pub struct Reentry {
    #[cfg(debug_assertions)]
    cell: usize,
}

impl Reentry {
    #[inline]
    fn enter<T>(cell: &T) -> Reentry {
        #[cfg(debug_assertions)]
        {
            let cell = (cell as *const T).cast::<()>() as usize;
            let again = HELD.with(|held| {
                let mut held = held.borrow_mut();
                let again = held.contains(&cell);
                if !again {
                    held.push(cell);
                }
                again
            });
            assert!(
                !again,
                "a `#[shared_state]` accessor was called from inside the closure of an accessor \
                 of the same field: the field's lock is already held by this thread and is not \
                 reentrant, so this would deadlock; finish the first closure first, or change \
                 several fields at once with `update`"
            );
            Reentry { cell }
        }
        #[cfg(not(debug_assertions))]
        {
            let _ = cell;
            Reentry {}
        }
    }
}

impl Drop for Reentry {
    #[inline]
    fn drop(&mut self) {
        #[cfg(debug_assertions)]
        let _ = HELD.try_with(|held| {
            let mut held = held.borrow_mut();
            if let Some(index) = held.iter().rposition(|cell| *cell == self.cell) {
                held.remove(index);
            }
        });
    }
}

/// A guard that also keeps its cell marked as held (see [`Reentry`]).
pub struct Held<G> {
    guard: G,
    _reentry: Reentry,
}

impl<G: std::ops::Deref> std::ops::Deref for Held<G> {
    type Target = G::Target;

    #[inline]
    fn deref(&self) -> &G::Target {
        &self.guard
    }
}

impl<G: std::ops::DerefMut> std::ops::DerefMut for Held<G> {
    #[inline]
    fn deref_mut(&mut self) -> &mut G::Target {
        &mut self.guard
    }
}

/// A plain field: its own mutex.
pub struct Locked<T>(Padded<Mutex<T>>);

impl<T> Locked<T> {
    pub fn new(value: T) -> Self {
        Locked(Padded(Mutex::new(value)))
    }

    #[inline]
    pub fn with<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        let _reentry = Reentry::enter(self);
        f(&self.0 .0.lock())
    }

    #[inline]
    pub fn with_mut<R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        let _reentry = Reentry::enter(self);
        f(&mut self.0 .0.lock())
    }

    #[inline]
    pub fn with_timed<R>(&self, hold: Hold, f: impl FnOnce(&T) -> R) -> R {
        let _reentry = Reentry::enter(self);
        let guard = self.0 .0.lock();
        let start = hold.start();
        let result = f(&guard);
        let held = hold.held(start);
        drop(guard);
        hold.check(held);
        result
    }

    #[inline]
    pub fn with_mut_timed<R>(&self, hold: Hold, f: impl FnOnce(&mut T) -> R) -> R {
        let _reentry = Reentry::enter(self);
        let mut guard = self.0 .0.lock();
        let start = hold.start();
        let result = f(&mut guard);
        let held = hold.held(start);
        drop(guard);
        hold.check(held);
        result
    }

    /// The guard, for the multi-field `update`.
    #[inline]
    pub fn guard_mut(&self) -> Held<MutexGuard<'_, T>> {
        let reentry = Reentry::enter(self);
        Held {
            guard: self.0 .0.lock(),
            _reentry: reentry,
        }
    }

    pub fn into_inner(self) -> T {
        self.0 .0.into_inner()
    }
}

/// A `#[rw]` field: its own reader-writer lock.
pub struct ReadWrite<T>(Padded<RwLock<T>>);

impl<T> ReadWrite<T> {
    pub fn new(value: T) -> Self {
        ReadWrite(Padded(RwLock::new(value)))
    }

    #[inline]
    pub fn with<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        let _reentry = Reentry::enter(self);
        f(&self.0 .0.read())
    }

    #[inline]
    pub fn with_mut<R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        let _reentry = Reentry::enter(self);
        f(&mut self.0 .0.write())
    }

    #[inline]
    pub fn with_timed<R>(&self, hold: Hold, f: impl FnOnce(&T) -> R) -> R {
        let _reentry = Reentry::enter(self);
        let guard = self.0 .0.read();
        let start = hold.start();
        let result = f(&guard);
        let held = hold.held(start);
        drop(guard);
        hold.check(held);
        result
    }

    #[inline]
    pub fn with_mut_timed<R>(&self, hold: Hold, f: impl FnOnce(&mut T) -> R) -> R {
        let _reentry = Reentry::enter(self);
        let mut guard = self.0 .0.write();
        let start = hold.start();
        let result = f(&mut guard);
        let held = hold.held(start);
        drop(guard);
        hold.check(held);
        result
    }

    /// The write guard, for the multi-field `update`.
    #[inline]
    pub fn guard_mut(&self) -> Held<RwLockWriteGuard<'_, T>> {
        let reentry = Reentry::enter(self);
        Held {
            guard: self.0 .0.write(),
            _reentry: reentry,
        }
    }

    pub fn into_inner(self) -> T {
        self.0 .0.into_inner()
    }
}

/// The integer types a `#[counter]` field can have, and their atomics.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a `#[counter]`: a counter is an integer kept in the matching atomic",
    label = "not an integer type of at most 64 bits",
    note = "counters are `u8`, `u16`, `u32`, `u64`, `usize`, `i8`, `i16`, `i32`, `i64` or `isize`; \
            for any other type remove `#[counter]` (the field gets its own lock) or use `#[snapshot]`"
)]
pub trait CounterType: Copy + Send + Sync + 'static {
    type Atomic: Send + Sync;
    fn atomic(value: Self) -> Self::Atomic;
    fn load(atomic: &Self::Atomic) -> Self;
    fn fetch_add(atomic: &Self::Atomic, by: Self) -> Self;
    fn fetch_sub(atomic: &Self::Atomic, by: Self) -> Self;
    fn into_inner(atomic: Self::Atomic) -> Self;
}

macro_rules! counter_types {
    ($($int:ty => $atomic:ty,)*) => {$(
        impl CounterType for $int {
            type Atomic = $atomic;
            #[inline]
            fn atomic(value: Self) -> $atomic {
                <$atomic>::new(value)
            }
            #[inline]
            fn load(atomic: &$atomic) -> Self {
                atomic.load(Ordering::Acquire)
            }
            #[inline]
            fn fetch_add(atomic: &$atomic, by: Self) -> Self {
                atomic.fetch_add(by, Ordering::AcqRel)
            }
            #[inline]
            fn fetch_sub(atomic: &$atomic, by: Self) -> Self {
                atomic.fetch_sub(by, Ordering::AcqRel)
            }
            #[inline]
            fn into_inner(atomic: $atomic) -> Self {
                atomic.into_inner()
            }
        }
    )*};
}

counter_types! {
    u8 => AtomicU8,
    u16 => AtomicU16,
    u32 => AtomicU32,
    u64 => AtomicU64,
    usize => AtomicUsize,
    i8 => AtomicI8,
    i16 => AtomicI16,
    i32 => AtomicI32,
    i64 => AtomicI64,
    isize => AtomicIsize,
}

/// A `#[counter]` field.
pub struct Counter<T: CounterType>(Padded<T::Atomic>);

impl<T: CounterType> Counter<T> {
    pub fn new(value: T) -> Self {
        Counter(Padded(T::atomic(value)))
    }

    #[inline]
    pub fn get(&self) -> T {
        T::load(&self.0 .0)
    }

    #[inline]
    pub fn add(&self, by: T) -> T {
        T::fetch_add(&self.0 .0, by)
    }

    #[inline]
    pub fn sub(&self, by: T) -> T {
        T::fetch_sub(&self.0 .0, by)
    }

    pub fn into_inner(self) -> T {
        T::into_inner(self.0 .0)
    }
}

/// What `update_*` of a `#[snapshot]` field needs: a way to copy the value.
/// Generic in the closure's result only so that the requirement is checked
/// where `update_*` is called, not where it is generated.
#[diagnostic::on_unimplemented(
    message = "`update_*` of a `#[snapshot]` field needs `{Self}: Clone`",
    label = "copy-on-write clones the current value, changes the copy, then swaps it in",
    note = "derive or implement `Clone` for `{Self}`, or replace the whole value with `set_*`"
)]
pub trait CloneFor<R> {
    fn clone_for(&self) -> Self;
}

impl<T: Clone, R> CloneFor<R> for T {
    #[inline]
    fn clone_for(&self) -> Self {
        self.clone()
    }
}

/// A `#[snapshot]` field: readers load the current `Arc` without locking;
/// writers serialise on a mutex of their own, so that a copy-on-write
/// update never loses a concurrent one.
pub struct Snapshot<T>(Padded<(ArcSwap<T>, Mutex<()>)>);

impl fmt::Debug for Reentry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Reentry")
    }
}

impl<T> Snapshot<T> {
    pub fn new(value: T) -> Self {
        Snapshot(Padded((ArcSwap::from_pointee(value), Mutex::new(()))))
    }

    #[inline]
    pub fn load(&self) -> Arc<T> {
        self.0 .0 .0.load_full()
    }

    #[inline]
    pub fn set(&self, value: T) {
        let value = Arc::new(value);
        let _reentry = Reentry::enter(self);
        let _writer = self.0 .0 .1.lock();
        self.0 .0 .0.store(value);
    }

    #[inline]
    pub fn update<R>(&self, f: impl FnOnce(&mut T) -> R) -> R
    where
        T: CloneFor<R>,
    {
        let _reentry = Reentry::enter(self);
        let _writer = self.0 .0 .1.lock();
        let mut next = CloneFor::<R>::clone_for(&**self.0 .0 .0.load());
        let result = f(&mut next);
        self.0 .0 .0.store(Arc::new(next));
        result
    }

    #[inline]
    pub fn update_timed<R>(&self, hold: Hold, f: impl FnOnce(&mut T) -> R) -> R
    where
        T: CloneFor<R>,
    {
        let _reentry = Reentry::enter(self);
        let writer = self.0 .0 .1.lock();
        let start = hold.start();
        let mut next = CloneFor::<R>::clone_for(&**self.0 .0 .0.load());
        let result = f(&mut next);
        self.0 .0 .0.store(Arc::new(next));
        let held = hold.held(start);
        drop(writer);
        hold.check(held);
        result
    }
}

macro_rules! opaque_debug {
    ($($name:ident<$param:ident $(: $bound:path)?>,)*) => {$(
        impl<$param $(: $bound)?> fmt::Debug for $name<$param> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(stringify!($name))
            }
        }
    )*};
}

opaque_debug! {
    Held<T>,
    Padded<T>,
    Locked<T>,
    ReadWrite<T>,
    Counter<T: CounterType>,
    Snapshot<T>,
}

/// `Arc::new` of the handle's cells, so the expansion names one path.
#[inline]
pub fn share<T>(cells: T) -> Arc<T> {
    Arc::new(cells)
}
