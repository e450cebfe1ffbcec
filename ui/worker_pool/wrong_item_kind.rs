#[unmixed::worker_pool(bounded = 4)]
pub enum Light { On, Off }
#[unmixed::worker_pool(bounded = 4)]
pub trait Service { fn call(&self); }
#[unmixed::worker_pool(bounded = 4)]
use std::fmt;
fn main() {}
