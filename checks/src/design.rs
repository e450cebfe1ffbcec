//! The concurrency design of a crate, read from its syntax: which actors
//! exist (from `#[unmixed::actor]`), what they can be asked, and which
//! handlers wait on which other actors. The reviewer prints it as a map and
//! looks for cycles of waiting requests in it (ACTOR_CYCLIC_SEND across
//! actors, which no single macro can see).

use std::collections::{HashMap, HashSet};

use syn::visit::Visit;
use syn::{Expr, FnArg, Ident, ImplItem, Item, ItemImpl, Member, Pat, Type};

use crate::actors::{handlers, is_message};
use crate::declare::actor::{ActorDecl, Names};
use crate::declare::pool::PoolDecl;
use crate::declare::shared::SharedDecl;
use crate::declare::Given;
use crate::syntax::{local_name, root, self_field};
use crate::Location;

/// An actor declared with `#[unmixed::actor]`.
#[derive(Debug, Clone)]
pub struct ActorDesign {
    /// The state type.
    pub name: String,
    /// The mailbox bound as written (`16`, `MAILBOX`), or `None` for the default.
    pub mailbox: Option<String>,
    /// Message names, in declaration order.
    pub messages: Vec<String>,
    /// Awaited requests its handlers make to actors (possibly itself).
    pub requests: Vec<Request>,
    /// Where it is declared.
    pub location: Location,
}

/// A handler of one actor awaiting a request on some actor's handle.
#[derive(Debug, Clone)]
pub struct Request {
    /// The handler that waits.
    pub handler: String,
    /// Whose handle is called.
    pub target: Target,
    /// The handle method called (`get`, `try_get`, `tell_get`, `shutdown`).
    pub method: String,
    /// Whether the calling actor waits for it.
    pub kind: RequestKind,
    /// The awaited expression.
    pub location: Location,
    /// `#[unmixed::allow(ACTOR_CYCLIC_SEND, ..)]` is in force where it is
    /// made (on the handler, the actor's `impl`, a module or the file): a
    /// cycle through it is not reported.
    pub allowed: bool,
}

/// How a handler makes a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RequestKind {
    /// Awaited in the handler's own body: the calling actor waits for it.
    Waits,
    /// Awaited off the actor: in a `#[detached]` future or a spawned task.
    Detached,
    /// Queued without waiting for the result (`tell_*`, `try_tell_*`).
    Tell,
}

/// A worker pool declared with `#[unmixed::worker_pool]`.
#[derive(Debug, Clone)]
pub struct PoolDesign {
    /// The job function.
    pub name: String,
    /// `bounded`, as written; `None` when missing.
    pub bounded: Option<String>,
    /// `workers`, as written; `None` for the default.
    pub workers: Option<String>,
    /// `resource`, as written.
    pub resource: Option<String>,
    /// The resource's type name (`Db` for `resource = db::Db`).
    pub resource_type: Option<String>,
    /// `#[unmixed::allow(CONNECTION_POOL_NO_RESET, ..)]` sits on the pool.
    pub reset_allowed: bool,
    /// Where it is declared.
    pub location: Location,
}

/// A struct declared with `#[unmixed::shared_state]`.
#[derive(Debug, Clone)]
pub struct SharedDesign {
    /// The struct.
    pub name: String,
    /// Each field and how it is shared: `lock`, `rw lock`, `counter`, `snapshot`.
    pub fields: Vec<(String, &'static str)>,
    /// Where it is declared.
    pub location: Location,
}

/// Reads the pools and shared-state structs of a file.
pub fn pools_and_shared(file: &syn::File) -> (Vec<PoolDesign>, Vec<SharedDesign>) {
    let mut pools = Vec::new();
    let mut shared = Vec::new();
    collect_others(&file.items, &mut pools, &mut shared);
    (pools, shared)
}

fn collect_others(items: &[Item], pools: &mut Vec<PoolDesign>, shared: &mut Vec<SharedDesign>) {
    for item in items {
        match item {
            Item::Fn(function) => {
                if let Some(attr) = function
                    .attrs
                    .iter()
                    .find(|a| is_model_attr(a, "worker_pool"))
                {
                    let mut found = pool(
                        function.sig.ident.to_string(),
                        &PoolDecl::from_attribute(attr).0,
                        Location::of(&function.sig.ident),
                    );
                    found.reset_allowed = allows_no_reset(&function.attrs);
                    pools.push(found);
                }
            }
            Item::Struct(state) if state.attrs.iter().any(|a| is_model_attr(a, "shared_state")) => {
                shared.push(shared_design(state));
            }
            Item::Mod(module) => {
                let Some((_, inner)) = &module.content else {
                    continue;
                };
                if let Some(attr) = module
                    .attrs
                    .iter()
                    .find(|a| is_model_attr(a, "worker_pool"))
                {
                    let (decl, _) = PoolDecl::from_attribute(attr);
                    let job = decl.job_name().or_else(|| {
                        let job = decl.find_job(&module.ident, inner).ok()?;
                        Some(&job.sig.ident)
                    });
                    let name = job.map_or_else(
                        || module.ident.to_string(),
                        |job| format!("{}::{job}", module.ident),
                    );
                    let mut found = pool(name, &decl, Location::of(&module.ident));
                    found.reset_allowed = allows_no_reset(&module.attrs);
                    pools.push(found);
                } else if let Some(attr) = module
                    .attrs
                    .iter()
                    .find(|a| is_model_attr(a, "shared_state"))
                {
                    let (decl, _) = SharedDecl::from_attribute(attr);
                    if let Some(Ok(found)) = decl.find_state(&module.ident, inner) {
                        shared.push(shared_design(found));
                    }
                }
                collect_others(inner, pools, shared);
            }
            _ => {}
        }
    }
}

fn pool(name: String, decl: &PoolDecl, location: Location) -> PoolDesign {
    PoolDesign {
        name,
        bounded: decl.bounded.as_ref().and_then(Given::written),
        workers: decl.workers.as_ref().and_then(Given::written),
        resource: decl.resource.as_ref().and_then(Given::written),
        resource_type: decl.resource_type().and_then(type_name),
        reset_allowed: false,
        location,
    }
}

fn allows_no_reset(attrs: &[syn::Attribute]) -> bool {
    crate::allow::allowed_codes(attrs).any(|code| code == crate::Code::CONNECTION_POOL_NO_RESET)
}

/// The types a file implements `unmixed::Reset` for, by name.
pub fn reset_impls(file: &syn::File) -> Vec<String> {
    struct Impls(Vec<String>);
    impl<'ast> Visit<'ast> for Impls {
        fn visit_item_impl(&mut self, item: &'ast ItemImpl) {
            let resets = item
                .trait_
                .as_ref()
                .and_then(|(_, path, _)| path.segments.last())
                .is_some_and(|segment| segment.ident == "Reset");
            if resets {
                self.0.extend(type_name(&item.self_ty));
            }
            syn::visit::visit_item_impl(self, item);
        }
    }
    let mut impls = Impls(Vec::new());
    impls.visit_file(file);
    impls.0
}

fn shared_design(state: &syn::ItemStruct) -> SharedDesign {
    let fields = state
        .fields
        .iter()
        .enumerate()
        .map(|(index, field)| {
            let name = field
                .ident
                .as_ref()
                .map_or_else(|| index.to_string(), ToString::to_string);
            let marked = |wanted: &str| field.attrs.iter().any(|attr| attr.path().is_ident(wanted));
            let kind = if marked("counter") {
                "counter"
            } else if marked("snapshot") {
                "snapshot"
            } else if marked("rw") {
                "rw lock"
            } else {
                "lock"
            };
            (name, kind)
        })
        .collect();
    SharedDesign {
        name: state.ident.to_string(),
        fields,
        location: Location::of(&state.ident),
    }
}

/// The receiver of a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// The actor whose handle is called (the name before `Handle`).
    Actor(String),
    /// A field of the calling actor's state (`self.peer`) whose type is
    /// declared elsewhere; [`resolve`] turns it into an actor.
    Field(String),
}

impl Target {
    /// The actor, once resolved.
    pub fn actor(&self) -> Option<&str> {
        match self {
            Target::Actor(name) => Some(name),
            Target::Field(_) => None,
        }
    }
}

/// Reads the actors of a file. Requests made through fields of the state
/// are resolved when the struct is in the same file; [`resolve`] finishes
/// the job once every file of the crate has been read.
pub fn actors(file: &syn::File) -> Vec<ActorDesign> {
    let mut fields = FieldHandles::new();
    field_handles(file, &mut fields);
    let mut found = Vec::new();
    collect(&file.items, allows_cycles(&file.attrs), &mut found);
    resolve(&mut found, &fields);
    found
}

fn allows_cycles(attrs: &[syn::Attribute]) -> bool {
    crate::allow::allowed_codes(attrs).any(|code| code == crate::Code::ACTOR_CYCLIC_SEND)
}

/// Resolves requests made through state fields, with the structs of the whole crate.
pub fn resolve(actors: &mut [ActorDesign], fields: &FieldHandles) {
    for actor in actors {
        let Some(known) = fields.get(&actor.name) else {
            continue;
        };
        for request in &mut actor.requests {
            resolve_target(&mut request.target, known);
        }
    }
}

/// Turns a request through a field (`self.peer`) into a request to the
/// actor whose handle the field holds, when `fields` (the state's
/// field -> handle type) knows it.
pub fn resolve_target(target: &mut Target, fields: &HashMap<String, String>) {
    if let Target::Field(field) = target {
        if let Some(handle) = fields.get(field) {
            *target = actor_target(handle.clone());
        }
    }
}

/// Drops requests whose receiver turned out not to be a handle (`self.items.len()`).
pub fn drop_unresolved(actors: &mut [ActorDesign]) {
    for actor in actors {
        actor
            .requests
            .retain(|request| matches!(request.target, Target::Actor(_)));
    }
}

/// For each struct name: field name -> handle type name (`PeerHandle`).
pub type FieldHandles = HashMap<String, HashMap<String, String>>;

/// Collects, over a file, the struct fields whose type names a `...Handle`.
pub fn field_handles(file: &syn::File, into: &mut FieldHandles) {
    struct Structs<'a>(&'a mut FieldHandles);
    impl<'ast> Visit<'ast> for Structs<'_> {
        fn visit_item_struct(&mut self, item: &'ast syn::ItemStruct) {
            let fields: HashMap<String, String> = item
                .fields
                .iter()
                .enumerate()
                .filter_map(|(index, field)| {
                    let handle = handle_type(&field.ty)?;
                    let member = match &field.ident {
                        Some(ident) => ident.to_string(),
                        None => index.to_string(),
                    };
                    Some((member, handle))
                })
                .collect();
            if !fields.is_empty() {
                self.0.insert(item.ident.to_string(), fields);
            }
        }
    }
    Structs(into).visit_file(file);
}

/// The first `XHandle` a type names.
pub fn handle_type(ty: &Type) -> Option<String> {
    struct Find(Option<String>);
    impl<'ast> Visit<'ast> for Find {
        fn visit_path_segment(&mut self, segment: &'ast syn::PathSegment) {
            let name = segment.ident.to_string();
            if self.0.is_none() && Names::actor_of_handle(&name).is_some() {
                self.0 = Some(name);
            }
            syn::visit::visit_path_segment(self, segment);
        }
    }
    let mut find = Find(None);
    find.visit_type(ty);
    find.0
}

fn collect(items: &[Item], allowed: bool, found: &mut Vec<ActorDesign>) {
    for item in items {
        match item {
            Item::Impl(block) => {
                if let Some(attr) = block.attrs.iter().find(|attr| is_model_attr(attr, "actor")) {
                    found.extend(actor_from_impl(block, attr, allowed));
                }
            }
            Item::Mod(module) => {
                let Some((_, inner)) = &module.content else {
                    continue;
                };
                let allowed = allowed || allows_cycles(&module.attrs);
                if let Some(attr) = module
                    .attrs
                    .iter()
                    .find(|attr| is_model_attr(attr, "actor"))
                {
                    let (decl, _) = ActorDecl::from_attribute(attr);
                    let state = decl.find_state(&module.ident, inner).ok();
                    for item in inner {
                        if let Item::Impl(block) = item {
                            let own = state.is_some_and(|state| {
                                type_name(&block.self_ty).is_some_and(|name| state.ident == name)
                            });
                            if own && block.trait_.is_none() {
                                found.extend(actor_from_impl(block, attr, allowed));
                            }
                        }
                    }
                } else {
                    collect(inner, allowed, found);
                }
            }
            _ => {}
        }
    }
}

/// `#[unmixed::<name>]`, `#[unmixed::<name>(..)]`, or a bare `#[<name>]`.
pub fn is_model_attr(attr: &syn::Attribute, name: &str) -> bool {
    let segments: Vec<String> = attr
        .path()
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    match segments.as_slice() {
        [only] => only == name,
        [krate, last] => krate == "unmixed" && last == name,
        _ => false,
    }
}

fn type_name(ty: &Type) -> Option<String> {
    crate::syntax::type_name(ty).map(ToString::to_string)
}

fn actor_from_impl(block: &ItemImpl, attr: &syn::Attribute, allowed: bool) -> Option<ActorDesign> {
    let name = type_name(&block.self_ty)?;
    let allowed = allowed || allows_cycles(&block.attrs);
    let mut requests = Vec::new();
    for handler in handlers(block) {
        let mut calls = handle_calls(handler.method, handler.detached);
        if allowed || allows_cycles(&handler.method.attrs) {
            for call in &mut calls {
                call.allowed = true;
            }
        }
        requests.extend(calls);
    }
    let messages = block
        .items
        .iter()
        .filter_map(|item| match item {
            ImplItem::Fn(method) if is_message(method) => Some(method.sig.ident.to_string()),
            _ => None,
        })
        .collect();
    Some(ActorDesign {
        name,
        mailbox: ActorDecl::from_attribute(attr)
            .0
            .mailbox
            .as_ref()
            .and_then(Given::written),
        messages,
        requests,
        location: Location::of(&block.self_ty),
    })
}

/// Calls a handler makes on actor handles, and whether it waits for them.
fn handle_calls(method: &syn::ImplItemFn, detached: bool) -> Vec<Request> {
    let locals = handle_locals(method);
    let mut finder = RequestFinder {
        handler: method.sig.ident.to_string(),
        locals: &locals,
        // A detached handler's whole body hands its waiting to another task.
        deferred: usize::from(detached),
        awaited_here: HashSet::new(),
        found: Vec::new(),
    };
    finder.visit_block(&method.block);
    finder.found
}

/// Methods that reach the handle (`self.peer.as_ref().unwrap()`) rather
/// than send anything.
const ADAPTERS: &[&str] = &[
    "clone",
    "unwrap",
    "expect",
    "as_ref",
    "as_mut",
    "as_deref",
    "borrow",
    "deref",
    "take",
    "is_closed",
    "is_some",
    "is_none",
    "to_owned",
    "iter",
    "get",
    "cloned",
];

struct RequestFinder<'a> {
    handler: String,
    locals: &'a HashMap<Ident, Target>,
    deferred: usize,
    /// Calls awaited directly in the handler's own body.
    awaited_here: HashSet<*const syn::ExprMethodCall>,
    found: Vec<Request>,
}

impl<'ast> Visit<'ast> for RequestFinder<'_> {
    fn visit_expr(&mut self, expr: &'ast Expr) {
        match expr {
            Expr::Await(awaited) if self.deferred == 0 => {
                if let Expr::MethodCall(call) = &*awaited.base {
                    self.awaited_here.insert(call as *const _);
                }
            }
            Expr::MethodCall(call) => self.record(call),
            _ => {}
        }
        let deferred = matches!(expr, Expr::Closure(_) | Expr::Async(_));
        self.deferred += usize::from(deferred);
        syn::visit::visit_expr(self, expr);
        self.deferred -= usize::from(deferred);
    }
}

impl RequestFinder<'_> {
    fn record(&mut self, call: &syn::ExprMethodCall) {
        let receiver = root(&call.receiver);
        let target = local_name(receiver)
            .and_then(|name| self.locals.get(name).cloned())
            .or_else(|| self_field(receiver).map(field_target));
        let Some(target) = target else { return };
        let method = call.method.to_string();
        if ADAPTERS.contains(&method.as_str()) {
            return;
        }
        let kind = if method.starts_with("tell_") || method.starts_with("try_tell_") {
            RequestKind::Tell
        } else if self.awaited_here.contains(&(call as *const _)) {
            RequestKind::Waits
        } else {
            RequestKind::Detached
        };
        self.found.push(Request {
            handler: self.handler.clone(),
            target,
            method,
            kind,
            location: Location::of(call),
            allowed: false,
        });
    }
}

fn field_target(member: &Member) -> Target {
    Target::Field(match member {
        Member::Named(ident) => ident.to_string(),
        Member::Unnamed(index) => index.index.to_string(),
    })
}

fn actor_target(handle: String) -> Target {
    Target::Actor(
        Names::actor_of_handle(&handle)
            .unwrap_or(&handle)
            .to_owned(),
    )
}

/// Parameters and locals holding a handle, with whose handle it is.
fn handle_locals(method: &syn::ImplItemFn) -> HashMap<Ident, Target> {
    let mut names: HashMap<Ident, Target> = method
        .sig
        .inputs
        .iter()
        .filter_map(|input| match input {
            FnArg::Typed(typed) => Some((
                pat_ident(&typed.pat)?,
                actor_target(handle_type(&typed.ty)?),
            )),
            FnArg::Receiver(_) => None,
        })
        .collect();
    // `let` bindings and `if let` / `while let` patterns, with what they bind.
    let mut bindings: Vec<(Pat, Option<Expr>)> = Vec::new();
    struct Bindings<'a>(&'a mut Vec<(Pat, Option<Expr>)>);
    impl<'ast> Visit<'ast> for Bindings<'_> {
        fn visit_local(&mut self, local: &'ast syn::Local) {
            let init = local.init.as_ref().map(|init| (*init.expr).clone());
            self.0.push((local.pat.clone(), init));
            syn::visit::visit_local(self, local);
        }
        fn visit_expr_let(&mut self, binding: &'ast syn::ExprLet) {
            self.0
                .push(((*binding.pat).clone(), Some((*binding.expr).clone())));
            syn::visit::visit_expr_let(self, binding);
        }
    }
    Bindings(&mut bindings).visit_block(&method.block);
    for _ in 0..2 {
        for (pat, init) in &bindings {
            let Some(name) = pat_ident(pat) else {
                continue;
            };
            let typed = match pat {
                Pat::Type(typed) => handle_type(&typed.ty).map(actor_target),
                _ => None,
            };
            let from = init.as_ref().and_then(|init| {
                let source = root(init);
                local_name(source)
                    .and_then(|source| names.get(source).cloned())
                    .or_else(|| self_field(source).map(field_target))
            });
            if let Some(handle) = typed.or(from) {
                names.insert(name, handle);
            }
        }
    }
    names
}

fn pat_ident(pat: &Pat) -> Option<Ident> {
    match pat {
        Pat::Ident(_) | Pat::Type(_) => crate::syntax::binding(pat).cloned(),
        Pat::Reference(reference) => pat_ident(&reference.pat),
        // `Some(handle)`, `Ok(handle)`
        Pat::TupleStruct(wrapped) if wrapped.elems.len() == 1 => pat_ident(&wrapped.elems[0]),
        _ => None,
    }
}

/// Cycles of two or more actors waiting on each other, each listed once,
/// starting at the first actor by name. `requests(actor)` lists the actors
/// an actor waits on, with whatever the caller wants back for each edge. (An
/// actor waiting on itself is caught per actor, by the macro's own check.)
pub fn cycles<'a, E: Clone>(
    actors: &[&'a str],
    requests: impl Fn(&str) -> Vec<(&'a str, E)>,
) -> Vec<Vec<(&'a str, E)>> {
    let mut names = actors.to_vec();
    names.sort_unstable();
    names.dedup();
    let mut found = Vec::new();
    let mut seen: Vec<Vec<&str>> = Vec::new();
    for &start in &names {
        let mut path = Vec::new();
        extend(
            start, start, &names, &requests, &mut path, &mut found, &mut seen,
        );
    }
    found
}

/// How many actors a cycle may span before the search gives up on it.
const LONGEST_CYCLE: usize = 8;

fn extend<'a, E: Clone>(
    start: &'a str,
    at: &'a str,
    names: &[&'a str],
    requests: &impl Fn(&str) -> Vec<(&'a str, E)>,
    path: &mut Vec<(&'a str, E)>,
    found: &mut Vec<Vec<(&'a str, E)>>,
    seen: &mut Vec<Vec<&'a str>>,
) {
    for (target, edge) in requests(at) {
        let visited = path.iter().any(|(from, _)| *from == target);
        if target == at || !names.contains(&target) || (target != start && visited) {
            continue;
        }
        path.push((at, edge));
        if target == start {
            let mut members: Vec<&str> = path.iter().map(|(from, _)| *from).collect();
            members.sort_unstable();
            if !seen.contains(&members) {
                seen.push(members);
                found.push(path.clone());
            }
        } else if path.len() < LONGEST_CYCLE {
            extend(start, target, names, requests, path, found, seen);
        }
        path.pop();
    }
}
