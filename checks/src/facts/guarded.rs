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

/// What a classifier follows.
enum Target {
    /// The guard taken at this expression, until it is bound to a name.
    Site(*const ()),
    /// A guard, parameter or receiver bound to this name.
    Name(std::rc::Rc<str>),
}

/// Methods of the acquiring chain that hand the guard on.
const CHAIN: &[&str] = &["unwrap", "expect", "map_err", "unwrap_or_else", "unwrap_or"];

/// Map operations on one key (the first argument).
const ONE_KEY_OPS: &[&str] = &[
    "get",
    "get_mut",
    "insert",
    "remove",
    "entry",
    "contains_key",
    "get_key_value",
    "remove_entry",
];

/// Calls that are not work of their own while a guard is held.
const NEUTRAL_METHODS: &[&str] = &[
    "clone",
    "to_owned",
    "into",
    "try_into",
    "to_string",
    "wrapping_add",
    "wrapping_sub",
    "checked_add",
    "checked_sub",
    "saturating_add",
    "saturating_sub",
    "max",
    "min",
    "unwrap",
    "expect",
    "unwrap_or",
    "unwrap_or_default",
    "is_some",
    "is_none",
    "is_ok",
    "is_err",
    "abs",
];

const NEUTRAL_MACROS: &[&str] = &[
    "format",
    "format_args",
    "trace",
    "debug",
    "info",
    "warn",
    "error",
    "log",
    "event",
    "assert",
    "assert_eq",
    "assert_ne",
    "debug_assert",
    "debug_assert_eq",
    "debug_assert_ne",
];

struct Classifier<'s, 'p, 'a> {
    scope: &'s Scope<'p>,
    kind: Kind,
    /// The protected value's type.
    protects: Ty,
    target: Target,
    /// Following a named guard (or a parameter): other work and
    /// comparisons count, values computed from it are followed.
    bound: bool,
    /// Names holding values computed from the protected value.
    derived: Vec<String>,
    uses: Uses,
    /// The section ended (`drop(g)`, the name shadowed).
    done: bool,
    /// The lock the site takes, as written (`self.n` in `self.n.lock()`).
    lock_receiver: Option<&'a Expr>,
    /// Loops and closures entered: their bodies may run many times.
    depth: usize,
    /// `depth` where the guard was bound: a loop entered after it runs
    /// inside the section.
    bound_depth: usize,
}

impl<'s, 'p, 'a> Classifier<'s, 'p, 'a> {
    fn new(scope: &'s Scope<'p>, kind: Kind, protects: Ty, target: Target) -> Self {
        Classifier {
            scope,
            kind,
            protects,
            target,
            bound: false,
            derived: Vec::new(),
            uses: Uses::default(),
            done: false,
            lock_receiver: None,
            depth: 0,
            bound_depth: 0,
        }
    }

    fn program(&self) -> &'p Program {
        self.scope.program
    }

    /// Whether comparisons, other work and derived values matter: for a
    /// counter behind a named guard.
    fn judge(&self) -> bool {
        self.bound && self.kind == Kind::Counter
    }

    /// Whether `expr` is the target: the name, or the whole acquiring chain.
    fn is_target(&self, expr: &Expr) -> bool {
        match &self.target {
            Target::Name(name) => is_name(expr, name),
            Target::Site(site) => self.chain_site(expr).is_some_and(|found| found == *site),
        }
    }

    /// The acquiring expression a chain (`x.lock().unwrap()`, `x.lock().await?`) ends at.
    fn chain_site(&self, expr: &Expr) -> Option<*const ()> {
        let Target::Site(site) = self.target else {
            return None;
        };
        let mut current = expr;
        loop {
            current = match current {
                Expr::Paren(inner) => &inner.expr,
                Expr::Group(inner) => &inner.expr,
                Expr::Try(attempt) => &attempt.expr,
                Expr::Await(awaited) => {
                    if std::ptr::eq((awaited as *const syn::ExprAwait).cast(), site) {
                        return Some(site);
                    }
                    &awaited.base
                }
                Expr::MethodCall(call) => {
                    if std::ptr::eq((call as *const syn::ExprMethodCall).cast(), site) {
                        return Some(site);
                    }
                    if CHAIN.iter().any(|name| call.method == name) {
                        &call.receiver
                    } else {
                        return None;
                    }
                }
                _ => return None,
            };
        }
    }

    /// Notes the lock an acquiring chain takes.
    fn note_receiver(&mut self, chain: &'a Expr) {
        let Target::Site(site) = self.target else {
            return;
        };
        let mut current = chain;
        loop {
            current = match current {
                Expr::Paren(inner) => &inner.expr,
                Expr::Group(inner) => &inner.expr,
                Expr::Try(attempt) => &attempt.expr,
                Expr::Await(awaited) => &awaited.base,
                Expr::MethodCall(call) => {
                    if std::ptr::eq((call as *const syn::ExprMethodCall).cast(), site)
                        || !CHAIN.iter().any(|name| call.method == name)
                    {
                        self.lock_receiver = Some(&call.receiver);
                        self.uses.taken_with = Some(crate::program::unraw(&call.method));
                        return;
                    }
                    &call.receiver
                }
                _ => return,
            };
        }
    }

    /// `*T`, `T.field`, `T[key]`: a place reached through the target.
    fn place(&self, expr: &Expr) -> Option<Place> {
        match peel(expr) {
            Expr::Unary(unary)
                if matches!(unary.op, UnOp::Deref(_)) && self.is_target(&unary.expr) =>
            {
                Some(Place::Value)
            }
            Expr::Field(field) if self.is_target(peel_deref(&field.base)) => {
                Some(Place::Field(member(&field.member)))
            }
            Expr::Index(index) if self.is_target(peel_deref(&index.expr)) => {
                Some(Place::Key(text(&*index.index)))
            }
            _ => None,
        }
    }

    /// Whether `expr` reads the protected value or a value computed from it.
    fn mentions_value(&self, expr: &Expr) -> bool {
        struct Mentions<'c, 's, 'p, 'a> {
            classifier: &'c Classifier<'s, 'p, 'a>,
            found: bool,
        }
        impl<'ast> Visit<'ast> for Mentions<'_, '_, '_, '_> {
            fn visit_expr(&mut self, expr: &'ast Expr) {
                if self.found {
                    return;
                }
                if self.classifier.is_target(expr)
                    || local(expr).is_some_and(|name| self.classifier.derived.contains(&name))
                {
                    self.found = true;
                    return;
                }
                visit::visit_expr(self, expr);
            }
            fn visit_macro(&mut self, mac: &'ast syn::Macro) {
                if let Target::Name(target) = &self.classifier.target {
                    self.found |= mac.tokens.clone().into_iter().any(|token| {
                        mentions_ident(&token, target)
                            || self
                                .classifier
                                .derived
                                .iter()
                                .any(|derived| mentions_ident(&token, derived))
                    });
                }
            }
        }
        let mut mentions = Mentions {
            classifier: self,
            found: false,
        };
        mentions.visit_expr(expr);
        mentions.found
    }

    /// `*T` or a name computed from it: the old value, read.
    fn is_old_value(&self, expr: &Expr) -> bool {
        match peel(expr) {
            Expr::Unary(unary) if matches!(unary.op, UnOp::Deref(_)) => self.is_target(&unary.expr),
            Expr::MethodCall(call) if call.method == "clone" && call.args.is_empty() => {
                self.is_old_value(&call.receiver)
            }
            other => local(other).is_some_and(|name| self.derived.contains(&name)),
        }
    }

    /// `*T = rhs`.
    fn store(&mut self, rhs: &'a Expr) {
        if self.kind != Kind::Counter {
            // The whole map or struct replaced.
            self.uses.whole = true;
            self.visit_expr(rhs);
            return;
        }
        if !self.mentions_value(rhs) {
            self.uses.ops |= ops::STORE;
            self.visit_expr(rhs);
            return;
        }
        match self.update_of(rhs) {
            Some((op, operand)) => {
                self.uses.ops |= op;
                if let Some(operand) = operand {
                    self.visit_expr(operand);
                }
            }
            None => self.uses.whole = true,
        }
    }

    /// `old + x`, `max(old, x)`, `!old`, ...: the operation and the operand.
    fn update_of(&self, rhs: &'a Expr) -> Option<(u16, Option<&'a Expr>)> {
        let pair = |a: &'a Expr, b: &'a Expr| -> Option<&'a Expr> {
            if self.is_old_value(a) && !self.mentions_value(b) {
                Some(b)
            } else if self.is_old_value(b) && !self.mentions_value(a) {
                Some(a)
            } else {
                None
            }
        };
        match peel(rhs) {
            Expr::Binary(binary) => {
                let op = match binary.op {
                    BinOp::Add(_) => ops::ADD,
                    BinOp::Sub(_) => {
                        return (self.is_old_value(&binary.left)
                            && !self.mentions_value(&binary.right))
                        .then_some((ops::ADD, Some(&*binary.right)));
                    }
                    BinOp::BitOr(_) | BinOp::BitAnd(_) | BinOp::BitXor(_) => ops::BITS,
                    _ => return None,
                };
                pair(&binary.left, &binary.right).map(|operand| (op, Some(operand)))
            }
            Expr::Unary(unary)
                if matches!(unary.op, UnOp::Not(_)) && self.is_old_value(&unary.expr) =>
            {
                Some((ops::BITS, None))
            }
            Expr::MethodCall(call) if call.args.len() == 1 => {
                let op = match call.method.to_string().as_str() {
                    "wrapping_add" | "wrapping_sub" => ops::ADD,
                    "max" => ops::MAX,
                    "min" => ops::MIN,
                    _ => return None,
                };
                if call.method.to_string().starts_with("wrapping") {
                    return (self.is_old_value(&call.receiver)
                        && !self.mentions_value(&call.args[0]))
                    .then_some((op, Some(&call.args[0])));
                }
                pair(&call.receiver, &call.args[0]).map(|operand| (op, Some(operand)))
            }
            Expr::Call(call) if call.args.len() == 2 => {
                let Expr::Path(func) = &*call.func else {
                    return None;
                };
                let last = func.path.segments.last()?.ident.to_string();
                let op = match last.as_str() {
                    "max" => ops::MAX,
                    "min" => ops::MIN,
                    _ => return None,
                };
                pair(&call.args[0], &call.args[1]).map(|operand| (op, Some(operand)))
            }
            _ => None,
        }
    }

    /// `if x > *g { *g = x; }`: a running maximum (or minimum) written out.
    fn running_extreme(&self, branch: &'a syn::ExprIf) -> Option<(u16, &'a Expr)> {
        if branch.else_branch.is_some() {
            return None;
        }
        let Expr::Binary(cond) = peel(&branch.cond) else {
            return None;
        };
        let (old_on_left, other) =
            if self.is_old_value(&cond.left) && !self.mentions_value(&cond.right) {
                (true, &*cond.right)
            } else if self.is_old_value(&cond.right) && !self.mentions_value(&cond.left) {
                (false, &*cond.left)
            } else {
                return None;
            };
        // `old < x` then `old = x`: the value only grows.
        let grows = match cond.op {
            BinOp::Lt(_) | BinOp::Le(_) => old_on_left,
            BinOp::Gt(_) | BinOp::Ge(_) => !old_on_left,
            _ => return None,
        };
        let [Stmt::Expr(store, _)] = &branch.then_branch.stmts[..] else {
            return None;
        };
        let Expr::Assign(assign) = peel(store) else {
            return None;
        };
        if !matches!(self.place(&assign.left), Some(Place::Value))
            || text(&*assign.right) != text(other)
        {
            return None;
        }
        Some((if grows { ops::MAX } else { ops::MIN }, other))
    }

    /// A method called on the target.
    fn method(&mut self, call: &'a syn::ExprMethodCall) {
        let name = crate::program::unraw(&call.method);
        match self.kind {
            Kind::Counter => {
                // Integer methods take the value by copy.
                self.uses.ops |= ops::READ;
            }
            Kind::Map => {
                if ONE_KEY_OPS.contains(&name.as_str()) && !call.args.is_empty() {
                    self.key(key_text(&call.args[0]));
                    match name.as_str() {
                        "remove" | "remove_entry" => self.uses.ops |= ops::REMOVE,
                        "get_mut" => self.uses.ops |= ops::MUTATE,
                        _ => {}
                    }
                } else if name == "retain" {
                    self.uses.ops |= ops::PER_ENTRY;
                } else {
                    self.uses.whole = true;
                }
            }
            Kind::Struct => match self.program().method(&self.protects, &name) {
                Some(method) if self.program().function(method.id).body.is_some() => {
                    self.uses.passed.push((method.id, Slot::Receiver));
                }
                _ => self.uses.whole = true,
            },
        }
    }

    /// The function of the program a call names.
    fn callee(&self, func: &Expr) -> Option<FnId> {
        let Expr::Path(path) = func else { return None };
        if path.qself.is_some() {
            return None;
        }
        let program = self.program();
        let segments: Vec<String> = path
            .path
            .segments
            .iter()
            .map(|segment| crate::program::unraw(&segment.ident))
            .collect();
        if segments.len() == 2 && segments[0] == "Self" {
            let method = program.associated(self.scope.self_ty.as_ref()?, &segments[1])?;
            return Some(method.id);
        }
        match program.resolve_path(
            self.scope.module,
            path.path.leading_colon.is_some(),
            &segments,
            Ns::Value,
        )? {
            Res::Value(found) => match program.value(&found)? {
                ValueDef::Fn(id) => Some(*id),
                _ => None,
            },
            Res::Assoc(ty, name) => Some(program.associated(&Ty::named(&ty), &name)?.id),
            _ => None,
        }
    }

    /// Ends the section at `drop(T)`.
    fn is_drop(&self, expr: &Expr) -> bool {
        let Expr::Call(call) = peel(expr) else {
            return false;
        };
        let Expr::Path(func) = &*call.func else {
            return false;
        };
        func.path
            .segments
            .last()
            .is_some_and(|last| last.ident == "drop")
            && call.args.len() == 1
            && self.is_target(&call.args[0])
    }

    fn stmts(&mut self, stmts: &'a [Stmt]) {
        for (index, stmt) in stmts.iter().enumerate() {
            if self.done {
                return;
            }
            match stmt {
                Stmt::Local(local) => {
                    let Some(init) = &local.init else { continue };
                    let name = crate::syntax::binding(&local.pat).map(crate::program::unraw);
                    if self.chain_site(&init.expr).is_some() {
                        // `let g = x.lock()?;`: the rest of the block is the section.
                        self.note_receiver(&init.expr);
                        match name {
                            Some(name) if init.diverge.is_none() => {
                                self.target = Target::Name(name.as_str().into());
                                self.bound = true;
                                self.bound_depth = self.depth;
                                self.stmts(&stmts[index + 1..]);
                            }
                            _ => self.uses.whole = true,
                        }
                        self.done = true;
                        return;
                    }
                    self.visit_expr(&init.expr);
                    if let Some((_, otherwise)) = &init.diverge {
                        self.visit_expr(otherwise);
                    }
                    if let Some(name) = name {
                        if self.judge() && self.mentions_value(&init.expr) {
                            self.derived.push(name.clone());
                        }
                        if matches!(&self.target, Target::Name(target) if **target == *name) {
                            // Shadowed: the guard lives on unnamed; stay on the safe side.
                            self.done = true;
                            return;
                        }
                    }
                }
                Stmt::Expr(expr, _) => {
                    if self.bound && self.is_drop(expr) {
                        self.done = true;
                        return;
                    }
                    self.visit_expr(expr);
                }
                Stmt::Macro(mac) => self.visit_macro(&mac.mac),
                Stmt::Item(_) => {}
            }
        }
    }
}

enum Place {
    /// `*T`.
    Value,
    Field(String),
    Key(String),
}

impl<'a> Visit<'a> for Classifier<'_, '_, 'a> {
    fn visit_block(&mut self, block: &'a Block) {
        self.stmts(&block.stmts);
    }

    fn visit_item(&mut self, _item: &'a syn::Item) {}

    fn visit_expr_for_loop(&mut self, looping: &'a syn::ExprForLoop) {
        self.visit_expr(&looping.expr);
        self.repeated(|this| this.visit_block(&looping.body));
    }

    fn visit_expr_while(&mut self, looping: &'a syn::ExprWhile) {
        self.repeated(|this| {
            this.visit_expr(&looping.cond);
            this.visit_block(&looping.body);
        });
    }

    fn visit_expr_loop(&mut self, looping: &'a syn::ExprLoop) {
        self.repeated(|this| this.visit_block(&looping.body));
    }

    fn visit_expr_closure(&mut self, closure: &'a syn::ExprClosure) {
        self.repeated(|this| this.visit_expr(&closure.body));
    }

    fn visit_macro(&mut self, mac: &'a syn::Macro) {
        let name = mac
            .path
            .segments
            .last()
            .map(|segment| segment.ident.to_string())
            .unwrap_or_default();
        let neutral = NEUTRAL_MACROS.contains(&name.as_str());
        if self.judge() && !neutral {
            self.uses.busy = true;
        }
        // The arguments are parsed anew: only a named target can be found in them.
        let Target::Name(target) = &self.target else {
            return;
        };
        let mentioned = mac
            .tokens
            .clone()
            .into_iter()
            .any(|token| mentions_ident(&token, target));
        if !mentioned {
            return;
        }
        let prints = neutral
            || matches!(
                name.as_str(),
                "println" | "eprintln" | "print" | "eprint" | "write" | "writeln"
            );
        let args = crate::syntax::macro_args(mac);
        let mut sub = Classifier::new(
            self.scope,
            self.kind,
            self.protects.clone(),
            Target::Name(target.clone()),
        );
        sub.bound = self.bound;
        sub.depth = self.depth;
        sub.bound_depth = self.bound_depth;
        sub.derived.clone_from(&self.derived);
        for arg in &args {
            if prints && self.kind == Kind::Counter && sub.is_target(arg) {
                // `{}` of the guard shows the value.
                sub.uses.ops |= ops::READ;
            } else {
                sub.visit_expr(arg);
            }
        }
        let found = args.iter().any(|arg| sub.mentions_value(arg));
        if !found {
            // Named in what does not parse as an expression.
            self.uses.whole = true;
        }
        self.uses.merge(&sub.uses);
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        if self.done {
            return;
        }
        if self.is_target(expr) {
            // Used as a value: returned, bound by a pattern, moved, given to unknown code.
            self.note_receiver(expr);
            self.uses.whole = true;
            return;
        }
        match expr {
            Expr::Binary(binary) if is_compound(binary.op) => {
                if let Some(place) = self.place(&binary.left) {
                    match place {
                        Place::Value => {
                            self.uses.whole |= self.kind != Kind::Counter;
                            self.uses.ops |= match binary.op {
                                BinOp::AddAssign(_) | BinOp::SubAssign(_) => ops::ADD,
                                BinOp::BitOrAssign(_)
                                | BinOp::BitAndAssign(_)
                                | BinOp::BitXorAssign(_) => ops::BITS,
                                _ => {
                                    self.uses.whole = true;
                                    0
                                }
                            };
                            if self.mentions_value(&binary.right) {
                                self.uses.whole = true;
                            }
                        }
                        Place::Field(field) => self.field(field, true),
                        Place::Key(key) => self.key(key),
                    }
                    self.note_place_receiver(&binary.left);
                    self.visit_expr(&binary.right);
                    return;
                }
            }
            Expr::Binary(binary)
                if is_comparison(binary.op)
                    && self.judge()
                    && (self.mentions_value(&binary.left)
                        || self.mentions_value(&binary.right)) =>
            {
                self.uses.compares = true;
            }
            Expr::Assign(assign) => {
                if let Some(place) = self.place(&assign.left) {
                    self.note_place_receiver(&assign.left);
                    match place {
                        Place::Value => self.store(&assign.right),
                        Place::Field(field) => {
                            self.field(field, false);
                            self.visit_expr(&assign.right);
                        }
                        Place::Key(key) => {
                            self.key(key);
                            self.visit_expr(&assign.right);
                        }
                    }
                    return;
                }
                if let Some(name) = local(&assign.left) {
                    if self.judge() && self.mentions_value(&assign.right) {
                        self.derived.push(name);
                    }
                }
            }
            Expr::Unary(unary)
                if matches!(unary.op, UnOp::Deref(_)) && self.is_target(&unary.expr) =>
            {
                self.note_receiver(&unary.expr);
                match self.kind {
                    Kind::Counter => self.uses.ops |= ops::READ,
                    _ => self.uses.whole = true,
                }
                return;
            }
            Expr::Field(field) if self.is_target(peel_deref(&field.base)) => {
                self.note_receiver(peel_deref(&field.base));
                self.field(member(&field.member), true);
                return;
            }
            Expr::Index(index) if self.is_target(peel_deref(&index.expr)) => {
                self.note_receiver(peel_deref(&index.expr));
                self.key(text(&*index.index));
                self.visit_expr(&index.index);
                return;
            }
            Expr::MethodCall(call) if self.is_target(peel_deref(&call.receiver)) => {
                self.note_receiver(peel_deref(&call.receiver));
                self.method(call);
                for arg in &call.args {
                    self.visit_expr(arg);
                }
                return;
            }
            Expr::MethodCall(call) => {
                if self.judge()
                    && !NEUTRAL_METHODS.contains(&crate::program::unraw(&call.method).as_str())
                {
                    self.uses.busy = true;
                }
                // `self.helper(&mut g)`: handed to a method of the program.
                let on_self = is_name(&call.receiver, "self");
                for (index, arg) in call.args.iter().enumerate() {
                    if self.is_target(peel_ref(arg)) {
                        self.note_receiver(peel_ref(arg));
                        let method = on_self
                            .then_some(self.scope.self_ty.as_ref())
                            .flatten()
                            .and_then(|self_ty| {
                                self.program()
                                    .method(self_ty, &crate::program::unraw(&call.method))
                            });
                        match method {
                            Some(method) if self.program().function(method.id).body.is_some() => {
                                self.uses.passed.push((method.id, Slot::Param(index)));
                            }
                            _ => self.uses.whole = true,
                        }
                    } else {
                        self.visit_expr(arg);
                    }
                }
                self.visit_expr(&call.receiver);
                return;
            }
            Expr::Call(call) => {
                if self.is_drop(expr) {
                    return;
                }
                let neutral = is_neutral_call(&call.func);
                if self.judge() && !neutral {
                    self.uses.busy = true;
                }
                let callee = self.callee(&call.func);
                for (index, arg) in call.args.iter().enumerate() {
                    if self.is_target(peel_ref(arg)) {
                        self.note_receiver(peel_ref(arg));
                        match (callee, self.kind) {
                            (Some(id), Kind::Map | Kind::Struct)
                                if self.program().function(id).body.is_some() =>
                            {
                                self.uses.passed.push((id, Slot::Param(index)));
                            }
                            _ => self.uses.whole = true,
                        }
                    } else {
                        self.visit_expr(arg);
                    }
                }
                return;
            }
            Expr::Match(matching)
                if (self.judge() || !self.bound) && self.mentions_value(&matching.expr) =>
            {
                // The arms run with the guard held, on what it showed.
                self.uses.compares = true;
            }
            Expr::If(branch) => {
                if let Expr::Let(binding) = &*branch.cond {
                    if self.chain_site(&binding.expr).is_some() {
                        self.if_let_guard(binding, branch);
                        return;
                    }
                    if (self.judge() || !self.bound) && self.mentions_value(&binding.expr) {
                        self.uses.compares = true;
                    }
                } else if self.judge() && self.mentions_value(&branch.cond) {
                    if let Some((op, operand)) = self.running_extreme(branch) {
                        self.uses.ops |= op | ops::READ;
                        self.visit_expr(operand);
                        return;
                    }
                    self.uses.compares = true;
                }
            }
            Expr::While(looping)
                if (self.judge() || !self.bound) && self.mentions_value(&looping.cond) =>
            {
                self.uses.compares = true;
            }
            Expr::Await(_) if self.judge() => self.uses.busy = true,
            _ => {}
        }
        visit::visit_expr(self, expr);
    }
}

impl<'a> Classifier<'_, '_, 'a> {
    /// A field touched; `read` unless it is only assigned (`g.f = x`).
    fn field(&mut self, field: String, read: bool) {
        match self.kind {
            Kind::Struct => {
                if read {
                    self.uses.read_fields.insert(field.clone());
                }
                self.uses.fields.insert(field);
            }
            _ => self.uses.whole = true,
        }
    }

    fn key(&mut self, key: String) {
        match self.kind {
            Kind::Map => {
                self.uses.ops |= ops::ONE_KEY;
                if self.bound && self.depth > self.bound_depth {
                    // `for k in ks { g.insert(k, ..) }`: a key per round.
                    self.uses.ops |= ops::MANY_KEYS;
                }
                self.uses.keys.insert(key);
            }
            _ => self.uses.whole = true,
        }
    }

    /// Visits what may run many times: a loop's body, a closure's.
    fn repeated(&mut self, visit: impl FnOnce(&mut Self)) {
        self.depth += 1;
        visit(self);
        self.depth -= 1;
    }

    fn note_place_receiver(&mut self, place: &'a Expr) {
        match peel(place) {
            Expr::Unary(unary) => self.note_receiver(&unary.expr),
            Expr::Field(field) => self.note_receiver(peel_deref(&field.base)),
            Expr::Index(index) => self.note_receiver(peel_deref(&index.expr)),
            _ => {}
        }
    }

    /// `if let Ok(mut g) = x.try_lock() { .. }`: the body is the section.
    fn if_let_guard(&mut self, binding: &'a syn::ExprLet, branch: &'a syn::ExprIf) {
        self.note_receiver(&binding.expr);
        let name = match &*binding.pat {
            Pat::TupleStruct(tuple) if tuple.elems.len() == 1 => {
                crate::syntax::binding(&tuple.elems[0])
            }
            other => crate::syntax::binding(other),
        };
        let Some(name) = name else {
            self.uses.whole = true;
            self.done = true;
            return;
        };
        self.target = Target::Name(crate::program::unraw(name).as_str().into());
        self.bound = true;
        self.bound_depth = self.depth;
        self.visit_block(&branch.then_branch);
        self.done = true;
    }
}

fn mentions_ident(token: &proc_macro2::TokenTree, name: &str) -> bool {
    match token {
        proc_macro2::TokenTree::Ident(ident) => ident == name,
        proc_macro2::TokenTree::Group(group) => group
            .stream()
            .into_iter()
            .any(|inner| mentions_ident(&inner, name)),
        _ => false,
    }
}

fn is_name(expr: &Expr, name: &str) -> bool {
    local(expr).is_some_and(|found| found == name)
}

fn local(expr: &Expr) -> Option<String> {
    crate::syntax::local_name(peel(expr)).map(crate::program::unraw)
}

fn member(member: &syn::Member) -> String {
    match member {
        syn::Member::Named(ident) => crate::program::unraw(ident),
        syn::Member::Unnamed(index) => index.index.to_string(),
    }
}

fn key_text(key: &Expr) -> String {
    let key = match peel(key) {
        Expr::Reference(reference) => &*reference.expr,
        other => other,
    };
    text(key)
}

fn peel(mut expr: &Expr) -> &Expr {
    loop {
        expr = match expr {
            Expr::Paren(inner) => &inner.expr,
            Expr::Group(inner) => &inner.expr,
            _ => return expr,
        };
    }
}

/// `*x`, `(*x)` -> `x`.
fn peel_deref(expr: &Expr) -> &Expr {
    match peel(expr) {
        Expr::Unary(unary) if matches!(unary.op, UnOp::Deref(_)) => peel(&unary.expr),
        other => other,
    }
}

/// `&x`, `&mut *x`, `x` -> `x`.
fn peel_ref(expr: &Expr) -> &Expr {
    match peel(expr) {
        Expr::Reference(reference) => peel_deref(&reference.expr),
        other => peel_deref(other),
    }
}

/// `Ok(..)`, `Some(..)`, a tuple struct, `Id::from(..)`, `cmp::max(..)`, `drop(..)`.
fn is_neutral_call(func: &Expr) -> bool {
    let Expr::Path(path) = func else { return false };
    let Some(last) = path.path.segments.last() else {
        return false;
    };
    let name = last.ident.to_string();
    name.starts_with(char::is_uppercase) || matches!(name.as_str(), "from" | "max" | "min" | "drop")
}

fn is_compound(op: BinOp) -> bool {
    matches!(
        op,
        BinOp::AddAssign(_)
            | BinOp::SubAssign(_)
            | BinOp::MulAssign(_)
            | BinOp::DivAssign(_)
            | BinOp::RemAssign(_)
            | BinOp::BitXorAssign(_)
            | BinOp::BitAndAssign(_)
            | BinOp::BitOrAssign(_)
            | BinOp::ShlAssign(_)
            | BinOp::ShrAssign(_)
    )
}

fn is_comparison(op: BinOp) -> bool {
    matches!(
        op,
        BinOp::Eq(_) | BinOp::Ne(_) | BinOp::Lt(_) | BinOp::Le(_) | BinOp::Gt(_) | BinOp::Ge(_)
    )
}

/// Whether the guard `lock.method()` gives is shared (an `RwLock`'s read
/// guard, which waits only for writers): `None` when the method or its
/// guard is not known.
pub fn takes_shared(program: &Program, lock: &Ty, method: Option<&str>) -> Option<bool> {
    use crate::program::TypeMark;
    fn guard(program: &Program, ty: &Ty, depth: usize) -> Option<bool> {
        let marks = program.marks(ty);
        if marks.contains(&TypeMark::SyncGuard) || marks.contains(&TypeMark::AsyncGuard) {
            return Some(marks.contains(&TypeMark::SharedGuard));
        }
        if depth > 3 {
            return None;
        }
        match ty.strip_refs() {
            // `LockResult<RwLockReadGuard<T>>`, `Option<..>`, a future of it.
            Ty::Named(_, args) => args.iter().find_map(|arg| guard(program, arg, depth + 1)),
            Ty::Future(output) => guard(program, output, depth + 1),
            _ => None,
        }
    }
    let found = program.method(lock, method?)?;
    guard(program, &found.ret, 0)
}

/// A field or static whose type holds a lock, as declared.
pub(crate) struct LockDecl<'a> {
    /// The lock's identity: `app::Client.next_id`, `app::CACHE`.
    pub place: String,
    /// The field's or static's name.
    pub name: String,
    /// The lock's type (`Mutex<u64>`), inside any `Arc` or `LazyLock`.
    pub lock: Ty,
    /// What it protects.
    pub protects: Ty,
    /// Where it is written.
    pub ty: &'a syn::Type,
}

/// Calls `found` for every field and static of `items` (module `module`,
/// inline modules included) whose resolved type holds a lock, with the
/// `#[unmixed::allow]` scopes of its item and field in force.
pub(crate) fn lock_declarations<'a>(
    program: &Program,
    items: &'a [syn::Item],
    module: &str,
    report: &mut crate::Report,
    found: &mut dyn FnMut(LockDecl<'a>, &mut crate::Report),
) {
    for item in items {
        report.allowing(crate::syntax::item_attrs(item), |report| match item {
            syn::Item::Struct(item) => {
                let path = format!("{module}::{}", crate::program::unraw(&item.ident));
                let Some(def) = program.type_def(&path) else {
                    return;
                };
                for (index, field) in item.fields.iter().enumerate() {
                    let name = field
                        .ident
                        .as_ref()
                        .map_or_else(|| index.to_string(), crate::program::unraw);
                    let Some((_, declared)) = def.fields.iter().find(|(field, _)| *field == name)
                    else {
                        continue;
                    };
                    let Some((lock, protects)) = lock_in(program, declared) else {
                        continue;
                    };
                    let place = format!("{path}.{name}");
                    report.allowing(&field.attrs, |report| {
                        found(
                            LockDecl {
                                place,
                                name,
                                lock,
                                protects,
                                ty: &field.ty,
                            },
                            report,
                        );
                    });
                }
            }
            syn::Item::Static(item) => {
                let path = format!("{module}::{}", crate::program::unraw(&item.ident));
                let Some(ValueDef::Static(declared)) = program.value(&path) else {
                    return;
                };
                if let Some((lock, protects)) = lock_in(program, declared) {
                    found(
                        LockDecl {
                            place: path,
                            name: crate::program::unraw(&item.ident),
                            lock,
                            protects,
                            ty: &item.ty,
                        },
                        report,
                    );
                }
            }
            syn::Item::Mod(inner) => {
                if let Some((_, content)) = &inner.content {
                    let path = format!("{module}::{}", crate::program::unraw(&inner.ident));
                    lock_declarations(program, content, &path, report, found);
                }
            }
            _ => {}
        });
    }
}

/// The lock a declared type holds (through `Arc`, `Box`, `LazyLock`,
/// `OnceLock`, ...), and what it protects.
pub(crate) fn lock_in(program: &Program, ty: &Ty) -> Option<(Ty, Ty)> {
    use crate::program::TypeMark;
    let mut current = ty.strip_refs().clone();
    for _ in 0..4 {
        let marks = program.marks(&current);
        if marks.contains(&TypeMark::SyncLock) || marks.contains(&TypeMark::AsyncLock) {
            let protects = current.arg(0);
            return protects.is_known().then_some((current, protects));
        }
        current = match current.path() {
            Some("std::sync::OnceLock" | "once_cell::sync::OnceCell") => current.arg(0),
            _ => program.deref(&current)?.strip_refs().clone(),
        };
    }
    None
}

/// The syntax of the lock inside a declared type (`Mutex<u64>` in
/// `Arc<Mutex<u64>>`), found by the lock's name; the whole type otherwise.
pub(crate) fn lock_syntax<'a>(ty: &'a syn::Type, lock: &Ty) -> &'a syn::Type {
    let name = lock
        .path()
        .and_then(|path| path.rsplit("::").next())
        .unwrap_or_default();
    let mut current = ty;
    for _ in 0..4 {
        let syn::Type::Path(path) = current else {
            break;
        };
        let Some(last) = path.path.segments.last() else {
            break;
        };
        if last.ident == name {
            return current;
        }
        let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
            break;
        };
        let Some(inner) = args.args.iter().find_map(|arg| match arg {
            syn::GenericArgument::Type(inner) => Some(inner),
            _ => None,
        }) else {
            break;
        };
        current = inner;
    }
    ty
}

/// Arguments of calls of the program's functions that are a field of
/// `self` (also through a `let` of the function: `let services =
/// self.services.clone();`) or a parameter of the function.
struct Passes<'s, 'p, 'd> {
    scope: &'s Scope<'p>,
    def: &'p crate::program::FnDef,
    /// Names bound once in the body, with what they are bound to.
    lets: HashMap<String, Option<&'s Expr>>,
    direct: &'d mut Direct,
}

impl<'s> Passes<'s, '_, '_> {
    fn lets_of(&mut self, body: &'s Block, inside: &'s [Expr]) {
        struct Lets<'m, 's>(&'m mut HashMap<String, Option<&'s Expr>>);
        impl<'s> Visit<'s> for Lets<'_, 's> {
            fn visit_local(&mut self, local: &'s syn::Local) {
                if let (Some(name), Some(init)) = (crate::syntax::binding(&local.pat), &local.init)
                {
                    let name = crate::program::unraw(name);
                    // Bound twice: which one a use means is not known.
                    let entry = self.0.entry(name).or_insert(Some(&init.expr));
                    if !entry.is_some_and(|bound| std::ptr::eq(bound, &*init.expr)) {
                        *entry = None;
                    }
                }
                visit::visit_local(self, local);
            }
            fn visit_item(&mut self, _item: &'s syn::Item) {}
        }
        let mut lets = Lets(&mut self.lets);
        lets.visit_block(body);
        for expr in inside {
            lets.visit_expr(expr);
        }
    }

    /// The field of `self` an argument is (`self.x`, `&self.x`,
    /// `self.x.clone()`, `Arc::clone(&self.x)`), as a place.
    fn place(&self, arg: &Expr, depth: usize) -> Option<String> {
        let arg = shared_value(arg);
        if let Expr::Field(field) = arg {
            if !is_name(&field.base, "self") {
                return None;
            }
            let self_ty = self.scope.self_ty.as_ref()?;
            let name = member(&field.member);
            let (owner, _) = self.scope.program.field_of(self_ty, &name)?;
            return (!owner.is_empty()).then(|| format!("{owner}.{name}"));
        }
        let name = local(arg)?;
        let bound = (*self.lets.get(&name)?)?;
        if depth > 2 {
            return None;
        }
        self.place(bound, depth + 1)
    }

    /// The struct of the program a literal's path names.
    fn struct_path(&self, path: &syn::Path) -> Option<String> {
        let program = self.scope.program;
        let segments: Vec<String> = path
            .segments
            .iter()
            .map(|segment| crate::program::unraw(&segment.ident))
            .collect();
        let found = if segments.len() == 1 && segments[0] == "Self" {
            self.scope.self_ty.as_ref()?.path()?.to_owned()
        } else {
            match program.resolve_path(
                self.scope.module,
                path.leading_colon.is_some(),
                &segments,
                Ns::Type,
            )? {
                Res::Type(found) => found,
                _ => return None,
            }
        };
        let def = program.type_def(&found)?;
        (def.file.is_some() && def.kind == TypeKind::Struct).then_some(found)
    }

    fn record(&mut self, callee: FnId, args: &syn::punctuated::Punctuated<Expr, syn::Token![,]>) {
        for (index, arg) in args.iter().enumerate() {
            if let Some(place) = self.place(arg, 0) {
                let passes = &mut self.direct.passes;
                if !passes
                    .iter()
                    .any(|(at, i, p)| *at == callee && *i == index && *p == place)
                {
                    passes.push((callee, index, place));
                }
                continue;
            }
            let Some(name) = local(shared_value(arg)) else {
                continue;
            };
            if self.lets.contains_key(&name) {
                continue;
            }
            let own = self
                .def
                .params
                .iter()
                .position(|(param, _)| param.as_deref() == Some(name.as_str()));
            if let Some(own) = own {
                let passes = &mut self.direct.param_passes;
                if !passes.contains(&(callee, index, own)) {
                    passes.push((callee, index, own));
                }
            }
        }
    }
}

impl<'s> Visit<'s> for Passes<'s, '_, '_> {
    fn visit_expr_struct(&mut self, literal: &'s syn::ExprStruct) {
        if let Some(owner) = self.struct_path(&literal.path) {
            for field in &literal.fields {
                let from = self.place(&field.expr, 0);
                let init = (format!("{owner}.{}", member(&field.member)), from);
                if !self.direct.inits.contains(&init) {
                    self.direct.inits.push(init);
                }
            }
        }
        visit::visit_expr_struct(self, literal);
    }

    fn visit_expr_call(&mut self, call: &'s syn::ExprCall) {
        let callee = Classifier::new(
            self.scope,
            Kind::Counter,
            Ty::Unknown,
            Target::Name("".into()),
        )
        .callee(&call.func);
        if let Some(callee) = callee {
            self.record(callee, &call.args);
        }
        visit::visit_expr_call(self, call);
    }

    fn visit_expr_method_call(&mut self, call: &'s syn::ExprMethodCall) {
        if is_name(&call.receiver, "self") {
            let name = crate::program::unraw(&call.method);
            let method = self
                .scope
                .self_ty
                .as_ref()
                .and_then(|self_ty| self.scope.program.method(self_ty, &name));
            if let Some(method) = method {
                self.record(method.id, &call.args);
            }
        }
        visit::visit_expr_method_call(self, call);
    }

    fn visit_item(&mut self, _item: &'s syn::Item) {}
}

/// The expressions inside the macros of a body (the futures and handlers
/// of a `select!`, the arguments of others), macros inside them included.
fn macro_exprs(body: &Block) -> Vec<Expr> {
    #[derive(Default)]
    struct Macros(Vec<syn::Macro>);
    impl<'a> Visit<'a> for Macros {
        fn visit_macro(&mut self, mac: &'a syn::Macro) {
            self.0.push(mac.clone());
        }
        fn visit_item(&mut self, _item: &'a syn::Item) {}
    }
    let mut found = Macros::default();
    found.visit_block(body);
    let mut exprs = Vec::new();
    for _ in 0..4 {
        let macros = std::mem::take(&mut found.0);
        if macros.is_empty() {
            break;
        }
        for mac in &macros {
            let name = mac
                .path
                .segments
                .last()
                .map(|segment| segment.ident.to_string())
                .unwrap_or_default();
            let parsed: Vec<Expr> = if matches!(name.as_str(), "select" | "select_biased") {
                crate::syntax::select_branches(mac)
                    .into_iter()
                    .flat_map(|branch| branch.future.into_iter().chain(branch.handler))
                    .collect()
            } else {
                crate::syntax::macro_args(mac)
            };
            for expr in &parsed {
                found.visit_expr(expr);
            }
            exprs.extend(parsed);
        }
    }
    exprs
}

/// `&x`, `x.clone()`, `Arc::clone(&x)`, `x` -> `x`: the same shared value.
fn shared_value(expr: &Expr) -> &Expr {
    match peel(expr) {
        Expr::Reference(reference) => shared_value(&reference.expr),
        Expr::MethodCall(call) if call.method == "clone" && call.args.is_empty() => {
            shared_value(&call.receiver)
        }
        Expr::Call(call) if call.args.len() == 1 => {
            let is_clone = matches!(&*call.func, Expr::Path(path)
                if path.path.segments.len() >= 2
                    && path.path.segments.last().is_some_and(|last| last.ident == "clone"));
            if is_clone {
                shared_value(&call.args[0])
            } else {
                expr
            }
        }
        other => other,
    }
}
