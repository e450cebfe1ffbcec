//! Running the flow over a program's bodies: once to collect function
//! facts, then once per family of checks that need it.

use std::collections::HashMap;

use syn::Item;

use crate::facts::{self, Collector, Direct, Facts};
use crate::flow::{self, Observer, Scope, Settings};
use crate::known;
use crate::program::{
    for_each_fn, index_items, FileId, FnId, FnSyntax, FnWalk, Program, Scope as ItemScope,
};
use crate::Report;

/// One file (or the module a macro sees) of a program, as syntax.
#[derive(Clone, Copy)]
pub struct Unit<'a> {
    /// The file, as the program numbers it.
    pub file: FileId,
    /// Its items, item macros spliced in.
    pub items: &'a [Item],
    /// The file's inner attributes (`#![unmixed::allow(..)]`).
    pub attrs: &'a [syn::Attribute],
    /// The absolute path of the file's module.
    pub module: &'a str,
    /// Test code (a test target, a `#[cfg(test)]` module).
    pub is_test: bool,
}

/// The program of `items` alone (a module a macro sees, or a file outside
/// any crate), with its facts.
pub fn standalone(items: &[Item], module: &str, settings: &Settings) -> (Program, Facts) {
    let file = FileId(0);
    let index = index_items(items, module, Some(file), false, false);
    let program = Program::build(Some(known::program()), vec![index]);
    let unit = Unit {
        file,
        items,
        attrs: &[],
        module,
        is_test: false,
    };
    let mut called = CalledNames::default();
    called_names(items, &mut called);
    let direct = direct_facts(&program, settings, unit, &called);
    let facts = facts::solve(&program, direct);
    (program, facts)
}

/// The direct facts of the functions of one file that anything calls: a
/// function whose name is never called or named anywhere in the program
/// (`called`, from [`called_names`]) has facts nobody reads.
pub fn direct_facts(
    program: &Program,
    settings: &Settings,
    unit: Unit<'_>,
    called: &CalledNames,
) -> HashMap<FnId, Direct> {
    let mut found = HashMap::new();
    let mut scratch = Report::new();
    let mut runner = Runner {
        program,
        facts: Facts::none(),
        settings,
        functions: program.file_functions(unit.file),
        next: 0,
        report: &mut scratch,
        run: &mut |id, scope: &Scope<'_>, sig, body, facts, settings, report: &mut Report| {
            if !called.contains(&program.function(id).name) && !takes_guards(body) {
                return;
            }
            let mut collector = Collector::default();
            flow::run_fn(scope, sig, body, facts, settings, &mut collector, report);
            let guarded = facts::guarded::collect(scope, sig, body, &collector.acquired);
            collector.direct.guarded.extend(guarded);
            found.insert(id, collector.direct);
        },
    };
    for_each_fn(unit.items, unit.module, unit.is_test, &mut runner);
    found
}

/// Whether `body` calls a method that hands out a guard or a borrow: the
/// lock checks across the program read every critical section, in public
/// functions nothing in the program calls too.
fn takes_guards(body: &syn::Block) -> bool {
    use syn::visit::Visit;
    struct Finds<'n>(&'n CalledNames, bool);
    impl<'ast> Visit<'ast> for Finds<'_> {
        fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
            self.1 |= self.0.contains(&crate::program::unraw(&call.method));
            syn::visit::visit_expr_method_call(self, call);
        }
        fn visit_macro(&mut self, mac: &'ast syn::Macro) {
            for arg in crate::syntax::macro_args(mac) {
                self.visit_expr(&arg);
            }
        }
    }
    let mut finds = Finds(guard_givers(), false);
    finds.visit_block(body);
    finds.1
}

/// The names of the well-known methods that return a guard or a borrow
/// (`lock`, `read`, `borrow_mut`, DashMap's `get_mut`).
fn guard_givers() -> &'static CalledNames {
    static NAMES: std::sync::OnceLock<CalledNames> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        let program = known::program();
        program
            .functions()
            .filter(|(_, def)| gives_guard(program, &def.ret))
            .map(|(_, def)| def.name.clone())
            .collect()
    })
}

fn gives_guard(program: &Program, ty: &crate::program::Ty) -> bool {
    use crate::program::{Ty, TypeMark};
    match ty {
        Ty::Named(_, args) => {
            [
                TypeMark::SyncGuard,
                TypeMark::AsyncGuard,
                TypeMark::CellBorrow,
            ]
            .into_iter()
            .any(|mark| program.has_mark(ty, mark))
                || args.iter().any(|arg| gives_guard(program, arg))
        }
        Ty::Future(inner) | Ty::Ref(_, inner) => gives_guard(program, inner),
        Ty::Tuple(items) => items.iter().any(|item| gives_guard(program, item)),
        _ => false,
    }
}

/// Names a program calls or mentions as values: method names, and the
/// last segment of paths in expressions.
pub type CalledNames = crate::hash::FxHashSet<String>;

/// Adds to `into` every name `items` call or mention as a value.
pub fn called_names(items: &[Item], into: &mut CalledNames) {
    use syn::visit::Visit;
    struct Calls<'a>(&'a mut CalledNames);
    impl<'ast> Visit<'ast> for Calls<'_> {
        fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
            self.0.insert(crate::program::unraw(&call.method));
            syn::visit::visit_expr_method_call(self, call);
        }
        fn visit_expr_path(&mut self, path: &'ast syn::ExprPath) {
            if let Some(last) = path.path.segments.last() {
                self.0.insert(crate::program::unraw(&last.ident));
            }
        }
        fn visit_macro(&mut self, mac: &'ast syn::Macro) {
            for arg in crate::syntax::macro_args(mac) {
                self.visit_expr(&arg);
            }
        }
    }
    let mut calls = Calls(into);
    for item in items {
        calls.visit_item(item);
    }
}

/// Runs `observer` (a fresh one per function, from `make`) over every
/// function of one file whose facts `wanted` accepts (all of them where
/// facts are unknown), honouring `#[unmixed::allow]` scopes.
pub(crate) fn observe<O: Observer>(
    program: &Program,
    facts: &Facts,
    settings: &Settings,
    unit: Unit<'_>,
    report: &mut Report,
    wanted: fn(&crate::facts::FnFacts) -> bool,
    mut make: impl FnMut() -> O,
) {
    let mut runner = Runner {
        program,
        facts,
        settings,
        functions: program.file_functions(unit.file),
        next: 0,
        report,
        run: &mut |id,
                   scope: &Scope<'_>,
                   sig,
                   body,
                   facts: &Facts,
                   settings,
                   report: &mut Report| {
            if facts.get(id).is_some_and(|known| !wanted(known)) {
                return;
            }
            let mut observer = make();
            flow::run_fn(scope, sig, body, facts, settings, &mut observer, report);
        },
    };
    for_each_fn(unit.items, unit.module, unit.is_test, &mut runner);
}

type Run<'r> =
    dyn FnMut(FnId, &Scope<'_>, &syn::Signature, &syn::Block, &Facts, &Settings, &mut Report) + 'r;

/// Walks a file's functions in index order, giving each its id and scope.
struct Runner<'p, 'r> {
    program: &'p Program,
    facts: &'p Facts,
    settings: &'p Settings,
    functions: &'p [FnId],
    next: usize,
    report: &'r mut Report,
    run: &'r mut Run<'r>,
}

impl<'a> FnWalk<'a> for Runner<'_, '_> {
    fn enter(&mut self, attrs: &'a [syn::Attribute]) {
        let depth = self.report.enter(attrs);
        let _ = depth;
    }

    fn leave(&mut self) {
        self.report.leave_one();
    }

    fn function(&mut self, function: FnSyntax<'a>, _scope: &ItemScope<'a>) {
        let ordinal = self.next;
        self.next += 1;
        let Some(body) = function.body() else { return };
        let Some(&id) = self.functions.get(ordinal) else {
            return;
        };
        let def = self.program.function(id);
        let scope = Scope {
            program: self.program,
            module: def.module,
            self_ty: def.self_ty.clone().or_else(|| {
                def.trait_
                    .as_ref()
                    .map(|_| crate::program::Ty::param("Self"))
            }),
            generics: def.generics.clone(),
            function: Some(id),
        };
        (self.run)(
            id,
            &scope,
            function.sig(),
            body,
            self.facts,
            self.settings,
            self.report,
        );
    }
}
