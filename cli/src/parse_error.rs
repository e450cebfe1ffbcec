//! What to say about a file that does not parse. syn's own message for a
//! file that does not even split into tokens is "cannot parse string into
//! token stream", at line 1; the lexer knows where it stopped, and the
//! character there tells what went wrong.

use std::str::FromStr;

/// Where the file stops parsing (1-based line and column), and why.
pub struct ParseFailure {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

pub fn describe(text: &str, error: &syn::Error) -> ParseFailure {
    let Err(lex) = proc_macro2::TokenStream::from_str(text) else {
        // The tokens are fine; syn's message and position are the useful ones.
        let start = error.span().start();
        return ParseFailure {
            line: start.line,
            column: start.column + 1,
            message: format!("could not parse the file: {error}"),
        };
    };
    let at = lex.span().start();
    let found = text
        .lines()
        .nth(at.line.saturating_sub(1))
        .and_then(|line| line.chars().nth(at.column));
    let column = at.column + 1;
    let why = match found {
        Some(open @ ('(' | '[' | '{')) => {
            format!("the `{open}` at column {column} is never closed")
        }
        Some(close @ (')' | ']' | '}')) => format!(
            "the `{close}` at column {column} closes nothing: a delimiter before it is \
             missing or of another kind"
        ),
        Some('"') => format!("the string starting at column {column} is never closed"),
        Some('\'') => format!("the character literal at column {column} is not valid"),
        Some('/') => format!("the block comment starting at column {column} is never closed"),
        _ => format!("column {column} is not the start of a Rust token"),
    };
    ParseFailure {
        line: at.line,
        column,
        message: format!("could not parse the file: {why}"),
    }
}

#[cfg(test)]
mod tests {
    use super::describe;

    fn message(text: &str) -> (usize, usize, String) {
        let error = syn::parse_file(text).expect_err("the text does not parse");
        let failure = describe(text, &error);
        (failure.line, failure.column, failure.message)
    }

    #[test]
    fn each_lexing_failure_is_named_where_it_happens() {
        let cases = [
            // The last `}` closes the `if`; the function's `{` is left open.
            (
                "fn a() {\n    if x {\n        y();\n}\n",
                1,
                8,
                "the `{` at column 8 is never closed",
            ),
            (
                "fn a() {\n    let x = (1, 2];\n}\n",
                2,
                18,
                "the `]` at column 18 closes nothing",
            ),
            ("fn a() {}\n}\n", 2, 1, "the `}` at column 1 closes nothing"),
            (
                "fn a() { \"open }\n",
                1,
                10,
                "the string starting at column 10 is never closed",
            ),
            (
                "/* never closed\nfn a() {}\n",
                1,
                1,
                "the block comment starting at column 1",
            ),
        ];
        for (text, line, column, expected) in cases {
            let (found_line, found_column, found) = message(text);
            assert_eq!(
                (found_line, found_column),
                (line, column),
                "{text:?}: {found}"
            );
            assert!(found.contains(expected), "{text:?}: {found}");
        }
    }

    #[test]
    fn a_syntax_error_in_good_tokens_keeps_syns_message_and_position() {
        let (line, column, found) = message("fn a() {}\nfn (\n) {}\n");
        assert_eq!((line, column), (2, 4));
        assert_eq!(found, "could not parse the file: expected identifier");
    }
}
