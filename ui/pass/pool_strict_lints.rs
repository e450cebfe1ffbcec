//! The expansion is warning-free under strict lints, in every form.
#![deny(warnings, missing_docs, missing_debug_implementations, clippy::all)]

/// A documented resource.
#[derive(Debug)]
pub struct Conn {
    uses: u32,
}

impl unmixed::Reset for Conn {
    type Error = std::convert::Infallible;

    fn reset(&mut self) -> Result<(), Self::Error> {
        self.uses = 0;
        Ok(())
    }
}

/// Sums bytes.
#[unmixed::worker_pool(bounded = 16, workers = 2)]
pub fn checksum(data: Vec<u8>) -> u32 {
    data.iter().map(|&b| u32::from(b)).sum()
}

/// Counts characters, eventually.
#[unmixed::worker_pool(bounded = 16, workers = 2)]
pub async fn count(text: String) -> usize {
    text.chars().count()
}

/// Uses a connection.
#[unmixed::worker_pool(bounded = 16, workers = 2, resource = Conn, max_wait = "2s")]
pub fn touch(conn: &mut Conn, times: u32) -> u32 {
    conn.uses += times;
    conn.uses
}

/// Private, and only partly used: no dead-code warnings for the rest.
#[unmixed::worker_pool(bounded = 4, workers = 1)]
fn private(x: u8) -> u8 {
    x
}

/// Compiled out: no pool.
#[cfg(any())]
#[unmixed::worker_pool(bounded = 4, workers = 1)]
pub fn hidden(x: u8) -> u8 {
    x
}

/// Thumbnails, in the module form.
#[unmixed::worker_pool(bounded = 4, workers = 1)]
pub mod thumbs {
    /// Shrinks a side.
    pub fn make(side: u32) -> u32 {
        side / 4
    }
}

fn main() {
    let sums = ChecksumPool::start();
    assert_eq!(sums.run_blocking(vec![1, 2]), Ok(3));
    let touches = TouchPool::start_with(|| Ok::<_, std::convert::Infallible>(Conn { uses: 0 })).unwrap();
    assert_eq!(touches.run_blocking(2), Ok(2));
    assert_eq!(PrivatePool::start().run_blocking(7), Ok(7));
    assert_eq!(thumbs::MakePool::start().run_blocking(8), Ok(2));
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let counts = CountPool::start();
        assert_eq!(counts.run("héllo".into()).await, Ok(5));
        counts.shutdown().await;
    });
}
