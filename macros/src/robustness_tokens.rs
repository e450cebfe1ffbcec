//! A proptest strategy for arbitrary token streams, drawn from the words the
//! macros and checks react to, Rust keywords, punctuation (alone and
//! joined, so `::`, `=>`, `->` and `..` occur), literals and nested groups.
//! Only streams rustc's lexer could hand a macro are made: a lifetime's `'`
//! is always joined to its name.

use std::str::FromStr;

use proc_macro2::{Delimiter, Group, Ident, Punct, Spacing, Span, TokenStream, TokenTree};
use proptest::prelude::*;
use proptest::sample::select;

/// Keywords and the words the macros and the checks look for.
const WORDS: &[&str] = &[
    "fn",
    "impl",
    "struct",
    "enum",
    "mod",
    "trait",
    "pub",
    "crate",
    "super",
    "async",
    "await",
    "self",
    "Self",
    "mut",
    "const",
    "unsafe",
    "static",
    "where",
    "for",
    "loop",
    "while",
    "if",
    "else",
    "let",
    "match",
    "move",
    "dyn",
    "return",
    "type",
    "use",
    "as",
    "in",
    "ref",
    "_",
    "unmixed",
    "actor",
    "worker_pool",
    "shared_state",
    "allow",
    "reason",
    "mailbox",
    "bounded",
    "workers",
    "resource",
    "max_wait",
    "max_hold",
    "state",
    "reset",
    "Reset",
    "detached",
    "counter",
    "snapshot",
    "rw",
    "reply",
    "spawn",
    "lock",
    "read",
    "write",
    "unwrap",
    "drop",
    "Mutex",
    "RwLock",
    "Arc",
    "Rc",
    "RefCell",
    "Cell",
    "AtomicU64",
    "Ordering",
    "fetch_add",
    "compare_exchange",
    "fetch_update",
    "load",
    "store",
    "insert",
    "get",
    "contains_key",
    "entry",
    "HashMap",
    "tokio",
    "std",
    "sync",
    "mpsc",
    "oneshot",
    "channel",
    "unbounded_channel",
    "thread",
    "current",
    "id",
    "sleep",
    "send",
    "recv",
    "println",
    "MIXED_MODELS",
    "LOCK_ACROSS_AWAIT",
    "Vec",
    "String",
    "u64",
    "usize",
    "Result",
    "Option",
    "Box",
    "Future",
    "Output",
    "Send",
    "Sync",
    "a",
    "x",
    "T",
    "Counter",
    "Db",
    "_1",
    "self_",
    "_٣",
];

/// Words that may also appear raw (`r#type`).
const RAW: &[&str] = &["type", "match", "fn", "state", "counter", "mailbox"];

const PUNCTS: &[char] = &[
    '#', '!', '=', ',', ':', ';', '<', '>', '&', '*', '.', '-', '+', '?', '@', '|', '/', '$', '%',
    '^', '~',
];

/// Literal texts, lexed as rustc would (`-1` is a `-` and a `1`).
const LITERALS: &[&str] = &[
    "0",
    "1",
    "4",
    "16",
    "1024",
    "18446744073709551616",
    "-1",
    "1.5",
    "1e9",
    "0x10",
    "4usize",
    "\"\"",
    "\"5ms\"",
    "\"250ms\"",
    "\"100us\"",
    "\"1h\"",
    "\"0ms\"",
    "\"1 s\"",
    "\"abc\"",
    "\"x\"",
    "b\"x\"",
    "'a'",
    "'\\n'",
    "r\"raw\"",
    "true",
    "false",
    "\"18446744073709551616s\"",
];

/// One token tree, as data that proptest can show and shrink.
#[derive(Clone, Debug)]
pub enum Tok {
    Word(&'static str),
    Raw(&'static str),
    Lifetime(&'static str),
    Punct(char, bool),
    Literal(&'static str),
    Group(u8, Vec<Tok>),
}

fn leaf() -> impl Strategy<Value = Tok> {
    prop_oneof![
        4 => select(WORDS).prop_map(Tok::Word),
        1 => select(RAW).prop_map(Tok::Raw),
        1 => select(&["a", "static", "_"][..]).prop_map(Tok::Lifetime),
        3 => (select(PUNCTS), any::<bool>()).prop_map(|(c, joint)| Tok::Punct(c, joint)),
        2 => select(LITERALS).prop_map(Tok::Literal),
    ]
}

/// Token trees nested up to four groups deep.
pub fn tokens(max: usize) -> impl Strategy<Value = Vec<Tok>> {
    let tree = leaf().prop_recursive(4, 48, 6, |inner| {
        (0u8..4, prop::collection::vec(inner, 0..6))
            .prop_map(|(delimiter, trees)| Tok::Group(delimiter, trees))
    });
    prop::collection::vec(tree, 0..max)
}

/// The stream the macro would receive.
pub fn stream(toks: &[Tok]) -> TokenStream {
    let mut out = TokenStream::new();
    for tok in toks {
        let trees: Vec<TokenTree> = match tok {
            Tok::Word(word) => vec![Ident::new(word, Span::call_site()).into()],
            Tok::Raw(word) => vec![Ident::new_raw(word, Span::call_site()).into()],
            Tok::Lifetime(name) => vec![
                Punct::new('\'', Spacing::Joint).into(),
                Ident::new(name, Span::call_site()).into(),
            ],
            Tok::Punct(c, joint) => {
                let spacing = if *joint {
                    Spacing::Joint
                } else {
                    Spacing::Alone
                };
                vec![Punct::new(*c, spacing).into()]
            }
            Tok::Literal(text) => TokenStream::from_str(text)
                .expect("the literals lex")
                .into_iter()
                .collect(),
            Tok::Group(delimiter, inner) => {
                let delimiter = [
                    Delimiter::Parenthesis,
                    Delimiter::Brace,
                    Delimiter::Bracket,
                    Delimiter::None,
                ][usize::from(*delimiter)];
                vec![Group::new(delimiter, stream(inner)).into()]
            }
        };
        out.extend(trees);
    }
    out
}

const KEYS: &[&str] = &[
    "mailbox",
    "bounded",
    "workers",
    "resource",
    "max_wait",
    "max_hold",
    "state",
    "reason",
    "MIXED_MODELS",
    "LOCK_ACROSS_AWAIT",
    "r#mailbox",
    "unknown",
    "Mailbox",
    "self",
];

const VALUES: &[&str] = &[
    "0",
    "1",
    "8",
    "18446744073709551615",
    "18446744073709551616",
    "4294967296",
    "0x10",
    "1_000",
    "-1",
    "1.0",
    "'c'",
    "b'c'",
    "true",
    "\"5ms\"",
    "\"5µs\"",
    "\"_ms\"",
    "\"9999999999999999999s\"",
    "\"1_000_000_000_000_000_000_000ns\"",
    "\"ms\"",
    "\"\"",
    "\" 5 ms \"",
    "\"x\"",
    "MAILBOX",
    "crate::N",
    "N * 2",
    "{ 4 }",
    "(4)",
    "Db",
    "Vec<u8>",
    "&mut Db",
    "dyn Trait",
    "impl Reset",
    "_",
    "Self",
    "unbounded",
    "Some(4)",
];

/// Attribute arguments shaped like options: `key = value` pairs (and
/// `key: value`, bare keys and bare values), valid and not, repeated.
pub fn options() -> impl Strategy<Value = String> {
    let pair = (
        select(KEYS),
        select(&[" = ", ": ", " ", " == "][..]),
        select(VALUES),
        0u8..6,
    )
        .prop_map(|(key, separator, value, shape)| match shape {
            0 => key.to_owned(),
            1 => value.to_owned(),
            _ => format!("{key}{separator}{value}"),
        });
    (prop::collection::vec(pair, 0..5), any::<bool>())
        .prop_map(|(pairs, trailing)| pairs.join(", ") + if trailing { "," } else { "" })
}
