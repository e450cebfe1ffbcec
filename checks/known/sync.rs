// Locks, channels, concurrent maps and thread pools from crates.io, as
// stubs (see `std.rs` for the format).
mod parking_lot {
    #[lock(sync)]
    pub struct Mutex<T>;
    impl<T> Mutex<T> {
        pub const fn new(value: T) -> Mutex<T> {}
        pub fn lock(&self) -> MutexGuard<T> {}
        pub fn try_lock(&self) -> Option<MutexGuard<T>> {}
        pub fn try_lock_for(&self, timeout: std::time::Duration) -> Option<MutexGuard<T>> {}
        pub fn lock_arc(self: &std::sync::Arc<Self>) -> ArcMutexGuard<T> {}
        pub fn get_mut(&mut self) -> &mut T {}
        pub fn into_inner(self) -> T {}
        pub fn is_locked(&self) -> bool {}
    }
    #[guard(sync)]
    pub struct MutexGuard<T>;
    impl<T> std::ops::Deref for MutexGuard<T> { type Target = T; }
    impl<T> MutexGuard<T> {
        pub fn map<U, F>(this: MutexGuard<T>, f: F) -> MappedMutexGuard<U> {}
        pub fn unlocked<F, U>(this: &mut MutexGuard<T>, f: F) -> U {}
        pub fn unlock_fair(this: MutexGuard<T>) {}
    }
    #[guard(sync)]
    pub struct MappedMutexGuard<T>;
    impl<T> std::ops::Deref for MappedMutexGuard<T> { type Target = T; }
    #[guard(sync)]
    pub struct ArcMutexGuard<T>;
    impl<T> std::ops::Deref for ArcMutexGuard<T> { type Target = T; }
    #[lock(sync)]
    pub struct FairMutex<T>;
    impl<T> FairMutex<T> {
        pub const fn new(value: T) -> FairMutex<T> {}
        pub fn lock(&self) -> FairMutexGuard<T> {}
        pub fn try_lock(&self) -> Option<FairMutexGuard<T>> {}
    }
    #[guard(sync)]
    pub struct FairMutexGuard<T>;
    impl<T> std::ops::Deref for FairMutexGuard<T> { type Target = T; }
    #[lock(sync)]
    pub struct ReentrantMutex<T>;
    impl<T> ReentrantMutex<T> {
        pub const fn new(value: T) -> ReentrantMutex<T> {}
        pub fn lock(&self) -> ReentrantMutexGuard<T> {}
        pub fn try_lock(&self) -> Option<ReentrantMutexGuard<T>> {}
    }
    #[guard(sync)]
    pub struct ReentrantMutexGuard<T>;
    impl<T> std::ops::Deref for ReentrantMutexGuard<T> { type Target = T; }
    #[lock(sync)]
    pub struct RwLock<T>;
    impl<T> RwLock<T> {
        pub const fn new(value: T) -> RwLock<T> {}
        pub fn read(&self) -> RwLockReadGuard<T> {}
        pub fn write(&self) -> RwLockWriteGuard<T> {}
        pub fn try_read(&self) -> Option<RwLockReadGuard<T>> {}
        pub fn try_write(&self) -> Option<RwLockWriteGuard<T>> {}
        pub fn read_recursive(&self) -> RwLockReadGuard<T> {}
        pub fn upgradable_read(&self) -> RwLockUpgradableReadGuard<T> {}
        pub fn try_upgradable_read(&self) -> Option<RwLockUpgradableReadGuard<T>> {}
        pub fn read_arc(self: &std::sync::Arc<Self>) -> ArcRwLockReadGuard<T> {}
        pub fn write_arc(self: &std::sync::Arc<Self>) -> ArcRwLockWriteGuard<T> {}
        pub fn get_mut(&mut self) -> &mut T {}
        pub fn into_inner(self) -> T {}
    }
    #[shared]
    #[guard(sync)]
    pub struct RwLockReadGuard<T>;
    impl<T> std::ops::Deref for RwLockReadGuard<T> { type Target = T; }
    impl<T> RwLockReadGuard<T> {
        pub fn map<U, F>(this: RwLockReadGuard<T>, f: F) -> MappedRwLockReadGuard<U> {}
    }
    #[guard(sync)]
    pub struct RwLockWriteGuard<T>;
    impl<T> std::ops::Deref for RwLockWriteGuard<T> { type Target = T; }
    impl<T> RwLockWriteGuard<T> {
        pub fn map<U, F>(this: RwLockWriteGuard<T>, f: F) -> MappedRwLockWriteGuard<U> {}
        pub fn downgrade(this: RwLockWriteGuard<T>) -> RwLockReadGuard<T> {}
    }
    #[guard(sync)]
    pub struct RwLockUpgradableReadGuard<T>;
    impl<T> std::ops::Deref for RwLockUpgradableReadGuard<T> { type Target = T; }
    impl<T> RwLockUpgradableReadGuard<T> {
        pub fn upgrade(this: RwLockUpgradableReadGuard<T>) -> RwLockWriteGuard<T> {}
        pub fn try_upgrade(this: RwLockUpgradableReadGuard<T>) -> Result<RwLockWriteGuard<T>, RwLockUpgradableReadGuard<T>> {}
    }
    #[shared]
    #[guard(sync)]
    pub struct MappedRwLockReadGuard<T>;
    impl<T> std::ops::Deref for MappedRwLockReadGuard<T> { type Target = T; }
    #[guard(sync)]
    pub struct MappedRwLockWriteGuard<T>;
    impl<T> std::ops::Deref for MappedRwLockWriteGuard<T> { type Target = T; }
    #[shared]
    #[guard(sync)]
    pub struct ArcRwLockReadGuard<T>;
    impl<T> std::ops::Deref for ArcRwLockReadGuard<T> { type Target = T; }
    #[guard(sync)]
    pub struct ArcRwLockWriteGuard<T>;
    impl<T> std::ops::Deref for ArcRwLockWriteGuard<T> { type Target = T; }
    pub struct Condvar;
    impl Condvar {
        pub const fn new() -> Condvar {}
        pub fn wait<T>(&self, guard: &mut MutexGuard<T>) {}
        pub fn wait_for<T>(&self, guard: &mut MutexGuard<T>, timeout: std::time::Duration) -> WaitTimeoutResult {}
        pub fn notify_one(&self) -> bool {}
        pub fn notify_all(&self) -> usize {}
    }
    pub struct WaitTimeoutResult;
    pub struct Once;
    pub mod lock_api {}
}

mod spin {
    #[lock(sync)]
    pub struct Mutex<T>;
    impl<T> Mutex<T> {
        pub const fn new(value: T) -> Mutex<T> {}
        pub fn lock(&self) -> MutexGuard<T> {}
        pub fn try_lock(&self) -> Option<MutexGuard<T>> {}
    }
    #[guard(sync)]
    pub struct MutexGuard<T>;
    impl<T> std::ops::Deref for MutexGuard<T> { type Target = T; }
    #[lock(sync)]
    pub struct RwLock<T>;
    impl<T> RwLock<T> {
        pub const fn new(value: T) -> RwLock<T> {}
        pub fn read(&self) -> RwLockReadGuard<T> {}
        pub fn write(&self) -> RwLockWriteGuard<T> {}
    }
    #[shared]
    #[guard(sync)]
    pub struct RwLockReadGuard<T>;
    impl<T> std::ops::Deref for RwLockReadGuard<T> { type Target = T; }
    #[guard(sync)]
    pub struct RwLockWriteGuard<T>;
    impl<T> std::ops::Deref for RwLockWriteGuard<T> { type Target = T; }
    pub struct Lazy<T>;
    impl<T> std::ops::Deref for Lazy<T> { type Target = T; }
    pub mod mutex { pub use super::{Mutex, MutexGuard}; }
}

mod once_cell {
    pub mod sync {
        pub struct Lazy<T>;
        impl<T> std::ops::Deref for Lazy<T> { type Target = T; }
        pub struct OnceCell<T>;
        impl<T> OnceCell<T> {
            pub const fn new() -> OnceCell<T> {}
            pub fn get(&self) -> Option<&T> {}
            pub fn get_or_init<F>(&self, init: F) -> &T {}
            pub fn set(&self, value: T) -> Result<(), T> {}
        }
    }
    pub mod unsync {
        pub struct Lazy<T>;
        impl<T> std::ops::Deref for Lazy<T> { type Target = T; }
        pub struct OnceCell<T>;
        impl<T> OnceCell<T> {
            pub const fn new() -> OnceCell<T> {}
            pub fn get(&self) -> Option<&T> {}
            pub fn get_or_init<F>(&self, init: F) -> &T {}
        }
    }
}

mod arc_swap {
    #[atomic]
    pub struct ArcSwap<T>;
    impl<T> ArcSwap<T> {
        pub fn new(value: std::sync::Arc<T>) -> ArcSwap<T> {}
        pub fn from_pointee(value: T) -> ArcSwap<T> {}
        pub fn load(&self) -> Guard<std::sync::Arc<T>> {}
        pub fn load_full(&self) -> std::sync::Arc<T> {}
        pub fn store(&self, value: std::sync::Arc<T>) {}
        pub fn swap(&self, value: std::sync::Arc<T>) -> std::sync::Arc<T> {}
        pub fn rcu<F, R>(&self, f: F) -> std::sync::Arc<T> {}
    }
    #[atomic]
    pub struct ArcSwapOption<T>;
    pub struct Guard<T>;
    impl<T> std::ops::Deref for Guard<T> { type Target = T; }
}

mod dashmap {
    #[concurrent_map]
    pub struct DashMap<K, V>;
    impl<K, V> DashMap<K, V> {
        pub fn new() -> DashMap<K, V> {}
        pub fn with_capacity(capacity: usize) -> DashMap<K, V> {}
        pub fn get(&self, key: &K) -> Option<mapref::one::Ref<K, V>> {}
        pub fn get_mut(&self, key: &K) -> Option<mapref::one::RefMut<K, V>> {}
        pub fn insert(&self, key: K, value: V) -> Option<V> {}
        pub fn remove(&self, key: &K) -> Option<(K, V)> {}
        pub fn contains_key(&self, key: &K) -> bool {}
        pub fn entry(&self, key: K) -> mapref::entry::Entry<K, V> {}
        pub fn len(&self) -> usize {}
        pub fn is_empty(&self) -> bool {}
        pub fn clear(&self) {}
        pub fn retain<F>(&self, keep: F) {}
        pub fn iter(&self) -> iter::Iter<K, V> {}
    }
    pub mod mapref {
        pub mod one {
            // A shard's read lock: held across an `.await` it blocks every
            // writer to that shard.
            #[guard(sync)]
            pub struct Ref<K, V>;
            impl<K, V> std::ops::Deref for Ref<K, V> { type Target = V; }
            impl<K, V> Ref<K, V> {
                pub fn key(&self) -> &K {}
                pub fn value(&self) -> &V {}
            }
            #[guard(sync)]
            pub struct RefMut<K, V>;
            impl<K, V> std::ops::Deref for RefMut<K, V> { type Target = V; }
            impl<K, V> RefMut<K, V> {
                pub fn key(&self) -> &K {}
                pub fn value(&self) -> &V {}
                pub fn value_mut(&mut self) -> &mut V {}
            }
        }
        pub mod entry {
            // Holds its shard's write lock until it is dropped or consumed.
            #[guard(sync)]
            pub struct Entry<K, V>;
            impl<K, V> Entry<K, V> {
                pub fn and_modify<F>(self, f: F) -> Entry<K, V> {}
                pub fn key(&self) -> &K {}
                pub fn into_key(self) -> K {}
                pub fn or_default(self) -> super::one::RefMut<K, V> {}
                pub fn or_insert(self, value: V) -> super::one::RefMut<K, V> {}
                pub fn or_insert_with<F>(self, value: F) -> super::one::RefMut<K, V> {}
                pub fn insert(self, value: V) -> super::one::RefMut<K, V> {}
            }
        }
    }
    pub mod iter { pub struct Iter<K, V>; }
    #[concurrent_map]
    pub struct DashSet<K>;
    impl<K> DashSet<K> {
        pub fn new() -> DashSet<K> {}
        pub fn with_capacity(capacity: usize) -> DashSet<K> {}
        pub fn insert(&self, key: K) -> bool {}
        pub fn remove(&self, key: &K) -> Option<K> {}
        pub fn get(&self, key: &K) -> Option<setref::one::Ref<K>> {}
        pub fn contains(&self, key: &K) -> bool {}
        pub fn len(&self) -> usize {}
        pub fn is_empty(&self) -> bool {}
        pub fn clear(&self) {}
        pub fn retain<F>(&self, keep: F) {}
    }
    pub mod setref {
        pub mod one {
            // A shard's read lock, like the map's `Ref`.
            #[guard(sync)]
            pub struct Ref<K>;
            impl<K> std::ops::Deref for Ref<K> { type Target = K; }
            impl<K> Ref<K> {
                pub fn key(&self) -> &K {}
            }
        }
    }
}

mod crossbeam_channel {
    #[channel(unbounded)]
    pub fn unbounded<T>() -> (Sender<T>, Receiver<T>) {}
    #[channel(bounded)]
    pub fn bounded<T>(capacity: usize) -> (Sender<T>, Receiver<T>) {}
    #[sender]
    pub struct Sender<T>;
    impl<T> Sender<T> {
        pub fn send(&self, value: T) -> Result<(), SendError<T>> {}
        pub fn try_send(&self, value: T) -> Result<(), TrySendError<T>> {}
    }
    #[receiver]
    pub struct Receiver<T>;
    impl<T> Receiver<T> {
        #[io(wait)] pub fn recv(&self) -> Result<T, RecvError> {}
        #[io(wait)] pub fn recv_timeout(&self, timeout: std::time::Duration) -> Result<T, RecvTimeoutError> {}
        pub fn try_recv(&self) -> Result<T, TryRecvError> {}
        pub fn iter(&self) -> Iter<T> {}
    }
    pub struct Iter<T>;
    impl<T> std::iter::Iterator for Iter<T> { type Item = T; }
    pub struct SendError<T>;
    pub struct TrySendError<T>;
    pub struct RecvError;
    pub struct RecvTimeoutError;
    pub struct TryRecvError;
}

mod crossbeam {
    pub use crossbeam_channel as channel;
    pub mod sync {
        #[lock(sync)]
        pub struct ShardedLock<T>;
        impl<T> ShardedLock<T> {
            pub fn new(value: T) -> ShardedLock<T> {}
            pub fn read(&self) -> std::sync::LockResult<ShardedLockReadGuard<T>> {}
            pub fn write(&self) -> std::sync::LockResult<ShardedLockWriteGuard<T>> {}
        }
        #[shared]
        #[guard(sync)]
        pub struct ShardedLockReadGuard<T>;
        impl<T> std::ops::Deref for ShardedLockReadGuard<T> { type Target = T; }
        #[guard(sync)]
        pub struct ShardedLockWriteGuard<T>;
        impl<T> std::ops::Deref for ShardedLockWriteGuard<T> { type Target = T; }
    }
    pub mod atomic {
        #[atomic] pub struct AtomicCell<T>;
    }
}

mod flume {
    #[channel(unbounded)]
    pub fn unbounded<T>() -> (Sender<T>, Receiver<T>) {}
    #[channel(bounded)]
    pub fn bounded<T>(capacity: usize) -> (Sender<T>, Receiver<T>) {}
    #[sender]
    pub struct Sender<T>;
    impl<T> Sender<T> {
        pub fn send(&self, value: T) -> Result<(), SendError<T>> {}
        #[io(wait)] pub async fn send_async(&self, value: T) -> Result<(), SendError<T>> {}
        pub fn try_send(&self, value: T) -> Result<(), TrySendError<T>> {}
    }
    #[receiver]
    pub struct Receiver<T>;
    impl<T> Receiver<T> {
        #[io(wait)] pub fn recv(&self) -> Result<T, RecvError> {}
        #[io(wait)] pub async fn recv_async(&self) -> Result<T, RecvError> {}
        pub fn try_recv(&self) -> Result<T, TryRecvError> {}
        pub fn iter(&self) -> Iter<T> {}
    }
    pub struct Iter<T>;
    impl<T> std::iter::Iterator for Iter<T> { type Item = T; }
    pub struct SendError<T>;
    pub struct TrySendError<T>;
    pub struct RecvError;
    pub struct TryRecvError;
}

mod async_channel {
    #[channel(unbounded)]
    pub fn unbounded<T>() -> (Sender<T>, Receiver<T>) {}
    #[channel(bounded)]
    pub fn bounded<T>(capacity: usize) -> (Sender<T>, Receiver<T>) {}
    #[sender]
    pub struct Sender<T>;
    impl<T> Sender<T> {
        #[io(wait)] pub async fn send(&self, value: T) -> Result<(), SendError<T>> {}
        pub fn try_send(&self, value: T) -> Result<(), TrySendError<T>> {}
        #[io(wait)] pub fn send_blocking(&self, value: T) -> Result<(), SendError<T>> {}
    }
    #[receiver]
    pub struct Receiver<T>;
    impl<T> Receiver<T> {
        #[io(wait)] pub async fn recv(&self) -> Result<T, RecvError> {}
        #[io(wait)] pub fn recv_blocking(&self) -> Result<T, RecvError> {}
        pub fn try_recv(&self) -> Result<T, TryRecvError> {}
    }
    pub struct SendError<T>;
    pub struct TrySendError<T>;
    pub struct RecvError;
    pub struct TryRecvError;
}

mod kanal {
    #[channel(unbounded)]
    pub fn unbounded<T>() -> (Sender<T>, Receiver<T>) {}
    #[channel(bounded)]
    pub fn bounded<T>(capacity: usize) -> (Sender<T>, Receiver<T>) {}
    #[channel(unbounded)]
    pub fn unbounded_async<T>() -> (AsyncSender<T>, AsyncReceiver<T>) {}
    #[channel(bounded)]
    pub fn bounded_async<T>(capacity: usize) -> (AsyncSender<T>, AsyncReceiver<T>) {}
    #[sender] pub struct Sender<T>;
    #[receiver] pub struct Receiver<T>;
    impl<T> Receiver<T> {
        #[io(wait)] pub fn recv(&self) -> Result<T, ReceiveError> {}
    }
    #[sender] pub struct AsyncSender<T>;
    impl<T> AsyncSender<T> {
        #[io(wait)] pub async fn send(&self, value: T) -> Result<(), SendError> {}
    }
    #[receiver] pub struct AsyncReceiver<T>;
    impl<T> AsyncReceiver<T> {
        #[io(wait)] pub async fn recv(&self) -> Result<T, ReceiveError> {}
    }
    pub struct SendError;
    pub struct ReceiveError;
}

mod rayon {
    #[pool_job] pub fn spawn<F>(f: F) {}
    #[pool_job] pub fn spawn_fifo<F>(f: F) {}
    pub fn join<A, B, RA, RB>(a: A, b: B) -> (RA, RB) {}
    pub fn scope<F, R>(f: F) -> R {}
    pub fn current_thread_index() -> Option<usize> {}
    pub fn current_num_threads() -> usize {}
    #[thread_pool]
    pub struct ThreadPool;
    impl ThreadPool {
        #[pool_job] pub fn spawn<F>(&self, f: F) {}
        #[pool_job] pub fn spawn_fifo<F>(&self, f: F) {}
        pub fn install<F, R>(&self, f: F) -> R {}
        pub fn current_thread_index(&self) -> Option<usize> {}
    }
    pub struct ThreadPoolBuilder;
    impl ThreadPoolBuilder {
        pub fn new() -> ThreadPoolBuilder {}
        pub fn num_threads(self, n: usize) -> ThreadPoolBuilder {}
        pub fn build(self) -> Result<ThreadPool, ThreadPoolBuildError> {}
        pub fn build_global(self) -> Result<(), ThreadPoolBuildError> {}
    }
    pub struct ThreadPoolBuildError;
}

mod threadpool {
    #[thread_pool]
    pub struct ThreadPool;
    impl ThreadPool {
        pub fn new(workers: usize) -> ThreadPool {}
        pub fn with_name(name: String, workers: usize) -> ThreadPool {}
        #[pool_job] pub fn execute<F>(&self, job: F) {}
        #[io(wait)] pub fn join(&self) {}
        pub fn queued_count(&self) -> usize {}
    }
    pub struct Builder;
}
