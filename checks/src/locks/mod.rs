//! The checks on what a lock guard is alive across, one file per code:
//! LOCK_ACROSS_AWAIT ([`across_await`]), LOCK_WRAPS_IO ([`wraps_io`]),
//! CHECK_THEN_ACT_ON_LOCKED_MAP ([`check_then_act`]) and
//! CONCURRENCY_DEBUG_VIA_PRINTLN ([`debug_println`]), all observers of the
//! one flow ([`crate::flow`]) that knows which guards are alive where.
//! LOCK_GUARDS_INDEPENDENT_STATE looks at how a module's functions use
//! one lock ([`check_independent_state`]).

pub(crate) mod across_await;
pub(crate) mod check_then_act;
pub(crate) mod debug_println;
pub(crate) mod wraps_io;

use syn::Item;

use crate::analysis::{self, Unit};
use crate::facts::Facts;
use crate::flow::{Cx, Effect, GuardId, Observer, Site};
use crate::program::{FileId, Program};
use crate::Report;

pub use crate::flow::Settings;
pub use crate::independent::check_independent_state;
pub use crate::independent::check_unit as check_independent_unit;

/// The lock checks together, as one observer.
#[derive(Default)]
struct LockChecks {
    across_await: across_await::AcrossAwait,
    wraps_io: wraps_io::WrapsIo,
    debug_println: debug_println::DebugPrintln,
}

impl Observer for LockChecks {
    fn awaited(
        &mut self,
        cx: &mut Cx<'_>,
        site: Site,
        effect: Option<&Effect>,
        live: &[GuardId],
        exempt: &[GuardId],
    ) {
        self.across_await.awaited(cx, site, effect, live, exempt);
        self.wraps_io.awaited(cx, site, effect, live, exempt);
    }

    fn blocking(
        &mut self,
        cx: &mut Cx<'_>,
        site: Site,
        effect: &Effect,
        live: &[GuardId],
        through: &[GuardId],
    ) {
        self.wraps_io.blocking(cx, site, effect, live, through);
    }

    fn printed(
        &mut self,
        cx: &mut Cx<'_>,
        mac: &syn::Macro,
        name: &str,
        live: &[GuardId],
        watches: Option<debug_println::Watches>,
        spawned: bool,
    ) {
        self.debug_println
            .printed(cx, mac, name, live, watches, spawned);
    }

    fn stored(&mut self, cx: &mut Cx<'_>, guards: &[GuardId], sites: &[*const ()]) {
        self.wraps_io.stored(cx, guards, sites);
    }

    fn finished(&mut self, cx: &mut Cx<'_>) {
        self.wraps_io.finished(cx);
    }
}

/// Runs the lock checks over the functions of one file of a program.
pub fn check_unit(
    program: &Program,
    facts: &Facts,
    settings: &Settings,
    unit: Unit<'_>,
    report: &mut Report,
) {
    analysis::observe(
        program,
        facts,
        settings,
        unit,
        report,
        crate::facts::FnFacts::holds_locks,
        LockChecks::default,
    );
}

/// Runs the lock checks over `items` on their own (a module a macro
/// sees): LOCK_ACROSS_AWAIT, LOCK_WRAPS_IO, CHECK_THEN_ACT_ON_LOCKED_MAP
/// and CONCURRENCY_DEBUG_VIA_PRINTLN.
pub fn check_items(items: &[Item], module: &str, settings: &Settings, report: &mut Report) {
    let (program, facts) = analysis::standalone(items, module, settings);
    let unit = Unit {
        file: FileId(0),
        items,
        attrs: &[],
        module,
        is_test: false,
    };
    check_unit(&program, &facts, settings, unit, report);
}

#[cfg(test)]
mod tests;
