//! Support code for the macro expansions. Not a public API: names here may
//! change in any release.

mod actor;
mod assert;
mod detached;
mod pool;
mod pool_block;
mod queue;
mod reply;
mod shared;
mod unwind;
mod waker;

pub use actor::{spawn, spawn_on, Actor, Handled, Mailbox, Outcome};
pub use assert::{JobPart, MessageArg};
pub use detached::Detached;
pub use pool::{
    default_workers, infallible, map_rejected, no_reset, no_resource, reset, Config, JobFuture,
    Pool,
};
pub use pool_block::block_on;
pub use reply::{reply, Reply, ReplyTo};
pub use shared::{
    share, CloneFor, Counter, CounterType, Hold, Locked, Padded, ReadWrite, Snapshot, TIMING,
};
pub use unwind::{catch_unwind, catch_unwind_future, Panicked};

pub use ::core;
pub use ::parking_lot;
pub use ::std;
pub use ::tokio;

pub use crate::{ActorError, Job, PoolError, Rejected, Reset};
