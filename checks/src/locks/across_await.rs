//! LOCK_ACROSS_AWAIT: a guard of a lock that blocks threads (or a
//! `RefCell` borrow) alive at an `.await`, a `select!` or a `join!`.
//!
//! While the task is suspended, the lock stays taken: every thread that
//! wants it blocks, executor workers included, until this task is polled
//! again, which may need one of those very threads.
//!
//! Reported once per guard, at the first await it is alive at. Guards of
//! async locks are not this check's (see `wraps_io.rs`); nor are guards
//! whose type is not known to be a guard.

use std::collections::HashSet;

use crate::flow::{Cx, Effect, Flavor, Guard, GuardId, Observer, Site};
use crate::{Code, Finding};

const CODE: Code = Code::LOCK_ACROSS_AWAIT;

#[derive(Default)]
pub(crate) struct AcrossAwait {
    reported_sites: HashSet<*const ()>,
}

impl Observer for AcrossAwait {
    fn awaited(
        &mut self,
        cx: &mut Cx<'_>,
        site: Site,
        _effect: Option<&Effect>,
        live: &[GuardId],
        _exempt: &[GuardId],
    ) {
        if self.reported_sites.contains(&site.key) || cx.report.is_allowed(CODE) {
            return;
        }
        let held = live.iter().copied().find(|id| {
            let guard = &cx.guards[*id];
            matches!(guard.flavor, Flavor::Sync | Flavor::Cell)
                && !guard.reported.contains(&CODE)
                && !guard.allowed.contains(&CODE)
        });
        let Some(id) = held else { return };
        cx.guards[id].reported.push(CODE);
        self.reported_sites.insert(site.key);
        let (message, help) = messages(&cx.guards[id]);
        cx.report
            .push(Finding::new(CODE, site.location, message, help));
    }
}

fn messages(guard: &Guard) -> (String, String) {
    let holder = guard.describe();
    if let Some(helper) = &guard.held_by {
        return (
            format!(
                "this `.await` is in a closure `{helper}` runs while it holds `{}`: the task can be \
                 suspended with the lock taken, blocking every thread that wants it (executor \
                 workers included) until this task is polled again",
                guard.taken
            ),
            format!(
                "do not await inside it; return what the closure computed, and await after \
                 `{helper}` returns"
            ),
        );
    }
    if guard.flavor == Flavor::Cell {
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
