//! A bounded worker pool, written once by hand and shared by every pool of
//! the hand-written crate: jobs travel on a bounded tokio channel to worker
//! threads (blocking jobs) or tasks (async jobs), each result comes back on
//! a oneshot, and a panicking job fails only its own caller.
//!
//! (A template of the compile-cost benchmark, copied into the generated
//! `gen-hand` crate; it is not compiled as part of `unmixed-benches`.)

use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{mpsc, oneshot};

#[derive(Debug)]
pub enum PoolError {
    Closed,
    Panicked,
    /// The queue stayed full for the whole wait budget.
    Timeout,
}

type Reply<R> = oneshot::Sender<Result<R, PoolError>>;

enum Worker {
    Thread(std::thread::JoinHandle<()>),
    Task(tokio::task::JoinHandle<()>),
}

pub struct Pool<A, R> {
    sender: mpsc::Sender<(A, Reply<R>)>,
    workers: Vec<Worker>,
    max_wait: Option<Duration>,
}

impl<A: Send + 'static, R: Send + 'static> Pool<A, R> {
    pub fn threads(bound: usize, workers: usize, job: impl Fn(A) -> R + Send + Sync + 'static) -> Self {
        let made: Result<Self, std::convert::Infallible> =
            Self::threads_with(bound, workers, || Ok(()), move |_: &mut (), args| job(args));
        match made {
            Ok(pool) => pool,
            Err(never) => match never {},
        }
    }

    /// Each worker thread owns one resource from `make`.
    pub fn threads_with<T: Send + 'static, E>(
        bound: usize,
        workers: usize,
        make: impl Fn() -> Result<T, E>,
        job: impl Fn(&mut T, A) -> R + Send + Sync + 'static,
    ) -> Result<Self, E> {
        let (sender, inbox) = mpsc::channel::<(A, Reply<R>)>(bound);
        let inbox = Arc::new(parking_lot::Mutex::new(inbox));
        let job = Arc::new(job);
        let mut handles = Vec::with_capacity(workers);
        for _ in 0..workers {
            let mut resource = make()?;
            let (inbox, job) = (Arc::clone(&inbox), Arc::clone(&job));
            handles.push(Worker::Thread(std::thread::spawn(move || loop {
                let next = inbox.lock().blocking_recv();
                let Some((args, reply)) = next else { return };
                let out = catch_unwind(AssertUnwindSafe(|| job(&mut resource, args)));
                let _ = reply.send(out.map_err(|_| PoolError::Panicked));
            })));
        }
        Ok(Self {
            sender,
            workers: handles,
            max_wait: None,
        })
    }

    /// Worker tasks on the current tokio runtime.
    pub fn tasks<F>(bound: usize, workers: usize, job: impl Fn(A) -> F + Send + Sync + 'static) -> Self
    where
        F: Future<Output = R> + Send + 'static,
    {
        let (sender, inbox) = mpsc::channel::<(A, Reply<R>)>(bound);
        let inbox = Arc::new(tokio::sync::Mutex::new(inbox));
        let job = Arc::new(job);
        let workers = (0..workers)
            .map(|_| {
                let (inbox, job) = (Arc::clone(&inbox), Arc::clone(&job));
                Worker::Task(tokio::spawn(async move {
                    loop {
                        let next = inbox.lock().await.recv().await;
                        let Some((args, reply)) = next else { return };
                        // Its own task, so that a panic ends only this job.
                        let out = tokio::spawn(job(args)).await;
                        let _ = reply.send(out.map_err(|_| PoolError::Panicked));
                    }
                }))
            })
            .collect();
        Self {
            sender,
            workers,
            max_wait: None,
        }
    }

    /// How long `run` may wait for queue space.
    pub fn max_wait(self, budget: Duration) -> Self {
        Self {
            max_wait: Some(budget),
            ..self
        }
    }

    /// Waits for queue space, then for the result.
    pub async fn run(&self, args: A) -> Result<R, PoolError> {
        let (reply, answer) = oneshot::channel();
        let queued = self.sender.send((args, reply));
        let sent = match self.max_wait {
            Some(budget) => tokio::time::timeout(budget, queued)
                .await
                .map_err(|_| PoolError::Timeout)?,
            None => queued.await,
        };
        sent.map_err(|_| PoolError::Closed)?;
        answer.await.map_err(|_| PoolError::Closed)?
    }

    /// Lets the queued jobs finish, then waits for every worker to stop.
    pub async fn shutdown(self) {
        drop(self.sender);
        for worker in self.workers {
            match worker {
                Worker::Thread(handle) => {
                    let _ = tokio::task::spawn_blocking(move || handle.join()).await;
                }
                Worker::Task(handle) => {
                    let _ = handle.await;
                }
            }
        }
    }
}
