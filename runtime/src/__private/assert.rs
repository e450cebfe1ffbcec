/// Bound the generated code puts on every message argument and reply, so
/// that a non-`Send` type is reported in the actor's own words.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot travel in an actor message: it must be `Send + 'static`",
    label = "this type stays on the caller's thread or borrows from the caller",
    note = "the message crosses into the actor's task; pass an owned, thread-safe value (`String` not `&str`, `Arc` not `Rc`)"
)]
pub trait MessageArg {}

impl<T: Send + 'static> MessageArg for T {}

/// Bound the generated code puts on every job argument and result, so that
/// a non-`Send` type is reported in the pool's own words.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot travel to a pool worker: it must be `Send + 'static`",
    label = "this type stays on the caller's thread or borrows from the caller",
    note = "a job's arguments move to a worker thread and its result moves back; pass owned, thread-safe values (`String` not `&str`, `Arc` not `Rc`)"
)]
pub trait JobPart {}

impl<T: Send + 'static> JobPart for T {}
