//! The generic half of every generated actor: the mailbox a handle sends
//! through and the loop that owns the state. The macro writes only the
//! typed half (the message enum, the handle methods and `Actor::dispatch`).

use std::fmt;
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinSet;

use super::inbox::{Inbox, Stranded};
use crate::ActorError;

/// Where a handler's result goes: `None` for fire-and-forget messages, which
/// allocate no reply channel at all.
pub type Reply<R> = Option<oneshot::Sender<Result<R, ActorError>>>;

/// What travels through the mailbox: a user message, or a request to stop
/// that wants the final state back.
pub(crate) enum Envelope<M, A> {
    Msg(M),
    Stop(oneshot::Sender<Result<A, ActorError>>),
}

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

/// Sends a handler's result to its caller, if the caller asked for one.
/// A caller that stopped waiting is not an error: the message was handled.
#[inline]
pub fn reply<R>(to: Reply<R>, value: Result<R, ActorError>) {
    if let Some(sender) = to {
        let _ = sender.send(value);
    }
}

/// The futures of `#[detached]` handlers still running. Created on first
/// use so that actors without detached handlers pay nothing for it.
#[derive(Default)]
pub struct Detached {
    tasks: Option<JoinSet<()>>,
}

impl Detached {
    pub fn spawn<F>(&mut self, future: F)
    where
        F: Future<Output = ()> + Send + 'static,
    {
        self.tasks.get_or_insert_with(JoinSet::new).spawn(future);
    }

    /// Forgets finished tasks so a long-lived actor does not accumulate them.
    #[inline]
    fn reap(&mut self) {
        if let Some(tasks) = &mut self.tasks {
            while tasks.try_join_next().is_some() {}
        }
    }

    /// Waits for every detached future: their callers are owed a reply.
    async fn finish(&mut self) {
        if let Some(tasks) = &mut self.tasks {
            while tasks.join_next().await.is_some() {}
        }
    }
}

impl fmt::Debug for Detached {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let running = self.tasks.as_ref().map_or(0, JoinSet::len);
        f.debug_struct("Detached")
            .field("running", &running)
            .finish()
    }
}

/// The sending side of an actor's bounded mailbox.
pub struct Mailbox<M, A> {
    sender: mpsc::Sender<Envelope<M, A>>,
    /// Set by `shutdown` so that intake stops when it is called, not only
    /// when the actor reaches the stop request in its queue.
    closing: Arc<AtomicBool>,
    /// Where a request sent after the actor's inbox went is dropped.
    stranded: Arc<Stranded<Envelope<M, A>>>,
}

impl<M, A> Clone for Mailbox<M, A> {
    fn clone(&self) -> Self {
        Mailbox {
            sender: self.sender.clone(),
            closing: Arc::clone(&self.closing),
            stranded: Arc::clone(&self.stranded),
        }
    }
}

impl<M, A> fmt::Debug for Mailbox<M, A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Mailbox")
            .field("capacity", &self.sender.max_capacity())
            .field("free", &self.sender.capacity())
            .field("closed", &self.is_closed())
            .finish()
    }
}

/// Waits for mailbox space, unless the actor is shutting down: a caller
/// that was waiting when `shutdown` was called is refused once space
/// frees up, so the stop request is not held up behind every waiter.
/// A macro rather than an `async fn`: one less future layer on every
/// message (15 instructions of about 600 per `tell`, by callgrind).
macro_rules! space {
    ($mailbox:expr) => {{
        $mailbox.accepting()?;
        let permit = $mailbox
            .sender
            .reserve()
            .await
            .map_err(|_| ActorError::Stopped)?;
        $mailbox.accepting()?;
        permit
    }};
}

impl<M, A> Mailbox<M, A> {
    fn new(sender: mpsc::Sender<Envelope<M, A>>, stranded: Arc<Stranded<Envelope<M, A>>>) -> Self {
        Mailbox {
            sender,
            closing: Arc::new(AtomicBool::new(false)),
            stranded,
        }
    }

    #[inline]
    fn accepting(&self) -> Result<(), ActorError> {
        if self.closing.load(Ordering::Acquire) {
            Err(ActorError::Stopped)
        } else {
            Ok(())
        }
    }

    /// Queues a request, waiting for mailbox space, then waits for its reply.
    #[inline]
    pub async fn ask<R>(&self, message: impl FnOnce(Reply<R>) -> M) -> Result<R, ActorError> {
        let permit = space!(self);
        let (sender, receiver) = oneshot::channel();
        permit.send(Envelope::Msg(message(Some(sender))));
        self.stranded.after_send();
        receiver.await.unwrap_or(Err(ActorError::Stopped))
    }

    /// Queues a request only if there is space right now, then waits for its reply.
    #[inline]
    pub async fn try_ask<R>(&self, message: impl FnOnce(Reply<R>) -> M) -> Result<R, ActorError> {
        self.accepting()?;
        let (sender, receiver) = oneshot::channel();
        self.sender
            .try_send(Envelope::Msg(message(Some(sender))))
            .map_err(send_error)?;
        self.stranded.after_send();
        receiver.await.unwrap_or(Err(ActorError::Stopped))
    }

    /// Queues a message, waiting for mailbox space, without waiting for it to be handled.
    #[inline]
    pub async fn tell(&self, message: M) -> Result<(), ActorError> {
        space!(self).send(Envelope::Msg(message));
        Ok(())
    }

    /// Queues a message only if there is space right now.
    #[inline]
    pub fn try_tell(&self, message: M) -> Result<(), ActorError> {
        self.accepting()?;
        self.sender
            .try_send(Envelope::Msg(message))
            .map_err(send_error)
    }

    /// Stops intake, lets the actor finish everything already queued and its
    /// detached futures, and returns its final state.
    pub async fn shutdown(&self) -> Result<A, ActorError> {
        // The first caller turns intake off; a later one is refused like any
        // other message, while the first still gets the state.
        if self.closing.swap(true, Ordering::AcqRel) {
            return Err(ActorError::Stopped);
        }
        let (sender, receiver) = oneshot::channel();
        self.sender
            .send(Envelope::Stop(sender))
            .await
            .map_err(|_| ActorError::Stopped)?;
        self.stranded.after_send();
        receiver.await.unwrap_or(Err(ActorError::Stopped))
    }

    /// Whether the actor has stopped taking messages.
    pub fn is_closed(&self) -> bool {
        self.closing.load(Ordering::Acquire) || self.sender.is_closed()
    }
}

fn send_error<T>(error: mpsc::error::TrySendError<T>) -> ActorError {
    match error {
        mpsc::error::TrySendError::Full(_) => ActorError::Full,
        mpsc::error::TrySendError::Closed(_) => ActorError::Stopped,
    }
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
    let (sender, receiver) = mpsc::channel(capacity);
    let stranded = Stranded::new();
    runtime.spawn(run(actor, Inbox::new(receiver, Arc::clone(&stranded))));
    Mailbox::new(sender, stranded)
}

async fn run<A: Actor>(mut actor: A, mut inbox: Inbox<Envelope<A::Msg, A>>)
where
    A::Msg: Send,
{
    let mut detached = Detached::default();
    let mut stop_requests = Vec::new();
    let mut panicked = false;
    while let Some(envelope) = inbox.recv().await {
        match envelope {
            Envelope::Msg(message) => {
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
            Envelope::Stop(requester) => {
                // Refuse new messages; the loop still drains what is queued.
                inbox.close();
                stop_requests.push(requester);
            }
        }
    }
    // After a panic the queued requests are dropped with the inbox, so each
    // of their callers gets `Stopped` instead of waiting forever.
    drop(inbox);
    detached.finish().await;
    let mut stop_requests = stop_requests.into_iter();
    if !panicked {
        if let Some(first) = stop_requests.next() {
            let _ = first.send(Ok(actor));
        }
    }
    for requester in stop_requests {
        let _ = requester.send(Err(ActorError::Stopped));
    }
}
