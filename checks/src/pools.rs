//! Checks on worker pools: WORKER_POOL_BRANCHES_ON_TID and
//! JOIN_INSTEAD_OF_SPAWN_FOR_PARALLELISM on the job's code. (The
//! declaration's own checks, UNBOUNDED_WORKER_QUEUE and
//! CONNECTION_POOL_UNDERSIZED, are [`crate::declare::pool::check`];
//! MIXED_MODELS and unbounded channels made inside pool code come from
//! [`crate::primitives`] and [`crate::channels`].)
//!
//! WORKER_POOL_BRANCHES_ON_TID catches what lets a job know which worker runs
//! it: `thread::current()`, `rayon::current_thread_index()`, the `ThreadId`
//! type, `thread_local!` declarations, `KEY.with(..)` on an upper-case static
//! (how thread-locals are read), and job parameters named like a worker
//! index (`worker_id`, `thread_index`, `tid`, or `worker: usize`). It leaves
//! alone `thread::sleep`, `thread::spawn` and `available_parallelism()`,
//! which say nothing about the current worker, and parameters that merely
//! mention a worker in a longer name (`worker_name: String`).
//!
//! JOIN_INSTEAD_OF_SPAWN_FOR_PARALLELISM catches `join!`/`try_join!` (bare,
//! or from tokio or futures) whose futures are all calls of the same
//! function on different arguments: the shape of work meant to be split
//! across cores, which `join!` runs on one task. It leaves alone joins of
//! different functions (concurrent waits on different things are what
//! `join!` is for), method calls (usually I/O on a client), `join_all` and
//! `FuturesUnordered`, and macros whose arguments it cannot parse.

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::punctuated::Punctuated;
use syn::{Expr, FnArg, Macro, Pat, Path, Signature, Token, Type};

use crate::analysis::Unit;
use crate::declare::{self, pool::PoolDecl};
use crate::facts::Facts;
use crate::flow::Scope;
use crate::model::{Declared, Model};
use crate::program::{FnId, Program};
use crate::syntax::{ends_with, segments, Position, Rule, Visitable, Walk};
use crate::{channels, primitives};
use crate::{Code, Finding, Location, Report};

/// Every pool check on a job function declared with `#[worker_pool]`:
/// the declaration, MIXED_MODELS, unbounded channels, and the job's code
/// and parameters. The macro and the reviewer both call this.
pub fn check_fn(item: &syn::ItemFn, declaration: &PoolDecl, report: &mut Report) {
    let name = item.sig.ident.to_string();
    let declared = Declared {
        model: Model::WorkerPool,
        name: &name,
    };
    report.allowing(&item.attrs, |report| {
        declare::pool::check(declaration, &name, report);
        primitives::check(item, declared, report);
        channels::check(item, Code::UNBOUNDED_WORKER_QUEUE, Some(declared), report);
        check_code(item, declared, item.sig.asyncness.is_some(), report);
        check_job_signature(&item.sig, declared, report);
    });
}

/// Every pool check on a module declared with `#[worker_pool]`, whose job
/// is `job` (when it could be found): the whole module is pool code.
pub fn check_module(
    module: &syn::ItemMod,
    job: Option<&syn::ItemFn>,
    declaration: &PoolDecl,
    report: &mut Report,
) {
    let name = module.ident.to_string();
    let declared = Declared {
        model: Model::WorkerPool,
        name: &name,
    };
    report.allowing(&module.attrs, |report| {
        declare::pool::check(declaration, &name, report);
        primitives::check(module, declared, report);
        channels::check(module, Code::UNBOUNDED_WORKER_QUEUE, Some(declared), report);
        check_code(module, declared, true, report);
        if let Some(job) = job {
            report.allowing(&job.attrs, |report| {
                check_job_signature(&job.sig, declared, report);
            });
        }
    });
}

/// Checks a job's parameters for a worker index.
pub fn check_job_signature(sig: &Signature, declared: Declared<'_>, report: &mut Report) {
    for input in &sig.inputs {
        let FnArg::Typed(typed) = input else { continue };
        let Pat::Ident(binding) = &*typed.pat else {
            continue;
        };
        let name = binding.ident.to_string();
        let name = name.strip_prefix("r#").unwrap_or(&name);
        let name = name.trim_start_matches('_');
        let is_index = INDEX_NAMES.contains(&name)
            || (BARE_INDEX_NAMES.contains(&name) && is_integer(&typed.ty));
        if is_index {
            report.push(branches_on_tid(
                Location::of(typed),
                format!("job parameter `{name}` tells the job which worker runs it"),
                declared,
            ));
        }
    }
}

/// Checks code that runs in a pool's workers (a job function, or a pool
/// module); `joins` also looks for `join!` used for parallelism, which only
/// async code can contain.
pub fn check_code<N: Visitable>(
    node: &N,
    declared: Declared<'_>,
    joins: bool,
    report: &mut Report,
) {
    let mut walk = Walk::new(PoolCode { declared, joins }, report);
    node.visit_with(&mut walk);
}

/// Parameter names that carry a worker's identity, whatever their type.
const INDEX_NAMES: &[&str] = &[
    "worker_id",
    "worker_index",
    "worker_idx",
    "worker_no",
    "worker_num",
    "worker_number",
    "thread_id",
    "thread_index",
    "thread_idx",
    "thread_no",
    "thread_num",
    "thread_number",
    "tid",
    "wid",
];

/// Parameter names that carry a worker's identity when they are integers.
const BARE_INDEX_NAMES: &[&str] = &["worker", "thread"];

const INTEGERS: &[&str] = &[
    "usize", "u8", "u16", "u32", "u64", "u128", "isize", "i8", "i16", "i32", "i64", "i128",
];

/// Thread-local accessors.
const LOCAL_KEY_METHODS: &[&str] = &["with", "with_borrow", "with_borrow_mut"];

fn is_integer(ty: &Type) -> bool {
    match ty {
        Type::Path(path) => path
            .path
            .get_ident()
            .is_some_and(|ident| INTEGERS.iter().any(|int| ident == int)),
        Type::Group(group) => is_integer(&group.elem),
        Type::Paren(paren) => is_integer(&paren.elem),
        _ => false,
    }
}

fn branches_on_tid(location: Location, what: String, declared: Declared<'_>) -> Finding {
    let Declared { model, name } = declared;
    Finding::new(
        Code::WORKER_POOL_BRANCHES_ON_TID,
        location,
        format!(
            "{what}, inside {model} `{name}`: a pool's workers are interchangeable, so a job \
             that depends on which one runs it is an actor in disguise"
        ),
        "if each worker owns different state, make that state an actor: `#[unmixed::actor] impl Shard { .. }`, \
         one per shard, and send each job to its shard; if the job only needs a resource of its own, \
         declare it: `#[unmixed::worker_pool(bounded = 64, resource = Db, max_wait = \"250ms\")]`",
    )
}

struct PoolCode<'a> {
    declared: Declared<'a>,
    joins: bool,
}

impl Rule for PoolCode<'_> {
    fn path(&mut self, path: &Path, report: &mut Report) {
        let what = if ends_with(path, &["thread", "current"]) {
            "`thread::current()` identifies the worker thread"
        } else if ends_with(path, &["current_thread_index"]) {
            "`current_thread_index()` identifies the worker thread"
        } else if ends_with(path, &["ThreadId"]) {
            "`ThreadId` keys data by worker thread"
        } else {
            return;
        };
        report.push(branches_on_tid(
            Location::of(path),
            what.to_owned(),
            self.declared,
        ));
    }

    fn expr(&mut self, expr: &Expr, _at: Position, report: &mut Report) {
        let Expr::MethodCall(call) = expr else { return };
        let method = call.method.to_string();
        if !LOCAL_KEY_METHODS.contains(&method.as_str()) {
            return;
        }
        let Expr::Path(receiver) = &*call.receiver else {
            return;
        };
        let Some(key) = segments(&receiver.path).last() else {
            return;
        };
        let key = key.to_string();
        let upper = key.len() > 1
            && key.chars().any(|c| c.is_ascii_uppercase())
            && !key.chars().any(|c| c.is_ascii_lowercase());
        if !upper {
            return;
        }
        let location = Location {
            start: Location::of(&call.receiver).start,
            end: call.paren_token.span.close(),
        };
        report.push(branches_on_tid(
            location,
            format!("`{key}.{method}(..)` reads a thread-local, one copy per worker thread"),
            self.declared,
        ));
    }

    fn mac(&mut self, mac: &Macro, report: &mut Report) {
        if ends_with(&mac.path, &["thread_local"]) {
            report.push(branches_on_tid(
                Location::of(mac),
                "`thread_local!` gives every worker thread its own copy of this state".to_owned(),
                self.declared,
            ));
            return;
        }
        if self.joins {
            if let Some(finding) = join_for_parallelism(mac, self.declared) {
                report.push(finding);
            }
        }
    }
}

fn join_for_parallelism(mac: &Macro, declared: Declared<'_>) -> Option<Finding> {
    let mut idents = segments(&mac.path).rev();
    let last = idents.next()?.to_string();
    if last != "join" && last != "try_join" {
        return None;
    }
    match idents.next() {
        None => {}
        Some(qualifier) if qualifier == "tokio" || qualifier == "futures" => {}
        Some(_) => return None,
    }
    let futures = mac
        .parse_body_with(Punctuated::<Expr, Token![,]>::parse_terminated)
        .ok()?;
    if futures.len() < 2 {
        return None;
    }
    let mut function: Option<String> = None;
    let mut arguments: Vec<String> = Vec::new();
    for future in &futures {
        let Expr::Call(call) = future else {
            return None;
        };
        let Expr::Path(func) = &*call.func else {
            return None;
        };
        let name = compact(&func.path);
        if function.get_or_insert_with(|| name.clone()) != &name {
            return None;
        }
        arguments.push(call.args.to_token_stream().to_string());
    }
    let first = &arguments[0];
    if arguments.iter().all(|args| args == first) {
        // The same call twice is not data split across workers.
        return None;
    }
    let function = function?;
    let macro_name = compact(&mac.path);
    let Declared { model, name } = declared;
    Some(Finding::new(
        Code::JOIN_INSTEAD_OF_SPAWN_FOR_PARALLELISM,
        Location::of(mac),
        format!(
            "`{macro_name}!` runs these {} `{function}(..)` calls concurrently on one task, never in \
             parallel, inside {model} `{name}`",
            futures.len()
        ),
        format!(
            "to use more than one core, run each call as its own task: `tokio::spawn({function}(..))` \
             and await the handles, or submit each to a pool: `pool.submit(..).await?` per call, then await the jobs"
        ),
    ))
}

fn compact(tokens: &impl ToTokens) -> String {
    let tokens: TokenStream = tokens.to_token_stream();
    tokens.to_string().replace(' ', "")
}

/// JOIN_INSTEAD_OF_SPAWN_FOR_PARALLELISM in code that declares no model,
/// as the reviewer runs it: `join!`/`try_join!` (tokio's or futures'),
/// `join_all`/`try_join_all`, and futures collected into a
/// `FuturesUnordered`, all polled on the one task that awaits them, over
/// futures of the program's async functions that cannot overlap:
/// - the function never awaits (its facts say so), so each future runs to
///   its end the first time it is polled;
/// - the function blocks its thread (a blocking call, through its callees);
/// - the function starts a child process (tokio's `Command::output`,
///   `status`, `spawn`): the fork and exec run on the thread that polls.
///
/// Every future joined must be such a call (a call, a method on `self`, or
/// an `async` block that awaits one); a join over anything else (I/O that
/// awaits, a future of unknown origin) is what `join!` is for and is left
/// alone.
pub fn check_unit(program: &Program, facts: &Facts, unit: Unit<'_>, report: &mut Report) {
    crate::analysis::each_body(
        program,
        unit,
        report,
        &["worker_pool"],
        &mut |_, scope, body, report| {
            let mut joins = Joins {
                scope,
                facts,
                report,
            };
            syn::visit::Visit::visit_block(&mut joins, body);
        },
    );
}

/// Why the futures of a function cannot overlap.
enum Serial {
    NeverAwaits,
    Blocks(crate::flow::Effect),
    StartsProcess(String),
}

struct Joins<'s, 'p, 'r> {
    scope: &'s Scope<'p>,
    facts: &'p Facts,
    report: &'r mut Report,
}

impl Joins<'_, '_, '_> {
    fn program(&self) -> &Program {
        self.scope.program
    }

    /// The program function a path resolves to.
    fn path_fn(&self, path: &Path) -> Option<FnId> {
        self.scope.function_at(path)
    }

    /// The program async function whose future `expr` is, and why its
    /// futures cannot overlap.
    fn serial(&self, expr: &Expr) -> Option<(FnId, Serial)> {
        let id = match expr {
            Expr::Call(call) => match &*call.func {
                Expr::Path(func) if func.qself.is_none() => self.path_fn(&func.path)?,
                _ => return None,
            },
            Expr::MethodCall(call) => {
                let is_self =
                    matches!(&*call.receiver, Expr::Path(path) if path.path.is_ident("self"));
                if !is_self {
                    return None;
                }
                let self_ty = self.scope.self_ty.as_ref()?;
                self.program()
                    .method(self_ty, &crate::program::unraw(&call.method))?
                    .id
            }
            Expr::Async(block) => return self.serial_block(&block.block),
            Expr::Paren(inner) => return self.serial(&inner.expr),
            _ => return None,
        };
        let def = self.program().function(id);
        if !def.is_async || def.body.is_none() {
            return None;
        }
        let facts = self.facts.get(id)?;
        if let Some(effect) = &facts.blocks {
            return Some((id, Serial::Blocks(effect.clone())));
        }
        if let Some(effect) = &facts.awaits_io {
            let starts = effect.kind == crate::program::IoKind::Process
                && [
                    "tokio::process::Command::output",
                    "tokio::process::Command::status",
                    "tokio::process::Command::spawn",
                ]
                .contains(&effect.api.as_str());
            return starts.then(|| (id, Serial::StartsProcess(effect.path())));
        }
        (!facts.awaits).then_some((id, Serial::NeverAwaits))
    }

    /// `async move { f(x).await }`: a block that only awaits one call.
    fn serial_block(&self, block: &syn::Block) -> Option<(FnId, Serial)> {
        let [syn::Stmt::Expr(last, None)] = block.stmts.as_slice() else {
            return None;
        };
        let mut expr = last;
        loop {
            expr = match expr {
                Expr::Try(attempt) => &attempt.expr,
                Expr::MethodCall(call)
                    if call.args.is_empty() && !matches!(&*call.receiver, Expr::Path(_)) =>
                {
                    &call.receiver
                }
                _ => break,
            };
        }
        match expr {
            Expr::Await(awaited) => self.serial(&awaited.base),
            _ => None,
        }
    }

    /// The futures an iterator chain makes: `.map(|x| f(x))`, `.map(f)`.
    fn serial_iter(&self, expr: &Expr) -> Option<(FnId, Serial)> {
        let mut current = expr;
        while let Expr::MethodCall(call) = current {
            if call.method == "map" && call.args.len() == 1 {
                return match &call.args[0] {
                    Expr::Closure(closure) => self.serial(&closure.body),
                    Expr::Path(path) => {
                        let id = self.path_fn(&path.path)?;
                        let def = self.program().function(id);
                        let call: Expr = syn::parse_quote!(#path());
                        let _ = def;
                        self.serial(&call)
                    }
                    _ => None,
                };
            }
            current = &call.receiver;
        }
        None
    }

    fn push(
        &mut self,
        location: Location,
        what: &str,
        count: Option<usize>,
        id: FnId,
        why: &Serial,
    ) {
        let name = self.program().function(id).name.clone();
        let futures = match count {
            Some(n) => format!("these {n} `{name}(..)` futures"),
            None => format!("every `{name}(..)` future"),
        };
        let reason = match why {
            Serial::NeverAwaits => format!(
                "`{name}` never awaits, so each one runs to its end the first time it is polled"
            ),
            Serial::Blocks(effect) => format!(
                "`{name}` blocks its thread ({} through {}), holding the task's thread while it runs",
                effect.kind.noun(false),
                effect.path()
            ),
            Serial::StartsProcess(path) => format!(
                "`{name}` starts a child process when first polled ({path}), and the fork and exec \
                 run on the thread that polls them"
            ),
        };
        let help = match why {
            Serial::Blocks(_) => format!(
                "run each call on a thread of its own: `tokio::task::spawn_blocking(move || ..)` per call \
                 (or make `{name}` do its blocking work in `spawn_blocking`), then await the handles"
            ),
            _ => format!(
                "run each as its own task so the runtime can poll them on several threads: \
                 `let mut set = tokio::task::JoinSet::new(); for x in xs {{ set.spawn({name}(x)); }}` \
                 then `while let Some(done) = set.join_next().await {{ .. }}`"
            ),
        };
        self.report.push(Finding::new(
            Code::JOIN_INSTEAD_OF_SPAWN_FOR_PARALLELISM,
            location,
            format!("{what} polls {futures} on one task, and {reason}: they run one after another, never in parallel"),
            help,
        ));
    }
}

impl<'ast> syn::visit::Visit<'ast> for Joins<'_, '_, '_> {
    fn visit_macro(&mut self, mac: &'ast Macro) {
        let args = crate::syntax::macro_args(mac);
        let mut idents = segments(&mac.path).rev();
        let last = idents.next().map(ToString::to_string).unwrap_or_default();
        let qualifier = idents.next().map(ToString::to_string);
        let joins = (last == "join" || last == "try_join")
            && qualifier
                .as_deref()
                .is_none_or(|q| q == "tokio" || q == "futures");
        if joins && args.len() >= 2 {
            let serial: Option<Vec<(FnId, Serial)>> =
                args.iter().map(|arg| self.serial(arg)).collect();
            if let Some(mut serial) = serial {
                let (id, why) = serial.remove(0);
                let location = Location {
                    start: mac
                        .path
                        .segments
                        .first()
                        .map_or_else(proc_macro2::Span::call_site, |s| s.ident.span()),
                    end: match &mac.delimiter {
                        syn::MacroDelimiter::Paren(paren) => paren.span.close(),
                        syn::MacroDelimiter::Brace(brace) => brace.span.close(),
                        syn::MacroDelimiter::Bracket(bracket) => bracket.span.close(),
                    },
                };
                let what = format!("`{}!`", compact(&mac.path));
                self.push(location, &what, Some(args.len()), id, &why);
            }
        }
        for arg in &args {
            self.visit_expr(arg);
        }
    }

    fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
        let joins_all = |name: &str| name == "join_all" || name == "try_join_all";
        let named = match &*call.func {
            Expr::Path(func) => func.path.segments.last().is_some_and(|last| {
                let name = crate::program::unraw(&last.ident);
                crate::known::MarkedNames::may_be_one(
                    self.program(),
                    self.scope.module,
                    &name,
                    &joins_all,
                )
            }),
            _ => false,
        };
        if let (true, Expr::Path(func)) = (named, &*call.func) {
            if let Some(id) = self.path_fn(&func.path) {
                let path = self.program().function(id).path.clone();
                if matches!(
                    path.as_str(),
                    "futures::future::join_all" | "futures::future::try_join_all"
                ) {
                    if let Some((callee, why)) =
                        call.args.first().and_then(|arg| self.serial_iter(arg))
                    {
                        let what = format!("`{}`", self.program().function(id).name);
                        self.push(crate::flow::call_location(call), &what, None, callee, &why);
                    }
                }
            }
        }
        syn::visit::visit_expr_call(self, call);
    }

    fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
        if call.method == "collect" {
            let collected = call
                .turbofish
                .as_ref()
                .and_then(|turbofish| turbofish.args.first());
            if let Some(syn::GenericArgument::Type(ty)) = collected {
                let ty = self.scope.resolve_type(ty);
                if matches!(
                    ty.path(),
                    Some("futures::stream::FuturesUnordered" | "futures::stream::FuturesOrdered")
                ) {
                    if let Some((callee, why)) = self.serial_iter(&call.receiver) {
                        let what = format!(
                            "`{}`",
                            ty.path()
                                .and_then(|p| p.rsplit("::").next())
                                .unwrap_or_default()
                        );
                        self.push(
                            crate::flow::method_location(call),
                            &what,
                            None,
                            callee,
                            &why,
                        );
                    }
                }
            }
        }
        syn::visit::visit_expr_method_call(self, call);
    }

    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Model;
    use syn::parse_quote;

    const POOL: Declared<'static> = Declared {
        model: Model::WorkerPool,
        name: "job",
    };

    fn codes(report: Report) -> Vec<Code> {
        report.into_findings().iter().map(|f| f.code).collect()
    }

    fn code_findings(item: syn::ItemFn, joins: bool) -> Vec<Code> {
        let mut report = Report::new();
        check_code(&item, POOL, joins, &mut report);
        check_job_signature(&item.sig, POOL, &mut report);
        codes(report)
    }

    #[test]
    fn thread_identity_is_caught() {
        let found = code_findings(
            parse_quote! {
                fn job(x: u32) -> u32 {
                    let id = std::thread::current().id();
                    let i = rayon::current_thread_index().unwrap_or(0);
                    thread_local! { static SCRATCH: u32 = 0; }
                    SCRATCH.with(|s| *s) + x + i as u32
                }
            },
            false,
        );
        assert_eq!(found, [Code::WORKER_POOL_BRANCHES_ON_TID; 4]);
    }

    #[test]
    fn worker_index_parameters_are_caught() {
        let found = code_findings(
            parse_quote!(
                fn job(worker_id: String, worker: usize, tid: u8) {}
            ),
            false,
        );
        assert_eq!(found, [Code::WORKER_POOL_BRANCHES_ON_TID; 3]);
    }

    #[test]
    fn other_thread_functions_and_names_stay_quiet() {
        let found = code_findings(
            parse_quote! {
                fn job(worker: Worker, worker_name: String, threads: usize) {
                    std::thread::sleep(std::time::Duration::from_millis(1));
                    let n = std::thread::available_parallelism();
                    let cfg = CONFIG.get();
                    let s = settings.with(|x| x);
                }
            },
            false,
        );
        assert_eq!(found, []);
    }

    #[test]
    fn join_over_one_function_on_different_data_is_caught() {
        let item: syn::ItemFn = parse_quote! {
            async fn job(a: Vec<u8>, b: Vec<u8>) {
                let (x, y) = tokio::join!(crunch(a), crunch(b));
                let (x, y) = futures::try_join!(crunch(a), crunch(b))?;
                let (x, y) = join!(crunch(a), crunch(b));
            }
        };
        assert_eq!(
            code_findings(item.clone(), true),
            [Code::JOIN_INSTEAD_OF_SPAWN_FOR_PARALLELISM; 3]
        );
        // Only async code is looked at for joins.
        assert_eq!(code_findings(item, false), []);
    }

    fn reviewed(source: &str) -> Vec<(Code, usize)> {
        let file: syn::File = syn::parse_str(source).unwrap();
        crate::review::review(&file)
            .into_iter()
            .filter(|f| f.code == Code::JOIN_INSTEAD_OF_SPAWN_FOR_PARALLELISM)
            .map(|f| (f.code, f.location.start.start().line))
            .collect()
    }

    #[test]
    fn the_reviewer_reports_joins_over_futures_that_cannot_overlap() {
        let found = reviewed(
            r#"
use futures::stream::FuturesUnordered;
async fn crunch(data: Vec<u8>) -> u64 { data.iter().map(|b| *b as u64).sum() }
async fn load(path: String) -> Vec<u8> { std::fs::read(path).unwrap() }
async fn launch(cmd: std::process::Command) -> std::io::Result<std::process::Output> {
    tokio::process::Command::from(cmd).output().await
}
pub async fn all(a: Vec<u8>, b: Vec<u8>, paths: Vec<String>, cmds: Vec<std::process::Command>) {
    let _ = tokio::join!(crunch(a), crunch(b));
    let _ = futures::future::join_all(paths.into_iter().map(|p| load(p))).await;
    let _ = cmds.into_iter().map(|c| async move { launch(c).await }).collect::<FuturesUnordered<_>>();
}
"#,
        );
        assert_eq!(
            found,
            [
                (Code::JOIN_INSTEAD_OF_SPAWN_FOR_PARALLELISM, 9),
                (Code::JOIN_INSTEAD_OF_SPAWN_FOR_PARALLELISM, 10),
                (Code::JOIN_INSTEAD_OF_SPAWN_FOR_PARALLELISM, 11),
            ]
        );
    }

    #[test]
    fn the_reviewer_leaves_joins_over_awaited_io_alone() {
        let found = reviewed(
            r#"
async fn fetch(addr: String) -> std::io::Result<tokio::net::TcpStream> {
    tokio::net::TcpStream::connect(addr).await
}
async fn wait(mut child: tokio::process::Child) { let _ = child.wait().await; }
pub async fn all(a: String, b: String, c: tokio::process::Child, d: tokio::process::Child, x: F) {
    let _ = tokio::join!(fetch(a), fetch(b));
    let _ = tokio::join!(wait(c), wait(d));
    let _ = tokio::join!(x.get(), x.get());
}
"#,
        );
        assert_eq!(found, []);
    }

    #[test]
    fn joins_of_different_work_stay_quiet() {
        let found = code_findings(
            parse_quote! {
                async fn job(a: Vec<u8>) {
                    let (x, y) = tokio::join!(fetch(a), store(a));
                    let (x, y) = tokio::join!(client.get(a), client.get(b));
                    let (x, y) = tokio::join!(tick(), tick());
                    let (x, y) = other::join!(crunch(a), crunch(b));
                    let joined = futures::future::join_all(parts.into_iter().map(crunch)).await;
                }
            },
            true,
        );
        assert_eq!(found, []);
    }
}
