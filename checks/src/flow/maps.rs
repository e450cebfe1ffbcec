//! The flow's side of CHECK_THEN_ACT_ON_LOCKED_MAP: which calls read or
//! change a map behind a lock, through which locks and with which key; what
//! a helper's map facts mean at a call of it; what a function's own map
//! facts are once its body has been followed. The decisions are
//! [`crate::locks::check_then_act`]'s.

use syn::{Expr, ExprMethodCall, Pat};

use super::state::{union, GuardId, State, Val};
use super::walk::Flow;
use super::Flavor;
use crate::facts::{KeyPlace, LockPlace, MapFact, MapFacts};
use crate::locks::check_then_act::{place_text, written_text, MapCall, MapLock, ENTRY_CHANGES};
use crate::program::{FnId, Program, Ty, TypeMark};
use crate::syntax::text;
use crate::Location;

/// Methods any map call of interest has: the checks, the changes and the
/// writes through an entry.
const MAP_METHODS: &[&str] = &[
    "contains_key",
    "get",
    "get_key_value",
    "get_mut",
    "contains",
    "is_empty",
    "len",
    "insert",
    "remove",
    "remove_entry",
    "try_insert",
    "and_modify",
    "or_insert",
    "or_insert_with",
    "or_insert_with_key",
    "or_default",
];

/// Methods that take a lock and give its guard: a guard taken by one of
/// them is the lock's; one given by any other function is that function's.
const LOCKING: &[&str] = &[
    "lock",
    "read",
    "write",
    "try_lock",
    "try_read",
    "try_write",
    "blocking_lock",
    "blocking_read",
    "blocking_write",
    "upgradable_read",
    "lock_owned",
    "read_owned",
    "write_owned",
    // A concurrent map's entry holds its shard's lock.
    "entry",
];

/// The entry types of the maps the check follows.
const ENTRIES: &[&str] = &[
    "std::collections::hash_map::Entry",
    "std::collections::btree_map::Entry",
    "dashmap::mapref::entry::Entry",
];

/// A call of a helper of the program, as written.
pub(super) struct HelperSite<'e> {
    pub receiver: Option<&'e Expr>,
    /// The arguments after the receiver.
    pub args: &'e [&'e Expr],
    pub location: Location,
    pub site: *const (),
}

/// Whether a map is a map or a set.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Map,
    Set,
}

impl Flow<'_> {
    /// A method call on a map reached through a guard, on a concurrent map,
    /// or on an entry: told to the map check, and the check it makes carried
    /// in `result`.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn map_method(
        &mut self,
        call: &ExprMethodCall,
        name: &str,
        receiver: &Val,
        found_on: Option<&Ty>,
        through: &[GuardId],
        args: &[Val],
        state: &State,
        result: &mut Val,
    ) {
        if !MAP_METHODS.contains(&name) {
            return;
        }
        let program = self.scope.program;
        let concurrent = found_on.filter(|ty| program.has_mark(ty, TypeMark::ConcurrentMap));
        let entry = concurrent.is_none()
            && ENTRY_CHANGES.contains(&name)
            && receiver
                .ty
                .strip_refs()
                .path()
                .is_some_and(|path| ENTRIES.contains(&path));
        let kind = if concurrent.is_some() || entry || through.is_empty() {
            None
        } else {
            map_kind(&receiver.ty, program)
        };
        if concurrent.is_none() && !entry && kind.is_none() {
            return;
        }
        let site: *const () = (call as *const ExprMethodCall).cast();
        let locks: Vec<MapLock> = match concurrent {
            Some(_) => vec![MapLock {
                guard: self.maps.synthetic(site),
                lock: place_text(&call.receiver),
                static_id: receiver.place_id.clone().filter(|id| !id.contains('.')),
            }],
            None => through
                .iter()
                .filter(|id| self.guards[**id].flavor != Flavor::Cell)
                .map(|id| self.map_lock(*id))
                .collect(),
        };
        if locks.is_empty() {
            return;
        }
        let key_expr = if entry {
            entry_key(&call.receiver)
        } else {
            call.args.first()
        };
        let mut data = Vec::new();
        for value in args {
            union(&mut data, value.checks.clone());
        }
        let set = match concurrent {
            Some(ty) => ty.strip_refs().path() == Some("dashmap::DashSet"),
            None => kind == Some(Kind::Set),
        };
        // What a change writes: `insert`'s value, an entry's `or_insert(v)`.
        let written = match (entry, call.args.len()) {
            (false, 2) => call.args.get(1),
            (true, 1) => call.args.first(),
            _ => None,
        };
        let map_call = MapCall {
            method: name,
            via: None,
            entry,
            key: key_expr.and_then(|key| self.maps.key_of(key)),
            key_text: key_expr.map(text),
            written: written.map(written_text),
            set,
            acquire: self.acquire_text(call, &locks),
            concurrent: concurrent.is_some(),
            inspected: self.inspected.contains(&(call as *const _)),
            location: super::method_location(call),
            site,
        };
        let live = self.live_locks(state);
        self.answers_in_force(state);
        if let Some(check) =
            self.maps
                .observe(self.report, &map_call, &locks, &state.control, &data, &live)
        {
            result.checks.push(check);
        }
    }

    /// Whether a function of the program checks a map and returns the
    /// answer, or changes a map under its own lock.
    pub(super) fn changes_or_checks_maps(&self, id: FnId) -> bool {
        self.facts.get(id).is_some_and(|known| known.maps.any())
    }

    /// A call of a function of the program that checks a map and returns
    /// the answer, or changes a map under its own lock (its facts say).
    pub(super) fn map_helper(
        &mut self,
        id: FnId,
        at: &HelperSite<'_>,
        args: &[Val],
        state: &State,
        result: &mut Val,
    ) {
        let facts: &crate::facts::Facts = self.facts;
        let Some(known) = facts.get(id).filter(|known| known.maps.any()) else {
            return;
        };
        let name = &self.scope.program.function(id).name;
        let mut data = Vec::new();
        for value in args {
            union(&mut data, value.checks.clone());
        }
        let live = self.live_locks(state);
        let guard = self.maps.synthetic(at.site);
        let call_of = |flow: &mut Self, fact: &MapFact| {
            let lock = helper_lock(&fact.lock, at, guard)?;
            let key_expr = match fact.key {
                KeyPlace::Param(index) => at.args.get(index).copied(),
                _ => None,
            };
            let key = match &fact.key {
                KeyPlace::Param(_) => key_expr.and_then(|key| flow.maps.key_of(key)),
                KeyPlace::Literal(literal) => Some(literal.clone()),
                KeyPlace::Unknown => None,
            };
            Some((lock, key, key_expr.map(text)))
        };
        for fact in &known.maps.changes {
            let Some((lock, key, key_text)) = call_of(self, fact) else {
                continue;
            };
            let call = MapCall {
                method: &fact.method,
                via: Some(name),
                entry: false,
                key,
                key_text,
                written: None,
                set: false,
                acquire: lock.lock.clone(),
                concurrent: false,
                inspected: false,
                location: at.location,
                site: at.site,
            };
            self.answers_in_force(state);
            self.maps
                .change(self.report, &call, &[lock], &state.control, &data, &live);
        }
        for fact in &known.maps.checks {
            let Some((lock, key, key_text)) = call_of(self, fact) else {
                continue;
            };
            let call = MapCall {
                method: &fact.method,
                via: Some(name),
                entry: false,
                key,
                key_text,
                written: None,
                set: false,
                acquire: lock.lock.clone(),
                concurrent: false,
                inspected: false,
                location: at.location,
                site: at.site,
            };
            if let Some(check) = self.maps.check(&call, &lock, fact.claim, &live) {
                result.checks.push(check);
            }
        }
    }

    /// Marks the method calls whose answers an `if` condition reads
    /// (`if set.insert(k) && ..`): a change there decides by its own answer.
    pub(super) fn inspect_condition(&mut self, cond: &Expr) {
        match cond {
            Expr::Paren(inner) => self.inspect_condition(&inner.expr),
            Expr::Unary(unary) if matches!(unary.op, syn::UnOp::Not(_)) => {
                self.inspect_condition(&unary.expr);
            }
            Expr::Binary(binary) if matches!(binary.op, syn::BinOp::And(_) | syn::BinOp::Or(_)) => {
                self.inspect_condition(&binary.left);
                self.inspect_condition(&binary.right);
            }
            Expr::MethodCall(call) => {
                self.inspected.insert(call as *const _);
            }
            _ => {}
        }
    }

    /// What the help tells to lock once: the call's receiver when it takes
    /// the guard right there (`m.lock().unwrap()`), else how the guard was
    /// taken (`self.peers.write()`).
    fn acquire_text(&self, call: &ExprMethodCall, locks: &[MapLock]) -> String {
        let receiver = text(&*call.receiver);
        let taken = locks
            .first()
            .and_then(|lock| self.guards.get(lock.guard))
            .map(|guard| guard.taken.as_str());
        match taken {
            Some(taken) if !receiver.starts_with(taken) => taken.to_owned(),
            _ => receiver,
        }
    }

    /// The guards alive that hold locks (not `RefCell` borrows).
    fn live_locks(&self, state: &State) -> Vec<GuardId> {
        let mut live = state.live();
        live.retain(|id| self.guards[*id].flavor != Flavor::Cell);
        live
    }

    /// `found.store(v, ..)` on an atomic the code found in a map: the value
    /// found is overwritten with `v` (an upsert, if the other branch
    /// inserts `v`).
    pub(super) fn map_store(
        &mut self,
        call: &ExprMethodCall,
        name: &str,
        receiver: &Val,
        state: &State,
    ) {
        if receiver.checks.is_empty() || !matches!(name, "store" | "swap") {
            return;
        }
        let atomic = reaches(&receiver.ty, self.scope.program, |ty| {
            self.scope.program.has_mark(ty, TypeMark::Atomic)
        });
        if let (true, Some(value)) = (atomic, call.args.first()) {
            let mut found = receiver.checks.clone();
            union(&mut found, state.control.clone());
            self.maps.overwrite(&found, written_text(value));
        }
    }

    /// `*found = v`, where `found` holds what a map check found.
    pub(super) fn map_assign(&mut self, place: &Expr, value: &Expr, state: &State) {
        let Expr::Unary(unary) = place else { return };
        if !matches!(unary.op, syn::UnOp::Deref(_)) {
            return;
        }
        let mut found = crate::syntax::local_name(&unary.expr)
            .and_then(|name| state.lookup(&crate::program::unraw(name)))
            .map(|index| state.bindings[index].checks.clone())
            .unwrap_or_default();
        if !found.is_empty() {
            // In the branch a check decided, that check found the key too.
            union(&mut found, state.control.clone());
            self.maps.overwrite(&found, written_text(value));
        }
    }

    /// The lock a guard is, for the map check: the lock it was taken on
    /// (`self.peers` for `self.peers.lock()`, `.read()`, `.write()`), or the
    /// call that gave it (`self.peers()`).
    fn map_lock(&self, id: GuardId) -> MapLock {
        let guard = &self.guards[id];
        let method = guard
            .taken
            .strip_prefix(guard.lock.as_str())
            .and_then(|rest| rest.strip_prefix('.'))
            .map(|rest| rest.split('(').next().unwrap_or(rest));
        let lock = if method.is_some_and(|method| LOCKING.contains(&method)) {
            guard.lock.clone()
        } else {
            guard.taken.clone()
        };
        MapLock {
            guard: id,
            lock,
            static_id: guard.lock_id.clone().filter(|id| !id.contains('.')),
        }
    }

    /// `let key = req.id.clone();`: `key` names what `init` named.
    pub(super) fn bound_key(&mut self, pat: &Pat, key: Option<String>) {
        if let (Some(name), Some(key)) = (crate::syntax::binding(pat), key) {
            self.maps.alias(&crate::program::unraw(name), key);
        }
    }

    /// The map checks a closure's body reads from the variables it captures.
    pub(super) fn captured_checks(&self, closure: &syn::ExprClosure, state: &State) -> Vec<usize> {
        use syn::visit::Visit;
        struct Names<'s> {
            state: &'s State,
            checks: Vec<usize>,
        }
        impl<'ast> Visit<'ast> for Names<'_> {
            fn visit_expr_path(&mut self, path: &'ast syn::ExprPath) {
                if let Some(ident) = path.path.get_ident() {
                    if let Some(index) = self.state.lookup(&crate::program::unraw(ident)) {
                        union(&mut self.checks, self.state.bindings[index].checks.clone());
                    }
                }
            }
        }
        if state
            .bindings
            .iter()
            .all(|binding| binding.checks.is_empty())
        {
            return Vec::new();
        }
        let mut names = Names {
            state,
            checks: Vec::new(),
        };
        names.visit_expr(&closure.body);
        names.checks
    }

    /// Tells the map checks which answers variables keep, and which
    /// answers gave a lock that is held, at the call about to be seen.
    fn answers_in_force(&mut self, state: &State) {
        self.maps.kept = state
            .bindings
            .iter()
            .flat_map(|binding| binding.checks.iter().copied())
            .collect();
        self.maps.serialised = state
            .live()
            .iter()
            .flat_map(|id| self.guards[*id].from_checks.iter().copied())
            .collect();
    }

    /// Tells the observers what the function does to maps, for its callers.
    pub(super) fn maps_done(&mut self) {
        let mut facts = MapFacts {
            used: self.maps.used,
            ..MapFacts::default()
        };
        if self.scope.function.is_some() {
            for index in &self.returned {
                let Some(check) = self.maps.checks.get(*index) else {
                    continue;
                };
                if let Some(lock) = self.lock_place(&check.lock) {
                    let fact = MapFact {
                        lock,
                        key: self.key_place(check.key.as_deref()),
                        method: check.method.clone(),
                        claim: check.claim,
                    };
                    if !facts.checks.contains(&fact) {
                        facts.checks.push(fact);
                    }
                }
            }
            for change in &self.maps.changes {
                if let Some(lock) = self.lock_place(&change.lock) {
                    let fact = MapFact {
                        lock,
                        key: self.key_place(change.key.as_deref()),
                        method: change.method.clone(),
                        claim: false,
                    };
                    if !facts.changes.contains(&fact) {
                        facts.changes.push(fact);
                    }
                }
            }
        }
        self.tell(|observer, cx| observer.maps_done(cx, &facts));
    }

    /// Where the function finds a lock: below `self`, below a parameter, or
    /// a static; `None` for a local.
    fn lock_place(&self, lock: &MapLock) -> Option<LockPlace> {
        if let Some(id) = &lock.static_id {
            return Some(LockPlace::Static(id.clone()));
        }
        let (head, rest) = match lock.lock.split_once('.') {
            Some((head, rest)) => (head, rest),
            None => (lock.lock.as_str(), ""),
        };
        if head == "self" {
            return Some(LockPlace::OnSelf(rest.to_owned()));
        }
        self.param_index(head)
            .map(|index| LockPlace::Param(index, rest.to_owned()))
    }

    fn key_place(&self, key: Option<&str>) -> KeyPlace {
        let Some(key) = key else {
            return KeyPlace::Unknown;
        };
        if let Some(index) = self.param_index(key) {
            return KeyPlace::Param(index);
        }
        if key.starts_with(['"', '\'', '-']) || key.starts_with(|c: char| c.is_ascii_digit()) {
            return KeyPlace::Literal(key.to_owned());
        }
        KeyPlace::Unknown
    }

    /// The position of parameter `name` after the receiver.
    fn param_index(&self, name: &str) -> Option<usize> {
        let def = self.scope.program.function(self.scope.function?);
        def.params
            .iter()
            .position(|(param, _)| param.as_deref() == Some(name))
    }
}

/// The lock a helper's fact names, in the caller's terms.
fn helper_lock(place: &LockPlace, at: &HelperSite<'_>, guard: GuardId) -> Option<MapLock> {
    let below = |base: &Expr, rest: &str| {
        let base = place_text(base);
        if rest.is_empty() {
            base
        } else {
            format!("{base}.{rest}")
        }
    };
    let (lock, static_id) = match place {
        LockPlace::OnSelf(rest) => (below(at.receiver?, rest), None),
        LockPlace::Param(index, rest) => (below(at.args.get(*index)?, rest), None),
        LockPlace::Static(path) => (path.clone(), Some(path.clone())),
    };
    Some(MapLock {
        guard,
        lock,
        static_id,
    })
}

/// The key of `map.entry(key)`, when the entry is used right there.
fn entry_key(receiver: &Expr) -> Option<&Expr> {
    match receiver {
        Expr::Paren(inner) => entry_key(&inner.expr),
        Expr::MethodCall(call) if call.method == "entry" => call.args.first(),
        _ => None,
    }
}

/// Whether `ty`, or what it derefs to, is what `wanted` accepts.
fn reaches(ty: &Ty, program: &Program, wanted: impl Fn(&Ty) -> bool) -> bool {
    let mut current = ty.strip_refs().clone();
    for _ in 0..4 {
        if wanted(&current) {
            return true;
        }
        match program.deref(&current) {
            Some(inner) => current = inner.strip_refs().clone(),
            None => return false,
        }
    }
    false
}

/// Whether a value of type `ty` (behind references and guards) is a map
/// or a set whose check-then-act the map check follows.
fn map_kind(ty: &Ty, program: &Program) -> Option<Kind> {
    let mut current = ty.strip_refs().clone();
    for _ in 0..4 {
        match current.path() {
            Some(
                "std::collections::HashMap"
                | "std::collections::BTreeMap"
                | "hashbrown::HashMap"
                | "indexmap::IndexMap",
            ) => return Some(Kind::Map),
            Some(
                "std::collections::HashSet"
                | "std::collections::BTreeSet"
                | "hashbrown::HashSet"
                | "indexmap::IndexSet",
            ) => return Some(Kind::Set),
            _ => {}
        }
        current = program.deref(&current)?.strip_refs().clone();
    }
    None
}
