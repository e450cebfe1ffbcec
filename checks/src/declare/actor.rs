//! `#[unmixed::actor(mailbox = .., state = ..)]`: the declaration, the names
//! of what it generates, and its check (UNBOUNDED_ACTOR_MAILBOX on
//! `mailbox = unbounded`).

use proc_macro2::TokenStream;
use quote::format_ident;
use syn::{Expr, Ident, Item, ItemStruct};

use super::count::{self, Bound, Rules};
use super::options::{self, Raw, Spec};
use super::{Errors, Given};
use crate::{Code, Finding, Location, Report};

const SPEC: Spec = Spec {
    attribute: "`#[unmixed::actor]`",
    keys: &[("mailbox", "mailbox = 64"), ("state", "state = Session")],
    type_keys: &[],
    positional: "mailbox",
};

/// What to say about `mailbox`.
pub const MAILBOX: Rules = Rules {
    key: "mailbox",
    example: "#[unmixed::actor(mailbox = 64)]",
    zero: "`mailbox` may not be 0: the mailbox needs room for at least one message\n\
           help: `#[unmixed::actor(mailbox = 1)]` or more",
    large: "a bound that size never makes a caller wait, so it bounds nothing; \
            pick how far the actor may fall behind, e.g. `#[unmixed::actor(mailbox = 64)]`",
};

/// An actor as declared.
#[derive(Debug, Clone, Default)]
pub struct ActorDecl {
    /// `mailbox = 16`; absent means `unmixed::DEFAULT_MAILBOX`.
    pub mailbox: Option<Given<Bound>>,
    /// `state = Session`: the actor's struct in the module form.
    pub state: Option<Given<Ident>>,
}

impl ActorDecl {
    /// Reads the arguments of `#[unmixed::actor(..)]`.
    pub fn parse(args: TokenStream) -> (ActorDecl, Errors) {
        let mut errors = Errors::new();
        let mut decl = ActorDecl::default();
        for Raw { key, tokens, value } in options::parse(args, &SPEC, &mut errors) {
            let value = options::expr(&key, value, &SPEC, &mut errors);
            if key == "mailbox" {
                let value =
                    value.and_then(|value| count::parse_bound(value, &MAILBOX, &mut errors));
                decl.mailbox = Some(Given { key, tokens, value });
            } else {
                let value = value.and_then(|value| state(value, &mut errors));
                decl.state = Some(Given { key, tokens, value });
            }
        }
        (decl, errors)
    }

    /// Reads an `#[unmixed::actor(..)]` attribute found in source.
    pub fn from_attribute(attr: &syn::Attribute) -> (ActorDecl, Errors) {
        Self::parse(super::arguments(attr))
    }

    /// The mailbox's bound, when one was given and could be read.
    pub fn mailbox_count(&self) -> Option<&count::Count> {
        Given::read(&self.mailbox).and_then(Bound::count)
    }

    /// The state struct named by `state = ..`, when it could be read.
    pub fn state_name(&self) -> Option<&Ident> {
        Given::read(&self.state)
    }

    /// In the module form, the actor's state among the module's `items`:
    /// the struct `state = ..` names, or else the module's only struct.
    pub fn find_state<'a>(
        &self,
        module: &Ident,
        items: &'a [Item],
    ) -> Result<&'a ItemStruct, syn::Error> {
        let structs: Vec<&ItemStruct> = items
            .iter()
            .filter_map(|item| match item {
                Item::Struct(item) => Some(item),
                _ => None,
            })
            .collect();
        if let Some(wanted) = self.state_name() {
            return structs
                .iter()
                .copied()
                .find(|item| item.ident == *wanted)
                .ok_or_else(|| {
                    syn::Error::new_spanned(
                        wanted,
                        format!("no struct `{wanted}` in module `{module}`"),
                    )
                });
        }
        match structs.as_slice() {
            [only] => Ok(only),
            [] => Err(syn::Error::new_spanned(
                module,
                format!("module `{module}` has no struct to be the actor's state\nhelp: add one, with an `impl` whose `pub` methods are its messages"),
            )),
            [first, second, ..] => Err(syn::Error::new_spanned(
                &second.ident,
                format!(
                    "module `{module}` has several structs\n\
                     help: say which one is the actor: `#[unmixed::actor(state = {})]`",
                    first.ident
                ),
            )),
        }
    }

    /// On an `impl` block the actor is the impl's own type: `state = ..` is
    /// a mistake there.
    pub fn check_impl_form(&self) -> Option<syn::Error> {
        self.state_name().map(|state| {
            syn::Error::new_spanned(
                state,
                "`state = ..` picks the actor's struct in the module form (`#[unmixed::actor] mod ..`); \
                 on an impl block the actor is the impl's own type\n\
                 help: remove `state = ..`",
            )
        })
    }
}

fn state(value: Expr, errors: &mut Errors) -> Option<Ident> {
    match value {
        Expr::Path(path) if path.path.get_ident().is_some() => path.path.get_ident().cloned(),
        Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(text),
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
                "`state` names the actor's struct in this module\nhelp: `state = Session`",
            );
            None
        }
    }
}

/// The declaration checks of an actor: a mailbox must have a bound.
pub fn check(decl: &ActorDecl, report: &mut Report) {
    if let Some(Bound::Unbounded(word)) = Given::read(&decl.mailbox) {
        report.push(Finding::new(
            Code::UNBOUNDED_ACTOR_MAILBOX,
            Location::of(word),
            "an actor's mailbox must have a bound: without one, callers never slow down \
             and a busy actor's queue grows until memory runs out",
            "give the mailbox a capacity, e.g. `#[unmixed::actor(mailbox = 64)]`; callers then \
             wait for space (`handle.m(..)`) or fail fast (`handle.try_m(..)`)",
        ));
    }
}

/// The items `#[unmixed::actor]` generates next to the state `Counter`.
#[derive(Debug, Clone)]
pub struct Names {
    /// `CounterMsg`, the message enum.
    pub message: Ident,
    /// `CounterHandle`, the handle callers hold.
    pub handle: Ident,
}

/// Methods generated on the state type (`Counter::spawn`).
pub const STATE_METHODS: &[&str] = &["spawn", "spawn_on"];

/// Methods every handle has besides the per-message ones.
pub const HANDLE_METHODS: &[&str] = &["shutdown", "is_closed", "clone"];

impl Names {
    /// The names for the state `state`, at its span.
    pub fn new(state: &Ident) -> Self {
        Names {
            message: format_ident!("{}Msg", state, span = state.span()),
            handle: format_ident!("{}Handle", state, span = state.span()),
        }
    }

    /// Every item the expansion adds to the module.
    pub fn items(&self) -> [&Ident; 2] {
        [&self.message, &self.handle]
    }

    /// The actor whose handle type is named `handle` (`CounterHandle` -> `Counter`).
    pub fn actor_of_handle(handle: &str) -> Option<&str> {
        handle
            .strip_suffix("Handle")
            .filter(|actor| !actor.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::*;
    use crate::declare::count::Count;
    use crate::declare::tests::{headlines, messages};

    #[test]
    fn every_option_is_read() {
        let (decl, errors) = ActorDecl::parse(quote!(mailbox = 16, state = Session));
        assert!(errors.is_empty());
        assert!(matches!(decl.mailbox_count(), Some(Count::Literal(n)) if n.to_string() == "16"));
        assert_eq!(decl.state_name().unwrap(), "Session");
        let mailbox = decl.mailbox.as_ref().unwrap();
        assert_eq!(mailbox.key, "mailbox");
        assert_eq!(mailbox.written().as_deref(), Some("16"));

        let (decl, errors) = ActorDecl::parse(TokenStream::new());
        assert!(errors.is_empty());
        assert!(decl.mailbox.is_none() && decl.state.is_none());
    }

    #[test]
    fn a_constant_mailbox_is_left_to_the_compiler() {
        let (decl, errors) = ActorDecl::parse(quote!(mailbox = limits::MAILBOX));
        assert!(errors.is_empty());
        assert!(matches!(decl.mailbox_count(), Some(Count::Const(_))));
        assert_eq!(
            decl.mailbox.unwrap().written().as_deref(),
            Some("limits::MAILBOX")
        );
    }

    #[test]
    fn the_attribute_form_reads_the_same_options() {
        let attr: syn::Attribute = syn::parse_quote!(#[unmixed::actor(mailbox = 8)]);
        let (decl, _) = ActorDecl::from_attribute(&attr);
        assert!(decl.mailbox_count().is_some());
        let bare: syn::Attribute = syn::parse_quote!(#[unmixed::actor]);
        let (decl, errors) = ActorDecl::from_attribute(&bare);
        assert!(decl.mailbox.is_none() && errors.is_empty());
    }

    #[test]
    fn every_mistake_is_reported_and_still_counts_as_written() {
        for (args, expected) in [
            (
                quote!(mailbx = 8),
                "unknown option `mailbx`; expected one of `mailbox`, `state`\nhelp: did you mean `mailbox = 64`?",
            ),
            (
                quote!(16),
                "`16` is not an option: `#[unmixed::actor]` takes `key = value` options\nhelp: `mailbox = 16`",
            ),
            (quote!(mailbox: 16), "expected `=` after `mailbox`\nhelp: `mailbox = 16`"),
            (quote!(mailbox), "`mailbox` needs a value\nhelp: `mailbox = 64`"),
            (quote!(mailbox =), "`mailbox =` needs a value\nhelp: `mailbox = 64`"),
            (
                quote!(mailbox = "16"),
                "`mailbox` takes a number, not a string\nhelp: write it without quotes: `mailbox = 16`",
            ),
            (
                quote!(mailbox = 0),
                "`mailbox` may not be 0: the mailbox needs room for at least one message\nhelp: `#[unmixed::actor(mailbox = 1)]` or more",
            ),
            (
                quote!(state = "Session"),
                "`state` names a struct, not a string\nhelp: write the name without quotes: `state = Session`",
            ),
            (
                quote!(state = a::Session),
                "`state` names the actor's struct in this module\nhelp: `state = Session`",
            ),
            (
                quote!(mailbox = 1 +),
                "cannot read the value of `mailbox`\nhelp: `mailbox = 64`",
            ),
        ] {
            let (decl, errors) = ActorDecl::parse(args.clone());
            assert_eq!(messages(&errors), [expected], "{args}");
            assert!(decl.mailbox_count().is_none() && decl.state_name().is_none());
            let written = decl.mailbox.is_some() || decl.state.is_some();
            let unknown = args.to_string().starts_with("mailbx");
            assert!(written != unknown, "{args}");
        }
    }

    #[test]
    fn the_first_of_two_options_counts() {
        let (decl, errors) = ActorDecl::parse(quote!(mailbox = 8, mailbox = 16));
        assert_eq!(
            messages(&errors),
            ["duplicate option `mailbox`\nhelp: keep one of them: remove this one or the earlier `mailbox = 8`"]
        );
        assert_eq!(decl.mailbox.unwrap().written().as_deref(), Some("8"));
    }

    #[test]
    fn too_large_a_mailbox_says_what_to_pick() {
        let (_, errors) = ActorDecl::parse(quote!(mailbox = 1_000_000_000_000));
        assert_eq!(
            headlines(&errors),
            ["`mailbox = 1000000000000` is too large: 536870911 is the most that unmixed's queues can count"]
        );
    }

    #[test]
    fn an_unbounded_mailbox_is_a_finding() {
        let (decl, errors) = ActorDecl::parse(quote!(mailbox = unbounded));
        assert!(errors.is_empty());
        let mut report = Report::new();
        check(&decl, &mut report);
        let codes: Vec<Code> = report.findings().iter().map(|f| f.code).collect();
        assert_eq!(codes, [Code::UNBOUNDED_ACTOR_MAILBOX]);
        let mut report = Report::new();
        check(&ActorDecl::parse(quote!(mailbox = 4)).0, &mut report);
        assert!(report.findings().is_empty());
    }

    #[test]
    fn the_state_is_found_in_the_module() {
        let module: syn::ItemMod = syn::parse_quote! {
            mod session {
                pub struct Session;
                pub struct Config;
                enum Other {}
            }
        };
        let items = &module.content.as_ref().unwrap().1;
        let ident = &module.ident;
        let (named, _) = ActorDecl::parse(quote!(state = Config));
        assert_eq!(named.find_state(ident, items).unwrap().ident, "Config");
        let (missing, _) = ActorDecl::parse(quote!(state = Nope));
        assert_eq!(
            missing.find_state(ident, items).unwrap_err().to_string(),
            "no struct `Nope` in module `session`"
        );
        let (unnamed, _) = ActorDecl::parse(TokenStream::new());
        assert_eq!(
            unnamed.find_state(ident, items).unwrap_err().to_string(),
            "module `session` has several structs\nhelp: say which one is the actor: `#[unmixed::actor(state = Session)]`"
        );
        assert_eq!(
            unnamed.find_state(ident, &items[..1]).unwrap().ident,
            "Session"
        );
        assert!(unnamed
            .find_state(ident, &items[2..])
            .unwrap_err()
            .to_string()
            .starts_with("module `session` has no struct to be the actor's state"));
    }

    #[test]
    fn state_on_an_impl_block_is_a_mistake() {
        let (decl, _) = ActorDecl::parse(quote!(state = Counter));
        assert!(decl.check_impl_form().is_some());
        assert!(ActorDecl::default().check_impl_form().is_none());
    }

    #[test]
    fn names_come_from_the_state() {
        let names = Names::new(&syn::parse_quote!(Counter));
        assert_eq!(
            names.items().map(ToString::to_string),
            ["CounterMsg", "CounterHandle"]
        );
        assert_eq!(Names::actor_of_handle("CounterHandle"), Some("Counter"));
        assert_eq!(Names::actor_of_handle("Handle"), None);
        assert_eq!(Names::actor_of_handle("Counter"), None);
    }
}
