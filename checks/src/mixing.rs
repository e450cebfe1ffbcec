//! MIXED_MODELS for code that declares no model: its model is inferred
//! from what its paths resolve to, and code that both passes messages and
//! shares memory uses two.
//!
//! Message passing is shown by a message loop (a loop that drains a value
//! whose type is a channel's `#[receiver]`: a parameter, a field of `self`,
//! or one the function makes; [`crate::shapes::message_loops`]), a closure
//! handed to a call marked `#[pool_job]` (`rayon::spawn`,
//! `ThreadPool::execute`), or an item declared `#[unmixed::actor]` /
//! `#[unmixed::worker_pool]`. Shared memory is a type marked `#[lock(..)]`,
//! `#[atomic]` or `#[concurrent_map]` named in a type or a path, a method
//! call the flow resolves to one of those types, or `static mut`
//! ([`crate::primitives::resolved_uses`]).
//!
//! Four shapes are reported:
//! - shared memory inside a message loop or a pool job, where it is (the
//!   review's function checks);
//! - a loop that dispatches messages in a method of `T` that owns the value
//!   (`self`, `&mut self`), where a field of `T` is a lock, an atomic or a concurrent map behind an `Arc`
//!   ([`shared_state_of_actor`]): the actor's own state has a second way in
//!   (a lock the actor alone holds is only redundant, and left alone);
//! - a module that declares an actor or a pool and also shares memory
//!   elsewhere, at the first shared use (nested modules are judged on their
//!   own). Loops and jobs the review only infers do not make their module
//!   a mix: a module may run a worker loop and keep an unrelated counter
//!   (measured on real applications, that was most of what the module rule
//!   found);
//! - a lock held while the task waits on a channel ([`MessagingUnderLock`]):
//!   an awaited `send`/`recv` of a channel end with an async guard alive,
//!   or a blocking one with any guard alive, reported where the lock is
//!   taken. The state then travels both ways at once, and the task at the
//!   other end of the channel may need the same lock (the deadlock of a
//!   background loop streaming results under its locks).
//!
//! Leaves alone:
//! - actors together with worker pools: an actor is a task on a pool;
//! - a loop in a `&self` (or `self: Arc<Self>`) method beside a shared
//!   field of `Self`: the loop does not own the value (a per-call pump over
//!   channels of its own), so the type is not an actor;
//! - `tokio::task::spawn_blocking`, `thread::spawn` and `execute` on a type
//!   that is not a thread pool: they do not resolve to a `#[pool_job]`;
//! - traits that are merely named `Actor`, names that only look like
//!   primitives (a user type called `Mutex`), and
//!   `OnceLock`/`LazyLock`, `RefCell`, `Cell` and the std stream locks, which
//!   are not marked;
//! - `#[unmixed::shared_state]` items, whose module has chosen shared memory;
//! - a sync guard across an `.await` on a channel (LOCK_ACROSS_AWAIT's) and
//!   sends that never wait (an unbounded channel's).

use proc_macro2::LineColumn;
use syn::visit::{self, Visit};
use syn::{ImplItem, Item, TraitItem};

use crate::design::is_model_attr;
use crate::flow::{Cx, Effect, Flavor, GuardId, Observer, Site};
use crate::program::{IoKind, TypeMark};
use std::collections::HashMap;

use crate::shapes::{message_loops, pool_jobs, Bodies};
use crate::syntax::{local_name, root};
use crate::{primitives, Code, Finding, Location, Report};

/// How a module passes messages: the first sign of it, for the message.
struct Messaging {
    what: String,
    pool: bool,
}

/// Reports a module (`name`, its own `items`, at `path`) that passes
/// messages and also shares memory.
pub(crate) fn check_module(
    bodies: &Bodies<'_>,
    path: &str,
    name: &str,
    items: &[Item],
    report: &mut Report,
) {
    let Some(messaging) = messaging(items) else {
        return;
    };
    let Some(module) = bodies.program.module_at(path) else {
        return;
    };
    if items
        .iter()
        .any(|item| shares_inside_messaging(bodies, module, item))
    {
        return;
    }
    let private = LocalStatics::of(items);
    let none = HashMap::new();
    let mut shared = items
        .iter()
        .filter(|item| !declares_a_model(item) && !matches!(item, Item::Mod(_)))
        .flat_map(|item| primitives::resolved_uses(item, bodies.program, module, &none))
        .filter(|(location, _)| !private.contains(location));
    let Some((location, what)) = shared.next() else {
        return;
    };
    let more = shared.count();
    let also = match more {
        0 => String::new(),
        1 => " (and 1 more use)".into(),
        n => format!(" (and {n} more uses)"),
    };
    let fix_messaging = if messaging.pool {
        "let the jobs return what they produce through the pool"
    } else {
        "make the state the loop's own and reach it with a message"
    };
    report.push(Finding::new(
        Code::MIXED_MODELS,
        location,
        format!(
            "{name} uses two models: it passes messages ({}) and shares memory: {what}{also}",
            messaging.what
        ),
        format!(
            "keep one model per module: {fix_messaging}, or move the shared-memory code into \
             a module of its own (`#[unmixed::shared_state]` declares it)"
        ),
    ));
}

/// MIXED_MODELS for a hand-written actor whose own state is also shared: a
/// method of `T` runs a loop that dispatches messages (at `head`), and a
/// field of `T` is a lock, an atomic or a concurrent map (behind `Arc`,
/// `Option`, ...): the state the loop owns has a second way in.
///
/// Only a loop that owns the value makes `T` an actor: a method taking
/// `self`, `&mut self` or `Box<Self>`. A loop in a `&self` method (or one on
/// `Arc<Self>`) runs beside every other user of the value, like a per-call
/// pump over channels of its own; the type's fields are not its state.
pub(crate) fn shared_state_of_actor(
    program: &crate::program::Program,
    id: crate::program::FnId,
    sig: &syn::Signature,
    head: Location,
    report: &mut Report,
) {
    let def = program.function(id);
    if !sig.receiver().is_some_and(owns_self) {
        return;
    }
    let Some(owner) = def
        .owner
        .as_deref()
        .and_then(|owner| program.type_def(owner))
    else {
        return;
    };
    if owner.file.is_none() {
        return;
    }
    let shared = owner
        .fields
        .iter()
        .find_map(|(field, ty)| Some((field, shared_type(program, ty, 0, false)?)));
    let Some((field, kind)) = shared else { return };
    let name = owner.path.rsplit("::").next().unwrap_or(&owner.path);
    report.push(Finding::new(
        Code::MIXED_MODELS,
        head,
        format!(
            "this loop makes `{name}` an actor (it dispatches the messages it receives), yet its \
             field `{field}` is shared memory (`{kind}`): the state the loop owns has a second way \
             in that bypasses the mailbox"
        ),
        format!(
            "keep the value as a plain field the loop changes through `&mut self`, and answer \
             readers with a message (`Msg::Get(oneshot::Sender<..>)`); if other threads must read \
             it without a message, move `{field}` out of the actor into `#[unmixed::shared_state]`"
        ),
    ));
}

/// Whether a method's receiver gives it the value to itself: `self`,
/// `&mut self`, `self: Box<Self>`, `self: Pin<&mut Self>`; not `&self`,
/// `self: Arc<Self>` nor `self: Rc<Self>`.
pub(crate) fn owns_self(receiver: &syn::Receiver) -> bool {
    fn owning(ty: &syn::Type) -> bool {
        match ty {
            syn::Type::Reference(reference) => reference.mutability.is_some(),
            syn::Type::Paren(inner) => owning(&inner.elem),
            syn::Type::Path(path) => {
                let Some(last) = path.path.segments.last() else {
                    return false;
                };
                let inner = match &last.arguments {
                    syn::PathArguments::AngleBracketed(args) => {
                        args.args.iter().find_map(|arg| match arg {
                            syn::GenericArgument::Type(ty) => Some(ty),
                            _ => None,
                        })
                    }
                    _ => None,
                };
                match last.ident.to_string().as_str() {
                    "Arc" | "Rc" => false,
                    "Pin" => inner.is_some_and(owning),
                    _ => true,
                }
            }
            _ => false,
        }
    }
    match (&receiver.reference, receiver.colon_token) {
        (Some(_), _) => receiver.mutability.is_some(),
        (None, None) => true,
        (None, Some(_)) => owning(&receiver.ty),
    }
}

/// The marked type (lock, atomic, concurrent map) a field's type holds
/// behind an `Arc` (through std's other wrappers): a lock the actor alone
/// holds is only redundant, one behind a shared pointer is a second way in.
fn shared_type(
    program: &crate::program::Program,
    ty: &crate::program::Ty,
    depth: usize,
    behind_arc: bool,
) -> Option<String> {
    if depth > 3 {
        return None;
    }
    let ty = ty.strip_refs();
    let shared = program.marks(ty).iter().any(|mark| {
        matches!(
            mark,
            TypeMark::SyncLock | TypeMark::AsyncLock | TypeMark::Atomic | TypeMark::ConcurrentMap
        )
    });
    let path = ty.path()?;
    if shared {
        return behind_arc.then(|| path.rsplit("::").next().unwrap_or(path).to_owned());
    }
    let wrapper = program.type_def(path).is_none_or(|def| def.file.is_none());
    if !wrapper {
        return None;
    }
    let arc = behind_arc || path == "std::sync::Arc";
    ty.args()
        .iter()
        .find_map(|arg| shared_type(program, arg, depth + 1, arc))
}

/// The first item of the module that declares a message-passing model.
/// Loops and jobs the review infers are judged where they are (their own
/// uses, their owner's fields), not by what else their module holds: a
/// module may run a worker loop and keep an unrelated counter.
fn messaging(items: &[Item]) -> Option<Messaging> {
    items.iter().find_map(declared_messaging)
}

/// An item declared as an actor or a pool.
fn declared_messaging(item: &Item) -> Option<Messaging> {
    let (attrs, name) = match item {
        Item::Impl(block) => (&block.attrs, crate::syntax::type_name(&block.self_ty)?),
        Item::Mod(module) => (&module.attrs, &module.ident),
        Item::Fn(function) => (&function.attrs, &function.sig.ident),
        _ => return None,
    };
    if attrs.iter().any(|attr| is_model_attr(attr, "actor")) {
        Some(Messaging {
            what: format!("the actor `{name}`"),
            pool: false,
        })
    } else if attrs.iter().any(|attr| is_model_attr(attr, "worker_pool")) {
        Some(Messaging {
            what: format!("the worker pool `{name}`"),
            pool: true,
        })
    } else {
        None
    }
}

/// Items whose model is declared; their own checks cover what is inside.
fn declares_a_model(item: &Item) -> bool {
    let attrs = crate::syntax::item_attrs(item);
    ["actor", "worker_pool", "shared_state"]
        .iter()
        .any(|model| attrs.iter().any(|attr| is_model_attr(attr, model)))
}

/// Whether shared memory is used inside a declared actor or pool, or inside
/// one of the item's message loops or pool jobs: the review reports those
/// uses on their own.
fn shares_inside_messaging(
    bodies: &Bodies<'_>,
    module: crate::program::ModId,
    item: &Item,
) -> bool {
    let declared = crate::syntax::item_attrs(item)
        .iter()
        .any(|attr| is_model_attr(attr, "actor") || is_model_attr(attr, "worker_pool"));
    if declared {
        return !primitives::uses(item).is_empty();
    }
    item_bodies(item).into_iter().any(|(_, body)| {
        let loops = message_loops(bodies, body);
        let jobs = pool_jobs(bodies, body);
        if loops.is_empty() && jobs.is_empty() {
            return false;
        }
        let resolved = bodies.resolved_calls(body);
        loops.iter().any(|found| {
            !primitives::resolved_uses(found.body, bodies.program, module, &resolved.calls)
                .is_empty()
        }) || jobs.iter().any(|job| {
            !primitives::resolved_uses(job.closure, bodies.program, module, &resolved.calls)
                .is_empty()
        })
    })
}

/// Statics declared inside a function body, and the calls made on them:
/// private to that function (the usual way to hand out ids), so not state
/// the module's parts share.
struct LocalStatics(Vec<(LineColumn, LineColumn)>);

impl LocalStatics {
    fn of(items: &[Item]) -> Self {
        struct Find {
            names: Vec<syn::Ident>,
            ranges: Vec<(LineColumn, LineColumn)>,
        }
        impl<'ast> Visit<'ast> for Find {
            fn visit_block(&mut self, block: &'ast syn::Block) {
                for stmt in &block.stmts {
                    if let syn::Stmt::Item(Item::Static(local)) = stmt {
                        self.names.push(local.ident.clone());
                        self.ranges.push(range(local));
                    }
                }
                visit::visit_block(self, block);
            }
            fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
                let receiver = local_name(root(&call.receiver));
                if receiver.is_some_and(|name| self.names.contains(name)) {
                    self.ranges.push(range(call));
                }
                visit::visit_expr_method_call(self, call);
            }
        }
        let mut find = Find {
            names: Vec::new(),
            ranges: Vec::new(),
        };
        for item in items {
            find.visit_item(item);
        }
        LocalStatics(find.ranges)
    }

    fn contains(&self, location: &Location) -> bool {
        let at = location.start.start();
        self.0.iter().any(|(start, end)| *start <= at && at <= *end)
    }
}

fn range(node: &impl quote::ToTokens) -> (LineColumn, LineColumn) {
    let location = Location::of(node);
    (location.start.start(), location.end.end())
}

/// The function bodies an item holds, with the function's name.
fn item_bodies(item: &Item) -> Vec<(String, &syn::Block)> {
    match item {
        Item::Fn(function) => vec![(function.sig.ident.to_string(), &*function.block)],
        Item::Impl(block) => block
            .items
            .iter()
            .filter_map(|inner| match inner {
                ImplItem::Fn(method) => Some((method.sig.ident.to_string(), &method.block)),
                _ => None,
            })
            .collect(),
        Item::Trait(definition) => definition
            .items
            .iter()
            .filter_map(|inner| match inner {
                TraitItem::Fn(method) => {
                    Some((method.sig.ident.to_string(), method.default.as_ref()?))
                }
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// MIXED_MODELS where one task holds a lock while it waits on a channel:
/// the same state is shared through the lock and passed through messages
/// at once, and whoever the channel waits for (a receiver that must make
/// room, a sender that must produce) may need that very lock: the
/// shape of the deadlock between a background loop that streams results
/// under its locks and the request handlers that take them.
///
/// The wait is known by what it resolves to: an awaited `send` or `recv`
/// of a channel end (`#[sender]`, `#[receiver]`) while an async guard is
/// alive, or a blocking one while any guard is alive. A sync guard across
/// an `.await` is LOCK_ACROSS_AWAIT's; a send that never waits (an
/// unbounded channel's) is left alone, and so is a lock around the channel
/// end itself (directly, in an `Option`, or in a field of the program's
/// own struct; a collection of senders is bookkeeping and still counts).
/// Reported once per guard, where the lock is taken.
#[derive(Default)]
pub(crate) struct MessagingUnderLock;

impl MessagingUnderLock {
    fn wait(cx: &mut Cx<'_>, site: Site, effect: &Effect, live: &[GuardId], awaited: bool) {
        if effect.kind != IoKind::Wait || cx.report.is_allowed(Code::MIXED_MODELS) {
            return;
        }
        let Some(end) = channel_end(cx.program, &effect.api) else {
            return;
        };
        let held = live.iter().copied().find(|id| {
            let guard = &cx.guards[*id];
            let kind_fits = if awaited {
                guard.flavor == Flavor::Async
            } else {
                guard.flavor != Flavor::Cell
            };
            // A lock around the channel end itself (a receiver kept in a
            // static, a sender in an `Option` slot) is how tasks take turns
            // at the channel: waiting on it is the lock's job.
            kind_fits
                && guard.taken_at.is_some()
                && !guard.reported.contains(&Code::MIXED_MODELS)
                && !cx.program.holds_channel_end(&guard.protects)
        });
        let Some(id) = held else { return };
        let guard = &mut cx.guards[id];
        guard.reported.push(Code::MIXED_MODELS);
        let holder = guard.describe();
        let location = guard
            .taken_at
            .expect("only guards with a place are reported");
        let line = site.location.start.start().line;
        let via = if effect.via.is_empty() {
            String::new()
        } else {
            format!(" (through {})", effect.path())
        };
        cx.report.push(Finding::new(
            Code::MIXED_MODELS,
            location,
            format!(
                "{holder} is held while this task waits on a channel's {end} at line {line}{via}: \
                 the state is shared through a lock and passed through messages at once, and the \
                 task on the other end of the channel may need the same lock"
            ),
            "keep one model: let one task own the state and reach it by messages \
             (`#[unmixed::actor]`), or release the lock before the channel waits: copy what the \
             message needs, `drop(guard);`, then `tx.send(msg).await`",
        ));
    }
}

/// `sender`/`receiver` when the API a wait resolved to is a channel end's
/// method (`tokio::sync::mpsc::Sender::send`).
fn channel_end(program: &crate::program::Program, api: &str) -> Option<&'static str> {
    let owner = api.rsplit_once("::").map(|(owner, _)| owner)?;
    let marks = program.type_def(owner)?.marks.as_slice();
    if marks.contains(&TypeMark::Sender) {
        Some("sender")
    } else if marks.contains(&TypeMark::Receiver) {
        Some("receiver")
    } else {
        None
    }
}

impl Observer for MessagingUnderLock {
    fn awaited(
        &mut self,
        cx: &mut Cx<'_>,
        site: Site,
        effect: Option<&Effect>,
        live: &[GuardId],
        _exempt: &[GuardId],
    ) {
        if let Some(effect) = effect {
            Self::wait(cx, site, effect, live, true);
        }
    }

    fn blocking(
        &mut self,
        cx: &mut Cx<'_>,
        site: Site,
        effect: &Effect,
        live: &[GuardId],
        _through: &[GuardId],
    ) {
        Self::wait(cx, site, effect, live, false);
    }
}

/// Runs [`MessagingUnderLock`] over the functions of one file that take locks.
pub(crate) fn check_unit(
    program: &crate::program::Program,
    facts: &crate::facts::Facts,
    settings: &crate::flow::Settings,
    unit: crate::analysis::Unit<'_>,
    report: &mut Report,
) {
    crate::analysis::observe(
        program,
        facts,
        settings,
        unit,
        report,
        // A guard alive at a wait: the body takes a lock and waits somewhere.
        |facts| facts.takes_locks && (facts.awaits || facts.blocks.is_some()),
        MessagingUnderLock::default,
    );
}

#[cfg(test)]
mod tests;
