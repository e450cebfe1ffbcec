//! No panic on any input, as properties: arbitrary token streams
//! (`robustness_tokens`) and arbitrary items (`robustness_items`) go through
//! every macro front end, as attribute arguments and as the item, and
//! through the reviewer's `review`. Besides not panicking, every error a
//! macro emits must be a `compile_error!` with a message, an item that does
//! not parse must be answered with one, and an item that parses must come
//! back as code that parses, so that no error lands inside the expansion.
//!
//! CI runs proptest's default 256 cases per property; a longer campaign:
//! `PROPTEST_CASES=20000 cargo test -p unmixed-macros --release robustness_props`.
//! A failure prints the shrunk input: fix the panic, and keep the input as a
//! plain test next to the fix (a ui case or a unit test), not as a proptest
//! persistence file, whose seeds stop meaning anything when the strategies
//! change.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::str::FromStr;

use proc_macro2::{TokenStream, TokenTree};
use proptest::prelude::*;
use proptest::test_runner::Config;

use crate::robustness_items::item;
use crate::robustness_tokens::{options, stream, tokens};

use crate::robustness::{Expand, MACROS};

/// Arguments each macro accepts, mixed with ones it must reject.
const ARGS: &[&str] = &[
    "",
    "mailbox = 4",
    "mailbox = 0",
    "mailbox = unbounded",
    "state = Counter",
    "bounded = 8, workers = 2",
    "bounded = 8, workers = 2, resource = Db, max_wait = \"5ms\"",
    "bounded = 8, workers = 0",
    "max_hold = \"100us\"",
    "max_hold = 5",
    "MIXED_MODELS, reason = \"x\"",
    "LOCK_ACROSS_AWAIT",
];

/// The messages of the `compile_error! { ".." }`s in `output`, and of the
/// `deprecated(note = "..")` attributes that carry warnings, at any depth.
fn messages(output: &TokenStream, found: &mut Vec<String>) {
    let trees: Vec<TokenTree> = output.clone().into_iter().collect();
    for (at, tree) in trees.iter().enumerate() {
        let arguments = match (tree, trees.get(at + 1), trees.get(at + 2)) {
            (
                TokenTree::Ident(ident),
                Some(TokenTree::Punct(bang)),
                Some(TokenTree::Group(group)),
            ) if ident == "compile_error" && bang.as_char() == '!' => Some(group),
            (TokenTree::Ident(ident), Some(TokenTree::Group(group)), _)
                if ident == "deprecated" =>
            {
                Some(group)
            }
            (TokenTree::Group(group), ..) => {
                messages(&group.stream(), found);
                None
            }
            _ => None,
        };
        if let Some(group) = arguments {
            let text = group
                .stream()
                .into_iter()
                .find_map(|tree| syn::parse2::<syn::LitStr>(tree.into()).ok())
                .map(|lit| lit.value());
            found.push(text.unwrap_or_default());
        }
    }
}

/// Runs `expand(args, input)` and checks the property; `Err` says why not.
fn check(
    name: &str,
    expand: Expand,
    args: &TokenStream,
    input: &TokenStream,
) -> Result<(), String> {
    let output = catch_unwind(AssertUnwindSafe(|| expand(args.clone(), input.clone())))
        .map_err(|_| format!("#[{name}({args})] panicked on:\n{input}"))?;
    let mut found = Vec::new();
    messages(&output, &mut found);
    if found.iter().any(|message| message.trim().is_empty()) {
        return Err(format!(
            "#[{name}({args})] emitted an empty message on:\n{input}\n=> {output}"
        ));
    }
    let rejected = if name == "allow" {
        syn::parse2::<unmixed_checks::Allow>(args.clone()).is_err()
    } else {
        syn::parse2::<syn::Item>(input.clone()).is_err()
    };
    if rejected && found.is_empty() {
        return Err(format!(
            "#[{name}({args})] rejected without an error:\n{input}\n=> {output}"
        ));
    }
    // An item comes back as items, so that rustc's errors land on the
    // user's code, never on a syntax error inside the expansion.
    let item = syn::parse2::<syn::Item>(input.clone()).is_ok();
    if item && syn::parse2::<syn::File>(output.clone()).is_err() {
        return Err(format!(
            "#[{name}({args})] wrote unparsable code for:\n{input}\n=> {output}"
        ));
    }
    Ok(())
}

fn every_macro(args: &TokenStream, input: &TokenStream) -> Result<(), TestCaseError> {
    for (name, expand) in MACROS {
        check(name, *expand, args, input).map_err(TestCaseError::fail)?;
    }
    Ok(())
}

fn review(source: &str) -> Result<(), TestCaseError> {
    let Ok(file) = syn::parse_file(source) else {
        return Ok(());
    };
    catch_unwind(AssertUnwindSafe(|| unmixed_checks::review::review(&file)))
        .map(drop)
        .map_err(|_| TestCaseError::fail(format!("the review panicked on:\n{source}")))
}

fn config() -> Config {
    // No `proptest-regressions/` file: a failure becomes a plain test.
    Config {
        failure_persistence: None,
        ..Config::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_tokens_as_item(item in tokens(24), args in 0..ARGS.len()) {
        let args = TokenStream::from_str(ARGS[args]).expect("the arguments lex");
        every_macro(&args, &stream(&item))?;
        review(&stream(&item).to_string())?;
    }

    #[test]
    fn arbitrary_tokens_as_arguments(args in tokens(10), item in item()) {
        let item = TokenStream::from_str(&item).expect("items lex");
        every_macro(&stream(&args), &item)?;
    }

    #[test]
    fn option_shaped_arguments(args in options(), item in item()) {
        let args = TokenStream::from_str(&args).expect("options lex");
        let item = TokenStream::from_str(&item).expect("items lex");
        every_macro(&args, &item)?;
    }

    #[test]
    fn arbitrary_items(item in item(), args in 0..ARGS.len()) {
        let args = TokenStream::from_str(ARGS[args]).expect("the arguments lex");
        let tokens = TokenStream::from_str(&item).expect("items lex");
        every_macro(&args, &tokens)?;
        review(&item)?;
    }

    #[test]
    fn arbitrary_files(items in prop::collection::vec(item(), 1..5)) {
        review(&items.join("\n"))?;
    }
}

/// The property itself catches what it must: a panic, an empty message, a
/// rejection without an error.
mod harness {
    use super::*;

    fn item() -> TokenStream {
        TokenStream::from_str("impl Counter { pub fn get(&self) -> u64 { 0 } }").unwrap()
    }

    #[test]
    fn catches_each_failure() {
        let args = TokenStream::new();
        let broken = TokenStream::from_str("impl { }").unwrap();
        let panics: Expand = |_, _| panic!("on purpose");
        let empty: Expand = |_, _| quote::quote!(::core::compile_error! { "" });
        let silent: Expand = |_, input| input;
        assert!(check("panics", panics, &args, &item()).is_err());
        assert!(check("empty", empty, &args, &item()).is_err());
        assert!(check("silent", silent, &args, &broken).is_err());
        assert!(check("silent", silent, &args, &item()).is_ok());
        assert!(check("actor", crate::actor::expand, &args, &item()).is_ok());
    }
}

/// Inputs the properties failed on, each run through every macro.
mod regressions {
    use super::*;

    const FOUND: &[(&str, &str)] = &[
        // `Ident::new("1")` panicked on the generated variant or pool name.
        ("", "impl Counter { pub fn _1(&self) {} }"),
        (
            "bounded = 2",
            "pub mod session { pub fn _٣() -> Result<(), String> {} }",
        ),
        // A variant named `Self`.
        ("", "impl Counter { pub fn self_(&self) {} }"),
        // `r#type` came back as `type`, a keyword, in the expansion.
        (
            "",
            "impl Counter { pub fn add(&mut self, r#type: u8) -> u8 { r#type } }",
        ),
        (
            "bounded = 2",
            "pub fn add(r#type: &'static str) -> usize { r#type.len() }",
        ),
    ];

    #[test]
    fn stay_fixed() {
        for (args, item) in FOUND {
            let args = TokenStream::from_str(args).unwrap();
            let item = TokenStream::from_str(item).unwrap();
            for (name, expand) in MACROS {
                check(name, *expand, &args, &item).unwrap();
            }
        }
    }
}
