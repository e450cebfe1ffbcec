//! WRONG_MODEL_FOR_WORKLOAD (warning): shared state whose access pattern
//! calls for another model.
//!
//! Catches, on struct fields and statics:
//! - a `Mutex`/`RwLock` around a lone integer or `bool`: one atomic does the
//!   same without a lock;
//! - a `Mutex<HashMap<..>>` (or `RwLock`, `BTreeMap`) whose every lock in the
//!   file reads or writes a single key: the entries are independent, so one
//!   lock serialises unrelated work; shard it or give each key an actor.
//!
//! Leaves alone: a lock around a flag or counter in a file that uses a
//! `Condvar` (waiting needs the mutex); maps locked anywhere for iteration,
//! length, clearing, or handed to other code; locals, whose sharing the
//! file does not show.

use std::collections::{HashMap, HashSet};

use syn::visit::Visit;
use syn::{Expr, ExprMethodCall, GenericArgument, Member, PathArguments, Type};

use crate::syntax::{local_name, segments};
use crate::{Code, Finding, Location, Report};

const LOCKS: &[&str] = &["Mutex", "RwLock"];
const PLAIN: &[&str] = &[
    "bool", "u8", "u16", "u32", "u64", "usize", "i8", "i16", "i32", "i64", "isize",
];
const MAPS: &[&str] = &["HashMap", "BTreeMap"];
const ONE_KEY_OPS: &[&str] = &[
    "get",
    "get_mut",
    "insert",
    "remove",
    "entry",
    "contains_key",
];
const UNWRAPS: &[&str] = &["unwrap", "expect"];
const ACQUIRE: &[&str] = &["lock", "read", "write"];

/// Runs the workload checks over a file.
pub fn check(file: &syn::File, report: &mut Report) {
    check_items(&file.items, report);
}

/// Runs the workload checks over a file's items.
pub fn check_items(items: &[syn::Item], report: &mut Report) {
    let mut shared = SharedDeclarations::default();
    for item in items {
        shared.visit_item(item);
    }
    let mut uses = MapUses::new(
        shared
            .maps
            .keys()
            .chain(shared.plain_locks.iter().map(|(name, _, _)| name))
            .cloned()
            .collect(),
    );
    for item in items {
        uses.visit_item(item);
    }
    if !shared.uses_condvar {
        for (name, location, inner) in &shared.plain_locks {
            // A guard kept in a variable protects more than the value: the
            // lock is a critical section around other work, not a counter.
            if uses.held.contains(name) {
                continue;
            }
            report.push(Finding::new(
                Code::WRONG_MODEL_FOR_WORKLOAD,
                *location,
                format!("a lock around a lone `{inner}`: every reader and writer queues for a value one atomic instruction could update"),
                format!("use `{}` and `fetch_add`/`load`/`store`, or a `#[counter]` field of `#[unmixed::shared_state]`", atomic_for(inner)),
            ));
        }
    }
    for (name, location) in &shared.maps {
        let one_key_sites = uses.one_key.get(name).copied().unwrap_or(0);
        if one_key_sites >= 2 && !uses.other.contains(name) {
            report.push(Finding::new(
                Code::WRONG_MODEL_FOR_WORKLOAD,
                *location,
                format!(
                    "every lock of `{name}` touches a single key: the entries are independent, \
                     yet one lock makes every access wait for every other"
                ),
                "shard the map (N maps behind N locks, picked by key hash), use a concurrent map, \
                 or give each key its own `#[unmixed::actor]`",
            ));
        }
    }
}

fn atomic_for(inner: &str) -> String {
    match inner {
        "bool" => "AtomicBool".into(),
        other => format!("Atomic{}", other[..1].to_uppercase() + &other[1..]),
    }
}

#[derive(Default)]
struct SharedDeclarations {
    /// Field or static name, where, and the integer or `bool` type.
    plain_locks: Vec<(String, Location, String)>,
    maps: HashMap<String, Location>,
    uses_condvar: bool,
    /// Codes allowed by the enclosing items' `#[unmixed::allow]`.
    allowed: Vec<Code>,
}

impl SharedDeclarations {
    fn allowing(&mut self, attrs: &[syn::Attribute], visit: impl FnOnce(&mut Self)) {
        let depth = self.allowed.len();
        self.allowed.extend(crate::allow::allowed_codes(attrs));
        visit(self);
        self.allowed.truncate(depth);
    }

    fn declaration(&mut self, name: Option<String>, ty: &Type) {
        if self.allowed.contains(&Code::WRONG_MODEL_FOR_WORKLOAD) {
            return;
        }
        let Some((lock, inner)) = find_lock(ty) else {
            return;
        };
        let inner_name = last_ident(inner);
        match inner_name.as_deref() {
            Some(plain) if PLAIN.contains(&plain) => {
                if let Some(name) = name {
                    self.plain_locks
                        .push((name, Location::of(lock), plain.to_owned()));
                }
            }
            Some(map) if MAPS.contains(&map) => {
                if let Some(name) = name {
                    self.maps.insert(name, Location::of(lock));
                }
            }
            _ => {}
        }
    }
}

impl<'ast> Visit<'ast> for SharedDeclarations {
    fn visit_item(&mut self, item: &'ast syn::Item) {
        self.allowing(crate::syntax::item_attrs(item), |this| {
            syn::visit::visit_item(this, item)
        });
    }

    fn visit_field(&mut self, field: &'ast syn::Field) {
        self.allowing(&field.attrs, |this| {
            this.declaration(field.ident.as_ref().map(ToString::to_string), &field.ty);
            syn::visit::visit_field(this, field);
        });
    }

    fn visit_item_static(&mut self, item: &'ast syn::ItemStatic) {
        self.declaration(Some(item.ident.to_string()), &item.ty);
        syn::visit::visit_item_static(self, item);
    }

    fn visit_path_segment(&mut self, segment: &'ast syn::PathSegment) {
        self.uses_condvar |= segment.ident == "Condvar";
        syn::visit::visit_path_segment(self, segment);
    }
}

/// The `Mutex<T>` or `RwLock<T>` inside `ty` (through `Arc`, `LazyLock`, ...), and its `T`.
fn find_lock(ty: &Type) -> Option<(&Type, &Type)> {
    let Type::Path(path) = ty else { return None };
    let last = path.path.segments.last()?;
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    let inner = args.args.iter().find_map(|arg| match arg {
        GenericArgument::Type(inner) => Some(inner),
        _ => None,
    })?;
    if LOCKS.iter().any(|lock| last.ident == lock) {
        Some((ty, inner))
    } else {
        find_lock(inner)
    }
}

fn last_ident(ty: &Type) -> Option<String> {
    match ty {
        Type::Path(path) => Some(path.path.segments.last()?.ident.to_string()),
        _ => None,
    }
}

/// How the file uses each lock-protected map.
struct MapUses {
    names: HashSet<String>,
    one_key: HashMap<String, usize>,
    /// Maps seen used in any other way.
    other: HashSet<String>,
    /// Locks whose guard some code keeps in a variable or returns.
    held: HashSet<String>,
    /// The function being read returns a guard.
    returns_guard: bool,
    /// Lock calls already judged as part of a longer chain.
    judged: HashSet<*const ExprMethodCall>,
    /// Guards bound with `let`, and the map they lock.
    guards: HashMap<syn::Ident, String>,
    guard_ops: HashMap<syn::Ident, (usize, HashSet<String>)>,
    guard_mentions: HashMap<syn::Ident, usize>,
}

impl MapUses {
    fn new(names: HashSet<String>) -> Self {
        MapUses {
            names,
            one_key: HashMap::new(),
            other: HashSet::new(),
            held: HashSet::new(),
            returns_guard: false,
            judged: HashSet::new(),
            guards: HashMap::new(),
            guard_ops: HashMap::new(),
            guard_mentions: HashMap::new(),
        }
    }

    /// The map a `x.lock()` call locks, if `x` names one of the maps.
    fn locked_map(&self, call: &ExprMethodCall) -> Option<String> {
        if !ACQUIRE.iter().any(|m| call.method == m) || !call.args.is_empty() {
            return None;
        }
        let name = match &*call.receiver {
            Expr::Field(field) => match &field.member {
                Member::Named(ident) => ident.to_string(),
                Member::Unnamed(_) => return None,
            },
            Expr::Path(path) => segments(&path.path).last()?.to_string(),
            _ => return None,
        };
        self.names.contains(&name).then_some(name)
    }

    /// Peels `.unwrap()` / `.expect(..)` / `.await` off a guard expression.
    fn lock_under<'e>(&self, mut expr: &'e Expr) -> Option<(&'e ExprMethodCall, String)> {
        loop {
            match expr {
                Expr::MethodCall(call) if UNWRAPS.iter().any(|m| call.method == m) => {
                    expr = &call.receiver
                }
                Expr::Await(awaited) => expr = &awaited.base,
                Expr::MethodCall(call) => return self.locked_map(call).map(|name| (call, name)),
                _ => return None,
            }
        }
    }
}

impl<'ast> Visit<'ast> for MapUses {
    fn visit_expr_method_call(&mut self, call: &'ast ExprMethodCall) {
        let unwrapping = UNWRAPS.iter().any(|m| call.method == m);
        if unwrapping {
            // Part of a guard expression (`x.lock().unwrap()`); judged with
            // whatever is done with the guard.
        } else if let Some((lock, name)) = self.lock_under(&call.receiver) {
            self.judged.insert(lock as *const _);
            if ONE_KEY_OPS.iter().any(|op| call.method == op) {
                *self.one_key.entry(name).or_default() += 1;
            } else {
                self.other.insert(name);
            }
        } else if let Some(guard) =
            local_name(&call.receiver).filter(|g| self.guards.contains_key(*g))
        {
            if ONE_KEY_OPS.iter().any(|op| call.method == op) {
                let key = call
                    .args
                    .first()
                    .map(|arg| quote::ToTokens::to_token_stream(arg).to_string());
                let entry = self.guard_ops.entry(guard.clone()).or_default();
                entry.0 += 1;
                entry.1.extend(key);
            }
        } else if let Some(name) = self.locked_map(call) {
            if self.returns_guard {
                self.held.insert(name.clone());
            }
            if !self.judged.contains(&(call as *const _)) {
                // A lock whose guard is not bound by a plain `let`: used some other way.
                self.other.insert(name);
            }
        }
        syn::visit::visit_expr_method_call(self, call);
    }

    fn visit_local(&mut self, local: &'ast syn::Local) {
        if let (Some(init), Some(guard)) = (&local.init, pat_name(&local.pat)) {
            if let Some((lock, name)) = self.lock_under(&init.expr) {
                self.judged.insert(lock as *const _);
                self.held.insert(name.clone());
                self.guards.insert(guard, name);
            }
        }
        syn::visit::visit_local(self, local);
    }

    fn visit_expr_path(&mut self, path: &'ast syn::ExprPath) {
        if let Some(ident) = path.path.get_ident() {
            if self.guards.contains_key(ident) {
                *self.guard_mentions.entry(ident.clone()).or_default() += 1;
            }
        }
    }

    fn visit_item_fn(&mut self, function: &'ast syn::ItemFn) {
        let returns_guard = returns_guard(&function.sig);
        self.function(returns_guard, |uses| {
            syn::visit::visit_item_fn(uses, function)
        });
    }

    fn visit_impl_item_fn(&mut self, method: &'ast syn::ImplItemFn) {
        let returns_guard = returns_guard(&method.sig);
        self.function(returns_guard, |uses| {
            syn::visit::visit_impl_item_fn(uses, method)
        });
    }
}

impl MapUses {
    /// Guards are judged per function, where their names mean something.
    fn function(&mut self, returns_guard: bool, visit: impl FnOnce(&mut Self)) {
        let outer_returns_guard = std::mem::replace(&mut self.returns_guard, returns_guard);
        let outer = (
            std::mem::take(&mut self.guards),
            std::mem::take(&mut self.guard_ops),
            std::mem::take(&mut self.guard_mentions),
        );
        visit(self);
        // A guard counts as one key when every mention of it is a one-key
        // operation, all on the same key.
        for (guard, name) in std::mem::take(&mut self.guards) {
            let (ops, keys) = self.guard_ops.remove(&guard).unwrap_or_default();
            let mentions = self.guard_mentions.remove(&guard).unwrap_or(0);
            if ops > 0 && ops == mentions && keys.len() <= 1 {
                *self.one_key.entry(name).or_default() += 1;
            } else {
                self.other.insert(name);
            }
        }
        (self.guards, self.guard_ops, self.guard_mentions) = outer;
        self.returns_guard = outer_returns_guard;
    }
}

/// `-> MutexGuard<'_, T>` and the like: the caller keeps the lock.
fn returns_guard(sig: &syn::Signature) -> bool {
    match &sig.output {
        syn::ReturnType::Type(_, ty) => quote::ToTokens::to_token_stream(ty)
            .to_string()
            .contains("Guard"),
        syn::ReturnType::Default => false,
    }
}

fn pat_name(pat: &syn::Pat) -> Option<syn::Ident> {
    crate::syntax::binding(pat).cloned()
}
