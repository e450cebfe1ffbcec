//! CONCURRENCY_DEBUG_VIA_PRINTLN (a warning): printing to watch a race.
//!
//! stdout and stderr sit behind a lock of their own, and a print takes far
//! longer than the window a race lives in, so a print added to observe a
//! race serialises the threads it watches and changes the interleaving.
//!
//! Reported for `println!`, `print!`, `eprintln!`, `eprint!` and `dbg!` in
//! code that runs concurrently (a closure or future handed to a spawning
//! call, or code holding a lock) when the print watches the concurrency
//! itself: a thread's identity, state read through a guard, an atomic's
//! value; and for every `dbg!` there, which is debugging by definition.
//!
//! Left alone: a program's ordinary output (messages, progress, errors),
//! prints under a lock that only serialises a section, and `tracing` or
//! `log` events, which are the fix.

use crate::flow::{Cx, GuardId, Observer};
use crate::{Code, Finding, Location};

const CODE: Code = Code::CONCURRENCY_DEBUG_VIA_PRINTLN;

/// What a print's arguments show of the concurrency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Watches {
    ThreadId,
    GuardedState,
    AtomicValue,
    /// An `Instant` or an elapsed `Duration`: when something happened.
    Timing,
}

impl Watches {
    fn noun(self) -> &'static str {
        match self {
            Watches::ThreadId => "a thread's identity",
            Watches::GuardedState => "state read under a lock",
            Watches::AtomicValue => "an atomic's value",
            Watches::Timing => "timing",
        }
    }
}

#[derive(Default)]
pub(crate) struct DebugPrintln;

impl Observer for DebugPrintln {
    fn printed(
        &mut self,
        cx: &mut Cx<'_>,
        mac: &syn::Macro,
        name: &str,
        live: &[GuardId],
        watches: Option<Watches>,
        spawned: bool,
    ) {
        if cx.report.is_allowed(CODE) {
            return;
        }
        let holding = live.iter().find(|id| {
            let guard = &cx.guards[**id];
            guard.flavor != crate::flow::Flavor::Cell && !guard.serialises_only()
        });
        let concurrent = spawned || holding.is_some();
        if !concurrent || (watches.is_none() && name != "dbg") {
            return;
        }
        let what = match watches {
            Some(watched) => format!("`{name}!` of {}", watched.noun()),
            None => "`dbg!`".to_owned(),
        };
        let (message, help) = match holding {
            Some(id) => (
                format!(
                    "{what} {}: printing takes stdout's lock and far longer than the race window \
                     it means to watch, so it changes the interleaving it observes, and every \
                     thread waiting for this lock now waits on the terminal too",
                    cx.guards[*id].while_held()
                ),
                "copy what you want to see into a local and print it after the guard is released, \
                 or record events in memory and print them after the run; for lasting diagnostics \
                 use `tracing` with a non-blocking subscriber",
            ),
            None => (
                format!(
                    "{what} in code that runs on its own task or thread looks like a race being \
                     watched by printing: stdout is behind a lock and a print takes far longer \
                     than the race window, so it changes the interleaving it is meant to observe"
                ),
                "record events in memory (a per-thread `Vec`) and print them after the run, or use \
                 `tracing` with a non-blocking subscriber; to find the race itself, use loom or a \
                 thread sanitizer",
            ),
        };
        cx.report
            .push(Finding::new(CODE, Location::of(mac), message, help));
    }
}
