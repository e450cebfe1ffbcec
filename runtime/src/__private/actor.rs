//! The generic half of every generated actor: the handle's end of the
//! mailbox and the loop that owns the state. The macro writes only the
//! typed half (the message enum, the handle methods and `Actor::handle`).

use std::fmt;
use std::future::Future;
use std::sync::Arc;
use std::task::{Poll, Waker};

use tokio::task::coop;

use super::detached::Detached;
use super::queue::{Inbox, Queue, Refused};
use super::reply::{self, Answer, Reply};
use crate::ActorError;

/// How dispatching one message went.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Handled,
    /// The handler panicked; the loop must stop without touching the state.
    Panicked,
}

/// What [`Actor::handle`] did with a message.
#[derive(Debug)]
pub enum Handled<M> {
    /// Handled right away: a synchronous or `#[detached]` handler.
    Done(Outcome),
    /// The handler is `async`: pass the message to [`Actor::handle_async`].
    Async(M),
}

/// Implemented by the macro for the actor's state type.
///
/// Synchronous handlers run in `handle` without building a future, so an
/// actor of plain methods costs no more per message than a hand-written
/// `match` in a receive loop.
pub trait Actor: Sized + Send + 'static {
    // `Send` is required where the loop is spawned, not here, so that a
    // non-`Send` argument is reported once, in the macro's own words.
    type Msg: 'static;

    fn handle(&mut self, msg: Self::Msg, detached: &mut Detached) -> Handled<Self::Msg>;

    fn handle_async(&mut self, msg: Self::Msg) -> impl Future<Output = Outcome> + Send;
}

/// A handle's end of an actor's bounded mailbox.
pub struct Mailbox<M, A> {
    queue: Arc<Queue<M, A>>,
}

impl<M, A> Clone for Mailbox<M, A> {
    fn clone(&self) -> Self {
        self.queue.add_handle();
        Mailbox {
            queue: Arc::clone(&self.queue),
        }
    }
}

impl<M, A> Drop for Mailbox<M, A> {
    fn drop(&mut self) {
        self.queue.drop_handle();
    }
}

impl<M, A> fmt::Debug for Mailbox<M, A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Mailbox")
            .field("capacity", &self.queue.capacity())
            .field("free", &self.queue.free())
            .field("closed", &self.is_closed())
            .finish()
    }
}

/// Drops a refused request after its answer, so that the reply slot does
/// not wake its own caller to say what the caller already knows.
fn refused<R, T>(answer: Answer<R>, request: T, error: ActorError) -> Result<R, ActorError> {
    drop(answer);
    drop(request);
    Err(error)
}

fn refusal<M>(refused: Refused<M>) -> ActorError {
    match refused {
        Refused::Full(_) => ActorError::Full,
        Refused::Stopped(_) => ActorError::Stopped,
    }
}

impl<M, A> Mailbox<M, A> {
    /// Queues a request, waiting for mailbox space, then waits for its reply.
    #[inline]
    pub async fn ask<R>(&self, message: impl FnOnce(Reply<R>) -> M) -> Result<R, ActorError> {
        let (to, answer) = reply::channel(own_waker().await);
        match self.queue.try_push(message(Some(to))) {
            Ok(()) => answer.made_in_this_poll().await,
            Err(Refused::Full(message)) => match self.queue.wait_for_space(message).await {
                Ok(()) => answer.await,
                Err(message) => refused(answer, message, ActorError::Stopped),
            },
            Err(Refused::Stopped(message)) => refused(answer, message, ActorError::Stopped),
        }
    }

    /// Queues a request only if there is space right now, then waits for its reply.
    #[inline]
    pub async fn try_ask<R>(&self, message: impl FnOnce(Reply<R>) -> M) -> Result<R, ActorError> {
        let (to, answer) = reply::channel(own_waker().await);
        match self.queue.try_push(message(Some(to))) {
            Ok(()) => answer.made_in_this_poll().await,
            Err(Refused::Full(message)) => refused(answer, message, ActorError::Full),
            Err(Refused::Stopped(message)) => refused(answer, message, ActorError::Stopped),
        }
    }

    /// Queues a message, waiting for mailbox space, without waiting for it to be handled.
    #[inline]
    pub async fn tell(&self, message: M) -> Result<(), ActorError> {
        // A tell does not wait for the actor, so it spends the caller's
        // cooperative budget as a tokio channel's send does: a caller that
        // never finds the mailbox full still lets its worker's other tasks
        // run. A request yields anyway while it waits for its reply.
        std::future::poll_fn(|cx| coop::poll_proceed(cx).map(|coop| coop.made_progress())).await;
        self.queue.push(message).await
    }

    /// Queues a message only if there is space right now.
    #[inline]
    pub fn try_tell(&self, message: M) -> Result<(), ActorError> {
        self.queue.try_push(message).map_err(refusal)
    }

    /// Stops intake, lets the actor finish everything already queued and its
    /// detached futures, and returns its final state.
    pub async fn shutdown(&self) -> Result<A, ActorError> {
        let (to, answer) = reply::channel(own_waker().await);
        // A later shutdown is refused like any other message, while the
        // first still gets the state.
        match self.queue.shut(to) {
            Ok(()) => answer.made_in_this_poll().await,
            Err(to) => refused(answer, to, ActorError::Stopped),
        }
    }

    /// Whether the actor has stopped taking messages.
    pub fn is_closed(&self) -> bool {
        self.queue.is_closed()
    }
}

/// The waker of the task that awaits this; it is ready at once, so what
/// follows runs in the same poll.
fn own_waker() -> impl Future<Output = Waker> {
    std::future::poll_fn(|cx| Poll::Ready(cx.waker().clone()))
}

/// Starts the actor's loop on the current tokio runtime.
///
/// # Panics
/// Outside a tokio runtime, like `tokio::spawn`.
pub fn spawn<A: Actor>(actor: A, capacity: usize) -> Mailbox<A::Msg, A>
where
    A::Msg: Send,
{
    spawn_on(actor, capacity, &tokio::runtime::Handle::current())
}

/// Starts the actor's loop on the given runtime; works from any thread.
pub fn spawn_on<A: Actor>(
    actor: A,
    capacity: usize,
    runtime: &tokio::runtime::Handle,
) -> Mailbox<A::Msg, A>
where
    A::Msg: Send,
{
    let queue = Arc::new(Queue::new(capacity));
    runtime.spawn(run(actor, Inbox::new(Arc::clone(&queue))));
    Mailbox { queue }
}

async fn run<A: Actor>(mut actor: A, mut inbox: Inbox<A::Msg, A>)
where
    A::Msg: Send,
{
    let mut detached = Detached::default();
    let mut panicked = false;
    while let Some(message) = inbox.recv().await {
        let outcome = match actor.handle(message, &mut detached) {
            Handled::Done(outcome) => outcome,
            Handled::Async(message) => actor.handle_async(message).await,
        };
        if outcome == Outcome::Panicked {
            panicked = true;
            break;
        }
        detached.reap();
    }
    let stop = inbox.take_stop();
    // After a panic the queued requests are dropped with the inbox, so each
    // of their callers gets `Stopped` instead of waiting forever.
    drop(inbox);
    detached.finish().await;
    // Unsent, it tells its caller `Stopped`: the state is poisoned.
    if let (Some(stop), false) = (stop, panicked) {
        stop.send(Ok(actor));
    }
}
