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
    let direct = direct_facts(&program, settings, unit);
    let facts = facts::solve(&program, direct);
    (program, facts)
}

/// The direct facts of every function of one file. Functions nothing in the
/// program calls are followed too: their critical sections, and the locks
/// they hand to helpers, are part of what the workload checks weigh.
pub fn direct_facts(
    program: &Program,
    settings: &Settings,
    unit: Unit<'_>,
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
            let mut collector = Collector::default();
            flow::run_fn(scope, sig, body, facts, settings, &mut collector, report);
            let guarded = facts::guarded::collect(scope, sig, body, &collector.acquired);
            collector.direct.guarded.extend(guarded);
            collector.direct.drains = facts::drains::of_function(scope, id, sig, body);
            found.insert(id, collector.direct);
        },
    };
    for_each_fn(unit.items, unit.module, unit.is_test, &mut runner);
    found
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

/// Calls `run` on every function body of one file with its id and scope,
/// honouring `#[unmixed::allow]` scopes and skipping the items that
/// declare one of `declared` models (`"actor"`, `"worker_pool"`, ...).
pub(crate) fn each_body<'a>(
    program: &Program,
    unit: Unit<'a>,
    report: &mut Report,
    declared: &[&str],
    run: &mut dyn FnMut(FnId, &Scope<'_>, &'a syn::Block, &mut Report),
) {
    struct Bodies<'p, 'r, 'f, 'a> {
        program: &'p Program,
        functions: &'p [FnId],
        next: usize,
        declared: &'p [&'p str],
        inside: Vec<bool>,
        report: &'r mut Report,
        run: &'f mut dyn FnMut(FnId, &Scope<'_>, &'a syn::Block, &mut Report),
    }
    impl<'a> FnWalk<'a> for Bodies<'_, '_, '_, 'a> {
        fn enter(&mut self, attrs: &'a [syn::Attribute]) {
            self.report.enter(attrs);
            let declares = attrs.iter().any(|attr| {
                self.declared
                    .iter()
                    .any(|model| crate::design::is_model_attr(attr, model))
            });
            self.inside.push(declares);
        }
        fn leave(&mut self) {
            self.report.leave_one();
            self.inside.pop();
        }
        fn function(&mut self, function: FnSyntax<'a>, _scope: &ItemScope<'a>) {
            let ordinal = self.next;
            self.next += 1;
            if self.inside.iter().any(|inside| *inside) {
                return;
            }
            let (Some(body), Some(&id)) = (function.body(), self.functions.get(ordinal)) else {
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
            (self.run)(id, &scope, body, self.report);
        }
    }
    let mut bodies = Bodies {
        program,
        functions: program.file_functions(unit.file),
        next: 0,
        declared,
        inside: Vec::new(),
        report,
        run,
    };
    for_each_fn(unit.items, unit.module, unit.is_test, &mut bodies);
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
