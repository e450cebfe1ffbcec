//! The flow: every function body followed statement by statement, with the
//! type of every value it can know and the lock guards alive at each point,
//! tracked the way rustc drops them. It reports nothing itself; it tells
//! an [`Observer`] what happens (an `.await` with these guards alive, a
//! blocking call, a print), and the observers decide: one file per check
//! code (`locks/across_await.rs`, `locks/wraps_io.rs`, ...) and one that
//! collects function facts ([`crate::facts`]).
//!
//! Guards:
//! - A guard is a value whose type the well-known APIs mark as one
//!   (`MutexGuard`, `RwLockReadGuard`, tokio's guards, `Ref`/`RefMut`,
//!   `watch::Ref`, `DashMap`'s `Ref`), or a type the project names in
//!   `unmixed.toml`. A call whose result holds a guard and that consumes
//!   none takes a lock (`m.lock()`, `cell.borrow()`, a function of the
//!   program returning `MutexGuard`); one that consumes a guard hands it on
//!   (`.unwrap()`, `MutexGuard::map(g, ..)`, `Some(g)`).
//! - It stays alive while bound (also inside `Some(g)`, a tuple, a struct
//!   literal or an array), as a temporary until the end of its statement,
//!   through a whole `match` or `for`, through the body of an `if let` or
//!   `while let` whose scrutinee holds it, and for the lifetime of a `let`
//!   that borrows from it (`let x = &m.lock().unwrap().field;`).
//! - It ends at the end of its block, at `drop(g)`, when it is moved into
//!   a call or a method that takes it by value (`txn.commit()`), moved
//!   into a closure or returned, when its variable is reassigned, in
//!   `let _ = ..`, and after an `if` condition or the left side of
//!   `&&`/`||` that made it.
//! - Branches are merged; paths that return, break or panic do not count;
//!   loop bodies run twice so that a guard taken at the end of one
//!   iteration is seen at the start of the next.
//!
//! Where a type cannot be known, nothing is a guard and nothing is I/O:
//! a method's name alone never makes either.

mod calls;
mod maps;
mod state;
mod walk;

pub(crate) use state::{Binding, Effect, Flavor, Guard, GuardId, Site, State, Val};

use syn::{Block, FnArg};

use crate::facts::Facts;
use crate::locks::debug_println::Watches;
use crate::program::{FnId, ModId, Program, Ty, TyExpr};
use crate::{Location, Report};

/// What the project tells the checks about its own code (`unmixed.toml`).
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Functions or methods that return a lock guard, by name.
    pub guard_functions: Vec<String>,
    /// Calls that block like I/O: a path's last segments, or a method name.
    pub blocking_calls: Vec<String>,
    /// The project's own guard types, by name.
    pub guard_types: Vec<String>,
}

/// Where a body is: what its names and types resolve against.
#[derive(Clone)]
pub(crate) struct Scope<'p> {
    pub program: &'p Program,
    pub module: ModId,
    pub self_ty: Option<Ty>,
    pub generics: Vec<String>,
    pub function: Option<FnId>,
}

impl Scope<'_> {
    /// What a path written in this scope names, in namespace `ns`.
    pub(crate) fn resolve_path(
        &self,
        path: &syn::Path,
        ns: crate::program::resolve::Ns,
    ) -> Option<crate::program::resolve::Res> {
        let segments: Vec<String> = path
            .segments
            .iter()
            .map(|segment| crate::program::unraw(&segment.ident))
            .collect();
        self.program
            .resolve_path(self.module, path.leading_colon.is_some(), &segments, ns)
    }

    /// The function of the program a path names: `helper`, `Type::new`,
    /// `Self::method`.
    pub(crate) fn function_at(&self, path: &syn::Path) -> Option<FnId> {
        use crate::program::resolve::{Ns, Res};
        let program = self.program;
        let mut segments = path.segments.iter();
        if segments.next().is_some_and(|first| first.ident == "Self") {
            let name = crate::program::unraw(&segments.next()?.ident);
            return program
                .associated(self.self_ty.as_ref()?, &name)
                .map(|method| method.id);
        }
        match self.resolve_path(path, Ns::Value)? {
            Res::Value(found) => match program.value(&found)? {
                crate::program::ValueDef::Fn(id) => Some(*id),
                _ => None,
            },
            Res::Assoc(ty, name) => program
                .associated(&Ty::named(&ty), &name)
                .map(|method| method.id),
            _ => None,
        }
    }

    pub fn resolve_type(&self, ty: &syn::Type) -> Ty {
        self.program.resolve_type(
            self.module,
            &TyExpr::of(ty),
            &self.generics,
            self.self_ty.as_ref(),
        )
    }
}

/// The other side of the flow: told what happens, decides what it means.
pub(crate) trait Observer {
    /// An `.await` (or `select!`/`join!`), where `effect` is what the
    /// awaited future does, with `live` guards alive; `exempt` are guards
    /// that exist for this I/O: the I/O is on what they protect, or its
    /// result is stored there.
    fn awaited(
        &mut self,
        cx: &mut Cx<'_>,
        site: Site,
        effect: Option<&Effect>,
        live: &[GuardId],
        exempt: &[GuardId],
    ) {
        let _ = (cx, site, effect, live, exempt);
    }

    /// A call that blocks the thread on I/O, with `live` guards alive;
    /// `through` are guards the call's receiver is reached through.
    fn blocking(
        &mut self,
        cx: &mut Cx<'_>,
        site: Site,
        effect: &Effect,
        live: &[GuardId],
        through: &[GuardId],
    ) {
        let _ = (cx, site, effect, live, through);
    }

    /// A print macro (`println!`, `dbg!`, ...) with `live` guards alive;
    /// `watches` says what its arguments show of the concurrency, `spawned`
    /// that it runs in a closure or future handed to a spawning call.
    fn printed(
        &mut self,
        cx: &mut Cx<'_>,
        mac: &syn::Macro,
        name: &str,
        live: &[GuardId],
        watches: Option<Watches>,
        spawned: bool,
    ) {
        let _ = (cx, mac, name, live, watches, spawned);
    }

    /// A call of a function of the program (`awaited` right there);
    /// `on_self`: a method call on a value reached from the caller's `self`.
    fn called(
        &mut self,
        cx: &mut Cx<'_>,
        callee: FnId,
        awaited: bool,
        on_self: bool,
        live: &[GuardId],
    ) {
        let _ = (cx, callee, awaited, on_self, live);
    }

    /// A parameter of the function called as a function (`f(..)`).
    fn called_param(&mut self, cx: &mut Cx<'_>, index: usize, live: &[GuardId]) {
        let _ = (cx, index, live);
    }

    /// A guard taken.
    fn acquired(&mut self, cx: &mut Cx<'_>, guard: GuardId) {
        let _ = (cx, guard);
    }

    /// The body has been followed: what the function does to maps behind
    /// locks, as its callers see it.
    fn maps_done(&mut self, cx: &mut Cx<'_>, maps: &crate::facts::MapFacts) {
        let _ = (cx, maps);
    }

    /// A value made by the I/O calls at `sites` is stored into what
    /// `guards` protect (`*cache = Some(loaded)`, `map.insert(k, opened)`):
    /// those locks are held for that I/O.
    fn stored(&mut self, cx: &mut Cx<'_>, guards: &[GuardId], sites: &[*const ()]) {
        let _ = (cx, guards, sites);
    }

    /// The whole body has been followed.
    fn finished(&mut self, cx: &mut Cx<'_>) {
        let _ = cx;
    }

    /// A field or static (`place`: `app::Client.next_id`, `app::CACHE`),
    /// itself, a reference to it or a clone of its `Arc`, given as
    /// argument `index` (after any receiver) of a function of the program.
    fn passed(&mut self, cx: &mut Cx<'_>, callee: FnId, index: usize, place: &str) {
        let _ = (cx, callee, index, place);
    }

    /// A method call resolved to a method of `found_on` (after derefs:
    /// `Mutex<T>` for `.lock()` on an `Arc<Mutex<T>>`).
    fn method_resolved(&mut self, cx: &mut Cx<'_>, call: &syn::ExprMethodCall, found_on: &Ty) {
        let _ = (cx, call, found_on);
    }
}

/// What observers may look at and change.
pub(crate) struct Cx<'a> {
    pub guards: &'a mut Vec<Guard>,
    pub report: &'a mut Report,
    pub program: &'a Program,
    /// The event happens in a closure or future that does not run as part
    /// of the function's own execution (spawned, stored, returned).
    pub deferred: bool,
}

/// Follows one function's body (`sig` gives its parameters), telling `observer`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn run_fn(
    scope: &Scope<'_>,
    sig: &syn::Signature,
    body: &Block,
    facts: &Facts,
    settings: &Settings,
    observer: &mut dyn Observer,
    report: &mut Report,
) {
    run_fn_with(scope, sig, body, facts, settings, observer, report, false);
}

/// [`run_fn`], where closures and `async` blocks see the types of the
/// variables they capture (for checks that resolve calls made in them).
#[allow(clippy::too_many_arguments)]
pub(crate) fn run_fn_capturing(
    scope: &Scope<'_>,
    sig: &syn::Signature,
    body: &Block,
    facts: &Facts,
    settings: &Settings,
    observer: &mut dyn Observer,
    report: &mut Report,
) {
    run_fn_with(scope, sig, body, facts, settings, observer, report, true);
}

#[allow(clippy::too_many_arguments)]
fn run_fn_with(
    scope: &Scope<'_>,
    sig: &syn::Signature,
    body: &Block,
    facts: &Facts,
    settings: &Settings,
    observer: &mut dyn Observer,
    report: &mut Report,
    captures: bool,
) {
    let mut flow = walk::Flow::new(scope.clone(), facts, settings, observer, report);
    flow.captures = captures;
    let mut state = State::default();
    let declared = scope.function.map(|id| scope.program.function(id));
    let mut typed_params = declared.map(|def| def.params.iter());
    for input in &sig.inputs {
        match input {
            FnArg::Receiver(receiver) => {
                let self_ty = scope.self_ty.clone().unwrap_or_default();
                let ty = match (&receiver.reference, receiver.colon_token) {
                    (_, Some(_)) => scope.resolve_type(&receiver.ty),
                    (Some((_, _)), None) => Ty::reference(receiver.mutability.is_some(), self_ty),
                    (None, None) => self_ty,
                };
                let mut binding = Binding::new("self".to_owned(), ty);
                binding.from_self = true;
                state.bindings.push(binding);
            }
            FnArg::Typed(typed) => {
                let ty = typed_params
                    .as_mut()
                    .and_then(Iterator::next)
                    .map(|(_, ty)| ty.clone())
                    .unwrap_or_else(|| scope.resolve_type(&typed.ty));
                flow.param(&typed.pat, ty, &mut state);
            }
        }
    }
    flow.body(body, &mut state);
    flow.maps_done();
    flow.tell(|observer, cx| observer.finished(cx));
}

/// The span of a call, from the first token of what is called to the
/// closing parenthesis (without turning the whole call back into tokens).
pub(crate) fn call_location(call: &syn::ExprCall) -> Location {
    Location {
        start: first_span(&call.func),
        end: call.paren_token.span.close(),
    }
}

/// The span of an expression's first token, found without copying it.
pub(crate) fn first_span(expr: &syn::Expr) -> proc_macro2::Span {
    use syn::spanned::Spanned;
    match expr {
        syn::Expr::Path(path) => path
            .path
            .segments
            .first()
            .map_or_else(|| path.span(), |segment| segment.ident.span()),
        syn::Expr::MethodCall(call) => first_span(&call.receiver),
        syn::Expr::Field(field) => first_span(&field.base),
        syn::Expr::Call(call) => first_span(&call.func),
        syn::Expr::Await(awaited) => first_span(&awaited.base),
        syn::Expr::Try(attempt) => first_span(&attempt.expr),
        other => Location::of(other).start,
    }
}

/// The span from a method's name to its closing parenthesis.
pub(crate) fn method_location(call: &syn::ExprMethodCall) -> Location {
    Location {
        start: call.method.span(),
        end: call.paren_token.span.close(),
    }
}
