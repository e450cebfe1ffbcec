//! Carries effects from callees to callers until nothing changes.

use std::collections::HashMap;

use super::collect::Direct;
use super::{Facts, FnFacts};
use crate::flow::Effect;
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
                    drains_params: direct
                        .drains
                        .as_ref()
                        .map(|drains| drains.params.clone())
                        .unwrap_or_default(),
                },
            )
        })
        .collect();
    // Each round lets effects climb one call further, from what the round
    // before knew: the first chain found is a shortest one, and the same
    // on every run (ids in order, calls in body order). A chain longer than
    // the number of functions would be a cycle, which changes nothing more.
    let mut ids: Vec<FnId> = direct.keys().copied().collect();
    ids.sort_unstable();
    let mut changed = true;
    let mut rounds = 0;
    while changed && rounds <= direct.len() {
        changed = false;
        rounds += 1;
        let mut learned: Vec<(FnId, Option<Effect>, Option<Effect>)> = Vec::new();
        for id in &ids {
            let caller = &facts[id];
            let (mut blocks, mut awaits_io) = (None, None);
            for call in &direct[id].calls {
                let Some(callee) = facts.get(&call.callee) else {
                    continue;
                };
                let def = program.function(call.callee);
                if caller.blocks.is_none() && blocks.is_none() {
                    if let Some(effect) = &callee.blocks {
                        blocks = Some(effect.through(&def.name, call.on_self));
                    }
                }
                if caller.awaits_io.is_none() && awaits_io.is_none() && def.is_async && call.awaited
                {
                    if let Some(effect) = &callee.awaits_io {
                        awaits_io = Some(effect.through(&def.name, call.on_self));
                    }
                }
            }
            if blocks.is_some() || awaits_io.is_some() {
                learned.push((*id, blocks, awaits_io));
            }
        }
        for (id, blocks, awaits_io) in learned {
            let caller = facts.get_mut(&id).expect("every body has facts");
            if blocks.is_some() {
                caller.blocks = blocks;
                changed = true;
            }
            if awaits_io.is_some() {
                caller.awaits_io = awaits_io;
                changed = true;
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
    let drained_fields = drains(&direct, &mut facts);
    let cyclic_sends = cyclic_sends(program, &direct);
    Facts {
        of: facts,
        guarded,
        drained_fields,
        cyclic_sends,
    }
}

/// Sends awaited, through calls, by the loop that drains the same bounded
/// channel: the loop's body waits for room only the loop can make.
///
/// Which channel a sender feeds is not followed; it is taken to be the
/// loop's mailbox only when nothing else could be: the channel carries a
/// type of the program's own (a message type, not a `String` or a byte
/// buffer several pipes share), and exactly one loop of the program drains
/// channels of that type. Two loops draining the same type (a duplex pump
/// whose pipes are wired crosswise by the caller) leave the send's target
/// unknown, and the check stays quiet.
fn cyclic_sends(
    program: &Program,
    direct: &HashMap<FnId, Direct>,
) -> HashMap<FnId, Vec<super::CyclicSend>> {
    let mut found: HashMap<FnId, Vec<super::CyclicSend>> = HashMap::new();
    if direct.values().all(|body| body.awaited_sends.is_empty()) {
        return found;
    }
    let every_drain: Vec<&super::drains::Drain> = direct
        .values()
        .filter_map(|body| body.drains.as_ref())
        .flat_map(|drains| {
            drains
                .fields
                .iter()
                .map(|(_, drain)| drain)
                .chain(drains.params.iter().map(|(_, drain)| drain))
        })
        .collect();
    let sole_mailbox = |drain: &super::drains::Drain| {
        let own = drain
            .item
            .strip_refs()
            .path()
            .and_then(|path| program.type_def(path))
            .is_some_and(|def| def.file.is_some());
        let mut loops: Vec<(&str, usize)> = every_drain
            .iter()
            .filter(|other| other.item == drain.item)
            .map(|other| (other.function.as_str(), other.line))
            .collect();
        loops.sort_unstable();
        loops.dedup();
        own && loops.len() == 1
    };
    let mut ids: Vec<&FnId> = direct.keys().collect();
    ids.sort();
    for id in ids {
        let Some(drains) = &direct[id].drains else {
            continue;
        };
        let loops = drains
            .fields
            .iter()
            .map(|(_, drain)| drain)
            .chain(drains.params.iter().map(|(_, drain)| drain));
        for drain in loops {
            let Some(channel) = &drain.channel else {
                continue;
            };
            let Some((module, name)) = channel.rsplit_once("::") else {
                continue;
            };
            if name.starts_with("Unbounded") || !drain.item.is_known() || !sole_mailbox(drain) {
                continue;
            }
            // Every function the loop's function runs, itself included.
            let mut reached = vec![*id];
            let mut next = 0;
            while next < reached.len() {
                let at = reached[next];
                next += 1;
                for call in direct
                    .get(&at)
                    .map_or(&[][..], |body| body.calls.as_slice())
                {
                    if direct.contains_key(&call.callee) && !reached.contains(&call.callee) {
                        reached.push(call.callee);
                    }
                }
            }
            for at in reached {
                for send in &direct[&at].awaited_sends {
                    let same_channel = send.item == drain.item
                        && send
                            .sender
                            .rsplit_once("::")
                            .is_some_and(|(owner, _)| owner == module);
                    let known = found.get(&at).is_some_and(|sends| {
                        sends
                            .iter()
                            .any(|s| s.line == send.line && s.column == send.column)
                    });
                    if same_channel && !known {
                        found.entry(at).or_default().push(super::CyclicSend {
                            line: send.line,
                            column: send.column,
                            loop_fn: drain.function.clone(),
                            loop_line: drain.line,
                        });
                    }
                }
            }
        }
    }
    found
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
                Handoff::Arg {
                    callee,
                    index,
                    many,
                } => (
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
