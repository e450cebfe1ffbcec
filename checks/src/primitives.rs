//! MIXED_MODELS for actors and worker pools: shared-memory primitives in
//! code that declared a message-passing model (by name, for the macros,
//! which see one item: [`check`]) or that the reviewer inferred to be one
//! (by resolved path: [`resolved_uses`]).
//!
//! Catches, by name: lock types (`Mutex`, `RwLock`, `ReentrantMutex`,
//! `Condvar`, from std, parking_lot, tokio or anywhere), atomics
//! (`AtomicU64`, ..., `AtomicCell`), `ArcSwap` and `DashMap`; calls of
//! `.lock()` / `.try_lock()`; atomic operations (`fetch_add` and friends,
//! any call passing an `Ordering::*`); and `static mut`.
//!
//! Leaves alone: `stdout().lock()` and the other std stream locks, which
//! serialise output rather than share state; `RefCell` and `Cell`, which
//! cannot cross threads; `OnceLock`/`LazyLock`, which initialise once and
//! are then read-only; and the `use` lines that merely import a name.

use syn::{Expr, Item, Path};

use crate::model::{Declared, Model};
use crate::syntax::{segments, Position, Rule, Visitable, Walk};
use crate::{Code, Finding, Location, Report};

const LOCKS: &[&str] = &[
    "Mutex",
    "RwLock",
    "ReentrantMutex",
    "FairMutex",
    "Condvar",
    "SpinMutex",
];

const ATOMICS: &[&str] = &[
    "Atomic",
    "AtomicBool",
    "AtomicI8",
    "AtomicI16",
    "AtomicI32",
    "AtomicI64",
    "AtomicI128",
    "AtomicIsize",
    "AtomicU8",
    "AtomicU16",
    "AtomicU32",
    "AtomicU64",
    "AtomicU128",
    "AtomicUsize",
    "AtomicPtr",
    "AtomicCell",
    "ArcSwap",
    "ArcSwapOption",
];

const CONCURRENT_MAPS: &[&str] = &["DashMap", "DashSet"];

const ATOMIC_METHODS: &[&str] = &[
    "fetch_add",
    "fetch_sub",
    "fetch_and",
    "fetch_nand",
    "fetch_or",
    "fetch_xor",
    "fetch_max",
    "fetch_min",
    "fetch_update",
    "compare_exchange",
    "compare_exchange_weak",
];

const ORDERINGS: &[&str] = &["Relaxed", "Acquire", "Release", "AcqRel", "SeqCst"];

const STD_STREAMS: &[&str] = &["stdout", "stderr", "stdin"];

/// Reports every shared-memory primitive in `node`, code declared as `declared`.
pub fn check<N: Visitable>(node: &N, declared: Declared<'_>, report: &mut Report) {
    let rule = SharedMemory { declared };
    // `uses` honours the allows inside `node`; `report` those around it.
    for (location, what) in uses(node) {
        report.push(rule.finding(location, what));
    }
}

struct SharedMemory<'a> {
    declared: Declared<'a>,
}

impl SharedMemory<'_> {
    fn finding(&self, location: Location, what: String) -> Finding {
        let Declared { model, name } = self.declared;
        let (why, help) = match model {
            Model::Actor => (
                "an actor owns its state exclusively, so shared memory only adds a second way in",
                "keep the value as a plain field and change it through `&mut self`; \
                 if other threads must read it without sending a message, it belongs in \
                 `#[unmixed::shared_state]`, not in an actor",
            ),
            Model::WorkerPool => (
                "a pool's jobs own their data, and shared memory couples the workers behind the queue's back",
                "pass what the job needs as an argument and return what it produces; \
                 state every worker must see belongs in `#[unmixed::shared_state]` or an `#[unmixed::actor]`",
            ),
            Model::SharedState => ("", "keep one model per subsystem"),
        };
        Finding::new(
            Code::MIXED_MODELS,
            location,
            format!("{what} inside {model} `{name}`: {why}"),
            help,
        )
    }
}

/// One use of a shared-memory primitive: where, and what it is.
pub(crate) type Use = (Location, String);

/// The shared-memory primitives `node` uses, in source order, leaving out
/// those under `#[unmixed::allow(MIXED_MODELS, ..)]`.
pub(crate) fn uses<N: Visitable>(node: &N) -> Vec<Use> {
    struct Collect;
    impl Rule for Collect {
        fn path(&mut self, path: &Path, report: &mut Report) {
            for found in path_uses(path) {
                report.push(as_finding(found));
            }
        }
        fn expr(&mut self, expr: &Expr, _at: Position, report: &mut Report) {
            if let Some(found) = expr_use(expr) {
                report.push(as_finding(found));
            }
        }
        fn item(&mut self, item: &Item, report: &mut Report) {
            if let Some(found) = item_use(item) {
                report.push(as_finding(found));
            }
        }
    }
    // The report does the allow bookkeeping; its findings carry the uses.
    fn as_finding((location, what): Use) -> Finding {
        Finding::new(Code::MIXED_MODELS, location, what, "")
    }
    let mut report = Report::new();
    node.visit_with(&mut Walk::new(Collect, &mut report));
    report
        .into_findings()
        .into_iter()
        .map(|finding| (finding.location, finding.message))
        .collect()
}

/// The shared-memory primitives `node` uses, known by what their paths
/// resolve to in module `module`: types marked `#[lock(..)]`, `#[atomic]`
/// or `#[concurrent_map]` named in types or paths, method calls that
/// `calls` says were found on such a type, and `static mut`. Leaves out
/// those under `#[unmixed::allow(MIXED_MODELS, ..)]`.
pub(crate) fn resolved_uses<N: Visitable>(
    node: &N,
    program: &crate::program::Program,
    module: crate::program::ModId,
    calls: &std::collections::HashMap<*const syn::ExprMethodCall, crate::program::Ty>,
) -> Vec<Use> {
    use crate::program::resolve::{Ns, Res};
    use crate::program::TypeMark;
    struct Collect<'a> {
        program: &'a crate::program::Program,
        module: crate::program::ModId,
        calls: &'a std::collections::HashMap<*const syn::ExprMethodCall, crate::program::Ty>,
    }
    impl Collect<'_> {
        fn kind(&self, ty: &crate::program::Ty) -> Option<&'static str> {
            let marks = self.program.marks(ty);
            if marks
                .iter()
                .any(|m| matches!(m, TypeMark::SyncLock | TypeMark::AsyncLock))
            {
                Some("lock")
            } else if marks.contains(&TypeMark::Atomic) {
                Some("atomic")
            } else if marks.contains(&TypeMark::ConcurrentMap) {
                Some("map")
            } else {
                None
            }
        }
        fn type_at(&self, segments: &[String], global: bool) -> Option<crate::program::Ty> {
            match self
                .program
                .resolve_path(self.module, global, segments, Ns::Type)?
            {
                Res::Type(path) => Some(crate::program::Ty::named(&path)),
                _ => None,
            }
        }
    }
    impl Rule for Collect<'_> {
        fn path(&mut self, path: &Path, report: &mut Report) {
            // Only a type of a marked name (or renamed from one) can be marked.
            let names = &crate::known::marked_names().shared_types;
            let n = path.segments.len();
            let may = path
                .segments
                .iter()
                .skip(n.saturating_sub(2))
                .any(|segment| {
                    let name = crate::program::unraw(&segment.ident);
                    crate::known::MarkedNames::may_be(self.program, self.module, &name, names)
                });
            if !may {
                return;
            }
            let segments: Vec<String> = path
                .segments
                .iter()
                .map(|s| crate::program::unraw(&s.ident))
                .collect();
            let global = path.leading_colon.is_some();
            // `Mutex<T>` in a type, or `Mutex::new` in an expression.
            let named = self
                .type_at(&segments, global)
                .and_then(|ty| Some((self.kind(&ty)?, path.segments.len() - 1)))
                .or_else(|| {
                    let prefix = segments.len().checked_sub(1).filter(|n| *n > 0)?;
                    let ty = self.type_at(&segments[..prefix], global)?;
                    Some((self.kind(&ty)?, prefix - 1))
                });
            let Some((kind, index)) = named else { return };
            let segment = &path.segments[index];
            let name = segment.ident.to_string();
            let what = match kind {
                "lock" => format!("`{name}` is a shared-memory lock"),
                "atomic" => format!("`{name}` is shared mutable memory"),
                _ => format!("`{name}` is a lock-sharded shared map"),
            };
            report.push(as_finding((Location::of(segment), what)));
        }
        fn expr(&mut self, expr: &Expr, _at: Position, report: &mut Report) {
            let Expr::MethodCall(call) = expr else { return };
            let Some(found_on) = self.calls.get(&(call as *const _)) else {
                return;
            };
            let Some(kind) = self.kind(found_on) else {
                return;
            };
            let method = call.method.to_string();
            let what = match kind {
                "lock" => format!("`.{method}()` takes a shared-memory lock"),
                "atomic" => format!("`.{method}(..)` is an atomic operation on shared memory"),
                _ => format!("`.{method}(..)` reaches a lock-sharded shared map"),
            };
            let location = Location {
                start: call.method.span(),
                end: call.paren_token.span.close(),
            };
            report.push(as_finding((location, what)));
        }
        fn item(&mut self, item: &Item, report: &mut Report) {
            if let Some(found) = item_use(item) {
                report.push(as_finding(found));
            }
        }
    }
    fn as_finding((location, what): Use) -> Finding {
        Finding::new(Code::MIXED_MODELS, location, what, "")
    }
    let mut report = Report::new();
    let collect = Collect {
        program,
        module,
        calls,
    };
    node.visit_with(&mut Walk::new(collect, &mut report));
    report
        .into_findings()
        .into_iter()
        .map(|finding| (finding.location, finding.message))
        .collect()
}

/// Reports each of `uses` as MIXED_MODELS inside code declared (or
/// inferred) as `declared`.
pub(crate) fn report_uses(uses: Vec<Use>, declared: Declared<'_>, report: &mut Report) {
    let rule = SharedMemory { declared };
    for (location, what) in uses {
        report.push(rule.finding(location, what));
    }
}

fn path_uses(path: &Path) -> Vec<Use> {
    let mut found = Vec::new();
    for segment in &path.segments {
        let name = segment.ident.to_string();
        let what = if LOCKS.contains(&name.as_str()) {
            format!("`{name}` is a shared-memory lock")
        } else if ATOMICS.contains(&name.as_str()) {
            format!("`{name}` is shared mutable memory")
        } else if CONCURRENT_MAPS.contains(&name.as_str()) {
            format!("`{name}` is a lock-sharded shared map")
        } else {
            continue;
        };
        found.push((Location::of(segment), what));
    }
    found
}

fn expr_use(expr: &Expr) -> Option<Use> {
    let Expr::MethodCall(call) = expr else {
        return None;
    };
    let method = call.method.to_string();
    let what = if (method == "lock" || method == "try_lock") && !is_std_stream(&call.receiver) {
        format!("`.{method}()` takes a shared-memory lock")
    } else if ATOMIC_METHODS.contains(&method.as_str()) || call.args.iter().any(is_ordering) {
        format!("`.{method}(..)` is an atomic operation on shared memory")
    } else {
        return None;
    };
    let location = Location {
        start: call.method.span(),
        end: call.paren_token.span.close(),
    };
    Some((location, what))
}

fn item_use(item: &Item) -> Option<Use> {
    let Item::Static(global) = item else {
        return None;
    };
    let syn::StaticMutability::Mut(mutability) = &global.mutability else {
        return None;
    };
    let location = Location {
        start: global.static_token.span,
        end: mutability.span,
    };
    Some((location, "`static mut` is global shared memory".into()))
}

fn is_std_stream(receiver: &Expr) -> bool {
    match receiver {
        Expr::Call(call) => match &*call.func {
            Expr::Path(func) => segments(&func.path)
                .last()
                .is_some_and(|ident| STD_STREAMS.iter().any(|stream| ident == stream)),
            _ => false,
        },
        _ => false,
    }
}

fn is_ordering(arg: &Expr) -> bool {
    match arg {
        Expr::Path(path) => {
            let mut idents = segments(&path.path).rev();
            let last = idents.next();
            let is_variant = last.is_some_and(|ident| ORDERINGS.iter().any(|o| ident == o));
            is_variant
                && (path.path.segments.len() == 1 || idents.next().is_some_and(|i| i == "Ordering"))
        }
        _ => false,
    }
}
