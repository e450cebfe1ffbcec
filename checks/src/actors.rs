//! Checks on actor handlers: ACTOR_HOLDS_AWAIT_ON_SHARED and
//! ACTOR_CYCLIC_SEND. (MIXED_MODELS and UNBOUNDED_ACTOR_MAILBOX for actor
//! code come from [`crate::primitives`] and [`crate::channels`].)
//!
//! ACTOR_HOLDS_AWAIT_ON_SHARED catches an `.await` in the body of an `async`
//! handler: the actor loop is suspended inside the handler, so no other
//! message is handled until it resumes. Awaits inside closures and `async`
//! blocks that the handler hands elsewhere (`tokio::spawn(async move { .. })`)
//! are not the handler's own and are left alone, as are `#[detached]`
//! handlers, whose future runs on its own task.
//!
//! ACTOR_CYCLIC_SEND catches a handler awaiting a request (`m`, `try_m`,
//! `tell_m`, `shutdown`) on its own actor's handle: the reply can only come
//! from the loop that is busy running this very handler. A receiver counts
//! as the own handle when its type is visible and names the handle type: a
//! parameter, an annotated `let`, a `let` initialised from another such
//! value, or (with the module form, where the struct is visible) a field of
//! the state. Cycles through other actors need the whole crate and are the
//! reviewer's job; `try_tell_m`, which never waits, is not a cycle.
//!
//! For hand-written actors the reviewer runs [`check_unit`]: a loop that
//! drains a bounded mailbox (a field or parameter whose type is a channel's
//! receiver) and, in its own body or any function it calls (not in tasks it
//! spawns), awaits a send on a sender of the same channel type and message
//! type. The send is reported where it is written. Which channel a sender
//! feeds is not followed, so the check speaks only when the mailbox is the
//! only channel the send could be on: the message type is the program's
//! own and exactly one loop of the program drains channels of it. Pipes of
//! a shared type (`String`, bytes, a frame type several pumps pass around)
//! are left alone.

use std::collections::HashSet;

use syn::visit::Visit;
use syn::{
    Expr, FnArg, Ident, ImplItem, ImplItemFn, Item, ItemImpl, ItemMod, Member, Pat, Stmt, Type,
    Visibility,
};

use crate::declare::actor::Names;
use crate::syntax::{
    binding, local_name, root, self_field, type_mentions, type_name, Position, Rule, Walk,
};
use crate::{channels, primitives, Code, Declared, Finding, Location, Model, Report};

/// Runs every actor check on an `impl` block declared as an actor:
/// MIXED_MODELS, UNBOUNDED_ACTOR_MAILBOX and the handler checks. `fields`
/// are the state struct's, when the caller can see them (the reviewer can;
/// the macro on an `impl` block cannot).
pub fn check_impl(item: &ItemImpl, fields: Option<&syn::Fields>, report: &mut Report) {
    let Some(name) = self_type_name(&item.self_ty) else {
        return;
    };
    report.allowing(&item.attrs, |report| {
        let declared = Declared {
            model: Model::Actor,
            name: &name.to_string(),
        };
        primitives::check(item, declared, report);
        channels::check(item, Code::UNBOUNDED_ACTOR_MAILBOX, Some(declared), report);
        let handle = Names::new(&name).handle;
        let spec = ActorSpec {
            name: &name,
            handle: &handle,
            fields,
        };
        check_handlers(spec, &handlers(item), report);
    });
}

/// Runs every actor check on a module declared as an actor whose state is
/// the struct `state`: the whole module is actor code, struct fields included.
pub fn check_module(module: &ItemMod, state: &Ident, report: &mut Report) {
    let Some((_, items)) = &module.content else {
        return;
    };
    report.allowing(&module.attrs, |report| {
        let declared = Declared {
            model: Model::Actor,
            name: &state.to_string(),
        };
        primitives::check(module, declared, report);
        channels::check(
            module,
            Code::UNBOUNDED_ACTOR_MAILBOX,
            Some(declared),
            report,
        );
        let fields = items.iter().find_map(|item| match item {
            Item::Struct(found) if found.ident == *state => Some(&found.fields),
            _ => None,
        });
        let handle = Names::new(state).handle;
        let spec = ActorSpec {
            name: state,
            handle: &handle,
            fields,
        };
        for item in items {
            let Item::Impl(block) = item else { continue };
            let own = block.trait_.is_none()
                && self_type_name(&block.self_ty).is_some_and(|name| name == *state);
            if own {
                report.allowing(&block.attrs, |report| {
                    check_handlers(spec, &handlers(block), report);
                });
            }
        }
    });
}

/// The messages of an actor impl: `pub` methods taking `&self` or `&mut self`.
pub fn handlers(item: &ItemImpl) -> Vec<Handler<'_>> {
    item.items
        .iter()
        .filter_map(|item| match item {
            ImplItem::Fn(method) if is_message(method) => Some(Handler {
                method,
                detached: method.attrs.iter().any(is_detached),
            }),
            _ => None,
        })
        .collect()
}

/// Whether a method is a message: `pub` (any `pub(..)`), with a `&self` or
/// `&mut self` receiver.
pub fn is_message(method: &ImplItemFn) -> bool {
    !matches!(method.vis, Visibility::Inherited)
        && method
            .sig
            .receiver()
            .is_some_and(|receiver| receiver.reference.is_some() && receiver.colon_token.is_none())
}

/// `#[detached]` or `#[unmixed::detached]`.
pub fn is_detached(attr: &syn::Attribute) -> bool {
    let path = attr.path();
    path.is_ident("detached")
        || (path.segments.len() == 2
            && path.segments[0].ident == "unmixed"
            && path.segments[1].ident == "detached")
}

fn self_type_name(ty: &Type) -> Option<Ident> {
    type_name(ty).cloned()
}

/// What the checks need to know about an actor.
#[derive(Debug, Clone, Copy)]
pub struct ActorSpec<'a> {
    /// The state type (`Counter`).
    pub name: &'a Ident,
    /// The generated handle type (`CounterHandle`).
    pub handle: &'a Ident,
    /// The state struct's fields, when the struct is part of the checked code.
    pub fields: Option<&'a syn::Fields>,
}

/// One message handler.
#[derive(Debug, Clone, Copy)]
pub struct Handler<'a> {
    /// The method.
    pub method: &'a ImplItemFn,
    /// Marked `#[detached]`: its future runs on its own task.
    pub detached: bool,
}

/// Runs the handler checks over every handler of one actor.
pub fn check_handlers(spec: ActorSpec<'_>, handlers: &[Handler<'_>], report: &mut Report) {
    let messages: Vec<String> = handlers
        .iter()
        .map(|handler| handler.method.sig.ident.to_string())
        .collect();
    let handle_fields = spec
        .fields
        .map(|fields| handle_fields(fields, spec.handle))
        .unwrap_or_default();
    for handler in handlers {
        let method = handler.method;
        if handler.detached || method.sig.asyncness.is_none() {
            continue;
        }
        let handles = handle_bindings(method, spec.handle, &handle_fields);
        let awaits = Awaits {
            spec,
            handler: &method.sig.ident,
            messages: &messages,
            handles: &handles,
            handle_fields: &handle_fields,
            reported_hold: false,
        };
        report.allowing(&method.attrs, |report| {
            Walk::new(awaits, report).visit_block(&method.block);
        });
    }
}

struct Awaits<'a> {
    spec: ActorSpec<'a>,
    handler: &'a Ident,
    messages: &'a [String],
    handles: &'a HashSet<Ident>,
    handle_fields: &'a HashSet<Member>,
    reported_hold: bool,
}

impl Awaits<'_> {
    /// The message a request on the own handle targets, if `expr` is one.
    fn own_request(&self, expr: &Expr) -> Option<(String, String)> {
        let Expr::MethodCall(call) = expr else {
            return None;
        };
        let called = call.method.to_string();
        let target = ["try_", "tell_"]
            .iter()
            .find_map(|prefix| called.strip_prefix(prefix))
            .filter(|rest| self.messages.iter().any(|m| m == rest))
            .or_else(|| {
                self.messages
                    .iter()
                    .find(|m| **m == called)
                    .map(String::as_str)
            })
            .or_else(|| (called == "shutdown").then_some("shutdown"))?
            .to_owned();
        let receiver = root(&call.receiver);
        let own = local_name(receiver).is_some_and(|name| self.handles.contains(name))
            || self_field(receiver).is_some_and(|field| self.handle_fields.contains(field));
        own.then_some((called, target))
    }
}

impl Rule for Awaits<'_> {
    fn expr(&mut self, expr: &Expr, at: Position, report: &mut Report) {
        let Expr::Await(awaited) = expr else { return };
        if at.deferred > 0 {
            return;
        }
        let name = self.spec.name;
        let handler = self.handler;
        if let Some((called, target)) = self.own_request(&awaited.base) {
            let help = if target == "shutdown" {
                "an actor cannot wait for its own shutdown; return from the handler and let the caller shut it down".to_owned()
            } else {
                format!(
                    "use the state you already hold: call `self.{target}(..)` directly; \
                     to queue it for later without waiting, use `try_tell_{target}(..)`"
                )
            };
            let message = if called.starts_with("tell_") {
                format!(
                    "`{handler}` waits for room in its own actor's mailbox to send `{called}`: \
                     when the mailbox of `{name}` is full, only this actor could make room, and it is busy waiting"
                )
            } else {
                format!(
                    "`{handler}` waits on `{called}`, a request to its own actor `{name}`: \
                     the actor cannot take that request until `{handler}` returns, so neither finishes"
                )
            };
            report.push(Finding::new(
                Code::ACTOR_CYCLIC_SEND,
                Location::of(awaited),
                message,
                help,
            ));
            return;
        }
        if self.reported_hold || report.is_allowed(Code::ACTOR_HOLDS_AWAIT_ON_SHARED) {
            return;
        }
        self.reported_hold = true;
        report.push(Finding::new(
            Code::ACTOR_HOLDS_AWAIT_ON_SHARED,
            Location::of(awaited),
            format!(
                "`{handler}` holds `{name}` across this `.await`: every other message to the actor \
                 waits until it completes"
            ),
            format!(
                "do the state work now and let the wait run on its own task: \
                 `#[detached] pub fn {handler}(&mut self, ..) -> impl Future<Output = R> + Send + 'static \
                 {{ let input = /* read self */; async move {{ /* await here */ }} }}`; \
                 or, if the wait is short by design, keep it and record why with \
                 `#[unmixed::allow(ACTOR_HOLDS_AWAIT_ON_SHARED, reason = \"...\")]`"
            ),
        ));
    }
}

/// Fields of the state whose type names the handle.
fn handle_fields(fields: &syn::Fields, handle: &Ident) -> HashSet<Member> {
    fields
        .iter()
        .enumerate()
        .filter(|(_, field)| type_mentions(&field.ty, handle))
        .map(|(index, field)| match &field.ident {
            Some(ident) => Member::Named(ident.clone()),
            None => Member::Unnamed(index.into()),
        })
        .collect()
}

/// Parameters and locals that hold the actor's own handle.
fn handle_bindings(
    method: &ImplItemFn,
    handle: &Ident,
    handle_fields: &HashSet<Member>,
) -> HashSet<Ident> {
    let mut names: HashSet<Ident> = method
        .sig
        .inputs
        .iter()
        .filter_map(|input| match input {
            FnArg::Typed(typed) if type_mentions(&typed.ty, handle) => pat_ident(&typed.pat),
            _ => None,
        })
        .collect();
    let mut locals = Vec::new();
    collect_locals(&method.block, &mut locals);
    // A second pass catches `let b = a;` written before `a` was known.
    for _ in 0..2 {
        for local in &locals {
            let Some(name) = pat_ident(&local.pat) else {
                continue;
            };
            let typed = match &local.pat {
                Pat::Type(typed) => type_mentions(&typed.ty, handle),
                _ => false,
            };
            let from_handle = local.init.as_ref().is_some_and(|init| {
                let source = root(&init.expr);
                local_name(source).is_some_and(|source| names.contains(source))
                    || self_field(source).is_some_and(|field| handle_fields.contains(field))
            });
            if typed || from_handle {
                names.insert(name);
            }
        }
    }
    names
}

fn collect_locals(block: &syn::Block, into: &mut Vec<syn::Local>) {
    struct Locals<'a>(&'a mut Vec<syn::Local>);
    impl<'ast> Visit<'ast> for Locals<'_> {
        fn visit_stmt(&mut self, stmt: &'ast Stmt) {
            if let Stmt::Local(local) = stmt {
                self.0.push(local.clone());
            }
            syn::visit::visit_stmt(self, stmt);
        }
    }
    Locals(into).visit_block(block);
}

fn pat_ident(pat: &Pat) -> Option<Ident> {
    binding(pat).cloned()
}

/// ACTOR_CYCLIC_SEND for hand-written actors: a send awaited, directly or
/// through the functions a message loop calls, into the bounded mailbox
/// that very loop drains (same channel type, same message type). Once the
/// mailbox is full the loop waits for room that only it can make: the
/// actor is deadlocked on itself. Reported at the send; sends from spawned
/// tasks, `try_send`, unbounded mailboxes and channels whose identity the
/// item type does not settle (see [`crate::facts`]'s solver) are left alone.
pub fn check_unit(
    program: &crate::program::Program,
    facts: &crate::facts::Facts,
    unit: crate::analysis::Unit<'_>,
    report: &mut Report,
) {
    crate::analysis::each_body(
        program,
        unit,
        report,
        &["actor"],
        &mut |id, _scope, body, report| {
            let sends = facts.cyclic_sends(id);
            if sends.is_empty() {
                return;
            }
            struct Sends<'s, 'r> {
                sends: &'s [crate::facts::CyclicSend],
                report: &'r mut Report,
            }
            impl<'ast> syn::visit::Visit<'ast> for Sends<'_, '_> {
                fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
                    let at = call.method.span().start();
                    let send = self
                        .sends
                        .iter()
                        .find(|send| send.line == at.line && send.column == at.column);
                    if let Some(send) = send {
                        let function = send.loop_fn.rsplit("::").take(2).collect::<Vec<_>>();
                        let function = function.into_iter().rev().collect::<Vec<_>>().join("::");
                        self.report.push(Finding::new(
                        Code::ACTOR_CYCLIC_SEND,
                        crate::flow::method_location(call),
                        format!(
                            "this send waits for room in the mailbox of the loop in `{function}` (line {}), \
                             and that loop runs this code: once the mailbox is full, the actor waits on \
                             itself and never drains it",
                            send.loop_line
                        ),
                        "do not wait on your own mailbox from a handler: return what should happen next \
                         and let the loop do it (`let pings = ep.stayin_alive(); for p in pings { self.ping(p).await }`), \
                         or `try_send` and handle a full mailbox, or send from a task of its own \
                         (`tokio::spawn(async move { tx.send(msg).await })`)",
                    ));
                    }
                    syn::visit::visit_expr_method_call(self, call);
                }
                fn visit_macro(&mut self, mac: &'ast syn::Macro) {
                    for arg in crate::syntax::macro_args(mac) {
                        self.visit_expr(&arg);
                    }
                    let name = mac
                        .path
                        .segments
                        .last()
                        .map(|s| s.ident.to_string())
                        .unwrap_or_default();
                    if name != "select" && name != "select_biased" {
                        return;
                    }
                    for branch in crate::syntax::select_branches(mac) {
                        for expr in branch.future.iter().chain(&branch.handler) {
                            self.visit_expr(expr);
                        }
                    }
                }
                fn visit_item(&mut self, _: &'ast syn::Item) {}
            }
            let mut visit = Sends { sends, report };
            syn::visit::Visit::visit_block(&mut visit, body);
        },
    );
}
