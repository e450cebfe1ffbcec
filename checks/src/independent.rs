//! LOCK_GUARDS_INDEPENDENT_STATE: one lock over a struct whose fields the
//! functions that lock it use in separate groups.
//!
//! Catches a field or static whose type holds a lock (known by its type:
//! std, parking_lot, tokio, ..., also inside `Arc` or `LazyLock`) around a
//! struct of the program with several named fields, where the functions of
//! the program that lock it touch its fields in two or more groups that no
//! function joins: two fields are joined when one function touches both.
//! A field counts as touched through the guard directly (`g.hits += 1`),
//! through a method of the struct the guard calls (`state.write().commit(..)`
//! touches what `commit` touches of `self`), or through a function of the
//! program the guard is handed to (`render(&state.read())`). Callers of one
//! group then wait for callers of the other for nothing.
//!
//! Leaves alone: locks whose guards are used as a whole anywhere (`*g =
//! ..`, passed to code that is not followed, returned), since then any
//! field may be touched; locks taken by only one function; fields never
//! touched through the lock, or only ever assigned through it (nobody
//! reads them back under the lock); types that cannot be known.

use std::collections::{BTreeMap, BTreeSet};

use syn::Item;

use crate::analysis::Unit;
use crate::facts::guarded::{self, kind_of, Kind, Uses};
use crate::facts::Facts;
use crate::program::{FileId, FnId, Program};
use crate::{Code, Finding, Location, Report};

/// Reports locks declared among `items` (a module a macro sees, alone)
/// that guard independent groups of fields.
pub fn check_independent_state(items: &[Item], report: &mut Report) {
    let (program, facts) =
        crate::analysis::standalone(items, "crate", &crate::flow::Settings::default());
    let unit = Unit {
        file: FileId(0),
        items,
        attrs: &[],
        module: "crate",
        is_test: false,
    };
    check_unit(&program, &facts, unit, report);
}

/// Reports locks declared in one file of a program that guard independent
/// groups of fields, judged on every function of the program that locks them.
pub fn check_unit(program: &Program, facts: &Facts, unit: Unit<'_>, report: &mut Report) {
    guarded::lock_declarations(
        program,
        unit.items,
        unit.module,
        report,
        &mut |decl, report| {
            if kind_of(program, &decl.protects) != Some(Kind::Struct) {
                return;
            }
            let Some(state) = decl.protects.path().and_then(|path| program.type_def(path)) else {
                return;
            };
            let named = state
                .fields
                .iter()
                .filter(|(name, _)| !name.starts_with(char::is_numeric))
                .count();
            if named < 2 {
                return;
            }
            // What each function touches, all its sections together.
            let mut functions: BTreeMap<String, Uses> = BTreeMap::new();
            for (id, uses) in &facts.guarded.sections(&decl.place) {
                functions
                    .entry(function_name(program, *id))
                    .or_default()
                    .merge(uses);
            }
            if functions.len() < 2
                || functions
                    .values()
                    .any(|uses| uses.whole || !uses.passed.is_empty())
            {
                return;
            }
            // A field nobody reads back through the lock is no state
            // anyone waits for.
            let read: BTreeSet<String> = functions
                .values()
                .flat_map(|uses| uses.read_fields.iter().cloned())
                .collect();
            for uses in functions.values_mut() {
                uses.fields.retain(|field| read.contains(field));
            }
            let groups = groups(&functions);
            if groups.len() < 2 {
                return;
            }
            let mut described: Vec<String> = groups
                .iter()
                .take(3)
                .map(|(fields, fns)| {
                    let fields: Vec<String> = fields.iter().map(|f| format!("`{f}`")).collect();
                    format!("{} (used by {})", fields.join(", "), listed(fns.iter()))
                })
                .collect();
            if groups.len() > 3 {
                described.push(format!("{} more", groups.len() - 3));
            }
            let state_name = decl.protects.display();
            report.push(Finding::new(
            Code::LOCK_GUARDS_INDEPENDENT_STATE,
            Location::of(guarded::lock_syntax(decl.ty, &decl.lock)),
            format!(
                "`{}` locks all of `{state_name}`, but its users touch {} separate groups of fields: {}; \
                 each group's callers wait for the others' for nothing",
                decl.name,
                groups.len(),
                described.join(" and ")
            ),
            format!(
                "split the lock along the groups (one lock per group, or move a field that is safe to share \
                 on its own next to the lock), or declare `{state_name}` with `#[unmixed::shared_state]`, \
                 which gives every field its own lock"
            ),
        ));
        },
    );
}

/// `hit`, `Server::hit`: how a message names a function.
fn function_name(program: &Program, id: FnId) -> String {
    let def = program.function(id);
    match def
        .owner
        .as_deref()
        .and_then(|owner| owner.rsplit("::").next())
    {
        Some(owner) => format!("{owner}::{}", def.name),
        None => def.name.clone(),
    }
}

/// `a`, `b`, `c` and 2 more.
fn listed<'a>(names: impl ExactSizeIterator<Item = &'a String>) -> String {
    let count = names.len();
    let shown: Vec<String> = names.take(3).map(|name| format!("`{name}`")).collect();
    if count > 3 {
        format!("{} and {} more", shown.join(", "), count - 3)
    } else {
        shown.join(", ")
    }
}

/// Connected groups of fields (joined by a function touching both), with
/// the functions of each group.
fn groups(functions: &BTreeMap<String, Uses>) -> Vec<(BTreeSet<String>, BTreeSet<String>)> {
    let mut groups: Vec<(BTreeSet<String>, BTreeSet<String>)> = Vec::new();
    for (function, touched) in functions {
        if touched.fields.is_empty() {
            continue;
        }
        let mut merged = (touched.fields.clone(), BTreeSet::from([function.clone()]));
        groups.retain(|(fields, fns)| {
            if fields.is_disjoint(&merged.0) {
                true
            } else {
                merged.0.extend(fields.iter().cloned());
                merged.1.extend(fns.iter().cloned());
                false
            }
        });
        groups.push(merged);
    }
    groups.sort_by(|a, b| a.1.first().cmp(&b.1.first()));
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse_quote;

    fn run(module: syn::ItemMod) -> Vec<Finding> {
        let mut report = Report::new();
        let (_, items) = module.content.expect("an inline module");
        check_independent_state(&items, &mut report);
        report.into_findings()
    }

    #[test]
    fn disjoint_users_of_one_lock() {
        let found = run(parse_quote! {
            mod server {
                struct Stats { hits: u64, misses: u64, log: Vec<String> }
                pub struct Server { stats: std::sync::Mutex<Stats> }
                impl Server {
                    fn hit(&self) { self.stats.lock().unwrap().hits += 1; }
                    fn ratio(&self) -> f64 {
                        let s = self.stats.lock().unwrap();
                        s.hits as f64 / s.misses as f64
                    }
                    fn note(&self, line: String) { self.stats.lock().unwrap().log.push(line); }
                }
            }
        });
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, Code::LOCK_GUARDS_INDEPENDENT_STATE);
        assert!(
            found[0]
                .message
                .contains("touch 2 separate groups of fields: `hits`, `misses` (used by `Server::hit`, `Server::ratio`) and `log` (used by `Server::note`)"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn joined_or_whole_uses_are_left_alone() {
        let joined = run(parse_quote! {
            mod server {
                struct Stats { hits: u64, log: Vec<String> }
                static STATS: std::sync::Mutex<Stats> = todo!();
                fn hit() { STATS.lock().unwrap().hits += 1; }
                fn note(line: String) { STATS.lock().unwrap().log.push(line); }
                fn both(line: String) { let mut s = STATS.lock().unwrap(); s.hits += 1; s.log.push(line); }
            }
        });
        assert!(joined.is_empty());
        let whole = run(parse_quote! {
            mod server {
                struct Stats { hits: u64, log: Vec<String> }
                static STATS: std::sync::Mutex<Stats> = todo!();
                fn hit() { STATS.lock().unwrap().hits += 1; }
                fn note(line: String) { STATS.lock().unwrap().log.push(line); }
                fn reset() { let mut s = STATS.lock().unwrap(); *s = Stats { hits: 0, log: Vec::new() }; }
            }
        });
        assert!(whole.is_empty());
    }

    #[test]
    fn fields_touched_through_methods_and_helpers_across_the_program() {
        // babylon's state manager: the scrape reads only the registry,
        // through a helper given the read guard; commits go through a
        // method of the state.
        let found = run(parse_quote! {
            mod node {
                use std::sync::Arc;
                use parking_lot::RwLock;
                pub struct Registry;
                impl Registry {
                    pub fn gather(&self) -> Vec<u8> { Vec::new() }
                }
                pub struct StateManager {
                    mempool: Vec<Vec<u8>>,
                    version: u64,
                    registry: Registry,
                }
                impl StateManager {
                    fn commit(&mut self, txs: Vec<Vec<u8>>) {
                        self.mempool.retain(|tx| !txs.contains(tx));
                        self.version += txs.len() as u64;
                    }
                }
                fn render(state: &StateManager) -> Vec<u8> {
                    state.registry.gather()
                }
                pub struct Handle {
                    state: Arc<RwLock<StateManager>>,
                }
                impl Handle {
                    pub fn metrics(&self) -> Vec<u8> {
                        render(&self.state.read())
                    }
                    pub fn add(&self, tx: Vec<u8>) {
                        self.state.write().mempool.push(tx);
                    }
                    pub fn commit(&self, txs: Vec<Vec<u8>>) {
                        self.state.write().commit(txs);
                    }
                }
            }
        });
        assert_eq!(found.len(), 1);
        assert!(
            found[0].message.contains(
                "`mempool`, `version` (used by `Handle::add`, `Handle::commit`) and `registry` (used by `Handle::metrics`)"
            ),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn guards_handed_to_code_not_followed_are_left_alone() {
        let found = run(parse_quote! {
            mod node {
                use std::sync::Mutex;
                pub struct Stats { hits: u64, log: Vec<String> }
                pub struct Server { stats: Mutex<Stats> }
                impl Server {
                    fn hit(&self) { self.stats.lock().unwrap().hits += 1; }
                    fn note(&self, line: String) { self.stats.lock().unwrap().log.push(line); }
                    fn dump(&self) { println!("{}", describe(&*self.stats.lock().unwrap())); }
                }
                fn describe<T: std::fmt::Debug>(value: &T) -> String { format!("{value:?}") }
            }
        });
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn fields_only_assigned_through_the_lock_make_no_group() {
        // volga's master after its fix: `enabled` is set under the lock on
        // shutdown but read from an atomic mirror, never under the lock.
        let found = run(parse_quote! {
            mod master {
                pub struct Checkpoints { pub enabled: bool, pending: Vec<u64>, acks: usize }
                impl Checkpoints {
                    fn report(&mut self, id: u64) -> bool {
                        self.pending.push(id);
                        self.pending.len() >= self.acks
                    }
                }
                pub struct Master { checkpoints: tokio::sync::Mutex<Checkpoints> }
                impl Master {
                    pub async fn report(&self, id: u64) -> bool {
                        self.checkpoints.lock().await.report(id)
                    }
                    pub async fn disable(&self) {
                        self.checkpoints.lock().await.enabled = false;
                    }
                }
            }
        });
        assert!(found.is_empty(), "{found:?}");
    }
}
