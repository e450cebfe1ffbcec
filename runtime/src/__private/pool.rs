//! The generic half of every generated worker pool: the bounded queue, the
//! workers (OS threads for sync jobs, tokio tasks for async ones), panics,
//! resources and shutdown. The macro writes only the typed half: the handle
//! struct and its methods, which pack the job's arguments into a tuple.
//!
//! The queue holds at most `capacity` waiting jobs; running ones do not
//! count. Its free places are the permits of a tokio semaphore, which gives
//! async callers a fair wait that does not block the executor, sync callers
//! the same wait through [`block_on`], and every waiting caller `Closed` at
//! shutdown. A submitter takes a permit and pushes; a worker pops and gives
//! the permit back.

use std::collections::VecDeque;
use std::fmt;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use tokio::sync::{oneshot, Semaphore, TryAcquireError};

use super::pool_block::block_on;
use super::unwind::{catch_unwind_future, discard, Panicked};
use crate::{Job, PoolError, Rejected, Reset};

/// A pool's settings, from the attribute.
#[derive(Debug, Clone, Copy)]
pub struct Config {
    /// The job function's name, for thread names and spans.
    pub name: &'static str,
    /// How many jobs may wait in the queue.
    pub capacity: usize,
    /// How many jobs run at once.
    pub workers: usize,
    /// How long `submit`/`run` wait for queue space before `Timeout`.
    pub max_wait: Option<Duration>,
}

/// The number of CPUs: the default number of workers of a sync pool.
pub fn default_workers() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
}

/// A boxed job future that may borrow the worker's resource.
pub type JobFuture<'r, T> = Pin<Box<dyn Future<Output = T> + Send + 'r>>;

type Reply<T> = oneshot::Sender<Result<T, PoolError>>;

struct Task<A, T> {
    args: A,
    reply: Reply<T>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Workers {
    Threads,
    Tasks,
}

struct State<A, T> {
    tasks: VecDeque<Task<A, T>>,
    closed: bool,
    /// Worker threads waiting on `work`.
    sleeping: usize,
    /// Workers that have not exited.
    live: usize,
}

struct Shared<A, T> {
    config: Config,
    kind: Workers,
    state: Mutex<State<A, T>>,
    /// Free places in the queue.
    slots: Semaphore,
    /// Wakes worker threads.
    work: Condvar,
    /// For worker tasks: one permit per queued job, and one per worker once
    /// the queue is closed (a worker that then finds the queue empty exits).
    ready: Semaphore,
    /// One permit per worker that has exited.
    done: Semaphore,
}

/// How many times an idle worker thread looks for a job before it sleeps.
const IDLE_ROUNDS: u32 = 12;

/// Spins a little longer each round, then yields the CPU.
fn backoff(round: u32) {
    if round < 6 {
        for _ in 0..(1u32 << round) {
            std::hint::spin_loop();
        }
    } else {
        std::thread::yield_now();
    }
}

/// Locks ignoring poison: no user code runs under these locks.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl<A, T> Shared<A, T> {
    fn new(config: Config, kind: Workers) -> Self {
        assert!(
            config.capacity > 0 && config.capacity <= Semaphore::MAX_PERMITS,
            "`bounded` must be between 1 and {}",
            Semaphore::MAX_PERMITS
        );
        assert!(
            config.workers > 0 && u32::try_from(config.workers).is_ok(),
            "`workers` must be between 1 and {}",
            u32::MAX
        );
        Shared {
            config,
            kind,
            state: Mutex::new(State {
                tasks: VecDeque::with_capacity(config.capacity.min(1024)),
                closed: false,
                sleeping: 0,
                live: config.workers,
            }),
            slots: Semaphore::new(config.capacity),
            work: Condvar::new(),
            ready: Semaphore::new(0),
            done: Semaphore::new(0),
        }
    }

    /// Queues a job whose place the caller already holds; gives the
    /// arguments back if the pool closed in the meantime.
    fn push(&self, args: A) -> Result<Job<T>, A> {
        let (reply, result) = oneshot::channel();
        let mut state = lock(&self.state);
        if state.closed {
            return Err(args);
        }
        state.tasks.push_back(Task { args, reply });
        let wake = state.sleeping > 0;
        drop(state);
        match self.kind {
            Workers::Threads if wake => self.work.notify_one(),
            Workers::Threads => {}
            Workers::Tasks => self.ready.add_permits(1),
        }
        Ok(Job::new(result))
    }

    /// The next job for a worker thread, or `None` once the queue is closed and empty.
    fn pop_blocking(&self) -> Option<Task<A, T>> {
        let mut state = lock(&self.state);
        let mut idle_rounds = 0;
        loop {
            if let Some(task) = state.tasks.pop_front() {
                drop(state);
                self.slots.add_permits(1);
                return Some(task);
            }
            if state.closed {
                return None;
            }
            // A job usually arrives within microseconds when producers are
            // busy: look again a few times before paying for a sleep and
            // the producer for a wake-up call.
            if idle_rounds < IDLE_ROUNDS {
                drop(state);
                backoff(idle_rounds);
                idle_rounds += 1;
                state = lock(&self.state);
                continue;
            }
            state.sleeping += 1;
            state = self
                .work
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
            state.sleeping -= 1;
        }
    }

    /// The next job for a worker task, or `None` once the queue is closed and empty.
    async fn pop(&self) -> Option<Task<A, T>> {
        if let Ok(permit) = self.ready.acquire().await {
            permit.forget();
        }
        let task = lock(&self.state).tasks.pop_front();
        if task.is_some() {
            self.slots.add_permits(1);
        }
        task
    }

    /// Refuses new jobs and wakes everyone who waits; queued jobs still run.
    fn close(&self) {
        let mut state = lock(&self.state);
        if state.closed {
            return;
        }
        state.closed = true;
        drop(state);
        self.slots.close();
        match self.kind {
            Workers::Threads => self.work.notify_all(),
            Workers::Tasks => self.ready.add_permits(self.config.workers),
        }
    }

    /// A free place in the queue, waiting at most `max_wait` for one.
    async fn acquire(&self) -> Result<(), PoolError> {
        match self.slots.try_acquire() {
            Ok(permit) => {
                permit.forget();
                return Ok(());
            }
            Err(TryAcquireError::Closed) => return Err(PoolError::Closed),
            Err(TryAcquireError::NoPermits) => {}
        }
        let permit = match self.config.max_wait {
            None => self.slots.acquire().await,
            Some(budget) => tokio::time::timeout(budget, self.slots.acquire())
                .await
                .map_err(|_| PoolError::Timeout)?,
        };
        permit.map_err(|_| PoolError::Closed)?.forget();
        Ok(())
    }

    /// Like [`Shared::acquire`], blocking this thread instead.
    fn acquire_blocking(&self) -> Result<(), PoolError> {
        match self.slots.try_acquire() {
            Ok(permit) => {
                permit.forget();
                return Ok(());
            }
            Err(TryAcquireError::Closed) => return Err(PoolError::Closed),
            Err(TryAcquireError::NoPermits) => {}
        }
        let deadline = self.config.max_wait.map(|budget| Instant::now() + budget);
        let permit = block_on(self.slots.acquire(), deadline).ok_or(PoolError::Timeout)?;
        permit.map_err(|_| PoolError::Closed)?.forget();
        Ok(())
    }

    fn queued(&self) -> usize {
        lock(&self.state).tasks.len()
    }

    fn is_closed(&self) -> bool {
        lock(&self.state).closed
    }

    fn live(&self) -> usize {
        lock(&self.state).live
    }
}

/// Runs when a worker exits, normally or not. The last one out makes sure
/// no job waits for a worker that will never come (a runtime that shut
/// down drops its worker tasks): their `Job`s resolve with `Closed`.
///
/// A worker task gets it as an argument, so it is part of the task's future
/// from the start: a runtime that drops the task before ever polling it
/// still counts the worker out.
struct Exit<A, T> {
    shared: Arc<Shared<A, T>>,
}

impl<A, T> Drop for Exit<A, T> {
    fn drop(&mut self) {
        let mut state = lock(&self.shared.state);
        state.live -= 1;
        let last = state.live == 0;
        let orphans = if last {
            state.closed = true;
            std::mem::take(&mut state.tasks)
        } else {
            VecDeque::new()
        };
        drop(state);
        if last {
            // Even with an empty queue: a submitter that takes a place and
            // then finds the pool closed never gives the place back, so
            // without this, callers would soon wait for space forever.
            self.shared.slots.close();
        }
        drop(orphans);
        self.shared.done.add_permits(1);
    }
}

/// The user's code a worker runs: the job, and the resource's factory and reset.
struct Work<R, J> {
    job: J,
    make: Box<dyn Fn() -> Option<R> + Send + Sync>,
    reset: fn(&mut R) -> bool,
}

impl<R, J> Work<R, J> {
    /// The worker's resource, made anew if the last reset failed.
    fn resource<'s>(&self, slot: &'s mut Option<R>) -> Option<&'s mut R> {
        if slot.is_none() {
            *slot = catch_unwind(&self.make).ok().flatten();
        }
        slot.as_mut()
    }

    /// Resets the resource after a job; drops it if that fails.
    fn reset(&self, slot: &mut Option<R>) {
        if let Some(resource) = slot {
            let reset = self.reset;
            if !catch_unwind(|| reset(resource)).unwrap_or(false) {
                *slot = None;
            }
        }
    }
}

fn catch_unwind<R>(f: impl FnOnce() -> R) -> Result<R, Panicked> {
    std::panic::catch_unwind(AssertUnwindSafe(f)).map_err(discard)
}

#[cfg(feature = "tracing")]
fn job_span(config: &Config, worker: usize) -> tracing::Span {
    tracing::debug_span!("unmixed::job", pool = config.name, worker)
}

fn thread_worker<A, T, R, J>(
    shared: &Arc<Shared<A, T>>,
    work: &Work<R, J>,
    index: usize,
    resource: R,
) where
    J: Fn(&mut R, A) -> T,
{
    let _exit = Exit {
        shared: Arc::clone(shared),
    };
    let _ = index;
    let mut slot = Some(resource);
    while let Some(Task { args, reply }) = shared.pop_blocking() {
        #[cfg(feature = "tracing")]
        let _span = job_span(&shared.config, index).entered();
        let Some(resource) = work.resource(&mut slot) else {
            let _ = reply.send(Err(PoolError::ResourceUnavailable));
            continue;
        };
        let result = catch_unwind(|| (work.job)(resource, args)).map_err(|_| PoolError::Panicked);
        work.reset(&mut slot);
        // The caller may have dropped its `Job`: the job ran all the same.
        let _ = reply.send(result);
    }
    drop(slot);
}

async fn task_worker<A, T, R, J>(exit: Exit<A, T>, work: Arc<Work<R, J>>, index: usize, resource: R)
where
    J: for<'r> Fn(&'r mut R, A) -> JobFuture<'r, T>,
{
    let shared = &exit.shared;
    let _ = index;
    let mut slot = Some(resource);
    while let Some(Task { args, reply }) = shared.pop().await {
        let Some(resource) = work.resource(&mut slot) else {
            let _ = reply.send(Err(PoolError::ResourceUnavailable));
            continue;
        };
        let run = async {
            match catch_unwind(|| (work.job)(resource, args)) {
                Ok(future) => catch_unwind_future(future).await.map_err(|_| ()),
                Err(_) => Err(()),
            }
        };
        #[cfg(feature = "tracing")]
        let run = tracing::Instrument::instrument(run, job_span(&shared.config, index));
        let result = run.await.map_err(|()| PoolError::Panicked);
        work.reset(&mut slot);
        let _ = reply.send(result);
    }
    drop(slot);
}

/// The handle of a running pool; generated handles wrap one. Cloning is
/// cheap; the pool closes when the last clone is dropped.
pub struct Pool<A, T> {
    owner: Arc<Owner<A, T>>,
}

struct Owner<A, T> {
    shared: Arc<Shared<A, T>>,
    threads: Mutex<Vec<JoinHandle<()>>>,
}

impl<A, T> Drop for Owner<A, T> {
    fn drop(&mut self) {
        // Queued jobs still run; the workers exit when the queue is empty.
        self.shared.close();
    }
}

impl<A, T> Clone for Pool<A, T> {
    fn clone(&self) -> Self {
        Pool {
            owner: Arc::clone(&self.owner),
        }
    }
}

impl<A, T> fmt::Debug for Pool<A, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shared = &self.owner.shared;
        f.debug_struct("Pool")
            .field("name", &shared.config.name)
            .field("workers", &shared.config.workers)
            .field("capacity", &shared.config.capacity)
            .field("queued", &shared.queued())
            .field("closed", &shared.is_closed())
            .finish()
    }
}

/// Makes every worker's resource up front, or returns the factory's error.
fn resources<R, E>(config: &Config, make: &impl Fn() -> Result<R, E>) -> Result<Vec<R>, E> {
    (0..config.workers).map(|_| make()).collect()
}

impl<A, T> Pool<A, T>
where
    A: Send + 'static,
    T: Send + 'static,
{
    /// A pool of `config.workers` OS threads, each owning a resource from `make`.
    pub fn threads<R, E, M, J>(
        config: Config,
        make: M,
        reset: fn(&mut R) -> bool,
        job: J,
    ) -> Result<Self, E>
    where
        R: Send + 'static,
        M: Fn() -> Result<R, E> + Send + Sync + 'static,
        J: Fn(&mut R, A) -> T + Send + Sync + 'static,
    {
        let resources = resources(&config, &make)?;
        let shared = Arc::new(Shared::new(config, Workers::Threads));
        let work = Arc::new(Work {
            job,
            make: Box::new(move || make().ok()),
            reset,
        });
        let threads = resources
            .into_iter()
            .enumerate()
            .map(|(index, resource)| {
                let shared = Arc::clone(&shared);
                let work = Arc::clone(&work);
                std::thread::Builder::new()
                    .name(format!("{}-{index}", config.name))
                    .spawn(move || thread_worker(&shared, &work, index, resource))
                    .expect("failed to spawn a worker thread of an unmixed worker pool")
            })
            .collect();
        Ok(Pool {
            owner: Arc::new(Owner {
                shared,
                threads: Mutex::new(threads),
            }),
        })
    }

    /// A pool of `config.workers` tokio tasks on `runtime`, each owning a
    /// resource from `make`.
    pub fn tasks<R, E, M, J>(
        config: Config,
        make: M,
        reset: fn(&mut R) -> bool,
        job: J,
        runtime: &tokio::runtime::Handle,
    ) -> Result<Self, E>
    where
        R: Send + 'static,
        M: Fn() -> Result<R, E> + Send + Sync + 'static,
        J: for<'r> Fn(&'r mut R, A) -> JobFuture<'r, T> + Send + Sync + 'static,
    {
        let resources = resources(&config, &make)?;
        let shared = Arc::new(Shared::new(config, Workers::Tasks));
        let work = Arc::new(Work {
            job,
            make: Box::new(move || make().ok()),
            reset,
        });
        for (index, resource) in resources.into_iter().enumerate() {
            let exit = Exit {
                shared: Arc::clone(&shared),
            };
            runtime.spawn(task_worker(exit, Arc::clone(&work), index, resource));
        }
        Ok(Pool {
            owner: Arc::new(Owner {
                shared,
                threads: Mutex::new(Vec::new()),
            }),
        })
    }
}

impl<A, T> Pool<A, T> {
    /// Queues a job, first waiting (at most `max_wait`) for queue space.
    pub async fn submit(&self, args: A) -> Result<Job<T>, PoolError> {
        let shared = &self.owner.shared;
        shared.acquire().await?;
        shared.push(args).map_err(|_| PoolError::Closed)
    }

    /// Queues a job and waits for its result.
    pub async fn run(&self, args: A) -> Result<T, PoolError> {
        self.submit(args).await?.await
    }

    /// Queues a job only if there is space right now.
    pub fn try_submit(&self, args: A) -> Result<Job<T>, Rejected<A>> {
        let shared = &self.owner.shared;
        match shared.slots.try_acquire() {
            Ok(permit) => permit.forget(),
            Err(TryAcquireError::NoPermits) => return Err(Rejected::new(args, PoolError::Full)),
            Err(TryAcquireError::Closed) => return Err(Rejected::new(args, PoolError::Closed)),
        }
        // A place is held; only a shutdown in between can refuse the job now.
        shared
            .push(args)
            .map_err(|args| Rejected::new(args, PoolError::Closed))
    }

    /// Like [`Pool::submit`], blocking this thread instead.
    pub fn submit_blocking(&self, args: A) -> Result<Job<T>, PoolError> {
        let shared = &self.owner.shared;
        shared.acquire_blocking()?;
        shared.push(args).map_err(|_| PoolError::Closed)
    }

    /// Like [`Pool::run`], blocking this thread instead.
    pub fn run_blocking(&self, args: A) -> Result<T, PoolError> {
        self.submit_blocking(args)?.wait()
    }

    /// Stops intake, lets the workers finish every queued job, and waits until they exited.
    pub async fn shutdown(&self) {
        let shared = &self.owner.shared;
        shared.close();
        let workers = shared.config.workers as u32;
        // Every caller of `shutdown` waits for the same event: give the
        // permits back for the others.
        drop(shared.done.acquire_many(workers).await);
        self.join_threads();
    }

    /// Like [`Pool::shutdown`], blocking this thread instead.
    pub fn shutdown_blocking(&self) {
        let shared = &self.owner.shared;
        shared.close();
        let workers = shared.config.workers as u32;
        drop(block_on(shared.done.acquire_many(workers), None));
        self.join_threads();
    }

    /// Reaps the worker threads, which have signalled that they are done.
    fn join_threads(&self) {
        let threads = std::mem::take(&mut *lock(&self.owner.threads));
        for thread in threads {
            // Jobs run under `catch_unwind`: a worker thread does not panic.
            let _ = thread.join();
        }
    }

    /// How many jobs wait in the queue (running ones not counted).
    pub fn queued(&self) -> usize {
        self.owner.shared.queued()
    }

    /// How many jobs the queue holds at most.
    pub fn capacity(&self) -> usize {
        self.owner.shared.config.capacity
    }

    /// How many jobs run at once.
    pub fn workers(&self) -> usize {
        self.owner.shared.config.workers
    }

    /// How many workers have not exited: [`Pool::workers`] until the pool
    /// closes (a panicking job does not take its worker down), then fewer
    /// as they finish the queue and exit.
    pub fn live_workers(&self) -> usize {
        self.owner.shared.live()
    }

    /// Whether the pool has stopped taking jobs.
    pub fn is_closed(&self) -> bool {
        self.owner.shared.is_closed()
    }
}

/// No resource: the pool lends every job `&mut ()`.
pub fn no_resource() -> Result<(), std::convert::Infallible> {
    Ok(())
}

/// The reset of the `()` non-resource.
pub fn no_reset(_: &mut ()) -> bool {
    true
}

/// Resets a real resource; `false` (and, with `tracing`, a log line) when it cannot be reset.
pub fn reset<R: Reset>(resource: &mut R) -> bool {
    match resource.reset() {
        Ok(()) => true,
        Err(_error) => {
            #[cfg(feature = "tracing")]
            tracing::warn!(error = ?_error, "unmixed: a pooled resource could not be reset; replacing it");
            false
        }
    }
}

/// Unwraps a result whose error cannot happen.
pub fn infallible<T>(result: Result<T, std::convert::Infallible>) -> T {
    match result {
        Ok(value) => value,
        Err(never) => match never {},
    }
}

/// Re-types the arguments of a rejected job: `(data,)` back to `data`.
pub fn map_rejected<A, B>(rejected: Rejected<A>, f: impl FnOnce(A) -> B) -> Rejected<B> {
    rejected.map(f)
}
