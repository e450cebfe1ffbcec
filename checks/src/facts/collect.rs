//! Direct facts: what one body does itself, and whom it calls.

use crate::flow::{Cx, Effect, GuardId, Observer, Site};
use crate::program::FnId;

/// A call of a function of the program, as seen from the caller's body.
#[derive(Debug, Clone)]
pub(crate) struct Call {
    pub callee: FnId,
    /// Awaited right where it is called.
    pub awaited: bool,
    /// A method call on a value reached from the caller's `self`.
    pub on_self: bool,
}

/// What one body does, before callees are taken into account.
#[derive(Debug, Clone, Default)]
pub struct Direct {
    pub(crate) blocks: Option<Effect>,
    pub(crate) awaits_io: Option<Effect>,
    pub(crate) awaits: bool,
    pub(crate) calls: Vec<Call>,
    pub(crate) calls_params: Vec<usize>,
    pub(crate) params_under_lock: Vec<(usize, crate::flow::Flavor, String)>,
    pub(crate) takes_locks: bool,
    pub(crate) prints: bool,
    /// Every function of the program it calls, in closures too.
    pub(crate) called_anywhere: Vec<FnId>,
    /// What it does to maps behind locks.
    pub(crate) maps: super::MapFacts,
    /// What it does with the values its locks protect.
    pub(crate) guarded: super::guarded::Direct,
    /// What it does with the channel receivers it is given or owns.
    pub(crate) drains: Option<super::drains::BodyDrains>,
    /// Sends it awaits on a bounded channel (not in spawned code): what
    /// the channel carries, the sender's type, and where.
    pub(crate) awaited_sends: Vec<AwaitedSend>,
}

/// An awaited `send` on a channel that waits while the channel is full.
#[derive(Debug, Clone)]
pub struct AwaitedSend {
    /// What the channel carries.
    pub item: crate::program::Ty,
    /// The sender's type path: `tokio::sync::mpsc::Sender`.
    pub sender: String,
    /// The line of the send's method name.
    pub line: usize,
    /// Its column.
    pub column: usize,
}

/// The observer that collects [`Direct`] facts from the flow.
#[derive(Default)]
pub(crate) struct Collector {
    pub direct: Direct,
    /// Guards taken, for [`super::guarded::collect`].
    pub acquired: Vec<super::guarded::Acquired>,
    /// Sends on a channel end, by where the method name is: (line,
    /// column) -> what the sender carries and its type.
    sends: Vec<((usize, usize), crate::program::Ty)>,
}

impl Observer for Collector {
    fn method_resolved(
        &mut self,
        cx: &mut Cx<'_>,
        call: &syn::ExprMethodCall,
        found_on: &crate::program::Ty,
    ) {
        if cx.deferred
            || !cx
                .program
                .has_mark(found_on, crate::program::TypeMark::Sender)
        {
            return;
        }
        let at = call.method.span().start();
        self.sends
            .push(((at.line, at.column), found_on.strip_refs().clone()));
    }

    fn awaited(
        &mut self,
        cx: &mut Cx<'_>,
        site: Site,
        effect: Option<&Effect>,
        _live: &[GuardId],
        _exempt: &[GuardId],
    ) {
        if cx.deferred {
            return;
        }
        self.direct.awaits = true;
        if let Some(effect) = effect.filter(|effect| effect.kind == crate::program::IoKind::Wait) {
            let at = site.call.start.start();
            let key = (at.line, at.column);
            if let Some((_, sender)) = self.sends.iter().find(|(place, _)| *place == key) {
                let is_sender = effect
                    .api
                    .rsplit_once("::")
                    .and_then(|(owner, _)| cx.program.type_def(owner))
                    .is_some_and(|def| def.marks.contains(&crate::program::TypeMark::Sender));
                if is_sender {
                    self.direct.awaited_sends.push(AwaitedSend {
                        item: sender.arg(0),
                        sender: sender.path().unwrap_or_default().to_owned(),
                        line: at.line,
                        column: at.column,
                    });
                }
            }
        }
        if let Some(effect) = effect.filter(|effect| is_io(effect)) {
            self.direct.awaits_io.get_or_insert_with(|| effect.clone());
        }
    }

    fn blocking(
        &mut self,
        cx: &mut Cx<'_>,
        _site: Site,
        effect: &Effect,
        _live: &[GuardId],
        _through: &[GuardId],
    ) {
        if cx.deferred {
            return;
        }
        self.direct.blocks.get_or_insert_with(|| effect.clone());
    }

    fn called(
        &mut self,
        cx: &mut Cx<'_>,
        callee: FnId,
        awaited: bool,
        on_self: bool,
        _live: &[GuardId],
    ) {
        if !self.direct.called_anywhere.contains(&callee) {
            self.direct.called_anywhere.push(callee);
        }
        if cx.deferred {
            return;
        }
        self.direct.calls.push(Call {
            callee,
            awaited,
            on_self,
        });
    }

    fn acquired(&mut self, cx: &mut Cx<'_>, guard: GuardId) {
        self.direct.takes_locks = true;
        let taken = &cx.guards[guard];
        if super::guarded::kind_of(cx.program, &taken.protects).is_some() {
            self.acquired.push(super::guarded::Acquired {
                site: taken.site,
                lock: taken.lock_id.clone(),
                protects: taken.protects.clone(),
            });
        }
    }

    fn passed(&mut self, _cx: &mut Cx<'_>, callee: FnId, index: usize, place: &str) {
        let passes = &mut self.direct.guarded.passes;
        if !passes
            .iter()
            .any(|(at, i, p)| *at == callee && *i == index && p == place)
        {
            passes.push((callee, index, place.to_owned()));
        }
    }

    fn printed(
        &mut self,
        _cx: &mut Cx<'_>,
        _mac: &syn::Macro,
        _name: &str,
        _live: &[GuardId],
        _watches: Option<crate::locks::debug_println::Watches>,
        _spawned: bool,
    ) {
        self.direct.prints = true;
    }

    fn maps_done(&mut self, _cx: &mut Cx<'_>, maps: &super::MapFacts) {
        self.direct.maps = maps.clone();
    }

    fn called_param(&mut self, cx: &mut Cx<'_>, index: usize, live: &[GuardId]) {
        if cx.deferred {
            return;
        }
        if !self.direct.calls_params.contains(&index) {
            self.direct.calls_params.push(index);
        }
        let held = live
            .iter()
            .map(|id| &cx.guards[*id])
            .find(|guard| guard.flavor != crate::flow::Flavor::Cell);
        if let Some(guard) = held {
            if !self
                .direct
                .params_under_lock
                .iter()
                .any(|(param, _, _)| *param == index)
            {
                self.direct
                    .params_under_lock
                    .push((index, guard.flavor, guard.taken.clone()));
            }
        }
    }
}

/// Effects that make a lock holder wait on the outside world. Waiting for
/// another task (`recv`, a join) or a deliberate sleep is not I/O.
pub(crate) fn is_io(effect: &Effect) -> bool {
    !matches!(
        effect.kind,
        crate::program::IoKind::Sleep | crate::program::IoKind::Wait
    )
}
