//! Support diagnostics for a server: run one inspection command per process
//! and collect every output (or error) for the support bundle.

use std::process::{Command, Output};
use std::time::Duration;

use futures::stream::{FuturesUnordered, StreamExt};

const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

#[derive(Debug)]
pub enum CmdError {
    Io(std::io::Error),
    Timeout(String),
}

fn pstack_process(pid: u32) -> Command {
    let mut cmd = Command::new("pstack");
    cmd.env_clear().arg(pid.to_string());
    cmd
}

/// Spawns a command that is allowed to run within a time limit.
pub async fn execute_command_with_timeout(
    command: Command,
    duration: Duration,
) -> Result<Output, CmdError> {
    let name = format!("{command:?}");
    let child = tokio::process::Command::from(command).output();
    match tokio::time::timeout(duration, child).await {
        Ok(res) => res.map_err(CmdError::Io),
        Err(_elapsed) => Err(CmdError::Timeout(name)),
    }
}

/// Stack traces of every given process.
pub async fn pstack_processes(pids: &[u32]) -> Vec<Result<Output, CmdError>> {
    pids.iter()
        .map(|pid| pstack_process(*pid))
        .map(|c| async move { execute_command_with_timeout(c, DEFAULT_TIMEOUT).await })
        .collect::<FuturesUnordered<_>>()
        .collect::<Vec<Result<_, _>>>()
        .await
}
