//! The actors of the generated crates: the same state and handler bodies,
//! framed by `#[unmixed::actor]` or by a hand-written message enum, bounded
//! `mpsc` mailbox, `oneshot` replies, handle and loop task.

use std::fmt::Write;

/// How many actors each crate holds.
pub const COUNT: usize = 50;

/// One actor's shape; the index varies the mix of handlers.
struct Shape {
    name: String,
    mailbox: usize,
    /// A `#[detached]` handler whose future runs on its own task.
    detached: bool,
    /// An `async` handler that never awaits.
    peek: bool,
}

fn shape(index: usize) -> Shape {
    Shape {
        name: format!("Actor{index:02}"),
        mailbox: 8 + index % 4 * 8,
        detached: index.is_multiple_of(2),
        peek: index.is_multiple_of(3),
    }
}

fn module(index: usize) -> String {
    format!("a{index:02}")
}

const STATE: &str = "pub n: u64,\n        pub log: Vec<String>,";

/// The handlers, as the user writes them; `vis` is `pub` for the macro (the
/// handle methods take their visibility from it) and empty by hand.
fn handlers(shape: &Shape, index: usize, vis: &str, allow: &str, detached: &str) -> String {
    let mut out = format!(
        "
        {vis}fn add(&mut self, by: u64) -> u64 {{
            self.n = self.n.wrapping_add(by * {step});
            self.n
        }}

        {vis}fn record(&mut self, line: String) {{
            if self.log.len() < 64 {{
                self.log.push(line);
            }}
        }}

        {vis}fn total(&self) -> u64 {{
            self.n + self.log.len() as u64
        }}
        {allow}
        {vis}async fn load(&mut self, key: String) -> usize {{
            tokio::task::yield_now().await;
            self.log.push(key);
            self.log.len()
        }}
",
        step = index + 1
    );
    if shape.detached {
        let _ = write!(
            out,
            "
        {detached}
        {vis}fn fetch(&mut self, id: u64) -> impl Future<Output = u64> + Send + 'static {{
            self.n += 1;
            let base = self.n;
            async move {{
                tokio::task::yield_now().await;
                base + id
            }}
        }}
"
        );
    }
    if shape.peek {
        let _ = write!(
            out,
            "
        {vis}async fn peek(&self) -> usize {{
            self.log.len()
        }}
"
        );
    }
    out
}

/// `src/actors.rs` of the crate that uses the macros.
pub fn with_macros() -> String {
    let mut out = String::from("//! Generated: actors through `#[unmixed::actor]`.\n");
    for index in 0..COUNT {
        let shape = shape(index);
        let Shape { name, mailbox, .. } = &shape;
        let allow =
            "#[unmixed::allow(ACTOR_HOLDS_AWAIT_ON_SHARED, reason = \"yields on purpose\")]";
        let body = handlers(&shape, index, "pub ", allow, "#[detached]");
        let _ = write!(
            out,
            "
pub mod {module} {{
    #![allow(unused_imports)]
    use std::future::Future;

    pub struct {name} {{
        {STATE}
    }}

    #[unmixed::actor(mailbox = {mailbox})]
    impl {name} {{{body}    }}
}}
",
            module = module(index),
        );
    }
    out
}

/// `src/actors.rs` of the crate written by hand.
pub fn by_hand() -> String {
    let mut out = String::from(
        "//! Generated: actors written by hand.\n\n\
         /// The actor is gone.\n\
         #[derive(Debug)]\n\
         pub struct Stopped;\n",
    );
    for index in 0..COUNT {
        out.push_str(&hand_actor(index));
    }
    out
}

fn hand_actor(index: usize) -> String {
    let shape = shape(index);
    let Shape { name, mailbox, .. } = &shape;
    let body = handlers(&shape, index, "", "", "");
    // Variant, dispatch arm, handle method: one triple per message.
    let mut messages = vec![
        (
            "Add { by: u64, reply: oneshot::Sender<u64> }",
            "Msg::Add { by, reply } => {\n                    let _ = reply.send(self.add(by));\n                }",
            "pub async fn add(&self, by: u64) -> Result<u64, Stopped> {\n            self.ask(|reply| Msg::Add { by, reply }).await\n        }",
        ),
        (
            "Record { line: String }",
            "Msg::Record { line } => self.record(line),",
            "pub async fn tell_record(&self, line: String) -> Result<(), Stopped> {\n            self.sender.send(Msg::Record { line }).await.map_err(|_| Stopped)\n        }",
        ),
        (
            "Total { reply: oneshot::Sender<u64> }",
            "Msg::Total { reply } => {\n                    let _ = reply.send(self.total());\n                }",
            "pub async fn total(&self) -> Result<u64, Stopped> {\n            self.ask(|reply| Msg::Total { reply }).await\n        }",
        ),
        (
            "Load { key: String, reply: oneshot::Sender<usize> }",
            "Msg::Load { key, reply } => {\n                    let _ = reply.send(self.load(key).await);\n                }",
            "pub async fn load(&self, key: String) -> Result<usize, Stopped> {\n            self.ask(|reply| Msg::Load { key, reply }).await\n        }",
        ),
    ];
    if shape.detached {
        messages.push((
            "Fetch { id: u64, reply: oneshot::Sender<u64> }",
            "Msg::Fetch { id, reply } => {\n                    let work = self.fetch(id);\n                    tokio::spawn(async move {\n                        let _ = reply.send(work.await);\n                    });\n                }",
            "pub async fn fetch(&self, id: u64) -> Result<u64, Stopped> {\n            self.ask(|reply| Msg::Fetch { id, reply }).await\n        }",
        ));
    }
    if shape.peek {
        messages.push((
            "Peek { reply: oneshot::Sender<usize> }",
            "Msg::Peek { reply } => {\n                    let _ = reply.send(self.peek().await);\n                }",
            "pub async fn peek(&self) -> Result<usize, Stopped> {\n            self.ask(|reply| Msg::Peek { reply }).await\n        }",
        ));
    }
    let variants: String = messages
        .iter()
        .map(|m| format!("        {},\n", m.0))
        .collect();
    let arms: String = messages
        .iter()
        .map(|m| format!("                {}\n", m.1))
        .collect();
    let methods: String = messages
        .iter()
        .map(|m| format!("\n        {}\n", m.2))
        .collect();
    format!(
        "
pub mod {module} {{
    #![allow(unused_imports)]
    use std::future::Future;

    use tokio::sync::{{mpsc, oneshot}};

    use super::Stopped;

    pub struct {name} {{
        {STATE}
    }}

    enum Msg {{
{variants}        Shutdown {{ reply: oneshot::Sender<{name}> }},
    }}

    impl {name} {{
        pub fn spawn(self) -> {name}Handle {{
            let (sender, inbox) = mpsc::channel({mailbox});
            tokio::spawn(self.run(inbox));
            {name}Handle {{ sender }}
        }}

        async fn run(mut self, mut inbox: mpsc::Receiver<Msg>) {{
            while let Some(msg) = inbox.recv().await {{
                match msg {{
{arms}                Msg::Shutdown {{ reply }} => {{
                    let _ = reply.send(self);
                    return;
                }}
                }}
            }}
        }}
{body}    }}

    #[derive(Clone)]
    pub struct {name}Handle {{
        sender: mpsc::Sender<Msg>,
    }}

    impl {name}Handle {{
        async fn ask<T>(&self, message: impl FnOnce(oneshot::Sender<T>) -> Msg) -> Result<T, Stopped> {{
            let (reply, answer) = oneshot::channel();
            self.sender.send(message(reply)).await.map_err(|_| Stopped)?;
            answer.await.map_err(|_| Stopped)
        }}
{methods}
        pub async fn shutdown(&self) -> Result<{name}, Stopped> {{
            self.ask(|reply| Msg::Shutdown {{ reply }}).await
        }}
    }}
}}
",
        module = module(index),
    )
}

/// The calls `main.rs` makes on actor `index`; the same text in both crates.
pub fn exercise(index: usize) -> String {
    let shape = shape(index);
    let name = &shape.name;
    let mut out = format!(
        "
async fn actor_{index:02}() -> u64 {{
    let actor = actors::{module}::{name} {{ n: 0, log: Vec::new() }}.spawn();
    let mut sum = actor.add(3).await.unwrap();
    actor.tell_record(\"x\".to_owned()).await.unwrap();
    sum += actor.total().await.unwrap();
    sum += actor.load(\"k\".to_owned()).await.unwrap() as u64;
",
        module = module(index)
    );
    if shape.detached {
        out.push_str("    sum += actor.fetch(2).await.unwrap();\n");
    }
    if shape.peek {
        out.push_str("    sum += actor.peek().await.unwrap() as u64;\n");
    }
    out.push_str("    sum + actor.shutdown().await.unwrap().n\n}\n");
    out
}
