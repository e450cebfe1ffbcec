//! CHECK_THEN_ACT_ON_LOCKED_MAP: a map or set checked under one guard of a
//! lock and changed under another guard of the same lock, where the change
//! depends on the answer: between the two, the lock is free and another
//! thread can change the map, so the change acts on a stale answer.
//!
//! The flow tells this module every call on a map or set reached through a
//! guard (`std` and `hashbrown` maps and sets, `IndexMap`), every call on a
//! concurrent map (each `DashMap` call locks its shard for that call only),
//! every change through an entry (`entry(k).and_modify(..)`), and every call
//! of a helper of the program whose facts say it checks a map and returns
//! the answer, or changes a map under a guard of its own. The answer of a
//! check (`contains_key`, `get`, `get_key_value`, `get_mut`, `contains`,
//! `is_empty`, `len`) is followed by data flow: through `let` bindings,
//! blocks, `if let` and `match` patterns, `let .. else`, closures that
//! capture it, and the helper's return value. A change (`insert`, `remove`,
//! `remove_entry`, `get_mut`, `try_insert`) depends on it when it sits in a
//! branch the answer decides (or after an `if` on it that returns early), or
//! when the value it writes is computed from the answer (a lost update:
//! `let n = m.lock().get(&k).copied(); m.lock().insert(k, n + 1)`). The old
//! value an `insert` returns is an answer too, but only a change that
//! writes it back depends on it: an `insert` that claims a key and a later
//! `remove` of it under control of that claim is the usual in-flight set.
//!
//! Locks are the same lock when written the same way (`self.peers`, a
//! parameter's name) or when they are the same static; a helper's lock is
//! rewritten at the call (`self.peers` in `Registry::add` is `reg.peers` at
//! `reg.add(..)`). Keys are compared by data flow when both are plain
//! places, literals or names bound from them (`let key = req.id.clone();`
//! is `req.id`); otherwise they are taken to be the same.
//!
//! When a change depends on several answers about the same map and key,
//! the newest decides (a fast path read, then a second check under the
//! guard that changes, is judged by the second).
//!
//! Leaves alone, because the answer is not stale when the change comes:
//! - check and change through one guard (the fix), and the double-checked
//!   shape, where the second guard checks again before it changes (a
//!   `get_mut` whose `Option` a `match` or `if let` inspects, or an
//!   `insert` whose answer an `if` reads, decides by itself);
//! - a change that releases what the code claimed under one guard (checked
//!   and inserted there, later removed under another: an in-flight set);
//! - another lock held from the check to the change (it serialises both);
//! - an upsert: the branch that found the key overwrites its value with
//!   what the other branch inserts (`found.store(v)` / `insert(k, new(v))`),
//!   so the map ends the same whichever way the answer went;
//! - `entry(..)` under the second guard, which checks again itself, unless
//!   what it writes comes from the stale answer;
//! - a helper whose change its own answer decides (it checks again, even
//!   under another guard; a stale answer inside it is reported there);
//! - a change under a second guard taken while the first is still alive
//!   (that is a deadlock, not a stale answer);
//! - changes that do not depend on the check, and a check and a change of
//!   different keys.

use crate::flow::GuardId;
use crate::hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use crate::{Code, Finding, Location, Report};

const CODE: Code = Code::CHECK_THEN_ACT_ON_LOCKED_MAP;

/// Map and set methods that answer a question about the map.
const QUERIES: &[&str] = &[
    "contains_key",
    "get",
    "get_key_value",
    "get_mut",
    "contains",
    "is_empty",
    "len",
];

/// Map and set methods that change the entry of a key.
const CHANGES: &[&str] = &["insert", "remove", "remove_entry", "get_mut", "try_insert"];

/// Methods of an entry (`map.entry(k)`) that write to the map.
pub(crate) const ENTRY_CHANGES: &[&str] = &[
    "and_modify",
    "or_insert",
    "or_insert_with",
    "or_insert_with_key",
    "or_default",
    "insert",
];

/// One call that reads or changes a map.
pub(crate) struct MapCall<'a> {
    /// The map method: `insert`; for a helper, the map method it calls.
    pub method: &'a str,
    /// The helper of the program that makes the call, if any: `add_peer`.
    pub via: Option<&'a str>,
    /// A write through an entry (`entry(k).and_modify(..)`).
    pub entry: bool,
    /// The key, as data flow names it (`req.id` for `key` bound from it).
    pub key: Option<String>,
    /// The key as written at the call, for the help.
    pub key_text: Option<String>,
    /// What a change writes, as written (`v` for `insert(k, Counter::new(v))`).
    pub written: Option<String>,
    /// The map is a set (`HashSet`, `DashSet`).
    pub set: bool,
    /// What the help tells to lock once: `m.write().unwrap()`.
    pub acquire: String,
    /// The map is a concurrent map (`DashMap`): each call is its own guard.
    pub concurrent: bool,
    /// A `match` or `if let` inspects the call's result.
    pub inspected: bool,
    pub location: Location,
    /// A stable address of the call, for one finding per site.
    pub site: *const (),
}

/// One lock a map call goes through.
#[derive(Debug, Clone)]
pub(crate) struct MapLock {
    pub guard: GuardId,
    /// The lock as written: `self.peers`.
    pub lock: String,
    /// The path of the static the lock is, if it is one.
    pub static_id: Option<String>,
}

impl MapLock {
    fn same(&self, other: &MapLock) -> bool {
        self.lock == other.lock
            || self
                .static_id
                .as_ref()
                .is_some_and(|id| other.static_id.as_ref() == Some(id))
    }
}

/// An answer read from a map.
#[derive(Debug, Clone)]
pub(crate) struct Check {
    pub lock: MapLock,
    pub method: String,
    pub via: Option<String>,
    pub key: Option<String>,
    /// The old value an `insert` returns: only a change that writes it
    /// depends on it.
    pub claim: bool,
    /// The guard that checked also changed the map: what it saw is this
    /// code's own claim, not a stale answer.
    pub claimed: bool,
    /// Other guards alive when the answer was read: one still alive at the
    /// change serialises both.
    pub outer: Vec<GuardId>,
    /// Read from a concurrent map, whose every call locks on its own.
    pub concurrent: bool,
    /// What the code stores into the value it found (`entry.store(v)`,
    /// `*found = v`): a change that inserts the same when nothing was found
    /// is an upsert, whichever way the answer went.
    pub overwritten: Vec<String>,
}

/// A change made under a guard that had not checked first, for the facts
/// of a helper.
#[derive(Debug, Clone)]
pub(crate) struct Change {
    pub lock: MapLock,
    pub method: String,
    pub key: Option<String>,
}

/// What the flow of one function has seen of maps.
#[derive(Default)]
pub(crate) struct Maps {
    pub checks: Vec<Check>,
    /// Checks whose answers a variable keeps at the call being seen: an
    /// answer kept may decide more than the change (a booking's `free`).
    pub kept: Vec<usize>,
    /// Checks whose answer gave a lock that is held at the call being seen
    /// (the per-key mutex a `get` found): it serialises check and change.
    pub serialised: Vec<usize>,
    /// Changes through guards that had not checked (facts of helpers).
    pub changes: Vec<Change>,
    /// Guards through which a check was made: a change through them is the
    /// double-checked shape.
    checked: HashSet<GuardId>,
    /// Checks already reported: one finding per stale answer.
    stale: HashSet<usize>,
    reported: HashSet<*const ()>,
    /// Guards that stand for a concurrent map's own lock or a helper's,
    /// one per call site.
    synthetic: HashMap<*const (), GuardId>,
    /// Names bound to a key place: `key` for `let key = req.id.clone();`.
    aliases: HashMap<String, String>,
    /// A map call was seen.
    pub used: bool,
}

/// Ids of guards that exist only here, far above any real guard's id.
const SYNTHETIC_BASE: GuardId = GuardId::MAX / 2;

impl Maps {
    /// A guard that stands for the lock a call takes and releases itself
    /// (a `DashMap` call, a helper that locks inside), one per call site.
    pub(crate) fn synthetic(&mut self, site: *const ()) -> GuardId {
        let next = SYNTHETIC_BASE + self.synthetic.len();
        *self.synthetic.entry(site).or_insert(next)
    }

    /// `name` now names the key place `place`.
    pub(crate) fn alias(&mut self, name: &str, place: String) {
        if place != name {
            self.aliases.insert(name.to_owned(), place);
        }
    }

    /// `name` is bound to something that is not a key place.
    pub(crate) fn unalias(&mut self, name: &str) {
        if !self.aliases.is_empty() {
            self.aliases.remove(name);
        }
    }

    /// The key place an expression names, through the names bound to places.
    pub(crate) fn key_of(&self, expr: &syn::Expr) -> Option<String> {
        let name = key_name(expr)?;
        Some(self.canonical(name))
    }

    fn canonical(&self, name: String) -> String {
        let (head, rest) = match name.find('.') {
            Some(dot) => (&name[..dot], &name[dot..]),
            None => (name.as_str(), ""),
        };
        match self.aliases.get(head) {
            Some(place) => format!("{place}{rest}"),
            None => name,
        }
    }

    /// Sees one map call through `locks` (one for a direct call: the guard
    /// it goes through), where the code depends on the checks `control`
    /// and what the call writes on the checks `data`; `live` are the guards
    /// alive. Returns the check the call makes, for the flow to carry.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn observe(
        &mut self,
        report: &mut Report,
        call: &MapCall<'_>,
        locks: &[MapLock],
        control: &[usize],
        data: &[usize],
        live: &[GuardId],
    ) -> Option<usize> {
        self.used = true;
        let method = call.method;
        // `match map.get_mut(k) { Some(..) => .., None => .. }` checks again
        // under this guard before it changes anything; `if set.insert(k)`
        // decides by what the insert itself answers.
        let rechecks = call.inspected && matches!(method, "get_mut" | "insert");
        let changes = if call.entry {
            ENTRY_CHANGES.contains(&method)
        } else {
            CHANGES.contains(&method) && !rechecks
        };
        if changes {
            self.change(report, call, locks, control, data, live);
        }
        if call.entry {
            return None;
        }
        let claim = method == "insert";
        if !(QUERIES.contains(&method) || claim) {
            return None;
        }
        self.check(call, locks.first()?, claim, live)
    }

    /// Records the answer a call reads through `lock` (`claim`: the old
    /// value an `insert` returns), with the guards `live`; returns it, for
    /// the flow to carry.
    pub(crate) fn check(
        &mut self,
        call: &MapCall<'_>,
        lock: &MapLock,
        claim: bool,
        live: &[GuardId],
    ) -> Option<usize> {
        self.used = true;
        if !claim {
            self.checked.insert(lock.guard);
        }
        self.checks.push(Check {
            lock: lock.clone(),
            method: call.method.to_owned(),
            via: call.via.map(str::to_owned),
            key: call.key.clone(),
            claim,
            claimed: false,
            concurrent: call.concurrent,
            outer: live
                .iter()
                .copied()
                .filter(|id| *id != lock.guard)
                .collect(),
            overwritten: Vec::new(),
        });
        Some(self.checks.len() - 1)
    }

    /// The code stores `value` into what the checks `found` found.
    pub(crate) fn overwrite(&mut self, found: &[usize], value: String) {
        for index in found {
            if let Some(check) = self.checks.get_mut(*index) {
                if !check.overwritten.contains(&value) {
                    check.overwritten.push(value.clone());
                }
            }
        }
    }

    /// A change through `locks`: reported if it depends on an answer read
    /// under another guard of the same lock.
    pub(crate) fn change(
        &mut self,
        report: &mut Report,
        call: &MapCall<'_>,
        locks: &[MapLock],
        control: &[usize],
        data: &[usize],
        live: &[GuardId],
    ) {
        self.used = true;
        for lock in locks {
            if self.checked.contains(&lock.guard) {
                // Checked and changed under one guard: what that guard saw
                // is now this code's own claim.
                for check in &mut self.checks {
                    if check.lock.guard == lock.guard && keys_match(&check.key, &call.key) {
                        check.claimed = true;
                    }
                }
                continue;
            }
            // The answers about this lock and key the change depends on;
            // the newest one decides.
            let relevant = |index: &usize| {
                self.checks
                    .get(*index)
                    .is_some_and(|check| check.lock.same(lock) && keys_match(&check.key, &call.key))
            };
            let by_data: Vec<usize> = data.iter().copied().filter(relevant).collect();
            let by_control: Vec<usize> = if call.entry {
                Vec::new()
            } else {
                control.iter().copied().filter(relevant).collect()
            };
            if !call.entry && call.via.is_none() && by_data.is_empty() && by_control.is_empty() {
                // Decided by no answer of this map: a change a caller's
                // answer may be stale for.
                self.changes.push(Change {
                    lock: lock.clone(),
                    method: call.method.to_owned(),
                    key: call.key.clone(),
                });
            }
            let newest = by_data
                .iter()
                .copied()
                .chain(
                    by_control
                        .iter()
                        .copied()
                        .filter(|index| !self.checks[*index].claim),
                )
                .max();
            let Some(index) = newest else { continue };
            if self.reported.contains(&call.site) {
                return;
            }
            if !self.stale_for(index, call, lock, live) {
                continue;
            }
            if report.is_allowed(CODE) {
                return;
            }
            let writes = by_data.contains(&index);
            self.reported.insert(call.site);
            self.stale.insert(index);
            let check = &self.checks[index];
            report.push(Finding::new(
                CODE,
                call.location,
                message(check, call, writes),
                help(check, call, writes),
            ));
            return;
        }
    }

    /// Whether check `index` is a stale answer for a change through `lock`.
    fn stale_for(
        &self,
        index: usize,
        call: &MapCall<'_>,
        lock: &MapLock,
        live: &[GuardId],
    ) -> bool {
        let Some(check) = self.checks.get(index) else {
            return false;
        };
        // A set's `insert` or `remove` after asking `contains`, the answer
        // asked in the condition itself: done on a stale answer, it leaves
        // the set as a serial order would. An answer kept in a variable may
        // decide more than the set (a booking that returns it) and counts.
        let idempotent = call.set
            && check.method == "contains"
            && matches!(call.method, "insert" | "remove")
            && !self.kept.contains(&index);
        !idempotent
            && !self.serialised.contains(&index)
            && !self.stale.contains(&index)
            && !check.claimed
            && check.lock.guard != lock.guard
            // Still held: the second guard waits for it (a deadlock, not a
            // stale answer).
            && !live.contains(&check.lock.guard)
            // Another lock held from the check to the change serialises them.
            && !check.outer.iter().any(|outer| live.contains(outer))
            // An upsert: found, it is overwritten with what is inserted here.
            && !call
                .written
                .as_ref()
                .is_some_and(|written| check.overwritten.contains(written))
    }
}

fn keys_match(checked: &Option<String>, changed: &Option<String>) -> bool {
    match (checked, changed) {
        (Some(checked), Some(changed)) => checked == changed,
        _ => true,
    }
}

fn described(method: &str, via: Option<&str>) -> String {
    match via {
        Some(helper) => format!("`{method}` (in `{helper}`)"),
        None => format!("`{method}`"),
    }
}

fn message(check: &Check, call: &MapCall<'_>, writes: bool) -> String {
    let checked = described(&check.method, check.via.as_deref());
    let changed = described(call.method, call.via);
    let how = if check.claim {
        format!("read with {checked} (the old value it returns)")
    } else {
        format!("checked with {checked}")
    };
    let lock = &check.lock.lock;
    let stale = if check.claim {
        format!(
            "this `{}` puts back what the other lock gave out, over whatever another thread stored in between",
            call.method
        )
    } else if writes {
        format!(
            "this `{}` writes a value computed from a stale answer",
            call.method
        )
    } else if call.method == "insert" && !call.set && !call.entry {
        // What an insert does to a key someone else changed meanwhile.
        return format!(
            "`{lock}` is {how} under one lock and changed with {changed} under another: \
             the lock is released in between, so another thread can store or remove that key \
             meanwhile, and this `insert` overwrites what it stored or puts the key back"
        );
    } else {
        format!("this `{}` acts on a stale answer", call.method)
    };
    format!(
        "`{lock}` is {how} under one lock and changed with {changed} under another: \
         the lock is released in between, so another thread can change the map and {stale}"
    )
}

fn help(check: &Check, call: &MapCall<'_>, writes: bool) -> String {
    let key = call
        .key_text
        .as_deref()
        .or(check.key.as_deref())
        .unwrap_or("key");
    let key = key.trim_start_matches('&');
    let lock = &check.lock.lock;
    if call.concurrent || check.concurrent {
        return format!(
            "each call on `{lock}` locks its shard only while it runs: decide and change through one \
             entry, which holds the shard's lock, `match {lock}.entry({key}) {{ Entry::Occupied(e) => .., \
             Entry::Vacant(e) => {{ e.insert(..); }} }}` (and no `.await` while the entry is alive)"
        );
    }
    let helpers = match (check.via.as_deref(), call.via) {
        (Some(checks), Some(changes)) if checks != changes => Some(format!(
            "`{checks}` and `{changes}` each take the lock on their own"
        )),
        (Some(helper), _) | (None, Some(helper)) => {
            Some(format!("`{helper}` takes the lock on its own"))
        }
        (None, None) => None,
    };
    if let Some(helpers) = helpers {
        return format!(
            "{helpers}, so the answer and the change are made under two \
             guards: take `{lock}`'s lock once (the write guard, for an `RwLock`) and decide and change \
             through that one guard, `map.entry({key}).or_insert(..)` or `if !map.contains_key(..) {{ \
             map.insert(..) }}`; one method of the type that does both keeps every caller right"
        );
    }
    let acquire = &call.acquire;
    if check.claim || call.entry {
        return format!(
            "decide and change under one guard instead of changing first and repairing after: \
             `let mut map = {acquire};` then `match map.entry({key}) {{ Entry::Occupied(..) => .., \
             Entry::Vacant(v) => {{ v.insert(..); }} }}`"
        );
    }
    if writes {
        return format!(
            "read and write under one guard: `let mut map = {acquire};` then compute the new value from \
             what `map` holds and write it through `map` (`let slot = map.entry({key}).or_default(); \
             *slot = ..`); with `#[unmixed::shared_state]`, do both inside one `field_mut(|map| ..)`"
        );
    }
    if call.set || check.method == "contains" {
        format!(
            "check and change under one guard: `let mut set = {acquire};` then `if set.insert({key}) {{ .. }}` (`insert` tells whether the value was new); with `#[unmixed::shared_state]`, do both inside one `field_mut(|set| ..)`"
        )
    } else {
        format!(
            "check and change under one guard: `let mut map = {acquire};` then `map.entry({key}).or_insert(..)`, or check and change through `map`; with `#[unmixed::shared_state]`, do both inside one `field_mut(|map| ..)`"
        )
    }
}

/// `k` for `&k`, `k.clone()`, `*k`, `k.to_string()`; `self.id` for
/// `&self.id`; a literal as written.
pub(crate) fn key_name(expr: &syn::Expr) -> Option<String> {
    use syn::Expr;
    match expr {
        Expr::Reference(reference) => key_name(&reference.expr),
        Expr::Paren(inner) => key_name(&inner.expr),
        Expr::Group(inner) => key_name(&inner.expr),
        Expr::Unary(unary) if matches!(unary.op, syn::UnOp::Deref(_)) => key_name(&unary.expr),
        Expr::MethodCall(call)
            if call.args.is_empty()
                && matches!(
                    call.method.to_string().as_str(),
                    "clone" | "to_owned" | "to_string" | "into" | "as_str" | "as_ref" | "borrow"
                ) =>
        {
            key_name(&call.receiver)
        }
        Expr::Path(path) => path.path.get_ident().map(ToString::to_string),
        Expr::Field(_) => Some(crate::syntax::text(expr)),
        Expr::Lit(_) => Some(crate::syntax::text(expr)),
        _ => None,
    }
}

/// What a value written to a map is, as written: `v` for `v`, `&v`,
/// `AtomicU64::new(v)`, `Arc::new(v)` (a constructor of one argument).
pub(crate) fn written_text(expr: &syn::Expr) -> String {
    use syn::Expr;
    match expr {
        Expr::Reference(reference) => written_text(&reference.expr),
        Expr::Paren(inner) => written_text(&inner.expr),
        Expr::Call(call) if call.args.len() == 1 => written_text(&call.args[0]),
        other => crate::syntax::text(other),
    }
}

/// The place a lock or a map is reached at, as written: `self.peers` for
/// `&self.peers`, `self.peers.clone()`.
pub(crate) fn place_text(expr: &syn::Expr) -> String {
    use syn::Expr;
    match expr {
        Expr::Reference(reference) => place_text(&reference.expr),
        Expr::Paren(inner) => place_text(&inner.expr),
        Expr::Group(inner) => place_text(&inner.expr),
        Expr::MethodCall(call)
            if call.args.is_empty()
                && matches!(
                    call.method.to_string().as_str(),
                    "clone" | "as_ref" | "deref"
                ) =>
        {
            place_text(&call.receiver)
        }
        other => crate::syntax::text(other),
    }
}

#[cfg(test)]
#[path = "check_then_act_tests.rs"]
mod tests;
