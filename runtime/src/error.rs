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
