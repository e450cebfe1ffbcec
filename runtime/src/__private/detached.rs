//! The futures of `#[detached]` handlers, which answer their callers from
//! their own tasks while the actor goes on with its mailbox.

use std::fmt;
use std::future::Future;

use tokio::task::JoinSet;

/// The futures of `#[detached]` handlers still running. Created on first
/// use so that actors without detached handlers pay nothing for it.
#[derive(Default)]
pub struct Detached {
    tasks: Option<JoinSet<()>>,
}

impl Detached {
    pub fn spawn<F>(&mut self, future: F)
    where
        F: Future<Output = ()> + Send + 'static,
    {
        self.tasks.get_or_insert_with(JoinSet::new).spawn(future);
    }

    /// Forgets finished tasks so a long-lived actor does not accumulate them.
    #[inline]
    pub(crate) fn reap(&mut self) {
        if let Some(tasks) = &mut self.tasks {
            while tasks.try_join_next().is_some() {}
        }
    }

    /// Waits for every detached future: their callers are owed a reply.
    pub(crate) async fn finish(&mut self) {
        if let Some(tasks) = &mut self.tasks {
            while tasks.join_next().await.is_some() {}
        }
    }
}

impl fmt::Debug for Detached {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let running = self.tasks.as_ref().map_or(0, JoinSet::len);
        f.debug_struct("Detached")
            .field("running", &running)
            .finish()
    }
}
