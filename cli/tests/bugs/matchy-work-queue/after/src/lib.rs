//! Scans many log files for indicators: reader threads cut files into chunks
//! and worker threads match each chunk.

use std::fs::File;
use std::io::{self, Read};
use std::path::PathBuf;
use std::thread;

use crossbeam_channel::{bounded, Sender};

const CHUNK_SIZE: usize = 4 * 1024 * 1024;
const MAX_QUEUE_PER_WORKER: usize = 2;
const MAX_WORK_QUEUE_SIZE: usize = 32;
const MAX_FILE_QUEUE_SIZE: usize = 16;

pub struct WorkUnit {
    pub data: Vec<u8>,
}

fn reader_thread_chunker(path: PathBuf, work_tx: &Sender<WorkUnit>) -> io::Result<()> {
    let mut file = File::open(path)?;
    loop {
        let mut data = vec![0; CHUNK_SIZE];
        let n = file.read(&mut data)?;
        if n == 0 {
            return Ok(());
        }
        data.truncate(n);
        if work_tx.send(WorkUnit { data }).is_err() {
            return Ok(());
        }
    }
}

/// Returns how many times `needle` occurs across all `files`.
pub fn process_files(
    files: Vec<PathBuf>,
    needle: u8,
    num_readers: usize,
    num_workers: usize,
) -> usize {
    // Two-queue architecture: files to chunk, and chunks to match. Both are
    // bounded, so readers wait for workers instead of filling memory.
    let file_queue_size = (num_readers.max(1) * 2).min(MAX_FILE_QUEUE_SIZE);
    let work_queue_size = (num_workers * MAX_QUEUE_PER_WORKER).min(MAX_WORK_QUEUE_SIZE);
    let (file_sender, file_receiver) = bounded::<PathBuf>(file_queue_size);
    let (work_sender, work_receiver) = bounded::<WorkUnit>(work_queue_size);

    let mut readers = Vec::new();
    for _ in 0..num_readers {
        let file_rx = file_receiver.clone();
        let work_tx = work_sender.clone();
        readers.push(thread::spawn(move || {
            while let Ok(path) = file_rx.recv() {
                let _ = reader_thread_chunker(path, &work_tx);
            }
        }));
    }
    drop(work_sender);

    let mut workers = Vec::new();
    for _ in 0..num_workers {
        let receiver = work_receiver.clone();
        workers.push(thread::spawn(move || {
            let mut found = 0;
            while let Ok(unit) = receiver.recv() {
                found += unit.data.iter().filter(|&&b| b == needle).count();
            }
            found
        }));
    }

    for file in files {
        file_sender.send(file).expect("readers are running");
    }
    drop(file_sender);

    for reader in readers {
        reader.join().expect("reader panicked");
    }
    workers
        .into_iter()
        .map(|w| w.join().expect("worker panicked"))
        .sum()
}
