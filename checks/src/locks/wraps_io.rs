//! LOCK_WRAPS_IO: a lock held while its holder waits on the outside world.
//!
//! Reported at a call that blocks the thread on file, network, database or
//! process I/O (or a sleep, a join, a blocking receive) while any guard is
//! alive, and at an `.await` on such I/O while an async lock's guard is
//! alive (a synchronous guard there is LOCK_ACROSS_AWAIT's). What the call
//! does comes from the well-known APIs and, through the program's own
//! functions, from their facts: a guard held across `self.save()` that
//! writes a file is reported with the path `save` -> `std::fs::write`.
//!
//! Left alone, because the lock exists for the I/O:
//! - I/O on the value the lock protects (`Mutex<File>`, a child's stdin, a
//!   write-ahead log behind a lock): the call's receiver is reached through
//!   the guard;
//! - a lock that only serialises a section: `Mutex<()>`, or a guard bound
//!   to a `_name` nothing reads, and any lock taken inside such a section;
//! - a lock around an I/O resource (a file, a socket, a child's pipe, a
//!   database connection, also inside an `Option`, a collection or a
//!   struct of the program): whatever I/O happens under it is the I/O the
//!   lock exists to take turns at;
//! - a get-or-init from local files: the file I/O's result is stored into
//!   the value the lock protects (`*cached = Some(cfg)` after
//!   `let cfg = load()?`, `map.insert(k, opened)`), directly or through the
//!   variables made from it. A get-or-init over the network, a process or
//!   a database is still reported: everyone waits on a remote step with no
//!   bound, and the fix is to fetch first and store with a second look;
//! - an async guard across an await that does no I/O (waiting for another
//!   task, a timer).

use std::collections::HashSet;

use crate::facts::is_io;
use crate::flow::{Cx, Effect, Flavor, GuardId, Observer, Site};
use crate::program::IoKind;
use crate::{Code, Finding};

const CODE: Code = Code::LOCK_WRAPS_IO;

#[derive(Default)]
pub(crate) struct WrapsIo {
    reported_sites: HashSet<*const ()>,
    /// Findings held back until the body ends: the I/O's result may yet be
    /// stored into what the lock protects (a get-or-init), which is what
    /// the lock is for.
    pending: Vec<(*const (), GuardId, Finding)>,
    /// Sites of held-back findings whose result, stored under the lock,
    /// still does not make the lock for them: waits (a blocking receive)
    /// and I/O other than a local file's.
    waits: HashSet<*const ()>,
}

impl WrapsIo {
    fn report(
        &mut self,
        cx: &mut Cx<'_>,
        site: Site,
        effect: &Effect,
        awaited: bool,
        held: GuardId,
    ) {
        let location = if awaited { site.call } else { site.location };
        let held_id = held;
        cx.guards[held].reported.push(CODE);
        self.reported_sites.insert(site.key);
        let guard = &cx.guards[held];
        let held = guard.while_held();
        let what = effect.kind.noun(awaited);
        let path = effect.path();
        let message = format!(
            "{what} ({path}) {held}: the lock stays taken for as long as the I/O takes, and every \
             other user of it waits on the I/O too"
        );
        let help = match &guard.held_by {
            Some(helper) => format!(
                "`{helper}` runs this closure with its lock taken: compute inside the closure only \
                 what needs the state, return it, and do the I/O after `{helper}` returns"
            ),
            None => match effect.via.first() {
                Some(helper) => format!(
                    "`{helper}` does the I/O: take what it needs out under the lock, release the \
                     guard (end its block, or `drop` it), then call `{helper}`; lock again \
                     afterwards if the result must be stored"
                ),
                None => "do the I/O outside the critical section: copy what it needs out under \
                         the lock (`let data = { let g = lock(); g.clone() };`), release it, do the \
                         I/O, then lock again to store the result"
                    .to_owned(),
            },
        };
        // Only a local file's result makes a get-or-init the lock is for: a
        // fetch over the network, a process or a database round trip keeps
        // everyone waiting on something with no bound (fetch outside the
        // lock, then store with a second look).
        if effect.kind != IoKind::File {
            self.waits.insert(site.key);
        }
        self.pending.push((
            site.key,
            held_id,
            Finding::new(CODE, location, message, help),
        ));
    }

    fn candidate(
        cx: &Cx<'_>,
        effect: &Effect,
        live: &[GuardId],
        exempt: &[GuardId],
        flavors: &[Flavor],
    ) -> Option<GuardId> {
        // A section lock held across the I/O (`let _access = gate.write()`)
        // says the whole section, inner locks included, runs one at a time
        // on purpose.
        if is_io(effect) && live.iter().any(|id| cx.guards[*id].serialises_only()) {
            return None;
        }
        live.iter().copied().find(|id| {
            let guard = &cx.guards[*id];
            // A lock that serialises I/O, or guards the resource that does
            // it, is for it; waiting while holding it (a join, a barrier,
            // a sleep) is still a hazard.
            let serialises_this = is_io(effect)
                && (guard.serialises_only() || cx.program.holds_io_resource(&guard.protects));
            flavors.contains(&guard.flavor)
                && !exempt.contains(id)
                && !serialises_this
                && !guard.reported.contains(&CODE)
                && !guard.allowed.contains(&CODE)
        })
    }
}

impl Observer for WrapsIo {
    fn stored(&mut self, cx: &mut Cx<'_>, guards: &[GuardId], sites: &[*const ()]) {
        self.pending.retain(|(site, guard, _)| {
            let for_the_lock =
                guards.contains(guard) && sites.contains(site) && !self.waits.contains(site);
            if for_the_lock {
                cx.guards[*guard].reported.retain(|code| *code != CODE);
            }
            !for_the_lock
        });
    }

    fn finished(&mut self, cx: &mut Cx<'_>) {
        for (_, _, finding) in self.pending.drain(..) {
            cx.report.push(finding);
        }
    }

    fn blocking(
        &mut self,
        cx: &mut Cx<'_>,
        site: Site,
        effect: &Effect,
        live: &[GuardId],
        through: &[GuardId],
    ) {
        if self.reported_sites.contains(&site.key) || cx.report.is_allowed(CODE) {
            return;
        }
        if let Some(held) =
            Self::candidate(cx, effect, live, through, &[Flavor::Sync, Flavor::Async])
        {
            self.report(cx, site, effect, false, held);
        }
    }

    fn awaited(
        &mut self,
        cx: &mut Cx<'_>,
        site: Site,
        effect: Option<&Effect>,
        live: &[GuardId],
        exempt: &[GuardId],
    ) {
        let Some(effect) = effect.filter(|effect| is_io(effect)) else {
            return;
        };
        if self.reported_sites.contains(&site.key) || cx.report.is_allowed(CODE) {
            return;
        }
        if let Some(held) = Self::candidate(cx, effect, live, exempt, &[Flavor::Async]) {
            self.report(cx, site, effect, true, held);
        }
    }
}
