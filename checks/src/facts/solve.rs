//! Carries effects from callees to callers until nothing changes.

use std::collections::HashMap;

use super::collect::Direct;
use super::{Facts, FnFacts};
use crate::program::{FnId, Program};

/// The facts of every function, from the direct facts of each body.
pub fn solve(program: &Program, direct: HashMap<FnId, Direct>) -> Facts {
    let guarded = {
        let bodies: HashMap<FnId, &super::guarded::Direct> = direct
            .iter()
            .map(|(id, body)| (*id, &body.guarded))
            .collect();
        super::guarded::solve(&bodies)
    };
    let mut facts: HashMap<FnId, FnFacts> = direct
        .iter()
        .map(|(id, direct)| {
            (
                *id,
                FnFacts {
                    blocks: direct.blocks.clone(),
                    awaits_io: direct.awaits_io.clone(),
                    awaits: direct.awaits,
                    calls_params: direct.calls_params.clone(),
                    params_under_lock: direct.params_under_lock.clone(),
                    takes_locks: direct.takes_locks,
                    prints: direct.prints,
                    calls_lock_helper: false,
                    maps: direct.maps.clone(),
                    calls_map_helper: false,
                },
            )
        })
        .collect();
    // Each round lets effects climb one call further; a chain longer than
    // the number of functions would be a cycle, which changes nothing more.
    let mut changed = true;
    let mut rounds = 0;
    while changed && rounds <= direct.len() {
        changed = false;
        rounds += 1;
        for (id, body) in &direct {
            for call in &body.calls {
                let Some(callee) = facts.get(&call.callee).cloned() else {
                    continue;
                };
                let name = &program.function(call.callee).name;
                let callee_async = program.function(call.callee).is_async;
                let caller = facts.get_mut(id).expect("every body has facts");
                if caller.blocks.is_none() {
                    if let Some(effect) = &callee.blocks {
                        caller.blocks = Some(effect.through(name, call.on_self));
                        changed = true;
                    }
                }
                if caller.awaits_io.is_none() && callee_async && call.awaited {
                    if let Some(effect) = &callee.awaits_io {
                        caller.awaits_io = Some(effect.through(name, call.on_self));
                        changed = true;
                    }
                }
            }
        }
    }
    for (id, body) in &direct {
        let helper = body.called_anywhere.iter().any(|callee| {
            facts
                .get(callee)
                .is_some_and(|callee| !callee.params_under_lock.is_empty())
        });
        let map_helper = body
            .called_anywhere
            .iter()
            .any(|callee| facts.get(callee).is_some_and(|callee| callee.maps.any()));
        if let Some(caller) = facts.get_mut(id) {
            caller.calls_lock_helper = helper;
            caller.calls_map_helper = map_helper;
        }
    }
    Facts { of: facts, guarded }
}
