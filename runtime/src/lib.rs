//! Declare a concurrency model, and let the compiler hold you to it.
//!
//! `unmixed` turns "this subsystem is an actor" (or a worker pool, or shared
//! state) from a comment into an attribute. The attribute writes the model's
//! boilerplate for you and rejects, during `cargo build`, the code that does
//! not belong in that model: a `Mutex` inside an actor, an unbounded mailbox,
//! a handler that waits on its own mailbox, and the rest. Every rejection
//! starts with a stable check code (`MIXED_MODELS`, `ACTOR_CYCLIC_SEND`, ...)
//! and ends with the fix.
//!
//! # Actors
//!
//! ```
//! pub struct Counter {
//!     n: u64,
//! }
//!
//! #[unmixed::actor(mailbox = 16)]
//! impl Counter {
//!     pub fn add(&mut self, by: u64) -> u64 {
//!         self.n += by;
//!         self.n
//!     }
//!
//!     pub fn get(&self) -> u64 {
//!         self.n
//!     }
//! }
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), unmixed::ActorError> {
//! let counter: CounterHandle = Counter { n: 0 }.spawn();
//! assert_eq!(counter.add(2).await?, 2);
//! counter.tell_add(3).await?; // fire and forget: no reply channel at all
//! assert_eq!(counter.get().await?, 5);
//! let last_state: Counter = counter.shutdown().await?;
//! assert_eq!(last_state.n, 5);
//! # Ok(())
//! # }
//! ```
//!
//! See [`actor`] for everything the attribute generates and checks.
#![forbid(unsafe_code)]
#![warn(missing_docs, missing_debug_implementations)]

mod error;
mod pool;

#[doc(hidden)]
pub mod __private;

pub use error::{ActorError, PoolError};
pub use pool::{Job, Rejected, Reset};

/// Mailbox capacity of an actor declared with a bare `#[actor]`.
///
/// 64 queued messages absorb short bursts without letting a slow actor
/// accumulate an unbounded backlog; pick your own bound with
/// `#[actor(mailbox = N)]` once you have measured the workload.
pub const DEFAULT_MAILBOX: usize = 64;

pub use unmixed_macros::{actor, allow};

#[doc(inline)]
pub use unmixed_macros::worker_pool;
