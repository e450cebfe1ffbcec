//! `#[unmixed::shared_state(max_hold = .., state = ..)]`: the declaration,
//! the names of what it generates, and the rules that tie its options to
//! the item it is on. It has no findings of its own: the shared-memory
//! checks look at the code, not at the declaration.

use proc_macro2::TokenStream;
use quote::format_ident;
use syn::{Expr, Ident, Item, ItemStruct, Lit, LitStr};

use super::options::{self, Raw, Spec};
use super::{Errors, Given};

const SPEC: Spec = Spec {
    attribute: "`#[unmixed::shared_state]`",
    keys: &[
        ("max_hold", "max_hold = \"100us\""),
        ("state", "state = Inventory"),
    ],
    type_keys: &[],
    positional: "max_hold",
};

/// Shared state as declared.
#[derive(Debug, Clone, Default)]
pub struct SharedDecl {
    /// `max_hold = "100us"`, in nanoseconds: the budget of every critical
    /// section of the generated handle.
    pub max_hold: Option<Given<u64>>,
    /// `state = Inventory`: in the module form, the struct to share.
    pub state: Option<Given<Ident>>,
}

impl SharedDecl {
    /// Reads the arguments of `#[unmixed::shared_state(..)]`.
    pub fn parse(args: TokenStream) -> (SharedDecl, Errors) {
        let mut errors = Errors::new();
        let mut decl = SharedDecl::default();
        for Raw { key, tokens, value } in options::parse(args, &SPEC, &mut errors) {
            let value = options::expr(&key, value, &SPEC, &mut errors);
            if key == "max_hold" {
                let value = value.and_then(|value| max_hold(value, &mut errors));
                decl.max_hold = Some(Given { key, tokens, value });
            } else {
                let value = value.and_then(|value| state(value, &mut errors));
                decl.state = Some(Given { key, tokens, value });
            }
        }
        (decl, errors)
    }

    /// Reads a `#[unmixed::shared_state(..)]` attribute found in source.
    pub fn from_attribute(attr: &syn::Attribute) -> (SharedDecl, Errors) {
        Self::parse(super::arguments(attr))
    }

    /// The budget in nanoseconds, when given and readable.
    pub fn max_hold_nanos(&self) -> Option<u64> {
        Given::read(&self.max_hold).copied()
    }

    /// The struct named by `state = ..`, when it could be read.
    pub fn state_name(&self) -> Option<&Ident> {
        Given::read(&self.state)
    }

    /// In the module form, the struct `state = ..` names among the module's
    /// `items`; `None` when the declaration names none.
    pub fn find_state<'a>(
        &self,
        module: &Ident,
        items: &'a [Item],
    ) -> Option<Result<&'a ItemStruct, syn::Error>> {
        let wanted = self.state_name()?;
        let found = items.iter().find_map(|item| match item {
            Item::Struct(item) if item.ident == *wanted => Some(item),
            _ => None,
        });
        Some(found.ok_or_else(|| {
            // A struct written by a macro appears only after this attribute ran.
            let help = if items.iter().any(|item| matches!(item, Item::Macro(_))) {
                "\nhelp: a struct written by a macro call is not visible to `#[unmixed::shared_state]`; write the struct out in the module"
            } else {
                ""
            };
            syn::Error::new_spanned(
                wanted,
                format!("no struct `{wanted}` in module `{module}`{help}"),
            )
        }))
    }

    /// On a struct the state is the struct itself: `state = ..` is a
    /// mistake there.
    pub fn check_struct_form(&self) -> Option<syn::Error> {
        self.state_name().map(|state| {
            syn::Error::new_spanned(
                state,
                "`state = ..` picks the struct in the module form (`#[unmixed::shared_state] mod ..`); \
                 on a struct the state is the struct itself\n\
                 help: remove `state = ..`",
            )
        })
    }

    /// A module form that names no struct generates no handle, so a
    /// `max_hold` has nothing to time.
    pub fn check_module_form(&self, module: &Ident) -> Option<syn::Error> {
        (self.state.is_none() && self.max_hold_nanos().is_some()).then(|| {
            syn::Error::new_spanned(
                module,
                "`max_hold` times the accessors of a generated handle, and this module generates none\n\
                 help: name the struct to share: `#[unmixed::shared_state(state = Inventory, max_hold = \"100us\")]`",
            )
        })
    }
}

fn max_hold(value: Expr, errors: &mut Errors) -> Option<u64> {
    match value {
        Expr::Lit(syn::ExprLit {
            lit: Lit::Str(text),
            ..
        }) => budget(&text, errors),
        Expr::Lit(syn::ExprLit {
            lit: Lit::Int(int), ..
        }) => {
            errors.error_spanned_by(
                &int,
                format!(
                    "`max_hold` needs a unit: a bare number could be any of them\n\
                     help: write the duration as a string with its unit: `max_hold = \"{}us\"` (units: `ns`, `us`, `ms`, `s`)",
                    int.base10_digits()
                ),
            );
            None
        }
        other => {
            errors.error_spanned_by(
                other,
                "`max_hold` takes a duration as a string\nhelp: `max_hold = \"100us\"` (units: `ns`, `us`, `ms`, `s`)",
            );
            None
        }
    }
}

fn budget(text: &LitStr, errors: &mut Errors) -> Option<u64> {
    match parse_duration(&text.value()) {
        Ok(0) => {
            errors.error_spanned_by(
                text,
                "`max_hold` may not be zero: every critical section takes some time\nhelp: `max_hold = \"100us\"`",
            );
            None
        }
        Ok(nanos) => Some(nanos),
        Err(why) => {
            errors.error_spanned_by(
                text,
                format!("{why}\nhelp: `max_hold = \"100us\"` (units: `ns`, `us`, `ms`, `s`)"),
            );
            None
        }
    }
}

fn state(value: Expr, errors: &mut Errors) -> Option<Ident> {
    match value {
        Expr::Path(path) if path.path.get_ident().is_some() => path.path.get_ident().cloned(),
        Expr::Lit(syn::ExprLit {
            lit: Lit::Str(text),
            ..
        }) => {
            errors.error_spanned_by(
                &text,
                format!(
                    "`state` names a struct, not a string\nhelp: write the name without quotes: `state = {}`",
                    text.value()
                ),
            );
            None
        }
        other => {
            errors.error_spanned_by(
                other,
                "`state` names the struct in this module that gets the generated handle\nhelp: `state = Inventory`",
            );
            None
        }
    }
}

/// `"100us"` -> 100_000 nanoseconds.
fn parse_duration(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit() && c != '_')
        .ok_or_else(|| format!("`max_hold = \"{text}\"` has no unit"))?;
    let (number, unit) = text.split_at(split);
    let number: u64 = number
        .replace('_', "")
        .parse()
        .map_err(|_| format!("`max_hold = \"{text}\"` does not start with a whole number"))?;
    let scale: u64 = match unit.trim() {
        "ns" => 1,
        "us" | "µs" => 1_000,
        "ms" => 1_000_000,
        "s" => 1_000_000_000,
        other => return Err(format!("unknown unit `{other}` in `max_hold`")),
    };
    number
        .checked_mul(scale)
        .ok_or_else(|| format!("`max_hold = \"{text}\"` is too long"))
}

/// The items `#[unmixed::shared_state]` generates next to the state
/// `Inventory`.
#[derive(Debug, Clone)]
pub struct Names {
    /// `InventoryHandle`, the shared handle.
    pub handle: Ident,
    /// `InventoryView`, every locked field at once for `update`; generated
    /// only when the state has a field behind a lock.
    pub view: Ident,
}

/// Methods every handle has besides the per-field accessors.
pub const HANDLE_METHODS: &[&str] = &["clone", "try_unwrap", "update"];

impl Names {
    /// The names for the state `state`, at its span.
    pub fn new(state: &Ident) -> Self {
        Names {
            handle: format_ident!("{}Handle", state, span = state.span()),
            view: format_ident!("{}View", state, span = state.span()),
        }
    }

    /// Every item the expansion adds to the module: the view only when
    /// some field is `locked` (a plain or `#[rw]` field).
    pub fn items(&self, locked: bool) -> Vec<&Ident> {
        let mut items = vec![&self.handle];
        if locked {
            items.push(&self.view);
        }
        items
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::*;
    use crate::declare::tests::messages;

    #[test]
    fn every_option_is_read() {
        let (decl, errors) = SharedDecl::parse(quote!(max_hold = "100us", state = Inventory));
        assert!(errors.is_empty());
        assert_eq!(decl.max_hold_nanos(), Some(100_000));
        assert_eq!(decl.state_name().unwrap(), "Inventory");
        let (decl, errors) = SharedDecl::parse(TokenStream::new());
        assert!(errors.is_empty() && decl.max_hold.is_none() && decl.state.is_none());
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("100us"), Ok(100_000));
        assert_eq!(parse_duration("2ms"), Ok(2_000_000));
        assert_eq!(parse_duration("1_000ns"), Ok(1_000));
        assert_eq!(parse_duration("1s"), Ok(1_000_000_000));
        assert!(parse_duration("100").is_err());
        assert!(parse_duration("fast").is_err());
        assert!(parse_duration("3 fortnights").is_err());
    }

    #[test]
    fn every_mistake_is_reported() {
        for (args, expected) in [
            (
                quote!(max_hld = "1ms"),
                "unknown option `max_hld`; expected one of `max_hold`, `state`\nhelp: did you mean `max_hold = \"100us\"`?",
            ),
            (
                quote!("1ms"),
                "`\"1ms\"` is not an option: `#[unmixed::shared_state]` takes `key = value` options\nhelp: `max_hold = \"1ms\"`",
            ),
            (quote!(state), "`state` needs a value\nhelp: `state = Inventory`"),
            (
                quote!(max_hold = 100),
                "`max_hold` needs a unit: a bare number could be any of them\nhelp: write the duration as a string with its unit: `max_hold = \"100us\"` (units: `ns`, `us`, `ms`, `s`)",
            ),
            (
                quote!(max_hold = fast),
                "`max_hold` takes a duration as a string\nhelp: `max_hold = \"100us\"` (units: `ns`, `us`, `ms`, `s`)",
            ),
            (
                quote!(max_hold = "0us"),
                "`max_hold` may not be zero: every critical section takes some time\nhelp: `max_hold = \"100us\"`",
            ),
            (
                quote!(max_hold = "5 fortnights"),
                "unknown unit `fortnights` in `max_hold`\nhelp: `max_hold = \"100us\"` (units: `ns`, `us`, `ms`, `s`)",
            ),
            (
                quote!(max_hold = "99999999999s"),
                "`max_hold = \"99999999999s\"` is too long\nhelp: `max_hold = \"100us\"` (units: `ns`, `us`, `ms`, `s`)",
            ),
            (
                quote!(state = "Inventory"),
                "`state` names a struct, not a string\nhelp: write the name without quotes: `state = Inventory`",
            ),
            (
                quote!(state = a::Inventory),
                "`state` names the struct in this module that gets the generated handle\nhelp: `state = Inventory`",
            ),
        ] {
            let (decl, errors) = SharedDecl::parse(args.clone());
            assert_eq!(messages(&errors), [expected], "{args}");
            assert!(decl.max_hold_nanos().is_none() && decl.state_name().is_none());
        }
    }

    #[test]
    fn options_must_fit_the_form() {
        let module: Ident = syn::parse_quote!(store);
        let (decl, _) = SharedDecl::parse(quote!(max_hold = "1ms"));
        assert!(decl.check_module_form(&module).is_some());
        assert!(decl.check_struct_form().is_none());
        let (decl, _) = SharedDecl::parse(quote!(max_hold = "1ms", state = Inventory));
        assert!(decl.check_module_form(&module).is_none());
        assert!(decl.check_struct_form().is_some());
    }

    #[test]
    fn the_state_is_found_in_the_module() {
        let file: syn::File = syn::parse_quote! {
            pub struct Inventory;
            make_struct!();
        };
        let module: Ident = syn::parse_quote!(store);
        let (decl, _) = SharedDecl::parse(quote!(state = Inventory));
        assert!(matches!(decl.find_state(&module, &file.items), Some(Ok(_))));
        let (decl, _) = SharedDecl::parse(quote!(state = Other));
        let error = decl.find_state(&module, &file.items).unwrap().unwrap_err();
        assert!(error.to_string().contains("written by a macro call"));
        assert!(SharedDecl::default()
            .find_state(&module, &file.items)
            .is_none());
    }

    #[test]
    fn names_come_from_the_state() {
        let names = Names::new(&syn::parse_quote!(Inventory));
        assert_eq!(names.items(true), [&names.handle, &names.view]);
        assert_eq!(names.handle, "InventoryHandle");
        assert_eq!(names.view, "InventoryView");
        assert_eq!(names.items(false).len(), 1);
    }
}
