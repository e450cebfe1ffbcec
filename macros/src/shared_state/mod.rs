//! `#[unmixed::shared_state]`: on a struct, generate the shared handle and
//! its accessors; on an inline module, declare the shared-memory model and
//! run the lock-hazard analysis over every function in it (and, with
//! `state = Name`, generate the handle for that struct too).

mod ast;
mod attr;
mod expand;
mod valid;

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};
use syn::visit_mut::VisitMut;
use syn::{Item, ItemMod, ItemStruct};
use unmixed_checks::{atomics, locks, messaging, Declared, Finding, Model, Report};

use crate::ctxt::Ctxt;
use crate::helper_attrs::StripAllows;
use crate::render;
use ast::State;

pub fn expand(args: TokenStream, input: TokenStream) -> TokenStream {
    let mut cx = Ctxt::default();
    let mut findings = Vec::new();
    let options = attr::parse(args, &mut cx);
    let output = match syn::parse2::<Item>(input.clone()) {
        Ok(Item::Struct(item)) => {
            if let Some(state) = &options.state {
                cx.error_spanned_by(
                    state,
                    "`state = ..` picks the struct in the module form (`#[unmixed::shared_state] mod ..`); \
                     on a struct the state is the struct itself\n\
                     help: remove `state = ..`",
                );
            }
            struct_form(item, &options, &mut cx, &mut findings)
        }
        Ok(Item::Mod(module)) => module_form(module, &options, &mut cx, &mut findings),
        Ok(other) => {
            cx.error_spanned_by(
                crate::item::keyword_and_name(&other),
                "`#[unmixed::shared_state]` goes on a struct whose fields threads share, \
                 or on an inline module whose functions share memory\n\
                 help: `#[unmixed::shared_state] pub struct Inventory { items: Vec<String>, #[counter] sold: u64 }` \
                 or `#[unmixed::shared_state] mod cache { .. }`",
            );
            other.into_token_stream()
        }
        Err(error) => {
            cx.syn_error(error);
            input
        }
    };
    render::finish(output, &findings, cx)
}

/// Reads the state out of `item` (stripping its field attributes), checks
/// its fields and writes the generated items.
fn generate(
    item: &mut ItemStruct,
    options: &attr::Options,
    cx: &mut Ctxt,
    report: &mut Report,
) -> TokenStream {
    let name = item.ident.to_string();
    let declared = Declared {
        model: Model::SharedState,
        name: &name,
    };
    report.allowing(&item.attrs, |report| {
        messaging::check_state_fields(&item.fields, declared, report);
    });
    let Some(state) = State::from_struct(item, cx) else {
        strip_field_attrs(item);
        return TokenStream::new();
    };
    let keep = valid::check(&state, cx);
    expand::expand(&state, &keep, options.max_hold.as_ref())
}

fn struct_form(
    item: ItemStruct,
    options: &attr::Options,
    cx: &mut Ctxt,
    findings: &mut Vec<Finding>,
) -> TokenStream {
    let mut item = item;
    let mut report = Report::new();
    let generated = generate(&mut item, options, cx, &mut report);
    findings.extend(report.into_findings());
    let mut item = Item::Struct(item);
    StripAllows { cx }.visit_item_mut(&mut item);
    quote!(#item #generated)
}

fn module_form(
    mut module: ItemMod,
    options: &attr::Options,
    cx: &mut Ctxt,
    findings: &mut Vec<Finding>,
) -> TokenStream {
    let Some((_, items)) = &mut module.content else {
        cx.error_spanned_by(
            &module,
            "`#[unmixed::shared_state]` needs the module's body to check its functions\nhelp: write the module inline: `mod cache { .. }`",
        );
        return module.into_token_stream();
    };
    let name = module.ident.to_string();
    let declared = Declared {
        model: Model::SharedState,
        name: &name,
    };
    let mut report = Report::new();
    let mut generated = TokenStream::new();
    if let Some(wanted) = &options.state {
        let found = items.iter_mut().find_map(|item| match item {
            Item::Struct(item) if item.ident == *wanted => Some(item),
            _ => None,
        });
        match found {
            Some(item) => {
                report.allowing(&module.attrs, |report| {
                    generated = generate(item, options, cx, report);
                });
            }
            None => {
                // A struct written by a macro appears only after this attribute ran.
                let help = if items.iter().any(|item| matches!(item, Item::Macro(_))) {
                    "\nhelp: a struct written by a macro call is not visible to `#[unmixed::shared_state]`; write the struct out in the module"
                } else {
                    ""
                };
                cx.error_spanned_by(
                    wanted,
                    format!("no struct `{wanted}` in module `{}`{help}", module.ident),
                );
            }
        }
    } else if options.max_hold.is_some() {
        cx.error_spanned_by(
            &module.ident,
            "`max_hold` times the accessors of a generated handle, and this module generates none\n\
             help: name the struct to share: `#[unmixed::shared_state(state = Inventory, max_hold = \"100us\")]`",
        );
    }
    report.allowing(&module.attrs, |report| {
        messaging::check(&module, declared, report);
        if let Some((_, items)) = &module.content {
            let path = format!("crate::{}", module.ident);
            locks::check_items(items, &path, &locks::Settings::default(), report);
            locks::check_independent_state(items, report);
        }
        atomics::check(&module, report);
    });
    findings.extend(report.into_findings());
    StripAllows { cx }.visit_item_mod_mut(&mut module);
    if let (Some((_, items)), Some(state)) = (&mut module.content, &options.state) {
        let names = [format!("{state}Handle")];
        if !generated.is_empty()
            && !crate::item::report_taken_names(items, &names, "`#[unmixed::shared_state]`", cx)
        {
            items.push(Item::Verbatim(generated));
        }
    }
    module.into_token_stream()
}

/// After a fatal error, the field attributes still must not reach rustc.
fn strip_field_attrs(item: &mut ItemStruct) {
    for field in &mut item.fields {
        field.attrs.retain(|attr| {
            !["rw", "counter", "snapshot"].iter().any(|name| {
                attr.path().is_ident(name)
                    || (attr.path().segments.len() == 2
                        && attr.path().segments[0].ident == "unmixed"
                        && attr.path().segments[1].ident == *name)
            })
        });
    }
}
