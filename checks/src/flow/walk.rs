//! Statements, blocks and control flow: what is alive where.

use crate::hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use syn::{Block, Expr, Local, Pat, Stmt};

use super::state::{union, Guard, GuardId, Pending, State, Val};
use super::{Binding, Cx, Flavor, Observer, Scope, Settings};
use crate::facts::Facts;
use crate::locks::check_then_act::Maps;
use crate::locks::debug_println::Watches;
use crate::program::{Ty, TypeMark};
use crate::syntax::{expr_attrs, macro_args, text};
use crate::{Code, Location, Report};

/// Follows one body.
pub(crate) struct Flow<'a> {
    pub scope: Scope<'a>,
    pub facts: &'a Facts,
    pub settings: &'a Settings,
    pub observer: &'a mut dyn Observer,
    pub report: &'a mut Report,
    pub guards: Vec<Guard>,
    /// One guard per acquiring expression, so that a loop body followed
    /// twice does not make two.
    by_site: HashMap<*const (), GuardId>,
    pub unsafe_depth: usize,
    breaks: Vec<Vec<State>>,
    pub maps: Maps,
    /// Method calls whose result a `match` or `if let` inspects.
    pub inspected: HashSet<*const syn::ExprMethodCall>,
    /// Guards whose protected value receives the value being evaluated
    /// (`*client = Some(connect().await?)`).
    pub storing_into: Vec<GuardId>,
    /// The I/O calls made so far (their sites), in order.
    pub io_sites: Vec<*const ()>,
    /// How many spawned closures or futures enclose the code.
    pub spawned: usize,
    /// How many closures or futures that do not run as part of the
    /// function's own execution enclose the code.
    pub deferred: usize,
    /// Map checks whose answers the function returns.
    pub returned: Vec<usize>,
    /// Closures and `async` blocks see the types of the variables they
    /// capture (not their guards): for checks that ask what a call in a
    /// closure resolves to.
    pub captures: bool,
}

/// Macros that write to stdout or stderr.
const PRINTS: &[&str] = &["println", "eprintln", "print", "eprint", "dbg"];

impl<'a> Flow<'a> {
    pub fn new(
        scope: Scope<'a>,
        facts: &'a Facts,
        settings: &'a Settings,
        observer: &'a mut dyn Observer,
        report: &'a mut Report,
    ) -> Self {
        Flow {
            scope,
            facts,
            settings,
            observer,
            report,
            guards: Vec::new(),
            by_site: HashMap::default(),
            unsafe_depth: 0,
            breaks: Vec::new(),
            maps: Maps::default(),
            inspected: HashSet::default(),
            storing_into: Vec::new(),
            io_sites: Vec::new(),
            spawned: 0,
            deferred: 0,
            returned: Vec::new(),
            captures: false,
        }
    }

    /// Runs `tell` with what an observer may see.
    pub fn tell(&mut self, tell: impl FnOnce(&mut dyn Observer, &mut Cx<'_>)) {
        let mut cx = Cx {
            guards: &mut self.guards,
            report: &mut *self.report,
            program: self.scope.program,
            deferred: self.deferred > 0,
        };
        tell(&mut *self.observer, &mut cx);
    }

    /// A guard taken at `site` (one per site, however often it is reached).
    pub fn new_guard(
        &mut self,
        site: *const (),
        flavor: Flavor,
        taken: String,
        lock: String,
        protects: Ty,
    ) -> GuardId {
        self.new_guard_of(site, flavor, taken, lock, None, protects)
    }

    /// [`Flow::new_guard`], for a lock whose identity is known.
    pub fn new_guard_of(
        &mut self,
        site: *const (),
        flavor: Flavor,
        taken: String,
        lock: String,
        lock_id: Option<String>,
        protects: Ty,
    ) -> GuardId {
        if let Some(id) = self.by_site.get(&site) {
            return *id;
        }
        let allowed = [
            Code::LOCK_ACROSS_AWAIT,
            Code::LOCK_WRAPS_IO,
            Code::CONCURRENCY_DEBUG_VIA_PRINTLN,
        ]
        .into_iter()
        .filter(|code| self.report.is_allowed(*code))
        .collect();
        let id = self.guards.len();
        self.guards.push(Guard {
            flavor,
            taken,
            lock,
            lock_id,
            binding: None,
            protects,
            allowed,
            reported: Vec::new(),
            held_by: None,
            site,
            taken_at: None,
            from_checks: Vec::new(),
        });
        self.by_site.insert(site, id);
        self.tell(|observer, cx| observer.acquired(cx, id));
        id
    }

    /// The kind of guard a value of type `ty` is or holds, and the type
    /// of what its lock protects.
    pub fn guard_in(&self, ty: &Ty) -> Option<(Flavor, Ty)> {
        self.guard_in_depth(ty, 0)
    }

    fn guard_in_depth(&self, ty: &Ty, depth: usize) -> Option<(Flavor, Ty)> {
        if depth > 3 {
            return None;
        }
        let program = self.scope.program;
        let ty = ty.strip_refs();
        let Ty::Named(path, args) = ty else {
            if let Ty::Tuple(items) = ty {
                return items
                    .iter()
                    .find_map(|item| self.guard_in_depth(item, depth + 1));
            }
            return None;
        };
        let flavor = program.marks(ty).iter().find_map(|mark| match mark {
            TypeMark::SyncGuard => Some(Flavor::Sync),
            TypeMark::AsyncGuard => Some(Flavor::Async),
            TypeMark::CellBorrow => Some(Flavor::Cell),
            _ => None,
        });
        if let Some(flavor) = flavor {
            let protects = program.deref(ty).unwrap_or_default();
            return Some((flavor, protects));
        }
        let name = path
            .rsplit(':')
            .next()
            .unwrap_or(path)
            .trim_start_matches('?');
        if self
            .settings
            .guard_types
            .iter()
            .any(|listed| listed == name)
        {
            return Some((Flavor::Sync, Ty::Unknown));
        }
        match &**path {
            "std::option::Option" | "std::result::Result" | "std::boxed::Box" => {
                return args
                    .first()
                    .and_then(|arg| self.guard_in_depth(arg, depth + 1));
            }
            _ => {}
        }
        // The program's own wrapper around a guard.
        let def = program.type_def(path)?;
        def.file?;
        def.fields
            .iter()
            .find_map(|(_, field)| self.guard_in_depth(field, depth + 1))
            .map(|(flavor, _)| (flavor, Ty::Unknown))
    }

    /// Guards the value owns, taking them out of its variable if it names one.
    pub fn take(&self, value: &Val, state: &mut State) -> Vec<GuardId> {
        let mut owned = value.guards.clone();
        if let Some(index) = value.place {
            if let Some(binding) = state.bindings.get_mut(index) {
                owned.append(&mut binding.guards);
            }
        }
        owned
    }

    /// The value is used by reference: its fresh guards become temporaries.
    pub fn temps(value: Val, state: &mut State) {
        state.temps.extend(value.guards);
    }

    /// The value is moved into a callee: its guards are gone.
    pub fn consume(&self, value: &Val, state: &mut State) {
        let owned = self.take(value, state);
        state.kill(&owned);
    }

    /// Guards reachable through the value (owned, via its variable, or
    /// those it is reached through).
    pub fn reach(value: &Val, state: &State) -> Vec<GuardId> {
        let mut ids = value.guards.clone();
        ids.extend(value.through.iter().copied());
        if let Some(binding) = value.place.and_then(|index| state.bindings.get(index)) {
            ids.extend(binding.guards.iter().copied());
            ids.extend(binding.through.iter().copied());
        }
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// Whether the value is reached from the function's `self`.
    pub fn reach_self(value: &Val, state: &State) -> bool {
        value.from_self
            || value
                .place
                .and_then(|index| state.bindings.get(index))
                .is_some_and(|binding| binding.from_self)
    }

    /// The value's pending await, from itself or from its variable.
    pub fn pending_of(value: &Val, state: &State) -> Option<Pending> {
        value.pending.clone().or_else(|| {
            value
                .place
                .and_then(|index| state.bindings.get(index))
                .and_then(|binding| binding.pending.clone())
        })
    }

    /// A parameter: its bindings, and a guard if its type is one.
    pub fn param(&mut self, pat: &Pat, ty: Ty, state: &mut State) {
        let mut owned = Vec::new();
        if let Some((flavor, protects)) = self.guard_in(&ty) {
            if let Some(name) = crate::syntax::binding(pat) {
                let name = name.to_string();
                let id = self.new_guard(
                    (pat as *const Pat).cast(),
                    flavor,
                    name.clone(),
                    name,
                    protects,
                );
                owned.push(id);
            }
        }
        self.bind_typed(pat, owned, Vec::new(), ty, state);
    }

    /// A whole function body.
    pub fn body(&mut self, block: &Block, state: &mut State) {
        let value = self.block(block, state);
        // The body's value is returned: moved out, not dropped here.
        union(&mut self.returned, value.checks);
    }

    pub fn block(&mut self, block: &Block, state: &mut State) -> Val {
        let scope = state.bindings.len();
        let control = state.control.len();
        let mut value = Val::default();
        let last = block.stmts.len().saturating_sub(1);
        for (index, stmt) in block.stmts.iter().enumerate() {
            if state.diverged {
                break;
            }
            match stmt {
                Stmt::Local(local) => self.local(local, state),
                Stmt::Item(item) => self.nested_item(item),
                Stmt::Expr(expr, semi) => {
                    let depth = self.report.enter(expr_attrs(expr));
                    let mark = state.temps.len();
                    let result = self.expr(expr, state);
                    if semi.is_none() && index == last {
                        value = Val {
                            guards: self.take(&result, state),
                            place: None,
                            ..result
                        };
                    } else {
                        Self::temps(result, state);
                    }
                    state.temps.truncate(mark);
                    self.report.leave(depth);
                }
                Stmt::Macro(mac) => {
                    let depth = self.report.enter(&mac.attrs);
                    let mark = state.temps.len();
                    let result = self.mac(&mac.mac, state);
                    Self::temps(result, state);
                    state.temps.truncate(mark);
                    self.report.leave(depth);
                }
            }
        }
        // The block's own guards die with its names: a value that leaves the
        // block cannot borrow through them (the compiler would refuse it).
        let dying: Vec<GuardId> = state.bindings[scope.min(state.bindings.len())..]
            .iter()
            .flat_map(|binding| binding.guards.iter().copied())
            .filter(|id| !value.guards.contains(id))
            .collect();
        value.through.retain(|id| !dying.contains(id));
        state.bindings.truncate(scope);
        state.control.truncate(control.min(state.control.len()));
        value
    }

    /// A function declared inside a body: followed on its own.
    fn nested_item(&mut self, item: &syn::Item) {
        let depth = self.report.enter(crate::syntax::item_attrs(item));
        if let syn::Item::Fn(function) = item {
            let scope = Scope {
                function: None,
                self_ty: None,
                ..self.scope.clone()
            };
            super::run_fn(
                &scope,
                &function.sig,
                &function.block,
                self.facts,
                self.settings,
                &mut *self.observer,
                &mut *self.report,
            );
        }
        self.report.leave(depth);
    }

    fn local(&mut self, local: &Local, state: &mut State) {
        let depth = self.report.enter(&local.attrs);
        let mark = state.temps.len();
        let declared = match &local.pat {
            Pat::Type(typed) => Some(self.scope.resolve_type(&typed.ty)),
            _ => None,
        };
        if let Some(init) = &local.init {
            // `let (a, b) = (x, y);` binds element by element.
            if let (Pat::Tuple(pats), Expr::Tuple(values)) = (strip_type(&local.pat), &*init.expr) {
                if pats.elems.len() == values.elems.len() {
                    let io_mark = self.io_sites.len();
                    let bound = state.bindings.len();
                    let pairs: Vec<(Val, &Pat)> = values
                        .elems
                        .iter()
                        .zip(&pats.elems)
                        .map(|(value, pat)| (self.expr(value, state), pat))
                        .collect();
                    for (value, pat) in pairs {
                        let owned = self.take(&value, state);
                        self.bind_value(pat, owned, value, state);
                    }
                    self.mark_made_by_io(&init.expr, io_mark, bound, state);
                    state.temps.truncate(mark);
                    self.report.leave(depth);
                    return;
                }
            }
            let extended = is_extending_borrow(&init.expr);
            let io_mark = self.io_sites.len();
            let mut value = self.expr(&init.expr, state);
            if let Some(declared) = declared.filter(Ty::is_known) {
                value.ty = declared;
            }
            let mut owned = self.take(&value, state);
            if extended {
                // The guard lives as long as the borrow's variable, but
                // moving that reference around does not move the guard.
                let held: Vec<GuardId> = state.temps.drain(mark..).collect();
                if let Some(name) = crate::syntax::binding(&local.pat) {
                    for id in &held {
                        self.guards[*id].binding = Some(name.to_string());
                    }
                }
                let mut holder = Binding::new(String::new(), Ty::Unknown);
                holder.guards = held.clone();
                state.bindings.push(holder);
                value.through.extend(held);
            }
            if owned.is_empty() {
                // `let g: MutexGuard<_> = ..` where the value's type is not known.
                if let Some((flavor, protects)) = self.guard_in(&value.ty) {
                    if value.through.is_empty() && !value.ty.is_known() {
                        let taken = text(&*init.expr);
                        owned.push(self.new_guard(
                            (&*init.expr as *const Expr).cast(),
                            flavor,
                            taken.clone(),
                            taken,
                            protects,
                        ));
                    }
                }
            }
            if let Some((_, otherwise)) = &init.diverge {
                // `let .. else`: the value that did not match, and the
                // initializer's temporaries, are gone before `else` runs.
                let mut branch = state.clone();
                branch.temps.truncate(mark);
                branch.kill(&owned);
                branch.control.extend(value.checks.iter().copied());
                self.expr(otherwise, &mut branch);
                // What follows runs only when the pattern matched.
                state.control.extend(value.checks.iter().copied());
            }
            let key = self.maps.key_of(&init.expr);
            let bound = state.bindings.len();
            self.bind_value(&local.pat, owned, value, state);
            self.bound_key(&local.pat, key);
            self.mark_made_by_io(&init.expr, io_mark, bound, state);
        } else {
            self.bind_typed(
                &local.pat,
                Vec::new(),
                Vec::new(),
                declared.unwrap_or_default(),
                state,
            );
        }
        state.temps.truncate(mark);
        self.report.leave(depth);
    }

    /// Binds the names of `pat` to a value.
    pub fn bind_value(&mut self, pat: &Pat, owned: Vec<GuardId>, value: Val, state: &mut State) {
        let scope = state.bindings.len();
        self.bind_typed(pat, owned, value.checks, value.ty, state);
        let single = state.bindings.len() == scope + 1 && crate::syntax::binding(pat).is_some();
        for index in scope..state.bindings.len() {
            // A name whose type owns its data borrows from nothing.
            let owns = self.is_owned(&state.bindings[index].ty);
            let binding = &mut state.bindings[index];
            if !owns {
                union(&mut binding.through, value.through.clone());
                binding.from_self |= value.from_self;
            }
            if binding.pending.is_none() {
                binding.pending.clone_from(&value.pending);
            }
            if single {
                binding.place_id.clone_from(&value.place_id);
            }
        }
    }

    /// Binds the names of `pat` to guards and types; `let _ = guard` drops it.
    pub fn bind_typed(
        &mut self,
        pat: &Pat,
        owned: Vec<GuardId>,
        checks: Vec<usize>,
        ty: Ty,
        state: &mut State,
    ) {
        let mut names = Vec::new();
        pattern_types(&self.scope, pat, &ty, &mut names);
        if names.is_empty() {
            // Dropped at the end of the statement.
            state.temps.extend(owned);
            return;
        }
        for id in &owned {
            self.guards[*id].binding = Some(names[0].0.clone());
        }
        for (name, ty) in names {
            self.maps.unalias(&name);
            let mut binding = Binding::new(name, ty);
            binding.guards.clone_from(&owned);
            binding.checks.clone_from(&checks);
            state.bindings.push(binding);
        }
    }

    pub fn expr(&mut self, expr: &Expr, state: &mut State) -> Val {
        let depth = self.report.enter(expr_attrs(expr));
        let value = self.expr_inner(expr, state);
        self.report.leave(depth);
        value
    }

    /// Evaluates `expr` for its effects and drops what it produced at once.
    pub fn discard(&mut self, expr: &Expr, state: &mut State) -> Val {
        let mut value = self.expr(expr, state);
        state.temps.append(&mut value.guards);
        Val {
            place: None,
            ..value
        }
    }

    fn expr_inner(&mut self, expr: &Expr, state: &mut State) -> Val {
        match expr {
            Expr::Await(awaited) => self.awaited(awaited, state),
            Expr::MethodCall(call) => self.method(call, state, false),
            Expr::Call(call) => self.call(call, state, false),
            Expr::Path(path) => self.path(path, state),
            Expr::Lit(literal) => Val::of(literal_type(&literal.lit)),
            Expr::Reference(reference) => {
                let value = self.expr(&reference.expr, state);
                let through = Self::reach(&value, state);
                let result = Val {
                    ty: Ty::reference(reference.mutability.is_some(), value.ty.clone()),
                    checks: value.checks.clone(),
                    through,
                    pending: Self::pending_of(&value, state),
                    from_self: Self::reach_self(&value, state),
                    place_id: value.place_id.clone(),
                    ..Val::default()
                };
                Self::temps(
                    Val {
                        place: None,
                        ..value
                    },
                    state,
                );
                result
            }
            Expr::RawAddr(raw) => {
                let value = self.expr(&raw.expr, state);
                Self::temps(value, state);
                Val::default()
            }
            Expr::Paren(inner) => self.expr(&inner.expr, state),
            Expr::Group(inner) => self.expr(&inner.expr, state),
            Expr::Try(attempt) => {
                let value = self.expr(&attempt.expr, state);
                Val {
                    ty: value.ty.unwrapped(),
                    ..value
                }
            }
            Expr::Cast(cast) => {
                let value = self.expr(&cast.expr, state);
                let checks = value.checks.clone();
                self.consume(&value, state);
                Val::with_checks(self.scope.resolve_type(&cast.ty), checks)
            }
            Expr::Field(field) => {
                let value = self.expr(&field.base, state);
                let member = match &field.member {
                    syn::Member::Named(ident) => crate::program::unraw(ident),
                    syn::Member::Unnamed(index) => index.index.to_string(),
                };
                let (owner, ty) = self
                    .scope
                    .program
                    .field_of(&value.ty, &member)
                    .unwrap_or_default();
                let through = Self::reach(&value, state);
                let result = Val {
                    place_id: (!owner.is_empty()).then(|| format!("{owner}.{member}")),
                    ty,
                    checks: value.checks.clone(),
                    through,
                    from_self: Self::reach_self(&value, state),
                    ..Val::default()
                };
                Self::temps(
                    Val {
                        place: None,
                        ..value
                    },
                    state,
                );
                result
            }
            Expr::Index(index) => {
                let base = self.expr(&index.expr, state);
                let at = self.expr(&index.index, state);
                let mut checks = base.checks.clone();
                union(&mut checks, at.checks.clone());
                let through = Self::reach(&base, state);
                let from_self = Self::reach_self(&base, state);
                let ty = element_of_index(&base.ty);
                Self::temps(
                    Val {
                        place: None,
                        ..base
                    },
                    state,
                );
                Self::temps(Val { place: None, ..at }, state);
                Val {
                    ty,
                    checks,
                    through,
                    from_self,
                    ..Val::default()
                }
            }
            Expr::Unary(unary) => {
                let value = self.expr(&unary.expr, state);
                let ty = match unary.op {
                    syn::UnOp::Deref(_) => self.scope.program.deref(&value.ty).unwrap_or_default(),
                    syn::UnOp::Not(_) => {
                        if value.ty.is("bool") {
                            Ty::named("bool")
                        } else {
                            value.ty.clone()
                        }
                    }
                    _ => value.ty.clone(),
                };
                let through = Self::reach(&value, state);
                let from_self = Self::reach_self(&value, state);
                let checks = value.checks.clone();
                Self::temps(
                    Val {
                        place: None,
                        ..value
                    },
                    state,
                );
                Val {
                    ty,
                    checks,
                    through,
                    from_self,
                    ..Val::default()
                }
            }
            Expr::Binary(binary) => self.binary(binary, state),
            Expr::Assign(assign) => self.assign(assign, state),
            Expr::Block(block) => self.block(&block.block, state),
            Expr::Unsafe(block) => {
                self.unsafe_depth += 1;
                let value = self.block(&block.block, state);
                self.unsafe_depth -= 1;
                value
            }
            Expr::Const(_) => Val::default(),
            Expr::TryBlock(block) => self.block(&block.block, state),
            Expr::If(branch) => self.branch(branch, state),
            Expr::Match(matching) => self.matching(matching, state),
            Expr::While(looping) => {
                self.while_loop(looping, state);
                Val::of(Ty::unit())
            }
            Expr::ForLoop(looping) => {
                let iterated = self.expr(&looping.expr, state);
                let element = self.element_type(&iterated.ty);
                Self::temps(
                    Val {
                        place: None,
                        ..iterated
                    },
                    state,
                );
                let body = &looping.body;
                let pat = &looping.pat;
                self.looping(state, true, |flow, state| {
                    let scope = state.bindings.len();
                    flow.bind_typed(pat, Vec::new(), Vec::new(), element.clone(), state);
                    flow.block(body, state);
                    state.bindings.truncate(scope);
                });
                Val::of(Ty::unit())
            }
            Expr::Loop(looping) => {
                let body = &looping.body;
                self.looping(state, false, |flow, state| {
                    flow.block(body, state);
                });
                Val::default()
            }
            Expr::Closure(closure) => {
                let value = self.closure(closure, Vec::new(), Runs::Later, state);
                Val {
                    checks: self.captured_checks(closure, state),
                    ..value
                }
            }
            Expr::Async(block) => {
                let mut inner = self.captured(state);
                let mut ty = Ty::Unknown;
                self.deferred += 1;
                self.isolated(|flow| {
                    ty = flow.block(&block.block, &mut inner).ty;
                });
                self.deferred -= 1;
                Val::of(Ty::future(ty))
            }
            Expr::Return(ret) => {
                if let Some(value) = &ret.expr {
                    let value = self.expr(value, state);
                    union(&mut self.returned, value.checks.clone());
                    self.consume(&value, state);
                }
                state.diverged = true;
                Val::of(Ty::Never)
            }
            Expr::Break(exit) => {
                if let Some(value) = &exit.expr {
                    let value = self.expr(value, state);
                    self.consume(&value, state);
                }
                if let Some(frame) = self.breaks.last_mut() {
                    frame.push(state.clone());
                }
                state.diverged = true;
                Val::of(Ty::Never)
            }
            Expr::Continue(_) => {
                state.diverged = true;
                Val::of(Ty::Never)
            }
            Expr::Macro(mac) => self.mac(&mac.mac, state),
            Expr::Let(binding) => {
                let value = self.expr(&binding.expr, state);
                let owned = self.take(&value, state);
                let checks = value.checks.clone();
                self.bind_value(&binding.pat, owned, value, state);
                Val::with_checks(Ty::named("bool"), checks)
            }
            Expr::Struct(literal) => {
                let mut owned = Vec::new();
                let mut checks = Vec::new();
                for field in &literal.fields {
                    let value = self.expr(&field.expr, state);
                    owned.extend(self.take(&value, state));
                    union(&mut checks, value.checks);
                }
                if let Some(rest) = &literal.rest {
                    let value = self.expr(rest, state);
                    owned.extend(self.take(&value, state));
                }
                let ty = self.struct_type(&literal.path);
                Val {
                    ty,
                    guards: owned,
                    checks,
                    ..Val::default()
                }
            }
            Expr::Tuple(tuple) => {
                let mut value = self.wrap(tuple.elems.iter(), state);
                value.ty = Ty::tuple(value.tys.drain(..).collect());
                value.into_val()
            }
            Expr::Array(array) => {
                let value = self.wrap(array.elems.iter(), state);
                let element = value.tys.first().cloned().unwrap_or_default();
                let mut result = value.into_val();
                result.ty = Ty::slice(element);
                result
            }
            Expr::Repeat(repeat) => {
                let value = self.expr(&repeat.expr, state);
                let element = value.ty.clone();
                Self::temps(value, state);
                Val::of(Ty::slice(element))
            }
            Expr::Range(range) => {
                for end in [&range.start, &range.end].into_iter().flatten() {
                    self.discard(end, state);
                }
                Val::default()
            }
            Expr::Yield(yielded) => {
                if let Some(value) = &yielded.expr {
                    let value = self.expr(value, state);
                    self.consume(&value, state);
                }
                Val::default()
            }
            _ => Val::default(),
        }
    }

    fn path(&mut self, path: &syn::ExprPath, state: &mut State) -> Val {
        let value = self.local_or_item(path, state);
        if value.place.is_none() && value.ty.is_known() {
            // A static: the same value in every function.
            return Val {
                place_id: self.static_path(&path.path),
                ..value
            };
        }
        value
    }

    fn local_or_item(&mut self, path: &syn::ExprPath, state: &mut State) -> Val {
        if path.qself.is_none() {
            if let Some(ident) = path.path.get_ident() {
                let name = crate::program::unraw(ident);
                if let Some(index) = state.lookup(&name) {
                    let binding = &state.bindings[index];
                    return Val {
                        ty: binding.ty.clone(),
                        place: Some(index),
                        checks: binding.checks.clone(),
                        from_self: binding.from_self,
                        place_id: binding.place_id.clone(),
                        ..Val::default()
                    };
                }
            }
        }
        Val::of(self.value_type(&path.path))
    }

    fn binary(&mut self, binary: &syn::ExprBinary, state: &mut State) -> Val {
        use syn::BinOp;
        let lazy = matches!(binary.op, BinOp::And(_) | BinOp::Or(_));
        let before_left = state.temps.len();
        let left = self.expr(&binary.left, state);
        let mut checks = left.checks.clone();
        let left_ty = left.ty.clone();
        Self::temps(
            Val {
                place: None,
                ..left
            },
            state,
        );
        // Each operand of `&&` and `||` is a temporary scope of its own:
        // the left side's temporaries are gone before the right side runs
        // (a `let` of a let chain keeps its scrutinee for what it binds).
        if lazy && !matches!(&*binary.left, Expr::Let(_) | Expr::Binary(_)) {
            state.temps.truncate(before_left);
        }
        let mark = state.temps.len();
        let right = self.expr(&binary.right, state);
        union(&mut checks, right.checks.clone());
        Self::temps(
            Val {
                place: None,
                ..right
            },
            state,
        );
        if lazy {
            state.temps.truncate(mark);
        }
        let ty = match binary.op {
            BinOp::And(_)
            | BinOp::Or(_)
            | BinOp::Eq(_)
            | BinOp::Ne(_)
            | BinOp::Lt(_)
            | BinOp::Le(_)
            | BinOp::Gt(_)
            | BinOp::Ge(_) => Ty::named("bool"),
            BinOp::Add(_) | BinOp::Sub(_) | BinOp::Mul(_) | BinOp::Div(_) | BinOp::Rem(_) => {
                left_ty.strip_refs().clone()
            }
            _ => Ty::unit(),
        };
        Val::with_checks(ty, checks)
    }

    /// The I/O sites made since `io_mark`, and those of the variables
    /// `exprs` name: where a value computed from them came from.
    pub(super) fn io_sources(
        &self,
        exprs: &[&Expr],
        io_mark: usize,
        state: &State,
    ) -> Vec<*const ()> {
        let mut sites = self.io_sites[io_mark.min(self.io_sites.len())..].to_vec();
        for expr in exprs {
            for name in crate::syntax::named_locals(expr) {
                if let Some(index) = state.lookup(&name) {
                    sites.extend(state.bindings[index].made_by_io.iter().copied());
                }
            }
        }
        sites.sort_unstable();
        sites.dedup();
        sites
    }

    /// Records on the variables bound since `bound` which I/O made them.
    fn mark_made_by_io(&self, init: &Expr, io_mark: usize, bound: usize, state: &mut State) {
        let sites = self.io_sources(&[init], io_mark, state);
        if sites.is_empty() {
            return;
        }
        for binding in state.bindings.iter_mut().skip(bound) {
            binding.made_by_io.clone_from(&sites);
        }
    }

    /// Tells the observers that what `exprs` computed is stored into what
    /// `guards` protect.
    pub(super) fn stored_into(
        &mut self,
        guards: &[GuardId],
        exprs: &[&Expr],
        io_mark: usize,
        state: &State,
    ) {
        if guards.is_empty() {
            return;
        }
        let sites = self.io_sources(exprs, io_mark, state);
        if !sites.is_empty() {
            self.tell(|observer, cx| observer.stored(cx, guards, &sites));
        }
    }

    fn assign(&mut self, assign: &syn::ExprAssign, state: &mut State) -> Val {
        // `*client = Some(connect().await?)`: the result is stored into what
        // a guard protects.
        self.map_assign(&assign.left, &assign.right, state);
        let into = self.guards_of_place(&assign.left, state);
        let outer = std::mem::replace(&mut self.storing_into, into.clone());
        let io_mark = self.io_sites.len();
        let value = self.expr(&assign.right, state);
        self.storing_into = outer;
        self.stored_into(&into, &[&*assign.right], io_mark, state);
        let owned = self.take(&value, state);
        match crate::syntax::local_name(&assign.left).map(crate::program::unraw) {
            Some(name) => match state.lookup(&name) {
                Some(index) => {
                    let old = std::mem::take(&mut state.bindings[index].guards);
                    state.kill(&old);
                    for id in &owned {
                        self.guards[*id].binding = Some(name.clone());
                    }
                    let binding = &mut state.bindings[index];
                    binding.guards = owned;
                    binding.checks = value.checks;
                    binding.through = value.through;
                    binding.pending = value.pending;
                    binding.place_id = value.place_id;
                    if value.ty.is_known() {
                        binding.ty = value.ty;
                    }
                }
                None => {
                    if !owned.is_empty() || !value.checks.is_empty() {
                        let mut binding = Binding::new(name, value.ty);
                        binding.guards = owned;
                        binding.checks = value.checks;
                        state.bindings.push(binding);
                    }
                }
            },
            None => {
                state.kill(&owned);
                self.discard(&assign.left, state);
            }
        }
        Val::of(Ty::unit())
    }

    /// The guards a place expression (`*guard`, `guard.field`) is reached through.
    fn guards_of_place(&self, place: &Expr, state: &State) -> Vec<GuardId> {
        let root = crate::syntax::root_place(place);
        crate::syntax::local_name(root)
            .and_then(|name| state.lookup(&crate::program::unraw(name)))
            .map(|index| {
                let binding = &state.bindings[index];
                let mut ids = binding.guards.clone();
                ids.extend(binding.through.iter().copied());
                ids
            })
            .unwrap_or_default()
    }

    /// A closure: followed on its own, with `held` guards alive inside
    /// (those of a helper that runs it under its lock, or of the caller
    /// when it runs inline).
    pub fn closure(
        &mut self,
        closure: &syn::ExprClosure,
        held: Vec<GuardId>,
        mode: Runs,
        outer: &State,
    ) -> Val {
        let mut inner = State {
            temps: held,
            ..self.captured(outer)
        };
        let depth = self.report.enter(&closure.attrs);
        let mut ty = Ty::Unknown;
        let spawned = mode == Runs::Spawned;
        let deferred = mode != Runs::Now;
        self.spawned += usize::from(spawned);
        self.deferred += usize::from(deferred);
        self.isolated(|flow| {
            for input in &closure.inputs {
                let declared = match input {
                    Pat::Type(typed) => flow.scope.resolve_type(&typed.ty),
                    _ => Ty::Unknown,
                };
                flow.bind_typed(input, Vec::new(), Vec::new(), declared, &mut inner);
            }
            ty = flow.expr(&closure.body, &mut inner).ty;
        });
        self.spawned -= usize::from(spawned);
        self.deferred -= usize::from(deferred);
        self.report.leave(depth);
        let ty = if closure.asyncness.is_some() {
            Ty::future(ty)
        } else {
            ty
        };
        Val::of(Ty::function(ty))
    }

    /// An `async` block handed to a spawning call: followed on its own.
    pub fn spawned_async(&mut self, block: &syn::ExprAsync, outer: &State) -> Val {
        self.spawned += 1;
        self.deferred += 1;
        let mut inner = self.captured(outer);
        let mut ty = Ty::Unknown;
        self.isolated(|flow| {
            ty = flow.block(&block.block, &mut inner).ty;
        });
        self.spawned -= 1;
        self.deferred -= 1;
        Val::of(Ty::future(ty))
    }

    /// The state a closure or `async` block starts from: empty, or, where
    /// [`Flow::captures`] asks, the enclosing variables' types without
    /// their guards.
    fn captured(&self, outer: &State) -> State {
        if !self.captures {
            return State::default();
        }
        let bindings = outer
            .bindings
            .iter()
            .map(|binding| {
                let mut copy = Binding::new(binding.name.clone(), binding.ty.clone());
                copy.from_self = binding.from_self;
                copy
            })
            .collect();
        State {
            bindings,
            ..State::default()
        }
    }

    /// Code that runs on its own (a closure or an `async` block): its own
    /// loops.
    fn isolated(&mut self, run: impl FnOnce(&mut Self)) {
        let breaks = std::mem::take(&mut self.breaks);
        let unsafe_depth = self.unsafe_depth;
        let storing = std::mem::take(&mut self.storing_into);
        let returned = std::mem::take(&mut self.returned);
        run(self);
        self.breaks = breaks;
        self.unsafe_depth = unsafe_depth;
        self.storing_into = storing;
        self.returned = returned;
    }

    /// `(g, 1)`, `[g]`: the wrapper owns the guards moved into it.
    fn wrap<'e>(&mut self, elems: impl Iterator<Item = &'e Expr>, state: &mut State) -> Wrapped {
        let mut wrapped = Wrapped::default();
        for elem in elems {
            let value = self.expr(elem, state);
            wrapped.guards.extend(self.take(&value, state));
            union(&mut wrapped.checks, value.checks);
            wrapped.tys.push(value.ty);
        }
        wrapped
    }

    /// Runs a loop body twice (the second time from the merge of the entry
    /// and the end of the first iteration), then merges the exits.
    fn looping(
        &mut self,
        state: &mut State,
        may_skip: bool,
        mut body: impl FnMut(&mut Self, &mut State),
    ) {
        self.breaks.push(Vec::new());
        let entry = state.clone();
        let mut first = state.clone();
        body(self, &mut first);
        let mut ends = vec![first.clone()];
        let new_guards =
            !first.diverged && first.live().iter().any(|id| !entry.live().contains(id));
        if new_guards {
            let mut second = State::merge(vec![entry.clone(), first]);
            body(self, &mut second);
            ends.push(second);
        }
        let breaks = self.breaks.pop().unwrap_or_default();
        let mut exits = breaks;
        if may_skip {
            exits.push(entry);
            exits.extend(ends);
        }
        let mut merged = State::merge(exits);
        merged.bindings.truncate(state.bindings.len());
        *state = merged;
    }

    fn while_loop(&mut self, looping: &syn::ExprWhile, state: &mut State) {
        let cond = &looping.cond;
        let body = &looping.body;
        self.looping(state, true, |flow, state| {
            let mark = state.temps.len();
            let control = state.control.len();
            let scope = state.bindings.len();
            let checks = match &**cond {
                Expr::Let(binding) => {
                    let value = flow.expr(&binding.expr, state);
                    let owned = flow.take(&value, state);
                    let checks = value.checks.clone();
                    flow.bind_value(&binding.pat, owned, value, state);
                    checks
                }
                other => {
                    let value = flow.discard(other, state);
                    state.temps.truncate(mark);
                    value.checks
                }
            };
            state.control.extend(checks);
            flow.block(body, state);
            state.bindings.truncate(scope);
            state.control.truncate(control);
            state.temps.truncate(mark);
        });
    }

    fn branch(&mut self, branch: &syn::ExprIf, state: &mut State) -> Val {
        let mark = state.temps.len();
        let scope = state.bindings.len();
        let control = state.control.len();
        let (mut then_state, checks) = match &*branch.cond {
            Expr::Let(binding) => {
                // The scrutinee's temporaries live through the body.
                self.inspect(&binding.expr);
                let value = self.expr(&binding.expr, state);
                let owned = self.take(&value, state);
                let checks = value.checks.clone();
                let mut then_state = state.clone();
                self.bind_value(&binding.pat, owned, value, &mut then_state);
                (then_state, checks)
            }
            cond => {
                self.inspect_condition(cond);
                let value = self.discard(cond, state);
                state.temps.truncate(mark);
                (state.clone(), value.checks)
            }
        };
        // Edition 2024 drops an `if let` scrutinee's temporaries before `else`.
        let mut else_state = state.clone();
        else_state.temps.truncate(mark);
        then_state.control.extend(checks.iter().copied());
        let then_value = self.block(&branch.then_branch, &mut then_state);
        then_state.bindings.truncate(scope);
        then_state.temps.truncate(mark);
        then_state.control.truncate(control);
        let mut values = vec![then_value];
        let mut carried = Vec::new();
        match &branch.else_branch {
            Some((_, otherwise)) => {
                else_state.control.extend(checks.iter().copied());
                values.push(self.expr(otherwise, &mut else_state));
                else_state.bindings.truncate(scope);
                else_state.control.truncate(control);
                else_state.temps.truncate(mark);
            }
            None => {
                // `if checked { return; }` guards the rest of the block.
                if then_state.diverged {
                    carried = checks;
                }
            }
        }
        let mut merged = State::merge(vec![then_state, else_state]);
        merged.control.truncate(control);
        merged.control.extend(carried);
        *state = merged;
        merge_values(values)
    }

    fn matching(&mut self, matching: &syn::ExprMatch, state: &mut State) -> Val {
        // The scrutinee's temporaries live through every arm.
        self.inspect(&matching.expr);
        let scrutinee = self.expr(&matching.expr, state);
        let scope = state.bindings.len();
        let control = state.control.len();
        let mut ends = Vec::new();
        let mut values = Vec::new();
        let owned_by_scrutinee = Self::reach(&scrutinee, state)
            .into_iter()
            .filter(|id| !scrutinee.through.contains(id))
            .collect::<Vec<_>>();
        let fresh = scrutinee.guards.clone();
        for arm in &matching.arms {
            let depth = self.report.enter(&arm.attrs);
            let mut arm_state = state.clone();
            arm_state.temps.extend(fresh.iter().copied());
            let mut names = Vec::new();
            crate::syntax::pat_names(&arm.pat, &mut names);
            let moves = !names.is_empty() && pat_moves(&arm.pat);
            let owned = if moves {
                owned_by_scrutinee.clone()
            } else {
                Vec::new()
            };
            if moves {
                if let Some(index) = scrutinee.place {
                    arm_state.bindings[index].guards.clear();
                }
            }
            let bound = Val {
                ty: scrutinee.ty.clone(),
                checks: scrutinee.checks.clone(),
                through: scrutinee.through.clone(),
                ..Val::default()
            };
            self.bind_value(&arm.pat, owned, bound, &mut arm_state);
            arm_state.control.extend(scrutinee.checks.iter().copied());
            if let Some((_, guard)) = &arm.guard {
                let mark = arm_state.temps.len();
                let guard_value = self.discard(guard, &mut arm_state);
                arm_state.control.extend(guard_value.checks.iter().copied());
                arm_state.temps.truncate(mark);
            }
            let mark = arm_state.temps.len();
            let arm_value = self.expr(&arm.body, &mut arm_state);
            let taken = self.take(&arm_value, &mut arm_state);
            values.push(Val {
                guards: taken,
                place: None,
                ..arm_value
            });
            arm_state.temps.truncate(mark);
            arm_state.bindings.truncate(scope);
            arm_state.control.truncate(control);
            ends.push(arm_state);
            self.report.leave(depth);
        }
        let mut merged = State::merge(ends);
        if matching.arms.is_empty() {
            merged.diverged = true;
        }
        *state = merged;
        merge_values(values)
    }

    /// Marks the method call a `match` or `if let` inspects.
    fn inspect(&mut self, scrutinee: &Expr) {
        let mut expr = scrutinee;
        while let Expr::Paren(syn::ExprParen { expr: inner, .. })
        | Expr::Group(syn::ExprGroup { expr: inner, .. }) = expr
        {
            expr = inner;
        }
        if let Expr::MethodCall(call) = expr {
            self.inspected.insert(call as *const _);
        }
    }

    fn awaited(&mut self, awaited: &syn::ExprAwait, state: &mut State) -> Val {
        let location = Location {
            start: awaited.dot_token.span,
            end: awaited.await_token.span,
        };
        let base = match &*awaited.base {
            Expr::MethodCall(call) => self.method(call, state, true),
            Expr::Call(call) => self.call(call, state, true),
            other => self.expr(other, state),
        };
        let pending = Self::pending_of(&base, state).unwrap_or_default();
        let (output, future_effect) = self.await_output(&base.ty);
        let effect = pending.effect.clone().or(future_effect);
        Self::temps(
            Val {
                place: None,
                ..base
            },
            state,
        );
        let live = state.live();
        let mut site = super::Site::of(awaited, location);
        site.call = match &*awaited.base {
            Expr::MethodCall(call) => Location {
                start: call.method.span(),
                end: awaited.await_token.span,
            },
            Expr::Call(call) => Location {
                start: super::call_location(call).start,
                end: awaited.await_token.span,
            },
            other => Location {
                start: super::first_span(other),
                end: awaited.await_token.span,
            },
        };
        // The lock is for this I/O when the I/O is on what it protects, or
        // when the result is stored into what it protects.
        let mut exempt = self.storing_into.clone();
        exempt.extend(pending.through.iter().copied());
        if effect.is_some() {
            self.io_sites.push(site.key);
        }
        self.tell(|observer, cx| observer.awaited(cx, site, effect.as_ref(), &live, &exempt));
        // `.lock().await`: an async lock's guard.
        if let Some((flavor, protects)) = self.guard_in(&output) {
            let acquires = pending.acquires.unwrap_or_else(|| super::state::Acquires {
                taken: text(awaited),
                lock: text(&*awaited.base),
                lock_id: None,
                from_checks: Vec::new(),
            });
            let id = self.new_guard_of(
                (awaited as *const syn::ExprAwait).cast(),
                flavor,
                acquires.taken,
                acquires.lock,
                acquires.lock_id,
                protects,
            );
            self.guards[id].from_checks = acquires.from_checks;
            self.guards[id].taken_at.get_or_insert(Location {
                start: super::first_span(&awaited.base),
                end: awaited.await_token.span,
            });
            return Val {
                ty: output,
                guards: vec![id],
                ..Val::default()
            };
        }
        Val::of(output)
    }

    /// What awaiting a value of type `ty` gives, and what a future type
    /// itself says awaiting it does (`JoinHandle`, a oneshot receiver).
    fn await_output(&self, ty: &Ty) -> (Ty, Option<super::Effect>) {
        let program = self.scope.program;
        let mut current = ty.clone();
        for _ in 0..4 {
            match &current {
                Ty::Future(output) => return ((**output).clone(), None),
                Ty::Named(path, args) => {
                    let future = program
                        .trait_impls_of(path)
                        .find(|i| i.trait_ == "std::future::Future");
                    if let Some(implemented) = future {
                        let bound: Vec<(crate::program::Name, Ty)> = implemented
                            .generics
                            .iter()
                            .filter_map(|(param, position)| {
                                Some((param.clone(), args.get((*position)?)?.clone()))
                            })
                            .collect();
                        let output = implemented
                            .assoc
                            .iter()
                            .find(|(name, _)| name == "Output")
                            .map(|(_, ty)| ty.substitute(&bound))
                            .unwrap_or_default();
                        let effect = implemented.marks.io.map(|kind| super::Effect {
                            kind,
                            api: path.to_string(),
                            via: Vec::new(),
                            on_receiver: false,
                        });
                        return (output, effect);
                    }
                    // `Pin<Box<dyn Future>>`: look through the pointers.
                    match program.deref(&current) {
                        Some(inner) => current = inner,
                        None => return (Ty::Unknown, None),
                    }
                }
                Ty::Ref(_, inner) => current = (**inner).clone(),
                _ => return (Ty::Unknown, None),
            }
        }
        (Ty::Unknown, None)
    }

    pub fn mac(&mut self, mac: &syn::Macro, state: &mut State) -> Val {
        let name = mac
            .path
            .segments
            .last()
            .map(|segment| segment.ident.to_string())
            .unwrap_or_default();
        let selects = matches!(name.as_str(), "select" | "select_biased");
        let branches = if selects {
            crate::syntax::select_branches(mac)
        } else {
            Vec::new()
        };
        let args = if selects { Vec::new() } else { macro_args(mac) };
        let mut values = Vec::new();
        for arg in &args {
            values.push(self.discard(arg, state));
        }
        // `select!`: every branch's future is made first, then one handler runs.
        for branch in &branches {
            if let Some(future) = &branch.future {
                values.push(self.discard(future, state));
            }
        }
        if selects {
            let effect = values.iter().find_map(|value| {
                value
                    .pending
                    .as_ref()
                    .and_then(|pending| pending.effect.clone())
            });
            let live = state.live();
            let site = super::Site::of(mac, Location::of(mac));
            let exempt = self.storing_into.clone();
            self.tell(|observer, cx| observer.awaited(cx, site, effect.as_ref(), &live, &exempt));
            let scope = state.bindings.len();
            let mut ends = Vec::new();
            for branch in &branches {
                let mut branch_state = state.clone();
                if let Some(pat) = &branch.pat {
                    self.bind_typed(pat, Vec::new(), Vec::new(), Ty::Unknown, &mut branch_state);
                }
                if let Some(handler) = &branch.handler {
                    let mark = branch_state.temps.len();
                    self.discard(handler, &mut branch_state);
                    branch_state.temps.truncate(mark);
                }
                branch_state.bindings.truncate(scope);
                ends.push(branch_state);
            }
            if !ends.is_empty() {
                *state = State::merge(ends);
            }
            return Val::default();
        }
        if matches!(name.as_str(), "join" | "try_join") {
            let effect = values.iter().find_map(|value| {
                value
                    .pending
                    .as_ref()
                    .and_then(|pending| pending.effect.clone())
            });
            let live = state.live();
            let location = Location::of(mac);
            let site = super::Site::of(mac, location);
            let exempt = self.storing_into.clone();
            self.tell(|observer, cx| observer.awaited(cx, site, effect.as_ref(), &live, &exempt));
            return Val::default();
        }
        if PRINTS.contains(&name.as_str()) {
            let live = state.live();
            let watches = self.watches(&values, &live);
            let spawned = self.spawned > 0;
            self.tell(|observer, cx| observer.printed(cx, mac, &name, &live, watches, spawned));
        }
        if matches!(
            name.as_str(),
            "panic" | "unreachable" | "todo" | "unimplemented"
        ) {
            state.diverged = true;
            return Val::of(Ty::Never);
        }
        match name.as_str() {
            "vec" => Val::of(Ty::generic(
                "std::vec::Vec",
                vec![values
                    .first()
                    .map(|value| value.ty.clone())
                    .unwrap_or_default()],
            )),
            "format" => Val::of(Ty::named("std::string::String")),
            "matches" => Val::of(Ty::named("bool")),
            _ => Val::default(),
        }
    }

    /// What a print's arguments show of the concurrency.
    fn watches(&self, values: &[Val], live: &[GuardId]) -> Option<Watches> {
        values.iter().find_map(|value| {
            if matches!(
                value.ty.strip_refs().path(),
                Some("std::thread::ThreadId" | "std::thread::Thread")
            ) {
                Some(Watches::ThreadId)
            } else if value
                .through
                .iter()
                .chain(&value.read_from)
                .any(|id| live.contains(id))
            {
                Some(Watches::GuardedState)
            } else if value.atomic_read {
                Some(Watches::AtomicValue)
            } else if matches!(
                value.ty.strip_refs().path(),
                Some("std::time::Instant" | "std::time::Duration" | "tokio::time::Instant")
            ) {
                Some(Watches::Timing)
            } else {
                None
            }
        })
    }

    /// The type of the values a `for` loop over `ty` binds.
    fn element_type(&self, ty: &Ty) -> Ty {
        let by_ref = matches!(ty, Ty::Ref(..));
        let wrap = |inner: Ty| {
            if by_ref {
                Ty::reference(false, inner)
            } else {
                inner
            }
        };
        let inner = ty.strip_refs();
        match inner.path() {
            Some(
                "std::vec::Vec"
                | "std::collections::VecDeque"
                | "std::collections::HashSet"
                | "std::collections::BTreeSet",
            ) => wrap(inner.arg(0)),
            Some("std::collections::HashMap" | "std::collections::BTreeMap") => {
                Ty::tuple(vec![wrap(inner.arg(0)), wrap(inner.arg(1))])
            }
            Some(path) => self
                .scope
                .program
                .trait_impls_of(path)
                .find(|i| i.trait_ == "std::iter::Iterator")
                .and_then(|implemented| {
                    let bound: Vec<(crate::program::Name, Ty)> = implemented
                        .generics
                        .iter()
                        .filter_map(|(param, position)| {
                            Some((param.clone(), inner.args().get((*position)?)?.clone()))
                        })
                        .collect();
                    implemented
                        .assoc
                        .iter()
                        .find(|(name, _)| name == "Item")
                        .map(|(_, item)| item.substitute(&bound))
                })
                .unwrap_or_default(),
            None => match inner {
                Ty::Slice(element) => wrap((**element).clone()),
                _ => Ty::Unknown,
            },
        }
    }

    /// The type a struct literal's path names.
    fn struct_type(&self, path: &syn::Path) -> Ty {
        if path.is_ident("Self") {
            return self.scope.self_ty.clone().unwrap_or_default();
        }
        let expr = crate::program::TyExpr::of_path(path);
        self.scope.program.resolve_type(
            self.scope.module,
            &expr,
            &self.scope.generics,
            self.scope.self_ty.as_ref(),
        )
    }
}

/// When a closure's body runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Runs {
    /// Before the call it is given to returns (`map`, `for_each`, a helper
    /// of the program that calls it).
    Now,
    /// On another task or thread (`spawn`).
    Spawned,
    /// Whenever whoever keeps it calls it: not part of this function's run.
    Later,
}

#[derive(Default)]
struct Wrapped {
    guards: Vec<GuardId>,
    checks: Vec<usize>,
    tys: Vec<Ty>,
    ty: Ty,
}

impl Wrapped {
    fn into_val(self) -> Val {
        Val {
            ty: self.ty,
            guards: self.guards,
            checks: self.checks,
            ..Val::default()
        }
    }
}

/// The value of a branching expression: the guards and checks of every
/// branch, and the first type known.
fn merge_values(values: Vec<Val>) -> Val {
    let mut merged = Val::default();
    for value in values {
        merged.guards.extend(value.guards);
        union(&mut merged.checks, value.checks);
        union(&mut merged.through, value.through);
        if !merged.ty.is_known() && !matches!(value.ty, Ty::Never) {
            merged.ty = value.ty;
        }
        if merged.pending.is_none() {
            merged.pending = value.pending;
        }
    }
    merged
}

fn strip_type(pat: &Pat) -> &Pat {
    match pat {
        Pat::Type(typed) => strip_type(&typed.pat),
        other => other,
    }
}

/// Whether a pattern binds by value (`Some(g)`), rather than only by
/// reference (`Some(ref g)`).
fn pat_moves(pat: &Pat) -> bool {
    use syn::visit::Visit;
    struct Moves(bool);
    impl<'ast> Visit<'ast> for Moves {
        fn visit_pat_ident(&mut self, binding: &'ast syn::PatIdent) {
            self.0 |= binding.by_ref.is_none();
            syn::visit::visit_pat_ident(self, binding);
        }
    }
    let mut moves = Moves(false);
    moves.visit_pat(pat);
    moves.0
}

/// `&m.lock().unwrap().field`: the borrow extends the guard to the `let`.
fn is_extending_borrow(init: &Expr) -> bool {
    let Expr::Reference(reference) = init else {
        return false;
    };
    let mut place = &*reference.expr;
    loop {
        place = match place {
            Expr::Field(field) => &field.base,
            Expr::Index(index) => &index.expr,
            Expr::Paren(inner) => &inner.expr,
            Expr::Unary(unary) if matches!(unary.op, syn::UnOp::Deref(_)) => &unary.expr,
            Expr::MethodCall(_) | Expr::Call(_) | Expr::Await(_) => return true,
            _ => return false,
        };
    }
}

fn literal_type(literal: &syn::Lit) -> Ty {
    match literal {
        syn::Lit::Str(_) => Ty::reference(false, Ty::named("str")),
        syn::Lit::Bool(_) => Ty::named("bool"),
        syn::Lit::Char(_) => Ty::named("char"),
        syn::Lit::Int(int) => match int.suffix() {
            "" => Ty::named("{integer}"),
            suffix => Ty::named(suffix),
        },
        syn::Lit::Float(float) => match float.suffix() {
            "" => Ty::named("f64"),
            suffix => Ty::named(suffix),
        },
        _ => Ty::Unknown,
    }
}

/// What `base[index]` is, for the collections that index.
fn element_of_index(base: &Ty) -> Ty {
    let inner = base.strip_refs();
    match inner.path() {
        Some("std::vec::Vec" | "std::collections::VecDeque") => inner.arg(0),
        Some("std::collections::HashMap" | "std::collections::BTreeMap") => inner.arg(1),
        _ => match inner {
            Ty::Slice(element) => (**element).clone(),
            _ => Ty::Unknown,
        },
    }
}

/// The names a pattern binds, with their types where the matched type says.
pub(crate) fn pattern_types(scope: &Scope<'_>, pat: &Pat, ty: &Ty, into: &mut Vec<(String, Ty)>) {
    match pat {
        Pat::Ident(binding) => {
            let name = crate::program::unraw(&binding.ident);
            // `None`, `Empty` and other constants in patterns start uppercase.
            if name.starts_with(char::is_uppercase) {
                return;
            }
            let ty = if binding.by_ref.is_some() {
                Ty::reference(binding.mutability.is_some(), ty.clone())
            } else {
                ty.clone()
            };
            into.push((name, ty.clone()));
            if let Some((_, sub)) = &binding.subpat {
                pattern_types(scope, sub, &ty, into);
            }
        }
        Pat::Type(typed) => {
            let declared = scope.resolve_type(&typed.ty);
            let ty = if declared.is_known() {
                declared
            } else {
                ty.clone()
            };
            pattern_types(scope, &typed.pat, &ty, into);
        }
        Pat::Reference(reference) => {
            pattern_types(scope, &reference.pat, ty.strip_refs(), into);
        }
        Pat::Paren(inner) => pattern_types(scope, &inner.pat, ty, into),
        Pat::Or(alternatives) => {
            if let Some(first) = alternatives.cases.first() {
                pattern_types(scope, first, ty, into);
            }
        }
        Pat::Tuple(tuple) => {
            let (by_ref, inner) = split_ref(ty);
            for (index, elem) in tuple.elems.iter().enumerate() {
                let elem_ty = match inner {
                    Ty::Tuple(items) => items.get(index).cloned().unwrap_or_default(),
                    _ => Ty::Unknown,
                };
                pattern_types(scope, elem, &rewrap(by_ref, elem_ty), into);
            }
        }
        Pat::TupleStruct(tuple) => {
            let (by_ref, inner) = split_ref(ty);
            let variant = tuple
                .path
                .segments
                .last()
                .map(|segment| segment.ident.to_string())
                .unwrap_or_default();
            for (index, elem) in tuple.elems.iter().enumerate() {
                let elem_ty = match (inner.path(), variant.as_str(), index) {
                    (Some("std::option::Option"), "Some", 0)
                    | (Some("std::result::Result"), "Ok", 0) => inner.arg(0),
                    (Some("std::result::Result"), "Err", 0) => inner.arg(1),
                    _ => scope
                        .program
                        .field(inner, &index.to_string())
                        .filter(|_| inner.path().is_some_and(|path| path.ends_with(&variant)))
                        .unwrap_or_default(),
                };
                pattern_types(scope, elem, &rewrap(by_ref, elem_ty), into);
            }
        }
        Pat::Struct(structure) => {
            let (by_ref, inner) = split_ref(ty);
            for field in &structure.fields {
                let member = match &field.member {
                    syn::Member::Named(ident) => crate::program::unraw(ident),
                    syn::Member::Unnamed(index) => index.index.to_string(),
                };
                let field_ty = scope.program.field(inner, &member).unwrap_or_default();
                pattern_types(scope, &field.pat, &rewrap(by_ref, field_ty), into);
            }
        }
        Pat::Slice(slice) => {
            let (by_ref, inner) = split_ref(ty);
            let element = match inner {
                Ty::Slice(element) => (**element).clone(),
                _ => Ty::Unknown,
            };
            for elem in &slice.elems {
                pattern_types(scope, elem, &rewrap(by_ref, element.clone()), into);
            }
        }
        _ => {}
    }
}

/// Default binding modes: matching through a reference binds by reference.
fn split_ref(ty: &Ty) -> (Option<bool>, &Ty) {
    match ty {
        Ty::Ref(mutable, inner) => (Some(*mutable), inner.strip_refs()),
        other => (None, other),
    }
}

fn rewrap(by_ref: Option<bool>, ty: Ty) -> Ty {
    match (by_ref, ty) {
        (_, Ty::Unknown) => Ty::Unknown,
        (Some(mutable), ty @ Ty::Named(..)) => Ty::reference(mutable, ty),
        (_, ty) => ty,
    }
}
