//! Shapes the lock checks must leave alone: a lock that exists for the I/O
//! it wraps, a guard that ends where it is consumed, an async lock held
//! across waits that are not I/O, and calls whose types cannot be known.
#[unmixed::shared_state]
mod shapes {
    use std::fs::File;
    use std::io::Write;
    use std::sync::{Arc, Mutex};
    use std::time::Duration;

    /// A log file behind a lock: the lock serialises the writes, which is its job.
    pub fn append(log: &Mutex<File>, line: &str) -> std::io::Result<()> {
        let mut file = log.lock().unwrap();
        file.write_all(line.as_bytes())?;
        file.flush()
    }

    /// A lock around nothing, held to serialise a section of I/O.
    pub fn flush(flushing: &Mutex<()>, out: &mut File) -> std::io::Result<()> {
        let _serialised = flushing.lock().unwrap();
        out.sync_all()
    }

    /// One-time initialisation: the I/O's result is what the lock protects.
    pub async fn client(cached: &tokio::sync::Mutex<Option<tokio::net::TcpStream>>) -> std::io::Result<()> {
        let mut client = cached.lock().await;
        if client.is_none() {
            *client = Some(tokio::net::TcpStream::connect("127.0.0.1:6379").await?);
        }
        Ok(())
    }

    /// An async lock across waits that are not I/O.
    pub async fn pace(state: &tokio::sync::Mutex<u64>, ticks: &mut tokio::sync::mpsc::Receiver<()>) {
        let mut count = state.lock().await;
        tokio::time::sleep(Duration::from_millis(1)).await;
        let _ = ticks.recv().await;
        *count += 1;
    }

    /// The guard is consumed by a method that takes `self` before the await.
    pub async fn consumed(state: &Mutex<Option<u64>>) -> Option<u64> {
        let taken = state.lock().ok().and_then(|mut guard| guard.take());
        tokio::task::yield_now().await;
        taken
    }

    /// A cloned `Arc` out of a read is not a guard.
    pub async fn snapshot(current: &arc_swap_like::Current) -> usize {
        let shared: Arc<Vec<u8>> = current.read();
        tokio::task::yield_now().await;
        shared.len()
    }

    /// A log kept in a struct of the program, inside an `Option`: the lock
    /// is how writers take turns at the file.
    pub struct Log {
        file: File,
        written: u64,
    }

    pub fn record(log: &Mutex<Option<Log>>, line: &[u8]) -> std::io::Result<()> {
        let mut guard = log.lock().unwrap();
        if let Some(log) = guard.as_mut() {
            log.file.write_all(line)?;
            log.written += 1;
        }
        Ok(())
    }

    /// A get-or-init from a local file: what the read made is stored into
    /// what the lock protects.
    pub fn config(cached: &Mutex<Option<String>>) -> std::io::Result<String> {
        let mut cached = cached.lock().unwrap();
        if cached.is_none() {
            let text = std::fs::read_to_string("app.toml")?;
            *cached = Some(text);
        }
        Ok(cached.clone().unwrap_or_default())
    }

    /// Each side of `||` ends its temporaries before the other runs.
    pub async fn busy(local: &Mutex<Vec<u8>>, remote: &tokio::sync::Mutex<Vec<u8>>) -> bool {
        !local.lock().unwrap().is_empty() || !remote.lock().await.is_empty()
    }

    /// Locks taken inside a section held on purpose are part of it.
    pub fn rebuild(gate: &std::sync::RwLock<()>, paths: &Mutex<Vec<String>>) -> std::io::Result<()> {
        let _section = gate.write().unwrap();
        for path in paths.lock().unwrap().iter() {
            std::fs::write(path, b"")?;
        }
        Ok(())
    }

    /// A guard handed to a helper is judged there, where the I/O is its
    /// own: the helper stores what it read into the guarded value.
    pub async fn refill(log: &tokio::sync::Mutex<Vec<u8>>) -> std::io::Result<()> {
        let mut guard = log.lock().await;
        load(&mut guard).await
    }

    async fn load(guard: &mut tokio::sync::MutexGuard<'_, Vec<u8>>) -> std::io::Result<()> {
        let bytes = tokio::fs::read("log").await?;
        guard.extend(bytes);
        Ok(())
    }

    mod arc_swap_like {
        use std::sync::Arc;
        pub struct Current(pub Arc<Vec<u8>>);
        impl Current {
            pub fn read(&self) -> Arc<Vec<u8>> {
                self.0.clone()
            }
        }
    }
}

fn main() {}
