//! The options of `#[worker_pool(..)]`.

use proc_macro2::TokenStream;
use syn::{Expr, Ident, Lit, LitStr, Type};
use unmixed_checks::{Code, Finding, Location};

pub use crate::count::Count;
use crate::count::{self, Rules};
use crate::ctxt::Ctxt;
use crate::options::{self, Spec, Value};

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

pub const BOUNDED: Rules = Rules {
    key: "bounded",
    example: "#[unmixed::worker_pool(bounded = 64)]",
    zero: "`bounded` may not be 0: the queue needs room for at least one waiting job\n\
           help: `#[unmixed::worker_pool(bounded = 1)]` or more",
    large: "a bound that size never makes a caller wait, so it bounds nothing; \
            pick how many jobs may wait, e.g. `#[unmixed::worker_pool(bounded = 64)]`",
};

pub const WORKERS: Rules = Rules {
    key: "workers",
    example: "workers = 4",
    zero: "`workers` may not be 0: a pool without workers never runs a job\n\
           help: `workers = 1` or more; for a sync job, leave it out to get one worker per CPU",
    large: "pick how many jobs should run at once, e.g. `workers = 16`; \
            for a sync job, leave it out to get one worker per CPU",
};

pub struct Options {
    /// The queue bound, when given and valid.
    pub bounded: Option<Count>,
    /// Whether `bounded` was written at all (a wrong value is its own error).
    pub bounded_given: bool,
    pub workers: Option<Count>,
    /// Whether `workers` was written at all.
    pub workers_given: bool,
    /// `resource = Type`: the `resource` key and the type.
    pub resource: Option<(Ident, Type)>,
    /// Whether `resource` was written at all.
    pub resource_given: bool,
    /// `max_wait`, in nanoseconds, when given and valid.
    pub max_wait: Option<u64>,
    pub max_wait_given: bool,
    /// The module form's `job = name`.
    pub job: Option<Ident>,
}

pub fn parse(args: TokenStream, cx: &mut Ctxt, findings: &mut Vec<Finding>) -> Options {
    let mut result = Options {
        bounded: None,
        bounded_given: false,
        workers: None,
        workers_given: false,
        resource: None,
        resource_given: false,
        max_wait: None,
        max_wait_given: false,
        job: None,
    };
    for option in options::parse(args, &SPEC, cx) {
        let key = option.key.to_string();
        result.bounded_given |= key == "bounded";
        result.workers_given |= key == "workers";
        result.resource_given |= key == "resource";
        result.max_wait_given |= key == "max_wait";
        let value = match option.value {
            Value::Broken => continue,
            Value::Type(ty) => {
                result.resource = Some((option.key, ty));
                continue;
            }
            Value::Missing if key == "resource" => {
                cx.error_spanned_by(
                    &option.key,
                    "`resource` needs the type each worker owns\nhelp: `resource = Db`",
                );
                continue;
            }
            Value::Missing => {
                cx.error_spanned_by(
                    &option.key,
                    format!("`{key}` needs a value\nhelp: {}", example(&key)),
                );
                continue;
            }
            Value::Expr(value) => value,
        };
        match key.as_str() {
            "bounded" => result.bounded = bounded(value, findings, cx),
            "workers" => result.workers = count::parse(value, &WORKERS, cx),
            "max_wait" => result.max_wait = max_wait(&value, cx),
            "job" => match value {
                Expr::Path(path) if path.path.get_ident().is_some() => {
                    result.job = path.path.get_ident().cloned();
                }
                Expr::Lit(syn::ExprLit {
                    lit: Lit::Str(text),
                    ..
                }) => cx.error_spanned_by(
                    &text,
                    format!(
                        "`job` names a function, not a string\nhelp: write the name without quotes: `job = {}`",
                        text.value()
                    ),
                ),
                other => cx.error_spanned_by(
                    other,
                    "`job` names the job function of this module\nhelp: `job = make_thumbnail`",
                ),
            },
            _ => {}
        }
    }
    result
}

fn example(key: &str) -> &'static str {
    match key {
        "bounded" => "`bounded = 64`: how many jobs may wait in the queue",
        "workers" => "`workers = 4`: how many jobs run at once",
        "max_wait" => "`max_wait = \"250ms\"`: how long a caller may wait for queue space",
        _ => "`job = make_thumbnail`: the module's function that is the job",
    }
}

fn bounded(value: Expr, findings: &mut Vec<Finding>, cx: &mut Ctxt) -> Option<Count> {
    if let Expr::Path(path) = &value {
        if path.path.is_ident("unbounded") {
            findings.push(Finding::new(
                Code::UNBOUNDED_WORKER_QUEUE,
                Location::of(path),
                "a worker pool's queue must have a bound: without one, producers never slow down \
                 and the jobs waiting for a worker pile up until memory runs out",
                "give the queue a capacity, e.g. `#[unmixed::worker_pool(bounded = 64)]`; callers then \
                 wait for space (`pool.run(..)`) or get their job back (`pool.try_submit(..)`)",
            ));
            return None;
        }
    }
    count::parse(value, &BOUNDED, cx)
}

fn max_wait(value: &Expr, cx: &mut Ctxt) -> Option<u64> {
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
            cx.error_spanned_by(
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
            cx.error_spanned_by(value, FORMS);
            return None;
        }
    };
    match parse_duration(&text.value()) {
        Some(0) => {
            cx.error_spanned_by(
                text,
                "`max_wait` may not be zero: every caller that found the queue full would fail at once\n\
                 help: to never wait, call `pool.try_submit(..)`, which hands the job back when the queue is full; \
                 otherwise give a budget, e.g. `max_wait = \"10ms\"`",
            );
            None
        }
        Some(nanos) => Some(nanos),
        None => {
            unparsable(text, FORMS, cx);
            None
        }
    }
}

fn unparsable(text: &LitStr, forms: &str, cx: &mut Ctxt) {
    cx.error_spanned_by(
        text,
        format!("cannot read `{}` as a duration; {forms}", text.value()),
    );
}

/// `"250ms"` -> 250_000_000 nanoseconds.
pub fn parse_duration(text: &str) -> Option<u64> {
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

#[cfg(test)]
mod tests {
    use super::parse_duration;

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
}
