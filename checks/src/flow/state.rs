//! What the flow knows at one point of a function: the variables in scope
//! with their types and the guards they hold, the guards held by
//! temporaries, and the map checks the code depends on.

use crate::program::{IoKind, Ty};
use crate::{Code, Location};

pub(crate) type GuardId = usize;

/// What kind of lock a guard holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flavor {
    /// Blocks a thread (std, parking_lot, `watch::Ref`, a `DashMap` shard).
    Sync,
    /// Taken with `.await` (tokio, futures, async-lock).
    Async,
    /// A `RefCell` borrow: not a lock, but panics if borrowed again meanwhile.
    Cell,
}

/// One guard, identified by the expression that takes it.
#[derive(Debug, Clone)]
pub(crate) struct Guard {
    pub flavor: Flavor,
    /// The expression that took it: `self.items.lock()`.
    pub taken: String,
    /// The lock, as written: `self.items`.
    pub lock: String,
    /// The lock's identity across functions: `app::Registry.items` for a
    /// field, the path of a static; `None` for a local.
    #[allow(dead_code)] // read by the checks that compare locks across functions
    pub lock_id: Option<String>,
    /// The variable it was last bound to.
    pub binding: Option<String>,
    /// The type of what it protects (`File` for `Mutex<File>`).
    pub protects: Ty,
    /// Codes allowed where it was taken.
    pub allowed: Vec<Code>,
    /// Codes already reported for it: one finding per guard and code.
    pub reported: Vec<Code>,
    /// Held by a helper that runs a closure: `with_state` in
    /// `self.with_state(|s| ..)`.
    pub held_by: Option<String>,
    /// The expression that took it (a method call, an `.await`, a call),
    /// as an address into the body being followed.
    pub site: *const (),
    /// Where it was taken, when the flow knows (`m.lock()`, `m.lock().await`).
    pub taken_at: Option<Location>,
    /// Map checks whose answer the lock was reached through (a per-key
    /// lock taken from the entry a `get` found): held at a change of that
    /// key, it serialises the change with the check.
    pub from_checks: Vec<usize>,
}

impl Guard {
    /// The clause a message puts after what happened: "while `g` (from
    /// `m.lock()`) is held", or, inside a helper's closure, "in a closure
    /// `with_state` runs while it holds `self.state.lock()`".
    pub fn while_held(&self) -> String {
        match &self.held_by {
            Some(helper) => format!(
                "in a closure `{helper}` runs while it holds `{}`",
                self.taken
            ),
            None => format!("while {} is held", self.describe()),
        }
    }

    /// How a message names it.
    pub fn describe(&self) -> String {
        if let Some(helper) = &self.held_by {
            return format!("the guard of `{}` that `{helper}` holds", self.taken);
        }
        match &self.binding {
            Some(name) => format!("`{name}` (from `{}`)", self.taken),
            None => format!("the temporary guard of `{}`", self.taken),
        }
    }

    /// A guard kept only to serialise a section: a `Mutex<()>`, or bound
    /// to a `_name` that nothing reads.
    pub fn serialises_only(&self) -> bool {
        self.protects == Ty::unit()
            || self
                .binding
                .as_deref()
                .is_some_and(|name| name.starts_with('_'))
    }
}

/// What a function does when it runs, through the calls that lead there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Effect {
    pub kind: IoKind,
    /// The well-known function at the end: `std::fs::write`.
    pub api: String,
    /// Functions of the program between the call and the API, outermost first.
    pub via: Vec<String>,
    /// The I/O is done on the function's receiver (`self.file.write_all(..)`
    /// in `Wal::append`): a lock around that receiver is there for it.
    pub on_receiver: bool,
}

impl Effect {
    /// `save` -> `std::fs::write`, for messages.
    pub fn path(&self) -> String {
        let mut steps: Vec<String> = self.via.iter().map(|step| format!("`{step}`")).collect();
        steps.push(format!("`{}`", self.api));
        steps.join(" -> ")
    }

    /// The same effect, reached through one more function; whether it is
    /// still on that function's receiver depends on the call.
    pub fn through(&self, function: &str, on_receiver: bool) -> Effect {
        let mut via = vec![function.to_owned()];
        via.extend(self.via.iter().cloned());
        Effect {
            kind: self.kind,
            api: self.api.clone(),
            via,
            on_receiver: self.on_receiver && on_receiver,
        }
    }
}

/// What awaiting a value does.
#[derive(Debug, Clone, Default)]
pub(crate) struct Pending {
    /// The I/O it waits on.
    pub effect: Option<Effect>,
    /// `.lock().await` and the like: awaiting it takes this lock.
    pub acquires: Option<Acquires>,
    /// Guards the I/O's receiver is reached through (`conn.query(..)` on a
    /// `Mutex<Client>`'s guard): the lock is there for that I/O.
    pub through: Vec<GuardId>,
}

/// A lock an awaited call takes.
#[derive(Debug, Clone)]
pub(crate) struct Acquires {
    /// The expression that takes it: `self.state.lock().await`.
    pub taken: String,
    /// The lock, as written.
    pub lock: String,
    /// The lock's identity across functions.
    pub lock_id: Option<String>,
    /// Map checks whose answer the lock is reached through.
    pub from_checks: Vec<usize>,
}

/// What evaluating an expression produced.
#[derive(Debug, Clone, Default)]
pub(crate) struct Val {
    pub ty: Ty,
    /// Guards owned by the value (a fresh guard, `Some(guard)`, ...).
    pub guards: Vec<GuardId>,
    /// The expression names this variable (index into the bindings).
    pub place: Option<usize>,
    /// Map checks whose result flows into the value.
    pub checks: Vec<usize>,
    /// Guards the value is reached through (`guard.file`, `*guard`).
    pub through: Vec<GuardId>,
    /// What awaiting it does, for futures.
    pub pending: Option<Pending>,
    /// Read from an atomic (`counter.load(..)`).
    pub atomic_read: bool,
    /// Reached from the function's `self`, through fields and borrows.
    pub from_self: bool,
    /// Guards the value was read through, though it owns its data now
    /// (`guard.len()`): what a print of it watches.
    pub read_from: Vec<GuardId>,
    /// What the value is, across functions, when it is a field or a
    /// static: `app::Registry.items`, `app::CACHE`.
    pub place_id: Option<String>,
}

impl Val {
    pub fn of(ty: Ty) -> Val {
        Val {
            ty,
            ..Val::default()
        }
    }

    pub fn with_checks(ty: Ty, checks: Vec<usize>) -> Val {
        Val {
            ty,
            checks,
            ..Val::default()
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Binding {
    pub name: std::rc::Rc<str>,
    pub ty: Ty,
    pub guards: Vec<GuardId>,
    pub checks: Vec<usize>,
    /// Guards the value bound here is reached through.
    pub through: Vec<GuardId>,
    /// A future bound before it is awaited.
    pub pending: Option<Pending>,
    /// Reached from the function's `self`.
    pub from_self: bool,
    /// The field or static the variable stands for (`let m = &self.map;`,
    /// `let c = self.counter.clone();` of an `Arc`).
    pub place_id: Option<String>,
    /// The I/O calls whose results went into the value (directly or
    /// through the variables its initializer names).
    pub made_by_io: Vec<*const ()>,
}

impl Binding {
    pub fn new(name: impl Into<std::rc::Rc<str>>, ty: Ty) -> Binding {
        Binding {
            name: name.into(),
            ty,
            guards: Vec::new(),
            checks: Vec::new(),
            through: Vec::new(),
            pending: None,
            from_self: false,
            place_id: None,
            made_by_io: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub(crate) struct State {
    pub bindings: Vec<Binding>,
    pub temps: Vec<GuardId>,
    /// Map checks that the current code is control-dependent on.
    pub control: Vec<usize>,
    pub diverged: bool,
}

impl State {
    pub fn live(&self) -> Vec<GuardId> {
        if self.temps.is_empty()
            && self
                .bindings
                .iter()
                .all(|binding| binding.guards.is_empty())
        {
            return Vec::new();
        }
        let mut live: Vec<GuardId> = self
            .bindings
            .iter()
            .flat_map(|binding| binding.guards.iter().copied())
            .chain(self.temps.iter().copied())
            .collect();
        live.sort_unstable();
        live.dedup();
        live
    }

    pub fn kill(&mut self, ids: &[GuardId]) {
        if ids.is_empty() {
            return;
        }
        for binding in &mut self.bindings {
            binding.guards.retain(|id| !ids.contains(id));
        }
        self.temps.retain(|id| !ids.contains(id));
    }

    pub fn lookup(&self, name: &str) -> Option<usize> {
        self.bindings
            .iter()
            .rposition(|binding| &*binding.name == name)
    }

    /// The state after either of `states` ran; diverged paths do not count.
    pub fn merge(states: Vec<State>) -> State {
        let mut live = states.into_iter().filter(|state| !state.diverged);
        let Some(mut merged) = live.next() else {
            return State {
                diverged: true,
                ..State::default()
            };
        };
        for state in live {
            for (into, from) in merged.bindings.iter_mut().zip(state.bindings) {
                union(&mut into.guards, from.guards);
                union(&mut into.checks, from.checks);
                union(&mut into.through, from.through);
                if !into.ty.is_known() {
                    into.ty = from.ty;
                }
            }
            union(&mut merged.temps, state.temps);
            union(&mut merged.control, state.control);
        }
        merged
    }
}

pub(crate) fn union<T: PartialEq>(into: &mut Vec<T>, from: Vec<T>) {
    for item in from {
        if !into.contains(&item) {
            into.push(item);
        }
    }
}

/// Where an event happened, for messages: a span and a stable address (so
/// that a loop body followed twice reports once).
#[derive(Debug, Clone, Copy)]
pub struct Site {
    pub location: Location,
    /// For an `.await`: the awaited call, from its name to the `await`
    /// (`.report(..).await`); where a finding about what it waits on points.
    pub call: Location,
    pub key: *const (),
}

impl Site {
    pub fn of<T>(node: &T, location: Location) -> Site {
        Site {
            location,
            call: location,
            key: (node as *const T).cast(),
        }
    }
}
