#[unmixed::actor]
pub fn counter() {}
#[unmixed::actor]
pub enum Light { On, Off }
#[unmixed::actor]
pub trait Service { fn call(&self); }
#[unmixed::actor]
use std::fmt;
#[unmixed::actor]
const LIMIT: u32 = 3;
fn main() {}
