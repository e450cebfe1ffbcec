//! The public side of worker pools: the [`Job`] a submission returns, the
//! [`Rejected`] job that `try_submit` hands back, and the [`Reset`] contract
//! of pooled resources.

use std::error::Error;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use tokio::sync::oneshot;

use crate::PoolError;

/// A job queued in a worker pool: a future of the job's result.
///
/// Dropping a `Job` does not cancel the job. It is already in the queue and
/// runs like any other; only its result is thrown away. That makes
/// fire-and-forget a plain `pool.submit(x).await?;`.
///
/// Await it from async code, or call [`wait`](Job::wait) from a thread that
/// may block.
pub struct Job<T> {
    result: oneshot::Receiver<Result<T, PoolError>>,
}

impl<T> Job<T> {
    pub(crate) fn new(result: oneshot::Receiver<Result<T, PoolError>>) -> Self {
        Job { result }
    }

    /// Blocks the current thread until the job has run, and returns its result.
    ///
    /// For threads that may block: never call it from async code, where it
    /// would stall the executor; `.await` the job there instead.
    pub fn wait(self) -> Result<T, PoolError> {
        crate::__private::block_on(self, None).unwrap_or(Err(PoolError::Closed))
    }
}

impl<T> Future for Job<T> {
    type Output = Result<T, PoolError>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // A reply that never comes means the pool lost its workers (its
        // runtime shut down) before running the job.
        Pin::new(&mut self.result)
            .poll(cx)
            .map(|reply| reply.unwrap_or(Err(PoolError::Closed)))
    }
}

impl<T> fmt::Debug for Job<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Job").finish_non_exhaustive()
    }
}

/// A job that `try_submit` did not queue, with its arguments.
///
/// Nothing is lost: [`into_inner`](Rejected::into_inner) gives the
/// arguments back (a tuple when the job takes several), to retry later, queue
/// elsewhere, or drop on purpose.
pub struct Rejected<A> {
    args: A,
    reason: PoolError,
}

impl<A> Rejected<A> {
    pub(crate) fn new(args: A, reason: PoolError) -> Self {
        Rejected { args, reason }
    }

    pub(crate) fn map<B>(self, f: impl FnOnce(A) -> B) -> Rejected<B> {
        Rejected {
            args: f(self.args),
            reason: self.reason,
        }
    }

    /// The job's arguments, untouched.
    pub fn into_inner(self) -> A {
        self.args
    }

    /// Why the job was not queued: [`PoolError::Full`] or [`PoolError::Closed`].
    pub fn reason(&self) -> PoolError {
        self.reason
    }

    /// The queue was full; a later attempt may succeed.
    pub fn is_full(&self) -> bool {
        self.reason == PoolError::Full
    }

    /// The pool was shut down; no later attempt will succeed.
    pub fn is_closed(&self) -> bool {
        self.reason == PoolError::Closed
    }
}

impl<A> fmt::Debug for Rejected<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rejected")
            .field("reason", &self.reason)
            .finish_non_exhaustive()
    }
}

impl<A> fmt::Display for Rejected<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "job not queued: {}", self.reason)
    }
}

impl<A> Error for Rejected<A> {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        Some(&self.reason)
    }
}

impl<A> From<Rejected<A>> for PoolError {
    fn from(rejected: Rejected<A>) -> Self {
        rejected.reason
    }
}

/// A resource that a worker pool lends to one job at a time, and puts back
/// in its initial state before the next.
///
/// A pool declared with `resource = Db` gives each worker its own `Db` and
/// calls [`reset`](Reset::reset) after every job, whether the job returned
/// `Ok`, returned `Err` or panicked. The next job therefore never inherits an
/// open transaction, a changed session setting, a temporary table or a half
/// read response. When `reset` fails (or panics), the pool drops the
/// resource and asks the pool's factory for a new one.
///
/// `unmixed` implements it for no foreign type: what "clean" means is the
/// application's decision. For a SQLite connection, a typical reset rolls
/// back an open transaction:
///
/// ```
/// # struct Connection;
/// # impl Connection {
/// #     fn is_autocommit(&self) -> bool { true }
/// #     fn execute_batch(&self, _: &str) -> Result<(), std::io::Error> { Ok(()) }
/// # }
/// /// One connection to the application's database.
/// pub struct Db(Connection);
///
/// impl unmixed::Reset for Db {
///     type Error = std::io::Error;
///
///     fn reset(&mut self) -> Result<(), Self::Error> {
///         if !self.0.is_autocommit() {
///             self.0.execute_batch("ROLLBACK")?;
///         }
///         Ok(())
///     }
/// }
/// ```
///
/// A resource that keeps no state between uses says so with an empty reset
/// (`type Error = std::convert::Infallible;` and `Ok(())`): the impl is the
/// record that somebody checked.
#[diagnostic::on_unimplemented(
    message = "CONNECTION_POOL_NO_RESET: `{Self}` is lent to pool jobs one after another, but does not implement `unmixed::Reset`",
    label = "the pool puts this resource back in its initial state after every job",
    note = "without a reset, the next job inherits what the last one left: an open transaction, session settings, a half-read response",
    note = "help: implement it: `impl unmixed::Reset for {Self} {{ type Error = ..; fn reset(&mut self) -> Result<(), Self::Error> {{ /* roll back, clear session state */ }} }}`"
)]
pub trait Reset {
    /// Why a reset failed. The pool replaces the resource; with the `tracing`
    /// feature, it also logs this error.
    type Error: fmt::Debug;

    /// Puts the resource back in the state a fresh one from the factory has.
    fn reset(&mut self) -> Result<(), Self::Error>;
}
