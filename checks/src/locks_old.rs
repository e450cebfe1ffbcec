//! LOCK_ACROSS_AWAIT, LOCK_WRAPS_IO and (with [`crate::maps`])
//! CHECK_THEN_ACT_ON_LOCKED_MAP: what a guard is alive across. Plus
//! LOCK_GUARDS_INDEPENDENT_STATE, which looks at how a module's functions
//! use one lock ([`check_independent_state`]).
//!
//! Every function body, closure and `async` block is followed statement by
//! statement, tracking which guards are alive the way rustc drops them:
//!
//! - A guard is what `.lock()`, `.read()`, `.write()`, `.try_lock()`,
//!   `.try_read()`, `.try_write()`, `.upgradable_read()`,
//!   `.read_recursive()` return (through `.unwrap()`, `.expect(..)`,
//!   `.unwrap_or_else(..)` and `?`), a `RefCell` borrow of a cell whose type
//!   is visible, a mapped, downgraded or upgraded guard (`MutexGuard::map`,
//!   `RwLockUpgradableReadGuard::upgrade`, `Ref::map`, ...), a `let` typed as a
//!   guard, and the result of a function of the checked code that returns a
//!   guard type.
//! - It stays alive while bound (also inside `Some(g)`, a tuple, a struct
//!   literal or an array), as a temporary until the end of its statement,
//!   through a whole `match` or `for`, through the body of an `if let` or
//!   `while let` whose scrutinee holds it, and for the lifetime of a `let`
//!   that borrows from it (`let x = &m.lock().unwrap().field;`). Shadowing
//!   does not end it.
//! - It ends at the end of its block, at `drop(g)` / `mem::drop(g)`, when it
//!   is moved away (passed by value, returned), when its variable is
//!   reassigned, in `let _ = ..`, and after an `if` condition or the left
//!   side of `&&`/`||` that made it.
//! - Branches are merged (a guard dropped on one path only is still alive
//!   after the `if`); paths that return, break or panic do not count; loop
//!   bodies run twice so that a guard taken at the end of one iteration is
//!   seen at the start of the next.
//!
//! LOCK_ACROSS_AWAIT fires at an `.await` (or a `select!`/`join!`) reached
//! while a synchronous guard or `RefCell` borrow is alive, once per guard.
//! Guards of async locks (`.lock().await`, `.read().await`) are not flagged,
//! nor are locks whose declared type in the checked code is an async lock
//! (`tokio::sync::Mutex`, or `Mutex` imported from tokio), nor anything in a
//! closure or `async` block that starts after the guard's function.
//!
//! LOCK_WRAPS_IO fires at a blocking call made while a lock guard (sync or
//! async) is alive: `std::fs` and `File`, `std::net` sockets,
//! `Command::..output()/status()/spawn()`, `thread::sleep`, `Read`/`Write`
//! method calls (`read(buf)`, `write_all(..)`, `flush()`, ...), channel
//! `.send(v)` / `.recv()`, `JoinHandle::join()`, and at an awaited I/O call
//! (`tokio::fs`, sockets, `sleep`, `read`/`write`/`send`/`recv`, sqlx-style
//! `execute`/`fetch_*`) made while an async lock's guard is alive (a sync
//! guard there is LOCK_ACROSS_AWAIT already). `RefCell` borrows are not
//! locks and are left alone here.
//!
//! Deliberately left alone: `stdout().lock()` and the other std stream
//! locks; zero-argument `.read()`/`.write()` inside `unsafe` (raw pointers);
//! `.borrow()` on values not visibly a `RefCell` (the `Borrow` trait);
//! `Read`/`Write` calls on visibly in-memory buffers (`Vec`, `String`,
//! `Cursor`) and `send` on senders that never wait (unbounded, broadcast,
//! watch, oneshot); guards moved into a collection or a function that might
//! keep them (counted as gone, not as alive); and edition-2021-only
//! temporaries (the `else` of an `if let`, a block's tail expression), where
//! the edition decides.
//!
//! Known limits: types are judged by name within the checked code, so a
//! `try_lock()` on a `tokio::sync::Mutex` declared in another module counts
//! as a synchronous guard, and a `Vec` passed in as `impl Write` counts as
//! I/O; `#[unmixed::allow]` records such exceptions.

use std::collections::{HashMap, HashSet};

use proc_macro2::Span;
use syn::punctuated::Punctuated;
use syn::visit::{self, Visit};
use syn::{
    Attribute, Block, Expr, ExprMethodCall, Item, Local, Pat, Path, ReturnType, Stmt, Token, Type,
};

use crate::atomics::text;
use crate::maps::{self, MapUse};
use crate::syntax::{expr_attrs, item_attrs, local_name, segments, Visitable};

use crate::{Code, Finding, Location, Report};

/// Runs LOCK_ACROSS_AWAIT, LOCK_WRAPS_IO and CHECK_THEN_ACT_ON_LOCKED_MAP over
/// every function in `node`.
pub fn check<N: Visitable>(node: &N, report: &mut Report) {
    check_with(node, &Settings::default(), report);
}

/// What a project tells the lock checks about its own code, from the
/// reviewer's `unmixed.toml`.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Functions or methods that return a lock guard (a project's own
    /// `fn state(&self) -> Guard<'_>` wrapper), by name.
    pub guard_functions: Vec<String>,
    /// Calls that block like I/O (`db::query`, `send_email`): a path's last
    /// segments, or a method name.
    pub blocking_calls: Vec<String>,
    /// A project's own guard types (`SpinGuard`, `StateGuard`), by name:
    /// a function returning one, or a local or parameter typed as one,
    /// holds a lock like `MutexGuard` does.
    pub guard_types: Vec<String>,
}

/// [`check`], with a project's [`Settings`].
pub fn check_with<N: Visitable>(node: &N, settings: &Settings, report: &mut Report) {
    let mut context = Context {
        guard_types: settings.guard_types.clone(),
        ..Context::default()
    };
    node.visit_with(&mut context);
    context
        .guard_fns
        .extend(settings.guard_functions.iter().cloned());
    context.blocking_calls = settings
        .blocking_calls
        .iter()
        .map(|call| call.split("::").map(str::to_owned).collect())
        .collect();
    let mut functions = Functions {
        context: &context,
        report,
    };
    node.visit_with(&mut functions);
}

pub use crate::independent::check_independent_state;

/// What the whole checked code tells about names: which locks are async,
/// which cells are `RefCell`s, which functions return guards.
#[derive(Default)]
struct Context {
    /// Fields and statics by the lock flavours their declared types have.
    declared: HashMap<String, HashSet<Declared>>,
    /// The same for the parameters and locals of the function being
    /// followed, which take precedence over fields of the same name.
    locals: HashMap<String, HashSet<Declared>>,
    /// Unqualified `Mutex`/`RwLock` mean the async ones (imported from tokio).
    async_imports: bool,
    /// Unqualified `Sender` means std's `mpsc::Sender`, whose `send` never waits.
    std_sender_import: bool,
    /// Functions and methods of the checked code that return a guard.
    guard_fns: HashSet<String>,
    /// Calls the project says block, as path segments.
    blocking_calls: Vec<Vec<String>>,
    /// Guard types the project adds to [`GUARD_TYPES`].
    guard_types: Vec<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Declared {
    SyncLock,
    AsyncLock,
    RefCell,
    /// An in-memory buffer (`Vec<u8>`, `String`, `Cursor`): its `Read` and
    /// `Write` calls do no I/O.
    Buffer,
    /// A sender whose `send` never waits (unbounded, broadcast, watch, oneshot).
    NonBlockingSender,
    /// `io::stdin()` / `stdout()` / `stderr()`: its `.lock()` serialises the
    /// stream for the reads and writes that follow, which is its purpose.
    StdStream,
}

const BUFFER_TYPES: &[&str] = &["Vec", "String", "Cursor", "BytesMut", "VecDeque"];
const NON_BLOCKING_CHANNELS: &[&str] = &["broadcast", "watch", "oneshot"];

/// How a finding names a guard: `g` (from `m.lock()`), or the temporary one.
fn describe(guard: &Guard) -> String {
    match &guard.binding {
        Some(name) => format!("`{name}` (from `{}`)", guard.taken),
        None => format!("the temporary guard of `{}`", guard.taken),
    }
}

/// Macros that write to stdout or stderr.
const PRINTS: &[&str] = &["println", "eprintln", "print", "eprint", "dbg"];

const GUARD_TYPES: &[&str] = &[
    "MutexGuard",
    "RwLockReadGuard",
    "RwLockWriteGuard",
    "MappedMutexGuard",
    "MappedRwLockReadGuard",
    "MappedRwLockWriteGuard",
    "ReentrantMutexGuard",
    "MappedReentrantMutexGuard",
    "RwLockUpgradableReadGuard",
    "ArcMutexGuard",
    "ArcRwLockReadGuard",
    "ArcRwLockWriteGuard",
    "Ref",
    "RefMut",
];

const ASYNC_CRATES: &[&str] = &["tokio", "async_lock", "async_std", "futures", "smol"];

impl Context {
    fn declare(&mut self, name: String, ty: &Type) {
        if let Some(flavor) = self.flavor_of_type(ty) {
            self.declared
                .entry(name.clone())
                .or_default()
                .insert(flavor);
        }
        // `Mutex<mpsc::Sender<T>>`: the lock guards a sender that never waits.
        if holds_non_blocking_sender(ty) || (self.std_sender_import && holds_bare_sender(ty)) {
            self.declared
                .entry(name)
                .or_default()
                .insert(Declared::NonBlockingSender);
        }
    }

    /// The context of one function: the module's, plus its parameters and locals.
    fn for_function(&self, sig: Option<&syn::Signature>, block: &Block) -> Context {
        let mut locals = Context {
            declared: HashMap::new(),
            locals: HashMap::new(),
            async_imports: self.async_imports,
            std_sender_import: self.std_sender_import,
            guard_fns: HashSet::new(),
            blocking_calls: Vec::new(),
            guard_types: Vec::new(),
        };
        let mut collect = Locals(&mut locals);
        if let Some(sig) = sig {
            for input in &sig.inputs {
                collect.visit_fn_arg(input);
            }
        }
        collect.visit_block(block);
        Context {
            declared: self.declared.clone(),
            locals: locals.declared,
            async_imports: self.async_imports,
            std_sender_import: self.std_sender_import,
            guard_fns: self.guard_fns.clone(),
            blocking_calls: self.blocking_calls.clone(),
            guard_types: self.guard_types.clone(),
        }
    }

    fn declare_init(&mut self, name: String, init: &Expr) {
        // `Mutex::new(..)`, `Arc::new(tokio::sync::Mutex::new(..))`, `RefCell::new(..)`.
        struct Constructors<'c> {
            context: &'c Context,
            found: Option<Declared>,
        }
        impl<'ast> Visit<'ast> for Constructors<'_> {
            fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
                if let Expr::Path(func) = &*call.func {
                    let mut idents = segments(&func.path).rev();
                    if idents
                        .next()
                        .is_some_and(|last| last == "new" || last == "with_capacity")
                    {
                        if let Some(ty) = idents.next() {
                            let qualified_async =
                                segments(&func.path).any(|s| ASYNC_CRATES.iter().any(|c| s == c));
                            self.found = self.found.or(if ty == "RefCell" {
                                Some(Declared::RefCell)
                            } else if BUFFER_TYPES.iter().any(|buffer| ty == buffer) {
                                Some(Declared::Buffer)
                            } else if ty == "Mutex" || ty == "RwLock" {
                                Some(
                                    if qualified_async
                                        || (func.path.segments.len() == 2
                                            && self.context.async_imports)
                                    {
                                        Declared::AsyncLock
                                    } else {
                                        Declared::SyncLock
                                    },
                                )
                            } else {
                                None
                            });
                        }
                    }
                }
                visit::visit_expr_call(self, call);
            }
            fn visit_macro(&mut self, mac: &'ast syn::Macro) {
                if mac.path.is_ident("vec") {
                    self.found = self.found.or(Some(Declared::Buffer));
                }
            }
        }
        let mut constructors = Constructors {
            context: self,
            found: None,
        };
        constructors.visit_expr(init);
        let stream = is_std_stream(init).then_some(Declared::StdStream);
        if let Some(flavor) = constructors.found.or(stream) {
            self.declared.entry(name).or_default().insert(flavor);
        }
    }

    fn flavor_of_type(&self, ty: &Type) -> Option<Declared> {
        struct Flavor<'c> {
            context: &'c Context,
            found: Option<Declared>,
        }
        impl<'ast> Visit<'ast> for Flavor<'_> {
            fn visit_path(&mut self, path: &'ast Path) {
                if self.found.is_some() {
                    return;
                }
                let names: Vec<String> = segments(path).map(ToString::to_string).collect();
                let last = names.last().map_or("", String::as_str);
                let qualified_async = names
                    .iter()
                    .any(|name| ASYNC_CRATES.contains(&name.as_str()));
                if last == "RefCell" {
                    self.found = Some(Declared::RefCell);
                } else if last == "UnboundedSender"
                    || (last == "Sender"
                        && names
                            .iter()
                            .any(|name| NON_BLOCKING_CHANNELS.contains(&name.as_str())))
                {
                    self.found = Some(Declared::NonBlockingSender);
                } else if BUFFER_TYPES.contains(&last) {
                    self.found = Some(Declared::Buffer);
                } else if last == "Mutex" || last == "RwLock" || last == "ReentrantMutex" {
                    let is_async =
                        qualified_async || (names.len() == 1 && self.context.async_imports);
                    self.found = Some(if is_async {
                        Declared::AsyncLock
                    } else {
                        Declared::SyncLock
                    });
                } else {
                    visit::visit_path(self, path);
                }
            }
        }
        let mut flavor = Flavor {
            context: self,
            found: None,
        };
        flavor.visit_type(ty);
        flavor.found
    }

    /// Whether the receiver (`(name, is_field)`) was declared with `flavor`.
    fn is(&self, (name, is_field): &(String, bool), flavor: Declared) -> bool {
        let local = (!is_field).then(|| self.locals.get(name)).flatten();
        local
            .or_else(|| self.declared.get(name))
            .is_some_and(|flavors| flavors.contains(&flavor))
    }

    /// Declared as an async lock (possibly also as a sync one: then the
    /// checks cannot tell which one a use means, and keep quiet).
    fn not_surely_sync(&self, receiver: &(String, bool)) -> bool {
        self.is(receiver, Declared::AsyncLock)
    }
}

/// Whether `ty` names a sender whose synchronous `send` never waits: std's
/// `mpsc::Sender` (tokio's must be awaited, so a plain `.send(x)` is not
/// tokio's), or an unbounded, broadcast, watch or oneshot sender.
fn holds_non_blocking_sender(ty: &Type) -> bool {
    struct Find(bool);
    impl<'ast> Visit<'ast> for Find {
        fn visit_path(&mut self, path: &'ast Path) {
            let names: Vec<String> = segments(path).map(ToString::to_string).collect();
            let last = names.last().map_or("", String::as_str);
            let module = |wanted: &[&str]| names.iter().any(|name| wanted.contains(&name.as_str()));
            if last == "UnboundedSender"
                || (last == "Sender" && module(&["mpsc", "broadcast", "watch", "oneshot"]))
            {
                self.0 = true;
            }
            visit::visit_path(self, path);
        }
    }
    let mut find = Find(false);
    find.visit_type(ty);
    find.0
}

/// `Mutex<Sender<T>>` with `Sender` unqualified.
fn holds_bare_sender(ty: &Type) -> bool {
    struct Find(bool);
    impl<'ast> Visit<'ast> for Find {
        fn visit_path(&mut self, path: &'ast Path) {
            self.0 |= path.segments.len() == 1 && path.segments[0].ident == "Sender";
            visit::visit_path(self, path);
        }
    }
    let mut find = Find(false);
    find.visit_type(ty);
    find.0
}

fn returns_guard(output: &ReturnType, extra: &[String]) -> bool {
    let ReturnType::Type(_, ty) = output else {
        return false;
    };
    struct Guard<'e>(bool, &'e [String]);
    impl<'ast> Visit<'ast> for Guard<'_> {
        fn visit_path(&mut self, path: &'ast Path) {
            let names: Vec<String> = segments(path).map(ToString::to_string).collect();
            if names
                .iter()
                .any(|name| ASYNC_CRATES.contains(&name.as_str()))
            {
                return;
            }
            if names
                .last()
                .is_some_and(|last| GUARD_TYPES.contains(&last.as_str()) || self.1.contains(last))
            {
                self.0 = true;
            }
            visit::visit_path(self, path);
        }
    }
    let mut guard = Guard(false, extra);
    guard.visit_type(ty);
    guard.0
}

fn is_guard_type(ty: &Type, extra: &[String]) -> bool {
    returns_guard(
        &ReturnType::Type(Token![->](Span::call_site()), Box::new(ty.clone())),
        extra,
    )
}

impl<'ast> Visit<'ast> for Context {
    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        fn walk(tree: &syn::UseTree, under_async: bool, under_mpsc: bool, context: &mut Context) {
            match tree {
                syn::UseTree::Path(path) => {
                    let is_async = under_async || ASYNC_CRATES.iter().any(|c| path.ident == c);
                    let is_mpsc = under_mpsc || path.ident == "mpsc";
                    walk(&path.tree, is_async, is_mpsc, context);
                }
                syn::UseTree::Name(name) => {
                    if under_async && (name.ident == "Mutex" || name.ident == "RwLock") {
                        context.async_imports = true;
                    }
                    if under_mpsc && !under_async && name.ident == "Sender" {
                        context.std_sender_import = true;
                    }
                }
                syn::UseTree::Group(group) => {
                    for tree in &group.items {
                        walk(tree, under_async, under_mpsc, context);
                    }
                }
                syn::UseTree::Rename(_) | syn::UseTree::Glob(_) => {}
            }
        }
        walk(&item.tree, false, false, self);
    }

    fn visit_field(&mut self, field: &'ast syn::Field) {
        if let Some(ident) = &field.ident {
            self.declare(ident.to_string(), &field.ty);
        }
        visit::visit_field(self, field);
    }

    fn visit_item_static(&mut self, item: &'ast syn::ItemStatic) {
        self.declare(item.ident.to_string(), &item.ty);
        self.declare_init(item.ident.to_string(), &item.expr);
        visit::visit_item_static(self, item);
    }

    fn visit_signature(&mut self, sig: &'ast syn::Signature) {
        if returns_guard(&sig.output, &self.guard_types) {
            self.guard_fns.insert(sig.ident.to_string());
        }
        visit::visit_signature(self, sig);
    }
}

/// Collects the declarations of one function's parameters and locals.
struct Locals<'c>(&'c mut Context);

impl<'ast> Visit<'ast> for Locals<'_> {
    fn visit_pat_type(&mut self, typed: &'ast syn::PatType) {
        if let Pat::Ident(binding) = &*typed.pat {
            self.0.declare(binding.ident.to_string(), &typed.ty);
        }
        visit::visit_pat_type(self, typed);
    }

    fn visit_local(&mut self, local: &'ast Local) {
        if let (Some(name), Some(init)) = (pat_name(&local.pat), &local.init) {
            self.0.declare_init(name, &init.expr);
        }
        // `let (tx, rx) = tokio::sync::mpsc::unbounded_channel();`
        if let (Pat::Tuple(pair), Some(init)) = (strip_type(&local.pat), &local.init) {
            let sender = pair.elems.first().and_then(pat_name);
            // Unbounded channels (`unbounded_channel()`, std's `channel()`,
            // crossbeam's `unbounded()`) and single-value ones never make
            // `send` wait.
            let non_blocking = match &*init.expr {
                Expr::Call(call) => matches!(&*call.func, Expr::Path(func) if {
                    let names: Vec<String> = segments(&func.path).map(ToString::to_string).collect();
                    let last = names.last().map_or("", String::as_str);
                    last == "unbounded_channel"
                        || (call.args.is_empty() && (last == "channel" || last == "unbounded"))
                        || names.iter().any(|name| NON_BLOCKING_CHANNELS.contains(&name.as_str()))
                }),
                _ => false,
            };
            if let (Some(sender), true) = (sender, non_blocking) {
                self.0
                    .declared
                    .entry(sender)
                    .or_default()
                    .insert(Declared::NonBlockingSender);
            }
        }
        visit::visit_local(self, local);
    }

    fn visit_item(&mut self, _: &'ast Item) {
        // Nested items have their own.
    }
}

fn pat_name(pat: &Pat) -> Option<String> {
    match pat {
        Pat::Ident(binding) => Some(binding.ident.to_string()),
        Pat::Type(typed) => pat_name(&typed.pat),
        _ => None,
    }
}

/// Finds the function bodies and follows each one.
struct Functions<'a, 'r> {
    context: &'a Context,
    report: &'r mut Report,
}

impl Functions<'_, '_> {
    fn scoped(&mut self, attrs: &[Attribute], within: impl FnOnce(&mut Self)) {
        let depth = self.report.enter(attrs);
        within(self);
        self.report.leave(depth);
    }

    fn body(&mut self, sig: &syn::Signature, block: &Block) {
        let context = self.context.for_function(Some(sig), block);
        let mut flow = Flow::new(&context, self.report);
        let mut state = State::default();
        for input in &sig.inputs {
            if let syn::FnArg::Typed(typed) = input {
                if is_guard_type(&typed.ty, &context.guard_types) {
                    if let Some(name) = pat_name(&typed.pat) {
                        let id = flow.new_guard(
                            &*typed.pat as &dyn quote::ToTokens,
                            Flavor::Sync,
                            name.clone(),
                            name.clone(),
                        );
                        state.bindings.push(Binding {
                            name,
                            guards: vec![id],
                            checks: Vec::new(),
                        });
                    }
                }
            }
        }
        flow.block(block, &mut state);
    }
}

impl<'ast> Visit<'ast> for Functions<'_, '_> {
    fn visit_item(&mut self, item: &'ast Item) {
        self.scoped(item_attrs(item), |this| visit::visit_item(this, item));
    }

    fn visit_item_fn(&mut self, item: &'ast syn::ItemFn) {
        self.body(&item.sig, &item.block);
    }

    fn visit_impl_item_fn(&mut self, method: &'ast syn::ImplItemFn) {
        self.scoped(&method.attrs, |this| this.body(&method.sig, &method.block));
    }

    fn visit_trait_item_fn(&mut self, method: &'ast syn::TraitItemFn) {
        if let Some(block) = &method.default {
            self.scoped(&method.attrs, |this| this.body(&method.sig, block));
        }
    }

    fn visit_item_const(&mut self, item: &'ast syn::ItemConst) {
        let _ = item;
    }

    fn visit_item_static(&mut self, item: &'ast syn::ItemStatic) {
        let _ = item;
    }

    fn visit_expr(&mut self, expr: &'ast Expr) {
        // Only reached for a bare expression handed to `check`.
        let mut flow = Flow::new(self.context, self.report);
        let mut state = State::default();
        flow.expr(expr, &mut state);
    }

    fn visit_block(&mut self, block: &'ast Block) {
        // Only reached for a bare block handed to `check`.
        let mut flow = Flow::new(self.context, self.report);
        flow.block(block, &mut State::default());
    }

    fn visit_attribute(&mut self, _: &'ast Attribute) {}
}

pub(crate) type GuardId = usize;

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flavor {
    Sync,
    RefCell,
    Async,
}

struct Guard {
    flavor: Flavor,
    /// The expression that took it: `self.items.lock()`.
    taken: String,
    /// The variable it was last bound to.
    binding: Option<String>,
    allowed_await: bool,
    allowed_io: bool,
    reported_await: bool,
    reported_io: bool,
}

/// What evaluating an expression produced, as far as guards go.
#[derive(Clone, Default)]
struct Val {
    /// Guards owned by the value (a fresh guard, `Some(guard)`, ...).
    guards: Vec<GuardId>,
    /// The expression names this variable (index into the bindings).
    place: Option<usize>,
    /// Map checks whose result flows into the value.
    checks: Vec<usize>,
}

impl Val {
    fn with_checks(checks: Vec<usize>) -> Val {
        Val {
            checks,
            ..Val::default()
        }
    }
}

#[derive(Clone)]
struct Binding {
    name: String,
    guards: Vec<GuardId>,
    checks: Vec<usize>,
}

#[derive(Clone, Default)]
struct State {
    bindings: Vec<Binding>,
    temps: Vec<GuardId>,
    /// Map checks that the current code is control-dependent on.
    control: Vec<usize>,
    diverged: bool,
}

impl State {
    fn live(&self) -> Vec<GuardId> {
        let mut live: Vec<GuardId> = self
            .bindings
            .iter()
            .flat_map(|binding| binding.guards.iter().copied())
            .chain(self.temps.iter().copied())
            .collect();
        live.sort_unstable();
        live.dedup();
        live
    }

    fn kill(&mut self, ids: &[GuardId]) {
        if ids.is_empty() {
            return;
        }
        for binding in &mut self.bindings {
            binding.guards.retain(|id| !ids.contains(id));
        }
        self.temps.retain(|id| !ids.contains(id));
    }

    fn lookup(&self, name: &str) -> Option<usize> {
        self.bindings
            .iter()
            .rposition(|binding| binding.name == name)
    }

    /// The state after either of `states` ran; diverged paths do not count.
    fn merge(states: Vec<State>) -> State {
        let mut live = states.into_iter().filter(|state| !state.diverged);
        let Some(mut merged) = live.next() else {
            return State {
                diverged: true,
                ..State::default()
            };
        };
        for state in live {
            for (into, from) in merged.bindings.iter_mut().zip(state.bindings) {
                union(&mut into.guards, from.guards);
                union(&mut into.checks, from.checks);
            }
            union(&mut merged.temps, state.temps);
            union(&mut merged.control, state.control);
        }
        merged
    }
}

fn union<T: PartialEq>(into: &mut Vec<T>, from: Vec<T>) {
    for item in from {
        if !into.contains(&item) {
            into.push(item);
        }
    }
}

/// Follows one function body.
struct Flow<'a, 'r> {
    context: &'a Context,
    report: &'r mut Report,
    guards: Vec<Guard>,
    /// One guard per acquiring expression, so that a loop body followed
    /// twice does not report twice.
    by_site: HashMap<*const (), GuardId>,
    unsafe_depth: usize,
    breaks: Vec<Vec<State>>,
    maps: maps::Maps,
    /// Awaits and blocking calls already reported: several guards alive at
    /// one spot make one finding.
    reported_sites: HashSet<*const ()>,
    /// Method calls whose result a `match` or `if let` inspects: a matched
    /// `map.get_mut(k)` checks again rather than acting on an old answer.
    inspected: HashSet<*const syn::ExprMethodCall>,
}

const ACQUIRE: &[&str] = &[
    "lock",
    "read",
    "write",
    "try_lock",
    "try_read",
    "try_write",
    "upgradable_read",
    "try_upgradable_read",
    "read_recursive",
    "try_read_recursive",
    "lock_arc",
    "read_arc",
    "write_arc",
];

const BORROW: &[&str] = &["borrow", "borrow_mut", "try_borrow", "try_borrow_mut"];

/// Methods that hand the guard inside a `Result`/`Option` on.
const KEEP_GUARD: &[&str] = &[
    "unwrap",
    "expect",
    "unwrap_or_else",
    "unwrap_unchecked",
    "ok",
    "into_ok",
];

/// Associated functions of guard types that turn one guard into another.
const MAP_GUARD: &[&str] = &[
    "map",
    "try_map",
    "filter_map",
    "map_split",
    "downgrade",
    "upgrade",
    "try_upgrade",
    "downgrade_to_upgradable",
    "with_upgraded",
];

const STD_STREAMS: &[&str] = &["stdout", "stderr", "stdin"];

impl<'a, 'r> Flow<'a, 'r> {
    fn new(context: &'a Context, report: &'r mut Report) -> Self {
        Flow {
            context,
            report,
            guards: Vec::new(),
            by_site: HashMap::new(),
            unsafe_depth: 0,
            breaks: Vec::new(),
            maps: maps::Maps::default(),
            reported_sites: HashSet::new(),
            inspected: HashSet::new(),
        }
    }

    fn new_guard(
        &mut self,
        site: &dyn quote::ToTokens,
        flavor: Flavor,
        taken: String,
        root: String,
    ) -> GuardId {
        let key = site as *const dyn quote::ToTokens as *const ();
        if let Some(id) = self.by_site.get(&key) {
            return *id;
        }
        let _ = root;
        let id = self.guards.len();
        self.guards.push(Guard {
            flavor,
            taken,
            binding: None,
            allowed_await: self.report.is_allowed(Code::LOCK_ACROSS_AWAIT),
            allowed_io: self.report.is_allowed(Code::LOCK_WRAPS_IO),
            reported_await: false,
            reported_io: false,
        });
        self.by_site.insert(key, id);
        id
    }

    /// Guards the value owns, taking them out of its variable if it names one.
    fn take(&self, value: &Val, state: &mut State) -> Vec<GuardId> {
        let mut owned = value.guards.clone();
        if let Some(index) = value.place {
            if let Some(binding) = state.bindings.get_mut(index) {
                owned.append(&mut binding.guards);
            }
        }
        owned
    }

    /// The value is used by reference: its fresh guards become temporaries.
    fn temps(value: Val, state: &mut State) {
        state.temps.extend(value.guards);
    }

    /// The value is moved into a callee: its guards are gone.
    fn consume(&self, value: &Val, state: &mut State) {
        let owned = self.take(value, state);
        state.kill(&owned);
    }

    /// Guards reachable through the value (owned, or via its variable).
    fn reach(value: &Val, state: &State) -> Vec<GuardId> {
        let mut ids = value.guards.clone();
        if let Some(binding) = value.place.and_then(|index| state.bindings.get(index)) {
            ids.extend(binding.guards.iter().copied());
        }
        ids
    }

    fn block(&mut self, block: &Block, state: &mut State) -> Val {
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
                Stmt::Item(item) => {
                    let mut functions = Functions {
                        context: self.context,
                        report: self.report,
                    };
                    functions.visit_item(item);
                }
                Stmt::Expr(expr, semi) => {
                    let depth = self.report.enter(expr_attrs(expr));
                    let mark = state.temps.len();
                    let result = self.expr(expr, state);
                    if semi.is_none() && index == last {
                        value = Val {
                            guards: self.take(&result, state),
                            place: None,
                            checks: result.checks,
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
        state.bindings.truncate(scope);
        state.control.truncate(control.min(state.control.len()));
        value
    }

    fn local(&mut self, local: &Local, state: &mut State) {
        let depth = self.report.enter(&local.attrs);
        let mark = state.temps.len();
        if let Some(init) = &local.init {
            // `let (a, b) = (x, y);` binds element by element.
            if let (Pat::Tuple(pats), Expr::Tuple(values)) = (strip_type(&local.pat), &*init.expr) {
                if pats.elems.len() == values.elems.len() {
                    let pairs: Vec<(Val, &Pat)> = values
                        .elems
                        .iter()
                        .zip(&pats.elems)
                        .map(|(value, pat)| (self.expr(value, state), pat))
                        .collect();
                    for (value, pat) in pairs {
                        let owned = self.take(&value, state);
                        self.bind(pat, owned, value.checks, state);
                    }
                    state.temps.truncate(mark);
                    self.report.leave(depth);
                    return;
                }
            }
            let extended = is_extending_borrow(&init.expr);
            let value = self.expr(&init.expr, state);
            let mut owned = self.take(&value, state);
            if extended {
                // The guard lives as long as the borrow's variable, but moving
                // that reference around does not move the guard.
                let held: Vec<GuardId> = state.temps.drain(mark..).collect();
                if let Some(name) = pat_name(&local.pat) {
                    for id in &held {
                        self.guards[*id].binding = Some(name.clone());
                    }
                }
                state.bindings.push(Binding {
                    name: String::new(),
                    guards: held,
                    checks: Vec::new(),
                });
            }
            if owned.is_empty() {
                if let Pat::Type(typed) = &local.pat {
                    if is_guard_type(&typed.ty, &self.context.guard_types) {
                        let taken = text(&init.expr);
                        owned.push(self.new_guard(&*init.expr, Flavor::Sync, taken.clone(), taken));
                    }
                }
            }
            if let Some((_, otherwise)) = &init.diverge {
                let mut branch = state.clone();
                self.expr(otherwise, &mut branch);
            }
            self.bind(&local.pat, owned, value.checks, state);
        } else {
            self.bind(&local.pat, Vec::new(), Vec::new(), state);
        }
        state.temps.truncate(mark);
        self.report.leave(depth);
    }

    /// Binds the names of `pat` to the guards; `let _ = guard` drops it.
    fn bind(&mut self, pat: &Pat, owned: Vec<GuardId>, checks: Vec<usize>, state: &mut State) {
        let mut names = Vec::new();
        pat_names(pat, &mut names);
        if names.is_empty() {
            // Dropped at the end of the statement.
            state.temps.extend(owned);
            return;
        }
        for id in &owned {
            self.guards[*id].binding = Some(names[0].clone());
        }
        for name in names {
            state.bindings.push(Binding {
                name,
                guards: owned.clone(),
                checks: checks.clone(),
            });
        }
    }

    fn expr(&mut self, expr: &Expr, state: &mut State) -> Val {
        let depth = self.report.enter(expr_attrs(expr));
        let value = self.expr_inner(expr, state);
        self.report.leave(depth);
        value
    }

    fn expr_inner(&mut self, expr: &Expr, state: &mut State) -> Val {
        match expr {
            Expr::Await(awaited) => self.awaited(awaited, state),
            Expr::MethodCall(call) => self.method(call, state, false),
            Expr::Call(call) => self.call(call, state, false),
            Expr::Path(path) => match path.path.get_ident() {
                Some(ident) if path.qself.is_none() => {
                    let name = ident.to_string();
                    match state.lookup(&name) {
                        Some(index) => Val {
                            guards: Vec::new(),
                            place: Some(index),
                            checks: state.bindings[index].checks.clone(),
                        },
                        None => Val::default(),
                    }
                }
                _ => Val::default(),
            },
            Expr::Reference(reference) => {
                let value = self.expr(&reference.expr, state);
                let checks = value.checks.clone();
                Self::temps(
                    Val {
                        place: None,
                        ..value
                    },
                    state,
                );
                Val::with_checks(checks)
            }
            Expr::RawAddr(raw) => {
                let value = self.expr(&raw.expr, state);
                Self::temps(value, state);
                Val::default()
            }
            Expr::Paren(inner) => self.expr(&inner.expr, state),
            Expr::Group(inner) => self.expr(&inner.expr, state),
            Expr::Try(attempt) => self.expr(&attempt.expr, state),
            Expr::Cast(cast) => {
                let value = self.expr(&cast.expr, state);
                let checks = value.checks.clone();
                self.consume(&value, state);
                Val::with_checks(checks)
            }
            Expr::Field(field) => {
                let value = self.expr(&field.base, state);
                let checks = value.checks.clone();
                Self::temps(
                    Val {
                        place: None,
                        ..value
                    },
                    state,
                );
                Val::with_checks(checks)
            }
            Expr::Index(index) => {
                let base = self.expr(&index.expr, state);
                let at = self.expr(&index.index, state);
                let mut checks = base.checks.clone();
                union(&mut checks, at.checks.clone());
                Self::temps(
                    Val {
                        place: None,
                        ..base
                    },
                    state,
                );
                Self::temps(Val { place: None, ..at }, state);
                Val::with_checks(checks)
            }
            Expr::Unary(unary) => {
                let value = self.expr(&unary.expr, state);
                let checks = value.checks.clone();
                Self::temps(
                    Val {
                        place: None,
                        ..value
                    },
                    state,
                );
                Val::with_checks(checks)
            }
            Expr::Binary(binary) => {
                let left = self.expr(&binary.left, state);
                let mut checks = left.checks.clone();
                Self::temps(
                    Val {
                        place: None,
                        ..left
                    },
                    state,
                );
                let lazy = matches!(binary.op, syn::BinOp::And(_) | syn::BinOp::Or(_));
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
                Val::with_checks(checks)
            }
            Expr::Assign(assign) => {
                let value = self.expr(&assign.right, state);
                let owned = self.take(&value, state);
                match local_name(&assign.left).map(ToString::to_string) {
                    Some(name) => match state.lookup(&name) {
                        Some(index) => {
                            let old = std::mem::take(&mut state.bindings[index].guards);
                            state.kill(&old);
                            for id in &owned {
                                self.guards[*id].binding = Some(name.clone());
                            }
                            state.bindings[index].guards = owned;
                            state.bindings[index].checks = value.checks;
                        }
                        None => {
                            if !owned.is_empty() || !value.checks.is_empty() {
                                state.bindings.push(Binding {
                                    name,
                                    guards: owned,
                                    checks: value.checks,
                                });
                            }
                        }
                    },
                    None => {
                        state.kill(&owned);
                        let target = self.expr(&assign.left, state);
                        Self::temps(
                            Val {
                                place: None,
                                ..target
                            },
                            state,
                        );
                    }
                }
                Val::default()
            }
            Expr::Block(block) => self.block(&block.block, state),
            Expr::Unsafe(block) => {
                self.unsafe_depth += 1;
                let value = self.block(&block.block, state);
                self.unsafe_depth -= 1;
                value
            }
            Expr::Const(block) => {
                let _ = block;
                Val::default()
            }
            Expr::TryBlock(block) => self.block(&block.block, state),
            Expr::If(branch) => self.branch(branch, state),
            Expr::Match(matching) => self.matching(matching, state),
            Expr::While(looping) => {
                let cond = &looping.cond;
                let body = &looping.body;
                self.looping(state, true, |flow, state| {
                    let mark = state.temps.len();
                    let control = state.control.len();
                    let scope = state.bindings.len();
                    let value = match &**cond {
                        Expr::Let(binding) => {
                            let value = flow.expr(&binding.expr, state);
                            let owned = flow.take(&value, state);
                            let checks = value.checks.clone();
                            flow.bind(&binding.pat, owned, checks.clone(), state);
                            checks
                        }
                        other => {
                            let value = flow.expr(other, state);
                            let checks = value.checks.clone();
                            Self::temps(
                                Val {
                                    place: None,
                                    ..value
                                },
                                state,
                            );
                            state.temps.truncate(mark);
                            checks
                        }
                    };
                    state.control.extend(value);
                    flow.block(body, state);
                    state.bindings.truncate(scope);
                    state.control.truncate(control);
                    state.temps.truncate(mark);
                });
                Val::default()
            }
            Expr::ForLoop(looping) => {
                let iterated = self.expr(&looping.expr, state);
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
                    flow.bind(pat, Vec::new(), Vec::new(), state);
                    flow.block(body, state);
                    state.bindings.truncate(scope);
                });
                Val::default()
            }
            Expr::Loop(looping) => {
                let body = &looping.body;
                self.looping(state, false, |flow, state| {
                    flow.block(body, state);
                });
                Val::default()
            }
            Expr::Closure(closure) => {
                let mut inner = State::default();
                let depth = self.report.enter(&closure.attrs);
                self.isolated(|flow| {
                    flow.expr(&closure.body, &mut inner);
                });
                self.report.leave(depth);
                Val::default()
            }
            Expr::Async(block) => {
                let mut inner = State::default();
                self.isolated(|flow| {
                    flow.block(&block.block, &mut inner);
                });
                Val::default()
            }
            Expr::Return(ret) => {
                if let Some(value) = &ret.expr {
                    let value = self.expr(value, state);
                    self.consume(&value, state);
                }
                state.diverged = true;
                Val::default()
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
                Val::default()
            }
            Expr::Continue(_) => {
                state.diverged = true;
                Val::default()
            }
            Expr::Macro(mac) => self.mac(&mac.mac, state),
            Expr::Let(binding) => {
                let value = self.expr(&binding.expr, state);
                let owned = self.take(&value, state);
                let checks = value.checks.clone();
                self.bind(&binding.pat, owned, checks.clone(), state);
                Val::with_checks(checks)
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
                Val {
                    guards: owned,
                    place: None,
                    checks,
                }
            }
            Expr::Tuple(tuple) => self.wrap(tuple.elems.iter(), state),
            Expr::Array(array) => self.wrap(array.elems.iter(), state),
            Expr::Repeat(repeat) => {
                let value = self.expr(&repeat.expr, state);
                Self::temps(value, state);
                Val::default()
            }
            Expr::Range(range) => {
                for end in [&range.start, &range.end].into_iter().flatten() {
                    let value = self.expr(end, state);
                    Self::temps(
                        Val {
                            place: None,
                            ..value
                        },
                        state,
                    );
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

    /// Code that runs on its own (a closure or an `async` block): fresh
    /// guards, its own loops.
    fn isolated(&mut self, run: impl FnOnce(&mut Self)) {
        let breaks = std::mem::take(&mut self.breaks);
        let unsafe_depth = self.unsafe_depth;
        run(self);
        self.breaks = breaks;
        self.unsafe_depth = unsafe_depth;
    }

    /// `Some(g)`, `(g, 1)`, `[g]`: the wrapper owns the guards moved into it.
    fn wrap<'e>(&mut self, elems: impl Iterator<Item = &'e Expr>, state: &mut State) -> Val {
        let mut owned = Vec::new();
        let mut checks = Vec::new();
        for elem in elems {
            let value = self.expr(elem, state);
            owned.extend(self.take(&value, state));
            union(&mut checks, value.checks);
        }
        Val {
            guards: owned,
            place: None,
            checks,
        }
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
                self.bind(&binding.pat, owned, checks.clone(), &mut then_state);
                (then_state, checks)
            }
            cond => {
                let value = self.expr(cond, state);
                let checks = value.checks.clone();
                Self::temps(
                    Val {
                        place: None,
                        ..value
                    },
                    state,
                );
                state.temps.truncate(mark);
                (state.clone(), checks)
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
        let mut value = Val::default();
        for branch_value in values {
            value.guards.extend(branch_value.guards);
            union(&mut value.checks, branch_value.checks);
        }
        value
    }

    fn matching(&mut self, matching: &syn::ExprMatch, state: &mut State) -> Val {
        // The scrutinee's temporaries live through every arm.
        self.inspect(&matching.expr);
        let scrutinee = self.expr(&matching.expr, state);
        let scope = state.bindings.len();
        let control = state.control.len();
        let mut ends = Vec::new();
        let mut value = Val::default();
        let owned_by_scrutinee = Self::reach(&scrutinee, state);
        let fresh = scrutinee.guards.clone();
        for arm in &matching.arms {
            let depth = self.report.enter(&arm.attrs);
            let mut arm_state = state.clone();
            arm_state.temps.extend(fresh.iter().copied());
            let mut names = Vec::new();
            pat_names(&arm.pat, &mut names);
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
            self.bind(&arm.pat, owned, scrutinee.checks.clone(), &mut arm_state);
            arm_state.control.extend(scrutinee.checks.iter().copied());
            if let Some((_, guard)) = &arm.guard {
                let mark = arm_state.temps.len();
                let guard_value = self.expr(guard, &mut arm_state);
                arm_state.control.extend(guard_value.checks.iter().copied());
                Self::temps(
                    Val {
                        place: None,
                        ..guard_value
                    },
                    &mut arm_state,
                );
                arm_state.temps.truncate(mark);
            }
            let mark = arm_state.temps.len();
            let arm_value = self.expr(&arm.body, &mut arm_state);
            value.guards.extend(self.take(&arm_value, &mut arm_state));
            union(&mut value.checks, arm_value.checks);
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
        value
    }

    fn awaited(&mut self, awaited: &syn::ExprAwait, state: &mut State) -> Val {
        let location = Location {
            start: awaited.dot_token.span,
            end: awaited.await_token.span,
        };
        // `.lock().await`: an async lock's guard.
        if let Expr::MethodCall(call) = &*awaited.base {
            let method = call.method.to_string();
            if call.args.is_empty() && ACQUIRE.contains(&method.as_str()) {
                let receiver = self.expr(&call.receiver, state);
                Self::temps(
                    Val {
                        place: None,
                        ..receiver
                    },
                    state,
                );
                self.await_point(site(awaited), location, state, None);
                let taken = format!("{}.{method}().await", text(&call.receiver));
                let id = self.new_guard(awaited, Flavor::Async, taken, text(&call.receiver));
                return Val {
                    guards: vec![id],
                    ..Val::default()
                };
            }
        }
        let io = awaited_io(&awaited.base);
        let base = match &*awaited.base {
            Expr::MethodCall(call) => self.method(call, state, true),
            Expr::Call(call) => self.call(call, state, true),
            other => self.expr(other, state),
        };
        Self::temps(
            Val {
                place: None,
                ..base
            },
            state,
        );
        self.await_point(
            site(awaited),
            location,
            state,
            io.map(|what| (what, Location::of(&awaited.base))),
        );
        Val::default()
    }

    /// An `.await` (at `site`) with the guards of `state` alive.
    fn await_point(
        &mut self,
        site: *const (),
        at: Location,
        state: &State,
        io: Option<(&'static str, Location)>,
    ) {
        for id in state.live() {
            if self.reported_sites.contains(&site) {
                return;
            }
            let guard = &self.guards[id];
            match guard.flavor {
                Flavor::Sync | Flavor::RefCell => {
                    if guard.reported_await
                        || guard.allowed_await
                        || self.report.is_allowed(Code::LOCK_ACROSS_AWAIT)
                    {
                        continue;
                    }
                    let finding = across_await(guard);
                    self.guards[id].reported_await = true;
                    self.reported_sites.insert(site);
                    self.report.push(Finding::new(
                        Code::LOCK_ACROSS_AWAIT,
                        at,
                        finding.0,
                        finding.1,
                    ));
                }
                Flavor::Async => {
                    if let Some((what, location)) = io {
                        self.io_finding(site, id, what, location);
                    }
                }
            }
        }
    }

    /// CONCURRENCY_DEBUG_VIA_PRINTLN: printing while a lock is held.
    fn print_point(&mut self, name: &str, mac: &syn::Macro, state: &State) {
        // A guard bound to `_name` only serialises a section (tests taking a
        // global lock, say); it guards no data the print could be watching.
        let held = state.live().into_iter().find(|&id| {
            let guard = &self.guards[id];
            !matches!(guard.flavor, Flavor::RefCell)
                && !guard
                    .binding
                    .as_ref()
                    .is_some_and(|name| name.starts_with('_'))
        });
        let Some(id) = held else { return };
        let holder = describe(&self.guards[id]);
        self.report.push(Finding::new(
            Code::CONCURRENCY_DEBUG_VIA_PRINTLN,
            Location::of(mac),
            format!(
                "`{name}!` while {holder} is held: printing takes stdout's own lock and far longer \
                 than the critical section, so every thread waiting for this lock now waits on the \
                 terminal; a print added to watch a race changes the race"
            ),
            "print after the lock is released, or record into memory (`let event = ..;` then print \
             once the guard is dropped); for lasting diagnostics use `tracing` with a non-blocking \
             subscriber",
        ));
    }

    /// A call the project's settings list as blocking: its path ends with
    /// a listed path, or it is a method of a listed name.
    fn configured_blocking(&self, names: &[String]) -> Option<&'static str> {
        let listed =
            self.context.blocking_calls.iter().any(|call| {
                names.len() >= call.len() && names[names.len() - call.len()..] == call[..]
            });
        listed.then_some("a call listed as blocking in unmixed.toml")
    }

    fn io_point(&mut self, site: *const (), what: &'static str, at: Location, state: &State) {
        for id in state.live() {
            if self.guards[id].flavor != Flavor::RefCell {
                self.io_finding(site, id, what, at);
            }
        }
    }

    fn io_finding(&mut self, site: *const (), id: GuardId, what: &'static str, at: Location) {
        let guard = &self.guards[id];
        if guard.reported_io
            || guard.allowed_io
            || self.reported_sites.contains(&site)
            || self.report.is_allowed(Code::LOCK_WRAPS_IO)
        {
            return;
        }
        self.reported_sites.insert(site);
        let holder = describe(guard);
        let message = format!(
            "{what} while {holder} is held: the lock stays taken for as long as the I/O takes, \
             and every other user of it waits on the I/O too"
        );
        let help = "do the I/O outside the critical section: copy what it needs out under the lock \
                    (`let data = { let g = lock(); g.clone() };`), release it, do the I/O, then lock \
                    again to store the result"
            .to_owned();
        self.guards[id].reported_io = true;
        self.report
            .push(Finding::new(Code::LOCK_WRAPS_IO, at, message, help));
    }

    fn method(&mut self, call: &ExprMethodCall, state: &mut State, awaited: bool) -> Val {
        let method = call.method.to_string();
        let receiver_name = receiver_name(&call.receiver);
        let receiver_name = receiver_name.as_ref();
        let no_args = call.args.is_empty();
        // Taking a lock.
        let acquires = no_args
            && ACQUIRE.contains(&method.as_str())
            && !is_std_stream(&call.receiver)
            && !receiver_name.is_some_and(|name| self.context.is(name, Declared::StdStream))
            && self.unsafe_depth == 0
            && !receiver_name.is_some_and(|name| self.context.not_surely_sync(name));
        let borrows = BORROW.contains(&method.as_str())
            && no_args
            && receiver_name.is_some_and(|name| self.context.is(name, Declared::RefCell));
        let user_guard_fn = self.context.guard_fns.contains(&method);
        if (acquires || borrows || user_guard_fn) && !awaited {
            let receiver = self.expr(&call.receiver, state);
            Self::temps(
                Val {
                    place: None,
                    ..receiver
                },
                state,
            );
            for arg in &call.args {
                let value = self.expr(arg, state);
                Self::temps(
                    Val {
                        place: None,
                        ..value
                    },
                    state,
                );
            }
            let flavor = if borrows {
                Flavor::RefCell
            } else {
                Flavor::Sync
            };
            let taken = format!(
                "{}.{method}({})",
                text(&call.receiver),
                if no_args { "" } else { ".." }
            );
            let id = self.new_guard(call, flavor, taken, text(&call.receiver));
            return Val {
                guards: vec![id],
                ..Val::default()
            };
        }
        let receiver = self.expr(&call.receiver, state);
        if KEEP_GUARD.contains(&method.as_str()) {
            let owned = self.take(&receiver, state);
            for arg in &call.args {
                let value = self.expr(arg, state);
                Self::temps(
                    Val {
                        place: None,
                        ..value
                    },
                    state,
                );
            }
            return Val {
                guards: owned,
                place: None,
                checks: receiver.checks,
            };
        }
        let through = Self::reach(&receiver, state);
        let mut checks = receiver.checks.clone();
        Self::temps(
            Val {
                place: None,
                ..receiver
            },
            state,
        );
        let mut first_arg = None;
        for (index, arg) in call.args.iter().enumerate() {
            let value = self.expr(arg, state);
            union(&mut checks, value.checks.clone());
            if index == 0 {
                first_arg = Some(arg);
            }
            self.consume(&value, state);
        }
        if !awaited {
            let configured = self.configured_blocking(std::slice::from_ref(&method));
            if let Some(what) = blocking_method(call).or(configured) {
                let in_memory = receiver_name
                    .is_some_and(|name| self.context.is(name, Declared::Buffer))
                    || (method == "send"
                        && sender_name(&call.receiver).is_some_and(|name| {
                            self.context.is(&name, Declared::NonBlockingSender)
                        }));
                if !in_memory {
                    self.io_point(site(call), what, method_location(call), state);
                }
            }
        }
        if !through.is_empty() {
            let map_use = MapUse {
                call,
                key: first_arg,
                inspected: self.inspected.contains(&(call as *const _)),
            };
            if let Some(check) = self.map_use(map_use, &through, state) {
                checks.push(check);
            }
        }
        Val::with_checks(checks)
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

    fn map_use(
        &mut self,
        map_use: MapUse<'_>,
        through: &[GuardId],
        state: &State,
    ) -> Option<usize> {
        let roots: Vec<(GuardId, String)> = through
            .iter()
            .filter(|id| self.guards[**id].flavor != Flavor::RefCell)
            .map(|id| (*id, root_of(&self.guards[*id].taken)))
            .collect();
        if roots.is_empty() {
            return None;
        }
        self.maps
            .observe(self.report, &map_use, &roots, &state.control)
    }

    fn call(&mut self, call: &syn::ExprCall, state: &mut State, awaited: bool) -> Val {
        let Expr::Path(func) = &*call.func else {
            let callee = self.expr(&call.func, state);
            Self::temps(callee, state);
            for arg in &call.args {
                let value = self.expr(arg, state);
                self.consume(&value, state);
            }
            return Val::default();
        };
        let path = &func.path;
        let names: Vec<String> = segments(path).map(ToString::to_string).collect();
        let last = names.last().map_or("", String::as_str);
        let second_last = names
            .len()
            .checked_sub(2)
            .map(|index| names[index].as_str());
        // `drop(g)`, `mem::drop(g)`.
        if last == "drop"
            && call.args.len() == 1
            && (names.len() == 1 || second_last == Some("mem"))
        {
            let value = self.expr(&call.args[0], state);
            let owned = self.take(&value, state);
            state.kill(&owned);
            return Val::default();
        }
        // `MutexGuard::map(g, ..)`, `RwLockUpgradableReadGuard::upgrade(g)`.
        let maps_guard = second_last
            .is_some_and(|ty| ty.ends_with("Guard") || ty == "Ref" || ty == "RefMut")
            && MAP_GUARD.contains(&last);
        // `Some(g)`, `Wrapper(g)`, `Box::new(g)`, `Holder::new(g)`.
        let wraps = last.starts_with(char::is_uppercase)
            || ((last == "new" || last == "from")
                && second_last.is_some_and(|ty| ty.starts_with(char::is_uppercase)));
        if maps_guard || wraps {
            let mut owned = Vec::new();
            let mut checks = Vec::new();
            for (index, arg) in call.args.iter().enumerate() {
                let value = self.expr(arg, state);
                union(&mut checks, value.checks.clone());
                if index == 0 || wraps {
                    owned.extend(self.take(&value, state));
                } else {
                    Self::temps(
                        Val {
                            place: None,
                            ..value
                        },
                        state,
                    );
                }
            }
            return Val {
                guards: owned,
                place: None,
                checks,
            };
        }
        let mut checks = Vec::new();
        for arg in &call.args {
            let value = self.expr(arg, state);
            union(&mut checks, value.checks.clone());
            self.consume(&value, state);
        }
        if path.segments.len() == 1 && self.context.guard_fns.contains(last) && !awaited {
            let taken = format!("{last}(..)");
            let id = self.new_guard(call, Flavor::Sync, taken.clone(), taken);
            return Val {
                guards: vec![id],
                place: None,
                checks,
            };
        }
        if !awaited {
            if let Some(what) =
                blocking_function(&names).or_else(|| self.configured_blocking(&names))
            {
                self.io_point(site(call), what, Location::of(call), state);
            }
        }
        Val::with_checks(checks)
    }

    fn mac(&mut self, mac: &syn::Macro, state: &mut State) -> Val {
        let name = mac
            .path
            .segments
            .last()
            .map(|segment| segment.ident.to_string())
            .unwrap_or_default();
        if matches!(name.as_str(), "select" | "join" | "try_join") {
            self.await_point(site(mac), Location::of(mac), state, None);
            return Val::default();
        }
        if PRINTS.contains(&name.as_str()) {
            self.print_point(&name, mac, state);
        }
        if let Ok(args) = mac.parse_body_with(Punctuated::<Expr, Token![,]>::parse_terminated) {
            for arg in &args {
                let value = self.expr(arg, state);
                Self::temps(
                    Val {
                        place: None,
                        ..value
                    },
                    state,
                );
            }
        }
        if matches!(
            name.as_str(),
            "panic" | "unreachable" | "todo" | "unimplemented"
        ) {
            state.diverged = true;
        }
        Val::default()
    }
}

/// A syntax node's address, to recognise it when a loop body is followed twice.
fn site<T>(node: &T) -> *const () {
    (node as *const T).cast()
}

/// Messages of LOCK_ACROSS_AWAIT for one guard.
fn across_await(guard: &Guard) -> (String, String) {
    let holder = match &guard.binding {
        Some(name) => format!("`{name}` (from `{}`)", guard.taken),
        None => format!("the temporary guard of `{}`", guard.taken),
    };
    if guard.flavor == Flavor::RefCell {
        return (
            format!(
                "{holder} is still borrowed at this `.await`: while the task is suspended, \
                 any other task that borrows the same `RefCell` panics"
            ),
            "end the borrow before awaiting: copy out what you need (`let v = cell.borrow().clone();`) \
             or put the borrow in its own block"
                .to_owned(),
        );
    }
    let help = match &guard.binding {
        Some(name) => format!(
            "release the lock before awaiting: put the critical section in its own block \
             (`let v = {{ let {name} = ..; {name}.value.clone() }};`) or call `drop({name});` \
             before the `.await`; if the lock must stay held while waiting, use an async lock \
             (`tokio::sync::Mutex`, taken with `.lock().await`)"
        ),
        None => "a temporary guard lives until the end of its statement: bind what you need first \
                 (`let v = m.lock().unwrap().clone();`) and await in the next statement"
            .to_owned(),
    };
    (
        format!(
            "{holder} is still alive at this `.await`: the task can be suspended while holding a \
             synchronous lock, blocking every thread that wants it (executor workers included) \
             until this task is polled again"
        ),
        help,
    )
}

fn strip_type(pat: &Pat) -> &Pat {
    match pat {
        Pat::Type(typed) => strip_type(&typed.pat),
        other => other,
    }
}

/// The names a pattern binds.
fn pat_names(pat: &Pat, into: &mut Vec<String>) {
    struct Names<'a>(&'a mut Vec<String>);
    impl<'ast> Visit<'ast> for Names<'_> {
        fn visit_pat_ident(&mut self, binding: &'ast syn::PatIdent) {
            let name = binding.ident.to_string();
            // `None`, `Empty` and other constants in patterns start uppercase.
            if !name.starts_with(char::is_uppercase) {
                self.0.push(name);
            }
            visit::visit_pat_ident(self, binding);
        }
        fn visit_expr(&mut self, _: &'ast Expr) {}
    }
    Names(into).visit_pat(pat);
}

/// Whether a pattern binds by value (`Some(g)`), rather than only by
/// reference (`Some(ref g)`).
fn pat_moves(pat: &Pat) -> bool {
    struct Moves(bool);
    impl<'ast> Visit<'ast> for Moves {
        fn visit_pat_ident(&mut self, binding: &'ast syn::PatIdent) {
            self.0 |= binding.by_ref.is_none();
            visit::visit_pat_ident(self, binding);
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
            Expr::MethodCall(call) => {
                let method = call.method.to_string();
                return KEEP_GUARD.contains(&method.as_str()) || ACQUIRE.contains(&method.as_str());
            }
            _ => return false,
        };
    }
}

/// The last name in a receiver, and whether it is a field: `state` for
/// `self.inner.state` (a field) or `state` (a variable or static).
fn receiver_name(receiver: &Expr) -> Option<(String, bool)> {
    match receiver {
        Expr::Field(field) => match &field.member {
            syn::Member::Named(ident) => Some((ident.to_string(), true)),
            syn::Member::Unnamed(_) => None,
        },
        Expr::Path(path) => path
            .path
            .segments
            .last()
            .map(|s| (s.ident.to_string(), false)),
        Expr::Paren(inner) => receiver_name(&inner.expr),
        Expr::Reference(reference) => receiver_name(&reference.expr),
        Expr::Unary(unary) => receiver_name(&unary.expr),
        Expr::MethodCall(call) if call.method == "clone" || call.method == "as_ref" => {
            receiver_name(&call.receiver)
        }
        _ => None,
    }
}

/// The variable or field a sender is reached through: `tx` for `tx`,
/// `self.tx.lock().unwrap()`, `tx.as_ref().unwrap()` or
/// `self.tx.lock().unwrap_or_else(PoisonError::into_inner)`.
fn sender_name(receiver: &Expr) -> Option<(String, bool)> {
    match receiver {
        Expr::MethodCall(call)
            if call.args.is_empty() || KEEP_GUARD.iter().any(|keep| call.method == keep) =>
        {
            sender_name(&call.receiver)
        }
        Expr::Try(attempt) => sender_name(&attempt.expr),
        other => receiver_name(other),
    }
}

/// `self.items` out of `self.items.lock()` / `self.items.read().await`.
fn root_of(taken: &str) -> String {
    let trimmed = taken.strip_suffix(".await").unwrap_or(taken);
    match trimmed.rfind('.') {
        Some(dot) => trimmed[..dot].to_owned(),
        None => trimmed.to_owned(),
    }
}

fn is_std_stream(receiver: &Expr) -> bool {
    match receiver {
        Expr::Call(call) => match &*call.func {
            Expr::Path(func) => segments(&func.path)
                .last()
                .is_some_and(|ident| STD_STREAMS.iter().any(|stream| ident == stream)),
            _ => false,
        },
        Expr::Paren(inner) => is_std_stream(&inner.expr),
        _ => false,
    }
}

fn method_location(call: &ExprMethodCall) -> Location {
    Location {
        start: call.method.span(),
        end: call.paren_token.span.close(),
    }
}

/// A synchronous method call that blocks on I/O, by name and arity.
fn blocking_method(call: &ExprMethodCall) -> Option<&'static str> {
    let method = call.method.to_string();
    let args = call.args.len();
    Some(match (method.as_str(), args) {
        (
            "read" | "read_exact" | "read_to_end" | "read_to_string" | "read_line"
            | "read_vectored",
            1,
        ) => "a blocking read",
        ("write" | "write_all" | "write_vectored" | "write_fmt", 1) | ("flush", 0) => {
            "a blocking write"
        }
        ("sync_all" | "sync_data", 0) => "a file sync",
        ("send", 1)
        | ("recv", 0)
        | ("recv_timeout", 1)
        | ("blocking_send", 1)
        | ("blocking_recv", 0) => "a blocking channel operation",
        ("join", 0) => "joining a thread",
        ("accept", 0) | ("connect", 1) | ("send_to", 2) | ("recv_from", 1) | ("peek", 1) => {
            "network I/O"
        }
        ("output" | "status" | "wait_with_output", 0) if built_by_command(&call.receiver) => {
            "running a process"
        }
        ("wait", 0) => "a blocking wait",
        ("block_on", 1) => "blocking on a future",
        _ => return None,
    })
}

fn built_by_command(receiver: &Expr) -> bool {
    let mut current = receiver;
    loop {
        match current {
            Expr::MethodCall(call) => current = &call.receiver,
            Expr::Call(call) => {
                return matches!(&*call.func, Expr::Path(func)
                    if segments(&func.path).any(|segment| segment == "Command"));
            }
            Expr::Path(path) => {
                return path
                    .path
                    .get_ident()
                    .is_some_and(|ident| ident.to_string().contains("command") || ident == "cmd");
            }
            _ => return false,
        }
    }
}

/// A synchronous function that blocks on I/O, by path.
fn blocking_function(names: &[String]) -> Option<&'static str> {
    let has = |name: &str| names.iter().any(|segment| segment == name);
    let last = names.last().map_or("", String::as_str);
    let second_last = names
        .len()
        .checked_sub(2)
        .map_or("", |index| names[index].as_str());
    if has("tokio") || has("async_std") {
        return None;
    }
    if has("fs") || second_last == "File" || second_last == "OpenOptions" {
        return Some("file I/O");
    }
    if matches!(
        second_last,
        "TcpStream" | "TcpListener" | "UdpSocket" | "UnixStream" | "UnixListener" | "UnixDatagram"
    ) || has("net")
    {
        return Some("network I/O");
    }
    if last == "sleep" && (names.len() == 1 || second_last == "thread") {
        return Some("a sleep");
    }
    if has("process") && last != "id" && last != "exit" {
        return Some("running a process");
    }
    None
}

/// What an awaited expression waits on, when it is I/O.
fn awaited_io(base: &Expr) -> Option<&'static str> {
    match base {
        Expr::MethodCall(call) => {
            let method = call.method.to_string();
            Some(match method.as_str() {
                "read" | "read_exact" | "read_to_end" | "read_to_string" | "read_line"
                | "read_buf" => "an awaited read",
                "write" | "write_all" | "flush" | "write_buf" | "shutdown" => "an awaited write",
                "send" | "recv" | "send_to" | "recv_from" | "reserve" => {
                    "an awaited send or receive"
                }
                "connect" | "accept" => "awaited network I/O",
                "execute" | "fetch_one" | "fetch_all" | "fetch_optional" => {
                    "an awaited database query"
                }
                _ => return None,
            })
        }
        Expr::Call(call) => {
            let Expr::Path(func) = &*call.func else {
                return None;
            };
            let names: Vec<String> = segments(&func.path).map(ToString::to_string).collect();
            let has = |name: &str| names.iter().any(|segment| segment == name);
            let last = names.last().map_or("", String::as_str);
            let second_last = names
                .len()
                .checked_sub(2)
                .map_or("", |index| names[index].as_str());
            if has("fs") || second_last == "File" {
                Some("awaited file I/O")
            } else if matches!(
                second_last,
                "TcpStream" | "TcpListener" | "UdpSocket" | "UnixStream"
            ) || has("net")
            {
                Some("awaited network I/O")
            } else if last == "sleep" || last == "sleep_until" {
                Some("an awaited sleep")
            } else {
                None
            }
        }
        Expr::Paren(inner) => awaited_io(&inner.expr),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
