//! `#[unmixed::worker_pool]`: parse into a model, validate, run the checks, expand.

mod ast;
mod attr;
mod expand;
mod valid;

use proc_macro2::{Span, TokenStream};
use quote::{quote, ToTokens};
use syn::visit_mut::VisitMut;
use syn::{Item, ItemFn, ItemMod, Visibility};
use unmixed_checks::pools::{self, Declaration};
use unmixed_checks::{Code, Finding, Location, Report};

use crate::ctxt::Ctxt;
use crate::helper_attrs::StripAllows;
use crate::render;
use ast::Job;
use attr::Options;
use expand::Settings;

pub fn expand(args: TokenStream, input: TokenStream) -> TokenStream {
    let mut cx = Ctxt::default();
    let mut findings = Vec::new();
    let attribute = if args.is_empty() {
        Location::at(Span::call_site())
    } else {
        Location::of(&args)
    };
    let options = attr::parse(args, &mut cx, &mut findings);
    let output = match syn::parse2::<Item>(input.clone()) {
        Ok(Item::Fn(item)) => {
            if let Some(job) = &options.job {
                cx.error_spanned_by(
                    job,
                    "`job = ..` picks the job in the module form (`#[unmixed::worker_pool(..)] mod ..`); \
                     on a function the job is the function itself\n\
                     help: remove `job = ..`",
                );
            }
            fn_form(item, &options, attribute, &mut cx, &mut findings)
        }
        Ok(Item::Mod(module)) => module_form(module, &options, attribute, &mut cx, &mut findings),
        Ok(other) => {
            cx.error_spanned_by(
                crate::item::keyword_and_name(&other),
                "`#[unmixed::worker_pool]` goes on the function that is the job, \
                 or on an inline module that holds it\n\
                 help: `#[unmixed::worker_pool(bounded = 64)] pub fn checksum(data: Vec<u8>) -> u32 { .. }`",
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

fn fn_form(
    mut item: ItemFn,
    options: &Options,
    attribute: Location,
    cx: &mut Ctxt,
    findings: &mut Vec<Finding>,
) -> TokenStream {
    let name = item.sig.ident.to_string();
    let mut report = Report::new();
    pools::check_fn(&item, declaration(options, attribute, &name), &mut report);
    require_bound(options, attribute, &report, cx);
    findings.extend(report.into_findings());
    let resource = options.resource.as_ref().map(|(_, ty)| ty);
    let job = job(&item, options, resource, cx);
    valid::check(&item.sig, options, cx);
    StripAllows { cx }.visit_item_fn_mut(&mut item);
    let generated = job.map(|job| expand::expand(&job, &settings(options)));
    quote!(#item #generated)
}

fn module_form(
    mut module: ItemMod,
    options: &Options,
    attribute: Location,
    cx: &mut Ctxt,
    findings: &mut Vec<Finding>,
) -> TokenStream {
    let Some((_, items)) = &module.content else {
        cx.error_spanned_by(
            &module,
            "`#[unmixed::worker_pool]` needs the module's body to see the job\n\
             help: write the module inline: `mod thumbnails { .. }`",
        );
        return module.into_token_stream();
    };
    let name = module.ident.to_string();
    let job_fn = find_job(items, options, &module.ident, cx).cloned();
    let mut report = Report::new();
    pools::check_module(
        &module,
        job_fn.as_ref(),
        declaration(options, attribute, &name),
        &mut report,
    );
    require_bound(options, attribute, &report, cx);
    findings.extend(report.into_findings());
    let generated = job_fn.and_then(|job_fn| {
        let resource = options.resource.as_ref().map(|(_, ty)| ty);
        let job = job(&job_fn, options, resource, cx);
        valid::check(&job_fn.sig, options, cx);
        let name = expand::pool_name(job.as_ref()?).to_string();
        if crate::item::report_taken_names(items, &[name], "`#[unmixed::worker_pool]`", cx) {
            return None;
        }
        job.map(|job| expand::expand(&job, &settings(options)))
    });
    StripAllows { cx }.visit_item_mod_mut(&mut module);
    if let (Some(generated), Some((_, items))) = (generated, &mut module.content) {
        items.push(Item::Verbatim(generated));
    }
    module.into_token_stream()
}

/// The job's model; none when `resource` was written but unreadable, since
/// its first parameter could then only be misread as an argument.
fn job(
    item: &ItemFn,
    options: &Options,
    resource: Option<&syn::Type>,
    cx: &mut Ctxt,
) -> Option<Job> {
    if options.resource_given && resource.is_none() {
        return None;
    }
    Job::from_sig(&item.sig, &item.vis, &item.attrs, resource, cx)
}

fn settings(options: &Options) -> Settings<'_> {
    Settings {
        bounded: options.bounded.as_ref(),
        workers: options.workers.as_ref(),
        max_wait: options.max_wait,
        resource: options.resource.as_ref().map(|(_, ty)| ty),
    }
}

fn declaration<'a>(options: &Options, attribute: Location, name: &'a str) -> Declaration<'a> {
    Declaration {
        name,
        attribute,
        bounded: options.bounded_given,
        resource: options
            .resource
            .as_ref()
            .map(|(key, ty)| Location::of(&quote!(#key = #ty))),
        max_wait: options.max_wait_given,
    }
}

/// A pool has no unbounded mode, so a missing bound is an error even where
/// `UNBOUNDED_WORKER_QUEUE` is allowed.
fn require_bound(options: &Options, attribute: Location, report: &Report, cx: &mut Ctxt) {
    let reported = report
        .findings()
        .iter()
        .any(|finding| finding.code == Code::UNBOUNDED_WORKER_QUEUE);
    if !options.bounded_given && !reported {
        cx.syn_error(syn::Error::new(
            attribute.start,
            "`bounded` is required: a worker pool has no unbounded mode to allow\n\
             help: `#[unmixed::worker_pool(bounded = 64)]`",
        ));
    }
}

fn find_job<'a>(
    items: &'a [Item],
    options: &Options,
    module: &syn::Ident,
    cx: &mut Ctxt,
) -> Option<&'a ItemFn> {
    let functions = items.iter().filter_map(|item| match item {
        Item::Fn(item) => Some(item),
        _ => None,
    });
    if let Some(wanted) = &options.job {
        let found = functions.clone().find(|item| item.sig.ident == *wanted);
        if found.is_none() {
            cx.error_spanned_by(
                wanted,
                format!("no function `{wanted}` in module `{module}`"),
            );
        }
        return found;
    }
    let public: Vec<&ItemFn> = functions
        .filter(|item| !matches!(item.vis, Visibility::Inherited))
        .collect();
    match public.as_slice() {
        [only] => Some(only),
        [] => {
            // A function written by a macro appears only after this attribute ran.
            let help = if items.iter().any(|item| matches!(item, Item::Macro(_))) {
                "; a function written by a macro call is not visible to `#[unmixed::worker_pool]`, so write the job out"
            } else {
                ""
            };
            cx.error_spanned_by(
                module,
                format!(
                    "module `{module}` has no `pub fn` to be the pool's job\n\
                     help: make the job `pub`, or name it: `#[unmixed::worker_pool(bounded = 64, job = make)]`{help}"
                ),
            );
            None
        }
        [first, second, ..] => {
            cx.error_spanned_by(
                &second.sig.ident,
                format!(
                    "module `{module}` has several `pub fn`s\n\
                     help: say which one is the job: `#[unmixed::worker_pool(.., job = {})]`",
                    first.sig.ident
                ),
            );
            None
        }
    }
}
