//! UNBOUNDED_ACTOR_MAILBOX and UNBOUNDED_WORKER_QUEUE: creating a channel
//! with no capacity limit.
//!
//! Catches calls of `tokio::sync::mpsc::unbounded_channel()`, std's
//! zero-argument `mpsc::channel()`, and `unbounded()` of crossbeam-channel,
//! flume, async-channel, kanal and futures' mpsc.
//!
//! Leaves alone: bounded constructors (`channel(n)`, `sync_channel(n)`,
//! `bounded(n)`), `oneshot::channel()` and `watch::channel(..)`, whose single
//! slot cannot grow, and a bare `unbounded(..)` that takes arguments (some
//! other function of that name). Sender and receiver types are not flagged:
//! the finding sits where the queue is made, which is where the bound belongs.

use syn::{Expr, ExprCall};

use crate::model::Declared;
use crate::syntax::{ends_with, segments, Position, Rule, Visitable, Walk};
use crate::{Code, Finding, Location, Report};

const UNBOUNDED_CRATES: &[&str] = &[
    "crossbeam_channel",
    "crossbeam",
    "channel",
    "flume",
    "async_channel",
    "kanal",
    "mpsc",
];

/// Reports every unbounded channel made in `node`, as `code`. `declared`
/// names the model the code declares; `None` for code the reviewer reads
/// without a declaration.
pub fn check<N: Visitable>(
    node: &N,
    code: Code,
    declared: Option<Declared<'_>>,
    report: &mut Report,
) {
    let mut walk = Walk::new(Unbounded { code, declared }, report);
    node.visit_with(&mut walk);
}

/// Whether `call` makes a channel without a bound.
pub fn is_unbounded_channel(call: &ExprCall) -> bool {
    let Expr::Path(func) = &*call.func else {
        return false;
    };
    let path = &func.path;
    let no_args = call.args.is_empty();
    if ends_with(path, &["unbounded_channel"]) {
        return true;
    }
    if ends_with(path, &["unbounded"]) {
        let qualifier = segments(path).rev().nth(1);
        return match qualifier {
            Some(module) => UNBOUNDED_CRATES.iter().any(|name| module == name),
            None => no_args,
        };
    }
    // std's `mpsc::channel()` takes no capacity; tokio's takes one.
    no_args && ends_with(path, &["mpsc", "channel"])
}

struct Unbounded<'a> {
    code: Code,
    declared: Option<Declared<'a>>,
}

impl Rule for Unbounded<'_> {
    fn expr(&mut self, expr: &Expr, _at: Position, report: &mut Report) {
        let Expr::Call(call) = expr else { return };
        if !is_unbounded_channel(call) {
            return;
        }
        let queue = match self.code {
            Code::UNBOUNDED_ACTOR_MAILBOX => "a mailbox",
            _ => "a job queue",
        };
        let message = match self.declared {
            Some(Declared { model, name }) => format!(
                "this channel has no bound: as {queue} in {model} `{name}` it grows without limit whenever senders outrun the receiver"
            ),
            None => "this channel has no bound: whenever what feeds it outruns what drains it, \
                     the backlog grows until memory runs out"
                .to_owned(),
        };
        report.push(Finding::new(
            self.code,
            Location::of(call),
            message,
            "make it bounded and decide what a full queue does: \
             `tokio::sync::mpsc::channel(N)` makes senders wait (`send(..).await`) or fail fast (`try_send(..)`)",
        ));
    }
}
