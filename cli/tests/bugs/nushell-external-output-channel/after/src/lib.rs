//! Runs an external program and hands its output to the rest of the pipeline
//! as a stream of chunks, read on a thread of its own.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread;

const OUTPUT_BUFFER_SIZE: usize = 1024;
const OUTPUT_BUFFERS_IN_FLIGHT: usize = 3;

/// The downstream end: the next command in the pipeline pulls chunks from it.
pub struct ChunkStream {
    rx: mpsc::Receiver<Vec<u8>>,
}

impl Iterator for ChunkStream {
    type Item = Vec<u8>;

    fn next(&mut self) -> Option<Vec<u8>> {
        self.rx.recv().ok()
    }
}

pub struct External {
    pub stdout: ChunkStream,
    pub exit_code: mpsc::Receiver<i32>,
}

pub fn run_external(program: &str) -> std::io::Result<External> {
    let mut child: Child = Command::new(program).stdout(Stdio::piped()).spawn()?;

    let (stdout_tx, stdout_rx) = mpsc::sync_channel(OUTPUT_BUFFERS_IN_FLIGHT);
    let (exit_code_tx, exit_code_rx) = mpsc::channel();

    thread::spawn(move || {
        if let Some(stdout) = child.stdout.take() {
            let mut reader = BufReader::with_capacity(OUTPUT_BUFFER_SIZE, stdout);
            while let Ok(bytes) = reader.fill_buf() {
                if bytes.is_empty() {
                    break;
                }
                let chunk = bytes.to_vec();
                reader.consume(chunk.len());
                if stdout_tx.send(chunk).is_err() {
                    break;
                }
            }
        }
        let code = child
            .wait()
            .ok()
            .and_then(|status| status.code())
            .unwrap_or(-1);
        let _ = exit_code_tx.send(code);
    });

    Ok(External {
        stdout: ChunkStream { rx: stdout_rx },
        exit_code: exit_code_rx,
    })
}
