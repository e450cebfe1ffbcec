//! Report formats: a line per finding for people, JSON lines and SARIF for machines.

pub mod json;
pub mod sarif;
pub mod text;
