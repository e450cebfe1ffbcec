//! The forms of `#[unmixed::worker_pool]`: sync and async functions, several
//! arguments, none, resources, and the module form; every generated method.

use unmixed::{Job, PoolError, Rejected};

#[unmixed::worker_pool(bounded = 64, workers = 4)]
pub fn checksum(data: Vec<u8>) -> u32 {
    data.iter().map(|&b| u32::from(b)).sum()
}

#[unmixed::worker_pool(bounded = 8, workers = 2)]
pub async fn fetch_len(url: String) -> Result<usize, String> {
    tokio::task::yield_now().await;
    if url.is_empty() {
        Err("empty url".to_owned())
    } else {
        Ok(url.len())
    }
}

#[tokio::test]
async fn sync_pool_runs_jobs() {
    let pool = ChecksumPool::start();
    assert_eq!(pool.run(vec![1, 2, 3]).await, Ok(6));
    let job: Job<u32> = pool.submit(vec![4]).await.unwrap();
    assert_eq!(job.await, Ok(4));
    match pool.try_submit(vec![5]) {
        Ok(job) => assert_eq!(job.await, Ok(5)),
        Err(rejected) => {
            let back: Vec<u8> = Rejected::into_inner(rejected);
            panic!("rejected {back:?}");
        }
    }
    assert_eq!(pool.capacity(), 64);
    assert_eq!(pool.workers(), 4);
    pool.shutdown().await;
    assert_eq!(pool.run(vec![1]).await, Err(PoolError::Closed));
}

#[tokio::test]
async fn async_pool_runs_jobs() {
    let pool = FetchLenPool::start();
    assert_eq!(pool.run("abc".into()).await, Ok(Ok(3)));
    assert_eq!(pool.run(String::new()).await, Ok(Err("empty url".into())));
    pool.shutdown().await;
}
