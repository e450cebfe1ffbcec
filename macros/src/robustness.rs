//! No input makes a macro panic: every ui case (and the examples), mutated
//! token by token with a fixed-seed generator, is fed to every macro front
//! end and to the reviewer's checks. A panic here would reach users as
//! "proc macro panicked" instead of a diagnostic.
//!
//! `UNMIXED_MUTATIONS=20000 cargo test -p unmixed-macros robustness` runs a
//! longer campaign than CI's.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use proc_macro2::{Delimiter, Group, Ident, Punct, Spacing, Span, TokenStream, TokenTree};

/// A small xorshift generator: deterministic, so a failure reproduces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound.max(1) as u64) as usize
    }
}

/// Tokens that matter to the macros, to splice in at random.
const WORDS: &[&str] = &[
    "self",
    "Self",
    "async",
    "await",
    "pub",
    "mut",
    "impl",
    "fn",
    "reply",
    "static",
    "unsafe",
    "const",
    "mod",
    "struct",
    "where",
    "detached",
    "counter",
    "snapshot",
    "rw",
    "bounded",
    "mailbox",
    "resource",
    "Mutex",
    "lock",
    "unbounded_channel",
    "thread",
    "current",
];

fn random_tree(rng: &mut Rng) -> TokenTree {
    match rng.below(4) {
        0 => TokenTree::Punct(Punct::new(
            ['&', '#', '=', ',', ':', '<', '>', '!', '.'][rng.below(9)],
            Spacing::Alone,
        )),
        1 => TokenTree::Group(Group::new(
            [Delimiter::Parenthesis, Delimiter::Brace, Delimiter::Bracket][rng.below(3)],
            TokenStream::new(),
        )),
        _ => TokenTree::Ident(Ident::new(WORDS[rng.below(WORDS.len())], Span::call_site())),
    }
}

/// Deletes, duplicates, replaces or inserts one token somewhere in `stream`,
/// descending into a random group half of the time.
fn mutate(stream: TokenStream, rng: &mut Rng) -> TokenStream {
    let mut trees: Vec<TokenTree> = stream.into_iter().collect();
    if trees.is_empty() {
        return TokenStream::from(random_tree(rng));
    }
    let at = rng.below(trees.len());
    if let (TokenTree::Group(group), true) = (&trees[at], rng.below(2) == 0) {
        let inner = mutate(group.stream(), rng);
        trees[at] = TokenTree::Group(Group::new(group.delimiter(), inner));
        return trees.into_iter().collect();
    }
    match rng.below(4) {
        0 => {
            trees.remove(at);
        }
        1 => {
            let copy = trees[at].clone();
            trees.insert(at, copy);
        }
        2 => trees[at] = random_tree(rng),
        _ => trees.insert(at, random_tree(rng)),
    }
    trees.into_iter().collect()
}

fn sources() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut found = Vec::new();
    for dir in [
        "ui/actor",
        "ui/worker_pool",
        "ui/shared_state",
        "ui/allow",
        "ui/pass",
        "examples",
    ] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|ext| ext == "rs") {
                if let Ok(text) = std::fs::read_to_string(&path) {
                    found.push((path, text));
                }
            }
        }
    }
    found.sort();
    found
}

/// A macro front end, as the robustness tests call it.
pub(crate) type Expand = fn(TokenStream, TokenStream) -> TokenStream;

/// Every front end, by name.
pub(crate) const MACROS: &[(&str, Expand)] = &[
    ("actor", crate::actor::expand),
    ("worker_pool", crate::worker_pool::expand),
    ("shared_state", crate::shared_state::expand),
    ("allow", crate::allow::expand),
];

const ARGS: &[&str] = &[
    "",
    "mailbox = 4",
    "bounded = 8, workers = 2",
    "bounded = 8, workers = 2, resource = Db, max_wait = \"5ms\"",
    "max_hold = \"100us\"",
    "state = Session",
    "MIXED_MODELS, reason = \"x\"",
];

#[test]
fn no_input_makes_a_macro_or_a_check_panic() {
    let rounds: usize = std::env::var("UNMIXED_MUTATIONS")
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or(150);
    let sources = sources();
    assert!(sources.len() > 50, "the ui cases were not found");
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut runs = 0;
    for (path, text) in &sources {
        let Ok(file) = TokenStream::from_str(text) else {
            continue;
        };
        for round in 0..rounds {
            let mut input = file.clone();
            for _ in 0..=rng.below(3) {
                input = mutate(input, &mut rng);
            }
            let (name, expand) = MACROS[rng.below(MACROS.len())];
            let args = TokenStream::from_str(ARGS[rng.below(ARGS.len())]).expect("args lex");
            let args = if rng.below(4) == 0 {
                mutate(args, &mut rng)
            } else {
                args
            };
            // Each top-level item, as the macro would receive it.
            let items: Vec<TokenStream> = match syn::parse2::<syn::File>(input.clone()) {
                Ok(parsed) => parsed
                    .items
                    .iter()
                    .map(quote::ToTokens::to_token_stream)
                    .collect(),
                Err(_) => vec![input.clone()],
            };
            for item in items {
                let outcome = catch_unwind(AssertUnwindSafe(|| expand(args.clone(), item.clone())));
                assert!(
                    outcome.is_ok(),
                    "#[{name}({args})] panicked on a mutation (round {round}) of {}:\n{item}",
                    path.display()
                );
                runs += 1;
            }
            if let Ok(parsed) = syn::parse2::<syn::File>(input) {
                let outcome =
                    catch_unwind(AssertUnwindSafe(|| unmixed_checks::review::review(&parsed)));
                assert!(
                    outcome.is_ok(),
                    "the review panicked on a mutation (round {round}) of {}",
                    path.display()
                );
            }
        }
    }
    assert!(runs > 10_000, "only {runs} macro runs");
}
