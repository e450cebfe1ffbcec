//! Checks over a whole crate, after every file has been read: what no
//! single macro can see because it spans items in several files.
//!
//! - ACTOR_CYCLIC_SEND between declared actors: handlers that await
//!   requests on each other's handles in a cycle ([`actor_cycles`]);
//! - CONNECTION_POOL_NO_RESET: a resource pool whose resource type has no
//!   `impl unmixed::Reset` anywhere in the crate ([`unreset_resources`]).
//!
//! The syntax trees are gone by then (the reviewer reads files on several
//! threads and keeps plain data), so these checks take summaries with
//! places as file, line and column, and give [`CrateFinding`]s. The
//! `#[unmixed::allow]` scopes were read where the summaries were made: a
//! request made under `allow(ACTOR_CYCLIC_SEND)` breaks no cycle but keeps
//! it from being reported, and a pool under `allow(CONNECTION_POOL_NO_RESET)`
//! is left alone.

use crate::design::{self, RequestKind, Target};
use crate::Code;

/// Where something is: a file and the span of its tokens (1-based columns).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The file, as the reviewer names it.
    pub file: String,
    /// The first line.
    pub line: usize,
    /// The first column.
    pub column: usize,
    /// The last line.
    pub end_line: usize,
    /// The column after the last token.
    pub end_column: usize,
}

/// A finding of a whole-crate check.
#[derive(Debug, Clone)]
pub struct CrateFinding {
    /// Its check.
    pub code: Code,
    /// Where it points.
    pub place: Place,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: String,
}

/// An awaited (or told, or detached) request a handler makes.
#[derive(Debug, Clone)]
pub struct CrateRequest {
    /// The handler that makes it.
    pub handler: String,
    /// Whose handle it calls.
    pub target: Target,
    /// The handle method (`get`, `try_tell_get`, ..).
    pub method: String,
    /// Whether the handler waits for it.
    pub kind: RequestKind,
    /// The call.
    pub place: Place,
    /// `#[unmixed::allow(ACTOR_CYCLIC_SEND, ..)]` is in force there.
    pub allowed: bool,
}

/// A declared actor and the requests its handlers make.
#[derive(Debug, Clone)]
pub struct CrateActor {
    /// The state type's name.
    pub name: String,
    /// Its requests.
    pub requests: Vec<CrateRequest>,
}

/// A declared resource pool.
#[derive(Debug, Clone)]
pub struct CratePool {
    /// The pool's name.
    pub name: String,
    /// Its declaration.
    pub place: Place,
    /// The resource type it lends out, when it has one.
    pub resource_type: Option<String>,
    /// `#[unmixed::allow(CONNECTION_POOL_NO_RESET, ..)]` sits on it.
    pub reset_allowed: bool,
}

/// ACTOR_CYCLIC_SEND between actors: each waits for a reply from the next,
/// so none can answer. A cycle through an allowed request is a known
/// design and is not reported.
pub fn actor_cycles(actors: &[CrateActor]) -> Vec<CrateFinding> {
    let names: Vec<&str> = actors.iter().map(|actor| actor.name.as_str()).collect();
    let requests = |name: &str| -> Vec<(&str, &CrateRequest)> {
        actors
            .iter()
            .filter(|actor| actor.name == name)
            .flat_map(|actor| &actor.requests)
            .filter(|request| request.kind == RequestKind::Waits)
            .filter_map(|request| Some((request.target.actor()?, request)))
            .collect()
    };
    design::cycles(&names, requests)
        .into_iter()
        .filter(|cycle| !cycle.iter().any(|(_, request)| request.allowed))
        .map(|cycle| {
            let steps: Vec<String> = cycle
                .iter()
                .map(|(from, request)| {
                    let to = request.target.actor().unwrap_or_default();
                    format!("`{from}::{}` awaits `{to}::{}`", request.handler, request.method)
                })
                .collect();
            CrateFinding {
                code: Code::ACTOR_CYCLIC_SEND,
                place: cycle[0].1.place.clone(),
                message: format!(
                    "actors wait on each other in a cycle: {}; each handler holds its actor while it waits, so none can answer",
                    steps.join(", then ")
                ),
                help: "break the cycle: make one direction fire-and-forget (`try_tell_*`), or move the awaited call \
                       into a `#[detached]` handler so the actor keeps taking messages"
                    .into(),
            }
        })
        .collect()
}

/// CONNECTION_POOL_NO_RESET: a resource pool whose resource type has no
/// `impl unmixed::Reset` in the crate (`resettable` lists the types that
/// have one; the trait is unmixed's, so the impl can only be in the crate).
pub fn unreset_resources(pools: &[CratePool], resettable: &[String]) -> Vec<CrateFinding> {
    pools
        .iter()
        .filter(|pool| !pool.reset_allowed)
        .filter_map(|pool| {
            let resource = pool.resource_type.as_ref()?;
            if resettable.contains(resource) {
                return None;
            }
            Some(CrateFinding {
                code: Code::CONNECTION_POOL_NO_RESET,
                place: pool.place.clone(),
                message: format!(
                    "resource pool `{}` lends out `{resource}`, and this crate has no \
                     `impl unmixed::Reset for {resource}`: a resource goes back to its worker with \
                     whatever transaction or session state the last job left",
                    pool.name
                ),
                help: format!(
                    "implement it: `impl unmixed::Reset for {resource} {{ type Error = ..; \
                     fn reset(&mut self) -> Result<(), Self::Error> {{ /* roll back, clear session state */ }} }}`"
                ),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(line: usize) -> Place {
        Place {
            file: "src/lib.rs".into(),
            line,
            column: 1,
            end_line: line,
            end_column: 10,
        }
    }

    fn asks(handler: &str, to: &str, line: usize, allowed: bool) -> CrateRequest {
        CrateRequest {
            handler: handler.into(),
            target: Target::Actor(to.into()),
            method: "get".into(),
            kind: RequestKind::Waits,
            place: place(line),
            allowed,
        }
    }

    #[test]
    fn a_cycle_is_reported_once_unless_a_request_in_it_is_allowed() {
        let actors = |allowed| {
            vec![
                CrateActor {
                    name: "A".into(),
                    requests: vec![asks("ping", "B", 3, false)],
                },
                CrateActor {
                    name: "B".into(),
                    requests: vec![asks("pong", "A", 9, allowed)],
                },
            ]
        };
        let found = actor_cycles(&actors(false));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0]
            .message
            .contains("`A::ping` awaits `B::get`, then `B::pong` awaits `A::get`"));
        assert!(actor_cycles(&actors(true)).is_empty());
    }

    #[test]
    fn a_pool_is_reset_by_an_impl_or_left_alone_by_an_allow() {
        let pool = |allowed| CratePool {
            name: "queries".into(),
            place: place(4),
            resource_type: Some("Conn".into()),
            reset_allowed: allowed,
        };
        assert_eq!(unreset_resources(&[pool(false)], &[]).len(), 1);
        assert!(unreset_resources(&[pool(false)], &["Conn".into()]).is_empty());
        assert!(unreset_resources(&[pool(true)], &[]).is_empty());
    }
}
