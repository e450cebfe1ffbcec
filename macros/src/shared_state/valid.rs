//! Rules that need the whole state to judge: accessor names that the
//! generated handle would define twice.

use std::collections::HashMap;

use unmixed_checks::declare::shared::{Names, HANDLE_METHODS};

use super::ast::{Kind, State};
use crate::ctxt::Ctxt;

/// Reports the collisions and keeps the colliding fields out of the
/// accessors, so the expansion does not repeat the error as duplicate
/// definitions.
pub fn check(state: &State, cx: &mut Ctxt) -> Vec<bool> {
    let mut generated: HashMap<String, String> = HashMap::new();
    let has_update = state.fields.iter().any(|field| field.kind.is_locked());
    let mut keep = Vec::new();
    for field in &state.fields {
        let bare = unraw(&field.ident);
        let mut ok = true;
        for name in accessor_names(&bare, field.kind) {
            let fixed = HANDLE_METHODS.contains(&name.as_str())
                && (name != "update" || has_update)
                && (name != "try_unwrap" || !has_snapshot(state));
            if fixed {
                cx.error_spanned_by(
                    &field.ident,
                    format!(
                        "field `{bare}` would generate the accessor `{name}`, which collides with `{}::{name}`\n\
                         help: rename the field",
                        Names::new(&state.ident).handle
                    ),
                );
                ok = false;
            } else if let Some(other) = generated.insert(name.clone(), bare.clone()) {
                cx.error_spanned_by(
                    &field.ident,
                    format!(
                        "the accessor `{name}` would be generated twice: by field `{other}` and by field `{bare}`\n\
                         help: rename one of them"
                    ),
                );
                ok = false;
            }
        }
        keep.push(ok);
    }
    keep
}

fn has_snapshot(state: &State) -> bool {
    state
        .fields
        .iter()
        .any(|field| field.kind == Kind::Snapshot)
}

/// The handle methods generated for one field.
pub fn accessor_names(bare: &str, kind: Kind) -> Vec<String> {
    match kind {
        Kind::Plain | Kind::Rw => vec![bare.to_owned(), format!("{bare}_mut")],
        Kind::Counter => vec![
            bare.to_owned(),
            format!("add_{bare}"),
            format!("sub_{bare}"),
        ],
        Kind::Snapshot => vec![
            bare.to_owned(),
            format!("set_{bare}"),
            format!("update_{bare}"),
        ],
    }
}

/// `r#type` -> `type`.
pub fn unraw(ident: &syn::Ident) -> String {
    let text = ident.to_string();
    text.strip_prefix("r#").map_or(text.clone(), str::to_owned)
}
