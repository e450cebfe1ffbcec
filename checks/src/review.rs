//! Review mode: the checks over a whole file, annotated or not, as the
//! `cargo unmixed` reviewer runs them.
//!
//! Annotated items (`#[unmixed::actor]`, `#[unmixed::worker_pool]`,
//! `#[unmixed::shared_state]`) get the checks their macro runs. Every
//! function gets the shared-memory checks (LOCK_ACROSS_AWAIT, LOCK_WRAPS_IO,
//! CHECK_THEN_ACT_ON_LOCKED_MAP, LOCK_GUARDS_INDEPENDENT_STATE,
//! CAS_LOOP_FOR_COMMUTATIVE_OP, FETCH_UPDATE_AS_FAST_PATH), which need no
//! declared model. Code that declares none also gets:
//! - an unbounded channel whose receiver is drained by an actor-shaped loop
//!   is UNBOUNDED_ACTOR_MAILBOX, by workers UNBOUNDED_WORKER_QUEUE
//!   ([`channels::check_unit`]);
//! - an actor-shaped loop whose body takes locks or touches atomics is
//!   MIXED_MODELS: the loop already serialises its state; so is a job
//!   handed to a thread pool (`spawn_blocking`, `pool.execute`,
//!   `rayon::spawn`) that reaches into shared state instead of returning
//!   its result;
//! - printing a thread id is CONCURRENCY_DEBUG_VIA_PRINTLN;
//! - WRONG_MODEL_FOR_WORKLOAD: a lock around a lone integer or `bool` whose
//!   every use in the program an atomic does, and a `Mutex<HashMap<..>>`
//!   whose every use touches one key (judged on the facts of the whole
//!   program, [`crate::facts::guarded`]).

use syn::visit::Visit;
use syn::{ImplItemFn, Item, ItemFn, Macro};

use crate::analysis::Unit;
use crate::declare::{self, actor::ActorDecl, pool::PoolDecl};
use crate::design::is_model_attr;
use crate::facts::Facts;
use crate::program::{FileId, Program};
use crate::shapes::{message_loops, pool_jobs, Bodies};
use crate::syntax::{segments, Rule, Visitable, Walk};
use crate::{
    actors, atomics, channels, locks, messaging, mixing, pools, primitives, workload, Code,
    Declared, Finding, Location, Model, Report,
};

/// Reviews one parsed file on its own (outside any crate: its imports are
/// all the checks know of other files). To leave test code out, call
/// [`strip_tests`] first.
pub fn review(file: &syn::File) -> Vec<Finding> {
    review_with(file, &locks::Settings::default())
}

/// [`review`], with what a project's configuration tells the lock checks.
pub fn review_with(file: &syn::File, lock_settings: &locks::Settings) -> Vec<Finding> {
    let mut file = file.clone();
    crate::syntax::expand::expand_item_macros(&mut file.items);
    let (program, facts) = crate::analysis::standalone(&file.items, "crate", lock_settings);
    let unit = Unit {
        file: FileId(0),
        items: &file.items,
        attrs: &file.attrs,
        module: "crate",
        is_test: false,
    };
    review_unit(&program, &facts, lock_settings, unit)
}

/// Reviews one file of a program whose facts are known.
pub fn review_unit(
    program: &Program,
    facts: &Facts,
    lock_settings: &locks::Settings,
    unit: Unit<'_>,
) -> Vec<Finding> {
    let mut report = Report::new();
    let bodies = Bodies::of_unit(program, facts, lock_settings, unit);
    report.allowing(unit.attrs, |report| {
        review_items(&bodies, unit.module, Some("this file"), unit.items, report);
        // The shared-memory checks apply to every function, declared or not.
        locks::check_unit(program, facts, lock_settings, unit, report);
        channels::check_unit(program, facts, unit, report);
        mixing::check_unit(program, facts, lock_settings, unit, report);
        pools::check_unit(program, facts, unit, report);
        actors::check_unit(program, facts, unit, report);
        crate::independent::check_unit(program, facts, unit, report);
        for item in unit.items {
            atomics::check(item, report);
        }
        workload::check_unit(program, facts, unit, report);
    });
    let mut findings = report.into_findings();
    findings.sort_by_key(|finding| {
        let start = finding.location.start.start();
        (start.line, start.column)
    });
    findings
}

/// Reviews the items of one module and its nested modules in turn. `module`
/// names a module that declares no model, whose model is then inferred.
fn review_items(
    bodies: &Bodies<'_>,
    path: &str,
    module: Option<&str>,
    items: &[Item],
    report: &mut Report,
) {
    if let Some(name) = module {
        mixing::check_module(bodies, path, name, items, report);
    }
    for item in items {
        report.allowing(crate::syntax::item_attrs(item), |report| match item {
            Item::Impl(block) if block.attrs.iter().any(|a| is_model_attr(a, "actor")) => {
                if let Some(attr) = block.attrs.iter().find(|a| is_model_attr(a, "actor")) {
                    declare::actor::check(&ActorDecl::from_attribute(attr).0, report);
                }
                let fields = state_fields(items, &block.self_ty);
                actors::check_impl(block, fields, report);
            }
            Item::Mod(module) if module.attrs.iter().any(|a| is_model_attr(a, "actor")) => {
                let Some((_, inner)) = &module.content else {
                    return;
                };
                let attr = module.attrs.iter().find(|a| is_model_attr(a, "actor"));
                let Some((decl, _)) = attr.map(ActorDecl::from_attribute) else {
                    return;
                };
                declare::actor::check(&decl, report);
                if let Ok(state) = decl.find_state(&module.ident, inner) {
                    actors::check_module(module, &state.ident, report);
                }
            }
            Item::Mod(module) if module.attrs.iter().any(|a| is_model_attr(a, "worker_pool")) => {
                let Some((_, inner)) = &module.content else {
                    return;
                };
                let attr = module
                    .attrs
                    .iter()
                    .find(|a| is_model_attr(a, "worker_pool"));
                let Some(attr) = attr else { return };
                let (decl, _) = PoolDecl::from_attribute(attr);
                let job = decl.find_job(&module.ident, inner).ok();
                pools::check_module(module, job, &decl, report);
            }
            Item::Fn(function)
                if function
                    .attrs
                    .iter()
                    .any(|a| is_model_attr(a, "worker_pool")) =>
            {
                let Some(attr) = function
                    .attrs
                    .iter()
                    .find(|a| is_model_attr(a, "worker_pool"))
                else {
                    return;
                };
                pools::check_fn(function, &PoolDecl::from_attribute(attr).0, report);
            }
            Item::Mod(module)
                if module
                    .attrs
                    .iter()
                    .any(|a| is_model_attr(a, "shared_state")) =>
            {
                let name = module.ident.to_string();
                let declared = Declared {
                    model: Model::SharedState,
                    name: &name,
                };
                messaging::check(module, declared, report);
                if let Some((_, inner)) = &module.content {
                    // The module declares its model: nothing to infer.
                    let path = format!("{path}::{}", crate::program::unraw(&module.ident));
                    review_items(bodies, &path, None, inner, report);
                }
            }
            Item::Struct(state) if state.attrs.iter().any(|a| is_model_attr(a, "shared_state")) => {
                let name = state.ident.to_string();
                let declared = Declared {
                    model: Model::SharedState,
                    name: &name,
                };
                messaging::check_state_fields(&state.fields, declared, report);
            }
            Item::Mod(module) => {
                if let Some((_, inner)) = &module.content {
                    let name = format!("module `{}`", module.ident);
                    let path = format!("{path}::{}", crate::program::unraw(&module.ident));
                    review_items(bodies, &path, Some(&name), inner, report);
                }
            }
            Item::Fn(function) => function_body(bodies, &function.sig.ident, function, report),
            Item::Impl(block) => {
                for inner in &block.items {
                    if let syn::ImplItem::Fn(method) = inner {
                        report.allowing(&method.attrs, |report| {
                            function_body(bodies, &method.sig.ident, method, report);
                        });
                    }
                }
            }
            Item::Trait(definition) => {
                for inner in &definition.items {
                    if let syn::TraitItem::Fn(method) = inner {
                        if method.default.is_some() {
                            report.allowing(&method.attrs, |report| {
                                function_body(bodies, &method.sig.ident, method, report);
                            });
                        }
                    }
                }
            }
            _ => {}
        });
    }
}

/// The fields of the struct an `impl` block is for, when it is among `items`.
fn state_fields<'a>(items: &'a [Item], self_ty: &syn::Type) -> Option<&'a syn::Fields> {
    let syn::Type::Path(path) = self_ty else {
        return None;
    };
    let name = &path.path.segments.last()?.ident;
    items.iter().find_map(|item| match item {
        Item::Struct(found) if found.ident == *name => Some(&found.fields),
        _ => None,
    })
}

/// Removes test-only code (`#[cfg(test)]` modules, `#[test]` functions):
/// hazards in tests rarely reach users, and tests of concurrency primitives
/// use every hazard on purpose.
pub fn strip_tests(file: &mut syn::File) {
    strip_test_items(&mut file.items);
}

fn strip_test_items(items: &mut Vec<Item>) {
    items.retain(|item| !is_test_only(crate::syntax::item_attrs(item)));
    for item in items {
        match item {
            Item::Mod(module) => {
                if let Some((_, inner)) = &mut module.content {
                    strip_test_items(inner);
                }
            }
            Item::Impl(block) => block.items.retain(|inner| match inner {
                syn::ImplItem::Fn(method) => !is_test_only(&method.attrs),
                _ => true,
            }),
            _ => {}
        }
    }
}

/// `#[test]`, `#[tokio::test]`, `#[cfg(test)]` and the like.
fn is_test_only(attrs: &[syn::Attribute]) -> bool {
    crate::syntax::attrs::is_test_only(attrs)
}

/// The function-level checks for code that declares no model.
fn function_body<N: Visitable + Body>(
    bodies: &Bodies<'_>,
    name: &syn::Ident,
    function: &N,
    report: &mut Report,
) {
    let name = name.to_string();
    let body = function.body();
    let loops = message_loops(bodies, body);
    let jobs = pool_jobs(bodies, body);
    if !loops.is_empty() || !jobs.is_empty() {
        let resolved = bodies.resolved_calls(body);
        let module = bodies
            .function(body)
            .map(|(id, _)| bodies.program.function(id).module);
        if let Some(module) = module {
            for found in loops {
                // One loop draining work is one worker, not a pool: the
                // hazard is workers coupled behind the queue's back, which a
                // lone worker cannot be (measured on real applications, its
                // locks were configuration reads and bookkeeping).
                let (model, what) = match found.kind {
                    crate::facts::drains::DrainKind::Actor => (Model::Actor, "message loop"),
                    crate::facts::drains::DrainKind::Worker => continue,
                };
                // A loop in a method that borrows its value (`&self`) serves
                // one caller's request or one of several workers: it owns no
                // state for shared memory to give a second way into.
                let borrows_self = bodies
                    .function(body)
                    .and_then(|(_, sig)| sig.receiver())
                    .is_some_and(|receiver| !mixing::owns_self(receiver));
                if borrows_self {
                    continue;
                }
                // One finding per loop: its first shared use shows the mix.
                let mut uses =
                    primitives::resolved_uses(found.body, bodies.program, module, &resolved.calls);
                uses.truncate(1);
                if uses.is_empty() && found.kind == crate::facts::drains::DrainKind::Actor {
                    if let Some((id, sig)) = bodies.function(body) {
                        mixing::shared_state_of_actor(bodies.program, id, sig, found.head, report);
                    }
                }
                primitives::report_uses(
                    uses,
                    Declared {
                        model,
                        name: &format!("{name}'s {what}"),
                    },
                    report,
                );
            }
            for job in jobs {
                let mut uses =
                    primitives::resolved_uses(job.closure, bodies.program, module, &resolved.calls);
                uses.truncate(1);
                primitives::report_uses(
                    uses,
                    Declared {
                        model: Model::WorkerPool,
                        name: &format!("{name}'s pool job"),
                    },
                    report,
                );
            }
        }
    }
    Walk::new(ThreadIdPrints, report).visit_block(body);
}

/// Functions whose body the review reads.
pub(crate) trait Body {
    fn body(&self) -> &syn::Block;
}

impl Body for ItemFn {
    fn body(&self) -> &syn::Block {
        &self.block
    }
}

impl Body for ImplItemFn {
    fn body(&self) -> &syn::Block {
        &self.block
    }
}

impl Body for syn::TraitItemFn {
    fn body(&self) -> &syn::Block {
        self.default
            .as_ref()
            .expect("only called with a default body")
    }
}

impl Visitable for syn::TraitItemFn {
    fn visit_with<'ast, V: syn::visit::Visit<'ast>>(&'ast self, visitor: &mut V) {
        visitor.visit_trait_item_fn(self);
    }
}

struct ThreadIdPrints;

const PRINTS: &[&str] = &["println", "eprintln", "print", "eprint", "dbg"];

impl Rule for ThreadIdPrints {
    fn mac(&mut self, mac: &Macro, report: &mut Report) {
        print_of_thread_id(mac, report);
    }
}

fn print_of_thread_id(mac: &Macro, report: &mut Report) {
    let Some(name) = segments(&mac.path).last() else {
        return;
    };
    if !PRINTS.iter().any(|print| name == print) {
        return;
    }
    let text = mac.tokens.to_string().replace(' ', "");
    let prints_thread = text.contains("thread::current()")
        || text.contains("ThreadId")
        || text.contains("current().id()");
    if !prints_thread {
        return;
    }
    report.push(Finding::new(
        Code::CONCURRENCY_DEBUG_VIA_PRINTLN,
        Location::of(mac),
        format!(
            "`{name}!` of a thread id looks like a race being debugged by printing: \
             stdout is behind a lock and printing takes far longer than the race window, \
             so the print changes the interleaving it is meant to observe"
        ),
        "record events in memory (a per-thread `Vec`) and print them after the run, or use \
         `tracing` with a non-blocking subscriber; to find the race itself, use loom or a thread sanitizer",
    ));
}
