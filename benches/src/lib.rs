//! Benchmarks of unmixed; the library holds the compile-time cost
//! benchmark's generator, run by the `compile_cost` binary.

pub mod compile_cost;
