//! The code inside macro calls: the arguments of `format!`-like macros,
//! `vec!`, `assert!`, `matches!`, `tracing` and `log` events, and any macro
//! whose arguments parse as expressions, read at their real spans so the
//! checks see the calls and guards in them.

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use syn::Expr;

/// The expressions among a macro's arguments, in order. Arguments are
/// split at top-level `,` and `;`; a `name = value` or `name: value`
/// argument (format's named arguments, `target: ..` of log events, fields
/// of `tracing` events) gives its value, `%value` and `?value` (tracing's
/// display and debug sigils) the value; what does not parse as an
/// expression (a pattern in `matches!`, a format string's braces) is left
/// out.
pub fn macro_args(mac: &syn::Macro) -> Vec<Expr> {
    let name = mac
        .path
        .segments
        .last()
        .map(|segment| segment.ident.to_string())
        .unwrap_or_default();
    // Definitions and item-producing macros hold no expressions to follow.
    if matches!(
        name.as_str(),
        "macro_rules" | "thread_local" | "lazy_static"
    ) {
        return Vec::new();
    }
    let pieces = split(mac.tokens.clone());
    let mut exprs = Vec::new();
    for (index, piece) in pieces.into_iter().enumerate() {
        // `matches!(value, pattern)`: only the first argument is an expression.
        if name == "matches" && index > 0 {
            break;
        }
        let piece = strip_label(piece);
        if piece.is_empty() {
            continue;
        }
        if let Ok(expr) = syn::parse2::<Expr>(piece.into_iter().collect()) {
            exprs.push(expr);
        }
    }
    exprs
}

/// Splits tokens at top-level `,` and `;`.
fn split(tokens: TokenStream) -> Vec<Vec<TokenTree>> {
    let mut pieces = vec![Vec::new()];
    for token in tokens {
        match &token {
            TokenTree::Punct(punct) if punct.as_char() == ',' || punct.as_char() == ';' => {
                pieces.push(Vec::new());
            }
            _ => pieces.last_mut().expect("never empty").push(token),
        }
    }
    pieces
}

/// `name = value`, `target: value`, `%value`, `?value` -> `value`.
fn strip_label(mut piece: Vec<TokenTree>) -> Vec<TokenTree> {
    let is_label = |piece: &[TokenTree]| {
        matches!(piece.first(), Some(TokenTree::Ident(_)))
            && match piece.get(1) {
                Some(TokenTree::Punct(punct)) => {
                    let next_is_same = matches!(piece.get(2), Some(TokenTree::Punct(next)) if next.as_char() == punct.as_char());
                    (punct.as_char() == '=' || punct.as_char() == ':') && !next_is_same
                }
                _ => false,
            }
    };
    // `a.b.c = value` in tracing fields: a dotted name.
    let dotted_label = || {
        let mut index = 0;
        loop {
            match (piece.get(index), piece.get(index + 1)) {
                (Some(TokenTree::Ident(_)), Some(TokenTree::Punct(dot)))
                    if dot.as_char() == '.' =>
                {
                    index += 2;
                }
                (Some(TokenTree::Ident(_)), Some(TokenTree::Punct(eq)))
                    if eq.as_char() == '=' && index > 0 =>
                {
                    let next_is_same = matches!(piece.get(index + 2), Some(TokenTree::Punct(next)) if next.as_char() == '=');
                    return (!next_is_same).then_some(index + 2);
                }
                _ => return None,
            }
        }
    };
    if is_label(&piece) {
        piece.drain(..2);
    } else if let Some(skip) = dotted_label() {
        piece.drain(..skip);
    }
    if matches!(piece.first(), Some(TokenTree::Punct(sigil)) if sigil.as_char() == '%' || sigil.as_char() == '?')
    {
        piece.remove(0);
    }
    // `{ .. }` groups as a whole argument are blocks, fine as they are.
    if let [TokenTree::Group(group)] = piece.as_slice() {
        if group.delimiter() == Delimiter::None {
            return group.stream().into_iter().collect();
        }
    }
    piece
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(source: &str) -> Vec<String> {
        let mac: syn::Macro = syn::parse_str(source).unwrap();
        macro_args(&mac)
            .iter()
            .map(|expr| quote::ToTokens::to_token_stream(expr).to_string())
            .collect()
    }

    #[test]
    fn reads_the_expressions_of_common_macros() {
        assert_eq!(
            args(r#"println!("{} {x}", m.lock().unwrap(), x = y.len())"#),
            ["\"{} {x}\"", "m . lock () . unwrap ()", "y . len ()"]
        );
        assert_eq!(
            args(r#"info!(target: "net", peer = %addr, count = ?n, "sent {}", bytes)"#),
            ["\"net\"", "addr", "n", "\"sent {}\"", "bytes"]
        );
        assert_eq!(args("vec![0u8; size]"), ["0u8", "size"]);
        assert_eq!(
            args("matches!(state.get(), Some(State::Ready { .. }))"),
            ["state . get ()"]
        );
        assert_eq!(
            args("assert_eq!(a == b, true, \"x\")"),
            ["a == b", "true", "\"x\""]
        );
        assert_eq!(args("debug!(req.id = id, \"x\")"), ["id", "\"x\""]);
    }
}
