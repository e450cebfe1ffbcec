//! Items written inside item-position macros, made visible to the checks.
//!
//! `cfg_if! { if #[cfg(unix)] { mod sys; } else { .. } }`, tokio-style
//! `cfg_rt! { pub mod task; }` and `lazy_static! { static ref X: T = ..; }`
//! hold real items: modules, functions, statics. rustc sees them after
//! expansion; the checks read syntax, so they splice such items into the
//! module in place of the macro call. Spans stay those of the user's
//! tokens. Every branch of a `cfg_if!` is kept: the checks read code for
//! every configuration, as they do with `#[cfg]` items.
//!
//! Left as they are: `macro_rules!` definitions, `thread_local!` (its
//! statics are per-thread, which the pool checks look for as such), and
//! macros whose bodies are not items.

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use syn::{Item, ItemMacro};

/// Splices the items of item-position macros into `items`, in nested
/// inline modules too.
pub fn expand_item_macros(items: &mut Vec<Item>) {
    let mut index = 0;
    while index < items.len() {
        let replacement = match &items[index] {
            Item::Macro(call) => expand(call),
            _ => None,
        };
        match replacement {
            // The spliced items are looked at next: they may hold macros too.
            Some(expanded) => {
                items.splice(index..=index, expanded);
            }
            None => {
                if let Item::Mod(module) = &mut items[index] {
                    if let Some((_, content)) = &mut module.content {
                        expand_item_macros(content);
                    }
                }
                index += 1;
            }
        }
    }
}

fn expand(call: &ItemMacro) -> Option<Vec<Item>> {
    let name = call.mac.path.segments.last()?.ident.to_string();
    match name.as_str() {
        "macro_rules" | "thread_local" => None,
        "cfg_if" => Some(cfg_if(call.mac.tokens.clone())),
        "lazy_static" => lazy_static(call.mac.tokens.clone()),
        _ => {
            if call.ident.is_some() {
                return None;
            }
            let file: syn::File = syn::parse2(call.mac.tokens.clone()).ok()?;
            (!file.items.is_empty()).then_some(file.items)
        }
    }
}

/// The items of every branch of a `cfg_if!`.
fn cfg_if(tokens: TokenStream) -> Vec<Item> {
    let mut items = Vec::new();
    for token in tokens {
        if let TokenTree::Group(group) = token {
            if group.delimiter() == Delimiter::Brace {
                if let Ok(file) = syn::parse2::<syn::File>(group.stream()) {
                    items.extend(file.items);
                }
            }
        }
    }
    items
}

/// `[pub] static ref NAME: T = expr;` as plain statics.
fn lazy_static(tokens: TokenStream) -> Option<Vec<Item>> {
    let text: Vec<TokenTree> = tokens.into_iter().collect();
    let mut rewritten = TokenStream::new();
    let mut previous_static = false;
    for token in text {
        let is_ref = matches!(&token, TokenTree::Ident(ident) if ident == "ref");
        if previous_static && is_ref {
            previous_static = false;
            continue;
        }
        previous_static = matches!(&token, TokenTree::Ident(ident) if ident == "static");
        rewritten.extend([token]);
    }
    let file: syn::File = syn::parse2(rewritten).ok()?;
    Some(file.items)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(source: &str) -> Vec<String> {
        let mut file: syn::File = syn::parse_str(source).unwrap();
        expand_item_macros(&mut file.items);
        file.items
            .iter()
            .map(|item| match item {
                Item::Fn(f) => format!("fn {}", f.sig.ident),
                Item::Mod(m) => format!("mod {}", m.ident),
                Item::Static(s) => format!("static {}", s.ident),
                Item::Macro(m) => format!("macro {}", m.mac.path.segments.last().unwrap().ident),
                _ => "other".into(),
            })
            .collect()
    }

    #[test]
    fn splices_items_of_cfg_if_lazy_static_and_brace_macros() {
        let found = names(
            "cfg_if::cfg_if! { if #[cfg(unix)] { mod unix; fn a() {} } else { mod other; } }
             lazy_static! { pub static ref CACHE: Mutex<u8> = Mutex::new(0); }
             cfg_rt! { pub mod task; }
             thread_local! { static X: u8 = 0; }
             macro_rules! m { () => {} }
             not_items!(1 + 2);",
        );
        assert_eq!(
            found,
            [
                "mod unix",
                "fn a",
                "mod other",
                "static CACHE",
                "mod task",
                "macro thread_local",
                "macro macro_rules",
                "macro not_items"
            ]
        );
    }
}
