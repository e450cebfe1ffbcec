//! Calls: what they resolve to, what they return, which guards they take,
//! hand on or consume, and what they do (I/O now, or when awaited).

use syn::{Expr, ExprCall, ExprMethodCall};

use super::state::{Acquires, GuardId, Pending, Site, State, Val};
use super::walk::{Flow, Runs};
use super::{Effect, Flavor};
use crate::program::resolve::{Ns, Res};
use crate::program::{FnDef, FnId, FnMarks, IoKind, Method, Receiver, Ty, ValueDef};
use crate::syntax::text;
use crate::Location;

/// Methods of the std collections, `Option`, `Result` and iterators that
/// run the closure they are given before they return.
const RUNS_CLOSURE_NOW: &[&str] = &[
    "map",
    "and_then",
    "or_else",
    "unwrap_or_else",
    "map_or",
    "map_or_else",
    "ok_or_else",
    "filter",
    "filter_map",
    "for_each",
    "try_for_each",
    "fold",
    "try_fold",
    "any",
    "all",
    "find",
    "find_map",
    "position",
    "flat_map",
    "inspect",
    "is_some_and",
    "is_ok_and",
    "retain",
    "sort_by",
    "sort_by_key",
    "get_or_insert_with",
    "or_insert_with",
    "max_by_key",
    "min_by_key",
    "take_while",
    "skip_while",
    "partition",
];

/// Methods that copy a value out, leaving no tie to where it came from.
/// Methods that put their argument into the collection or cell they are
/// called on.
const STORES: &[&str] = &[
    "insert",
    "push",
    "push_back",
    "push_front",
    "replace",
    "get_or_insert",
    "get_or_insert_with",
    "set",
    "extend",
    "or_insert",
    "or_insert_with",
];

const DETACHES: &[&str] = &[
    "clone",
    "to_owned",
    "to_string",
    "to_vec",
    "cloned",
    "copied",
];

/// What a call resolved to.
struct Callee<'p> {
    def: Option<(FnId, &'p FnDef)>,
    marks: FnMarks,
    /// For methods: the type the method was found on.
    found_on: Option<Ty>,
    ret: Ty,
    receiver: Option<Receiver>,
    /// `Some(x)`, `Wrapper(x)`, a variant: the value wraps its arguments.
    constructor: bool,
}

impl<'a> Flow<'a> {
    pub fn method(&mut self, call: &ExprMethodCall, state: &mut State, awaited: bool) -> Val {
        let name = crate::program::unraw(&call.method);
        let receiver = self.expr(&call.receiver, state);
        let program = self.scope.program;
        let resolved = if DETACHES.contains(&name.as_str()) && name != "cloned" && name != "copied"
        {
            None
        } else {
            program.method(&receiver.ty, &name)
        };
        let callee = match &resolved {
            Some(method) => self.callee_of_method(method),
            None => Callee {
                def: None,
                marks: FnMarks::default(),
                found_on: None,
                ret: match self.guard_in(&receiver.ty) {
                    // Cloning through a guard clones what it protects.
                    Some((_, protects)) if name == "clone" => protects,
                    _ => detached_type(&name, &receiver.ty),
                },
                receiver: None,
                constructor: false,
            },
        };
        if let Some(found_on) = &callee.found_on {
            self.tell(|observer, cx| observer.method_resolved(cx, call, found_on));
        }
        let through = Self::reach(&receiver, state);
        let shared = self.through_shared_pointer(&receiver.ty, callee.found_on.as_ref());
        let on_self = Self::reach_self(&receiver, state) && !shared;
        let by_value = callee.receiver == Some(Receiver::Value);
        let receiver_owned = if by_value {
            self.take(&receiver, state)
        } else {
            Vec::new()
        };
        let receiver_checks = receiver.checks.clone();
        let inline = self.runs_closures_now(&callee, &name, &receiver.ty);
        Self::temps(
            super::Val {
                place: None,
                guards: if by_value {
                    Vec::new()
                } else {
                    receiver.guards.clone()
                },
                ..receiver.clone()
            },
            state,
        );
        let io_mark = self.io_sites.len();
        let (args, moved_args) = self.arguments(call.args.iter(), &callee, inline, state);
        if STORES.contains(&name.as_str()) {
            // `cache.insert(key, opened)`: the value goes into what the guard protects.
            let args: Vec<&Expr> = call.args.iter().collect();
            self.stored_into(&through, &args, io_mark, state);
        }
        let mut checks = receiver_checks;
        for value in &args {
            crate::flow::state::union(&mut checks, value.checks.clone());
        }
        let mut moved = receiver_owned;
        moved.extend(moved_args);
        let ret = self.bind_generics(&callee, &args);
        let live = state.live();
        // What the call takes, hands on or consumes.
        let configured_guard = self.settings.guard_functions.contains(&name);
        let mut result = Val {
            ty: ret.clone(),
            checks,
            atomic_read: program.has_mark(&receiver.ty, crate::program::TypeMark::Atomic),
            ..Val::default()
        };
        // A clone of an `Arc` or `Rc` is the same shared value.
        let shared_pointer = matches!(
            receiver.ty.strip_refs().path(),
            Some("std::sync::Arc" | "std::rc::Rc")
        );
        if name == "clone" && shared_pointer {
            result.place_id.clone_from(&receiver.place_id);
        }
        // A result that borrows from the receiver is reached the same way;
        // an owned one (`map.remove(k)`) is on its own.
        if !DETACHES.contains(&name.as_str()) && !self.is_owned(&ret) {
            result.through.clone_from(&through);
            result.from_self = on_self;
        } else {
            result.read_from.clone_from(&through);
        }
        match self
            .guard_in(&ret)
            .filter(|_| !matches!(ret, Ty::Future(_)))
        {
            Some((flavor, protects)) => {
                let container = callee
                    .found_on
                    .as_ref()
                    .is_some_and(|found| self.guard_in(found).is_some());
                if !moved.is_empty() {
                    result.guards = moved;
                } else if container {
                    // `maybe_guard.take()`: the guard moves out of its container.
                    let index = receiver.place;
                    if let Some(binding) = index.and_then(|index| state.bindings.get_mut(index)) {
                        result.guards = std::mem::take(&mut binding.guards);
                    }
                } else {
                    let taken = format!(
                        "{}.{name}({})",
                        text(&*call.receiver),
                        if call.args.is_empty() { "" } else { ".." }
                    );
                    let id = self.new_guard_of(
                        (call as *const ExprMethodCall).cast(),
                        flavor,
                        taken,
                        text(&*call.receiver),
                        receiver.place_id.clone(),
                        protects,
                    );
                    self.guards[id].from_checks = Self::answers_of(&receiver, state);
                    self.guards[id].taken_at.get_or_insert(Location {
                        start: super::first_span(&call.receiver),
                        end: call.paren_token.span.close(),
                    });
                    result.guards = vec![id];
                }
            }
            None if configured_guard && !awaited => {
                let taken = format!("{}.{name}(..)", text(&*call.receiver));
                let id = self.new_guard(
                    (call as *const ExprMethodCall).cast(),
                    Flavor::Sync,
                    taken,
                    text(&*call.receiver),
                    crate::program::Ty::Unknown,
                );
                state.kill(&moved);
                result.guards = vec![id];
            }
            None => state.kill(&moved),
        }
        // What it does. I/O on what a guard protects is what the lock is
        // for, unless it is reached through a shared pointer (an `Arc` kept
        // in the state is a handle anyone may hold without the lock).
        let site = Site::of(call, super::method_location(call));
        let raw = self.effect_of(&callee, &name, std::slice::from_ref(&name));
        let mut io_through = match &raw {
            Some(effect) if effect.on_receiver && !shared => through.clone(),
            _ => Vec::new(),
        };
        io_through.extend(self.handed_guards(&callee, &args, 0, state));
        // For the caller's facts: still on its receiver only if this
        // receiver is reached from the caller's `self`.
        let effect = raw.map(|effect| Effect {
            on_receiver: effect.on_receiver && on_self,
            ..effect
        });
        let receiver_answers = Self::answers_of(&receiver, state);
        let acquires = || Acquires {
            taken: format!("{}.{name}().await", text(&*call.receiver)),
            lock: text(&*call.receiver),
            lock_id: receiver.place_id.clone(),
            from_checks: receiver_answers.clone(),
        };
        self.after_call(
            &callee,
            effect,
            site,
            &acquires,
            &io_through,
            &live,
            &mut result,
        );
        if let Some((fn_id, _)) = callee.def {
            let live = state.live();
            self.tell(|observer, cx| observer.called(cx, fn_id, awaited, on_self, &live));
            if self.changes_or_checks_maps(fn_id) {
                let written: Vec<&Expr> = call.args.iter().collect();
                let site = super::maps::HelperSite {
                    receiver: Some(&call.receiver),
                    args: &written,
                    location: super::method_location(call),
                    site: (call as *const ExprMethodCall).cast(),
                };
                self.map_helper(fn_id, &site, &args, state, &mut result);
            }
        }
        self.map_store(call, &name, &receiver, state);
        // A map checked or changed through a guard, a concurrent map or an entry.
        self.map_method(
            call,
            &name,
            &receiver,
            callee.found_on.as_ref(),
            &through,
            &args,
            state,
            &mut result,
        );
        result
    }

    pub fn call(&mut self, call: &ExprCall, state: &mut State, awaited: bool) -> Val {
        let Expr::Path(func) = &*call.func else {
            let callee = self.expr(&call.func, state);
            let ret = match &callee.ty {
                Ty::Fn(ret) => (**ret).clone(),
                _ => Ty::Unknown,
            };
            Self::temps(callee, state);
            for arg in &call.args {
                let value = self.expr(arg, state);
                self.consume(&value, state);
            }
            return Val::of(ret);
        };
        // A parameter or a local closure, called.
        if let Some(ident) = func.path.get_ident().filter(|_| func.qself.is_none()) {
            let name = crate::program::unraw(ident);
            if let Some(index) = state.lookup(&name) {
                let ret = match &state.bindings[index].ty {
                    Ty::Fn(ret) => (**ret).clone(),
                    _ => Ty::Unknown,
                };
                for arg in &call.args {
                    let value = self.expr(arg, state);
                    self.consume(&value, state);
                }
                if let Some(position) = self.param_position(&name) {
                    let live = state.live();
                    self.tell(|observer, cx| observer.called_param(cx, position, &live));
                }
                return Val::of(ret);
            }
        }
        let callee = self.callee_of_path(&func.path, func.qself.is_some());
        let (args, moved) = self.arguments(call.args.iter(), &callee, false, state);
        let mut checks = Vec::new();
        for value in &args {
            crate::flow::state::union(&mut checks, value.checks.clone());
        }
        let mut ret = self.bind_generics(&callee, &args);
        if callee.constructor {
            ret = constructed(&callee.ret, &func.path, &args);
        }
        let live = state.live();
        let mut result = Val {
            ty: ret.clone(),
            checks,
            ..Val::default()
        };
        let written: Vec<String> = func
            .path
            .segments
            .iter()
            .map(|segment| crate::program::unraw(&segment.ident))
            .collect();
        let configured_guard = written.len() == 1
            && self
                .settings
                .guard_functions
                .iter()
                .any(|listed| *listed == written[0]);
        if callee.constructor {
            result.guards = moved;
        } else {
            match self
                .guard_in(&ret)
                .filter(|_| !matches!(ret, Ty::Future(_)))
            {
                Some((flavor, protects)) => {
                    if moved.is_empty() {
                        let taken = format!("{}(..)", text(&func.path));
                        let id = self.new_guard(
                            (call as *const ExprCall).cast(),
                            flavor,
                            taken.clone(),
                            taken,
                            protects,
                        );
                        result.guards = vec![id];
                    } else {
                        result.guards = moved;
                    }
                }
                None if configured_guard && !awaited => {
                    let taken = format!("{}(..)", written[0]);
                    let id = self.new_guard(
                        (call as *const ExprCall).cast(),
                        Flavor::Sync,
                        taken.clone(),
                        taken,
                        Ty::Unknown,
                    );
                    state.kill(&moved);
                    result.guards = vec![id];
                }
                None => state.kill(&moved),
            }
        }
        let site = Site::of(call, super::call_location(call));
        let mut effect =
            self.effect_of(&callee, written.last().map_or("", String::as_str), &written);
        if callee.marks.forwards {
            // `timeout(d, stream.read(..))` waits on what it is given.
            effect = args.iter().find_map(|value| {
                value
                    .pending
                    .as_ref()
                    .and_then(|pending| pending.effect.clone())
            });
        }
        let acquires = || Acquires {
            taken: format!("{}(..).await", text(&func.path)),
            lock: text(&func.path),
            lock_id: None,
            from_checks: Vec::new(),
        };
        let skip = callee
            .def
            .map_or(0, |(_, def)| usize::from(def.receiver.is_some()));
        let handed = self.handed_guards(&callee, &args, skip, state);
        self.after_call(
            &callee,
            effect,
            site,
            &acquires,
            &handed,
            &live,
            &mut result,
        );
        if let Some((fn_id, def)) = callee.def {
            let live = state.live();
            self.tell(|observer, cx| observer.called(cx, fn_id, awaited, false, &live));
            if self.changes_or_checks_maps(fn_id) {
                // `Type::method(&x, k)`: the first argument is the receiver.
                let all: Vec<&Expr> = call.args.iter().collect();
                let skip = usize::from(def.receiver.is_some()).min(all.len());
                let site = super::maps::HelperSite {
                    receiver: def.receiver.and(all.first().copied()),
                    args: &all[skip..],
                    location: super::call_location(call),
                    site: (call as *const ExprCall).cast(),
                };
                self.map_helper(
                    fn_id,
                    &site,
                    &args[skip.min(args.len())..],
                    state,
                    &mut result,
                );
            }
        }
        result
    }

    /// Reports a blocking call now, or records what awaiting the result does.
    #[allow(clippy::too_many_arguments)]
    fn after_call(
        &mut self,
        callee: &Callee<'_>,
        effect: Option<Effect>,
        site: Site,
        acquires: &dyn Fn() -> Acquires,
        through: &[GuardId],
        live: &[GuardId],
        result: &mut Val,
    ) {
        let is_future =
            matches!(result.ty, Ty::Future(_)) || callee.def.is_some_and(|(_, def)| def.is_async);
        if is_future {
            // Only a future that gives a guard takes a lock when awaited.
            let acquires = match &result.ty {
                Ty::Future(output) if self.guard_in(output).is_some() => Some(acquires()),
                _ => None,
            };
            result.pending = Some(Pending {
                effect,
                acquires,
                through: through.to_vec(),
            });
        } else if let Some(effect) = effect {
            self.io_sites.push(site.key);
            self.tell(|observer, cx| observer.blocking(cx, site, &effect, live, through));
        }
    }

    /// The map checks whose answer a value is, or its variable keeps.
    fn answers_of(value: &Val, state: &State) -> Vec<usize> {
        let mut answers = value.checks.clone();
        if let Some(binding) = value.place.and_then(|index| state.bindings.get(index)) {
            answers.extend(binding.checks.iter().copied());
        }
        answers
    }

    /// Guards handed to a parameter whose type is a guard (`&mut MutexGuard<..>`):
    /// the function of the program follows them as its own and reports
    /// what it does under them there, so the call does not report it again.
    fn handed_guards(
        &self,
        callee: &Callee<'_>,
        args: &[Val],
        skip: usize,
        state: &State,
    ) -> Vec<GuardId> {
        let Some((_, def)) = callee.def.filter(|(_, def)| def.body.is_some()) else {
            return Vec::new();
        };
        def.params
            .iter()
            .zip(args.iter().skip(skip))
            .filter(|((_, ty), _)| self.guard_in(ty.strip_refs()).is_some())
            .flat_map(|(_, value)| Self::reach(value, state))
            .collect()
    }

    /// Evaluates arguments; returns their values and the guards moved into the call.
    fn arguments<'e>(
        &mut self,
        args: impl Iterator<Item = &'e Expr>,
        callee: &Callee<'_>,
        inline: bool,
        state: &mut State,
    ) -> (Vec<Val>, Vec<GuardId>) {
        let mut values = Vec::new();
        let mut moved = Vec::new();
        let facts: &'a crate::facts::Facts = self.facts;
        let known = callee.def.and_then(|(id, _)| facts.get(id));
        let under_lock: &[(usize, Flavor, String)] =
            known.map_or(&[], |facts| facts.params_under_lock.as_slice());
        let calls_params: &[usize] = known.map_or(&[], |facts| facts.calls_params.as_slice());
        for (index, arg) in args.enumerate() {
            let value = match peel(arg) {
                Expr::Closure(closure) => {
                    let value = if let Some((_, flavor, taken)) =
                        under_lock.iter().find(|(param, _, _)| *param == index)
                    {
                        let helper = callee
                            .def
                            .map(|(_, def)| def.name.clone())
                            .unwrap_or_default();
                        let id = self.new_guard(
                            (closure as *const syn::ExprClosure).cast(),
                            *flavor,
                            taken.clone(),
                            taken.clone(),
                            Ty::Unknown,
                        );
                        self.guards[id].held_by = Some(helper);
                        self.closure(closure, vec![id], Runs::Now, state)
                    } else if callee.marks.spawns {
                        self.closure(closure, Vec::new(), Runs::Spawned, state)
                    } else if inline || calls_params.contains(&index) {
                        let live = state.live();
                        self.closure(closure, live, Runs::Now, state)
                    } else {
                        self.closure(closure, Vec::new(), Runs::Later, state)
                    };
                    Val {
                        checks: self.captured_checks(closure, state),
                        ..value
                    }
                }
                Expr::Async(block) if callee.marks.spawns => self.spawned_async(block, state),
                _ => self.expr(arg, state),
            };
            if let (Some((callee, _)), Some(place)) = (callee.def, value.place_id.as_deref()) {
                self.tell(|observer, cx| observer.passed(cx, callee, index, place));
            }
            let owned = self.take(&value, state);
            moved.extend(owned);
            // A future bound before it is passed on (`timeout(d, fut)`).
            let pending = Self::pending_of(&value, state);
            values.push(Val {
                place: None,
                pending,
                ..value
            });
        }
        (values, moved)
    }

    fn callee_of_method(&self, method: &Method) -> Callee<'a> {
        let program: &'a crate::program::Program = self.scope.program;
        let def = program.function(method.id);
        Callee {
            def: Some((method.id, def)),
            marks: method.marks,
            found_on: Some(method.found_on.clone()),
            ret: method.ret.clone(),
            receiver: Some(method.receiver),
            constructor: false,
        }
    }

    fn callee_of_path(&self, path: &syn::Path, qualified: bool) -> Callee<'a> {
        let none = Callee {
            def: None,
            marks: FnMarks::default(),
            found_on: None,
            ret: Ty::Unknown,
            receiver: None,
            constructor: false,
        };
        if qualified {
            return none;
        }
        let program: &'a crate::program::Program = self.scope.program;
        let segments: Vec<String> = path
            .segments
            .iter()
            .map(|segment| crate::program::unraw(&segment.ident))
            .collect();
        // `Self::new(..)`, `Self(..)`.
        if segments.first().is_some_and(|first| first == "Self") {
            let self_ty = self.scope.self_ty.clone().unwrap_or_default();
            return match segments.get(1) {
                Some(name) => match program.associated(&self_ty, name) {
                    Some(method) => self.callee_of_method(&method),
                    None => none,
                },
                None => Callee {
                    ret: self_ty,
                    constructor: true,
                    ..none
                },
            };
        }
        match program.resolve_path(
            self.scope.module,
            path.leading_colon.is_some(),
            &segments,
            Ns::Value,
        ) {
            Some(Res::Value(found)) => match program.value(&found) {
                Some(ValueDef::Fn(id)) => {
                    let def = program.function(*id);
                    Callee {
                        def: Some((*id, def)),
                        marks: def.marks,
                        found_on: None,
                        ret: if def.is_async {
                            Ty::future(def.ret.clone())
                        } else {
                            def.ret.clone()
                        },
                        receiver: def.receiver,
                        constructor: false,
                    }
                }
                Some(ValueDef::Constructor(ty)) => Callee {
                    ret: Ty::named(ty),
                    constructor: true,
                    ..none
                },
                _ => none,
            },
            Some(Res::Assoc(ty, name)) => {
                let owner = Ty::named(&ty);
                if program.value(&format!("{ty}::{name}")).is_some() {
                    // An enum variant.
                    return Callee {
                        ret: owner,
                        constructor: true,
                        ..none
                    };
                }
                match program.associated(&owner, &name) {
                    Some(method) => self.callee_of_method(&method),
                    None => none,
                }
            }
            Some(Res::Type(ty)) => Callee {
                ret: Ty::named(&ty),
                constructor: true,
                ..none
            },
            _ => none,
        }
    }

    /// The return type with the function's own generic parameters bound
    /// from its arguments (`Arc::new(Mutex::new(0u8))`).
    fn bind_generics(&self, callee: &Callee<'a>, args: &[Val]) -> Ty {
        let Some((_, def)) = callee.def else {
            return callee.ret.clone();
        };
        let mut bound = Vec::new();
        for ((_, declared), value) in def.params.iter().zip(args) {
            value.ty.bind_to(declared, &mut bound);
        }
        callee.ret.substitute(&bound)
    }

    /// Whether values of this type own their data: a result of this type
    /// is not reached through what it was computed from.
    pub(crate) fn is_owned(&self, ty: &Ty) -> bool {
        match ty {
            Ty::Tuple(items) => items.iter().all(|item| self.is_owned(item)),
            // Shared ownership: a clone keeps the value alive by itself,
            // borrowing nothing (an `Rc<&T>` is too rare to stay quiet for).
            Ty::Named(path, _) if matches!(&**path, "std::sync::Arc" | "std::rc::Rc") => true,
            Ty::Named(path, args) => {
                let own_data = matches!(
                    &**path,
                    "std::option::Option"
                        | "std::result::Result"
                        | "std::boxed::Box"
                        | "std::vec::Vec"
                        | "std::string::String"
                        | "std::collections::HashMap"
                        | "std::collections::HashSet"
                        | "std::collections::BTreeMap"
                        | "std::collections::BTreeSet"
                        | "std::collections::VecDeque"
                ) || !path.contains(':')
                    || self
                        .scope
                        .program
                        .type_def(path)
                        .is_some_and(|def| def.file.is_some());
                own_data && args.iter().all(|arg| self.is_owned(arg))
            }
            _ => false,
        }
    }

    /// Whether a method found on `found_on` is reached from `receiver`
    /// through an `Arc` or `Rc`.
    fn through_shared_pointer(&self, receiver: &Ty, found_on: Option<&Ty>) -> bool {
        let program = self.scope.program;
        let mut current = receiver.strip_refs().clone();
        for _ in 0..6 {
            if Some(&current) == found_on {
                return false;
            }
            if matches!(current.path(), Some("std::sync::Arc" | "std::rc::Rc")) {
                return true;
            }
            match program.deref(&current) {
                Some(inner) => current = inner.strip_refs().clone(),
                None => return false,
            }
        }
        false
    }

    /// Whether the closures given to this call run before it returns.
    fn runs_closures_now(&self, callee: &Callee<'_>, name: &str, receiver: &Ty) -> bool {
        if !RUNS_CLOSURE_NOW.contains(&name) {
            return false;
        }
        let program = self.scope.program;
        let found = callee.found_on.as_ref().unwrap_or(receiver);
        match found.strip_refs().path() {
            Some(path) => {
                path.starts_with("std::")
                    || program
                        .trait_impls_of(path)
                        .any(|i| i.trait_ == "std::iter::Iterator")
            }
            None => false,
        }
    }

    /// What the call does when it runs (or, for a future, when awaited).
    fn effect_of(&self, callee: &Callee<'_>, name: &str, written: &[String]) -> Option<Effect> {
        if let Some(effect) = self.configured(callee, name, written) {
            return Some(effect);
        }
        let (id, def) = callee.def?;
        if callee.marks.never_waits {
            return None;
        }
        if let Some(kind) = callee.marks.io {
            // A trait's method reads best by the type it is called on:
            // `TcpStream::write_all`, not `AsyncWriteExt::write_all`.
            let api = match (&def.owner, callee.found_on.as_ref().and_then(Ty::path)) {
                (None, Some(on)) if def.trait_.is_some() => format!("{on}::{}", def.name),
                _ => def.path.clone(),
            };
            return Some(Effect {
                kind,
                api,
                via: Vec::new(),
                on_receiver: def.receiver.is_some(),
            });
        }
        if callee.marks.io_through {
            let inner = callee.found_on.as_ref()?.arg(0);
            let method = self.scope.program.method(&inner, name)?;
            let kind = method.marks.io?;
            return Some(Effect {
                kind,
                api: self.scope.program.function(method.id).path.clone(),
                via: Vec::new(),
                on_receiver: true,
            });
        }
        def.body?;
        let facts = self.facts.get(id)?;
        let effect = if def.is_async {
            facts.awaits_io.as_ref().or(facts.blocks.as_ref())
        } else {
            facts.blocks.as_ref()
        }?;
        // Whether it stays on the receiver is decided at the call site.
        Some(effect.through(&def.name, true))
    }

    /// A call `unmixed.toml` lists as blocking: by its path's last
    /// segments (as written or resolved), or by a method's name.
    fn configured(&self, callee: &Callee<'_>, name: &str, written: &[String]) -> Option<Effect> {
        if self.settings.blocking_calls.is_empty() {
            return None;
        }
        let resolved: Vec<&str> = callee
            .def
            .map(|(_, def)| def.path.split("::").collect())
            .unwrap_or_default();
        self.settings.blocking_calls.iter().find_map(|listed| {
            let wanted: Vec<&str> = listed.split("::").collect();
            let ends = |path: &[&str]| {
                path.len() >= wanted.len() && path[path.len() - wanted.len()..] == wanted[..]
            };
            let written: Vec<&str> = written.iter().map(String::as_str).collect();
            let matches =
                ends(&written) || ends(&resolved) || (wanted.len() == 1 && wanted[0] == name);
            matches.then(|| Effect {
                kind: IoKind::Configured,
                api: listed.clone(),
                via: Vec::new(),
                on_receiver: false,
            })
        })
    }

    /// The position of parameter `name` among the function's parameters.
    fn param_position(&self, name: &str) -> Option<usize> {
        let def = self.scope.program.function(self.scope.function?);
        def.params
            .iter()
            .position(|(param, _)| param.as_deref() == Some(name))
    }

    /// The absolute path of a static a path names.
    pub fn static_path(&self, path: &syn::Path) -> Option<String> {
        let program = self.scope.program;
        match self.scope.resolve_path(path, Ns::Value) {
            Some(Res::Value(found))
                if matches!(program.value(&found), Some(ValueDef::Static(_))) =>
            {
                Some(found)
            }
            _ => None,
        }
    }

    /// The type of a path used as a value.
    pub fn value_type(&self, path: &syn::Path) -> Ty {
        let program = self.scope.program;
        let segments: Vec<String> = path
            .segments
            .iter()
            .map(|segment| crate::program::unraw(&segment.ident))
            .collect();
        if segments.len() == 1 && segments[0] == "Self" {
            return self.scope.self_ty.clone().unwrap_or_default();
        }
        match program.resolve_path(
            self.scope.module,
            path.leading_colon.is_some(),
            &segments,
            Ns::Value,
        ) {
            Some(Res::Value(found)) => match program.value(&found) {
                Some(ValueDef::Static(ty)) => ty.clone(),
                Some(ValueDef::Constructor(ty)) => Ty::named(ty),
                Some(ValueDef::Fn(id)) => Ty::function(program.function(*id).ret.clone()),
                None => Ty::Unknown,
            },
            _ => Ty::Unknown,
        }
    }
}

/// `Some(x)` is `Option<type of x>`; `Ok(x)`, `Err(e)`, a tuple struct.
fn constructed(ret: &Ty, path: &syn::Path, args: &[Val]) -> Ty {
    let last = path
        .segments
        .last()
        .map(|segment| segment.ident.to_string())
        .unwrap_or_default();
    let first = args
        .first()
        .map(|value| value.ty.clone())
        .unwrap_or_default();
    match (ret.path(), last.as_str()) {
        (Some("std::option::Option"), "Some") => {
            Ty::generic(ret.path().unwrap_or_default(), vec![first])
        }
        (Some("std::result::Result"), "Ok") => {
            Ty::generic("std::result::Result", vec![first, Ty::Unknown])
        }
        (Some("std::result::Result"), "Err") => {
            Ty::generic("std::result::Result", vec![Ty::Unknown, first])
        }
        _ => ret.clone(),
    }
}

/// The type `clone()` and the like give.
fn detached_type(name: &str, receiver: &Ty) -> Ty {
    match name {
        "clone" | "to_owned" => receiver.strip_refs().clone(),
        "to_string" => Ty::named("std::string::String"),
        _ => Ty::Unknown,
    }
}

fn peel(expr: &Expr) -> &Expr {
    match expr {
        Expr::Paren(inner) => peel(&inner.expr),
        Expr::Group(inner) => peel(&inner.expr),
        other => other,
    }
}
