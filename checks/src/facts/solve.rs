//! Carries effects from callees to callers until nothing changes.

use std::collections::HashMap;

use super::collect::Direct;
use super::{Facts, FnFacts};
use crate::program::{FnId, Program};

/// The facts of every function, from the direct facts of each body.
pub fn solve(program: &Program, direct: HashMap<FnId, Direct>) -> Facts {
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
                    drains_params: direct
                        .drains
                        .as_ref()
                        .map(|drains| drains.params.clone())
                        .unwrap_or_default(),
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
        if let Some(caller) = facts.get_mut(id) {
            caller.calls_lock_helper = helper;
        }
    }
    let drained_fields = drains(&direct, &mut facts);
    Facts {
        of: facts,
        drained_fields,
    }
}

/// Receivers drained through handoffs: a parameter stored in a field that
/// a method drains, or passed to a function that drains its parameter.
fn drains(
    direct: &HashMap<FnId, Direct>,
    facts: &mut HashMap<FnId, FnFacts>,
) -> HashMap<String, super::drains::Drain> {
    use super::drains::Handoff;
    let mut fields: HashMap<String, super::drains::Drain> = HashMap::new();
    let mut ids: Vec<&FnId> = direct.keys().collect();
    ids.sort();
    for id in &ids {
        for (place, drain) in direct[id].drains.iter().flat_map(|drains| &drains.fields) {
            fields.entry(place.clone()).or_insert_with(|| drain.clone());
        }
    }
    let handing: Vec<(FnId, usize, Handoff)> = ids
        .iter()
        .flat_map(|id| {
            direct[id]
                .drains
                .iter()
                .flat_map(|drains| &drains.param_handoffs)
                .map(|(index, handoff)| (**id, *index, handoff.clone()))
        })
        .collect();
    let mut changed = true;
    let mut rounds = 0;
    while changed && rounds <= handing.len() {
        changed = false;
        rounds += 1;
        for (id, index, handoff) in &handing {
            let (found, many) = match handoff {
                Handoff::Field { place, many } => (fields.get(place).cloned(), *many),
                Handoff::Arg { callee, index, many } => (
                    facts.get(callee).and_then(|callee| {
                        callee
                            .drains_params
                            .iter()
                            .find(|(param, _)| param == index)
                            .map(|(_, drain)| drain.clone())
                    }),
                    *many,
                ),
            };
            let Some(drain) = found else { continue };
            let caller = facts.get_mut(id).expect("every body has facts");
            if !caller.drains_params.iter().any(|(param, _)| param == index) {
                let drain = super::drains::Drain {
                    many: drain.many || many,
                    ..drain
                };
                caller.drains_params.push((*index, drain));
                changed = true;
            }
        }
    }
    fields
}
