//! Function facts: what each function of the program does when it runs,
//! computed over the call graph to a fixed point, so a check at a call
//! site knows what the callee does (`save` -> `std::fs::write`).
//!
//! Direct facts come from one pass of the flow over every body
//! ([`collect`]); [`solve`] then carries effects from callees to callers
//! until nothing changes.

mod collect;
pub mod drains;
mod solve;

use std::collections::HashMap;

use crate::flow::{Effect, Flavor};
use crate::program::FnId;

pub use collect::{AwaitedSend, Direct};
pub(crate) use collect::{is_io, Collector};
pub use solve::solve;

/// What one function does when it runs.
#[derive(Debug, Clone, Default)]
pub struct FnFacts {
    /// It blocks its thread on I/O (for an `async fn`: while it is polled).
    pub blocks: Option<Effect>,
    /// An `async fn` whose awaits wait on I/O.
    pub awaits_io: Option<Effect>,
    /// It has an `.await` of its own.
    pub awaits: bool,
    /// Parameters it calls as functions, before it returns.
    pub calls_params: Vec<usize>,
    /// Parameters it calls while it holds a lock: the lock's kind and how
    /// it is taken.
    pub params_under_lock: Vec<(usize, Flavor, String)>,
    /// It takes a lock or borrows a `RefCell` somewhere in its body
    /// (closures included).
    pub takes_locks: bool,
    /// It prints (`println!` and friends) somewhere in its body.
    pub prints: bool,
    /// It calls a function that runs a closure under a lock.
    pub calls_lock_helper: bool,
    /// Parameters holding a channel's receiver that it drains, itself or
    /// through the functions and struct fields it hands them to.
    pub drains_params: Vec<(usize, drains::Drain)>,
}

impl FnFacts {
    /// Whether the lock checks have anything to look at in this body.
    pub fn holds_locks(&self) -> bool {
        self.takes_locks || self.prints || self.calls_lock_helper
    }
}

/// The facts of every function of a program.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub(crate) of: HashMap<FnId, FnFacts>,
    /// Struct fields holding a channel's receiver that a method of the
    /// struct drains, as `app::Worker.rx`.
    pub(crate) drained_fields: HashMap<String, drains::Drain>,
    /// Awaited sends into the bounded mailbox of a loop that (through
    /// calls) runs the sending function, by the sending function.
    pub(crate) cyclic_sends: HashMap<FnId, Vec<CyclicSend>>,
}

/// An awaited send into the mailbox of the loop that runs it.
#[derive(Debug, Clone)]
pub struct CyclicSend {
    /// The line of the send's method name.
    pub line: usize,
    /// Its column.
    pub column: usize,
    /// The function whose loop drains the mailbox.
    pub loop_fn: String,
    /// The loop's line.
    pub loop_line: usize,
}

impl Facts {
    /// The facts of a function of the program, if it has a body.
    pub fn get(&self, id: FnId) -> Option<&FnFacts> {
        self.of.get(&id)
    }

    /// How a struct field holding a receiver is drained, if a method drains it.
    pub fn drained_field(&self, place: &str) -> Option<&drains::Drain> {
        self.drained_fields.get(place)
    }

    /// Awaited sends of a function into the mailbox of a loop that runs it.
    pub fn cyclic_sends(&self, id: FnId) -> &[CyclicSend] {
        self.cyclic_sends.get(&id).map_or(&[], Vec::as_slice)
    }

    /// No facts: every call of the program's functions does nothing known.
    pub fn none() -> &'static Facts {
        static NONE: std::sync::OnceLock<Facts> = std::sync::OnceLock::new();
        NONE.get_or_init(Facts::default)
    }
}
