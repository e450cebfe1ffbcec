//! The branches of `select!` (tokio's and futures'), which do not parse as
//! expressions: `pattern = future => handler`, with `biased;`, `, if cond`
//! preconditions and `else` branches.

use syn::Expr;

/// One branch of a `select!`: `pattern = future => handler`.
pub struct SelectBranch {
    pub pat: Option<syn::Pat>,
    pub future: Option<Expr>,
    pub handler: Option<Expr>,
}

/// The branches of a `select!` (tokio's or futures'), as far as they parse.
pub fn select_branches(mac: &syn::Macro) -> Vec<SelectBranch> {
    use proc_macro2::{Delimiter, TokenTree};
    let tokens: Vec<TokenTree> = mac.tokens.clone().into_iter().collect();
    let mut branches = Vec::new();
    let mut index = 0;
    let is_punct =
        |token: &TokenTree, c: char| matches!(token, TokenTree::Punct(p) if p.as_char() == c);
    while index < tokens.len() {
        // `biased;`
        if matches!(&tokens[index], TokenTree::Ident(ident) if ident == "biased")
            && tokens.get(index + 1).is_some_and(|t| is_punct(t, ';'))
        {
            index += 2;
            continue;
        }
        // The pattern, up to a lone `=`, or `else`/`default`/`complete` up to `=>`.
        let begin = index;
        let mut assign = None;
        let mut arrow = None;
        while index < tokens.len() {
            if is_punct(&tokens[index], '=') {
                let next_gt = tokens.get(index + 1).is_some_and(|t| is_punct(t, '>'));
                let joint = matches!(&tokens[index], TokenTree::Punct(p) if p.spacing() == proc_macro2::Spacing::Joint);
                let prev_op = index > begin
                    && matches!(&tokens[index - 1], TokenTree::Punct(p)
                        if p.spacing() == proc_macro2::Spacing::Joint && matches!(p.as_char(), '<' | '>' | '!' | '='));
                if next_gt && joint {
                    arrow = Some(index);
                    break;
                }
                let next_eq = tokens.get(index + 1).is_some_and(|t| is_punct(t, '='));
                if assign.is_none() && !prev_op && !next_eq {
                    assign = Some(index);
                }
            }
            index += 1;
        }
        let Some(arrow) = arrow else { break };
        let (pat, future) = match assign {
            Some(assign) => {
                let pat_tokens: proc_macro2::TokenStream =
                    tokens[begin..assign].iter().cloned().collect();
                // `fut, if condition`: the precondition is not the future.
                let mut end = arrow;
                let mut depth_comma = None;
                for (offset, token) in tokens[assign + 1..arrow].iter().enumerate() {
                    if is_punct(token, ',') {
                        depth_comma = Some(assign + 1 + offset);
                    }
                }
                if let Some(comma) = depth_comma {
                    end = comma;
                }
                let future_tokens: proc_macro2::TokenStream =
                    tokens[assign + 1..end].iter().cloned().collect();
                let pat = syn::parse::Parser::parse2(syn::Pat::parse_single, pat_tokens).ok();
                (pat, syn::parse2::<Expr>(future_tokens).ok())
            }
            None => (None, None),
        };
        index = arrow + 2;
        // The handler: a block, or an expression up to the next `,`.
        let handler = match tokens.get(index) {
            Some(TokenTree::Group(group)) if group.delimiter() == Delimiter::Brace => {
                index += 1;
                if tokens.get(index).is_some_and(|t| is_punct(t, ',')) {
                    index += 1;
                }
                syn::parse2::<Expr>(TokenTree::Group(group.clone()).into()).ok()
            }
            _ => {
                let start = index;
                while index < tokens.len() && !is_punct(&tokens[index], ',') {
                    index += 1;
                }
                let handler_tokens: proc_macro2::TokenStream =
                    tokens[start..index].iter().cloned().collect();
                index += 1;
                syn::parse2::<Expr>(handler_tokens).ok()
            }
        };
        branches.push(SelectBranch {
            pat,
            future,
            handler,
        });
    }
    branches
}
