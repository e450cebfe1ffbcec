/// Bound the generated code puts on every message argument and reply, so
/// that a non-`Send` type is reported in the actor's own words.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot travel in an actor message: it must be `Send + 'static`",
    label = "this type stays on the caller's thread or borrows from the caller",
    note = "the message crosses into the actor's task; pass an owned, thread-safe value (`String` not `&str`, `Arc` not `Rc`)"
)]
pub trait MessageArg {}

impl<T: Send + 'static> MessageArg for T {}
