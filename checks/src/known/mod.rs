//! The well-known APIs: what std, tokio, parking_lot, futures, the channel
//! crates, rayon and the common database and HTTP clients declare, written
//! as stubs under `checks/known/` and indexed by the same code that reads
//! user crates ([`crate::program`]). A user's `Mutex` is a lock because
//! its path resolves to a stub marked `#[lock(..)]`, not because of its
//! name; a call does I/O because the function it resolves to is marked
//! `#[io(..)]`, not because of what it is called.
//!
//! The stubs' vocabulary:
//!
//! | on | attribute | means |
//! |---|---|---|
//! | type | `#[lock(sync)]`, `#[lock(async)]` | a lock; its guard blocks threads, or is taken with `.await` |
//! | type | `#[guard(sync)]`, `#[guard(async)]`, `#[guard(cell)]` | a guard of such a lock, or a `RefCell` borrow |
//! | type | `#[shared]` | a guard that others may hold at once (an `RwLock`'s read guard) |
//! | type | `#[atomic]`, `#[concurrent_map]` | shared memory without a lock, or sharded behind locks |
//! | type | `#[sender]`, `#[receiver]` | an end of a channel |
//! | type | `#[buffer]` | memory that reads and writes like I/O without doing any |
//! | type | `#[thread_pool]` | a pool of worker threads |
//! | fn, trait impl | `#[io(file)]`, `net`, `db`, `process`, `sleep`, `wait`, `block_on` | it does that when called (when awaited, for an `async fn`) |
//! | fn, trait impl | `#[io(through)]` | its I/O is its receiver's first type argument's (`BufWriter<W>`) |
//! | fn | `#[spawns]`, `#[pool_job]` | runs its closure or future elsewhere (on a pool of identical workers) |
//! | fn | `#[channel(bounded)]`, `unbounded`, `single`, `broadcast` | makes a channel of that kind |
//! | fn | `#[never_waits]` | a send that returns at once |
//! | fn | `#[forwards]` | awaiting it awaits the future it is given (`timeout`) |

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::program::{index_items, Program};

/// The stub files, each holding one or more crates as top-level modules.
const STUBS: &[(&str, &str)] = &[
    ("std.rs", include_str!("../../known/std.rs")),
    ("async.rs", include_str!("../../known/async.rs")),
    ("sync.rs", include_str!("../../known/sync.rs")),
    ("clients.rs", include_str!("../../known/clients.rs")),
];

/// The program of well-known APIs, every user program's starting point.
pub fn program() -> &'static Program {
    static KNOWN: OnceLock<Program> = OnceLock::new();
    KNOWN.get_or_init(build)
}

fn build() -> Program {
    let mut indexes = Vec::new();
    for (name, source) in STUBS {
        let file = syn::parse_file(source)
            .unwrap_or_else(|error| panic!("the stub file {name} does not parse: {error}"));
        for item in &file.items {
            let syn::Item::Mod(krate) = item else {
                continue;
            };
            let Some((_, items)) = &krate.content else {
                continue;
            };
            indexes.push(index_items(
                items,
                &krate.ident.to_string(),
                None,
                false,
                true,
            ));
        }
    }
    Program::build(None, indexes)
}

/// The names of the marked items of the well-known APIs: a call or a type
/// by any other name (or an import renaming one of these) cannot resolve
/// to one, so checks skip resolving it. Only the stubs carry marks.
pub(crate) struct MarkedNames {
    /// Functions marked `#[channel(unbounded)]`.
    pub unbounded_channels: HashSet<String>,
    /// Functions marked `#[channel(..)]` of any kind.
    pub channels: HashSet<String>,
    /// Functions and methods marked `#[pool_job]`.
    pub pool_jobs: HashSet<String>,
    /// Types marked `#[lock(..)]`, `#[atomic]` or `#[concurrent_map]`.
    pub shared_types: HashSet<String>,
    /// Functions and methods marked `#[spawns]` or `#[pool_job]`.
    pub spawns: HashSet<String>,
}

impl MarkedNames {
    /// Whether `name`, written in module `module`, may name one of `names`:
    /// it is one, or an import renames one to it.
    pub fn may_be(
        program: &Program,
        module: crate::program::ModId,
        name: &str,
        names: &HashSet<String>,
    ) -> bool {
        Self::may_be_one(program, module, name, &|candidate| {
            names.contains(candidate)
        })
    }

    /// [`MarkedNames::may_be`], for names `wanted` accepts.
    pub fn may_be_one(
        program: &Program,
        module: crate::program::ModId,
        name: &str,
        wanted: &dyn Fn(&str) -> bool,
    ) -> bool {
        wanted(name)
            || program
                .module(module)
                .imports
                .get(name)
                .is_some_and(|imports| {
                    imports
                        .iter()
                        .any(|import| import.segments.last().is_some_and(|last| wanted(last)))
                })
    }
}

/// The marked names of [`program`].
pub(crate) fn marked_names() -> &'static MarkedNames {
    static NAMES: OnceLock<MarkedNames> = OnceLock::new();
    NAMES.get_or_init(|| {
        use crate::program::{ChannelKind, TypeMark};
        let known = program();
        let mut names = MarkedNames {
            unbounded_channels: HashSet::new(),
            channels: HashSet::new(),
            pool_jobs: HashSet::new(),
            shared_types: HashSet::new(),
            spawns: HashSet::new(),
        };
        for (_, def) in known.functions() {
            if let Some(kind) = def.marks.channel {
                names.channels.insert(def.name.clone());
                if kind == ChannelKind::Unbounded {
                    names.unbounded_channels.insert(def.name.clone());
                }
            }
            if def.marks.pool_job {
                names.pool_jobs.insert(def.name.clone());
            }
            if def.marks.spawns || def.marks.pool_job {
                names.spawns.insert(def.name.clone());
            }
        }
        for (path, def) in &known.types {
            let shared = def.marks.iter().any(|mark| {
                matches!(
                    mark,
                    TypeMark::SyncLock
                        | TypeMark::AsyncLock
                        | TypeMark::Atomic
                        | TypeMark::ConcurrentMap
                )
            });
            if shared {
                names
                    .shared_types
                    .insert(path.rsplit("::").next().unwrap_or(path).to_owned());
            }
        }
        names
    })
}

#[cfg(test)]
mod tests;
