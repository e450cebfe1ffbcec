use proc_macro2::Span;
use quote::ToTokens;

use crate::{Code, Level};

/// Where a finding points: from the first to the last token of the
/// offending syntax, so a compiler error underlines all of it.
#[derive(Debug, Clone, Copy)]
pub struct Location {
    /// Span of the first token.
    pub start: Span,
    /// Span of the last token.
    pub end: Span,
}

impl Location {
    /// The tokens of `node`, first to last.
    pub fn of(node: &impl ToTokens) -> Self {
        let mut tokens = node.to_token_stream().into_iter();
        let start = tokens
            .next()
            .map_or_else(Span::call_site, |token| token.span());
        let end = tokens.last().map_or(start, |token| token.span());
        Location { start, end }
    }

    /// A single token.
    pub fn at(span: Span) -> Self {
        Location {
            start: span,
            end: span,
        }
    }
}

/// One thing a check found: data, rendered by the macros as a compile
/// diagnostic and by the reviewer as a report line.
#[derive(Debug, Clone)]
pub struct Finding {
    /// Which check fired.
    pub code: Code,
    /// Error or warning.
    pub level: Level,
    /// The offending tokens.
    pub location: Location,
    /// What is wrong, in one sentence, without the code prefix.
    pub message: String,
    /// How to fix it, ideally as code.
    pub help: String,
}

impl Finding {
    /// A finding at the code's default level.
    pub fn new(
        code: Code,
        location: Location,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Self {
        Finding {
            code,
            level: code.default_level(),
            location,
            message: message.into(),
            help: help.into(),
        }
    }

    /// `CODE: message`, the first line every front end shows.
    pub fn headline(&self) -> String {
        format!("{}: {}", self.code, self.message)
    }
}
