// Async runtimes and their locks, channels, I/O and tasks, as stubs (see
// `std.rs` for the format). An `async fn` here marked `#[io(..)]` does
// that I/O when awaited.
mod tokio {
    pub use task::spawn;
    pub mod sync {
        #[lock(async)]
        pub struct Mutex<T>;
        impl<T> Mutex<T> {
            pub fn new(value: T) -> Mutex<T> {}
            pub const fn const_new(value: T) -> Mutex<T> {}
            pub async fn lock(&self) -> MutexGuard<T> {}
            pub fn try_lock(&self) -> Result<MutexGuard<T>, TryLockError> {}
            pub fn blocking_lock(&self) -> MutexGuard<T> {}
            pub async fn lock_owned(self: std::sync::Arc<Self>) -> OwnedMutexGuard<T> {}
            pub fn try_lock_owned(self: std::sync::Arc<Self>) -> Result<OwnedMutexGuard<T>, TryLockError> {}
            pub fn get_mut(&mut self) -> &mut T {}
            pub fn into_inner(self) -> T {}
        }
        #[guard(async)]
        pub struct MutexGuard<T>;
        impl<T> std::ops::Deref for MutexGuard<T> { type Target = T; }
        #[guard(async)]
        pub struct OwnedMutexGuard<T>;
        impl<T> std::ops::Deref for OwnedMutexGuard<T> { type Target = T; }
        #[guard(async)]
        pub struct MappedMutexGuard<T>;
        impl<T> std::ops::Deref for MappedMutexGuard<T> { type Target = T; }
        pub struct TryLockError;
        #[lock(async)]
        pub struct RwLock<T>;
        impl<T> RwLock<T> {
            pub fn new(value: T) -> RwLock<T> {}
            pub async fn read(&self) -> RwLockReadGuard<T> {}
            pub async fn write(&self) -> RwLockWriteGuard<T> {}
            pub fn try_read(&self) -> Result<RwLockReadGuard<T>, TryLockError> {}
            pub fn try_write(&self) -> Result<RwLockWriteGuard<T>, TryLockError> {}
            pub fn blocking_read(&self) -> RwLockReadGuard<T> {}
            pub fn blocking_write(&self) -> RwLockWriteGuard<T> {}
            pub async fn read_owned(self: std::sync::Arc<Self>) -> OwnedRwLockReadGuard<T> {}
            pub async fn write_owned(self: std::sync::Arc<Self>) -> OwnedRwLockWriteGuard<T> {}
            pub fn into_inner(self) -> T {}
        }
        #[shared]
        #[guard(async)]
        pub struct RwLockReadGuard<T>;
        impl<T> std::ops::Deref for RwLockReadGuard<T> { type Target = T; }
        #[guard(async)]
        pub struct RwLockWriteGuard<T>;
        impl<T> std::ops::Deref for RwLockWriteGuard<T> { type Target = T; }
        #[shared]
        #[guard(async)]
        pub struct OwnedRwLockReadGuard<T>;
        impl<T> std::ops::Deref for OwnedRwLockReadGuard<T> { type Target = T; }
        #[guard(async)]
        pub struct OwnedRwLockWriteGuard<T>;
        impl<T> std::ops::Deref for OwnedRwLockWriteGuard<T> { type Target = T; }
        pub struct Semaphore;
        impl Semaphore {
            pub fn new(permits: usize) -> Semaphore {}
            pub async fn acquire(&self) -> Result<SemaphorePermit, AcquireError> {}
            pub fn try_acquire(&self) -> Result<SemaphorePermit, TryAcquireError> {}
            pub async fn acquire_owned(self: std::sync::Arc<Self>) -> Result<OwnedSemaphorePermit, AcquireError> {}
            pub fn add_permits(&self, n: usize) {}
            pub fn available_permits(&self) -> usize {}
        }
        pub struct SemaphorePermit;
        pub struct OwnedSemaphorePermit;
        pub struct AcquireError;
        pub struct TryAcquireError;
        pub struct Notify;
        impl Notify {
            pub fn new() -> Notify {}
            pub async fn notified(&self) {}
            pub fn notify_one(&self) {}
            pub fn notify_waiters(&self) {}
        }
        pub struct OnceCell<T>;
        impl<T> OnceCell<T> {
            pub const fn const_new() -> OnceCell<T> {}
            pub fn new() -> OnceCell<T> {}
            pub fn get(&self) -> Option<&T> {}
            pub async fn get_or_init<F>(&self, init: F) -> &T {}
            pub async fn get_or_try_init<F, E>(&self, init: F) -> Result<&T, E> {}
            pub fn set(&self, value: T) -> Result<(), SetError<T>> {}
        }
        pub struct SetError<T>;
        pub struct Barrier;
        pub mod mpsc {
            #[channel(bounded)]
            pub fn channel<T>(bound: usize) -> (Sender<T>, Receiver<T>) {}
            #[channel(unbounded)]
            pub fn unbounded_channel<T>() -> (UnboundedSender<T>, UnboundedReceiver<T>) {}
            #[sender]
            pub struct Sender<T>;
            impl<T> Sender<T> {
                #[io(wait)] pub async fn send(&self, value: T) -> Result<(), error::SendError<T>> {}
                #[io(wait)] pub fn blocking_send(&self, value: T) -> Result<(), error::SendError<T>> {}
                #[io(wait)] pub async fn reserve(&self) -> Result<Permit<T>, error::SendError<()>> {}
                pub fn try_send(&self, value: T) -> Result<(), error::TrySendError<T>> {}
                pub fn is_closed(&self) -> bool {}
                pub fn capacity(&self) -> usize {}
                pub async fn closed(&self) {}
            }
            pub struct Permit<T>;
            impl<T> Permit<T> {
                pub fn send(self, value: T) {}
            }
            #[receiver]
            pub struct Receiver<T>;
            impl<T> Receiver<T> {
                #[io(wait)] pub async fn recv(&mut self) -> Option<T> {}
                #[io(wait)] pub async fn recv_many(&mut self, buffer: &mut Vec<T>, limit: usize) -> usize {}
                #[io(wait)] pub fn blocking_recv(&mut self) -> Option<T> {}
                pub fn try_recv(&mut self) -> Result<T, error::TryRecvError> {}
                pub fn close(&mut self) {}
                pub fn len(&self) -> usize {}
                pub fn is_empty(&self) -> bool {}
            }
            #[sender]
            pub struct UnboundedSender<T>;
            impl<T> UnboundedSender<T> {
                #[never_waits] pub fn send(&self, value: T) -> Result<(), error::SendError<T>> {}
                pub fn is_closed(&self) -> bool {}
                pub async fn closed(&self) {}
            }
            #[receiver]
            pub struct UnboundedReceiver<T>;
            impl<T> UnboundedReceiver<T> {
                #[io(wait)] pub async fn recv(&mut self) -> Option<T> {}
                #[io(wait)] pub async fn recv_many(&mut self, buffer: &mut Vec<T>, limit: usize) -> usize {}
                #[io(wait)] pub fn blocking_recv(&mut self) -> Option<T> {}
                pub fn try_recv(&mut self) -> Result<T, error::TryRecvError> {}
                pub fn close(&mut self) {}
                pub fn len(&self) -> usize {}
                pub fn is_empty(&self) -> bool {}
            }
            pub mod error {
                pub struct SendError<T>;
                pub struct TrySendError<T>;
                pub struct TryRecvError;
            }
        }
        pub mod oneshot {
            #[channel(single)]
            pub fn channel<T>() -> (Sender<T>, Receiver<T>) {}
            #[sender]
            pub struct Sender<T>;
            impl<T> Sender<T> {
                #[never_waits] pub fn send(self, value: T) -> Result<(), T> {}
                pub fn is_closed(&self) -> bool {}
                pub async fn closed(&mut self) {}
            }
            pub struct Receiver<T>;
            #[io(wait)] impl<T> std::future::Future for Receiver<T> { type Output = Result<T, error::RecvError>; }
            impl<T> Receiver<T> {
                pub fn try_recv(&mut self) -> Result<T, error::TryRecvError> {}
                #[io(wait)] pub fn blocking_recv(self) -> Result<T, error::RecvError> {}
                pub fn close(&mut self) {}
            }
            pub mod error {
                pub struct RecvError;
                pub struct TryRecvError;
            }
        }
        pub mod watch {
            #[channel(single)]
            pub fn channel<T>(init: T) -> (Sender<T>, Receiver<T>) {}
            #[sender]
            pub struct Sender<T>;
            impl<T> Sender<T> {
                #[never_waits] pub fn send(&self, value: T) -> Result<(), error::SendError<T>> {}
                pub fn send_replace(&self, value: T) -> T {}
                pub fn send_modify<F>(&self, modify: F) {}
                pub fn send_if_modified<F>(&self, modify: F) -> bool {}
                pub fn borrow(&self) -> Ref<T> {}
                pub fn subscribe(&self) -> Receiver<T> {}
                pub fn is_closed(&self) -> bool {}
            }
            pub struct Receiver<T>;
            impl<T> Receiver<T> {
                pub fn borrow(&self) -> Ref<T> {}
                pub fn borrow_and_update(&mut self) -> Ref<T> {}
                #[io(wait)] pub async fn changed(&mut self) -> Result<(), error::RecvError> {}
                #[io(wait)] pub async fn wait_for<F>(&mut self, f: F) -> Result<Ref<T>, error::RecvError> {}
                pub fn has_changed(&self) -> Result<bool, error::RecvError> {}
            }
            // A read guard of the lock inside the channel: held across an
            // `.await` it blocks every sender.
            #[guard(sync)]
            pub struct Ref<T>;
            impl<T> std::ops::Deref for Ref<T> { type Target = T; }
            pub mod error {
                pub struct SendError<T>;
                pub struct RecvError;
            }
        }
        pub mod broadcast {
            #[channel(broadcast)]
            pub fn channel<T>(capacity: usize) -> (Sender<T>, Receiver<T>) {}
            #[sender]
            pub struct Sender<T>;
            impl<T> Sender<T> {
                #[never_waits] pub fn send(&self, value: T) -> Result<usize, error::SendError<T>> {}
                pub fn subscribe(&self) -> Receiver<T> {}
                pub fn receiver_count(&self) -> usize {}
            }
            #[receiver]
            pub struct Receiver<T>;
            impl<T> Receiver<T> {
                #[io(wait)] pub async fn recv(&mut self) -> Result<T, error::RecvError> {}
                pub fn try_recv(&mut self) -> Result<T, error::TryRecvError> {}
            }
            pub mod error {
                pub struct SendError<T>;
                pub struct RecvError;
                pub struct TryRecvError;
            }
        }
    }
    pub mod task {
        #[spawns] pub fn spawn<F>(future: F) -> JoinHandle<F> {}
        #[spawns] pub fn spawn_blocking<F, R>(f: F) -> JoinHandle<R> {}
        #[spawns] pub fn spawn_local<F>(future: F) -> JoinHandle<F> {}
        pub fn block_in_place<F, R>(f: F) -> R {}
        pub async fn yield_now() {}
        pub struct JoinHandle<T>;
        #[io(wait)] impl<T> std::future::Future for JoinHandle<T> { type Output = Result<T, JoinError>; }
        impl<T> JoinHandle<T> {
            pub fn abort(&self) {}
            pub fn is_finished(&self) -> bool {}
        }
        pub struct JoinError;
        pub struct JoinSet<T>;
        impl<T> JoinSet<T> {
            pub fn new() -> JoinSet<T> {}
            #[spawns] pub fn spawn<F>(&mut self, future: F) -> AbortHandle {}
            #[spawns] pub fn spawn_blocking<F>(&mut self, f: F) -> AbortHandle {}
            #[io(wait)] pub async fn join_next(&mut self) -> Option<Result<T, JoinError>> {}
            pub fn len(&self) -> usize {}
            pub fn is_empty(&self) -> bool {}
            pub fn abort_all(&mut self) {}
        }
        pub struct AbortHandle;
        pub struct LocalSet;
        impl LocalSet {
            #[spawns] pub fn spawn_local<F>(&self, future: F) -> JoinHandle<F> {}
        }
    }
    pub mod runtime {
        pub struct Runtime;
        impl Runtime {
            pub fn new() -> std::io::Result<Runtime> {}
            #[io(block_on)] pub fn block_on<F>(&self, future: F) -> F {}
            #[spawns] pub fn spawn<F>(&self, future: F) -> crate::task::JoinHandle<F> {}
            #[spawns] pub fn spawn_blocking<F, R>(&self, f: F) -> crate::task::JoinHandle<R> {}
            pub fn handle(&self) -> &Handle {}
        }
        pub struct Handle;
        impl Handle {
            pub fn current() -> Handle {}
            pub fn try_current() -> Result<Handle, TryCurrentError> {}
            #[io(block_on)] pub fn block_on<F>(&self, future: F) -> F {}
            #[spawns] pub fn spawn<F>(&self, future: F) -> crate::task::JoinHandle<F> {}
            #[spawns] pub fn spawn_blocking<F, R>(&self, f: F) -> crate::task::JoinHandle<R> {}
        }
        pub struct TryCurrentError;
        pub struct Builder;
    }
    pub mod time {
        pub use std::time::Duration;
        #[io(sleep)] pub async fn sleep(duration: Duration) {}
        #[io(sleep)] pub async fn sleep_until(deadline: Instant) {}
        #[forwards] pub async fn timeout<F>(duration: Duration, future: F) -> Result<F, error::Elapsed> {}
        #[forwards] pub async fn timeout_at<F>(deadline: Instant, future: F) -> Result<F, error::Elapsed> {}
        pub fn interval(period: Duration) -> Interval {}
        pub struct Interval;
        impl Interval {
            #[io(sleep)] pub async fn tick(&mut self) -> Instant {}
        }
        pub struct Instant;
        impl Instant {
            pub fn now() -> Instant {}
            pub fn elapsed(&self) -> Duration {}
        }
        pub mod error { pub struct Elapsed; }
    }
    pub mod fs {
        use std::io::Result;
        use crate::io::{AsyncReadExt, AsyncWriteExt, AsyncSeekExt};
        #[io(file)] pub async fn read<P>(path: P) -> Result<Vec<u8>> {}
        #[io(file)] pub async fn read_to_string<P>(path: P) -> Result<String> {}
        #[io(file)] pub async fn write<P, C>(path: P, contents: C) -> Result<()> {}
        #[io(file)] pub async fn remove_file<P>(path: P) -> Result<()> {}
        #[io(file)] pub async fn remove_dir_all<P>(path: P) -> Result<()> {}
        #[io(file)] pub async fn create_dir<P>(path: P) -> Result<()> {}
        #[io(file)] pub async fn create_dir_all<P>(path: P) -> Result<()> {}
        #[io(file)] pub async fn rename<P, Q>(from: P, to: Q) -> Result<()> {}
        #[io(file)] pub async fn copy<P, Q>(from: P, to: Q) -> Result<u64> {}
        #[io(file)] pub async fn metadata<P>(path: P) -> Result<std::fs::Metadata> {}
        #[io(file)] pub async fn read_dir<P>(path: P) -> Result<ReadDir> {}
        #[io(file)] pub async fn try_exists<P>(path: P) -> Result<bool> {}
        pub struct ReadDir;
        impl ReadDir {
            #[io(file)] pub async fn next_entry(&mut self) -> Result<Option<DirEntry>> {}
        }
        pub struct DirEntry;
        pub struct File;
        impl File {
            #[io(file)] pub async fn open<P>(path: P) -> Result<File> {}
            #[io(file)] pub async fn create<P>(path: P) -> Result<File> {}
            #[io(file)] pub async fn sync_all(&self) -> Result<()> {}
            #[io(file)] pub async fn sync_data(&self) -> Result<()> {}
            #[io(file)] pub async fn set_len(&self, size: u64) -> Result<()> {}
            #[io(file)] pub async fn metadata(&self) -> Result<std::fs::Metadata> {}
            pub fn options() -> OpenOptions {}
        }
        #[io(file)] impl AsyncReadExt for File {}
        #[io(file)] impl AsyncWriteExt for File {}
        #[io(file)] impl AsyncSeekExt for File {}
        pub struct OpenOptions;
        impl OpenOptions {
            pub fn new() -> OpenOptions {}
            pub fn read(&mut self, read: bool) -> &mut OpenOptions {}
            pub fn write(&mut self, write: bool) -> &mut OpenOptions {}
            pub fn append(&mut self, append: bool) -> &mut OpenOptions {}
            pub fn create(&mut self, create: bool) -> &mut OpenOptions {}
            pub fn truncate(&mut self, truncate: bool) -> &mut OpenOptions {}
            #[io(file)] pub async fn open<P>(&self, path: P) -> Result<File> {}
        }
    }
    pub mod io {
        use std::io::Result;
        pub trait AsyncReadExt {
            async fn read(&mut self, buf: &mut [u8]) -> Result<usize>;
            async fn read_exact(&mut self, buf: &mut [u8]) -> Result<usize>;
            async fn read_to_end(&mut self, buf: &mut Vec<u8>) -> Result<usize>;
            async fn read_to_string(&mut self, buf: &mut String) -> Result<usize>;
            async fn read_buf<B>(&mut self, buf: &mut B) -> Result<usize>;
            async fn read_u8(&mut self) -> Result<u8>;
            async fn read_u16(&mut self) -> Result<u16>;
            async fn read_u32(&mut self) -> Result<u32>;
            async fn read_u64(&mut self) -> Result<u64>;
        }
        pub trait AsyncWriteExt {
            async fn write(&mut self, buf: &[u8]) -> Result<usize>;
            async fn write_all(&mut self, buf: &[u8]) -> Result<()>;
            async fn write_buf<B>(&mut self, buf: &mut B) -> Result<usize>;
            async fn write_u8(&mut self, n: u8) -> Result<()>;
            async fn write_u32(&mut self, n: u32) -> Result<()>;
            async fn write_u64(&mut self, n: u64) -> Result<()>;
            async fn flush(&mut self) -> Result<()>;
            async fn shutdown(&mut self) -> Result<()>;
        }
        pub trait AsyncBufReadExt {
            async fn read_line(&mut self, buf: &mut String) -> Result<usize>;
            async fn read_until(&mut self, byte: u8, buf: &mut Vec<u8>) -> Result<usize>;
            fn lines(self) -> Lines<Self>;
        }
        pub trait AsyncSeekExt {
            async fn seek(&mut self, pos: std::io::SeekFrom) -> Result<u64>;
        }
        pub trait AsyncRead {}
        pub trait AsyncWrite {}
        pub struct Lines<R>;
        impl<R> Lines<R> {
            #[io(through)] pub async fn next_line(&mut self) -> Result<Option<String>> {}
        }
        pub struct BufReader<R>;
        impl<R> BufReader<R> {
            pub fn new(inner: R) -> BufReader<R> {}
            pub fn get_ref(&self) -> &R {}
            pub fn get_mut(&mut self) -> &mut R {}
        }
        #[io(through)] impl<R> AsyncReadExt for BufReader<R> {}
        #[io(through)] impl<R> AsyncBufReadExt for BufReader<R> {}
        #[io(through)] impl<R> AsyncWriteExt for BufReader<R> {}
        pub struct BufWriter<W>;
        impl<W> BufWriter<W> {
            pub fn new(inner: W) -> BufWriter<W> {}
            pub fn get_ref(&self) -> &W {}
            pub fn get_mut(&mut self) -> &mut W {}
        }
        #[io(through)] impl<W> AsyncWriteExt for BufWriter<W> {}
        #[io(through)] impl<W> AsyncReadExt for BufWriter<W> {}
        pub struct BufStream<S>;
        #[io(through)] impl<S> AsyncWriteExt for BufStream<S> {}
        #[io(through)] impl<S> AsyncReadExt for BufStream<S> {}
        #[io(through)] impl<S> AsyncBufReadExt for BufStream<S> {}
        pub struct ReadHalf<T>;
        #[io(through)] impl<T> AsyncReadExt for ReadHalf<T> {}
        pub struct WriteHalf<T>;
        #[io(through)] impl<T> AsyncWriteExt for WriteHalf<T> {}
        pub fn split<T>(stream: T) -> (ReadHalf<T>, WriteHalf<T>) {}
        pub fn stdout() -> Stdout {}
        pub fn stderr() -> Stderr {}
        pub fn stdin() -> Stdin {}
        pub struct Stdout;
        impl AsyncWriteExt for Stdout {}
        pub struct Stderr;
        impl AsyncWriteExt for Stderr {}
        pub struct Stdin;
        #[io(file)] impl AsyncReadExt for Stdin {}
        #[io(through)] pub async fn copy<R, W>(reader: &mut R, writer: &mut W) -> Result<u64> {}
        pub fn duplex(max_buf_size: usize) -> (DuplexStream, DuplexStream) {}
        pub struct DuplexStream;
        impl AsyncReadExt for DuplexStream {}
        impl AsyncWriteExt for DuplexStream {}
    }
    pub mod net {
        use std::io::Result;
        use crate::io::{AsyncReadExt, AsyncWriteExt, AsyncBufReadExt};
        pub struct TcpStream;
        impl TcpStream {
            #[io(net)] pub async fn connect<A>(addr: A) -> Result<TcpStream> {}
            #[io(net)] pub async fn readable(&self) -> Result<()> {}
            #[io(net)] pub async fn writable(&self) -> Result<()> {}
            #[io(net)] pub async fn peek(&self, buf: &mut [u8]) -> Result<usize> {}
            pub fn try_read(&self, buf: &mut [u8]) -> Result<usize> {}
            pub fn try_write(&self, buf: &[u8]) -> Result<usize> {}
            pub fn into_split(self) -> (tcp::OwnedReadHalf, tcp::OwnedWriteHalf) {}
            pub fn split(&mut self) -> (tcp::ReadHalf, tcp::WriteHalf) {}
            pub fn set_nodelay(&self, nodelay: bool) -> Result<()> {}
            pub fn peer_addr(&self) -> Result<std::net::SocketAddr> {}
        }
        #[io(net)] impl AsyncReadExt for TcpStream {}
        #[io(net)] impl AsyncWriteExt for TcpStream {}
        pub mod tcp {
            use crate::io::{AsyncReadExt, AsyncWriteExt};
            pub struct OwnedReadHalf;
            #[io(net)] impl AsyncReadExt for OwnedReadHalf {}
            pub struct OwnedWriteHalf;
            #[io(net)] impl AsyncWriteExt for OwnedWriteHalf {}
            pub struct ReadHalf;
            #[io(net)] impl AsyncReadExt for ReadHalf {}
            pub struct WriteHalf;
            #[io(net)] impl AsyncWriteExt for WriteHalf {}
        }
        pub struct TcpListener;
        impl TcpListener {
            #[io(net)] pub async fn bind<A>(addr: A) -> Result<TcpListener> {}
            #[io(net)] pub async fn accept(&self) -> Result<(TcpStream, std::net::SocketAddr)> {}
            pub fn local_addr(&self) -> Result<std::net::SocketAddr> {}
        }
        pub struct UdpSocket;
        impl UdpSocket {
            #[io(net)] pub async fn bind<A>(addr: A) -> Result<UdpSocket> {}
            #[io(net)] pub async fn connect<A>(&self, addr: A) -> Result<()> {}
            #[io(net)] pub async fn send(&self, buf: &[u8]) -> Result<usize> {}
            #[io(net)] pub async fn recv(&self, buf: &mut [u8]) -> Result<usize> {}
            #[io(net)] pub async fn send_to<A>(&self, buf: &[u8], target: A) -> Result<usize> {}
            #[io(net)] pub async fn recv_from(&self, buf: &mut [u8]) -> Result<(usize, std::net::SocketAddr)> {}
        }
        pub struct UnixStream;
        impl UnixStream {
            #[io(net)] pub async fn connect<P>(path: P) -> Result<UnixStream> {}
            pub fn into_split(self) -> (unix::OwnedReadHalf, unix::OwnedWriteHalf) {}
        }
        #[io(net)] impl AsyncReadExt for UnixStream {}
        #[io(net)] impl AsyncWriteExt for UnixStream {}
        pub struct UnixListener;
        impl UnixListener {
            #[io(net)] pub fn bind<P>(path: P) -> Result<UnixListener> {}
            #[io(net)] pub async fn accept(&self) -> Result<(UnixStream, std::net::SocketAddr)> {}
        }
        pub mod unix {
            use crate::io::{AsyncReadExt, AsyncWriteExt};
            pub struct OwnedReadHalf;
            #[io(net)] impl AsyncReadExt for OwnedReadHalf {}
            pub struct OwnedWriteHalf;
            #[io(net)] impl AsyncWriteExt for OwnedWriteHalf {}
        }
    }
    pub mod process {
        use std::io::Result;
        use crate::io::{AsyncReadExt, AsyncWriteExt};
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
            pub fn kill_on_drop(&mut self, kill: bool) -> &mut Command {}
            #[io(process)] pub async fn output(&mut self) -> Result<std::process::Output> {}
            #[io(process)] pub async fn status(&mut self) -> Result<std::process::ExitStatus> {}
            pub fn spawn(&mut self) -> Result<Child> {}
        }
        impl std::convert::From<std::process::Command> for Command {
            fn from(command: std::process::Command) -> Command {}
        }
        pub struct Child {
            pub stdin: Option<ChildStdin>,
            pub stdout: Option<ChildStdout>,
            pub stderr: Option<ChildStderr>,
        }
        impl Child {
            #[io(process)] pub async fn wait(&mut self) -> Result<std::process::ExitStatus> {}
            #[io(process)] pub async fn wait_with_output(self) -> Result<std::process::Output> {}
            #[io(process)] pub async fn kill(&mut self) -> Result<()> {}
            pub fn start_kill(&mut self) -> Result<()> {}
            pub fn try_wait(&mut self) -> Result<Option<std::process::ExitStatus>> {}
            pub fn id(&self) -> Option<u32> {}
        }
        pub struct ChildStdin;
        #[io(process)] impl AsyncWriteExt for ChildStdin {}
        pub struct ChildStdout;
        #[io(process)] impl AsyncReadExt for ChildStdout {}
        pub struct ChildStderr;
        #[io(process)] impl AsyncReadExt for ChildStderr {}
    }
    pub mod signal {
        #[io(wait)] pub async fn ctrl_c() -> std::io::Result<()> {}
    }
}

mod futures {
    pub mod lock {
        #[lock(async)]
        pub struct Mutex<T>;
        impl<T> Mutex<T> {
            pub fn new(value: T) -> Mutex<T> {}
            pub async fn lock(&self) -> MutexGuard<T> {}
            pub fn try_lock(&self) -> Option<MutexGuard<T>> {}
            pub async fn lock_owned(self: std::sync::Arc<Self>) -> OwnedMutexGuard<T> {}
        }
        #[guard(async)]
        pub struct MutexGuard<T>;
        impl<T> std::ops::Deref for MutexGuard<T> { type Target = T; }
        #[guard(async)]
        pub struct OwnedMutexGuard<T>;
        impl<T> std::ops::Deref for OwnedMutexGuard<T> { type Target = T; }
    }
    pub mod channel {
        pub mod mpsc {
            #[channel(bounded)]
            pub fn channel<T>(buffer: usize) -> (Sender<T>, Receiver<T>) {}
            #[channel(unbounded)]
            pub fn unbounded<T>() -> (UnboundedSender<T>, UnboundedReceiver<T>) {}
            #[sender]
            pub struct Sender<T>;
            impl<T> Sender<T> {
                pub fn try_send(&mut self, value: T) -> Result<(), TrySendError<T>> {}
            }
            #[sender]
            pub struct UnboundedSender<T>;
            impl<T> UnboundedSender<T> {
                #[never_waits] pub fn unbounded_send(&self, value: T) -> Result<(), TrySendError<T>> {}
            }
            #[receiver]
            pub struct Receiver<T>;
            #[receiver]
            pub struct UnboundedReceiver<T>;
            pub struct TrySendError<T>;
        }
        pub mod oneshot {
            #[channel(single)]
            pub fn channel<T>() -> (Sender<T>, Receiver<T>) {}
            #[sender]
            pub struct Sender<T>;
            impl<T> Sender<T> {
                #[never_waits] pub fn send(self, value: T) -> Result<(), T> {}
            }
            pub struct Receiver<T>;
            #[io(wait)] impl<T> std::future::Future for Receiver<T> { type Output = Result<T, Canceled>; }
            pub struct Canceled;
        }
    }
    pub mod executor {
        #[io(block_on)] pub fn block_on<F>(future: F) -> F {}
        pub struct ThreadPool;
    }
    pub mod stream {
        pub struct FuturesUnordered<F>;
        impl<F> FuturesUnordered<F> {
            pub fn new() -> FuturesUnordered<F> {}
            pub fn push(&self, future: F) {}
            pub fn len(&self) -> usize {}
            pub fn is_empty(&self) -> bool {}
        }
        pub struct FuturesOrdered<F>;
        impl<F> FuturesOrdered<F> {
            pub fn new() -> FuturesOrdered<F> {}
            pub fn push_back(&mut self, future: F) {}
        }
    }
    pub mod future {
        pub type BoxFuture<T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send>>;
        pub async fn join_all<I>(futures: I) -> Vec<I> {}
        pub async fn try_join_all<I>(futures: I) -> Result<Vec<I>, I> {}
    }
}

mod async_lock {
    #[lock(async)]
    pub struct Mutex<T>;
    impl<T> Mutex<T> {
        pub const fn new(value: T) -> Mutex<T> {}
        pub async fn lock(&self) -> MutexGuard<T> {}
        pub fn try_lock(&self) -> Option<MutexGuard<T>> {}
        pub fn lock_blocking(&self) -> MutexGuard<T> {}
        pub async fn lock_arc(self: &std::sync::Arc<Self>) -> MutexGuardArc<T> {}
    }
    #[guard(async)]
    pub struct MutexGuard<T>;
    impl<T> std::ops::Deref for MutexGuard<T> { type Target = T; }
    #[guard(async)]
    pub struct MutexGuardArc<T>;
    impl<T> std::ops::Deref for MutexGuardArc<T> { type Target = T; }
    #[lock(async)]
    pub struct RwLock<T>;
    impl<T> RwLock<T> {
        pub const fn new(value: T) -> RwLock<T> {}
        pub async fn read(&self) -> RwLockReadGuard<T> {}
        pub async fn write(&self) -> RwLockWriteGuard<T> {}
        pub fn try_read(&self) -> Option<RwLockReadGuard<T>> {}
        pub fn try_write(&self) -> Option<RwLockWriteGuard<T>> {}
    }
    #[shared]
    #[guard(async)]
    pub struct RwLockReadGuard<T>;
    impl<T> std::ops::Deref for RwLockReadGuard<T> { type Target = T; }
    #[guard(async)]
    pub struct RwLockWriteGuard<T>;
    impl<T> std::ops::Deref for RwLockWriteGuard<T> { type Target = T; }
    pub struct Semaphore;
}

mod async_std {
    pub mod sync {
        pub use async_lock::{Mutex, MutexGuard, RwLock, RwLockReadGuard, RwLockWriteGuard};
        pub use std::sync::{Arc, Weak};
    }
    pub mod task {
        #[spawns] pub fn spawn<F>(future: F) -> JoinHandle<F> {}
        #[spawns] pub fn spawn_blocking<F, R>(f: F) -> JoinHandle<R> {}
        #[io(block_on)] pub fn block_on<F>(future: F) -> F {}
        #[io(sleep)] pub async fn sleep(duration: std::time::Duration) {}
        pub struct JoinHandle<T>;
        #[io(wait)] impl<T> std::future::Future for JoinHandle<T> { type Output = T; }
    }
    pub mod fs {
        #[io(file)] pub async fn read<P>(path: P) -> std::io::Result<Vec<u8>> {}
        #[io(file)] pub async fn read_to_string<P>(path: P) -> std::io::Result<String> {}
        #[io(file)] pub async fn write<P, C>(path: P, contents: C) -> std::io::Result<()> {}
    }
}

mod smol {
    pub use async_lock as lock;
    #[spawns] pub fn spawn<F>(future: F) -> Task<F> {}
    #[io(block_on)] pub fn block_on<F>(future: F) -> F {}
    pub struct Task<T>;
    #[io(wait)] impl<T> std::future::Future for Task<T> { type Output = T; }
}
