//! Where the receiving end of a channel goes, and whether something drains
//! it: a loop that keeps receiving (in the body, in a closure or `async`
//! block the body hands on, in a `select!`), a program function it is
//! passed to, or a struct field that a method of the struct drains.
//!
//! What this module knows is what a receiver is (by its type, or because
//! the call that made it resolves to a channel constructor) and how code
//! receives from one (`recv`, `recv_async`, `blocking_recv`, `next`,
//! iteration, a `select!` branch). It does not decide whether that is a
//! hazard: the channel check does.
//!
//! A receive counts as draining only when it runs again and again (in a
//! loop, or in `Iterator::next` / `Stream::poll_next`) and its value is
//! kept: `_ = shutdown.recv() => break` and `if rx.try_recv().is_ok() {
//! return }` are one-shot signals, and a receive outside any loop is a
//! reply awaited once.

use syn::visit::{self, Visit};
use syn::{Block, Expr, Pat, Stmt};

use crate::flow::Scope;
use crate::program::{FnId, Program, Ty, TypeKind, TypeMark};

/// How a loop treats what it receives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DrainKind {
    /// It takes items one after another and processes each: a worker, or
    /// one of several workers, or a consumer pulling a stream.
    Worker,
    /// One task that dispatches messages (matches on a command enum, or
    /// selects between its mailbox and other events): an actor.
    Actor,
}

/// A loop that drains a receiver.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drain {
    /// A worker's loop or an actor's.
    pub kind: DrainKind,
    /// The function the loop is in (its path, or its name when nested).
    pub function: String,
    /// The line of the loop.
    pub line: usize,
    /// The loop runs in several copies at once (in a closure spawned from
    /// a loop, on a cloned receiver): a pool of workers.
    pub many: bool,
    /// No loop: a method called once per item drains it (`Iterator::next`).
    pub per_call: bool,
    /// What the receiver gives, when known.
    pub item: Ty,
    /// The receiver's type (`tokio::sync::mpsc::Receiver`), when known.
    pub channel: Option<String>,
    /// The loop runs in a closure or an `async` block the body hands on,
    /// not in the body's own flow.
    pub apart: bool,
    /// Each pass empties the channel and keeps only the newest item
    /// (`while let Ok(newer) = rx.try_recv() { item = newer }`): what waits
    /// is one value, not a backlog.
    pub latest_only: bool,
}

/// Where a receiver is handed on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Handoff {
    /// Argument `index` of a program function.
    Arg {
        /// The function.
        callee: FnId,
        /// Which parameter, after `self`.
        index: usize,
        /// Handed on from a loop: once per worker.
        many: bool,
    },
    /// A struct field.
    Field {
        /// The field, as `app::Worker.rx`.
        place: String,
        /// Stored from a loop: once per worker.
        many: bool,
    },
}

/// What became of one receiver in one body.
#[derive(Debug, Clone, Default)]
pub struct Fate {
    /// Loops that drain it in the body followed.
    pub drains: Vec<Drain>,
    /// Where the body hands it on.
    pub handoffs: Vec<Handoff>,
    /// The receiver was cloned: several consumers share it.
    pub cloned: bool,
    /// A loop empties it keeping only the newest item.
    pub coalesced: bool,
}

/// Methods that take one item out of a receiver (or a stream over one).
const RECEIVES: &[&str] = &[
    "recv",
    "recv_async",
    "blocking_recv",
    "recv_timeout",
    "recv_deadline",
    "recv_many",
    "try_recv",
    "poll_recv",
    "next",
    "try_next",
    "select_next_some",
    "poll_next",
    "poll_next_unpin",
    "recv_ref",
];

/// Methods that turn a receiver into an iterator over what it receives.
const ITERATES: &[&str] = &["iter", "try_iter", "into_iter", "into_stream", "stream"];

/// Macros that wait on several futures and run the branch of the first.
const SELECTS: &[&str] = &["select", "select_biased"];

/// Whether a value of type `ty` is a receiver, or holds one (`Arc<Mutex<Receiver<T>>>`,
/// `Option<Receiver<T>>`).
pub fn holds_receiver(program: &Program, ty: &Ty) -> bool {
    fn within(program: &Program, ty: &Ty, depth: usize) -> bool {
        if depth > 4 {
            return false;
        }
        let ty = ty.strip_refs();
        if program.has_mark(ty, TypeMark::Receiver) {
            return true;
        }
        match ty {
            Ty::Named(path, args) if path.contains(':') && !args.is_empty() => {
                // Wrappers of std and the lock crates: not a user type whose
                // fields would say more.
                let wrapper = program.type_def(path).is_none_or(|def| def.file.is_none());
                wrapper && args.iter().any(|arg| within(program, arg, depth + 1))
            }
            _ => false,
        }
    }
    within(program, ty, 0)
}

/// The type a receiver of type `ty` gives (`T` of `Receiver<T>`), behind wrappers.
pub fn item_type(program: &Program, ty: &Ty) -> Ty {
    let mut current = ty.strip_refs().clone();
    for _ in 0..5 {
        if program.has_mark(&current, TypeMark::Receiver) {
            return current.arg(0);
        }
        match current
            .args()
            .iter()
            .find(|arg| holds_receiver(program, arg))
        {
            Some(inner) => current = inner.strip_refs().clone(),
            None => return Ty::Unknown,
        }
    }
    Ty::Unknown
}

/// The type path of the receiver a value of type `ty` is or holds.
pub fn receiver_path(program: &Program, ty: &Ty) -> Option<String> {
    let mut current = ty.strip_refs().clone();
    for _ in 0..5 {
        if program.has_mark(&current, TypeMark::Receiver) {
            return current.path().map(str::to_owned);
        }
        current = current
            .args()
            .iter()
            .find(|arg| holds_receiver(program, arg))?
            .strip_refs()
            .clone();
    }
    None
}

/// A receiver to follow: a local variable or parameter (`rx`), or a field
/// of `self` (`self.rx`), with the type of what it gives when known.
#[derive(Debug, Clone)]
pub struct Start {
    /// `rx`, or `self.rx`.
    pub place: String,
    /// What the receiver gives, when known.
    pub item: Ty,
    /// The receiver's type path, when known.
    pub channel: Option<String>,
}

/// Follows receivers through statements, from their starts.
pub(crate) struct Follow<'s, 'p> {
    scope: &'s Scope<'p>,
    /// The function followed, for messages.
    function: String,
    /// Every place the receiver is reached by, and which start it came from.
    tracked: Vec<(String, usize)>,
    items: Vec<Ty>,
    channels: Vec<Option<String>>,
    fates: Vec<Fate>,
    /// Loops around the code, within the current closure.
    loops: usize,
    /// Loops around the closures that enclose the code.
    outer_loops: usize,
    /// Closures and `async` blocks around the code.
    apart: usize,
    /// The body runs once per item (`Iterator::next`).
    repeated: bool,
    /// Receives already accounted for by the loop head that makes them.
    handled: Vec<*const syn::ExprMethodCall>,
}

impl<'s, 'p> Follow<'s, 'p> {
    pub fn new(scope: &'s Scope<'p>, function: String, starts: Vec<Start>, repeated: bool) -> Self {
        let tracked = starts
            .iter()
            .enumerate()
            .map(|(index, start)| (start.place.clone(), index))
            .collect();
        let items = starts.iter().map(|start| start.item.clone()).collect();
        let channels = starts.iter().map(|start| start.channel.clone()).collect();
        Follow {
            scope,
            function,
            fates: vec![Fate::default(); starts.len()],
            tracked,
            items,
            channels,
            loops: 0,
            outer_loops: 0,
            apart: 0,
            repeated,
            handled: Vec::new(),
        }
    }

    /// Follows a run of statements.
    pub fn stmts(&mut self, stmts: &[Stmt]) {
        for stmt in stmts {
            self.visit_stmt(stmt);
        }
    }

    /// What became of each start, in order.
    pub fn finish(self) -> Vec<Fate> {
        let mut fates = self.fates;
        for fate in &mut fates {
            if fate.coalesced {
                for drain in &mut fate.drains {
                    drain.latest_only = true;
                }
            }
        }
        fates
    }

    fn program(&self) -> &'p Program {
        self.scope.program
    }

    /// The start whose receiver `expr` is reached from: `rx`, `rx.clone()`,
    /// `&mut rx`, `self.rx.as_mut().unwrap()`, `rx.lock().unwrap()`.
    fn tracked_root(&self, expr: &Expr) -> Option<usize> {
        let root = crate::syntax::root(expr);
        let place = match root {
            Expr::Path(path) if path.qself.is_none() => path.path.get_ident()?.to_string(),
            Expr::Field(_) => {
                let member = crate::syntax::self_field(root)?;
                match member {
                    syn::Member::Named(ident) => format!("self.{ident}"),
                    syn::Member::Unnamed(index) => format!("self.{}", index.index),
                }
            }
            _ => return None,
        };
        self.tracked
            .iter()
            .rev()
            .find(|(name, _)| *name == place)
            .map(|(_, start)| *start)
    }

    /// The start whose receiver `expr` carries: the receiver itself, or a
    /// value made from it (`Arc::new(Mutex::new(rx))`, `Some(rx)`,
    /// `ReceiverStream::new(rx)`).
    fn carried(&self, expr: &Expr) -> Option<usize> {
        if let Some(start) = self.tracked_root(expr) {
            return Some(start);
        }
        match expr {
            Expr::Call(call) => call.args.iter().find_map(|arg| self.carried(arg)),
            Expr::Paren(inner) => self.carried(&inner.expr),
            Expr::Group(inner) => self.carried(&inner.expr),
            Expr::Reference(inner) => self.carried(&inner.expr),
            Expr::Tuple(tuple) => tuple.elems.iter().find_map(|elem| self.carried(elem)),
            Expr::MethodCall(call) => self.carried(&call.receiver),
            _ => None,
        }
    }

    /// The start whose receiver `expr` takes an item from, if it does:
    /// `rx.recv()`, `rx.recv().await`, `rx.recv().await?`, `rx.next().await`.
    fn receive_in(&self, expr: &Expr) -> Option<(usize, *const syn::ExprMethodCall)> {
        let mut expr = expr;
        loop {
            expr = match expr {
                Expr::Await(awaited) => &awaited.base,
                Expr::Try(attempt) => &attempt.expr,
                Expr::Paren(inner) => &inner.expr,
                Expr::MethodCall(call) if RECEIVES.contains(&call.method.to_string().as_str()) => {
                    let start = self.tracked_root(&call.receiver)?;
                    return Some((start, call as *const _));
                }
                // `rx.recv().await.ok()`, `.unwrap()`: still the received value.
                Expr::MethodCall(call) if call.args.is_empty() => &call.receiver,
                _ => return None,
            };
        }
    }

    /// Whether iterating `expr` iterates a receiver: `rx`, `&rx`, `rx.iter()`.
    fn iterated(&self, expr: &Expr) -> Option<usize> {
        match expr {
            Expr::MethodCall(call) if ITERATES.contains(&call.method.to_string().as_str()) => {
                self.tracked_root(&call.receiver)
            }
            Expr::MethodCall(call) => self.iterated(&call.receiver),
            Expr::Reference(inner) => self.iterated(&inner.expr),
            Expr::Paren(inner) => self.iterated(&inner.expr),
            other => match other {
                Expr::Path(_) => self.tracked_root(other),
                _ => None,
            },
        }
    }

    fn many(&self) -> bool {
        self.outer_loops > 0
    }

    fn drained(&mut self, start: usize, dispatches: bool, line: usize) {
        let kind = if dispatches || self.dispatches_type(start) {
            DrainKind::Actor
        } else {
            DrainKind::Worker
        };
        let drain = Drain {
            kind,
            function: self.function.clone(),
            line,
            many: self.many(),
            per_call: self.repeated && self.loops == 0,
            item: self.items[start].clone(),
            channel: self.channels[start].clone(),
            apart: self.apart > 0,
            latest_only: false,
        };
        self.fates[start].drains.push(drain);
    }

    /// Whether what the receiver gives is a command enum of the program.
    fn dispatches_type(&self, start: usize) -> bool {
        is_command_enum(self.program(), &self.items[start])
    }

    /// Binds the names of `pat` as more ways to reach `start`.
    fn alias(&mut self, pat: &Pat, start: usize) {
        let mut names = Vec::new();
        crate::syntax::pat_names(pat, &mut names);
        for name in names {
            self.tracked.push((name, start));
        }
    }

    /// A loop body with the received value bound by `pat`.
    fn receive_loop(&mut self, start: usize, pat: Option<&Pat>, body: &Block, line: usize) {
        let names = pat.map(bound_names).unwrap_or_default();
        if !names.is_empty() {
            let dispatches = dispatches_on(self.scope, body, &names);
            self.drained(start, dispatches, line);
        }
    }

    fn looped(&mut self, body: impl FnOnce(&mut Self)) {
        self.loops += 1;
        body(self);
        self.loops -= 1;
    }

    /// Code that runs apart from the body (a closure, an `async` block).
    fn apart(&mut self, body: impl FnOnce(&mut Self)) {
        let loops = self.loops;
        self.outer_loops += loops;
        self.loops = 0;
        self.apart += 1;
        body(self);
        self.apart -= 1;
        self.loops = loops;
        self.outer_loops -= loops;
    }

    /// A receive whose value is bound by `pat` (or used, for `None`)
    /// outside a loop head.
    fn receive_at(&mut self, start: usize, names: &[String], line: usize, context: Option<&Block>) {
        if names.is_empty() || (self.loops == 0 && !self.repeated) {
            return;
        }
        let dispatches = context.is_some_and(|block| dispatches_on(self.scope, block, names));
        self.drained(start, dispatches, line);
    }

    /// A value handed to a program function's parameter `index`.
    fn hand_to(&mut self, callee: FnId, index: usize, start: usize) {
        let many = self.many() || self.loops > 0;
        self.fates[start].handoffs.push(Handoff::Arg {
            callee,
            index,
            many,
        });
    }

    fn store_in(&mut self, owner: &Ty, field: String, start: usize) {
        let Some(path) = owner.strip_refs().path() else {
            return;
        };
        let many = self.many() || self.loops > 0;
        let place = format!("{path}.{field}");
        self.fates[start]
            .handoffs
            .push(Handoff::Field { place, many });
    }

    /// The program function a path call resolves to.
    fn path_callee(&self, path: &syn::Path) -> Option<FnId> {
        self.scope.function_at(path)
    }

    /// The program method `self.name(..)` resolves to.
    fn self_method(&self, call: &syn::ExprMethodCall) -> Option<FnId> {
        if !matches!(&*call.receiver, Expr::Path(path) if path.path.is_ident("self")) {
            return None;
        }
        let self_ty = self.scope.self_ty.as_ref()?;
        self.program()
            .method(self_ty, &crate::program::unraw(&call.method))
            .map(|method| method.id)
    }

    fn with_body(&self, callee: FnId) -> bool {
        self.program().function(callee).body.is_some()
    }

    fn select(&mut self, mac: &syn::Macro) {
        let branches = crate::syntax::select_branches(mac);
        let waits = branches
            .iter()
            .filter(|branch| branch.future.is_some())
            .count();
        for branch in &branches {
            if let Some(future) = &branch.future {
                if let Some((start, call)) = self.receive_in(future) {
                    self.handled.push(call);
                    let names = branch.pat.as_ref().map(bound_names).unwrap_or_default();
                    let keeps = !names.is_empty() && !branch.handler.as_ref().is_some_and(diverges);
                    if keeps && (self.loops > 0 || self.repeated) {
                        let dispatches = waits > 1
                            || branch.handler.as_ref().is_some_and(|handler| {
                                dispatches_in_expr(self.scope, handler, &names)
                            });
                        let line = mac
                            .path
                            .segments
                            .first()
                            .map_or(0, |s| s.ident.span().start().line);
                        self.drained(start, dispatches, line);
                    }
                }
                self.visit_expr(future);
            }
            if let Some(handler) = &branch.handler {
                self.visit_expr(handler);
            }
        }
    }
}

impl<'ast> Visit<'ast> for Follow<'_, '_> {
    fn visit_local(&mut self, local: &'ast syn::Local) {
        let Some(init) = &local.init else {
            return visit::visit_local(self, local);
        };
        if let Some((start, call)) = self.receive_in(&init.expr) {
            self.handled.push(call);
            let names = bound_names(&local.pat);
            let line = local.let_token.span.start().line;
            self.receive_at(start, &names, line, None);
        } else if let Some(start) = self.carried(&init.expr) {
            if matches!(&*init.expr, Expr::MethodCall(call) if call.method == "clone")
                || is_arc_clone(&init.expr)
            {
                self.fates[start].cloned = true;
            }
            self.visit_expr(&init.expr);
            if let Some((_, otherwise)) = &init.diverge {
                self.visit_expr(otherwise);
            }
            self.alias(&local.pat, start);
            return;
        }
        visit::visit_local(self, local);
    }

    fn visit_expr_while(&mut self, node: &'ast syn::ExprWhile) {
        if let Expr::Let(condition) = &*node.cond {
            if let Some((start, call)) = self.receive_in(&condition.expr) {
                self.handled.push(call);
                let line = node.while_token.span.start().line;
                if self.loops > 0 && keeps_newest(&condition.pat, &node.body) {
                    self.fates[start].coalesced = true;
                }
                self.receive_loop(start, Some(&condition.pat), &node.body, line);
            } else if let Some(start) = self.carried(&condition.expr) {
                self.alias(&condition.pat, start);
            }
        }
        self.visit_expr(&node.cond);
        self.looped(|follow| follow.visit_block(&node.body));
    }

    fn visit_expr_for_loop(&mut self, node: &'ast syn::ExprForLoop) {
        if let Some(start) = self.iterated(&node.expr) {
            let line = node.for_token.span.start().line;
            self.receive_loop(start, Some(&node.pat), &node.body, line);
        }
        self.visit_expr(&node.expr);
        self.looped(|follow| follow.visit_block(&node.body));
    }

    fn visit_expr_loop(&mut self, node: &'ast syn::ExprLoop) {
        // `loop { let msg = rx.recv()?; match msg { .. } }`: the receive is
        // found where it is bound; the loop's body says whether it dispatches.
        for stmt in &node.body.stmts {
            let (pat, init) = match stmt {
                Stmt::Local(local) => match &local.init {
                    Some(init) => (Some(&local.pat), &*init.expr),
                    None => continue,
                },
                Stmt::Expr(Expr::Match(matching), _) => (None, &*matching.expr),
                _ => continue,
            };
            let Some((start, call)) = self.receive_in(init) else {
                continue;
            };
            self.handled.push(call);
            let line = node.loop_token.span.start().line;
            match pat {
                Some(pat) => self.receive_loop(start, Some(pat), &node.body, line),
                None => {
                    let Stmt::Expr(Expr::Match(matching), _) = stmt else {
                        continue;
                    };
                    if matching.arms.iter().any(keeps_item) {
                        let dispatches = is_dispatch(matching);
                        self.drained(start, dispatches, line);
                    }
                }
            }
        }
        self.looped(|follow| follow.visit_block(&node.body));
    }

    fn visit_expr_match(&mut self, node: &'ast syn::ExprMatch) {
        if let Some((start, call)) = self.receive_in(&node.expr) {
            if !self.handled.contains(&call) {
                self.handled.push(call);
                let keeps = node.arms.iter().any(keeps_item);
                if keeps && (self.loops > 0 || self.repeated) {
                    let line = node.match_token.span.start().line;
                    self.drained(start, is_dispatch(node), line);
                }
            }
        } else if let Some(start) = self.carried(&node.expr) {
            for arm in &node.arms {
                self.alias(&arm.pat, start);
            }
        }
        visit::visit_expr_match(self, node);
    }

    fn visit_expr_if(&mut self, node: &'ast syn::ExprIf) {
        if let Expr::Let(condition) = &*node.cond {
            if let Some((start, call)) = self.receive_in(&condition.expr) {
                self.handled.push(call);
                let names = bound_names(&condition.pat);
                if !diverges_block(&node.then_branch) {
                    let line = node.if_token.span.start().line;
                    self.receive_at(start, &names, line, Some(&node.then_branch));
                }
            } else if let Some(start) = self.carried(&condition.expr) {
                self.alias(&condition.pat, start);
            }
        }
        visit::visit_expr_if(self, node);
    }

    fn visit_expr_closure(&mut self, node: &'ast syn::ExprClosure) {
        self.apart(|follow| visit::visit_expr_closure(follow, node));
    }

    fn visit_expr_async(&mut self, node: &'ast syn::ExprAsync) {
        self.apart(|follow| visit::visit_expr_async(follow, node));
    }

    fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
        let name = call.method.to_string();
        if RECEIVES.contains(&name.as_str()) && self.repeated {
            // `Iterator::next` returning `self.rx.recv().ok()`.
            if let Some(start) = self.tracked_root(&call.receiver) {
                let ptr = call as *const _;
                if !self.handled.contains(&ptr) {
                    self.handled.push(ptr);
                    let line = call.method.span().start().line;
                    self.drained(start, false, line);
                }
            }
        }
        if name == "clone" {
            if let Some(start) = self.tracked_root(&call.receiver) {
                self.fates[start].cloned = true;
            }
        }
        let carried: Vec<(usize, usize)> = call
            .args
            .iter()
            .enumerate()
            .filter_map(|(index, arg)| Some((index, self.carried(arg)?)))
            .collect();
        if !carried.is_empty() {
            if let Some(callee) = self.self_method(call).filter(|id| self.with_body(*id)) {
                for (index, start) in carried {
                    self.hand_to(callee, index, start);
                }
            }
        }
        // `spawn(self.run(rx))` on a value the program knows is rare enough;
        // other method calls' arguments are followed into closures only.
        visit::visit_expr_method_call(self, call);
    }

    fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
        let carries = call.args.iter().any(|arg| self.carried(arg).is_some());
        if let (true, Expr::Path(func)) = (carries, &*call.func) {
            if let Some(callee) = self
                .path_callee(&func.path)
                .filter(|id| self.with_body(*id))
            {
                let has_self = self.program().function(callee).receiver.is_some();
                for (index, arg) in call.args.iter().enumerate() {
                    if let Some(start) = self.carried(arg) {
                        // `Type::method(self_value, rx)`: the receiver is not a parameter.
                        if has_self && index == 0 {
                            continue;
                        }
                        let index = if has_self { index - 1 } else { index };
                        self.hand_to(callee, index, start);
                    }
                }
            }
        }
        visit::visit_expr_call(self, call);
    }

    fn visit_expr_struct(&mut self, literal: &'ast syn::ExprStruct) {
        let ty = if literal.path.is_ident("Self") {
            self.scope.self_ty.clone().unwrap_or_default()
        } else {
            let expr = crate::program::TyExpr::of_path(&literal.path);
            self.program().resolve_type(
                self.scope.module,
                &expr,
                &self.scope.generics,
                self.scope.self_ty.as_ref(),
            )
        };
        for field in &literal.fields {
            if let Some(start) = self.carried(&field.expr) {
                let member = match &field.member {
                    syn::Member::Named(ident) => crate::program::unraw(ident),
                    syn::Member::Unnamed(index) => index.index.to_string(),
                };
                self.store_in(&ty, member, start);
            }
        }
        visit::visit_expr_struct(self, literal);
    }

    fn visit_expr_assign(&mut self, assign: &'ast syn::ExprAssign) {
        if let Some(start) = self.carried(&assign.right) {
            match crate::syntax::self_field(&assign.left) {
                Some(member) => {
                    if let Some(self_ty) = self.scope.self_ty.clone() {
                        let member = match member {
                            syn::Member::Named(ident) => crate::program::unraw(ident),
                            syn::Member::Unnamed(index) => index.index.to_string(),
                        };
                        self.store_in(&self_ty, member, start);
                    }
                }
                None => {
                    if let Some(name) = crate::syntax::local_name(&assign.left) {
                        self.tracked.push((name.to_string(), start));
                    }
                }
            }
        }
        visit::visit_expr_assign(self, assign);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        let name = mac
            .path
            .segments
            .last()
            .map(|s| s.ident.to_string())
            .unwrap_or_default();
        if SELECTS.contains(&name.as_str()) {
            self.select(mac);
            return;
        }
        for arg in crate::syntax::macro_args(mac) {
            self.visit_expr(&arg);
        }
    }

    fn visit_item(&mut self, _: &'ast syn::Item) {
        // Items inside bodies are followed on their own.
    }
}

/// `while let Ok(newer) = rx.try_recv() { item = newer; }` inside a loop:
/// the body only moves the received value into a place the enclosing
/// loop's item lives in, so each pass keeps the newest item alone.
fn keeps_newest(pat: &Pat, body: &Block) -> bool {
    let names = bound_names(pat);
    let [name] = names.as_slice() else {
        return false;
    };
    let [stmt] = body.stmts.as_slice() else {
        return false;
    };
    let Stmt::Expr(Expr::Assign(assign), _) = stmt else {
        return false;
    };
    let value = match &*assign.right {
        Expr::Path(path) => path.path.get_ident(),
        _ => None,
    };
    value.is_some_and(|value| value == name) && crate::syntax::local_name(&assign.left).is_some()
}

/// `Arc::clone(&rx)`, `Rc::clone(&rx)`.
fn is_arc_clone(expr: &Expr) -> bool {
    match expr {
        Expr::Call(call) => match &*call.func {
            Expr::Path(path) => path
                .path
                .segments
                .last()
                .is_some_and(|s| s.ident == "clone"),
            _ => false,
        },
        _ => false,
    }
}

/// The names a pattern binds, leaving out `_name`s nobody reads.
fn bound_names(pat: &Pat) -> Vec<String> {
    let mut names = Vec::new();
    crate::syntax::pat_names(pat, &mut names);
    names.retain(|name| !name.starts_with('_'));
    if names.is_empty() && binds_variant(pat) {
        // `Some(Msg::Stop)`: a command matched in the pattern itself.
        names.push(String::new());
    }
    names
}

/// A pattern that matches an enum variant by path (`Msg::Stop`).
fn binds_variant(pat: &Pat) -> bool {
    struct Variant(bool);
    impl<'ast> Visit<'ast> for Variant {
        fn visit_path(&mut self, path: &'ast syn::Path) {
            self.0 |= path.segments.len() >= 2;
        }
    }
    let mut found = Variant(false);
    found.visit_pat(pat);
    found.0
}

/// Whether an arm (or a branch) always leaves: `=> break`, `=> return`.
fn arm_ends(body: &Expr) -> bool {
    diverges(body)
}

fn diverges(expr: &Expr) -> bool {
    match expr {
        Expr::Break(_) | Expr::Return(_) | Expr::Continue(_) => true,
        Expr::Block(block) => diverges_block(&block.block),
        Expr::Macro(mac) => mac
            .mac
            .path
            .segments
            .last()
            .is_some_and(|s| matches!(s.ident.to_string().as_str(), "panic" | "unreachable")),
        _ => false,
    }
}

fn diverges_block(block: &Block) -> bool {
    block.stmts.last().is_some_and(|stmt| match stmt {
        Stmt::Expr(expr, _) => diverges(expr),
        _ => false,
    })
}

/// A `match` that dispatches commands: two or more arms naming variants of
/// what was received (inside `Some(..)`/`Ok(..)`, not `Err(..)`).
fn is_dispatch(matching: &syn::ExprMatch) -> bool {
    matching
        .arms
        .iter()
        .filter(|arm| item_pattern(&arm.pat).is_some_and(binds_variant))
        .count()
        >= 2
}

/// The part of a pattern on a received value that matches the item:
/// `p` in `Some(p)` or `Ok(p)`; none for `None`, `Err(..)`; the whole
/// pattern otherwise.
fn item_pattern(pat: &Pat) -> Option<&Pat> {
    match pat {
        Pat::TupleStruct(tuple) => {
            let last = tuple.path.segments.last()?.ident.to_string();
            match last.as_str() {
                "Some" | "Ok" if tuple.elems.len() == 1 => tuple.elems.first(),
                "Err" => None,
                _ => Some(pat),
            }
        }
        Pat::Ident(binding) if binding.ident == "None" => None,
        Pat::Path(path) if path.path.is_ident("None") => None,
        Pat::Or(alternatives) => alternatives.cases.iter().find_map(item_pattern),
        other => Some(other),
    }
}

/// An arm that takes the received item and goes on: `Some(msg) => ..`,
/// `Ok(Cmd::Stop) => ..`; not `Ok(_) => break` (a stop signal) nor the
/// arms of errors and timeouts.
fn keeps_item(arm: &syn::Arm) -> bool {
    let Some(item) = item_pattern(&arm.pat) else {
        return false;
    };
    !bound_names(item).is_empty() && !arm_ends(&arm.body)
}

/// Whether `body` dispatches on one of `names`: matches it against the
/// variants of an enum, or hands it to a function of the program whose
/// parameter is a command enum.
fn dispatches_on(scope: &Scope<'_>, body: &Block, names: &[String]) -> bool {
    let mut found = Dispatch {
        scope,
        names,
        found: false,
    };
    found.visit_block(body);
    found.found
}

fn dispatches_in_expr(scope: &Scope<'_>, expr: &Expr, names: &[String]) -> bool {
    let mut found = Dispatch {
        scope,
        names,
        found: false,
    };
    found.visit_expr(expr);
    found.found
}

struct Dispatch<'a, 's, 'p> {
    scope: &'a Scope<'p>,
    names: &'s [String],
    found: bool,
}

impl Dispatch<'_, '_, '_> {
    fn names_one(&self, expr: &Expr) -> bool {
        crate::syntax::local_name(crate::syntax::root(expr))
            .is_some_and(|ident| self.names.iter().any(|name| ident == name))
    }

    fn enum_param(&self, callee: Option<FnId>, index: usize) -> bool {
        let Some(callee) = callee else { return false };
        let program = self.scope.program;
        program
            .function(callee)
            .params
            .get(index)
            .is_some_and(|(_, ty)| is_command_enum(program, ty))
    }
}

impl<'ast> Visit<'ast> for Dispatch<'_, '_, '_> {
    fn visit_expr_match(&mut self, node: &'ast syn::ExprMatch) {
        if self.names.iter().any(String::is_empty)
            || (self.names_one(&node.expr) && is_dispatch(node))
        {
            self.found = true;
        }
        visit::visit_expr_match(self, node);
    }

    fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
        if call.args.iter().any(|arg| self.names_one(arg)) {
            let program = self.scope.program;
            let is_self = matches!(&*call.receiver, Expr::Path(path) if path.path.is_ident("self"));
            let callee = is_self
                .then_some(self.scope.self_ty.as_ref())
                .flatten()
                .and_then(|ty| program.method(ty, &crate::program::unraw(&call.method)))
                .map(|method| method.id);
            let index = call
                .args
                .iter()
                .position(|arg| self.names_one(arg))
                .unwrap_or(0);
            self.found |= self.enum_param(callee, index);
        }
        visit::visit_expr_method_call(self, call);
    }

    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

/// An enum of the program with two or more variants: commands to dispatch.
pub fn is_command_enum(program: &Program, ty: &Ty) -> bool {
    let Some(path) = ty.strip_refs().path() else {
        return false;
    };
    program.type_def(path).is_some_and(|def| {
        def.kind == TypeKind::Enum && def.file.is_some() && enum_variants(program, path) >= 2
    })
}

fn enum_variants(program: &Program, path: &str) -> usize {
    let prefix = format!("{path}::");
    program
        .values
        .keys()
        .filter(|key| key.starts_with(&prefix) && !key[prefix.len()..].contains(':'))
        .count()
}

/// What a function's body does with the receivers it is given or owns:
/// its parameters that hold one, and the receiver fields of `self`.
#[derive(Debug, Clone, Default)]
pub struct BodyDrains {
    /// Parameters (by position after `self`) drained here.
    pub params: Vec<(usize, Drain)>,
    /// Parameters handed on.
    pub param_handoffs: Vec<(usize, Handoff)>,
    /// Fields of the type drained here, as `app::Worker.rx`.
    pub fields: Vec<(String, Drain)>,
}

/// Follows the receivers a function holds: receiver-typed parameters, and
/// `self`'s receiver-typed fields for a method. `None` when it holds none.
pub(crate) fn of_function(
    scope: &Scope<'_>,
    id: FnId,
    sig: &syn::Signature,
    body: &Block,
) -> Option<BodyDrains> {
    let program = scope.program;
    let def = program.function(id);
    let mut starts = Vec::new();
    let mut origins = Vec::new();
    let typed = sig.inputs.iter().filter_map(|input| match input {
        syn::FnArg::Typed(typed) => Some(typed),
        syn::FnArg::Receiver(_) => None,
    });
    for (index, (typed, (_, ty))) in typed.zip(&def.params).enumerate() {
        if !holds_receiver(program, ty) {
            continue;
        }
        let Some(name) = crate::syntax::binding(&typed.pat) else {
            continue;
        };
        starts.push(Start {
            place: name.to_string(),
            item: item_type(program, ty),
            channel: receiver_path(program, ty),
        });
        origins.push(Err(index));
    }
    if def.receiver.is_some() {
        if let Some(owner) = def
            .owner
            .as_deref()
            .and_then(|owner| program.type_def(owner))
        {
            if owner.file.is_some() {
                for (field, ty) in &owner.fields {
                    if holds_receiver(program, ty) {
                        starts.push(Start {
                            place: format!("self.{field}"),
                            item: item_type(program, ty),
                            channel: receiver_path(program, ty),
                        });
                        origins.push(Ok(format!("{}.{field}", owner.path)));
                    }
                }
            }
        }
    }
    if starts.is_empty() {
        return None;
    }
    // `Iterator::next`, `Stream::poll_next`: called once per item.
    let repeated = def.trait_.is_some() && matches!(def.name.as_str(), "next" | "poll_next");
    let mut follow = Follow::new(scope, def.path.clone(), starts, repeated);
    follow.stmts(&body.stmts);
    let mut drains = BodyDrains::default();
    for (origin, fate) in origins.into_iter().zip(follow.finish()) {
        match origin {
            Err(index) => {
                for drain in fate.drains {
                    let drain = Drain {
                        many: drain.many || fate.cloned,
                        ..drain
                    };
                    drains.params.push((index, drain));
                }
                for handoff in fate.handoffs {
                    drains.param_handoffs.push((index, handoff));
                }
            }
            Ok(place) => {
                for drain in fate.drains {
                    drains.fields.push((place.clone(), drain));
                }
            }
        }
    }
    Some(drains)
}
