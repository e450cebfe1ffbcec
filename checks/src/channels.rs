//! UNBOUNDED_ACTOR_MAILBOX and UNBOUNDED_WORKER_QUEUE: a channel with no
//! capacity limit feeding an actor or workers.
//!
//! In code that declares a model (`#[unmixed::actor]`,
//! `#[unmixed::worker_pool]`), every unbounded channel made there is the
//! model's queue and is reported ([`check`]).
//!
//! In code that declares none, the reviewer ([`check_unit`]) reports a call
//! that resolves to a constructor marked `#[channel(unbounded)]` (tokio's
//! `unbounded_channel`, std's `mpsc::channel`, `unbounded` of
//! crossbeam-channel, flume, async-channel, kanal and futures) only where
//! its receiver is drained, and says where: by a loop in the same body or
//! in a closure or `async` block it hands on, by a function of the
//! program it is passed to, or by a method of the struct it is stored in
//! ([`crate::facts::drains`] follows it). The code says what the loop is:
//! UNBOUNDED_ACTOR_MAILBOX for one task that dispatches messages (matches a
//! command enum, or selects between the channel and other events),
//! UNBOUNDED_WORKER_QUEUE for workers that take items one after another
//! (several consumers, or one loop or iterator processing each item).
//!
//! Leaves alone: bounded constructors, `oneshot` and `watch` (one slot);
//! a receiver awaited once (a reply or a completion: bounded by whoever
//! waits for it); a receive in a loop whose value is dropped or that ends
//! the loop (`_ = shutdown.recv() => break`, a wake-up signal); and a
//! receiver whose fate is not known (returned, stored somewhere no method
//! drains, handed to a function outside the program); a drain that keeps
//! only the newest item (`while let Ok(newer) = rx.try_recv() { item =
//! newer }`: one value waits, not a backlog); and a queue whose senders
//! all stay in the body of the loop that drains it (a timer future or
//! request futures the loop polls itself, in its `select!`): they run
//! only when the loop lets them, so they cannot outrun it. The finding
//! sits at the constructor, where the bound belongs.

use syn::visit::Visit;
use syn::{Expr, ExprCall, Stmt};

use crate::analysis::Unit;
use crate::facts::drains::{Drain, DrainKind, Fate, Follow, Handoff, Start};
use crate::facts::Facts;
use crate::flow::Scope;
use crate::model::Declared;
use crate::program::resolve::{Ns, Res};
use crate::program::{ChannelKind, FnId, Program, ValueDef};
use crate::syntax::{ends_with, segments, Position, Rule, Visitable, Walk};
use crate::{Code, Finding, Location, Report};

const UNBOUNDED_CRATES: &[&str] = &[
    "crossbeam_channel",
    "crossbeam",
    "channel",
    "flume",
    "async_channel",
    "kanal",
    "mpsc",
];

/// Reports every unbounded channel made in `node`, as `code`. `declared`
/// names the model the code declares; `None` for code the reviewer reads
/// without a declaration.
pub fn check<N: Visitable>(
    node: &N,
    code: Code,
    declared: Option<Declared<'_>>,
    report: &mut Report,
) {
    let mut walk = Walk::new(Unbounded { code, declared }, report);
    node.visit_with(&mut walk);
}

/// Whether `call` makes a channel without a bound.
pub fn is_unbounded_channel(call: &ExprCall) -> bool {
    let Expr::Path(func) = &*call.func else {
        return false;
    };
    let path = &func.path;
    let no_args = call.args.is_empty();
    if ends_with(path, &["unbounded_channel"]) {
        return true;
    }
    if ends_with(path, &["unbounded"]) {
        let qualifier = segments(path).rev().nth(1);
        return match qualifier {
            Some(module) => UNBOUNDED_CRATES.iter().any(|name| module == name),
            None => no_args,
        };
    }
    // std's `mpsc::channel()` takes no capacity; tokio's takes one.
    no_args && ends_with(path, &["mpsc", "channel"])
}

struct Unbounded<'a> {
    code: Code,
    declared: Option<Declared<'a>>,
}

impl Rule for Unbounded<'_> {
    fn expr(&mut self, expr: &Expr, _at: Position, report: &mut Report) {
        let Expr::Call(call) = expr else { return };
        if !is_unbounded_channel(call) {
            return;
        }
        let queue = match self.code {
            Code::UNBOUNDED_ACTOR_MAILBOX => "a mailbox",
            _ => "a job queue",
        };
        let message = match self.declared {
            Some(Declared { model, name }) => format!(
                "this channel has no bound: as {queue} in {model} `{name}` it grows without limit whenever senders outrun the receiver"
            ),
            None => "this channel has no bound: whenever what feeds it outruns what drains it, \
                     the backlog grows until memory runs out"
                .to_owned(),
        };
        report.push(Finding::new(
            self.code,
            Location::of(call),
            message,
            "make it bounded and decide what a full queue does: \
             `tokio::sync::mpsc::channel(N)` makes senders wait (`send(..).await`) or fail fast (`try_send(..)`)",
        ));
    }
}

/// Reports the unbounded channels made in one file of a program whose
/// receivers are drained by workers or an actor. Items that declare a
/// model are left to that model's checks.
pub fn check_unit(program: &Program, facts: &Facts, unit: Unit<'_>, report: &mut Report) {
    crate::analysis::each_body(
        program,
        unit,
        report,
        &["actor", "worker_pool", "shared_state"],
        &mut |id, scope, body, report| {
            let mut constructors = Constructors {
                scope,
                facts,
                function: program.function(id).path.clone(),
                report,
            };
            constructors.visit_block(body);
        },
    );
}

/// Finds unbounded constructors in a body and follows their receivers
/// through the statements after them.
struct Constructors<'s, 'p, 'r> {
    scope: &'s Scope<'p>,
    facts: &'p Facts,
    function: String,
    report: &'r mut Report,
}

impl Constructors<'_, '_, '_> {
    /// Whether `expr` calls a constructor of unbounded channels.
    fn unbounded<'e>(&self, expr: &'e Expr) -> Option<&'e ExprCall> {
        let call = match expr {
            Expr::Call(call) => call,
            Expr::Try(attempt) => return self.unbounded(&attempt.expr),
            Expr::Paren(inner) => return self.unbounded(&inner.expr),
            _ => return None,
        };
        let Expr::Path(func) = &*call.func else {
            return None;
        };
        let program = self.scope.program;
        let last = crate::program::unraw(&func.path.segments.last()?.ident);
        let names = &crate::known::marked_names().unbounded_channels;
        if !crate::known::MarkedNames::may_be(program, self.scope.module, &last, names) {
            return None;
        }
        let found = self.scope.resolve_path(&func.path, Ns::Value)?;
        let Res::Value(found) = found else {
            return None;
        };
        let Some(ValueDef::Fn(id)) = program.value(&found) else {
            return None;
        };
        (program.function(*id).marks.channel == Some(ChannelKind::Unbounded)).then_some(call)
    }

    /// The item type of the channel, when the call names it (`::<T>`).
    fn item_type(&self, call: &ExprCall) -> crate::program::Ty {
        let Expr::Path(func) = &*call.func else {
            return crate::program::Ty::Unknown;
        };
        let Some(last) = func.path.segments.last() else {
            return crate::program::Ty::Unknown;
        };
        let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
            return crate::program::Ty::Unknown;
        };
        match args.args.first() {
            Some(syn::GenericArgument::Type(ty)) => self.scope.resolve_type(ty),
            _ => crate::program::Ty::Unknown,
        }
    }

    /// Follows the receiver a `let (tx, rx) = unbounded()` binds through
    /// the statements after it.
    fn follow(&mut self, call: &ExprCall, pat: &syn::Pat, rest: &[Stmt]) {
        let pat = match pat {
            syn::Pat::Type(typed) => &*typed.pat,
            other => other,
        };
        let syn::Pat::Tuple(pair) = pat else { return };
        let Some(receiver) = pair.elems.iter().nth(1).and_then(crate::syntax::binding) else {
            return;
        };
        let sender = pair.elems.first().and_then(crate::syntax::binding);
        if let Some(sender) = sender {
            if self.fed_by_callback(sender, rest) {
                return;
            }
        }
        let start = Start {
            place: receiver.to_string(),
            item: self.item_type(call),
            channel: None,
        };
        let mut follow = Follow::new(self.scope, self.function.clone(), vec![start], false);
        follow.stmts(rest);
        let Some(fate) = follow.finish().pop() else {
            return;
        };
        if let Some((drain, many)) = self.resolve(&fate) {
            let same_task = !many
                && drain.function == self.function
                && !drain.apart
                && sender.is_some_and(|sender| self.sends_stay_here(sender, rest));
            if !same_task {
                self.report(call, &drain, many);
            }
        }
    }

    /// Whether every send on the channel runs on the task of the loop that
    /// drains it: the sender, and every value made from it (a struct
    /// literal, a closure or an `async` block capturing it, a future of an
    /// `async fn` of the program given it, a collection it is pushed
    /// into), stays in local variables of this body; none is handed to a
    /// spawn, to a function outside the program, to a field or a channel,
    /// nor returned. The producers are then futures the loop itself polls
    /// (or code of the loop), which cannot run ahead of it.
    fn sends_stay_here(&self, sender: &syn::Ident, rest: &[Stmt]) -> bool {
        let mut local = Local {
            scope: self.scope,
            tainted: vec![sender.to_string()],
            grew: true,
            escapes: false,
        };
        // Each pass may taint a name that an earlier statement used.
        for _ in 0..4 {
            if !local.grew || local.escapes {
                break;
            }
            local.grew = false;
            for stmt in rest {
                local.visit_stmt(stmt);
            }
            // The value the body ends with is returned (a loop's is not).
            if let Some(Stmt::Expr(tail, None)) = rest.last() {
                let looped = matches!(tail, Expr::Loop(_) | Expr::While(_) | Expr::ForLoop(_));
                local.escapes |= !looped && local.mentions(tail);
            }
        }
        !local.escapes
    }

    /// Whether the sender is moved into a callback: a closure handed to a
    /// function outside the program that neither spawns it nor is known
    /// (a file watcher's, a C library's). Such a producer cannot wait for
    /// room, so the queue is unbounded on purpose.
    fn fed_by_callback(&self, sender: &syn::Ident, rest: &[Stmt]) -> bool {
        struct Callbacks<'s, 'p> {
            scope: &'s Scope<'p>,
            sender: &'s syn::Ident,
            found: bool,
        }
        impl Callbacks<'_, '_> {
            fn captures(&self, arg: &Expr) -> bool {
                struct Mentions<'i>(&'i syn::Ident, bool);
                impl<'ast> Visit<'ast> for Mentions<'_> {
                    fn visit_path(&mut self, path: &'ast syn::Path) {
                        self.1 |= path.is_ident(self.0);
                    }
                }
                let Expr::Closure(closure) = arg else {
                    return false;
                };
                let mut mentions = Mentions(self.sender, false);
                mentions.visit_expr(&closure.body);
                mentions.1
            }
        }
        impl<'ast> Visit<'ast> for Callbacks<'_, '_> {
            fn visit_expr_call(&mut self, call: &'ast ExprCall) {
                if call.args.iter().any(|arg| self.captures(arg)) {
                    if let Expr::Path(func) = &*call.func {
                        let program = self.scope.program;
                        let known = match self.scope.resolve_path(&func.path, Ns::Value) {
                            Some(Res::Value(found)) => match program.value(&found) {
                                Some(ValueDef::Fn(id)) => {
                                    let def = program.function(*id);
                                    def.body.is_some() || def.marks.spawns || def.marks.pool_job
                                }
                                _ => true,
                            },
                            Some(Res::Assoc(..)) | Some(Res::Type(_)) => true,
                            _ => false,
                        };
                        self.found |= !known;
                    }
                }
                syn::visit::visit_expr_call(self, call);
            }
            fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
                if call.args.iter().any(|arg| self.captures(arg)) {
                    let name = crate::program::unraw(&call.method);
                    let spawns = crate::known::marked_names().spawns.contains(&name);
                    let inline = matches!(
                        name.as_str(),
                        "map"
                            | "and_then"
                            | "for_each"
                            | "filter"
                            | "filter_map"
                            | "unwrap_or_else"
                            | "then"
                    );
                    let is_self =
                        matches!(&*call.receiver, Expr::Path(path) if path.path.is_ident("self"));
                    self.found |= !spawns && !inline && !is_self;
                }
                syn::visit::visit_expr_method_call(self, call);
            }
            fn visit_item(&mut self, _: &'ast syn::Item) {}
        }
        let mut callbacks = Callbacks {
            scope: self.scope,
            sender,
            found: false,
        };
        for stmt in rest {
            callbacks.visit_stmt(stmt);
        }
        callbacks.found
    }

    /// The drain a receiver's fate leads to, and whether several consumers
    /// share it. A loop that keeps only the newest item is no queue.
    fn resolve(&self, fate: &Fate) -> Option<(Drain, bool)> {
        if fate.drains.iter().any(|drain| drain.latest_only) {
            return None;
        }
        let mut found: Vec<(Drain, bool)> = fate
            .drains
            .iter()
            .map(|drain| (drain.clone(), drain.many))
            .collect();
        for handoff in &fate.handoffs {
            match handoff {
                Handoff::Arg {
                    callee,
                    index,
                    many,
                } => {
                    let drained = self.facts.get(*callee).and_then(|facts| {
                        facts
                            .drains_params
                            .iter()
                            .find(|(param, _)| param == index)
                            .map(|(_, drain)| drain.clone())
                    });
                    if let Some(drain) = drained {
                        let many = *many || drain.many;
                        found.push((drain, many));
                    }
                }
                Handoff::Field { place, many } => {
                    if let Some(drain) = self.facts.drained_field(place) {
                        found.push((drain.clone(), *many || drain.many));
                    }
                }
            }
        }
        let many = fate.cloned || found.len() > 1 || found.iter().any(|(_, many)| *many);
        let (first, _) = found.into_iter().next()?;
        Some((first, many))
    }

    fn report(&mut self, call: &ExprCall, drain: &Drain, many: bool) {
        let location = crate::flow::call_location(call);
        let here = drain.function == self.function;
        let place = match (here, drain.per_call) {
            (true, _) => format!("the loop at line {}", drain.line),
            (false, false) => format!(
                "the loop in `{}` (line {})",
                short(&drain.function),
                drain.line
            ),
            (false, true) => format!(
                "`{}`, which takes one item per call (line {})",
                short(&drain.function),
                drain.line
            ),
        };
        let (code, message, help) = if drain.kind == DrainKind::Actor && !many {
            (
                Code::UNBOUNDED_ACTOR_MAILBOX,
                format!(
                    "this channel has no bound, and it is the mailbox of an actor: {place} takes \
                     one message at a time, so whenever senders outrun it the mailbox grows until memory runs out"
                ),
                "make the mailbox bounded so senders wait for the actor: \
                 `let (tx, rx) = tokio::sync::mpsc::channel(N);` and `tx.send(msg).await` \
                 (or `tx.try_send(msg)` where the sender must not wait and may drop)",
            )
        } else {
            let who = if many {
                "the workers that drain it"
            } else {
                "the worker that drains it"
            };
            (
                Code::UNBOUNDED_WORKER_QUEUE,
                format!(
                    "this channel has no bound, and it feeds work to {place}: whenever producers outrun \
                     {who}, the backlog grows until memory runs out"
                ),
                "make the queue bounded so producers wait for the workers: \
                 `let (tx, rx) = crossbeam_channel::bounded(N);` (or `tokio::sync::mpsc::channel(N)` \
                 with `tx.send(job).await`), and decide what a full queue does",
            )
        };
        self.report
            .push(Finding::new(code, location, message, help));
    }
}

impl<'ast> Visit<'ast> for Constructors<'_, '_, '_> {
    fn visit_block(&mut self, block: &'ast syn::Block) {
        for (index, stmt) in block.stmts.iter().enumerate() {
            if let Stmt::Local(local) = stmt {
                if let Some(init) = &local.init {
                    if let Some(call) = self.unbounded(&init.expr) {
                        let depth = self.report.enter(&local.attrs);
                        self.follow(call, &local.pat, &block.stmts[index + 1..]);
                        self.report.leave(depth);
                    }
                }
            }
            self.visit_stmt(stmt);
        }
    }

    fn visit_expr(&mut self, expr: &'ast Expr) {
        let depth = self.report.enter(crate::syntax::expr_attrs(expr));
        syn::visit::visit_expr(self, expr);
        self.report.leave(depth);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        for arg in crate::syntax::macro_args(mac) {
            self.visit_expr(&arg);
        }
    }

    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

/// Follows a sender through the local variables of one body, for
/// [`Constructors::sends_stay_here`].
struct Local<'s, 'p> {
    scope: &'s Scope<'p>,
    /// Local names holding the sender or something made from it.
    tainted: Vec<String>,
    /// A name was added in this pass.
    grew: bool,
    /// The sender may reach another task.
    escapes: bool,
}

impl Local<'_, '_> {
    fn mentions(&self, expr: &Expr) -> bool {
        struct Mentions<'t> {
            tainted: &'t [String],
            found: bool,
        }
        impl<'ast> Visit<'ast> for Mentions<'_> {
            fn visit_path(&mut self, path: &'ast syn::Path) {
                if let Some(ident) = path.get_ident() {
                    self.found |= self.tainted.iter().any(|name| ident == name);
                }
            }
            fn visit_macro(&mut self, mac: &'ast syn::Macro) {
                for arg in crate::syntax::macro_args(mac) {
                    self.visit_expr(&arg);
                }
                for branch in crate::syntax::select_branches(mac) {
                    for expr in branch.future.iter().chain(&branch.handler) {
                        self.visit_expr(expr);
                    }
                }
            }
            fn visit_item(&mut self, _: &'ast syn::Item) {}
        }
        let mut found = Mentions {
            tainted: &self.tainted,
            found: false,
        };
        found.visit_expr(expr);
        found.found
    }

    fn taint(&mut self, name: String) {
        if !self.tainted.contains(&name) {
            self.tainted.push(name);
            self.grew = true;
        }
    }

    /// A local variable `expr` is rooted at (`futs` of `futs.push(..)`).
    fn local_root(expr: &Expr) -> Option<String> {
        let root = crate::syntax::root(expr);
        crate::syntax::local_name(root)
            .filter(|name| *name != "self")
            .map(ToString::to_string)
    }

    /// Whether a call resolves to an `async fn` of the program: its future
    /// holds what it is given until someone polls it.
    fn async_of_program(&self, callee: Option<FnId>) -> bool {
        callee.is_some_and(|id| {
            let def = self.scope.program.function(id);
            def.is_async && def.body.is_some() && !def.marks.spawns
        })
    }

    fn path_callee(&self, path: &syn::Path) -> Option<FnId> {
        let program = self.scope.program;
        match self.scope.resolve_path(path, Ns::Value)? {
            Res::Value(found) => match program.value(&found)? {
                ValueDef::Fn(id) => Some(*id),
                _ => None,
            },
            Res::Assoc(ty, name) => program
                .associated(&crate::program::Ty::named(&ty), &name)
                .map(|method| method.id),
            _ => None,
        }
    }
}

impl<'ast> Visit<'ast> for Local<'_, '_> {
    fn visit_local(&mut self, local: &'ast syn::Local) {
        if let Some(init) = &local.init {
            if self.mentions(&init.expr) {
                let mut names = Vec::new();
                crate::syntax::pat_names(&local.pat, &mut names);
                for name in names {
                    self.taint(name);
                }
            }
        }
        syn::visit::visit_local(self, local);
    }

    fn visit_expr_call(&mut self, call: &'ast ExprCall) {
        if call.args.iter().any(|arg| self.mentions(arg)) {
            let callee = match &*call.func {
                Expr::Path(func) => self.path_callee(&func.path),
                _ => None,
            };
            // An `async fn` of the program gives a future that the `let`
            // around it keeps; any other callee may keep the sender.
            if !self.async_of_program(callee) {
                self.escapes = true;
            }
        }
        syn::visit::visit_expr_call(self, call);
    }

    fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
        if call.args.iter().any(|arg| self.mentions(arg)) {
            let name = crate::program::unraw(&call.method);
            let hands_on = name.contains("spawn")
                || name.contains("send")
                || crate::known::marked_names().spawns.contains(&name);
            let on_self = matches!(&*call.receiver, Expr::Path(path) if path.path.is_ident("self"));
            let callee = on_self
                .then_some(self.scope.self_ty.as_ref())
                .flatten()
                .and_then(|ty| self.scope.program.method(ty, &name))
                .map(|method| method.id);
            match Self::local_root(&call.receiver) {
                Some(root) if !hands_on => self.taint(root),
                _ if !hands_on && self.async_of_program(callee) => {}
                _ => self.escapes = true,
            }
        }
        syn::visit::visit_expr_method_call(self, call);
    }

    fn visit_expr_assign(&mut self, assign: &'ast syn::ExprAssign) {
        if self.mentions(&assign.right) {
            match Self::local_root(&assign.left) {
                Some(root) => self.taint(root),
                None => self.escapes = true,
            }
        }
        syn::visit::visit_expr_assign(self, assign);
    }

    fn visit_expr_return(&mut self, node: &'ast syn::ExprReturn) {
        if node.expr.as_deref().is_some_and(|expr| self.mentions(expr)) {
            self.escapes = true;
        }
        syn::visit::visit_expr_return(self, node);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        for arg in crate::syntax::macro_args(mac) {
            self.visit_expr(&arg);
        }
        for branch in crate::syntax::select_branches(mac) {
            for expr in branch.future.iter().chain(&branch.handler) {
                self.visit_expr(expr);
            }
        }
    }

    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

/// `Worker::run` for `app::pool::Worker::run`.
fn short(path: &str) -> String {
    let parts: Vec<&str> = path.split("::").collect();
    let keep = parts.len().min(2);
    parts[parts.len() - keep..].join("::")
}

#[cfg(test)]
mod tests;
