//! The shapes by which hand-written code shows its model when it declares
//! none, known by what their paths resolve to: a loop that drains a
//! channel's receiver (a message loop: an actor's, or a worker's), and a
//! closure handed to a call marked `#[pool_job]` (a job on a pool of
//! identical workers). Review mode reads them; nothing here reports
//! anything.

use std::collections::HashMap;

use syn::visit::{self, Visit};
use syn::{Block, Expr, ExprMethodCall, Signature};

use crate::analysis::Unit;
use crate::facts::drains::{holds_receiver, item_type, DrainKind, Follow, Start};
use crate::facts::Facts;
use crate::flow::{Cx, Observer, Scope, Settings};
use crate::program::resolve::{Ns, Res};
use crate::program::{for_each_fn, ChannelKind, FnId, FnSyntax, Program, Ty, ValueDef};
use crate::{Location, Report};

/// The functions of one file, by body, with what resolving their code needs.
pub(crate) struct Bodies<'a> {
    pub program: &'a Program,
    pub facts: &'a Facts,
    pub settings: &'a Settings,
    fns: HashMap<*const Block, (FnId, &'a Signature)>,
}

impl<'a> Bodies<'a> {
    pub fn of_unit(
        program: &'a Program,
        facts: &'a Facts,
        settings: &'a Settings,
        unit: Unit<'a>,
    ) -> Self {
        let functions = program.file_functions(unit.file);
        let mut fns = HashMap::new();
        let mut ordinal = 0;
        for_each_fn(
            unit.items,
            unit.module,
            unit.is_test,
            &mut |function: FnSyntax<'a>, _: &crate::program::Scope<'a>| {
                if let (Some(body), Some(id)) = (function.body(), functions.get(ordinal)) {
                    fns.insert(body as *const Block, (*id, function.sig()));
                }
                ordinal += 1;
            },
        );
        Bodies {
            program,
            facts,
            settings,
            fns,
        }
    }

    /// The function whose body this is.
    pub fn function(&self, body: &Block) -> Option<(FnId, &'a Signature)> {
        self.fns.get(&(body as *const Block)).copied()
    }

    pub fn scope(&self, id: FnId) -> Scope<'a> {
        let def = self.program.function(id);
        Scope {
            program: self.program,
            module: def.module,
            self_ty: def
                .self_ty
                .clone()
                .or_else(|| def.trait_.as_ref().map(|_| Ty::param("Self"))),
            generics: def.generics.clone(),
            function: Some(id),
        }
    }

    /// What each method call of a function's body resolves to: the type
    /// the method was found on.
    pub fn resolved_calls(&self, body: &Block) -> Resolved {
        let Some((id, sig)) = self.function(body) else {
            return Resolved::default();
        };
        let scope = self.scope(id);
        let mut resolved = Resolved::default();
        let mut scratch = Report::new();
        crate::flow::run_fn_capturing(
            &scope,
            sig,
            body,
            self.facts,
            self.settings,
            &mut resolved,
            &mut scratch,
        );
        resolved
    }
}

/// Method calls and the types their methods were found on.
#[derive(Default)]
pub(crate) struct Resolved {
    pub calls: HashMap<*const ExprMethodCall, Ty>,
}

impl Observer for Resolved {
    fn method_resolved(&mut self, _cx: &mut Cx<'_>, call: &ExprMethodCall, found_on: &Ty) {
        self.calls.insert(call as *const _, found_on.clone());
    }
}

/// A loop that drains a channel's receiver.
pub(crate) struct MessageLoop<'a> {
    /// The loop's head.
    pub head: Location,
    /// What runs for each message.
    pub body: &'a Block,
    /// Whether it dispatches messages (an actor) or processes items (a worker).
    pub kind: DrainKind,
}

/// A closure handed to a pool of threads as a job.
pub(crate) struct PoolJob<'a> {
    /// The job itself.
    pub closure: &'a Expr,
}

/// The loops of a function body that drain a receiver: one the function
/// is given, one of `self`'s fields, or one it makes.
pub(crate) fn message_loops<'a>(bodies: &Bodies<'_>, body: &'a Block) -> Vec<MessageLoop<'a>> {
    let Some((id, sig)) = bodies.function(body) else {
        return Vec::new();
    };
    let program = bodies.program;
    let def = program.function(id);
    let scope = bodies.scope(id);
    let mut starts = Vec::new();
    let typed = sig.inputs.iter().filter_map(|input| match input {
        syn::FnArg::Typed(typed) => Some(typed),
        syn::FnArg::Receiver(_) => None,
    });
    for (typed, (_, ty)) in typed.zip(&def.params) {
        if let Some(name) =
            crate::syntax::binding(&typed.pat).filter(|_| holds_receiver(program, ty))
        {
            starts.push(Start {
                place: name.to_string(),
                item: item_type(program, ty),
                channel: None,
            });
        }
    }
    if def.receiver.is_some() {
        if let Some(owner) = def
            .owner
            .as_deref()
            .and_then(|owner| program.type_def(owner))
        {
            for (field, ty) in &owner.fields {
                if holds_receiver(program, ty) {
                    starts.push(Start {
                        place: format!("self.{field}"),
                        item: item_type(program, ty),
                        channel: None,
                    });
                }
            }
        }
    }
    starts.extend(made_receivers(&scope, body));
    if starts.is_empty() {
        return Vec::new();
    }
    let repeated = def.trait_.is_some() && matches!(def.name.as_str(), "next" | "poll_next");
    let mut follow = Follow::new(&scope, def.path.clone(), starts, repeated);
    follow.stmts(&body.stmts);
    let drains: Vec<(usize, DrainKind)> = follow
        .finish()
        .into_iter()
        .flat_map(|fate| fate.drains)
        .map(|drain| (drain.line, drain.kind))
        .collect();
    if drains.is_empty() {
        return Vec::new();
    }
    let mut loops = Loops(Vec::new());
    loops.visit_block(body);
    let mut found: Vec<MessageLoop<'a>> = Vec::new();
    for (line, kind) in drains {
        // The loop whose head is on the line, else the innermost around it.
        let at = loops
            .0
            .iter()
            .find(|(head, _, _)| head.start.start().line == line)
            .or_else(|| {
                loops
                    .0
                    .iter()
                    .filter(|(head, _, end)| head.start.start().line <= line && line <= *end)
                    .min_by_key(|(head, _, end)| end - head.start.start().line)
            });
        if let Some((head, block, _)) = at {
            if found
                .iter()
                .any(|known| known.head.start.start() == head.start.start())
            {
                continue;
            }
            found.push(MessageLoop {
                head: *head,
                body: block,
                kind,
            });
        }
    }
    found
}

/// Every loop of a body: its head, its body and the line it ends on.
struct Loops<'ast>(Vec<(Location, &'ast Block, usize)>);

impl<'ast> Visit<'ast> for Loops<'ast> {
    fn visit_expr_while(&mut self, node: &'ast syn::ExprWhile) {
        let head = Location {
            start: node.while_token.span,
            end: node.while_token.span,
        };
        self.0.push((
            head,
            &node.body,
            node.body.brace_token.span.close().end().line,
        ));
        visit::visit_expr_while(self, node);
    }
    fn visit_expr_loop(&mut self, node: &'ast syn::ExprLoop) {
        let head = Location::at(node.loop_token.span);
        self.0.push((
            head,
            &node.body,
            node.body.brace_token.span.close().end().line,
        ));
        visit::visit_expr_loop(self, node);
    }
    fn visit_expr_for_loop(&mut self, node: &'ast syn::ExprForLoop) {
        let head = Location::at(node.for_token.span);
        self.0.push((
            head,
            &node.body,
            node.body.brace_token.span.close().end().line,
        ));
        visit::visit_expr_for_loop(self, node);
    }
    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

/// The receivers a body makes: `let (tx, rx) = mpsc::channel(..)` with a
/// constructor that resolves to a channel (one slot channels left out).
fn made_receivers(scope: &Scope<'_>, body: &Block) -> Vec<Start> {
    struct Made<'s, 'p> {
        scope: &'s Scope<'p>,
        found: Vec<Start>,
    }
    impl<'ast> Visit<'ast> for Made<'_, '_> {
        fn visit_local(&mut self, local: &'ast syn::Local) {
            if let Some(init) = &local.init {
                if let Expr::Call(call) = &*init.expr {
                    if let Expr::Path(func) = &*call.func {
                        if is_channel(self.scope, &func.path) {
                            let pat = match &local.pat {
                                syn::Pat::Type(typed) => &*typed.pat,
                                other => other,
                            };
                            if let syn::Pat::Tuple(pair) = pat {
                                if let Some(name) =
                                    pair.elems.iter().nth(1).and_then(crate::syntax::binding)
                                {
                                    self.found.push(Start {
                                        place: name.to_string(),
                                        item: Ty::Unknown,
                                        channel: None,
                                    });
                                }
                            }
                        }
                    }
                }
            }
            visit::visit_local(self, local);
        }
        fn visit_item(&mut self, _: &'ast syn::Item) {}
    }
    let mut made = Made {
        scope,
        found: Vec::new(),
    };
    made.visit_block(body);
    made.found
}

fn is_channel(scope: &Scope<'_>, path: &syn::Path) -> bool {
    let program = scope.program;
    let Some(last) = path.segments.last() else {
        return false;
    };
    let names = &crate::known::marked_names().channels;
    if !crate::known::MarkedNames::may_be(
        program,
        scope.module,
        &crate::program::unraw(&last.ident),
        names,
    ) {
        return false;
    }
    match scope.resolve_path(path, Ns::Value) {
        Some(Res::Value(found)) => matches!(
            program.value(&found),
            Some(ValueDef::Fn(id)) if matches!(
                program.function(*id).marks.channel,
                Some(ChannelKind::Bounded | ChannelKind::Unbounded | ChannelKind::Broadcast)
            )
        ),
        _ => false,
    }
}

/// Jobs handed to a pool of identical workers: closures given to a call
/// that resolves to a function or method marked `#[pool_job]`
/// (`rayon::spawn`, `ThreadPool::execute`). `tokio::task::spawn_blocking`
/// and `thread::spawn` are not pools the code chose, and are left alone.
pub(crate) fn pool_jobs<'a>(bodies: &Bodies<'_>, body: &'a Block) -> Vec<PoolJob<'a>> {
    let Some((id, _)) = bodies.function(body) else {
        return Vec::new();
    };
    let scope = bodies.scope(id);
    struct Jobs<'b, 's, 'p, 'a> {
        bodies: &'b Bodies<'p>,
        scope: &'s Scope<'p>,
        resolved: Option<Resolved>,
        body: &'a Block,
        found: Vec<PoolJob<'a>>,
    }
    impl<'a> Jobs<'_, '_, '_, 'a> {
        fn closures(&mut self, args: &'a syn::punctuated::Punctuated<Expr, syn::Token![,]>) {
            let closures = args.iter().filter(|arg| matches!(arg, Expr::Closure(_)));
            self.found
                .extend(closures.map(|closure| PoolJob { closure }));
        }
    }
    impl<'a> Visit<'a> for Jobs<'_, '_, '_, 'a> {
        fn visit_expr_call(&mut self, call: &'a syn::ExprCall) {
            let named = match &*call.func {
                Expr::Path(func) => func.path.segments.last().is_some_and(|last| {
                    let name = crate::program::unraw(&last.ident);
                    let names = &crate::known::marked_names().pool_jobs;
                    crate::known::MarkedNames::may_be(
                        self.scope.program,
                        self.scope.module,
                        &name,
                        names,
                    )
                }),
                _ => false,
            };
            if let (true, Expr::Path(func)) = (named, &*call.func) {
                let program = self.scope.program;
                let job = match self.scope.resolve_path(&func.path, Ns::Value) {
                    Some(Res::Value(found)) => {
                        matches!(program.value(&found), Some(ValueDef::Fn(id)) if program.function(*id).marks.pool_job)
                    }
                    Some(Res::Assoc(ty, name)) => program
                        .associated(&Ty::named(&ty), &name)
                        .is_some_and(|method| method.marks.pool_job),
                    _ => false,
                };
                if job {
                    self.closures(&call.args);
                }
            }
            visit::visit_expr_call(self, call);
        }
        fn visit_expr_method_call(&mut self, call: &'a syn::ExprMethodCall) {
            let name = crate::program::unraw(&call.method);
            if crate::known::marked_names().pool_jobs.contains(&name)
                && call.args.iter().any(|arg| matches!(arg, Expr::Closure(_)))
            {
                let body = self.body;
                let resolved = self
                    .resolved
                    .get_or_insert_with(|| self.bodies.resolved_calls(body));
                let program = self.scope.program;
                let job = resolved
                    .calls
                    .get(&(call as *const _))
                    .and_then(|found_on| program.method(found_on, &name))
                    .is_some_and(|method| method.marks.pool_job);
                if job {
                    self.closures(&call.args);
                }
            }
            visit::visit_expr_method_call(self, call);
        }
        fn visit_item(&mut self, _: &'a syn::Item) {}
    }
    let mut jobs = Jobs {
        bodies,
        scope: &scope,
        resolved: None,
        body,
        found: Vec::new(),
    };
    jobs.visit_block(body);
    jobs.found
}
