// The parts of std the checks need to know, as stubs: signatures only,
// indexed by the same code that reads user crates. Attributes say what a
// type is (`#[lock(sync)]`, `#[guard(sync)]`, `#[atomic]`, ...) and what a
// function does when it runs (`#[io(file)]`, `#[spawns]`, ...); see
// `checks/src/known/mod.rs` for the vocabulary. `core` and `alloc` paths
// resolve here too.
mod std {
    pub mod option {
        pub enum Option<T> { Some, None }
        impl<T> Option<T> {
            pub fn unwrap(self) -> T {}
            pub fn expect(self, message: &str) -> T {}
            pub fn unwrap_or(self, default: T) -> T {}
            pub fn unwrap_or_else<F>(self, default: F) -> T {}
            pub fn unwrap_or_default(self) -> T {}
            pub fn unwrap_unchecked(self) -> T {}
            pub fn as_ref(&self) -> Option<&T> {}
            pub fn as_mut(&mut self) -> Option<&mut T> {}
            pub fn as_deref(&self) -> Option<&T> {}
            pub fn take(&mut self) -> Option<T> {}
            pub fn replace(&mut self, value: T) -> Option<T> {}
            pub fn insert(&mut self, value: T) -> &mut T {}
            pub fn get_or_insert(&mut self, value: T) -> &mut T {}
            pub fn get_or_insert_with<F>(&mut self, make: F) -> &mut T {}
            pub fn is_some(&self) -> bool {}
            pub fn is_none(&self) -> bool {}
            pub fn ok_or<E>(self, error: E) -> Result<T, E> {}
            pub fn ok_or_else<E>(self, error: impl FnOnce() -> E) -> Result<T, E> {}
            pub fn cloned(self) -> Option<T> {}
            pub fn copied(self) -> Option<T> {}
            pub fn filter<P>(self, keep: P) -> Option<T> {}
            pub fn or(self, other: Option<T>) -> Option<T> {}
            pub fn or_else<F>(self, other: F) -> Option<T> {}
            pub fn iter(&self) -> crate::slice::Iter<T> {}
            pub fn map<U>(self, map: impl FnOnce(T) -> U) -> Option<U> {}
            pub fn and_then<U>(self, then: impl FnOnce(T) -> Option<U>) -> Option<U> {}
            pub fn map_or<U>(self, default: U, map: impl FnOnce(T) -> U) -> U {}
            pub fn map_or_else<U>(self, default: impl FnOnce() -> U, map: impl FnOnce(T) -> U) -> U {}
            pub fn is_some_and(self, test: impl FnOnce(T) -> bool) -> bool {}
            pub fn is_none_or(self, test: impl FnOnce(T) -> bool) -> bool {}
            pub fn inspect<F>(self, look: F) -> Option<T> {}
            pub fn zip<U>(self, other: Option<U>) -> Option<(T, U)> {}
            pub fn xor(self, other: Option<T>) -> Option<T> {}
            pub fn and<U>(self, other: Option<U>) -> Option<U> {}
        }
    }
    pub mod result {
        pub enum Result<T, E> { Ok, Err }
        impl<T, E> Result<T, E> {
            pub fn unwrap(self) -> T {}
            pub fn expect(self, message: &str) -> T {}
            pub fn unwrap_or(self, default: T) -> T {}
            pub fn unwrap_or_else<F>(self, default: F) -> T {}
            pub fn unwrap_or_default(self) -> T {}
            pub fn unwrap_unchecked(self) -> T {}
            pub fn ok(self) -> Option<T> {}
            pub fn err(self) -> Option<E> {}
            pub fn is_ok(&self) -> bool {}
            pub fn is_err(&self) -> bool {}
            pub fn as_ref(&self) -> Result<&T, &E> {}
            pub fn as_mut(&mut self) -> Result<&mut T, &mut E> {}
            pub fn map_err<F, O>(self, map: O) -> Result<T, F> {}
            pub fn context<C>(self, context: C) -> Result<T, E> {}
            pub fn with_context<C>(self, context: C) -> Result<T, E> {}
            pub fn map<U>(self, map: impl FnOnce(T) -> U) -> Result<U, E> {}
            pub fn and_then<U>(self, then: impl FnOnce(T) -> Result<U, E>) -> Result<U, E> {}
            pub fn or_else<F, O>(self, other: O) -> Result<T, F> {}
            pub fn map_or<U>(self, default: U, map: impl FnOnce(T) -> U) -> U {}
            pub fn map_or_else<U>(self, default: impl FnOnce(E) -> U, map: impl FnOnce(T) -> U) -> U {}
            pub fn is_ok_and(self, test: impl FnOnce(T) -> bool) -> bool {}
            pub fn is_err_and(self, test: impl FnOnce(E) -> bool) -> bool {}
            pub fn inspect<F>(self, look: F) -> Result<T, E> {}
            pub fn inspect_err<F>(self, look: F) -> Result<T, E> {}
            pub fn unwrap_err(self) -> E {}
            pub fn expect_err(self, message: &str) -> E {}
        }
    }
    pub mod vec {
        #[buffer]
        pub struct Vec<T>;
        impl<T> Vec<T> {
            pub fn new() -> Vec<T> {}
            pub fn with_capacity(capacity: usize) -> Vec<T> {}
            pub fn push(&mut self, value: T) {}
            pub fn pop(&mut self) -> Option<T> {}
            pub fn insert(&mut self, index: usize, value: T) {}
            pub fn remove(&mut self, index: usize) -> T {}
            pub fn len(&self) -> usize {}
            pub fn is_empty(&self) -> bool {}
            pub fn clear(&mut self) {}
            pub fn get(&self, index: usize) -> Option<&T> {}
            pub fn get_mut(&mut self, index: usize) -> Option<&mut T> {}
            pub fn first(&self) -> Option<&T> {}
            pub fn last(&self) -> Option<&T> {}
            pub fn contains(&self, value: &T) -> bool {}
            pub fn iter(&self) -> crate::slice::Iter<T> {}
            pub fn iter_mut(&mut self) -> crate::slice::IterMut<T> {}
            pub fn retain<F>(&mut self, keep: F) {}
            pub fn truncate(&mut self, len: usize) {}
            pub fn extend<I>(&mut self, items: I) {}
            pub fn append(&mut self, other: &mut Vec<T>) {}
            pub fn drain<R>(&mut self, range: R) -> Drain<T> {}
            pub fn sort(&mut self) {}
            pub fn as_slice(&self) -> &[T] {}
        }
        pub struct Drain<T>;
        impl<T> crate::iter::Iterator for Drain<T> { type Item = T; }
        impl<T> crate::io::Write for Vec<T> {}
    }
    pub mod slice {
        pub struct Iter<T>;
        impl<T> crate::iter::Iterator for Iter<T> { type Item = &T; }
        pub struct IterMut<T>;
        impl<T> crate::iter::Iterator for IterMut<T> { type Item = &mut T; }
    }
    pub mod string {
        #[buffer]
        pub struct String;
        impl String {
            pub fn new() -> String {}
            pub fn with_capacity(capacity: usize) -> String {}
            pub fn from(text: &str) -> String {}
            pub fn push_str(&mut self, text: &str) {}
            pub fn push(&mut self, c: char) {}
            pub fn len(&self) -> usize {}
            pub fn is_empty(&self) -> bool {}
            pub fn as_str(&self) -> &str {}
            pub fn clear(&mut self) {}
        }
        pub trait ToString { fn to_string(&self) -> String; }
        impl crate::fmt::Write for String {}
    }
    pub mod boxed {
        pub struct Box<T>;
        impl<T> Box<T> {
            pub fn new(value: T) -> Box<T> {}
            pub fn pin(value: T) -> crate::pin::Pin<Box<T>> {}
        }
        impl<T> crate::ops::Deref for Box<T> { type Target = T; }
    }
    pub mod rc {
        pub struct Rc<T>;
        impl<T> Rc<T> {
            pub fn new(value: T) -> Rc<T> {}
            pub fn clone(&self) -> Rc<T> {}
            pub fn downgrade(this: &Rc<T>) -> Weak<T> {}
        }
        impl<T> crate::ops::Deref for Rc<T> { type Target = T; }
        pub struct Weak<T>;
        impl<T> Weak<T> {
            pub fn upgrade(&self) -> Option<Rc<T>> {}
        }
    }
    pub mod cell {
        pub struct RefCell<T>;
        impl<T> RefCell<T> {
            pub fn new(value: T) -> RefCell<T> {}
            pub fn borrow(&self) -> Ref<T> {}
            pub fn borrow_mut(&self) -> RefMut<T> {}
            pub fn try_borrow(&self) -> Result<Ref<T>, BorrowError> {}
            pub fn try_borrow_mut(&self) -> Result<RefMut<T>, BorrowError> {}
            pub fn into_inner(self) -> T {}
            pub fn get_mut(&mut self) -> &mut T {}
            pub fn take(&self) -> T {}
            pub fn replace(&self, value: T) -> T {}
        }
        #[guard(cell)]
        pub struct Ref<T>;
        impl<T> crate::ops::Deref for Ref<T> { type Target = T; }
        impl<T> Ref<T> {
            pub fn map<U, F>(this: Ref<T>, f: F) -> Ref<U> {}
        }
        #[guard(cell)]
        pub struct RefMut<T>;
        impl<T> crate::ops::Deref for RefMut<T> { type Target = T; }
        impl<T> RefMut<T> {
            pub fn map<U, F>(this: RefMut<T>, f: F) -> RefMut<U> {}
        }
        pub struct BorrowError;
        pub struct Cell<T>;
        impl<T> Cell<T> {
            pub fn new(value: T) -> Cell<T> {}
            pub fn get(&self) -> T {}
            pub fn set(&self, value: T) {}
        }
        pub struct OnceCell<T>;
        impl<T> OnceCell<T> {
            pub fn get(&self) -> Option<&T> {}
            pub fn get_or_init<F>(&self, init: F) -> &T {}
        }
    }
    pub mod sync {
        pub struct Arc<T>;
        impl<T> Arc<T> {
            pub fn new(value: T) -> Arc<T> {}
            pub fn clone(this: &Arc<T>) -> Arc<T> {}
            pub fn downgrade(this: &Arc<T>) -> Weak<T> {}
            pub fn strong_count(this: &Arc<T>) -> usize {}
            pub fn ptr_eq(a: &Arc<T>, b: &Arc<T>) -> bool {}
            pub fn try_unwrap(this: Arc<T>) -> Result<T, Arc<T>> {}
        }
        impl<T> crate::ops::Deref for Arc<T> { type Target = T; }
        pub struct Weak<T>;
        impl<T> Weak<T> {
            pub fn upgrade(&self) -> Option<Arc<T>> {}
        }

        pub type LockResult<T> = Result<T, PoisonError<T>>;
        pub type TryLockResult<T> = Result<T, TryLockError<T>>;
        pub struct PoisonError<T>;
        impl<T> PoisonError<T> {
            pub fn into_inner(self) -> T {}
            pub fn get_ref(&self) -> &T {}
        }
        pub struct TryLockError<T>;

        #[lock(sync)]
        pub struct Mutex<T>;
        impl<T> Mutex<T> {
            pub const fn new(value: T) -> Mutex<T> {}
            pub fn lock(&self) -> LockResult<MutexGuard<T>> {}
            pub fn try_lock(&self) -> TryLockResult<MutexGuard<T>> {}
            pub fn get_mut(&mut self) -> LockResult<&mut T> {}
            pub fn into_inner(self) -> LockResult<T> {}
            pub fn is_poisoned(&self) -> bool {}
            pub fn clear_poison(&self) {}
        }
        #[guard(sync)]
        pub struct MutexGuard<T>;
        impl<T> crate::ops::Deref for MutexGuard<T> { type Target = T; }
        impl<T> MutexGuard<T> {
            pub fn map<U, F>(this: MutexGuard<T>, f: F) -> MappedMutexGuard<U> {}
        }
        #[guard(sync)]
        pub struct MappedMutexGuard<T>;
        impl<T> crate::ops::Deref for MappedMutexGuard<T> { type Target = T; }

        #[lock(sync)]
        pub struct RwLock<T>;
        impl<T> RwLock<T> {
            pub const fn new(value: T) -> RwLock<T> {}
            pub fn read(&self) -> LockResult<RwLockReadGuard<T>> {}
            pub fn write(&self) -> LockResult<RwLockWriteGuard<T>> {}
            pub fn try_read(&self) -> TryLockResult<RwLockReadGuard<T>> {}
            pub fn try_write(&self) -> TryLockResult<RwLockWriteGuard<T>> {}
            pub fn get_mut(&mut self) -> LockResult<&mut T> {}
            pub fn into_inner(self) -> LockResult<T> {}
        }
        #[shared]
        #[guard(sync)]
        pub struct RwLockReadGuard<T>;
        impl<T> crate::ops::Deref for RwLockReadGuard<T> { type Target = T; }
        #[guard(sync)]
        pub struct RwLockWriteGuard<T>;
        impl<T> crate::ops::Deref for RwLockWriteGuard<T> { type Target = T; }

        pub struct Condvar;
        impl Condvar {
            pub const fn new() -> Condvar {}
            pub fn wait<T>(&self, guard: MutexGuard<T>) -> LockResult<MutexGuard<T>> {}
            pub fn wait_while<T, F>(&self, guard: MutexGuard<T>, condition: F) -> LockResult<MutexGuard<T>> {}
            pub fn notify_one(&self) {}
            pub fn notify_all(&self) {}
        }
        pub struct Barrier;
        impl Barrier {
            #[io(wait)]
            pub fn wait(&self) -> BarrierWaitResult {}
        }
        pub struct BarrierWaitResult;
        pub struct Once;
        pub struct OnceLock<T>;
        impl<T> OnceLock<T> {
            pub const fn new() -> OnceLock<T> {}
            pub fn get(&self) -> Option<&T> {}
            pub fn get_or_init<F>(&self, init: F) -> &T {}
            pub fn set(&self, value: T) -> Result<(), T> {}
        }
        pub struct LazyLock<T>;
        impl<T> crate::ops::Deref for LazyLock<T> { type Target = T; }

        pub mod atomic {
            pub enum Ordering { Relaxed, Release, Acquire, AcqRel, SeqCst }
            #[atomic] pub struct AtomicBool;
            impl AtomicBool {
                pub const fn new(value: bool) -> AtomicBool {}
                pub fn load(&self, order: Ordering) -> bool {}
                pub fn store(&self, value: bool, order: Ordering) {}
                pub fn swap(&self, value: bool, order: Ordering) -> bool {}
                pub fn compare_exchange(&self, current: bool, new: bool, success: Ordering, failure: Ordering) -> Result<bool, bool> {}
                pub fn compare_exchange_weak(&self, current: bool, new: bool, success: Ordering, failure: Ordering) -> Result<bool, bool> {}
                pub fn fetch_or(&self, value: bool, order: Ordering) -> bool {}
                pub fn fetch_and(&self, value: bool, order: Ordering) -> bool {}
                pub fn fetch_xor(&self, value: bool, order: Ordering) -> bool {}
            }
            #[atomic] pub struct AtomicU8;
            #[atomic] pub struct AtomicU16;
            #[atomic] pub struct AtomicU32;
            #[atomic] pub struct AtomicU64;
            #[atomic] pub struct AtomicUsize;
            #[atomic] pub struct AtomicI8;
            #[atomic] pub struct AtomicI16;
            #[atomic] pub struct AtomicI32;
            #[atomic] pub struct AtomicI64;
            #[atomic] pub struct AtomicIsize;
            #[atomic] pub struct AtomicPtr<T>;
        }

        pub mod mpsc {
            #[channel(unbounded)]
            pub fn channel<T>() -> (Sender<T>, Receiver<T>) {}
            #[channel(bounded)]
            pub fn sync_channel<T>(bound: usize) -> (SyncSender<T>, Receiver<T>) {}
            #[sender]
            pub struct Sender<T>;
            impl<T> Sender<T> {
                #[never_waits]
                pub fn send(&self, value: T) -> Result<(), SendError<T>> {}
            }
            #[sender]
            pub struct SyncSender<T>;
            impl<T> SyncSender<T> {
                #[io(wait)]
                pub fn send(&self, value: T) -> Result<(), SendError<T>> {}
                pub fn try_send(&self, value: T) -> Result<(), TrySendError<T>> {}
            }
            #[receiver]
            pub struct Receiver<T>;
            impl<T> Receiver<T> {
                #[io(wait)]
                pub fn recv(&self) -> Result<T, RecvError> {}
                #[io(wait)]
                pub fn recv_timeout(&self, timeout: crate::time::Duration) -> Result<T, RecvTimeoutError> {}
                pub fn try_recv(&self) -> Result<T, TryRecvError> {}
                pub fn iter(&self) -> Iter<T> {}
                pub fn try_iter(&self) -> TryIter<T> {}
            }
            pub struct Iter<T>;
            impl<T> crate::iter::Iterator for Iter<T> { type Item = T; }
            pub struct TryIter<T>;
            impl<T> crate::iter::Iterator for TryIter<T> { type Item = T; }
            pub struct SendError<T>;
            pub struct TrySendError<T>;
            pub struct RecvError;
            pub struct RecvTimeoutError;
            pub struct TryRecvError;
        }
    }
    pub mod collections {
        pub struct HashMap<K, V>;
        impl<K, V> HashMap<K, V> {
            pub fn new() -> HashMap<K, V> {}
            pub fn with_capacity(capacity: usize) -> HashMap<K, V> {}
            pub fn get(&self, key: &K) -> Option<&V> {}
            pub fn get_mut(&mut self, key: &K) -> Option<&mut V> {}
            pub fn get_key_value(&self, key: &K) -> Option<(&K, &V)> {}
            pub fn contains_key(&self, key: &K) -> bool {}
            pub fn insert(&mut self, key: K, value: V) -> Option<V> {}
            pub fn remove(&mut self, key: &K) -> Option<V> {}
            pub fn remove_entry(&mut self, key: &K) -> Option<(K, V)> {}
            pub fn entry(&mut self, key: K) -> hash_map::Entry<K, V> {}
            pub fn len(&self) -> usize {}
            pub fn is_empty(&self) -> bool {}
            pub fn clear(&mut self) {}
            pub fn iter(&self) -> hash_map::Iter<K, V> {}
            pub fn keys(&self) -> hash_map::Keys<K, V> {}
            pub fn values(&self) -> hash_map::Values<K, V> {}
            pub fn retain<F>(&mut self, keep: F) {}
            pub fn drain(&mut self) -> hash_map::Drain<K, V> {}
        }
        pub mod hash_map {
            pub struct Entry<K, V>;
            impl<K, V> Entry<K, V> {
                pub fn and_modify<F>(self, f: F) -> Entry<K, V> {}
                pub fn key(&self) -> &K {}
                pub fn or_default(self) -> &mut V {}
                pub fn or_insert(self, default: V) -> &mut V {}
                pub fn or_insert_with<F>(self, default: F) -> &mut V {}
            }
            pub struct Iter<K, V>;
            pub struct Keys<K, V>;
            pub struct Values<K, V>;
            pub struct Drain<K, V>;
            pub use super::HashMap;
        }
        pub struct BTreeMap<K, V>;
        impl<K, V> BTreeMap<K, V> {
            pub fn new() -> BTreeMap<K, V> {}
            pub fn get(&self, key: &K) -> Option<&V> {}
            pub fn get_mut(&mut self, key: &K) -> Option<&mut V> {}
            pub fn contains_key(&self, key: &K) -> bool {}
            pub fn insert(&mut self, key: K, value: V) -> Option<V> {}
            pub fn remove(&mut self, key: &K) -> Option<V> {}
            pub fn entry(&mut self, key: K) -> btree_map::Entry<K, V> {}
            pub fn len(&self) -> usize {}
            pub fn is_empty(&self) -> bool {}
            pub fn clear(&mut self) {}
        }
        pub mod btree_map {
            pub struct Entry<K, V>;
            impl<K, V> Entry<K, V> {
                pub fn and_modify<F>(self, f: F) -> Entry<K, V> {}
                pub fn key(&self) -> &K {}
                pub fn or_default(self) -> &mut V {}
                pub fn or_insert(self, default: V) -> &mut V {}
                pub fn or_insert_with<F>(self, default: F) -> &mut V {}
            }
            pub use super::BTreeMap;
        }
        pub struct HashSet<T>;
        impl<T> HashSet<T> {
            pub fn new() -> HashSet<T> {}
            pub fn contains(&self, value: &T) -> bool {}
            pub fn insert(&mut self, value: T) -> bool {}
            pub fn remove(&mut self, value: &T) -> bool {}
            pub fn len(&self) -> usize {}
            pub fn is_empty(&self) -> bool {}
            pub fn clear(&mut self) {}
        }
        pub mod hash_set { pub use super::HashSet; }
        pub struct BTreeSet<T>;
        impl<T> BTreeSet<T> {
            pub fn new() -> BTreeSet<T> {}
            pub fn contains(&self, value: &T) -> bool {}
            pub fn insert(&mut self, value: T) -> bool {}
            pub fn remove(&mut self, value: &T) -> bool {}
            pub fn len(&self) -> usize {}
            pub fn is_empty(&self) -> bool {}
        }
        pub struct VecDeque<T>;
        impl<T> VecDeque<T> {
            pub fn new() -> VecDeque<T> {}
            pub fn with_capacity(capacity: usize) -> VecDeque<T> {}
            pub fn push_back(&mut self, value: T) {}
            pub fn push_front(&mut self, value: T) {}
            pub fn pop_front(&mut self) -> Option<T> {}
            pub fn pop_back(&mut self) -> Option<T> {}
            pub fn len(&self) -> usize {}
            pub fn is_empty(&self) -> bool {}
        }
        pub mod vec_deque { pub use super::VecDeque; }
    }
    pub mod mem {
        pub fn drop<T>(value: T) {}
        pub fn take<T>(value: &mut T) -> T {}
        pub fn replace<T>(dest: &mut T, value: T) -> T {}
        pub fn swap<T>(a: &mut T, b: &mut T) {}
        pub fn forget<T>(value: T) {}
    }
    pub mod ops {
        pub trait Deref {}
        pub trait DerefMut {}
        pub trait Drop {}
        pub trait Fn {}
        pub trait FnMut {}
        pub trait FnOnce {}
    }
    pub mod future {
        pub trait Future {}
        pub trait IntoFuture {}
    }
    pub mod pin {
        pub struct Pin<P>;
        impl<P> crate::ops::Deref for Pin<P> { type Target = P; }
        impl<P> Pin<P> {
            pub fn new(pointer: P) -> Pin<P> {}
        }
    }
    pub mod iter {
        pub trait Iterator {}
        pub trait IntoIterator {}
        pub trait Extend {}
    }
    pub mod marker {
        pub trait Send {}
        pub trait Sync {}
        pub trait Sized {}
        pub trait Unpin {}
        pub trait Copy {}
    }
    pub mod clone { pub trait Clone {} }
    pub mod default { pub trait Default {} }
    pub mod borrow { pub trait ToOwned {} pub trait Borrow {} }
    pub mod convert {
        pub trait AsRef {}
        pub trait AsMut {}
        pub trait Into {}
        pub trait From {}
        pub trait TryFrom {}
        pub trait TryInto {}
    }
    pub mod cmp {
        pub trait PartialEq {}
        pub trait Eq {}
        pub trait PartialOrd {}
        pub trait Ord {}
    }
    pub mod fmt {
        pub trait Write {}
        pub trait Debug {}
        pub trait Display {}
    }
    pub mod time {
        pub struct Duration;
        impl Duration {
            pub const fn from_secs(secs: u64) -> Duration {}
            pub const fn from_millis(millis: u64) -> Duration {}
            pub const fn from_micros(micros: u64) -> Duration {}
        }
        pub struct Instant;
        impl Instant {
            pub fn now() -> Instant {}
            pub fn elapsed(&self) -> Duration {}
            pub fn duration_since(&self, earlier: Instant) -> Duration {}
        }
        pub struct SystemTime;
        impl SystemTime {
            pub fn now() -> SystemTime {}
        }
    }
    pub mod thread {
        #[io(sleep)]
        pub fn sleep(duration: crate::time::Duration) {}
        #[spawns]
        pub fn spawn<F, T>(f: F) -> JoinHandle<T> {}
        pub fn scope<F, T>(f: F) -> T {}
        pub fn current() -> Thread {}
        pub fn yield_now() {}
        pub fn available_parallelism() -> crate::io::Result<usize> {}
        pub fn park() {}
        pub struct JoinHandle<T>;
        impl<T> JoinHandle<T> {
            #[io(wait)]
            pub fn join(self) -> Result<T, Box<dyn crate::any::Any>> {}
            pub fn is_finished(&self) -> bool {}
            pub fn thread(&self) -> &Thread {}
        }
        pub struct Scope;
        impl Scope {
            #[spawns]
            pub fn spawn<F, T>(&self, f: F) -> ScopedJoinHandle<T> {}
        }
        pub struct ScopedJoinHandle<T>;
        impl<T> ScopedJoinHandle<T> {
            #[io(wait)]
            pub fn join(self) -> Result<T, Box<dyn crate::any::Any>> {}
        }
        pub struct Thread;
        impl Thread {
            pub fn id(&self) -> ThreadId {}
            pub fn name(&self) -> Option<&str> {}
            pub fn unpark(&self) {}
        }
        pub struct ThreadId;
        pub struct Builder;
        impl Builder {
            pub fn new() -> Builder {}
            pub fn name(self, name: String) -> Builder {}
            pub fn stack_size(self, size: usize) -> Builder {}
            #[spawns]
            pub fn spawn<F, T>(self, f: F) -> crate::io::Result<JoinHandle<T>> {}
        }
        pub struct LocalKey<T>;
    }
    pub mod any { pub trait Any {} }
    pub mod io {
        pub type Result<T> = crate::result::Result<T, Error>;
        pub struct Error;
        pub trait Read {
            fn read(&mut self, buf: &mut [u8]) -> Result<usize>;
            fn read_exact(&mut self, buf: &mut [u8]) -> Result<()>;
            fn read_to_end(&mut self, buf: &mut Vec<u8>) -> Result<usize>;
            fn read_to_string(&mut self, buf: &mut String) -> Result<usize>;
            fn read_vectored(&mut self, bufs: &mut [u8]) -> Result<usize>;
        }
        pub trait Write {
            fn write(&mut self, buf: &[u8]) -> Result<usize>;
            fn write_all(&mut self, buf: &[u8]) -> Result<()>;
            fn write_vectored(&mut self, bufs: &[u8]) -> Result<usize>;
            fn write_fmt(&mut self, args: crate::fmt::Arguments) -> Result<()>;
            fn flush(&mut self) -> Result<()>;
        }
        pub trait BufRead {
            fn read_line(&mut self, buf: &mut String) -> Result<usize>;
            fn read_until(&mut self, byte: u8, buf: &mut Vec<u8>) -> Result<usize>;
            fn fill_buf(&mut self) -> Result<&[u8]>;
        }
        pub trait Seek {
            fn seek(&mut self, pos: SeekFrom) -> Result<u64>;
            fn rewind(&mut self) -> Result<()>;
        }
        pub enum SeekFrom { Start, End, Current }
        pub struct BufReader<R>;
        impl<R> BufReader<R> {
            pub fn new(inner: R) -> BufReader<R> {}
            pub fn with_capacity(capacity: usize, inner: R) -> BufReader<R> {}
            pub fn get_ref(&self) -> &R {}
            pub fn get_mut(&mut self) -> &mut R {}
            pub fn into_inner(self) -> R {}
        }
        #[io(through)] impl<R> Read for BufReader<R> {}
        #[io(through)] impl<R> BufRead for BufReader<R> {}
        pub struct BufWriter<W>;
        impl<W> BufWriter<W> {
            pub fn new(inner: W) -> BufWriter<W> {}
            pub fn with_capacity(capacity: usize, inner: W) -> BufWriter<W> {}
            pub fn get_ref(&self) -> &W {}
            pub fn get_mut(&mut self) -> &mut W {}
        }
        #[io(through)] impl<W> Write for BufWriter<W> {}
        pub struct LineWriter<W>;
        #[io(through)] impl<W> Write for LineWriter<W> {}
        #[buffer]
        pub struct Cursor<T>;
        impl<T> Cursor<T> {
            pub fn new(inner: T) -> Cursor<T> {}
            pub fn into_inner(self) -> T {}
        }
        impl<T> Read for Cursor<T> {}
        impl<T> Write for Cursor<T> {}
        impl<T> BufRead for Cursor<T> {}
        pub fn stdout() -> Stdout {}
        pub fn stderr() -> Stderr {}
        pub fn stdin() -> Stdin {}
        // The std streams' own locks are not listed as guards: holding one
        // serialises the stream's I/O, which is what it is for.
        pub struct Stdout;
        impl Stdout { pub fn lock(&self) -> StdoutLock {} }
        #[io(file)] impl Write for Stdout {}
        pub struct StdoutLock;
        #[io(file)] impl Write for StdoutLock {}
        pub struct Stderr;
        impl Stderr { pub fn lock(&self) -> StderrLock {} }
        #[io(file)] impl Write for Stderr {}
        pub struct StderrLock;
        #[io(file)] impl Write for StderrLock {}
        pub struct Stdin;
        impl Stdin {
            pub fn lock(&self) -> StdinLock {}
            #[io(file)]
            pub fn read_line(&self, buf: &mut String) -> Result<usize> {}
        }
        #[io(file)] impl Read for Stdin {}
        pub struct StdinLock;
        #[io(file)] impl Read for StdinLock {}
        #[io(file)] impl BufRead for StdinLock {}
        pub struct Sink;
        impl Write for Sink {}
        pub fn sink() -> Sink {}
        #[io(through)]
        pub fn copy<R, W>(reader: &mut R, writer: &mut W) -> Result<u64> {}
    }
    pub mod fs {
        use crate::io::{Read, Result, Seek, Write};
        #[io(file)] pub fn read<P>(path: P) -> Result<Vec<u8>> {}
        #[io(file)] pub fn read_to_string<P>(path: P) -> Result<String> {}
        #[io(file)] pub fn write<P, C>(path: P, contents: C) -> Result<()> {}
        #[io(file)] pub fn remove_file<P>(path: P) -> Result<()> {}
        #[io(file)] pub fn remove_dir_all<P>(path: P) -> Result<()> {}
        #[io(file)] pub fn create_dir<P>(path: P) -> Result<()> {}
        #[io(file)] pub fn create_dir_all<P>(path: P) -> Result<()> {}
        #[io(file)] pub fn rename<P, Q>(from: P, to: Q) -> Result<()> {}
        #[io(file)] pub fn copy<P, Q>(from: P, to: Q) -> Result<u64> {}
        #[io(file)] pub fn metadata<P>(path: P) -> Result<Metadata> {}
        #[io(file)] pub fn read_dir<P>(path: P) -> Result<ReadDir> {}
        #[io(file)] pub fn canonicalize<P>(path: P) -> Result<crate::path::PathBuf> {}
        #[io(file)] pub fn hard_link<P, Q>(from: P, to: Q) -> Result<()> {}
        pub struct Metadata;
        pub struct ReadDir;
        pub struct File;
        impl File {
            #[io(file)] pub fn open<P>(path: P) -> Result<File> {}
            #[io(file)] pub fn create<P>(path: P) -> Result<File> {}
            #[io(file)] pub fn create_new<P>(path: P) -> Result<File> {}
            pub fn options() -> OpenOptions {}
            #[io(file)] pub fn sync_all(&self) -> Result<()> {}
            #[io(file)] pub fn sync_data(&self) -> Result<()> {}
            #[io(file)] pub fn set_len(&self, size: u64) -> Result<()> {}
            #[io(file)] pub fn metadata(&self) -> Result<Metadata> {}
            #[io(file)] pub fn try_clone(&self) -> Result<File> {}
            pub fn try_lock(&self) -> crate::result::Result<(), TryLockError> {}
            #[io(wait)] pub fn lock(&self) -> Result<()> {}
            pub fn unlock(&self) -> Result<()> {}
        }
        pub struct TryLockError;
        #[io(file)] impl Read for File {}
        #[io(file)] impl Write for File {}
        #[io(file)] impl Seek for File {}
        pub struct OpenOptions;
        impl OpenOptions {
            pub fn new() -> OpenOptions {}
            pub fn read(&mut self, read: bool) -> &mut OpenOptions {}
            pub fn write(&mut self, write: bool) -> &mut OpenOptions {}
            pub fn append(&mut self, append: bool) -> &mut OpenOptions {}
            pub fn create(&mut self, create: bool) -> &mut OpenOptions {}
            pub fn create_new(&mut self, create: bool) -> &mut OpenOptions {}
            pub fn truncate(&mut self, truncate: bool) -> &mut OpenOptions {}
            #[io(file)] pub fn open<P>(&self, path: P) -> Result<File> {}
        }
    }
    pub mod path {
        pub struct Path;
        impl Path {
            #[io(file)] pub fn exists(&self) -> bool {}
            #[io(file)] pub fn is_file(&self) -> bool {}
            #[io(file)] pub fn is_dir(&self) -> bool {}
            #[io(file)] pub fn metadata(&self) -> crate::io::Result<crate::fs::Metadata> {}
            #[io(file)] pub fn canonicalize(&self) -> crate::io::Result<PathBuf> {}
            #[io(file)] pub fn read_dir(&self) -> crate::io::Result<crate::fs::ReadDir> {}
            pub fn join<P>(&self, path: P) -> PathBuf {}
        }
        pub struct PathBuf;
        impl crate::ops::Deref for PathBuf { type Target = Path; }
    }
    pub mod net {
        use crate::io::{Read, Result, Write};
        pub struct TcpStream;
        impl TcpStream {
            #[io(net)] pub fn connect<A>(addr: A) -> Result<TcpStream> {}
            #[io(net)] pub fn connect_timeout<A>(addr: A, timeout: crate::time::Duration) -> Result<TcpStream> {}
            #[io(net)] pub fn peek(&self, buf: &mut [u8]) -> Result<usize> {}
            pub fn shutdown(&self, how: Shutdown) -> Result<()> {}
            pub fn set_nodelay(&self, nodelay: bool) -> Result<()> {}
            pub fn try_clone(&self) -> Result<TcpStream> {}
            pub fn peer_addr(&self) -> Result<SocketAddr> {}
        }
        #[io(net)] impl Read for TcpStream {}
        #[io(net)] impl Write for TcpStream {}
        pub enum Shutdown { Read, Write, Both }
        pub struct SocketAddr;
        pub struct TcpListener;
        impl TcpListener {
            #[io(net)] pub fn bind<A>(addr: A) -> Result<TcpListener> {}
            #[io(net)] pub fn accept(&self) -> Result<(TcpStream, SocketAddr)> {}
            pub fn incoming(&self) -> Incoming {}
            pub fn local_addr(&self) -> Result<SocketAddr> {}
        }
        pub struct Incoming;
        pub struct UdpSocket;
        impl UdpSocket {
            #[io(net)] pub fn bind<A>(addr: A) -> Result<UdpSocket> {}
            #[io(net)] pub fn send_to<A>(&self, buf: &[u8], addr: A) -> Result<usize> {}
            #[io(net)] pub fn recv_from(&self, buf: &mut [u8]) -> Result<(usize, SocketAddr)> {}
            #[io(net)] pub fn send(&self, buf: &[u8]) -> Result<usize> {}
            #[io(net)] pub fn recv(&self, buf: &mut [u8]) -> Result<usize> {}
            #[io(net)] pub fn connect<A>(&self, addr: A) -> Result<()> {}
        }
    }
    pub mod os {
        pub mod unix {
            pub mod net {
                use crate::io::{Read, Result, Write};
                pub struct UnixStream;
                impl UnixStream {
                    #[io(net)] pub fn connect<P>(path: P) -> Result<UnixStream> {}
                }
                #[io(net)] impl Read for UnixStream {}
                #[io(net)] impl Write for UnixStream {}
                pub struct UnixListener;
                impl UnixListener {
                    #[io(net)] pub fn bind<P>(path: P) -> Result<UnixListener> {}
                    #[io(net)] pub fn accept(&self) -> Result<(UnixStream, crate::net::SocketAddr)> {}
                }
                pub struct UnixDatagram;
                impl UnixDatagram {
                    #[io(net)] pub fn send(&self, buf: &[u8]) -> Result<usize> {}
                    #[io(net)] pub fn recv(&self, buf: &mut [u8]) -> Result<usize> {}
                }
            }
        }
    }
    pub mod process {
        use crate::io::{Read, Result, Write};
        pub struct Command;
        impl Command {
            pub fn new<S>(program: S) -> Command {}
            pub fn arg<S>(&mut self, arg: S) -> &mut Command {}
            pub fn args<I>(&mut self, args: I) -> &mut Command {}
            pub fn env<K, V>(&mut self, key: K, value: V) -> &mut Command {}
            pub fn current_dir<P>(&mut self, dir: P) -> &mut Command {}
            pub fn stdin<T>(&mut self, cfg: T) -> &mut Command {}
            pub fn stdout<T>(&mut self, cfg: T) -> &mut Command {}
            pub fn stderr<T>(&mut self, cfg: T) -> &mut Command {}
            #[io(process)] pub fn output(&mut self) -> Result<Output> {}
            #[io(process)] pub fn status(&mut self) -> Result<ExitStatus> {}
            pub fn spawn(&mut self) -> Result<Child> {}
        }
        pub struct Output;
        pub struct ExitStatus;
        pub struct Child {
            pub stdin: Option<ChildStdin>,
            pub stdout: Option<ChildStdout>,
            pub stderr: Option<ChildStderr>,
        }
        impl Child {
            #[io(process)] pub fn wait(&mut self) -> Result<ExitStatus> {}
            #[io(process)] pub fn wait_with_output(self) -> Result<Output> {}
            pub fn try_wait(&mut self) -> Result<Option<ExitStatus>> {}
            pub fn kill(&mut self) -> Result<()> {}
            pub fn id(&self) -> u32 {}
        }
        pub struct ChildStdin;
        #[io(process)] impl Write for ChildStdin {}
        pub struct ChildStdout;
        #[io(process)] impl Read for ChildStdout {}
        pub struct ChildStderr;
        #[io(process)] impl Read for ChildStderr {}
        pub fn exit(code: i32) -> ! {}
        pub fn id() -> u32 {}
    }
    pub mod env {
        pub fn var<K>(key: K) -> crate::result::Result<String, VarError> {}
        pub struct VarError;
    }
}
