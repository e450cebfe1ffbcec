//! WRONG_MODEL_FOR_WORKLOAD (warning): shared state whose every use in the
//! program calls for another model.
//!
//! Catches, on struct fields and statics whose type holds a lock (std,
//! parking_lot, tokio, async-lock, ...: known by the type, through `Arc`,
//! `LazyLock` and the like), judged on every critical section the program
//! takes on that lock (in any file, through parameters the field is given
//! to, through functions the guard is handed to, through other fields
//! given a clone of it, which are the same lock and reported once):
//! - a lock around a lone integer or `bool` whose every section only reads
//!   the value, adds to it, stores it, keeps a running maximum or minimum
//!   or sets bits, and writes it somewhere: one atomic instruction
//!   (`fetch_add`, `fetch_max`, `store`, ...) does each of those without a
//!   lock;
//! - a `Mutex<HashMap<..>>` (or `BTreeMap`) locked in at least two places,
//!   where every section touches a single key (or judges each entry on its
//!   own, `retain`), at least one of them a single key: the entries are
//!   independent, so one lock serialises unrelated work. An `RwLock` whose
//!   every section takes the write guard is judged the same. An `RwLock`
//!   read somewhere (which guard a section takes is known from the lock
//!   method's return type) is reported only when its write sections take
//!   keys out (`remove`, `retain`) or change values in place (`get_mut`):
//!   then writers come back for keys already there, and each one shuts out
//!   every reader.
//!
//! Leaves alone: a section that compares the value and acts on it
//! (`if *g >= limit { .. }`, a `match` on it), holds the guard across other work
//! (calls, `.await`s), hands the guard to code not followed (a `Condvar`'s
//! `wait`, a returned guard, an unknown function), or touches a map as a
//! whole (iteration, `len`, two keys at once, a key per round of a loop or
//! closure); an `RwLock` map whose writes only fill it (`insert` or
//! `entry` at set-up or on a miss): its readers share the lock, and how
//! often a fill comes is not in the code (a hot path that inserts on every
//! call is left alone too); a section whose guard's kind is not known;
//! locks never written; locals, whose sharing the program does not show;
//! types that cannot be known.

use crate::analysis::Unit;
use crate::facts::guarded::{self, kind_of, ops, Kind, LockDecl, Uses};
use crate::facts::Facts;
use crate::program::{FnId, Program};
use crate::{Code, Finding, Location, Report};

/// Runs the workload checks over one file of a program whose facts are known.
pub fn check_unit(program: &Program, facts: &Facts, unit: Unit<'_>, report: &mut Report) {
    guarded::lock_declarations(
        program,
        unit.items,
        unit.module,
        report,
        &mut |decl, report| match kind_of(program, &decl.protects) {
            Some(Kind::Counter) => counter(program, facts, &decl, report),
            Some(Kind::Map) => map(program, facts, &decl, report),
            _ => {}
        },
    );
}

/// Runs the workload checks over a file on its own.
pub fn check(file: &syn::File, report: &mut Report) {
    let (program, facts) =
        crate::analysis::standalone(&file.items, "crate", &crate::flow::Settings::default());
    let unit = Unit {
        file: crate::program::FileId(0),
        items: &file.items,
        attrs: &file.attrs,
        module: "crate",
        is_test: false,
    };
    check_unit(&program, &facts, unit, report);
}

fn counter(program: &Program, facts: &Facts, decl: &LockDecl<'_>, report: &mut Report) {
    let sections = &facts.guarded.sections(&decl.place)[..];
    if sections.is_empty() || !sections.iter().all(|(_, uses)| uses.atomic_would_do()) {
        return;
    }
    let mut all = Uses::default();
    for (_, uses) in sections {
        all.merge(uses);
    }
    if all.ops & ops::WRITES == 0 {
        return;
    }
    let inner = decl.protects.display();
    let atomic = atomic_for(&inner);
    let name = &decl.name;
    let mut steps = Vec::new();
    if all.ops & ops::ADD != 0 {
        steps.push(format!("`{name}.fetch_add(n, Ordering::Relaxed)` (it returns the previous value; `fetch_sub` subtracts)"));
    }
    if all.ops & ops::MAX != 0 {
        steps.push(format!("`{name}.fetch_max(x, Ordering::Relaxed)`"));
    }
    if all.ops & ops::MIN != 0 {
        steps.push(format!("`{name}.fetch_min(x, Ordering::Relaxed)`"));
    }
    if all.ops & ops::BITS != 0 {
        steps.push(format!(
            "`{name}.fetch_or(..)`/`fetch_and(..)`/`fetch_xor(..)`"
        ));
    }
    if all.ops & ops::STORE != 0 {
        steps.push(format!("`{name}.store(x, Ordering::Relaxed)`"));
    }
    if all.ops & ops::READ != 0 {
        steps.push(format!("`{name}.load(Ordering::Relaxed)`"));
    }
    let counter_attr = if inner == "bool" {
        String::new()
    } else {
        format!(
            ", or declare it `#[counter] {name}: {inner}` in a `#[unmixed::shared_state]` struct"
        )
    };
    report.push(Finding::new(
        Code::WRONG_MODEL_FOR_WORKLOAD,
        Location::of(guarded::lock_syntax(decl.ty, &decl.lock)),
        format!(
            "`{}` around a lone `{inner}`: every use in the program ({}) only {}, so each caller queues \
             for a lock to do what one atomic instruction does",
            crate::syntax::text(guarded::lock_syntax(decl.ty, &decl.lock)),
            functions(program, sections),
            verbs(all.ops),
        ),
        format!("make `{name}` an `{atomic}` and use {}{counter_attr}", steps.join(", ")),
    ));
}

fn map(program: &Program, facts: &Facts, decl: &LockDecl<'_>, report: &mut Report) {
    let sections = &facts.guarded.sections(&decl.place)[..];
    let one_key = sections
        .iter()
        .filter(|(_, uses)| uses.ops & ops::ONE_KEY != 0)
        .count();
    if sections.len() < 2
        || one_key == 0
        || !sections.iter().all(|(_, uses)| uses.entries_independent())
    {
        return;
    }
    // Which sections share the lock (an `RwLock`'s readers): known for
    // every one, or nothing is said.
    let Some(shared) = sections
        .iter()
        .map(|(_, uses)| guarded::takes_shared(program, &decl.lock, uses.taken_with.as_deref()))
        .collect::<Option<Vec<bool>>>()
    else {
        return;
    };
    let name = &decl.name;
    let lock = crate::syntax::text(guarded::lock_syntax(decl.ty, &decl.lock));
    let each_entry = sections
        .iter()
        .any(|(_, uses)| uses.ops & ops::PER_ENTRY != 0);
    let single = format!(
        "every lock of `{name}` ({}) touches a single key{}: the entries are independent",
        functions(program, sections),
        if each_entry {
            " or judges each entry on its own"
        } else {
            ""
        },
    );
    let message = if shared.contains(&true) {
        // Readers wait only for writers: what matters is how often the
        // writers come, which a map that only fills (a key inserted on a
        // miss, at set-up) does not show. Writers that take keys out or
        // change values in place come back for the same key.
        const CHURN: u16 = ops::REMOVE | ops::PER_ENTRY | ops::MUTATE;
        let writers: Vec<(FnId, Uses)> = sections
            .iter()
            .zip(&shared)
            .filter(|((_, uses), shared)| !**shared && uses.ops & CHURN != 0)
            .map(|(section, _)| section.clone())
            .collect();
        let written = writers.iter().fold(0, |found, (_, uses)| found | uses.ops);
        let mut does = Vec::new();
        if written & (ops::REMOVE | ops::PER_ENTRY) != 0 {
            does.push("take keys out");
        }
        if written & ops::MUTATE != 0 {
            does.push("change values in place");
        }
        if does.is_empty() {
            return;
        }
        format!(
            "{single}, yet its writes ({}) {} under the write guard of the whole `{lock}`, \
             which every reader of every key waits for",
            functions(program, &writers),
            does.join(" or "),
        )
    } else {
        format!("{single}, yet one `{lock}` makes every access wait for every other")
    };
    report.push(Finding::new(
        Code::WRONG_MODEL_FOR_WORKLOAD,
        Location::of(guarded::lock_syntax(decl.ty, &decl.lock)),
        message,
        "use a concurrent map (`dashmap::DashMap`: `insert`, `get`, `entry` and `retain` lock one shard), \
         shard the map (N maps behind N locks, picked by key hash), or give each key its own `#[unmixed::actor]`",
    ));
}

/// `next_id`, `Client::call`: the functions with a section, for messages.
fn functions(program: &Program, sections: &[(FnId, Uses)]) -> String {
    let mut names: Vec<String> = sections
        .iter()
        .map(|(id, _)| {
            let def = program.function(*id);
            match def
                .owner
                .as_deref()
                .and_then(|owner| owner.rsplit("::").next())
            {
                Some(owner) => format!("`{owner}::{}`", def.name),
                None => format!("`{}`", def.name),
            }
        })
        .collect();
    names.sort();
    names.dedup();
    let count = sections.len();
    let places = if count == 1 {
        "one section".to_owned()
    } else {
        format!("{count} sections")
    };
    if names.len() > 3 {
        let more = names.len() - 3;
        names.truncate(3);
        format!("{places}, in {} and {more} more", names.join(", "))
    } else {
        format!("{places}, in {}", names.join(", "))
    }
}

/// What the sections do, in words.
fn verbs(found: u16) -> String {
    let mut verbs = Vec::new();
    if found & ops::READ != 0 {
        verbs.push("reads it");
    }
    if found & ops::ADD != 0 {
        verbs.push("adds to it");
    }
    if found & ops::MAX != 0 {
        verbs.push("raises it to a running maximum");
    }
    if found & ops::MIN != 0 {
        verbs.push("lowers it to a running minimum");
    }
    if found & ops::BITS != 0 {
        verbs.push("sets bits of it");
    }
    if found & ops::STORE != 0 {
        verbs.push("stores it");
    }
    match verbs.split_last() {
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

fn atomic_for(inner: &str) -> String {
    match inner {
        "bool" => "AtomicBool".into(),
        other => format!("Atomic{}", other[..1].to_uppercase() + &other[1..]),
    }
}

#[cfg(test)]
mod tests;
