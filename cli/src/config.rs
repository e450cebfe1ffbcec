//! Levels per check code: defaults, then `unmixed.toml` at the workspace
//! root, then `--deny` / `--warn` / `--allow` on the command line.
//!
//! ```toml
//! [levels]
//! LOCK_ACROSS_AWAIT = "deny"      # "deny", "warn" or "allow"
//! WRONG_MODEL_FOR_WORKLOAD = "allow"
//!
//! [locks]
//! guard_functions = ["state"]              # your functions that return a lock guard
//! guard_types = ["SpinGuard"]              # your guard types: whatever returns one holds a lock
//! blocking_calls = ["db::query", "send"]   # calls that block like I/O
//! ```

use std::collections::HashMap;
use std::path::Path;

use unmixed_checks::{locks, Code, Level};

use crate::args::LevelFlags;

/// The configuration file's name, looked up at the workspace root.
pub const FILE: &str = "unmixed.toml";

#[derive(Debug, Default)]
pub struct Config {
    /// `None`: the code is not reported.
    levels: HashMap<Code, Option<Level>>,
    /// What the project tells the lock checks about its own code.
    pub locks: locks::Settings,
}

impl Config {
    pub fn load(root: &Path, flags: &LevelFlags) -> Result<Config, String> {
        let mut config = Config::default();
        let path = root.join(FILE);
        if let Ok(text) = std::fs::read_to_string(&path) {
            config
                .read_toml(&text)
                .map_err(|error| format!("{}: {error}", path.display()))?;
        }
        for (codes, level) in [
            (&flags.deny, Some(Level::Error)),
            (&flags.warn, Some(Level::Warning)),
            (&flags.allow, None),
        ] {
            for code in codes {
                let code: Code = code.parse().map_err(|error| format!("{error}"))?;
                config.levels.insert(code, level);
            }
        }
        Ok(config)
    }

    fn read_toml(&mut self, text: &str) -> Result<(), String> {
        let table: toml::Table = text.parse().map_err(|error| format!("{error}"))?;
        for (key, value) in &table {
            match (key.as_str(), value) {
                ("levels", toml::Value::Table(levels)) => {
                    for (code, level) in levels {
                        let code: Code = code.parse().map_err(|error| format!("{error}"))?;
                        let level = match level.as_str() {
                            Some("deny") => Some(Level::Error),
                            Some("warn") => Some(Level::Warning),
                            Some("allow") => None,
                            _ => {
                                return Err(format!(
                                    "`{code}` has level {level:?}; expected \"deny\", \"warn\" or \"allow\""
                                ))
                            }
                        };
                        self.levels.insert(code, level);
                    }
                }
                ("locks", toml::Value::Table(settings)) => {
                    for (key, value) in settings {
                        let list = string_list(key, value)?;
                        match key.as_str() {
                            "guard_functions" => self.locks.guard_functions = list,
                            "guard_types" => self.locks.guard_types = list,
                            "blocking_calls" => self.locks.blocking_calls = list,
                            other => {
                                return Err(format!(
                                    "unknown key `locks.{other}`; expected `guard_functions`, \
                                     `guard_types` or `blocking_calls`"
                                ))
                            }
                        }
                    }
                }
                (other, _) => {
                    return Err(format!(
                        "unknown key `{other}`; expected `[levels]` or `[locks]`"
                    ));
                }
            }
        }
        Ok(())
    }

    /// The level to report `code` at, or `None` to drop it.
    pub fn level(&self, code: Code, default: Level) -> Option<Level> {
        self.levels.get(&code).copied().unwrap_or(Some(default))
    }
}

fn string_list(key: &str, value: &toml::Value) -> Result<Vec<String>, String> {
    let items = value
        .as_array()
        .ok_or_else(|| format!("`locks.{key}` takes a list of strings: [\"name\"]"))?;
    items
        .iter()
        .map(|item| {
            item.as_str()
                .map(str::to_owned)
                .ok_or_else(|| format!("`locks.{key}` takes a list of strings: [\"name\"]"))
        })
        .collect()
}
