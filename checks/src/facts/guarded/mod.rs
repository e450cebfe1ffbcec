//! What code does with the values its locks protect, for the checks that
//! judge a lock by every one of its uses in the program
//! (WRONG_MODEL_FOR_WORKLOAD, LOCK_GUARDS_INDEPENDENT_STATE).
//!
//! Per function ([`collect`]), from the guards the flow saw taken (so a
//! lock is what its type says, never what a method is called) on a field,
//! a static or a parameter, whose protected value is an integer or `bool`
//! ([`Kind::Counter`]), a map ([`Kind::Map`]) or a struct of the program
//! ([`Kind::Struct`]):
//! - each critical section: the guard as a temporary (`*self.n.lock() += 1`)
//!   or bound to a name until its block ends or it is dropped (`let mut g =
//!   ..; *g += 1; *g`), and what happens to the value meanwhile ([`Uses`]):
//!   read, added to, stored, a running maximum, one key (taken out,
//!   changed in place), one field, each entry on its own, keys in a loop;
//!   compared and acted upon; other work done while the guard is held;
//!   used as a whole (returned, given to unknown code, waited on with a
//!   `Condvar`); the lock's method that took it (`read`, `write`), whose
//!   return type says whether the guard is shared ([`takes_shared`]);
//! - what the function does with its receiver and with parameters of a
//!   struct or map type, so a guard handed to a function of the program
//!   (`count(&mut map.lock())`, `state.write().commit(..)`) counts as what
//!   that function does with it;
//! - which fields and statics it passes to which parameters (macro
//!   arguments and `select!` branches included), so a lock taken through a
//!   parameter counts for the field it was given;
//! - which fields struct literals fill with a clone of a field of `self`
//!   (`Handler { temp: self.temp.clone() }`), so a lock kept in two fields
//!   is one lock.
//!
//! Program-wide ([`solve`]): every section of every lock identity
//! (`app::Client.next_id`, `app::CACHE`), with guards handed on resolved.
//!
//! What this cannot follow makes a use whole ([`Uses::whole`]), and the
//! checks stay quiet on a lock used whole anywhere.

use std::collections::{BTreeSet, HashMap};

use syn::visit::{self, Visit};
use syn::{BinOp, Block, Expr, Pat, Stmt, UnOp};

use crate::flow::Scope;
use crate::program::resolve::{Ns, Res};
use crate::program::{FnId, Program, Ty, TypeKind, ValueDef};
use crate::syntax::text;

mod classify;
mod decls;
mod passes;

use classify::{peel, Classifier, Target};
pub(crate) use decls::{lock_declarations, lock_syntax, takes_shared, LockDecl};
use passes::{macro_exprs, Passes};

/// What a lock protects, as far as these facts go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An integer with a std atomic, or a `bool`.
    Counter,
    /// A `HashMap` or `BTreeMap`.
    Map,
    /// A struct of the program with named fields.
    Struct,
}

const INTEGERS: &[&str] = &[
    "u8", "u16", "u32", "u64", "usize", "i8", "i16", "i32", "i64", "isize", "bool",
];

const MAPS: &[&str] = &[
    "std::collections::HashMap",
    "std::collections::BTreeMap",
    "hashbrown::HashMap",
];

/// What kind of value `ty` is, for these facts.
pub fn kind_of(program: &Program, ty: &Ty) -> Option<Kind> {
    let path = ty.strip_refs().path()?;
    if INTEGERS.contains(&path) {
        return Some(Kind::Counter);
    }
    if MAPS.contains(&path) {
        return Some(Kind::Map);
    }
    let def = program.type_def(path)?;
    let named = def
        .fields
        .iter()
        .any(|(name, _)| !name.starts_with(char::is_numeric));
    (def.file.is_some() && def.kind == TypeKind::Struct && named).then_some(Kind::Struct)
}

/// Operations on a protected value.
pub mod ops {
    /// Copied out (`let v = *g;`, `*n.lock()`).
    pub const READ: u16 = 1;
    /// `+=`, `-=`, `*g = old + x`, `wrapping_add`.
    pub const ADD: u16 = 1 << 1;
    /// `*g = x` with `x` not computed from the value.
    pub const STORE: u16 = 1 << 2;
    /// `*g = max(*g, x)`, `if x > *g { *g = x }`.
    pub const MAX: u16 = 1 << 3;
    pub const MIN: u16 = 1 << 4;
    /// `|=`, `&=`, `^=`, `*g = !*g`.
    pub const BITS: u16 = 1 << 5;
    /// `get`, `insert`, `remove`, `entry`, `m[k]`, ... on one key.
    pub const ONE_KEY: u16 = 1 << 6;
    /// `retain`: every entry judged on its own.
    pub const PER_ENTRY: u16 = 1 << 7;
    /// `remove`, `remove_entry`: a key taken out.
    pub const REMOVE: u16 = 1 << 8;
    /// `get_mut`: a value changed in place.
    pub const MUTATE: u16 = 1 << 10;
    /// One-key operations repeated in a loop or a closure while the guard
    /// is held: many keys in one section.
    pub const MANY_KEYS: u16 = 1 << 9;
    /// What an atomic does for an integer or `bool`.
    pub const COUNTER: u16 = READ | ADD | STORE | MAX | MIN | BITS;
    /// What writes.
    pub const WRITES: u16 = ADD | STORE | MAX | MIN | BITS;
}

/// A parameter position: the receiver, or the `n`th parameter after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Slot {
    Receiver,
    Param(usize),
}

/// What one critical section (or one function, for a parameter) does with
/// a protected value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Uses {
    /// [`ops`] flags.
    pub ops: u16,
    /// The keys of one-key operations, as written.
    pub keys: BTreeSet<String>,
    /// Fields of a struct touched.
    pub fields: BTreeSet<String>,
    /// Fields of a struct read (touched other than by a plain assignment).
    pub read_fields: BTreeSet<String>,
    /// The value (or something computed from it) decides what happens
    /// while the guard is held: `if *g > limit { .. }`, a `match` on it.
    pub compares: bool,
    /// Other work done while the guard is held: calls, `.await`s.
    pub busy: bool,
    /// Used in a way these facts do not follow.
    pub whole: bool,
    /// Handed to a function of the program, unresolved (resolved by [`solve`]).
    pub passed: Vec<(FnId, Slot)>,
    /// The method of the lock that took the guard (`read`, `lock`), for
    /// the lock's type to say which guard it gives.
    pub taken_with: Option<String>,
}

impl Uses {
    pub fn merge(&mut self, other: &Uses) {
        self.ops |= other.ops;
        self.keys.extend(other.keys.iter().cloned());
        self.fields.extend(other.fields.iter().cloned());
        self.read_fields.extend(other.read_fields.iter().cloned());
        self.compares |= other.compares;
        self.busy |= other.busy;
        self.whole |= other.whole;
        for passed in &other.passed {
            if !self.passed.contains(passed) {
                self.passed.push(*passed);
            }
        }
        if self.taken_with.is_none() {
            self.taken_with.clone_from(&other.taken_with);
        }
    }

    /// Whether one atomic would do all of it: reads, additions, stores,
    /// maxima, bit operations, with nothing decided or done meanwhile.
    pub fn atomic_would_do(&self) -> bool {
        !self.whole
            && !self.compares
            && !self.busy
            && self.passed.is_empty()
            && self.ops & !ops::COUNTER == 0
    }

    /// Whether every entry is touched on its own: one key, or `retain`.
    pub fn entries_independent(&self) -> bool {
        !self.whole
            && self.passed.is_empty()
            && self.ops & !(ops::ONE_KEY | ops::PER_ENTRY | ops::REMOVE | ops::MUTATE) == 0
            && self.keys.len() <= 1
    }
}

/// Which lock a section takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LockRef {
    /// A field (`app::Client.next_id`) or a static (`app::CACHE`).
    Place(String),
    /// The function's `n`th parameter (after any receiver).
    Param(usize),
}

/// One critical section.
#[derive(Debug, Clone)]
pub struct Section {
    pub lock: LockRef,
    pub uses: Uses,
}

/// What one body does, before callees are taken into account.
#[derive(Debug, Clone, Default)]
pub struct Direct {
    pub sections: Vec<Section>,
    /// What the function does with its receiver and its parameters of a
    /// struct or map type.
    pub slots: Vec<(Slot, Uses)>,
    /// Fields and statics given to parameters: callee, parameter, place.
    pub passes: Vec<(FnId, usize, String)>,
    /// Its own parameters given on to parameters of other functions:
    /// callee, parameter, own parameter.
    pub param_passes: Vec<(FnId, usize, usize)>,
    /// Fields given a value in a struct literal (`Handler { temp: ..}`
    /// is `app::Handler.temp`), with the field of `self` the value is a
    /// clone of (`self.temp.clone()`), if it is one.
    pub inits: Vec<(String, Option<String>)>,
}

impl Direct {
    pub(crate) fn extend(&mut self, other: Direct) {
        self.sections.extend(other.sections);
        self.slots.extend(other.slots);
        self.passes.extend(other.passes);
        self.param_passes.extend(other.param_passes);
        self.inits.extend(other.inits);
    }
}

/// A guard the flow saw taken.
#[derive(Debug, Clone)]
pub(crate) struct Acquired {
    pub site: *const (),
    pub lock: Option<String>,
    pub protects: Ty,
}

/// Every section of every lock of the program, by the lock's identity,
/// with the function it is in.
#[derive(Debug, Clone, Default)]
pub struct Guarded {
    pub locks: HashMap<String, Vec<(FnId, Uses)>>,
    /// Fields only ever given a clone of another field (`temp:
    /// self.temp.clone()`), with that field: one shared lock in two places.
    pub aliases: HashMap<String, String>,
}

impl Guarded {
    /// The sections of one lock, those taken through fields that hold a
    /// clone of it included; none for such a field itself, whose lock
    /// is the one it was cloned from.
    pub fn sections(&self, lock: &str) -> Vec<(FnId, Uses)> {
        if self.aliases.contains_key(lock) {
            return Vec::new();
        }
        let mut found: Vec<(FnId, Uses)> = self.locks.get(lock).cloned().unwrap_or_default();
        let mut aliases: Vec<&String> = self
            .aliases
            .iter()
            .filter(|(_, of)| *of == lock)
            .map(|(alias, _)| alias)
            .collect();
        aliases.sort();
        for alias in aliases {
            found.extend(self.locks.get(alias).into_iter().flatten().cloned());
        }
        found
    }
}

/// The direct facts of one body.
pub(crate) fn collect(
    scope: &Scope<'_>,
    sig: &syn::Signature,
    body: &Block,
    acquired: &[Acquired],
) -> Direct {
    let program = scope.program;
    let mut direct = Direct::default();
    let def = scope.function.map(|id| program.function(id));
    for found in acquired {
        let Some(kind) = kind_of(program, &found.protects) else {
            continue;
        };
        let mut classify = Classifier::new(
            scope,
            kind,
            found.protects.clone(),
            Target::Site(found.site),
        );
        classify.visit_block(body);
        let Some(receiver) = classify.lock_receiver else {
            // Taken where this walk does not see it (inside a macro's
            // arguments, parsed apart): a use not followed.
            if let Some(place) = &found.lock {
                direct.sections.push(Section {
                    lock: LockRef::Place(place.clone()),
                    uses: Uses {
                        whole: true,
                        ..Uses::default()
                    },
                });
            }
            continue;
        };
        let lock = match &found.lock {
            Some(place) => LockRef::Place(place.clone()),
            None => {
                // A lock reached through a parameter: `counter.lock()`.
                let Some(name) = crate::syntax::local_name(peel(receiver)) else {
                    continue;
                };
                let name = crate::program::unraw(name);
                let position = def.and_then(|def| {
                    def.params
                        .iter()
                        .position(|(param, _)| param.as_deref() == Some(name.as_str()))
                });
                match position {
                    Some(index) => LockRef::Param(index),
                    None => continue,
                }
            }
        };
        direct.sections.push(Section {
            lock,
            uses: classify.uses,
        });
    }
    // Fields and parameters given to other functions, as written.
    if let Some(def) = def {
        // What macros hold (`tokio::select!` branches, `format!` arguments),
        // parsed apart.
        let inside = macro_exprs(body);
        let mut found = Passes {
            scope,
            def,
            lets: HashMap::new(),
            direct: &mut direct,
        };
        found.lets_of(body, &inside);
        found.visit_block(body);
        for expr in &inside {
            found.visit_expr(expr);
        }
    }
    // The receiver and the parameters a guard may be handed to.
    if let Some(def) = def {
        let receiver = sig
            .inputs
            .iter()
            .any(|input| matches!(input, syn::FnArg::Receiver(_)));
        if receiver {
            if let Some(self_ty) = &scope.self_ty {
                if kind_of(program, self_ty) == Some(Kind::Struct) {
                    let mut classify = Classifier::new(
                        scope,
                        Kind::Struct,
                        self_ty.clone(),
                        Target::Name("self".into()),
                    );
                    classify.bound = true;
                    classify.visit_block(body);
                    direct.slots.push((Slot::Receiver, classify.uses));
                }
            }
        }
        for (index, (name, ty)) in def.params.iter().enumerate() {
            let (Some(name), Some(kind)) = (name, kind_of(program, ty)) else {
                continue;
            };
            if kind == Kind::Counter {
                continue;
            }
            let mut classify = Classifier::new(
                scope,
                kind,
                ty.strip_refs().clone(),
                Target::Name(name.as_str().into()),
            );
            classify.bound = true;
            classify.visit_block(body);
            direct.slots.push((Slot::Param(index), classify.uses));
        }
    }
    direct
}

/// Every section of every lock, from the direct facts of every body.
pub fn solve(direct: &HashMap<FnId, &Direct>) -> Guarded {
    let mut locks: HashMap<String, Vec<(FnId, Uses)>> = HashMap::new();
    // The fields and statics each parameter may be, through chains of calls.
    let mut sources: HashMap<(FnId, usize), BTreeSet<String>> = HashMap::new();
    for facts in direct.values() {
        for (callee, index, place) in &facts.passes {
            sources
                .entry((*callee, *index))
                .or_default()
                .insert(place.clone());
        }
    }
    for _ in 0..4 {
        let mut changed = false;
        for (caller, facts) in direct {
            for (callee, index, own) in &facts.param_passes {
                let Some(places) = sources.get(&(*caller, *own)).cloned() else {
                    continue;
                };
                let into = sources.entry((*callee, *index)).or_default();
                let before = into.len();
                into.extend(places);
                changed |= into.len() != before;
            }
        }
        if !changed {
            break;
        }
    }
    // A field every literal fills with a clone of one other field.
    let mut inits: HashMap<&String, Option<&String>> = HashMap::new();
    for facts in direct.values() {
        for (field, from) in &facts.inits {
            let entry = inits.entry(field).or_insert(from.as_ref());
            if *entry != from.as_ref() {
                *entry = None;
            }
        }
    }
    let mut aliases: HashMap<String, String> = inits
        .into_iter()
        .filter_map(|(field, from)| Some((field.clone(), from?.clone())))
        .filter(|(field, from)| field != from)
        .collect();
    let chained: Vec<String> = aliases
        .iter()
        .filter(|(_, from)| aliases.contains_key(*from))
        .map(|(field, _)| field.clone())
        .collect();
    for field in chained {
        aliases.remove(&field);
    }
    for (id, facts) in direct {
        for section in &facts.sections {
            let uses = resolve(&section.uses, direct, 0);
            match &section.lock {
                LockRef::Place(place) => locks.entry(place.clone()).or_default().push((*id, uses)),
                LockRef::Param(index) => {
                    for place in sources.get(&(*id, *index)).into_iter().flatten() {
                        locks
                            .entry(place.clone())
                            .or_default()
                            .push((*id, uses.clone()));
                    }
                }
            }
        }
    }
    Guarded { locks, aliases }
}

/// The uses with every hand-off to a function replaced by what that
/// function does with the parameter.
fn resolve(uses: &Uses, direct: &HashMap<FnId, &Direct>, depth: usize) -> Uses {
    let mut resolved = Uses {
        passed: Vec::new(),
        ..uses.clone()
    };
    for (callee, slot) in &uses.passed {
        let found = direct
            .get(callee)
            .and_then(|facts| facts.slots.iter().find(|(at, _)| at == slot));
        match found {
            Some((_, inner)) if depth < 4 => resolved.merge(&resolve(inner, direct, depth + 1)),
            // A recursive call hands the value to itself: nothing new.
            Some(_) => {}
            None => resolved.whole = true,
        }
    }
    resolved
}
