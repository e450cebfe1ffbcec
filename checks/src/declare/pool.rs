//! `#[unmixed::worker_pool(bounded = .., workers = .., resource = ..,
//! max_wait = .., job = ..)]`: the declaration, the name of the pool it
//! generates, and its checks.
//!
//! The checks ([`check`]): a pool without a queue bound, or with
//! `bounded = unbounded` (UNBOUNDED_WORKER_QUEUE), and a resource pool
//! without a wait budget (CONNECTION_POOL_UNDERSIZED), because a pool of N
//! resources serves more callers than N only by making them wait, and how
//! long is a decision to write down.

use proc_macro2::{Span, TokenStream};
use quote::format_ident;
use syn::{Expr, Ident, Item, ItemFn, Lit, LitStr, Type, Visibility};

use super::count::{self, Bound, Count, Rules};
use super::options::{self, Raw, Spec, Value};
use super::{Errors, Given};
use crate::{Code, Finding, Location, Report};

const SPEC: Spec = Spec {
    attribute: "`#[unmixed::worker_pool]`",
    keys: &[
        ("bounded", "bounded = 64"),
        ("workers", "workers = 4"),
        ("resource", "resource = Db"),
        ("max_wait", "max_wait = \"250ms\""),
        ("job", "job = make_thumbnail"),
    ],
    type_keys: &["resource"],
    positional: "bounded",
};

/// What to say about `bounded`.
pub const BOUNDED: Rules = Rules {
    key: "bounded",
    example: "#[unmixed::worker_pool(bounded = 64)]",
    zero: "`bounded` may not be 0: the queue needs room for at least one waiting job\n\
           help: `#[unmixed::worker_pool(bounded = 1)]` or more",
    large: "a bound that size never makes a caller wait, so it bounds nothing; \
            pick how many jobs may wait, e.g. `#[unmixed::worker_pool(bounded = 64)]`",
};

/// What to say about `workers`.
pub const WORKERS: Rules = Rules {
    key: "workers",
    example: "workers = 4",
    zero: "`workers` may not be 0: a pool without workers never runs a job\n\
           help: `workers = 1` or more; for a sync job, leave it out to get one worker per CPU",
    large: "pick how many jobs should run at once, e.g. `workers = 16`; \
            for a sync job, leave it out to get one worker per CPU",
};

/// A worker pool as declared.
#[derive(Debug, Clone)]
pub struct PoolDecl {
    /// The attribute's arguments (the attribute, when read from source),
    /// where a missing option is reported.
    pub attribute: Location,
    /// `bounded = 64`: how many jobs may wait.
    pub bounded: Option<Given<Bound>>,
    /// `workers = 4`: how many jobs run at once; absent means one per CPU.
    pub workers: Option<Given<Count>>,
    /// `resource = Db`: the type each worker owns.
    pub resource: Option<Given<Type>>,
    /// `max_wait = "250ms"`, in nanoseconds: how long a caller may wait
    /// for queue space.
    pub max_wait: Option<Given<u64>>,
    /// `job = make`: the job function in the module form.
    pub job: Option<Given<Ident>>,
}

impl PoolDecl {
    /// Reads the arguments of `#[unmixed::worker_pool(..)]`.
    pub fn parse(args: TokenStream) -> (PoolDecl, Errors) {
        let attribute = if args.is_empty() {
            Location::at(Span::call_site())
        } else {
            Location::of(&args)
        };
        let mut errors = Errors::new();
        let mut decl = PoolDecl {
            attribute,
            bounded: None,
            workers: None,
            resource: None,
            max_wait: None,
            job: None,
        };
        for Raw { key, tokens, value } in options::parse(args, &SPEC, &mut errors) {
            let name = key.to_string();
            let value = match value {
                Value::Broken => None,
                Value::Type(ty) => {
                    decl.resource = Some(Given {
                        key,
                        tokens,
                        value: Some(ty),
                    });
                    continue;
                }
                Value::Missing if name == "resource" => {
                    errors.error_spanned_by(
                        &key,
                        "`resource` needs the type each worker owns\nhelp: `resource = Db`",
                    );
                    None
                }
                Value::Missing => {
                    errors.error_spanned_by(
                        &key,
                        format!("`{name}` needs a value\nhelp: {}", example(&name)),
                    );
                    None
                }
                Value::Expr(value) => Some(value),
            };
            match name.as_str() {
                "bounded" => {
                    let value =
                        value.and_then(|value| count::parse_bound(value, &BOUNDED, &mut errors));
                    decl.bounded = Some(Given { key, tokens, value });
                }
                "workers" => {
                    let value = value.and_then(|value| count::parse(value, &WORKERS, &mut errors));
                    decl.workers = Some(Given { key, tokens, value });
                }
                "resource" => {
                    decl.resource = Some(Given {
                        key,
                        tokens,
                        value: None,
                    });
                }
                "max_wait" => {
                    let value = value.and_then(|value| max_wait(&value, &mut errors));
                    decl.max_wait = Some(Given { key, tokens, value });
                }
                _ => {
                    let value = value.and_then(|value| job(value, &mut errors));
                    decl.job = Some(Given { key, tokens, value });
                }
            }
        }
        (decl, errors)
    }

    /// Reads a `#[unmixed::worker_pool(..)]` attribute found in source.
    pub fn from_attribute(attr: &syn::Attribute) -> (PoolDecl, Errors) {
        let (mut decl, errors) = Self::parse(super::arguments(attr));
        decl.attribute = Location::of(attr);
        (decl, errors)
    }

    /// The queue bound, when a count was given and could be read.
    pub fn bound(&self) -> Option<&Count> {
        Given::read(&self.bounded).and_then(Bound::count)
    }

    /// The resource type, when given and readable.
    pub fn resource_type(&self) -> Option<&Type> {
        Given::read(&self.resource)
    }

    /// The job named by `job = ..`, when it could be read.
    pub fn job_name(&self) -> Option<&Ident> {
        Given::read(&self.job)
    }

    /// In the module form, the job among the module's `items`: the function
    /// `job = ..` names, or else the module's only `pub fn`.
    pub fn find_job<'a>(
        &self,
        module: &Ident,
        items: &'a [Item],
    ) -> Result<&'a ItemFn, syn::Error> {
        let functions = items.iter().filter_map(|item| match item {
            Item::Fn(item) => Some(item),
            _ => None,
        });
        if let Some(wanted) = self.job_name() {
            return functions
                .clone()
                .find(|item| item.sig.ident == *wanted)
                .ok_or_else(|| {
                    syn::Error::new_spanned(
                        wanted,
                        format!("no function `{wanted}` in module `{module}`"),
                    )
                });
        }
        let public: Vec<&ItemFn> = functions
            .filter(|item| !matches!(item.vis, Visibility::Inherited))
            .collect();
        match public.as_slice() {
            [only] => Ok(only),
            [] => {
                // A function written by a macro appears only after this attribute ran.
                let help = if items.iter().any(|item| matches!(item, Item::Macro(_))) {
                    "; a function written by a macro call is not visible to `#[unmixed::worker_pool]`, so write the job out"
                } else {
                    ""
                };
                Err(syn::Error::new_spanned(
                    module,
                    format!(
                        "module `{module}` has no `pub fn` to be the pool's job\n\
                         help: make the job `pub`, or name it: `#[unmixed::worker_pool(bounded = 64, job = make)]`{help}"
                    ),
                ))
            }
            [first, second, ..] => Err(syn::Error::new_spanned(
                &second.sig.ident,
                format!(
                    "module `{module}` has several `pub fn`s\n\
                     help: say which one is the job: `#[unmixed::worker_pool(.., job = {})]`",
                    first.sig.ident
                ),
            )),
        }
    }

    /// On a function the job is the function itself: `job = ..` is a
    /// mistake there.
    pub fn check_fn_form(&self) -> Option<syn::Error> {
        self.job_name().map(|job| {
            syn::Error::new_spanned(
                job,
                "`job = ..` picks the job in the module form (`#[unmixed::worker_pool(..)] mod ..`); \
                 on a function the job is the function itself\n\
                 help: remove `job = ..`",
            )
        })
    }

    /// A pool has no unbounded mode: without a bound (or with
    /// `bounded = unbounded`) and no UNBOUNDED_WORKER_QUEUE reported (it was
    /// allowed), this says so, at the attribute.
    pub fn check_bound_required(&self, report: &Report) -> Option<syn::Error> {
        let reported = report
            .findings()
            .iter()
            .any(|finding| finding.code == Code::UNBOUNDED_WORKER_QUEUE);
        let bounded = match &self.bounded {
            None => false,
            Some(given) => !matches!(given.value, Some(Bound::Unbounded(_))),
        };
        (!bounded && !reported).then(|| {
            syn::Error::new(
                self.attribute.start,
                "`bounded` is required: a worker pool has no unbounded mode to allow\n\
                 help: `#[unmixed::worker_pool(bounded = 64)]`",
            )
        })
    }
}

fn example(key: &str) -> &'static str {
    match key {
        "bounded" => "`bounded = 64`: how many jobs may wait in the queue",
        "workers" => "`workers = 4`: how many jobs run at once",
        "max_wait" => "`max_wait = \"250ms\"`: how long a caller may wait for queue space",
        _ => "`job = make_thumbnail`: the module's function that is the job",
    }
}

fn job(value: Expr, errors: &mut Errors) -> Option<Ident> {
    match value {
        Expr::Path(path) if path.path.get_ident().is_some() => path.path.get_ident().cloned(),
        Expr::Lit(syn::ExprLit {
            lit: Lit::Str(text),
            ..
        }) => {
            errors.error_spanned_by(
                &text,
                format!(
                    "`job` names a function, not a string\nhelp: write the name without quotes: `job = {}`",
                    text.value()
                ),
            );
            None
        }
        other => {
            errors.error_spanned_by(
                other,
                "`job` names the job function of this module\nhelp: `job = make_thumbnail`",
            );
            None
        }
    }
}

fn max_wait(value: &Expr, errors: &mut Errors) -> Option<u64> {
    const FORMS: &str = "`max_wait` takes a duration: a whole number and a unit, one of \
                         `ns`, `us`, `ms`, `s`\nhelp: `max_wait = \"250ms\"`, `max_wait = \"2s\"` \
                         or `max_wait = \"100us\"`";
    let text = match value {
        Expr::Lit(syn::ExprLit {
            lit: Lit::Str(text),
            ..
        }) => text,
        Expr::Lit(syn::ExprLit {
            lit: Lit::Int(int), ..
        }) => {
            errors.error_spanned_by(
                int,
                format!(
                    "`max_wait` needs a unit: a bare number could be any of them\n\
                     help: write the duration as a string with its unit: `max_wait = \"{}ms\"` \
                     (units: `ns`, `us`, `ms`, `s`)",
                    int.base10_digits()
                ),
            );
            return None;
        }
        _ => {
            errors.error_spanned_by(value, FORMS);
            return None;
        }
    };
    match parse_duration(&text.value()) {
        Some(0) => {
            errors.error_spanned_by(
                text,
                "`max_wait` may not be zero: every caller that found the queue full would fail at once\n\
                 help: to never wait, call `pool.try_submit(..)`, which hands the job back when the queue is full; \
                 otherwise give a budget, e.g. `max_wait = \"10ms\"`",
            );
            None
        }
        Some(nanos) => Some(nanos),
        None => {
            unparsable(text, FORMS, errors);
            None
        }
    }
}

fn unparsable(text: &LitStr, forms: &str, errors: &mut Errors) {
    errors.error_spanned_by(
        text,
        format!("cannot read `{}` as a duration; {forms}", text.value()),
    );
}

/// `"250ms"` -> 250_000_000 nanoseconds.
fn parse_duration(text: &str) -> Option<u64> {
    let text = text.trim();
    let digits = text.find(|c: char| !c.is_ascii_digit())?;
    let (number, unit) = text.split_at(digits);
    let number: u64 = number.parse().ok()?;
    let scale: u64 = match unit.trim() {
        "ns" => 1,
        "us" | "µs" => 1_000,
        "ms" => 1_000_000,
        "s" => 1_000_000_000,
        _ => return None,
    };
    number.checked_mul(scale)
}

/// The declaration checks of the pool `name`: a bound on its queue, and a
/// wait budget when it lends resources.
pub fn check(decl: &PoolDecl, name: &str, report: &mut Report) {
    match Given::read(&decl.bounded) {
        Some(Bound::Unbounded(word)) => report.push(Finding::new(
            Code::UNBOUNDED_WORKER_QUEUE,
            Location::of(word),
            "a worker pool's queue must have a bound: without one, producers never slow down \
             and the jobs waiting for a worker pile up until memory runs out",
            "give the queue a capacity, e.g. `#[unmixed::worker_pool(bounded = 64)]`; callers then \
             wait for space (`pool.run(..)`) or get their job back (`pool.try_submit(..)`)",
        )),
        _ if decl.bounded.is_none() => report.push(Finding::new(
            Code::UNBOUNDED_WORKER_QUEUE,
            decl.attribute,
            format!(
                "worker pool `{name}` needs a bound on its queue: without one, producers never \
                 slow down and the queue of waiting jobs grows until memory runs out"
            ),
            "state how many jobs may wait: `#[unmixed::worker_pool(bounded = 64)]`; when the queue \
             is full, `pool.run(..)` and `pool.submit(..)` wait for space and `pool.try_submit(..)` \
             gives the job back",
        )),
        _ => {}
    }
    let resource = decl.resource.as_ref().filter(|given| given.value.is_some());
    if let (Some(resource), None) = (resource, &decl.max_wait) {
        report.push(Finding::new(
            Code::CONNECTION_POOL_UNDERSIZED,
            resource.location(),
            format!(
                "resource pool `{name}` has no wait budget: when more callers want a resource \
                 than it has workers, they queue, and nothing says how long a caller may wait"
            ),
            "state the budget: `max_wait = \"250ms\"`; callers that find the queue full for that \
             long get `PoolError::Timeout` instead of piling up",
        ));
    }
}

/// The items `#[unmixed::worker_pool]` generates next to the job `make_thumbnail`.
#[derive(Debug, Clone)]
pub struct Names {
    /// `MakeThumbnailPool`, the pool callers start and submit to.
    pub pool: Ident,
}

impl Names {
    /// The names for the job function `job`, at its span.
    pub fn new(job: &Ident) -> Self {
        let camel = super::camel_case(job);
        Names {
            pool: format_ident!("{}Pool", camel, span = job.span()),
        }
    }

    /// Every item the expansion adds to the module.
    pub fn items(&self) -> [&Ident; 1] {
        [&self.pool]
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::*;
    use crate::declare::tests::messages;

    fn codes(report: &Report) -> Vec<Code> {
        report.findings().iter().map(|f| f.code).collect()
    }

    #[test]
    fn every_option_is_read() {
        let (decl, errors) = PoolDecl::parse(quote!(
            bounded = 64,
            workers = 4,
            resource = HashMap<String, Db>,
            max_wait = "250ms",
            job = make
        ));
        assert!(errors.is_empty(), "{:?}", messages(&errors));
        assert!(matches!(decl.bound(), Some(Count::Literal(n)) if n.to_string() == "64"));
        assert!(Given::read(&decl.workers).is_some());
        assert_eq!(
            decl.resource.as_ref().and_then(Given::written).as_deref(),
            Some("HashMap<String , Db>")
        );
        assert!(decl.resource_type().is_some());
        assert_eq!(Given::read(&decl.max_wait), Some(&250_000_000));
        assert_eq!(decl.job_name().unwrap(), "make");
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("250ms"), Some(250_000_000));
        assert_eq!(parse_duration("2s"), Some(2_000_000_000));
        assert_eq!(parse_duration("100us"), Some(100_000));
        assert_eq!(parse_duration("7ns"), Some(7));
        assert_eq!(parse_duration("0ms"), Some(0));
        for bad in [
            "",
            "ms",
            "250",
            "1.5s",
            "250 millis",
            "-1s",
            "5m",
            "99999999999999999999s",
        ] {
            assert_eq!(parse_duration(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn every_mistake_is_reported_and_still_counts_as_written() {
        for (args, expected) in [
            (
                quote!(bounded = 4, resorce = Db),
                "unknown option `resorce`; expected one of `bounded`, `workers`, `resource`, `max_wait`, `job`\nhelp: did you mean `resource = Db`?",
            ),
            (quote!(bounded), "`bounded` needs a value\nhelp: `bounded = 64`: how many jobs may wait in the queue"),
            (quote!(bounded = 4, workers), "`workers` needs a value\nhelp: `workers = 4`: how many jobs run at once"),
            (quote!(bounded = 4, resource), "`resource` needs the type each worker owns\nhelp: `resource = Db`"),
            (
                quote!(bounded = 4, resource = "Db"),
                "`resource` takes a type, not a string\nhelp: write the type without quotes: `resource = Db`",
            ),
            (quote!(bounded = 4, resource = 1 + 1), "`resource` takes a type\nhelp: `resource = Db`"),
            (
                quote!(bounded = 4, workers = 0),
                "`workers` may not be 0: a pool without workers never runs a job\nhelp: `workers = 1` or more; for a sync job, leave it out to get one worker per CPU",
            ),
            (
                quote!(bounded = 4, max_wait = 250),
                "`max_wait` needs a unit: a bare number could be any of them\nhelp: write the duration as a string with its unit: `max_wait = \"250ms\"` (units: `ns`, `us`, `ms`, `s`)",
            ),
            (
                quote!(bounded = 4, max_wait = "0ms"),
                "`max_wait` may not be zero: every caller that found the queue full would fail at once\nhelp: to never wait, call `pool.try_submit(..)`, which hands the job back when the queue is full; otherwise give a budget, e.g. `max_wait = \"10ms\"`",
            ),
            (
                quote!(bounded = 4, max_wait = "soon"),
                "cannot read `soon` as a duration; `max_wait` takes a duration: a whole number and a unit, one of `ns`, `us`, `ms`, `s`\nhelp: `max_wait = \"250ms\"`, `max_wait = \"2s\"` or `max_wait = \"100us\"`",
            ),
            (
                quote!(bounded = 4, max_wait = soon),
                "`max_wait` takes a duration: a whole number and a unit, one of `ns`, `us`, `ms`, `s`\nhelp: `max_wait = \"250ms\"`, `max_wait = \"2s\"` or `max_wait = \"100us\"`",
            ),
            (
                quote!(bounded = 4, job = "make"),
                "`job` names a function, not a string\nhelp: write the name without quotes: `job = make`",
            ),
            (
                quote!(bounded = 4, job = a::make),
                "`job` names the job function of this module\nhelp: `job = make_thumbnail`",
            ),
            (
                quote!(bounded = 0),
                "`bounded` may not be 0: the queue needs room for at least one waiting job\nhelp: `#[unmixed::worker_pool(bounded = 1)]` or more",
            ),
        ] {
            let (decl, errors) = PoolDecl::parse(args.clone());
            assert_eq!(messages(&errors), [expected], "{args}");
            // A broken option still counts as written: no missing bound follows.
            let mut report = Report::new();
            check(&decl, "job", &mut report);
            assert_eq!(codes(&report), [], "{args}");
        }
    }

    #[test]
    fn a_missing_bound_and_a_missing_budget_are_findings() {
        let (decl, _) = PoolDecl::parse(quote!(resource = Db));
        let mut report = Report::new();
        check(&decl, "job", &mut report);
        assert_eq!(
            codes(&report),
            [
                Code::UNBOUNDED_WORKER_QUEUE,
                Code::CONNECTION_POOL_UNDERSIZED
            ]
        );
        let (decl, _) = PoolDecl::parse(quote!(bounded = unbounded));
        let mut report = Report::new();
        check(&decl, "job", &mut report);
        assert_eq!(codes(&report), [Code::UNBOUNDED_WORKER_QUEUE]);
        assert!(report.findings()[0]
            .message
            .starts_with("a worker pool's queue must have a bound"));
        let (decl, _) = PoolDecl::parse(quote!(bounded = 4, resource = Db, max_wait = "1s"));
        let mut report = Report::new();
        check(&decl, "job", &mut report);
        assert_eq!(codes(&report), []);
    }

    #[test]
    fn a_bound_is_required_even_where_its_finding_is_allowed() {
        let quiet = Report::new();
        for args in [quote!(workers = 2), quote!(bounded = unbounded)] {
            let (decl, _) = PoolDecl::parse(args);
            assert!(decl.check_bound_required(&quiet).is_some());
            let mut report = Report::new();
            check(&decl, "job", &mut report);
            assert!(decl.check_bound_required(&report).is_none());
        }
        let (decl, _) = PoolDecl::parse(quote!(bounded = 0));
        assert!(decl.check_bound_required(&quiet).is_none());
    }

    #[test]
    fn the_job_is_found_in_the_module() {
        let module: syn::ItemMod = syn::parse_quote! {
            mod thumbs {
                pub fn make() {}
                pub fn other() {}
                fn helper() {}
            }
        };
        let items = &module.content.as_ref().unwrap().1;
        let ident = &module.ident;
        let (named, _) = PoolDecl::parse(quote!(bounded = 4, job = helper));
        assert_eq!(named.find_job(ident, items).unwrap().sig.ident, "helper");
        let (unnamed, _) = PoolDecl::parse(quote!(bounded = 4));
        assert_eq!(
            unnamed.find_job(ident, items).unwrap_err().to_string(),
            "module `thumbs` has several `pub fn`s\nhelp: say which one is the job: `#[unmixed::worker_pool(.., job = make)]`"
        );
        assert_eq!(
            unnamed.find_job(ident, &items[1..]).unwrap().sig.ident,
            "other"
        );
        assert!(unnamed.find_job(ident, &items[2..]).is_err());
        assert!(named.check_fn_form().is_some() && unnamed.check_fn_form().is_none());
    }

    #[test]
    fn read_from_source_the_attribute_is_where_a_bound_is_missing() {
        let attr: syn::Attribute = syn::parse_quote!(#[unmixed::worker_pool(workers = 2)]);
        let (decl, _) = PoolDecl::from_attribute(&attr);
        assert_eq!(
            decl.attribute.start.start(),
            Location::of(&attr).start.start()
        );
    }

    #[test]
    fn names_come_from_the_job() {
        let names = Names::new(&syn::parse_quote!(make_thumbnail));
        assert_eq!(
            names.items().map(ToString::to_string),
            ["MakeThumbnailPool"]
        );
    }
}
