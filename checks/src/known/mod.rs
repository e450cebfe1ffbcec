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

#[cfg(test)]
mod tests;
