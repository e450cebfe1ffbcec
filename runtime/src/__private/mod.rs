//! Support code for the macro expansions. Not a public API: names here may
//! change in any release.

mod actor;
mod assert;
mod shared;
mod unwind;

pub use actor::{reply, spawn, spawn_on, Actor, Detached, Mailbox, Outcome, Reply};
pub use assert::MessageArg;
pub use shared::{
    share, CloneFor, Counter, CounterType, Hold, Locked, Padded, ReadWrite, Snapshot, TIMING,
};
pub use unwind::{catch_unwind, catch_unwind_future};

pub use ::core;
pub use ::parking_lot;
pub use ::std;
pub use ::tokio;

pub use crate::ActorError;
