//! A proptest strategy for arbitrary items, as source text: impl blocks,
//! structs, functions and modules with random methods, receivers, argument
//! patterns and types, async-ness, attributes, and bodies built from random
//! statements that mix locks, `.await`, channels, maps, atomics and spawns.
//! The text is well-formed enough to parse most of the time, so the checks
//! and the expansions, not only the parsers, see the odd shapes.

use proptest::prelude::*;
use proptest::sample::select;

const TYPES: &[&str] = &[
    "u64",
    "String",
    "&str",
    "&'a str",
    "&'static str",
    "Vec<u8>",
    "Self",
    "&mut Self",
    "Option<Self>",
    "T",
    "(u8, u8)",
    "[u8; 4]",
    "()",
    "!",
    "_",
    "fn(u8) -> u8",
    "impl Fn()",
    "impl Send",
    "Box<dyn Send>",
    "Rc<u8>",
    "Mutex<u64>",
    "std::sync::Mutex<u64>",
    "std::sync::Arc<std::sync::Mutex<Vec<String>>>",
    "RwLock<HashMap<String, u32>>",
    "Mutex<HashMap<String, u32>>",
    "AtomicU64",
    "std::sync::atomic::AtomicBool",
    "tokio::sync::Mutex<u64>",
    "tokio::sync::mpsc::UnboundedSender<u8>",
    "tokio::sync::mpsc::Sender<u8>",
    "CounterHandle",
    "Counter",
    "&mut Db",
    "&Db",
    "RefCell<Vec<u8>>",
    "Cell<u8>",
    "u8",
    "bool",
    "HashMap<u8, u8>",
];

const RETURNS: &[&str] = &[
    "",
    "-> u64",
    "-> Self",
    "-> &str",
    "-> &'a u64",
    "-> impl std::future::Future<Output = u64> + Send + 'static",
    "-> impl Send",
    "-> Result<(), String>",
    "-> !",
    "-> T",
    "-> usize",
];

const RECEIVERS: &[&str] = &[
    "",
    "&self, ",
    "&mut self, ",
    "self, ",
    "mut self, ",
    "self: Box<Self>, ",
    "&'a self, ",
    "self: &Self, ",
];

const PATTERNS: &[&str] = &[
    "x",
    "mut y",
    "_",
    "(a, b)",
    "Point { x, .. }",
    "ref z",
    "r#type",
    "db",
    "conn",
];

const ATTRIBUTES: &[&str] = &[
    "#[detached]",
    "#[unmixed::detached]",
    "#[unmixed::allow(MIXED_MODELS, reason = \"x\")]",
    "#[unmixed::allow(LOCK_ACROSS_AWAIT)]",
    "#[unmixed::allow(NOT_A_CODE, reason = \"\")]",
    "#[unmixed::allow]",
    "#[cfg(any())]",
    "#[cfg(test)]",
    "#[doc = \"docs\"]",
    "/// docs",
    "#[inline]",
    "#[counter]",
    "#[snapshot]",
    "#[rw]",
    "#[unmixed::counter]",
    "#[tokio::main]",
    "#[unmixed::actor]",
    "#[unmixed::worker_pool(bounded = 2)]",
    "#[unmixed::shared_state]",
];

const QUALIFIERS: &[&str] = &[
    "",
    "",
    "pub ",
    "pub(crate) ",
    "async ",
    "pub async ",
    "const ",
    "unsafe ",
    "pub async unsafe ",
];

/// One statement, without nesting.
const STATEMENTS: &[&str] = &[
    "let g = self.m.lock().unwrap();",
    "let mut g = state.lock();",
    "let r = self.map.read().unwrap();",
    "let w = lock.write().await;",
    "g.insert(k, v);",
    "tokio::time::sleep(d).await;",
    "tokio::task::yield_now().await;",
    "fut.await;",
    "drop(g);",
    "let g = g;",
    "g = other.lock().unwrap();",
    "let (tx, rx) = tokio::sync::mpsc::unbounded_channel();",
    "let (tx, rx) = std::sync::mpsc::channel();",
    "let (tx, rx) = tokio::sync::mpsc::channel::<u8>(0);",
    "tx.send(v).await.unwrap();",
    "while let Some(msg) = rx.recv().await { match msg { _ => {} } }",
    "if map.lock().unwrap().contains_key(&k) { map.lock().unwrap().insert(k, v); }",
    "if !self.map.contains_key(&k) { self.map.insert(k, v); }",
    "counter.fetch_add(1, Ordering::SeqCst);",
    "loop { let c = a.load(Ordering::Relaxed); if a.compare_exchange(c, c + 1, Ordering::SeqCst, Ordering::SeqCst).is_ok() { break; } }",
    "let _ = a.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| Some(n + 1));",
    "println!(\"{:?}\", std::thread::current().id());",
    "std::fs::write(\"f\", b\"x\").unwrap();",
    "let n = self.peer.get().await;",
    "self.me.tell_add(1).await;",
    "let _ = handle.shutdown().await;",
    "self.n += 1;",
    "return x;",
    "let x = std::sync::Arc::new(std::sync::Mutex::new(0));",
    "static mut N: u8 = 0;",
    "let c = std::cell::RefCell::new(0);",
    "std::thread::sleep(d);",
    "let f = async { g.await };",
    "let h = || self.n;",
    "x?;",
    "match g.get(&k) { Some(v) => v, None => return, };",
];

/// A statement, or a block, spawn or closure around more statements.
fn statement() -> impl Strategy<Value = String> {
    select(STATEMENTS)
        .prop_map(str::to_owned)
        .prop_recursive(3, 24, 4, |inner| {
            let body = prop::collection::vec(inner, 0..4).prop_map(|s| s.join(" "));
            (0usize..6, body).prop_map(|(shape, body)| match shape {
                0 => format!("{{ {body} }}"),
                1 => format!("tokio::spawn(async move {{ {body} }});"),
                2 => format!("std::thread::spawn(move || {{ {body} }});"),
                3 => format!("if x {{ {body} }} else {{ {body} }}"),
                4 => format!("let v = async {{ {body} }}.await;"),
                _ => format!("for _ in 0..2 {{ {body} }}"),
            })
        })
}

fn body() -> impl Strategy<Value = String> {
    prop::collection::vec(statement(), 0..5).prop_map(|s| s.join("\n"))
}

fn attributes() -> impl Strategy<Value = String> {
    prop::collection::vec(select(ATTRIBUTES), 0..3).prop_map(|a| a.join("\n"))
}

fn arguments() -> impl Strategy<Value = String> {
    prop::collection::vec((select(PATTERNS), select(TYPES)), 0..3).prop_map(|args| {
        args.iter()
            .map(|(pattern, ty)| format!("{pattern}: {ty}, "))
            .collect()
    })
}

const NAMES: &[&str] = &[
    "add", "get", "run", "new", "spawn", "shutdown", "tell_add", "r#match", "checksum", "handle",
    "_1", "_2x", "self_", "__", "_", "émettre", "_٣",
];
const GENERICS: &[&str] = &[
    "",
    "",
    "<T>",
    "<'a>",
    "<T: Send + 'static>",
    "<const N: usize>",
    "<'a, T>",
];

/// A method or free function; `receiver` is empty for free functions.
fn function(receivers: &'static [&'static str]) -> impl Strategy<Value = String> {
    (
        attributes(),
        select(QUALIFIERS),
        select(NAMES),
        select(GENERICS),
        select(receivers),
        arguments(),
        select(RETURNS),
        body(),
    )
        .prop_map(
            |(attrs, quals, name, generics, receiver, args, ret, body)| {
                format!(
                    "{attrs}\n{quals}fn {name}{generics}({receiver}{args}) {ret} {{\n{body}\n}}"
                )
            },
        )
}

fn fields() -> impl Strategy<Value = String> {
    const FIELDS: &[&str] = &[
        "n", "m", "map", "items", "r#type", "peer", "me", "sold", "log",
    ];
    prop::collection::vec(
        (
            attributes(),
            select(QUALIFIERS),
            select(FIELDS),
            select(TYPES),
        ),
        0..5,
    )
    .prop_map(|fields| {
        fields
            .iter()
            .map(|(attrs, vis, name, ty)| format!("{attrs} {vis}{name}: {ty},\n"))
            .collect()
    })
}

fn structure() -> impl Strategy<Value = String> {
    (
        attributes(),
        select(&["Counter", "Db", "State", "Self"][..]),
        select(GENERICS),
        fields(),
        0usize..4,
    )
        .prop_map(|(attrs, name, generics, fields, shape)| match shape {
            0 => format!("{attrs}\npub struct {name}{generics} {{\n{fields}}}"),
            1 => format!("{attrs}\npub struct {name}{generics}(pub u64, Mutex<u8>);"),
            2 => format!("{attrs}\npub struct {name};"),
            _ => format!("{attrs}\npub struct {name}{generics} where T: Send {{\n{fields}}}"),
        })
}

fn implementation() -> impl Strategy<Value = String> {
    const HEADS: &[&str] = &[
        "impl Counter",
        "impl<T> Store<T> where T: Clone",
        "impl<'a> Borrowing<'a>",
        "impl Trait for Counter",
        "unsafe impl Send for Counter",
        "impl dyn Trait",
        "impl<T: Send + 'static> Empty<T>",
        "impl (u8, u8)",
        "impl Self",
    ];
    (
        attributes(),
        select(HEADS),
        prop::collection::vec(function(RECEIVERS), 0..4),
    )
        .prop_map(|(attrs, head, methods)| {
            format!("{attrs}\n{head} {{\n{}\n}}", methods.join("\n"))
        })
}

/// Plausible inputs for each macro, so that validation and expansion run
/// to the end, not only the parsers: owned argument types, receivers an
/// actor accepts, fields of every kind.
const OWNED: &[&str] = &[
    "u64",
    "String",
    "Vec<u8>",
    "bool",
    "(u8, u8)",
    "Option<String>",
];

fn plausible_method() -> impl Strategy<Value = String> {
    (
        attributes(),
        select(&["pub ", "pub async ", "", "async "][..]),
        select(NAMES),
        select(&["&self, ", "&mut self, "][..]),
        prop::collection::vec(select(OWNED), 0..3),
        select(
            &[
                "",
                "-> u64",
                "-> String",
                "-> impl std::future::Future<Output = u64> + Send + 'static",
            ][..],
        ),
        body(),
    )
        .prop_map(|(attrs, quals, name, receiver, types, ret, body)| {
            let args: String = types
                .iter()
                .enumerate()
                .map(|(i, ty)| format!("a{i}: {ty}, "))
                .collect();
            format!("{attrs}\n{quals}fn {name}({receiver}{args}) {ret} {{\n{body}\n}}")
        })
}

fn plausible() -> impl Strategy<Value = String> {
    let actor = prop::collection::vec(plausible_method(), 1..4)
        .prop_map(|methods| format!("impl Counter {{\n{}\n}}", methods.join("\n")));
    let job = (
        select(&["pub fn", "pub async fn", "fn"][..]),
        prop::collection::vec(select(OWNED), 0..3),
        body(),
    )
        .prop_map(|(head, types, body)| {
            let args: String = types
                .iter()
                .enumerate()
                .map(|(i, ty)| format!("a{i}: {ty}, "))
                .collect();
            format!("{head} job({args}) -> u64 {{\n{body}\n}}")
        });
    let resource_job =
        body().prop_map(|body| format!("pub fn job(db: &mut Db, n: u64) -> u64 {{\n{body}\n}}"));
    let module = (prop::collection::vec(plausible_method(), 1..3), body()).prop_map(|(methods, body)| {
        format!(
            "mod session {{\npub struct Counter {{ n: u64 }}\nimpl Counter {{\n{}\n}}\npub fn helper() {{\n{body}\n}}\n}}",
            methods.join("\n")
        )
    });
    prop_oneof![actor, job, resource_job, structure(), module]
}

/// Any item; modules hold more items, structs next to their impls.
pub fn item() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        6 => plausible(),
        3 => implementation(),
        2 => structure(),
        3 => function(&[""]),
        1 => Just("pub enum Msg { A, B(u8) }".to_owned()),
        1 => Just("pub trait Trait { fn f(&self); }".to_owned()),
        1 => Just("const N: usize = 0;".to_owned()),
        1 => Just("use std::sync::Mutex;".to_owned()),
        1 => Just("macro_rules! m { () => {} }".to_owned()),
    ];
    leaf.prop_recursive(2, 12, 4, |inner| {
        (
            attributes(),
            select(&["session", "shop", "r#mod"][..]),
            prop::collection::vec(inner, 0..4),
        )
            .prop_map(|(attrs, name, items)| {
                format!("{attrs}\npub mod {name} {{\n{}\n}}", items.join("\n"))
            })
    })
}
