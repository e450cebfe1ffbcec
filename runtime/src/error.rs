use std::error::Error;
use std::fmt;

/// Why a request to an actor did not produce a reply.
///
/// Every pending request resolves: a caller either gets the handler's value
/// or one of these errors, never an endless wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ActorError {
    /// The mailbox was full and the call was a `try_*` call that does not
    /// wait for space. Nothing was queued.
    Full,
    /// The actor is not running: it was shut down, every handle was dropped,
    /// an earlier handler panicked, or its runtime is gone.
    Stopped,
    /// The handler of this very request panicked. The actor stops; requests
    /// still queued behind this one get [`ActorError::Stopped`].
    Panicked,
}

impl fmt::Display for ActorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ActorError::Full => "the actor's mailbox is full",
            ActorError::Stopped => "the actor is not running",
            ActorError::Panicked => "the actor's handler panicked while handling this request",
        })
    }
}

impl Error for ActorError {}

/// Why a pool job did not produce its value.
///
/// Like [`ActorError`], every job resolves: its [`Job`](crate::Job) gets the
/// job's value or one of these errors, never an endless wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PoolError {
    /// The queue was full and the call was `try_submit`, which does not wait
    /// for space. Nothing was queued; the [`Rejected`](crate::Rejected) that
    /// carries this error gives the arguments back.
    Full,
    /// The pool takes no more jobs: it was shut down, or every handle to it
    /// was dropped. Jobs queued before that still run.
    Closed,
    /// The job panicked. The worker that ran it carries on with the next job.
    Panicked,
    /// The queue stayed full for the pool's whole `max_wait`. Nothing was queued.
    Timeout,
    /// The job never ran: after an earlier job, the worker's resource could
    /// not be reset, and the factory failed to make a replacement. The worker
    /// asks the factory again before its next job.
    ResourceUnavailable,
}

impl fmt::Display for PoolError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PoolError::Full => "the pool's queue is full",
            PoolError::Closed => "the pool is shut down",
            PoolError::Panicked => "the job panicked",
            PoolError::Timeout => "the pool's queue had no room within its `max_wait`",
            PoolError::ResourceUnavailable => {
                "the worker's resource could not be reset, and no replacement could be made"
            }
        })
    }
}

impl Error for PoolError {}
