//! LOCK_GUARDS_INDEPENDENT_STATE: one lock over a struct whose fields the
//! functions that lock it use in separate groups.
//!
//! Catches a field or static of the checked module typed `Mutex<S>` or
//! `RwLock<S>` (also inside `Arc`, `Box` or `Rc`), where `S` is a struct of
//! the same module with several named fields, and the functions that lock
//! it (`.lock()`, `.read()`, `.write()`, `.try_*`) touch its fields in two or
//! more groups that no function joins: two fields are joined when one
//! function touches both. Callers of one group then wait for callers of the
//! other for nothing.
//!
//! Leaves alone: locks whose guards are used as a whole anywhere (`*g = ..`,
//! `g.method()`, passing `&g` or `&*g` on), since then any field may be
//! touched; locks taken by only one function; structs defined outside the
//! module; and fields never touched through the lock.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use syn::visit::{self, Visit};
use syn::{Expr, Fields, Item, Member, Pat, Type};

use crate::syntax::segments;
use crate::{Code, Finding, Location, Report};

const ACQUIRE: &[&str] = &["lock", "read", "write", "try_lock", "try_read", "try_write"];
const UNWRAP: &[&str] = &["unwrap", "expect", "unwrap_or_else"];

/// Reports locks declared among `items` (a module's or a file's) that guard
/// independent groups of fields.
pub fn check_independent_state(items: &[Item], report: &mut Report) {
    let mut structs: HashMap<String, Vec<String>> = HashMap::new();
    collect_structs(items, &mut structs);
    let mut locks: Vec<LockDecl<'_>> = Vec::new();
    collect_locks(items, &structs, &[], &mut locks);
    if locks.is_empty() {
        return;
    }
    // A name declared twice, with different structs, is ambiguous.
    let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
    for (index, lock) in locks.iter().enumerate() {
        by_name.entry(lock.name.as_str()).or_default().push(index);
    }
    let mut uses = Uses {
        names: by_name
            .iter()
            .filter(|(_, indices)| {
                indices
                    .iter()
                    .all(|index| locks[*index].state == locks[indices[0]].state)
            })
            .map(|(name, _)| (*name).to_owned())
            .collect(),
        function: None,
        per_lock: BTreeMap::new(),
        bound: HashMap::new(),
    };
    for item in items {
        uses.visit_item(item);
    }
    let mut reported = BTreeSet::new();
    for lock in &locks {
        if !reported.insert(lock.name.clone()) {
            continue;
        }
        let Some(functions) = uses.per_lock.get(&lock.name) else {
            continue;
        };
        if functions.len() < 2 || functions.values().any(|touched| touched.is_none()) {
            continue;
        }
        let groups = groups(functions);
        if groups.len() < 2 {
            continue;
        }
        let described: Vec<String> = groups
            .iter()
            .map(|(fields, fns)| {
                let fields: Vec<String> = fields.iter().map(|f| format!("`{f}`")).collect();
                let fns: Vec<String> = fns.iter().map(|f| format!("`{f}`")).collect();
                format!("{} (used by {})", fields.join(", "), fns.join(", "))
            })
            .collect();
        let attrs = lock
            .attrs
            .iter()
            .flat_map(|attrs| attrs.iter())
            .cloned()
            .collect::<Vec<_>>();
        report.allowing(&attrs, |report| {
            report.push(Finding::new(
                Code::LOCK_GUARDS_INDEPENDENT_STATE,
                Location::of(lock.ty),
                format!(
                    "`{}` locks all of `{}`, but its users touch separate groups of fields: {}; \
                     each group's callers wait for the others' for nothing",
                    lock.name,
                    lock.state,
                    described.join(" and ")
                ),
                format!(
                    "split the lock along the groups (one `Mutex` per group), or declare `{}` with \
                     `#[unmixed::shared_state]`, which gives every field its own lock",
                    lock.state
                ),
            ));
        });
    }
}

struct LockDecl<'a> {
    name: String,
    state: String,
    ty: &'a Type,
    attrs: Vec<&'a [syn::Attribute]>,
}

fn collect_structs(items: &[Item], into: &mut HashMap<String, Vec<String>>) {
    for item in items {
        match item {
            Item::Struct(item) => {
                if let Fields::Named(named) = &item.fields {
                    let fields: Vec<String> = named
                        .named
                        .iter()
                        .filter_map(|field| field.ident.as_ref().map(ToString::to_string))
                        .collect();
                    if fields.len() >= 2 {
                        into.insert(item.ident.to_string(), fields);
                    }
                }
            }
            Item::Mod(module) => {
                if let Some((_, items)) = &module.content {
                    collect_structs(items, into);
                }
            }
            _ => {}
        }
    }
}

fn collect_locks<'a>(
    items: &'a [Item],
    structs: &HashMap<String, Vec<String>>,
    outer: &[&'a [syn::Attribute]],
    into: &mut Vec<LockDecl<'a>>,
) {
    for item in items {
        match item {
            Item::Struct(item) => {
                for field in &item.fields {
                    let Some(ident) = &field.ident else { continue };
                    if let Some(state) = locked_struct(&field.ty, structs) {
                        let mut attrs = outer.to_vec();
                        attrs.push(&item.attrs);
                        attrs.push(&field.attrs);
                        into.push(LockDecl {
                            name: ident.to_string(),
                            state,
                            ty: &field.ty,
                            attrs,
                        });
                    }
                }
            }
            Item::Static(item) => {
                if let Some(state) = locked_struct(&item.ty, structs) {
                    let mut attrs = outer.to_vec();
                    attrs.push(&item.attrs);
                    into.push(LockDecl {
                        name: item.ident.to_string(),
                        state,
                        ty: &item.ty,
                        attrs,
                    });
                }
            }
            Item::Mod(module) => {
                if let Some((_, items)) = &module.content {
                    let mut attrs = outer.to_vec();
                    attrs.push(&module.attrs);
                    collect_locks(items, structs, &attrs, into);
                }
            }
            _ => {}
        }
    }
}

/// `S` of `Mutex<S>`, `RwLock<S>`, possibly inside `Arc`/`Box`/`Rc`.
fn locked_struct(ty: &Type, structs: &HashMap<String, Vec<String>>) -> Option<String> {
    let Type::Path(path) = ty else { return None };
    let last = path.path.segments.last()?;
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    let inner = args.args.iter().find_map(|arg| match arg {
        syn::GenericArgument::Type(ty) => Some(ty),
        _ => None,
    })?;
    let name = last.ident.to_string();
    match name.as_str() {
        "Arc" | "Box" | "Rc" => locked_struct(inner, structs),
        "Mutex" | "RwLock" => match inner {
            Type::Path(inner) if inner.path.segments.len() == 1 => {
                let state = inner.path.segments[0].ident.to_string();
                structs.contains_key(&state).then_some(state)
            }
            _ => None,
        },
        _ => None,
    }
}

/// Fields of each lock touched per function; `None` when a function uses
/// the guard as a whole.
type Touched = BTreeMap<String, Option<BTreeSet<String>>>;

struct Uses {
    names: Vec<String>,
    function: Option<String>,
    per_lock: BTreeMap<String, Touched>,
    /// Guard variables of the current function, by the lock they guard.
    bound: HashMap<String, String>,
}

impl Uses {
    /// The lock an acquisition expression takes: `self.state.lock().unwrap()`.
    fn acquired(&self, expr: &Expr) -> Option<String> {
        let mut current = expr;
        loop {
            current = match current {
                Expr::Paren(inner) => &inner.expr,
                Expr::Try(attempt) => &attempt.expr,
                Expr::MethodCall(call) if UNWRAP.iter().any(|name| call.method == name) => {
                    &call.receiver
                }
                Expr::MethodCall(call)
                    if call.args.is_empty() && ACQUIRE.iter().any(|name| call.method == name) =>
                {
                    let name = match &*call.receiver {
                        Expr::Field(field) => match &field.member {
                            Member::Named(ident) => ident.to_string(),
                            Member::Unnamed(_) => return None,
                        },
                        Expr::Path(path) => segments(&path.path).last()?.to_string(),
                        _ => return None,
                    };
                    return self.names.contains(&name).then_some(name);
                }
                _ => return None,
            }
        }
    }

    fn touch(&mut self, lock: &str, field: Option<String>) {
        let Some(function) = &self.function else {
            return;
        };
        let entry = self
            .per_lock
            .entry(lock.to_owned())
            .or_default()
            .entry(function.clone())
            .or_insert_with(|| Some(BTreeSet::new()));
        match (entry.as_mut(), field) {
            (Some(fields), Some(field)) => {
                fields.insert(field);
            }
            (_, None) => *entry = None,
            (None, Some(_)) => {}
        }
    }

    fn function(&mut self, name: String, body: impl FnOnce(&mut Self)) {
        let outer = self.function.replace(name);
        let bound = std::mem::take(&mut self.bound);
        body(self);
        self.function = outer;
        self.bound = bound;
    }
}

impl<'ast> Visit<'ast> for Uses {
    fn visit_item_fn(&mut self, item: &'ast syn::ItemFn) {
        self.function(item.sig.ident.to_string(), |this| {
            visit::visit_item_fn(this, item)
        });
    }

    fn visit_impl_item_fn(&mut self, method: &'ast syn::ImplItemFn) {
        self.function(method.sig.ident.to_string(), |this| {
            visit::visit_impl_item_fn(this, method)
        });
    }

    fn visit_local(&mut self, local: &'ast syn::Local) {
        if let (Some(init), Some(name)) = (&local.init, pat_ident(&local.pat)) {
            if let Some(lock) = self.acquired(&init.expr) {
                self.bound.insert(name, lock.clone());
                self.touch(&lock, Some(String::new()));
                if let Some(fields) = self
                    .per_lock
                    .get_mut(&lock)
                    .and_then(|functions| functions.get_mut(self.function.as_ref()?))
                    .and_then(Option::as_mut)
                {
                    fields.remove("");
                }
                return;
            }
        }
        visit::visit_local(self, local);
    }

    fn visit_expr(&mut self, expr: &'ast Expr) {
        match expr {
            Expr::Field(field) => {
                let member = match &field.member {
                    Member::Named(ident) => ident.to_string(),
                    Member::Unnamed(index) => index.index.to_string(),
                };
                let base = match &*field.base {
                    Expr::Unary(unary) if matches!(unary.op, syn::UnOp::Deref(_)) => &*unary.expr,
                    other => other,
                };
                if let Some(lock) = self.acquired(base) {
                    self.touch(&lock, Some(member));
                    return;
                }
                if let Expr::Path(path) = base {
                    if let Some(lock) = path
                        .path
                        .get_ident()
                        .and_then(|ident| self.bound.get(&ident.to_string()).cloned())
                    {
                        self.touch(&lock, Some(member));
                        return;
                    }
                }
            }
            Expr::Call(call) => {
                // `drop(g)` ends the guard; it does not use the state.
                if let Expr::Path(func) = &*call.func {
                    if segments(&func.path)
                        .last()
                        .is_some_and(|last| last == "drop")
                        && call.args.len() == 1
                        && matches!(&call.args[0], Expr::Path(_))
                    {
                        return;
                    }
                }
            }
            Expr::Path(path) => {
                if let Some(lock) = path
                    .path
                    .get_ident()
                    .and_then(|ident| self.bound.get(&ident.to_string()).cloned())
                {
                    self.touch(&lock, None);
                }
            }
            _ => {
                if let Some(lock) = self.acquired(expr) {
                    // Used as a whole: `*state.lock() = ..`, `state.lock().reset()`.
                    self.touch(&lock, None);
                    return;
                }
            }
        }
        visit::visit_expr(self, expr);
    }
}

fn pat_ident(pat: &Pat) -> Option<String> {
    match pat {
        Pat::Ident(binding) => Some(binding.ident.to_string()),
        Pat::Type(typed) => pat_ident(&typed.pat),
        _ => None,
    }
}

/// Connected groups of fields (joined by a function touching both), with
/// the functions of each group.
fn groups(functions: &Touched) -> Vec<(BTreeSet<String>, BTreeSet<String>)> {
    let mut groups: Vec<(BTreeSet<String>, BTreeSet<String>)> = Vec::new();
    for (function, touched) in functions {
        let Some(touched) = touched else { continue };
        if touched.is_empty() {
            continue;
        }
        let mut merged = (touched.clone(), BTreeSet::from([function.clone()]));
        groups.retain(|(fields, fns)| {
            if fields.is_disjoint(&merged.0) {
                true
            } else {
                merged.0.extend(fields.iter().cloned());
                merged.1.extend(fns.iter().cloned());
                false
            }
        });
        groups.push(merged);
    }
    groups.sort_by(|a, b| a.1.first().cmp(&b.1.first()));
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse_quote;

    fn run(module: syn::ItemMod) -> Vec<Finding> {
        let mut report = Report::new();
        let (_, items) = module.content.expect("an inline module");
        check_independent_state(&items, &mut report);
        report.into_findings()
    }

    #[test]
    fn disjoint_users_of_one_lock() {
        let found = run(parse_quote! {
            mod server {
                struct Stats { hits: u64, misses: u64, log: Vec<String> }
                pub struct Server { stats: std::sync::Mutex<Stats> }
                impl Server {
                    fn hit(&self) { self.stats.lock().unwrap().hits += 1; }
                    fn ratio(&self) -> f64 {
                        let s = self.stats.lock().unwrap();
                        s.hits as f64 / s.misses as f64
                    }
                    fn note(&self, line: String) { self.stats.lock().unwrap().log.push(line); }
                }
            }
        });
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, Code::LOCK_GUARDS_INDEPENDENT_STATE);
        assert!(
            found[0]
                .message
                .contains("`hits`, `misses` (used by `hit`, `ratio`) and `log` (used by `note`)"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn joined_or_whole_uses_are_left_alone() {
        let joined = run(parse_quote! {
            mod server {
                struct Stats { hits: u64, log: Vec<String> }
                static STATS: std::sync::Mutex<Stats> = todo!();
                fn hit() { STATS.lock().unwrap().hits += 1; }
                fn note(line: String) { STATS.lock().unwrap().log.push(line); }
                fn both(line: String) { let mut s = STATS.lock().unwrap(); s.hits += 1; s.log.push(line); }
            }
        });
        assert!(joined.is_empty());
        let whole = run(parse_quote! {
            mod server {
                struct Stats { hits: u64, log: Vec<String> }
                static STATS: std::sync::Mutex<Stats> = todo!();
                fn hit() { STATS.lock().unwrap().hits += 1; }
                fn note(line: String) { STATS.lock().unwrap().log.push(line); }
                fn reset() { let mut s = STATS.lock().unwrap(); *s = Stats { hits: 0, log: Vec::new() }; }
            }
        });
        assert!(whole.is_empty());
    }
}
