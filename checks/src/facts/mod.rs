//! Function facts: what each function of the program does when it runs,
//! computed over the call graph to a fixed point, so a check at a call
//! site knows what the callee does (`save` -> `std::fs::write`).
//!
//! Direct facts come from one pass of the flow over every body
//! ([`collect`]); [`solve`] then carries effects from callees to callers
//! until nothing changes.

mod collect;
pub(crate) mod drains;
pub(crate) mod guarded;
mod solve;

use std::collections::HashMap;

use crate::flow::{Effect, Flavor};
use crate::program::FnId;

pub(crate) use collect::{is_io, Collector};
pub use collect::{AwaitedSend, Direct};
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
    pub(crate) params_under_lock: Vec<(usize, Flavor, String)>,
    /// It takes a lock or borrows a `RefCell` somewhere in its body
    /// (closures included).
    pub takes_locks: bool,
    /// It prints (`println!` and friends) somewhere in its body.
    pub prints: bool,
    /// It calls a function that runs a closure under a lock.
    pub calls_lock_helper: bool,
    /// The maps it checks and returns the answer of, and changes under
    /// locks of its own.
    pub maps: MapFacts,
    /// It calls a function that checks or changes a map under its own lock.
    pub calls_map_helper: bool,
    /// Parameters holding a channel's receiver that it drains, itself or
    /// through the functions and struct fields it hands them to.
    pub drains_params: Vec<(usize, drains::Drain)>,
}

impl FnFacts {
    /// Whether the lock checks have anything to look at in this body.
    pub fn holds_locks(&self) -> bool {
        self.takes_locks
            || self.prints
            || self.calls_lock_helper
            || self.maps.used
            || self.calls_map_helper
    }
}

/// What a function does to maps behind locks, as its callers see it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MapFacts {
    /// Checks whose answer it returns (`fn has(&self, k) -> bool`).
    pub checks: Vec<MapFact>,
    /// Changes it makes under a guard of its own that had not checked the
    /// map first (`fn add(&self, k, v)`).
    pub changes: Vec<MapFact>,
    /// It calls a map's methods through a guard or on a concurrent map.
    pub used: bool,
}

impl MapFacts {
    /// Whether a caller has anything to follow.
    pub fn any(&self) -> bool {
        !self.checks.is_empty() || !self.changes.is_empty()
    }
}

/// One check or change of a map, with its lock and key said relative to
/// the function, so a caller can rewrite them in its own terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapFact {
    /// The map's lock.
    pub lock: LockPlace,
    /// The key checked or changed.
    pub key: KeyPlace,
    /// The map method: `contains_key`, `insert`.
    pub method: String,
    /// The old value an `insert` returns.
    pub claim: bool,
}

/// Where a function finds a map's lock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LockPlace {
    /// Below its receiver: `peers` for `self.peers`, `""` for `self`.
    OnSelf(String),
    /// Below a parameter (index after the receiver).
    Param(usize, String),
    /// A static, by path.
    Static(String),
}

/// The key of a map check or change, relative to the function.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyPlace {
    /// A parameter (index after the receiver), or a name bound from it.
    Param(usize),
    /// A literal, as written.
    Literal(String),
    /// Anything else: taken to be any key.
    Unknown,
}

/// The facts of every function of a program.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub(crate) of: HashMap<FnId, FnFacts>,
    /// What the program's code does with the values its locks protect.
    pub guarded: guarded::Guarded,
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
