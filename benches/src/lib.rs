//! Benchmarks of unmixed
