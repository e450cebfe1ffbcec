//! The worker pools of the generated crates: the same job functions, behind
//! `#[unmixed::worker_pool]` or behind a typed wrapper over the small
//! bounded pool in `templates/hand_pool.rs`.

use std::fmt::Write;

/// How many pools each crate holds.
pub const COUNT: usize = 20;

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// A plain function on worker threads.
    Sync,
    /// An `async fn` on worker tasks.
    Async,
    /// A function that borrows a pooled resource, reset after every job.
    Resource,
}

fn kind(index: usize) -> Kind {
    match index % 5 {
        0 | 1 => Kind::Sync,
        2 | 3 => Kind::Async,
        _ => Kind::Resource,
    }
}

/// The job function as the user writes it.
fn job(index: usize) -> String {
    let rounds = 8 + index;
    match kind(index) {
        Kind::Sync => format!(
            "pub fn job{index:02}(seed: u64, label: String) -> u64 {{
    let mut x = seed | 1;
    for _ in 0..{rounds} {{
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
    }}
    x % 1000 + label.len() as u64
}}
"
        ),
        Kind::Async => format!(
            "pub async fn job{index:02}(seed: u64, label: String) -> u64 {{
    tokio::task::yield_now().await;
    seed % {rounds} + label.len() as u64
}}
"
        ),
        Kind::Resource => format!(
            "pub fn job{index:02}(conn: &mut Conn{index:02}, seed: u64) -> u64 {{
    conn.uses += 1;
    conn.scratch.extend_from_slice(&seed.to_le_bytes());
    seed + conn.scratch.len() as u64
}}
"
        ),
    }
}

fn resource(index: usize) -> String {
    format!(
        "#[derive(Default)]
pub struct Conn{index:02} {{
    pub uses: u64,
    pub scratch: Vec<u8>,
}}
"
    )
}

/// `src/pools.rs` of the crate that uses the macros.
pub fn with_macros() -> String {
    let mut out = String::from("//! Generated: worker pools through `#[unmixed::worker_pool]`.\n");
    for index in 0..COUNT {
        let bound = 16 + index;
        out.push('\n');
        if kind(index) == Kind::Resource {
            let _ = write!(
                out,
                "{}
impl unmixed::Reset for Conn{index:02} {{
    type Error = std::convert::Infallible;

    fn reset(&mut self) -> Result<(), Self::Error> {{
        self.scratch.clear();
        Ok(())
    }}
}}

#[unmixed::worker_pool(bounded = {bound}, workers = 2, resource = Conn{index:02}, max_wait = \"250ms\")]
",
                resource(index)
            );
        } else {
            let _ = writeln!(
                out,
                "#[unmixed::worker_pool(bounded = {bound}, workers = 2)]"
            );
        }
        out.push_str(&job(index));
    }
    out
}

/// `src/pools.rs` of the crate written by hand.
pub fn by_hand() -> String {
    let mut out = String::from(
        "//! Generated: worker pools written by hand.\n\n\
         use std::time::Duration;\n\n\
         use crate::hand_pool::{Pool, PoolError};\n",
    );
    for index in 0..COUNT {
        let bound = 16 + index;
        let pool = format!("Job{index:02}Pool");
        out.push('\n');
        if kind(index) == Kind::Resource {
            let _ = write!(
                out,
                "{}
impl Conn{index:02} {{
    fn reset(&mut self) {{
        self.scratch.clear();
    }}
}}

pub struct {pool} {{
    pool: Pool<u64, u64>,
}}

impl {pool} {{
    pub fn start_with<E>(make: impl Fn() -> Result<Conn{index:02}, E>) -> Result<Self, E> {{
        let pool = Pool::threads_with(
            {bound},
            2,
            make,
            |conn: &mut Conn{index:02}, seed| {{
                let out = job{index:02}(conn, seed);
                conn.reset();
                out
            }},
        )?;
        Ok(Self {{
            pool: pool.max_wait(Duration::from_millis(250)),
        }})
    }}

    pub async fn run(&self, seed: u64) -> Result<u64, PoolError> {{
        self.pool.run(seed).await
    }}

    pub async fn shutdown(self) {{
        self.pool.shutdown().await
    }}
}}

",
                resource(index)
            );
        } else {
            let start = if kind(index) == Kind::Sync {
                format!("Pool::threads({bound}, 2, |(seed, label)| job{index:02}(seed, label))")
            } else {
                format!("Pool::tasks({bound}, 2, |(seed, label)| job{index:02}(seed, label))")
            };
            let _ = write!(
                out,
                "pub struct {pool} {{
    pool: Pool<(u64, String), u64>,
}}

impl {pool} {{
    pub fn start() -> Self {{
        Self {{
            pool: {start},
        }}
    }}

    pub async fn run(&self, seed: u64, label: String) -> Result<u64, PoolError> {{
        self.pool.run((seed, label)).await
    }}

    pub async fn shutdown(self) {{
        self.pool.shutdown().await
    }}
}}

"
            );
        }
        out.push_str(&job(index));
    }
    out
}

/// The calls `main.rs` makes on pool `index`; the same text in both crates.
pub fn exercise(index: usize) -> String {
    let pool = format!("pools::Job{index:02}Pool");
    if kind(index) == Kind::Resource {
        format!(
            "
async fn pool_{index:02}() -> u64 {{
    let pool = {pool}::start_with(|| Ok::<_, std::convert::Infallible>(pools::Conn{index:02}::default())).unwrap();
    let sum = pool.run(7).await.unwrap() + pool.run(8).await.unwrap();
    pool.shutdown().await;
    sum
}}
"
        )
    } else {
        format!(
            "
async fn pool_{index:02}() -> u64 {{
    let pool = {pool}::start();
    let sum = pool.run(7, \"x\".to_owned()).await.unwrap() + pool.run(8, \"yz\".to_owned()).await.unwrap();
    pool.shutdown().await;
    sum
}}
"
        )
    }
}
