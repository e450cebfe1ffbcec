//! Rules that need the whole actor to judge: names the generated code would
//! use twice.

use std::collections::HashMap;

use unmixed_checks::declare::actor::{Names, HANDLE_METHODS, STATE_METHODS};

use super::ast::Actor;
use super::names;
use crate::ctxt::Ctxt;

/// Reports the collisions and takes the colliding parts out of the model,
/// so the expansion does not repeat the error as duplicate definitions.
pub fn check(actor: &mut Actor, cx: &mut Ctxt) {
    if actor.handlers.is_empty() && actor.method_names.is_empty() {
        cx.error_spanned_by(
            &actor.self_ty,
            format!(
                "actor `{}` has no messages\n\
                 help: messages are the `pub` methods that take `&self` or `&mut self`: \
                 `pub fn add(&mut self, by: u64) -> u64`",
                actor.ident
            ),
        );
    }
    for method in &actor.method_names {
        let bare = names::unraw(method).to_string();
        if STATE_METHODS.contains(&bare.as_str()) {
            actor.generate_spawn = false;
            cx.error_spanned_by(
                method,
                format!(
                    "`{bare}` is generated on `{}` by `#[unmixed::actor]`: it starts the actor\nhelp: rename this method",
                    actor.ident
                ),
            );
        }
    }
    // Every handle method name, and the message that generates it.
    let mut generated: HashMap<String, String> = HashMap::new();
    let mut colliding = Vec::new();
    for handler in &actor.handlers {
        let bare = names::unraw(&handler.method).to_string();
        if HANDLE_METHODS.contains(&bare.as_str()) {
            cx.error_spanned_by(
                &handler.method,
                format!(
                    "a message named `{bare}` would collide with `{}::{bare}`, which every handle has\nhelp: rename the message",
                    Names::new(&actor.ident).handle
                ),
            );
            colliding.push(handler.method.clone());
            continue;
        }
        for name in [
            bare.clone(),
            format!("try_{bare}"),
            format!("tell_{bare}"),
            format!("try_tell_{bare}"),
        ] {
            if let Some(other) = generated.insert(name.clone(), bare.clone()) {
                cx.error_spanned_by(
                    &handler.method,
                    format!(
                        "the handle method `{name}` would be generated twice: by message `{other}` and by message `{bare}`\nhelp: rename one of them"
                    ),
                );
                colliding.push(handler.method.clone());
            }
        }
    }
    actor
        .handlers
        .retain(|handler| !colliding.contains(&handler.method));
}
