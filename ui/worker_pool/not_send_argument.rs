use std::rc::Rc;

#[unmixed::worker_pool(bounded = 8)]
pub fn count(names: Rc<Vec<String>>) -> usize {
    names.len()
}

fn main() {}
