use std::collections::HashMap;

#[unmixed::shared_state]
pub struct Inventory {
    items: HashMap<String, u32>,
}

fn main() {
    let inv = Inventory { items: HashMap::new() }.share();
    // The guard cannot escape: the result may not borrow from the field.
    let count: Option<&u32> = inv.items(|items| items.get("apple"));
    println!("{count:?}");
}
