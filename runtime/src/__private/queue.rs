//! The actor's bounded mailbox: one queue under one lock, shared by every
//! handle and the actor.
//!
//! Everything that decides whether a message gets in (space, shutdown, the
//! actor being gone) is read and written under that lock, so a message is
//! either queued while the actor can still take it or refused: no request
//! can be stranded in a queue nobody reads, and no fence is needed to
//! catch one. Callers that find the mailbox full wait in line; space that
//! frees up is promised to the first of them, so nobody jumps the queue and
//! a caller that gives up while waiting queues nothing. Space is never left
//! free while someone waits unpromised, so a caller that finds space may
//! take it: everyone in line already has a place.

use std::collections::VecDeque;
use std::future::Future;
use std::mem;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, Waker};

use parking_lot::Mutex;

use super::reply::ReplyTo;
use super::waker::{register, wake};
use crate::ActorError;

/// Messages an actor takes in one go before it lets its runtime run
/// something else, like tokio's own cooperative budget.
const BUDGET: u32 = 128;

pub(crate) struct Queue<M, A> {
    state: Mutex<State<M, A>>,
    capacity: usize,
}

struct State<M, A> {
    messages: VecDeque<M>,
    /// Callers waiting for space, oldest first; the first `promised` of
    /// them have been promised a place and not taken it yet.
    waiting: VecDeque<Waiting>,
    promised: usize,
    /// Numbers the waiting callers, so each can find its place.
    next_ticket: u64,
    /// The actor, when it waits for a message.
    actor: Option<Waker>,
    /// Whether messages are still accepted: not after `shutdown`, once
    /// every handle is gone, or once the actor is.
    open: bool,
    handles: usize,
    /// The first `shutdown`, owed the final state.
    stop: Option<ReplyTo<A>>,
}

struct Waiting {
    ticket: u64,
    waker: Option<Waker>,
}

/// Why a message was not queued; it comes back with the refusal.
pub(crate) enum Refused<M> {
    Full(M),
    Stopped(M),
}

impl<M, A> State<M, A> {
    /// Places neither filled nor promised.
    fn has_space(&self, capacity: usize) -> bool {
        self.messages.len() + self.promised < capacity
    }

    /// Promises a free place to the next caller in line, if there is both.
    fn promise(&mut self, capacity: usize) -> Option<Waker> {
        if self.promised < self.waiting.len() && self.has_space(capacity) {
            self.promised += 1;
            self.waiting[self.promised - 1].waker.take()
        } else {
            None
        }
    }

    fn place(&self, ticket: u64) -> usize {
        // Tickets only grow and leave the line in any order: still sorted.
        self.waiting
            .binary_search_by_key(&ticket, |waiting| waiting.ticket)
            .expect("a waiting caller keeps its place until it leaves")
    }

    /// Takes the caller at `place` out of the line. Returns whether it had
    /// been promised a place, and its waker, to drop after the lock.
    fn leave(&mut self, place: usize) -> (bool, Option<Waker>) {
        let left = self.waiting.remove(place).and_then(|w| w.waker);
        let promised = place < self.promised;
        if promised {
            self.promised -= 1;
        }
        (promised, left)
    }

    /// Stops intake and returns everyone to wake so they learn of it.
    fn close(&mut self) -> Vec<Waker> {
        self.open = false;
        let waiting = self.waiting.iter_mut().filter_map(|w| w.waker.take());
        waiting.chain(self.actor.take()).collect()
    }
}

fn wake_all(wakers: Vec<Waker>) {
    for waker in wakers {
        waker.wake();
    }
}

impl<M, A> Queue<M, A> {
    pub(crate) fn new(capacity: usize) -> Self {
        assert!(capacity > 0, "a mailbox needs room for one message");
        Queue {
            state: Mutex::new(State {
                messages: VecDeque::new(),
                waiting: VecDeque::new(),
                promised: 0,
                next_ticket: 0,
                actor: None,
                open: true,
                handles: 1,
                stop: None,
            }),
            capacity,
        }
    }

    pub(crate) fn capacity(&self) -> usize {
        self.capacity
    }

    /// Free places nobody has been promised.
    pub(crate) fn free(&self) -> usize {
        let state = self.state.lock();
        self.capacity - state.messages.len() - state.promised
    }

    pub(crate) fn is_closed(&self) -> bool {
        !self.state.lock().open
    }

    /// Queues `message` if there is space now.
    #[inline]
    pub(crate) fn try_push(&self, message: M) -> Result<(), Refused<M>> {
        let actor = {
            let mut state = self.state.lock();
            if !state.open {
                return Err(Refused::Stopped(message));
            }
            if !state.has_space(self.capacity) {
                return Err(Refused::Full(message));
            }
            state.messages.push_back(message);
            state.actor.take()
        };
        wake(actor);
        Ok(())
    }

    /// Queues `message`, waiting in line for space if the mailbox is full.
    #[inline]
    pub(crate) async fn push(&self, message: M) -> Result<(), ActorError> {
        match self.try_push(message) {
            Ok(()) => Ok(()),
            Err(Refused::Stopped(_)) => Err(ActorError::Stopped),
            Err(Refused::Full(message)) => self
                .wait_for_space(message)
                .await
                .map_err(|_| ActorError::Stopped),
        }
    }

    /// Queues `message` once there is space, waiting in line for it; gives
    /// it back if intake stops first.
    pub(crate) fn wait_for_space(&self, message: M) -> impl Future<Output = Result<(), M>> + '_ {
        WaitForSpace {
            queue: self,
            message: Some(message),
            ticket: None,
        }
    }

    pub(crate) fn add_handle(&self) {
        self.state.lock().handles += 1;
    }

    /// The last handle going stops intake: nobody is left to send.
    pub(crate) fn drop_handle(&self) {
        let wakers = {
            let mut state = self.state.lock();
            state.handles -= 1;
            if state.handles > 0 {
                return;
            }
            state.close()
        };
        wake_all(wakers);
    }

    /// Stops intake and leaves `stop` the final state, unless intake had
    /// already stopped: the first `shutdown` wins, a later one gets `stop` back.
    pub(crate) fn shut(&self, stop: ReplyTo<A>) -> Result<(), ReplyTo<A>> {
        let wakers = {
            let mut state = self.state.lock();
            if !state.open {
                return Err(stop);
            }
            state.stop = Some(stop);
            state.close()
        };
        wake_all(wakers);
        Ok(())
    }
}

/// A caller in line for space. Dropped before it got in, it queues nothing,
/// and a place promised to it goes to the next in line.
struct WaitForSpace<'a, M, A> {
    queue: &'a Queue<M, A>,
    message: Option<M>,
    /// Its place in line, once it has one.
    ticket: Option<u64>,
}

impl<M, A> Unpin for WaitForSpace<'_, M, A> {}

impl<M, A> Future for WaitForSpace<'_, M, A> {
    type Output = Result<(), M>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        let queue = this.queue;
        let mut state = queue.state.lock();
        let may_enter = match this.ticket {
            None => state.has_space(queue.capacity),
            Some(ticket) => {
                let place = state.place(ticket);
                if state.open && place >= state.promised {
                    let old = register(&mut state.waiting[place].waker, cx.waker());
                    drop(state);
                    drop(old);
                    return Poll::Pending;
                }
                this.ticket = None;
                let (promised, waker) = state.leave(place);
                // Taken when the place was promised or intake stopped.
                debug_assert!(waker.is_none());
                promised
            }
        };
        let message = this.message.take().expect("polled after it got in");
        if !state.open {
            drop(state);
            return Poll::Ready(Err(message));
        }
        if !may_enter {
            let ticket = state.next_ticket;
            state.next_ticket += 1;
            state.waiting.push_back(Waiting {
                ticket,
                waker: Some(cx.waker().clone()),
            });
            this.ticket = Some(ticket);
            this.message = Some(message);
            return Poll::Pending;
        }
        state.messages.push_back(message);
        let actor = state.actor.take();
        drop(state);
        wake(actor);
        Poll::Ready(Ok(()))
    }
}

impl<M, A> Drop for WaitForSpace<'_, M, A> {
    fn drop(&mut self) {
        let Some(ticket) = self.ticket else {
            return;
        };
        let (next, left) = {
            let mut state = self.queue.state.lock();
            let place = state.place(ticket);
            let (promised, left) = state.leave(place);
            // The place it was promised goes to the next in line.
            let next = promised.then(|| state.promise(self.queue.capacity));
            (next.flatten(), left)
        };
        drop(left);
        wake(next);
    }
}

/// The actor's end of the mailbox. Dropping it (the loop ended, or the
/// runtime dropped the actor's task) stops intake and drops every queued
/// message, so each waiting caller gets `Stopped`.
pub(crate) struct Inbox<M, A> {
    queue: Arc<Queue<M, A>>,
    /// Messages taken since the actor last let others run.
    taken: u32,
}

impl<M, A> Inbox<M, A> {
    pub(crate) fn new(queue: Arc<Queue<M, A>>) -> Self {
        Inbox { queue, taken: 0 }
    }

    /// The next message; `None` once intake has stopped and the queue is empty.
    #[inline]
    pub(crate) fn recv(&mut self) -> impl Future<Output = Option<M>> + '_ {
        std::future::poll_fn(|cx| self.poll_recv(cx))
    }

    fn poll_recv(&mut self, cx: &mut Context<'_>) -> Poll<Option<M>> {
        if self.taken == BUDGET {
            self.taken = 0;
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        let queue = &*self.queue;
        let mut state = queue.state.lock();
        if let Some(message) = state.messages.pop_front() {
            let next = state.promise(queue.capacity);
            drop(state);
            wake(next);
            self.taken += 1;
            return Poll::Ready(Some(message));
        }
        self.taken = 0;
        if !state.open {
            return Poll::Ready(None);
        }
        let old = register(&mut state.actor, cx.waker());
        drop(state);
        drop(old);
        Poll::Pending
    }

    /// Whoever is owed the final state.
    pub(crate) fn take_stop(&mut self) -> Option<ReplyTo<A>> {
        self.queue.state.lock().stop.take()
    }
}

impl<M, A> Drop for Inbox<M, A> {
    fn drop(&mut self) {
        let (messages, stop, wakers) = {
            let mut state = self.queue.state.lock();
            let wakers = state.close();
            (mem::take(&mut state.messages), state.stop.take(), wakers)
        };
        // Dropped outside the lock: a message's own `Drop` may use a handle.
        drop(messages);
        drop(stop);
        wake_all(wakers);
    }
}
