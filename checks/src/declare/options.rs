//! `key = value` options inside a macro's attribute, with the friendly
//! errors tokio-macros taught everyone to expect: unknown keys list the
//! valid ones, duplicates point at the second occurrence.
//!
//! Each option is parsed on its own (the arguments are split at top-level
//! commas first), so one broken option is reported alone and the others
//! still count: a typo in `resource` does not also lose `bounded`.

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use quote::ToTokens;
use syn::{Expr, Ident, Type};

use super::Errors;
use crate::Location;

/// One option of a declaration as written: its key and value with their
/// spans, and the value once read.
#[derive(Debug, Clone)]
pub struct Given<T> {
    /// The key (`mailbox`). For a bare value (`#[actor(16)]`), the key it
    /// most likely meant, spanning the value.
    pub key: Ident,
    /// The value's tokens as written; empty for a bare key.
    pub tokens: TokenStream,
    /// The value, when it could be read; otherwise the declaration's errors
    /// say why.
    pub value: Option<T>,
}

impl<T> Given<T> {
    /// The value of an option that was written and could be read.
    pub fn read(option: &Option<Given<T>>) -> Option<&T> {
        option.as_ref().and_then(|given| given.value.as_ref())
    }

    /// The value as written (`64`, `db::Db`), if one was.
    pub fn written(&self) -> Option<String> {
        (!self.tokens.is_empty()).then(|| compact(&self.tokens))
    }

    /// From the key to the last token of the value.
    pub fn location(&self) -> Location {
        let start = self.key.span();
        let end = self
            .tokens
            .clone()
            .into_iter()
            .last()
            .map_or(start, |token| token.span());
        Location { start, end }
    }
}

/// Tokens as one line of text, spaced the way people write Rust (`Vec<u8>`,
/// `&str`, `a::b`), for messages.
pub fn compact(tokens: &impl ToTokens) -> String {
    tokens
        .to_token_stream()
        .to_string()
        .replace(" < ", "<")
        .replace(" >", ">")
        .replace("& ", "&")
        .replace(" :: ", "::")
}

/// What a macro accepts.
pub(crate) struct Spec<'a> {
    /// `#[unmixed::actor]`, for messages.
    pub attribute: &'a str,
    /// Every key with an example of it, written as the user would: `mailbox = 64`.
    pub keys: &'a [(&'a str, &'a str)],
    /// Keys whose value is a type (`resource = Pooled<Conn>`).
    pub type_keys: &'a [&'a str],
    /// The key a bare value most likely meant (`#[actor(16)]` -> `mailbox`).
    pub positional: &'a str,
}

impl Spec<'_> {
    pub fn example(&self, key: &str) -> String {
        self.keys.iter().find(|(name, _)| *name == key).map_or_else(
            || format!("`{key} = ..`"),
            |(_, example)| format!("`{example}`"),
        )
    }
}

/// An option as the shared parser leaves it for the model to read.
pub(crate) struct Raw {
    pub key: Ident,
    pub tokens: TokenStream,
    pub value: Value,
}

/// The value of an option that takes an expression: a bare key is reported
/// here, a broken value already was.
pub(crate) fn expr(key: &Ident, value: Value, spec: &Spec, errors: &mut Errors) -> Option<Expr> {
    match value {
        Value::Expr(value) => Some(value),
        Value::Broken | Value::Type(_) => None,
        Value::Missing => {
            errors.error_spanned_by(
                key,
                format!(
                    "`{key}` needs a value\nhelp: {}",
                    spec.example(&key.to_string())
                ),
            );
            None
        }
    }
}

pub(crate) enum Value {
    /// A bare `key`.
    Missing,
    Expr(Expr),
    /// The value of a type key.
    Type(Type),
    /// Written but unreadable; already reported.
    Broken,
}

/// Parses the attribute arguments, reporting unknown, duplicated and
/// malformed options. Malformed known options come back with
/// `Value::Broken` so that callers count them as given.
pub(crate) fn parse(args: TokenStream, spec: &Spec, errors: &mut Errors) -> Vec<Raw> {
    let mut settings: Vec<Raw> = Vec::new();
    for chunk in split(args, spec) {
        let Some(setting) = parse_one(chunk, spec, errors) else {
            continue;
        };
        let key = setting.key.to_string();
        if !spec.keys.iter().any(|(name, _)| *name == key) {
            unknown(&setting.key, spec, errors);
        } else if let Some(first) = settings.iter().find(|seen| seen.key == key) {
            let first = match &first.value {
                Value::Expr(expr) => format!("`{key} = {}`", compact(expr)),
                Value::Type(ty) => format!("`{key} = {}`", compact(ty)),
                Value::Missing | Value::Broken => format!("`{key}`"),
            };
            errors.error_spanned_by(
                &setting.key,
                format!("duplicate option `{key}`\nhelp: keep one of them: remove this one or the earlier {first}"),
            );
        } else {
            settings.push(setting);
        }
    }
    settings
}

/// The arguments, split at the commas that separate options. Angle brackets
/// are tracked for type keys, whose values may hold commas (`Map<K, V>`).
fn split(args: TokenStream, spec: &Spec) -> Vec<Vec<TokenTree>> {
    let mut chunks = Vec::new();
    let mut chunk: Vec<TokenTree> = Vec::new();
    let mut depth = 0usize;
    for token in args {
        let typed = matches!(chunk.first(), Some(TokenTree::Ident(key))
            if spec.type_keys.iter().any(|name| key == name));
        if let TokenTree::Punct(punct) = &token {
            match punct.as_char() {
                ',' if depth == 0 => {
                    chunks.push(std::mem::take(&mut chunk));
                    continue;
                }
                '<' if typed => depth += 1,
                '>' if typed => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        chunk.push(token);
    }
    chunks.push(chunk);
    chunks.retain(|chunk| !chunk.is_empty());
    chunks
}

fn raw(key: Ident, tokens: TokenStream, value: Value) -> Raw {
    Raw { key, tokens, value }
}

fn parse_one(chunk: Vec<TokenTree>, spec: &Spec, errors: &mut Errors) -> Option<Raw> {
    let tokens: TokenStream = chunk.iter().cloned().collect();
    let mut rest = chunk.into_iter();
    let key = match rest.next() {
        Some(TokenTree::Ident(key)) => key,
        _ => {
            let text = compact(&tokens);
            errors.error_spanned_by(
                &tokens,
                format!(
                    "`{text}` is not an option: {} takes `key = value` options\nhelp: `{} = {text}`",
                    spec.attribute, spec.positional
                ),
            );
            // Counted as the option it most likely meant, so that no
            // "missing option" error follows.
            let span = syn::spanned::Spanned::span(&tokens);
            return Some(raw(
                Ident::new(spec.positional, span),
                tokens,
                Value::Broken,
            ));
        }
    };
    let Some(next) = rest.next() else {
        return Some(raw(key, TokenStream::new(), Value::Missing));
    };
    let value: TokenStream = rest.collect();
    let is_eq = matches!(&next, TokenTree::Punct(punct) if punct.as_char() == '=');
    if !is_eq {
        // `mailbox: 16`, `mailbox(16)`, `mailbox 16`: the value without its wrapper.
        let written = match &next {
            TokenTree::Punct(punct) if punct.as_char() == ':' => value.clone(),
            TokenTree::Group(group) if group.delimiter() != Delimiter::None => group.stream(),
            other => std::iter::once(other.clone())
                .chain(value.clone())
                .collect(),
        };
        let wanted = format!("{key} = {}", compact(&written));
        errors.error_spanned_by(
            quote::quote!(#key #next),
            format!("expected `=` after `{key}`\nhelp: `{}`", wanted.trim_end()),
        );
        return Some(raw(key, written, Value::Broken));
    }
    if value.is_empty() {
        errors.error_spanned_by(
            quote::quote!(#key #next),
            format!(
                "`{key} =` needs a value\nhelp: {}",
                spec.example(&key.to_string())
            ),
        );
        return Some(raw(key, value, Value::Broken));
    }
    let read = if spec.type_keys.iter().any(|name| key == name) {
        parse_type(&key, value.clone(), spec, errors)
    } else {
        match syn::parse2::<Expr>(value.clone()) {
            Ok(expr) => Value::Expr(expr),
            Err(_) => {
                errors.error_spanned_by(
                    &value,
                    format!(
                        "cannot read the value of `{key}`\nhelp: {}",
                        spec.example(&key.to_string())
                    ),
                );
                Value::Broken
            }
        }
    };
    Some(raw(key, value, read))
}

fn parse_type(key: &Ident, value: TokenStream, spec: &Spec, errors: &mut Errors) -> Value {
    if let Ok(syn::Lit::Str(text)) = syn::parse2::<syn::Lit>(value.clone()) {
        errors.error_spanned_by(
            &text,
            format!(
                "`{key}` takes a type, not a string\nhelp: write the type without quotes: `{key} = {}`",
                text.value()
            ),
        );
        return Value::Broken;
    }
    match syn::parse2::<Type>(value.clone()) {
        Ok(ty) => Value::Type(ty),
        Err(_) => {
            errors.error_spanned_by(
                &value,
                format!(
                    "`{key}` takes a type\nhelp: {}",
                    spec.example(&key.to_string())
                ),
            );
            Value::Broken
        }
    }
}

fn unknown(key: &Ident, spec: &Spec, errors: &mut Errors) {
    let text = key.to_string();
    let expected: Vec<String> = spec
        .keys
        .iter()
        .map(|(name, _)| format!("`{name}`"))
        .collect();
    let help = match closest(&text, spec) {
        Some(name) => format!("did you mean {}?", spec.example(name)),
        None => spec
            .keys
            .iter()
            .map(|(_, example)| format!("`{example}`"))
            .collect::<Vec<_>>()
            .join(", "),
    };
    errors.error_spanned_by(
        key.to_token_stream(),
        format!(
            "unknown option `{text}`; expected one of {}\nhelp: {help}",
            expected.join(", ")
        ),
    );
}

/// A valid key within two edits of `text`, for typos like `mailbx`.
fn closest<'a>(text: &str, spec: &Spec<'a>) -> Option<&'a str> {
    spec.keys
        .iter()
        .map(|(name, _)| (*name, crate::edit_distance(text, name)))
        .filter(|(name, edits)| *edits <= 2 && *edits < name.len())
        .min_by_key(|(_, edits)| *edits)
        .map(|(name, _)| name)
}
