//! MIXED_MODELS for shared state: message passing and worker pools in code
//! that declared the shared-memory model, and fields of a shared state that
//! already are a lock, an atomic or a channel.
//!
//! In a `#[shared_state]` module, catches: `#[unmixed::actor]` and
//! `#[unmixed::worker_pool]` items; actor spawns (`State { .. }.spawn()`,
//! `State::new(..).spawn()`, and the `spawn` functions of kameo, ractor,
//! actix, xtra and coerce); channel constructors (`mpsc::channel`,
//! `sync_channel`, `unbounded_channel`, `oneshot`/`broadcast`/`watch`
//! channels, `bounded`/`unbounded` of crossbeam-channel, flume,
//! async-channel and kanal); and thread pools (`ThreadPoolBuilder`,
//! `ThreadPool::new`).
//!
//! On the fields of a shared state, catches any lock (`Mutex`, `RwLock`,
//! ...), atomic (`AtomicU64`, `ArcSwap`, ...), concurrent map (`DashMap`)
//! or channel end (`Sender`, `Receiver`, ...) anywhere in the field's type:
//! the macro already gives each field its own lock, so these would lock
//! twice or mix a second model in.
//!
//! Leaves alone: `tokio::spawn`, `thread::spawn` and `spawn_blocking`,
//! which run code rather than declare a model; `Command::new(..).spawn()`;
//! `rayon`'s parallel iterators, which are data parallelism inside one
//! call; and channel *types* in function signatures of the module, where
//! the finding would repeat the one at the constructor.

use syn::{Expr, Fields, Item, Path, Type};

use crate::model::Declared;
use crate::syntax::{ends_with, segments, Position, Rule, Visitable, Walk};
use crate::{Code, Finding, Location, Report};

const CHANNEL_MODULES: &[&str] = &[
    "mpsc",
    "oneshot",
    "broadcast",
    "watch",
    "crossbeam_channel",
    "crossbeam",
    "channel",
    "flume",
    "async_channel",
    "kanal",
];

const CHANNEL_FUNCTIONS: &[&str] = &[
    "channel",
    "sync_channel",
    "unbounded_channel",
    "bounded",
    "unbounded",
    "bounded_async",
    "unbounded_async",
];

const ACTOR_CRATES: &[&str] = &["kameo", "ractor", "actix", "xtra", "coerce"];

const LOCK_TYPES: &[&str] = &[
    "Mutex",
    "RwLock",
    "ReentrantMutex",
    "FairMutex",
    "SpinMutex",
    "Condvar",
    "RefCell",
];

const ATOMIC_TYPES: &[&str] = &[
    "AtomicBool",
    "AtomicI8",
    "AtomicI16",
    "AtomicI32",
    "AtomicI64",
    "AtomicIsize",
    "AtomicU8",
    "AtomicU16",
    "AtomicU32",
    "AtomicU64",
    "AtomicUsize",
    "AtomicPtr",
    "AtomicCell",
    "ArcSwap",
    "ArcSwapOption",
    "DashMap",
    "DashSet",
];

const CHANNEL_TYPES: &[&str] = &[
    "Sender",
    "Receiver",
    "SyncSender",
    "UnboundedSender",
    "UnboundedReceiver",
    "WeakSender",
];

/// Reports message passing and worker pools inside shared-state code.
pub fn check<N: Visitable>(node: &N, declared: Declared<'_>, report: &mut Report) {
    let mut walk = Walk::new(Messaging { declared }, report);
    node.visit_with(&mut walk);
}

/// Reports fields of a shared state whose type is already a lock, an atomic
/// or a channel.
pub fn check_state_fields(fields: &Fields, declared: Declared<'_>, report: &mut Report) {
    for field in fields {
        report.allowing(&field.attrs, |report| {
            let Some((segment, what)) = primitive_in_type(&field.ty) else {
                return;
            };
            let name = field
                .ident
                .as_ref()
                .map_or_else(|| "this field".to_owned(), |ident| format!("field `{ident}`"));
            let (why, help) = match what {
                Primitive::Lock => (
                    format!("`{segment}` is a lock, and `#[unmixed::shared_state]` already gives {name} its own: every access would lock twice"),
                    format!("declare the value itself (`{}: T` instead of `Mutex<T>`); add `#[rw]` for a reader-writer lock", field_name(field)),
                ),
                Primitive::Atomic => (
                    format!("`{segment}` already is shared mutable memory, which {name} of shared state `{}` would wrap in a second lock", declared.name),
                    format!("declare the plain value: `#[counter] {}: u64` for an atomic integer, `#[snapshot] {}: T` for an `Arc` swapped whole", field_name(field), field_name(field)),
                ),
                Primitive::Channel => (
                    format!("`{segment}` is a channel end: messages are another concurrency model, mixed into shared state `{}`", declared.name),
                    "keep one model per subsystem: share the data itself here, or move the messaging into an `#[unmixed::actor]` whose handle is shared instead".to_owned(),
                ),
            };
            report.push(Finding::new(
                Code::MIXED_MODELS,
                Location::of(segment),
                why,
                help,
            ));
        });
    }
}

fn field_name(field: &syn::Field) -> String {
    field
        .ident
        .as_ref()
        .map_or_else(|| "field".to_owned(), ToString::to_string)
}

#[derive(Clone, Copy)]
enum Primitive {
    Lock,
    Atomic,
    Channel,
}

/// The first lock, atomic or channel named in `ty`.
fn primitive_in_type(ty: &Type) -> Option<(&syn::Ident, Primitive)> {
    use syn::visit::Visit;
    struct Find<'a> {
        found: Option<(&'a syn::Ident, Primitive)>,
    }
    impl<'a> Visit<'a> for Find<'a> {
        fn visit_path_segment(&mut self, segment: &'a syn::PathSegment) {
            if self.found.is_some() {
                return;
            }
            let name = segment.ident.to_string();
            let kind = if LOCK_TYPES.contains(&name.as_str()) {
                Some(Primitive::Lock)
            } else if ATOMIC_TYPES.contains(&name.as_str()) {
                Some(Primitive::Atomic)
            } else if CHANNEL_TYPES.contains(&name.as_str()) {
                Some(Primitive::Channel)
            } else {
                None
            };
            match kind {
                Some(kind) => self.found = Some((&segment.ident, kind)),
                None => syn::visit::visit_path_segment(self, segment),
            }
        }
    }
    let mut find = Find { found: None };
    find.visit_type(ty);
    find.found
}

struct Messaging<'a> {
    declared: Declared<'a>,
}

impl Messaging<'_> {
    fn push(&self, report: &mut Report, location: Location, what: String, help: &str) {
        report.push(Finding::new(
            Code::MIXED_MODELS,
            location,
            format!(
                "{what} inside shared state `{}`: this module declared shared memory, and mixing in a second model \
                 splits one subsystem's state between locks and messages",
                self.declared.name
            ),
            help,
        ));
    }
}

const CHANNEL_HELP: &str = "share the data through the module's locked state instead of sending it; \
                            if this part really is message passing, move it into its own `#[unmixed::actor]` outside this module";
const ACTOR_HELP: &str =
    "keep the actor outside this module and share its handle, or model this state with locks only";
const POOL_HELP: &str = "create the pool outside this module and pass jobs the data they need";

impl Rule for Messaging<'_> {
    fn expr(&mut self, expr: &Expr, _at: Position, report: &mut Report) {
        match expr {
            Expr::Call(call) => {
                let Expr::Path(func) = &*call.func else {
                    return;
                };
                let path = &func.path;
                if is_channel_constructor(path) {
                    self.push(
                        report,
                        Location::of(call),
                        format!("`{}` creates a channel", path_text(path)),
                        CHANNEL_HELP,
                    );
                } else if ends_with(path, &["spawn"])
                    && segments(path)
                        .next()
                        .is_some_and(|first| ACTOR_CRATES.iter().any(|name| first == name))
                {
                    self.push(
                        report,
                        Location::of(call),
                        format!("`{}` starts an actor", path_text(path)),
                        ACTOR_HELP,
                    );
                } else if ends_with(path, &["ThreadPool", "new"])
                    || ends_with(path, &["ThreadPoolBuilder", "new"])
                {
                    self.push(
                        report,
                        Location::of(call),
                        format!("`{}` creates a worker pool", path_text(path)),
                        POOL_HELP,
                    );
                }
            }
            Expr::MethodCall(call) => {
                let method = call.method.to_string();
                if (method == "spawn" && call.args.is_empty()
                    || method == "spawn_on" && call.args.len() == 1)
                    && builds_a_value(&call.receiver)
                {
                    let location = Location {
                        start: call.method.span(),
                        end: call.paren_token.span.close(),
                    };
                    self.push(
                        report,
                        location,
                        format!("`.{method}()` starts an actor"),
                        ACTOR_HELP,
                    );
                }
            }
            _ => {}
        }
    }

    fn item(&mut self, item: &Item, report: &mut Report) {
        let attrs = crate::syntax::item_attrs(item);
        for attr in attrs {
            let path = attr.path();
            let model = if ends_with(path, &["unmixed", "actor"]) || path.is_ident("actor") {
                "an actor"
            } else if ends_with(path, &["unmixed", "worker_pool"]) || path.is_ident("worker_pool") {
                "a worker pool"
            } else {
                continue;
            };
            let help = if model == "an actor" {
                ACTOR_HELP
            } else {
                POOL_HELP
            };
            self.push(
                report,
                Location::of(attr),
                format!("`#[{}]` declares {model}", path_text(path)),
                help,
            );
        }
    }
}

fn is_channel_constructor(path: &Path) -> bool {
    let mut idents = segments(path).rev();
    let Some(function) = idents.next() else {
        return false;
    };
    if !CHANNEL_FUNCTIONS.iter().any(|name| function == name) {
        return false;
    }
    match idents.next() {
        Some(module) => CHANNEL_MODULES.iter().any(|name| module == name),
        // A bare `sync_channel(..)` or `unbounded_channel()` is unambiguous;
        // a bare `channel()` or `bounded()` could be anything.
        None => function == "sync_channel" || function == "unbounded_channel",
    }
}

/// `State { .. }`, `State::new(..)` or `State::default()`: a value being
/// built right there, whose `.spawn()` starts it as an actor. Process and
/// thread builders are not actors.
fn builds_a_value(receiver: &Expr) -> bool {
    match receiver {
        Expr::Struct(_) => true,
        Expr::Paren(inner) => builds_a_value(&inner.expr),
        Expr::Call(call) => match &*call.func {
            Expr::Path(func) => {
                let mut idents = segments(&func.path).rev();
                let constructor = idents
                    .next()
                    .is_some_and(|name| name == "new" || name == "default");
                let ty = idents.next();
                constructor
                    && ty.is_some_and(|ty| {
                        ty != "Command"
                            && ty != "Builder"
                            && ty.to_string().starts_with(char::is_uppercase)
                    })
            }
            _ => false,
        },
        _ => false,
    }
}

fn path_text(path: &Path) -> String {
    segments(path)
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("::")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Model;
    use syn::parse_quote;

    const DECLARED: Declared<'static> = Declared {
        model: Model::SharedState,
        name: "cache",
    };

    fn run(file: syn::File) -> Vec<String> {
        let mut report = Report::new();
        check(&file, DECLARED, &mut report);
        report
            .into_findings()
            .into_iter()
            .map(|finding| finding.message)
            .collect()
    }

    #[test]
    fn channels_actors_and_pools_are_mixed_models() {
        let found = run(parse_quote! {
            fn f() {
                let (tx, rx) = tokio::sync::mpsc::channel::<u8>(8);
                let (a, b) = std::sync::mpsc::sync_channel::<u8>(1);
                let (c, d) = crossbeam_channel::bounded::<u8>(1);
                let handle = Counter { n: 0 }.spawn();
                let pool = rayon::ThreadPoolBuilder::new();
            }
        });
        assert_eq!(found.len(), 5, "{found:#?}");
        assert!(found[0].starts_with("`tokio::sync::mpsc::channel` creates a channel"));
        assert!(found[3].starts_with("`.spawn()` starts an actor"));
    }

    #[test]
    fn running_code_is_not_a_model() {
        let found = run(parse_quote! {
            fn f() {
                tokio::spawn(async {});
                std::thread::spawn(|| {});
                std::process::Command::new("ls").spawn();
                tokio::task::spawn_blocking(|| {});
                let x = channel();
                let v: Vec<u8> = items.par_iter().map(|x| x + 1).collect();
            }
        });
        assert!(found.is_empty(), "{found:#?}");
    }

    #[test]
    fn fields_that_already_share() {
        let fields: syn::FieldsNamed = parse_quote!({
            a: std::sync::Mutex<u8>,
            b: Arc<AtomicU64>,
            c: tokio::sync::mpsc::Sender<u8>,
            d: Vec<String>,
            e: Arc<HashMap<String, u8>>,
        });
        let mut report = Report::new();
        check_state_fields(&Fields::Named(fields), DECLARED, &mut report);
        let found: Vec<_> = report.into_findings();
        assert_eq!(found.len(), 3);
        assert!(found[0].message.contains("lock twice"));
        assert!(found[1].message.contains("`AtomicU64`"));
        assert!(found[2].message.contains("channel end"));
    }
}
