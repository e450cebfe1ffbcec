//! CHECK_THEN_ACT_ON_LOCKED_MAP: a map or set checked under one lock guard
//! and changed under another, with the lock released in between.
//!
//! Runs inside the guard tracking of [`crate::locks`], which tells which
//! guard each map call goes through. Catches `contains_key`, `get`,
//! `get_key_value`, `get_mut`, `contains`, `is_empty` and `len` through one
//! guard, followed by `insert`, `remove`, `remove_entry` or `get_mut`
//! through another guard of the same lock, where the change depends on the
//! check: it sits in a branch whose condition (or `match` scrutinee) uses
//! the check, directly or through a variable the check's result was bound
//! to, or after an `if` on the check that returns early.
//!
//! Leaves alone: check and change through one guard (the fix); the
//! double-checked shape, where the second guard checks again before it
//! changes anything (a `get_mut` whose `Option` a `match` or `if let`
//! inspects is such a check); `entry(..)` under the second guard (it checks again
//! itself); changes that do not depend on the check; and a check and a
//! change of different keys (when both keys are plain names).

use std::collections::HashSet;

use syn::{Expr, ExprMethodCall};

use crate::flow::GuardId;
use crate::syntax::text;
use crate::{Code, Finding, Location, Report};

const CHECKS: &[&str] = &[
    "contains_key",
    "get",
    "get_key_value",
    "get_mut",
    "contains",
    "is_empty",
    "len",
];

const ACTS: &[&str] = &["insert", "remove", "remove_entry", "get_mut", "try_insert"];

/// One map call made through a guard.
pub(crate) struct MapUse<'a> {
    pub call: &'a ExprMethodCall,
    pub key: Option<&'a Expr>,
    /// A `match` or `if let` inspects the call's result.
    pub inspected: bool,
}

struct Check {
    root: String,
    guard: GuardId,
    method: String,
    key: Option<String>,
}

/// What the tracking of one function has seen of map calls.
#[derive(Default)]
pub(crate) struct Maps {
    checks: Vec<Check>,
    /// Guards through which a check was made: a change through them is the
    /// double-checked shape.
    checked: HashSet<GuardId>,
    reported: HashSet<*const ExprMethodCall>,
}

impl Maps {
    /// Sees one map call through the guards `roots` (guard and lock),
    /// under the checks `control` that the code depends on. Returns the
    /// check the call makes, for the tracking to carry to conditions.
    pub(crate) fn observe(
        &mut self,
        report: &mut Report,
        map_use: &MapUse<'_>,
        roots: &[(GuardId, String)],
        control: &[usize],
    ) -> Option<usize> {
        let method = map_use.call.method.to_string();
        let key = map_use.key.and_then(key_name);
        // `match map.get_mut(k) { Some(..) => .., None => .. }` checks again
        // under this guard before it changes anything.
        let rechecks = map_use.inspected && method == "get_mut";
        if ACTS.contains(&method.as_str()) && !rechecks {
            self.act(report, map_use, &method, key.as_deref(), roots, control);
        }
        if !CHECKS.contains(&method.as_str()) {
            return None;
        }
        let (guard, root) = roots.first()?;
        self.checked.insert(*guard);
        self.checks.push(Check {
            root: root.clone(),
            guard: *guard,
            method,
            key,
        });
        Some(self.checks.len() - 1)
    }

    fn act(
        &mut self,
        report: &mut Report,
        map_use: &MapUse<'_>,
        method: &str,
        key: Option<&str>,
        roots: &[(GuardId, String)],
        control: &[usize],
    ) {
        let call = map_use.call;
        if self.reported.contains(&(call as *const _)) {
            return;
        }
        for (guard, root) in roots {
            if self.checked.contains(guard) {
                continue;
            }
            let stale = control
                .iter()
                .filter_map(|index| self.checks.get(*index))
                .find(|check| {
                    check.root == *root
                        && check.guard != *guard
                        && match (&check.key, key) {
                            (Some(checked), Some(changed)) => checked == changed,
                            _ => true,
                        }
                });
            let Some(check) = stale else { continue };
            if report.is_allowed(Code::CHECK_THEN_ACT_ON_LOCKED_MAP) {
                return;
            }
            self.reported.insert(call as *const _);
            let key_text = map_use.key.map_or_else(|| "key".to_owned(), text);
            let key_text = key_text.trim_start_matches('&');
            let acquire = text(&call.receiver);
            let help = if check.method == "contains" {
                format!(
                    "check and change under one guard: `let mut set = {acquire};` then `if set.insert({key_text}) {{ .. }}` (`insert` tells whether the value was new); with `#[unmixed::shared_state]`, do both inside one `field_mut(|set| ..)`"
                )
            } else {
                format!(
                    "check and change under one guard: `let mut map = {acquire};` then `map.entry({key_text}).or_insert(..)`, or check and change through `map`; with `#[unmixed::shared_state]`, do both inside one `field_mut(|map| ..)`"
                )
            };
            report.push(Finding::new(
                Code::CHECK_THEN_ACT_ON_LOCKED_MAP,
                Location {
                    start: call.method.span(),
                    end: call.paren_token.span.close(),
                },
                format!(
                    "`{root}` is checked with `{}` under one lock and changed with `{method}` under another: \
                     the lock is released in between, so another thread can change the map and this \
                     `{method}` acts on a stale answer",
                    check.method
                ),
                help,
            ));
            return;
        }
    }
}

/// `k` for `&k`, `k.clone()`, `*k`, `k.to_string()`; `self.id` for `&self.id`.
fn key_name(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Reference(reference) => key_name(&reference.expr),
        Expr::Paren(inner) => key_name(&inner.expr),
        Expr::Unary(unary) if matches!(unary.op, syn::UnOp::Deref(_)) => key_name(&unary.expr),
        Expr::MethodCall(call)
            if call.args.is_empty()
                && matches!(
                    call.method.to_string().as_str(),
                    "clone" | "to_owned" | "to_string" | "into" | "as_str" | "as_ref" | "borrow"
                ) =>
        {
            key_name(&call.receiver)
        }
        Expr::Path(path) => path.path.get_ident().map(ToString::to_string),
        Expr::Field(_) => Some(text(expr)),
        _ => None,
    }
}
