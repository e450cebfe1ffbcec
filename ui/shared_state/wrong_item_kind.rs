#[unmixed::shared_state]
pub enum Light { On, Off }
#[unmixed::shared_state]
pub trait Service { fn call(&self); }
#[unmixed::shared_state]
impl Service for u8 { fn call(&self) {} }
#[unmixed::shared_state]
pub union U { a: u8 }
#[unmixed::shared_state]
pub struct Unit;
#[unmixed::shared_state]
use std::fmt;
fn main() {}
