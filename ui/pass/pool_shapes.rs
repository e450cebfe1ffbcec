//! Job shapes `#[unmixed::worker_pool]` accepts as written: patterns and
//! `mut` bindings as arguments, no arguments at all, suffixed literals, a
//! deprecated job (its pool is deprecated too), a `const fn` and
//! documented jobs.
#![deny(warnings)]

/// Sums a pair and more; `arg0` and `_unused` are ordinary names too.
#[unmixed::worker_pool(bounded = 4u16, workers = 2usize)]
pub fn sum((a, b): (u64, u64), _: u8, mut extra: u64, arg0: u64, _unused: u64) -> u64 {
    extra += arg0;
    a + b + extra
}

/// Ticks; `const` is fine, the pool calls it at run time.
#[unmixed::worker_pool(bounded = 4, workers = 1)]
pub const fn tick() -> u8 {
    1
}

/// Old.
#[deprecated(note = "use `tick`")]
#[unmixed::worker_pool(bounded = 4, workers = 1)]
pub fn old_tick() -> u8 {
    1
}

fn main() {
    let sums = SumPool::start();
    assert_eq!(sums.run_blocking((1, 2), 0, 3, 4, 5), Ok(10));
    let ticks = TickPool::start();
    assert_eq!(ticks.try_submit().unwrap().wait(), Ok(1));
    #[allow(deprecated)]
    let old = OldTickPool::start();
    assert_eq!(old.run_blocking(), Ok(1));
}
