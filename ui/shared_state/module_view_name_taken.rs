#[unmixed::shared_state(state = Inventory)]
mod store {
    pub struct Inventory {
        items: Vec<String>,
    }

    // Named like the view that the handle's `update` hands over.
    pub struct InventoryView;
}

fn main() {}
