mod docs;

use std::fmt;
use std::str::FromStr;

pub use docs::{markdown_reference, markdown_table, CodeDoc};

macro_rules! codes {
    ($($(#[$doc:meta])* $variant:ident => $level:ident,)*) => {
        /// A stable check code. Its spelling (`LOCK_ACROSS_AWAIT`, ...) is part
        /// of the public contract: messages, `#[unmixed::allow]` and the
        /// reviewer's reports all use it.
        #[allow(non_camel_case_types)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Code {
            $($(#[$doc])* $variant,)*
        }

        impl Code {
            /// Every code, in a stable order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The code as written in messages and attributes.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => stringify!($variant),)*
                }
            }

            /// Errors stop the build; warnings are advisory.
            pub const fn default_level(self) -> Level {
                match self {
                    $(Code::$variant => Level::$level,)*
                }
            }
        }
    };
}

codes! {
    /// A synchronous lock guard is alive at an `.await`.
    LOCK_ACROSS_AWAIT => Error,
    /// A lock guard is alive across file, network, process or other blocking calls.
    LOCK_WRAPS_IO => Error,
    /// One lock wraps fields that independent code paths touch.
    LOCK_GUARDS_INDEPENDENT_STATE => Error,
    /// A worker pool is fed by a queue without a bound.
    UNBOUNDED_WORKER_QUEUE => Error,
    /// An actor is fed by a mailbox without a bound.
    UNBOUNDED_ACTOR_MAILBOX => Error,
    /// Worker code chooses its behaviour by which worker runs it.
    WORKER_POOL_BRANCHES_ON_TID => Error,
    /// Pooled resources are handed out again without being reset.
    CONNECTION_POOL_NO_RESET => Error,
    /// A resource pool has no stated wait budget for callers that outnumber it.
    CONNECTION_POOL_UNDERSIZED => Error,
    /// An actor awaits while it holds its state exclusively.
    ACTOR_HOLDS_AWAIT_ON_SHARED => Error,
    /// Actors wait on each other's replies in a cycle (or an actor on itself).
    ACTOR_CYCLIC_SEND => Error,
    /// `join!` used where independent work was meant to run in parallel.
    JOIN_INSTEAD_OF_SPAWN_FOR_PARALLELISM => Warning,
    /// A map is checked under one lock and changed under another.
    CHECK_THEN_ACT_ON_LOCKED_MAP => Error,
    /// A compare-exchange retry loop computes an operation that has a `fetch_*` form.
    CAS_LOOP_FOR_COMMUTATIVE_OP => Error,
    /// `fetch_update` used for an operation that has a `fetch_*` form.
    FETCH_UPDATE_AS_FAST_PATH => Warning,
    /// Printing used to observe a race, which changes the race.
    CONCURRENCY_DEBUG_VIA_PRINTLN => Warning,
    /// The data and its access pattern call for another model.
    WRONG_MODEL_FOR_WORKLOAD => Warning,
    /// A subsystem declares one model and uses another model's primitives.
    MIXED_MODELS => Error,
}

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    /// Advisory: reported, does not fail the build.
    Warning,
    /// Fails the build.
    Error,
}

impl Level {
    /// `"error"` or `"warning"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A string that names no check code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownCode(pub String);

impl fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown check code `{}`", self.0)?;
        if let Some(near) = self.closest() {
            write!(f, "; did you mean `{near}`?")?;
        }
        f.write_str("\nhelp: the codes are ")?;
        for (index, code) in Code::ALL.iter().enumerate() {
            if index > 0 {
                f.write_str(", ")?;
            }
            write!(f, "`{code}`")?;
        }
        Ok(())
    }
}

impl UnknownCode {
    /// The code the text was most likely meant to be.
    pub fn closest(&self) -> Option<Code> {
        let wanted = self.0.to_ascii_uppercase();
        Code::ALL
            .iter()
            .copied()
            .map(|code| (edit_distance(&wanted, code.as_str()), code))
            .filter(|(distance, _)| *distance <= 3)
            .min_by_key(|(distance, _)| *distance)
            .map(|(_, code)| code)
    }
}

/// Levenshtein distance: how many one-character edits turn `a` into `b`.
/// Used to suggest the name a typo meant, here and in the macros' options.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

impl std::error::Error for UnknownCode {}

impl FromStr for Code {
    type Err = UnknownCode;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Code::ALL
            .iter()
            .copied()
            .find(|code| code.as_str() == text)
            .ok_or_else(|| UnknownCode(text.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_one_character_edits() {
        assert_eq!(edit_distance("mailbx", "mailbox"), 1);
        assert_eq!(edit_distance("bounds", "bounded"), 2);
        assert!(edit_distance("capacity", "mailbox") > 2);
        assert_eq!(edit_distance("", "job"), 3);
    }

    #[test]
    fn codes_round_trip_through_their_spelling() {
        for &code in Code::ALL {
            assert_eq!(code.as_str().parse::<Code>(), Ok(code));
        }
        assert_eq!(Code::ALL.len(), 17);
    }

    #[test]
    fn unknown_code_lists_the_valid_ones() {
        let error = "LOCK_ACROS_AWAIT".parse::<Code>().unwrap_err().to_string();
        assert!(error.starts_with(
            "unknown check code `LOCK_ACROS_AWAIT`; did you mean `LOCK_ACROSS_AWAIT`?"
        ));
        assert!(!"SOMETHING_ELSE"
            .parse::<Code>()
            .unwrap_err()
            .to_string()
            .contains("did you mean"));
        assert!(error.contains("`LOCK_ACROSS_AWAIT`") && error.contains("`MIXED_MODELS`"));
    }

    #[test]
    fn advisory_checks_are_warnings() {
        let warnings: Vec<_> = Code::ALL
            .iter()
            .filter(|code| code.default_level() == Level::Warning)
            .map(|code| code.as_str())
            .collect();
        assert_eq!(
            warnings,
            [
                "JOIN_INSTEAD_OF_SPAWN_FOR_PARALLELISM",
                "FETCH_UPDATE_AS_FAST_PATH",
                "CONCURRENCY_DEBUG_VIA_PRINTLN",
                "WRONG_MODEL_FOR_WORKLOAD"
            ]
        );
    }
}
