use std::fmt;

/// The concurrency model a piece of code declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Model {
    /// One task owns the state; others send it messages.
    Actor,
    /// Identical workers take jobs from a bounded queue.
    WorkerPool,
    /// Threads share memory behind locks and atomics.
    SharedState,
}

impl Model {
    /// The attribute that declares the model.
    pub const fn attribute(self) -> &'static str {
        match self {
            Model::Actor => "#[unmixed::actor]",
            Model::WorkerPool => "#[unmixed::worker_pool]",
            Model::SharedState => "#[unmixed::shared_state]",
        }
    }
}

impl fmt::Display for Model {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Model::Actor => "actor",
            Model::WorkerPool => "worker pool",
            Model::SharedState => "shared state",
        })
    }
}

/// The unit of code under check: which model it declares, and its name.
#[derive(Debug, Clone, Copy)]
pub struct Declared<'a> {
    /// The declared model.
    pub model: Model,
    /// The actor type, pool or module name, for messages.
    pub name: &'a str,
}
